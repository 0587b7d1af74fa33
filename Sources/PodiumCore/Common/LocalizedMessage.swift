/// A user-facing message as a localization key plus named arguments, so the domain can say
/// what went wrong without knowing the reader's language.
public struct LocalizedMessage: Sendable, Hashable, Codable, CustomStringConvertible {
    public let key: String
    public let args: [String: String]

    public init(_ key: String, _ args: [String: String] = [:]) {
        self.key = key
        self.args = args
    }

    public var description: String {
        args.isEmpty ? key : "\(key) \(args.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
    }
}
