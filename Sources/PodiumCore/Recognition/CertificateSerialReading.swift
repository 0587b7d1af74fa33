import Foundation

/// What a typed certificate number turns out to be, for the verify page: a well-formed number, one shaped
/// like a number whose check letter does not match (a mistyped digit or two swapped characters), or not a
/// certificate number at all.
public enum CertificateSerialReading: Sendable, Equatable {
    case serial(CertificateSerial)
    case mistyped(String)
    case malformed(String)

    public init(_ text: String) {
        let typed = text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
        if let serial = CertificateSerial(parsing: typed) {
            self = .serial(serial)
            return
        }
        let parts = typed.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let shaped = parts.count == 4 && parts[0].count == 4 && parts[0].allSatisfy(\.isASCIIDigit)
            && CertificateSerial.isValidCode(parts[1]) && parts[2].count >= 3 && parts[2].allSatisfy(\.isASCIIDigit)
            && parts[3].count == 1 && parts[3].allSatisfy { $0.isASCII && $0.isLetter }
        self = shaped ? .mistyped(typed) : .malformed(typed)
    }
}
