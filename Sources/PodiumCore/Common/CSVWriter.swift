/// Writes CSV the way spreadsheet programs open it: UTF-8 with a byte-order mark (so Excel shows Chinese
/// names), CRLF line ends, fields quoted when they hold a comma, quote or line break. A field that a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe.
public struct CSVWriter: Sendable {
    private var lines: [String] = []

    public init(header: [String]) { append(header) }

    public mutating func append(_ fields: [String]) {
        lines.append(fields.map(Self.escape).joined(separator: ","))
    }

    public var text: String { "\u{FEFF}" + lines.map { $0 + "\r\n" }.joined() }

    static func escape(_ field: String) -> String {
        var value = field
        if let first = value.first, "=+-@\t\r".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
