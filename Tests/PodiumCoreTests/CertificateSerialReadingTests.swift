import Foundation
import Testing
@testable import PodiumCore

@Suite("Certificate numbers as typed on the verify page")
struct CertificateSerialReadingTests {
    @Test func aNumberIsReadAsValidMistypedOrMalformed() {
        let serial = CertificateSerial(year: 2020, code: "OE", sequence: 7)
        #expect(CertificateSerialReading(" \(serial.description.lowercased()) ") == .serial(serial))
        // A changed check letter, a changed digit and two swapped digits are all caught as mistyped.
        let letters = Array("ABCDEFGHJKLMNPQRSTVWXYZ")
        let other = letters.first { $0 != serial.description.last! }!
        #expect(CertificateSerialReading("2020-OE-007-\(other)") == .mistyped("2020-OE-007-\(other)"))
        let check = serial.description.last!
        #expect(CertificateSerialReading("2020-OE-008-\(check)") == .mistyped("2020-OE-008-\(check)"))
        #expect(CertificateSerialReading("2020-OE-070-\(check)") == .mistyped("2020-OE-070-\(check)"))
        for text in ["", "hello", "2020-OE-007", "20-OE-007-K", "2020-9X-007-K", "2020-OE-07-K", "2020-OE-007-KK", "2020-OE-007-1"] {
            #expect(CertificateSerialReading(text) == .malformed(text.uppercased()), "\(text)")
        }
    }
}
