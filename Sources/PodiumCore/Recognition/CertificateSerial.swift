import Foundation

/// Certificate numbers such as `2020-OE-007-K`: award year, category code, sequence, and a check letter
/// that catches a mistyped digit or two swapped characters on the verify page.
public struct CertificateSerial: Sendable, Hashable, CustomStringConvertible {
    public let year: Int
    public let code: String
    public let sequence: Int

    public init(year: Int, code: String, sequence: Int) {
        self.year = year
        self.code = code.uppercased()
        self.sequence = sequence
    }

    /// Category codes: 1 to 6 letters or digits, starting with a letter.
    public static func isValidCode(_ code: String) -> Bool {
        guard let first = code.first, first.isASCII, first.isLetter, (1...6).contains(code.count) else { return false }
        return code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    private var body: String { String(format: "%04d-%@-%03d", year, code, sequence) }

    public var description: String { "\(body)-\(Self.checkLetter(for: body))" }

    /// Reads a serial as typed: any case, spaces around, and the check letter must match.
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased().split(separator: "-").map(String.init)
        guard parts.count == 4, parts[0].count == 4, let year = Int(parts[0]), Self.isValidCode(parts[1]),
              parts[2].count >= 3, parts[2].allSatisfy(\.isASCIIDigit), let sequence = Int(parts[2]), parts[3].count == 1 else { return nil }
        self.init(year: year, code: parts[1], sequence: sequence)
        guard description == parts.joined(separator: "-") else { return nil }
    }

    /// A weighted sum over the characters, mod 23, as a letter without I, O or U (easily misread).
    static func checkLetter(for body: String) -> Character {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTVWXYZ")
        var sum = 0
        for (index, scalar) in body.unicodeScalars.enumerated() { sum += (index + 1) * Int(scalar.value) }
        return alphabet[sum % alphabet.count]
    }
}
