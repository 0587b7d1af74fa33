import Foundation
import Testing
@testable import PodiumCore

@Suite struct ImageSizeTests {
    static func data(_ bytes: [UInt8]) -> Data { Data(bytes) }
    static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// A PNG signature and IHDR chunk for any size (the rest of the file is not needed to read it).
    static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + ascii("IHDR") + be(width) + be(height) + [8, 6, 0, 0, 0, 0, 0, 0, 0]
    }

    /// SOI, an APP0 (JFIF) segment, a DQT-like segment, then a baseline frame header.
    static func jpegHeader(width: Int, height: Int, sof: UInt8 = 0xC0) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + ascii("JFIF") + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let dqt: [UInt8] = [0xFF, 0xDB, 0x00, 0x05, 0x00, 0x01, 0x02]
        let frame: [UInt8] = [0xFF, sof, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 3,
                              1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        return [0xFF, 0xD8] + app0 + dqt + frame
    }

    static func riff(_ chunk: String, _ payload: [UInt8]) -> [UInt8] {
        let size = UInt32(payload.count)
        let le: [UInt8] = [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)]
        return ascii("RIFF") + [0, 0, 0, 0] + ascii("WEBP") + ascii(chunk) + le + payload
    }

    // Real files of one pixel, as encoders write them.
    static let png1 = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!
    static let gif1 = Data(base64Encoded: "R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==")!
    static let webpLossy1 = Data(base64Encoded: "UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA=")!
    static let webpLossless1 = Data(base64Encoded: "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")!

    @Test func realOnePixelFilesOfEachFormat() {
        let one = ImageSize(width: 1, height: 1)
        #expect(ImageSize.read(Self.png1) == one)
        #expect(ImageSize.read(Self.gif1) == one)
        #expect(ImageSize.read(Self.webpLossy1) == one)
        #expect(ImageSize.read(Self.webpLossless1) == one)
    }

    @Test func pngReadsTheIHDRChunk() {
        #expect(ImageSize.read(Self.data(Self.pngHeader(width: 1280, height: 853))) == ImageSize(width: 1280, height: 853))
        #expect(ImageSize.read(Self.data(Self.pngHeader(width: 0, height: 10))) == nil, "a zero side is no image")
        #expect(ImageSize.read(Self.data(Self.pngHeader(width: 100_000, height: 10))) == nil, "an absurd side is a damaged header")
        var notIHDR = Self.pngHeader(width: 10, height: 10)
        notIHDR[12] = UInt8(ascii: "X")
        #expect(ImageSize.read(Self.data(notIHDR)) == nil)
    }

    @Test func jpegWalksTheMarkersToTheFrameHeader() {
        #expect(ImageSize.read(Self.data(Self.jpegHeader(width: 4032, height: 3024))) == ImageSize(width: 4032, height: 3024))
        #expect(ImageSize.read(Self.data(Self.jpegHeader(width: 800, height: 600, sof: 0xC2))) == ImageSize(width: 800, height: 600), "progressive")
        // A Huffman table (C4) is not a frame, even though its marker lies among them.
        let dht: [UInt8] = [0xFF, 0xC4, 0x00, 0x04, 0x00, 0x00]
        var withTable = Self.jpegHeader(width: 640, height: 480)
        withTable.insert(contentsOf: dht, at: 2)
        #expect(ImageSize.read(Self.data(withTable)) == ImageSize(width: 640, height: 480))
        // Fill bytes before a marker are allowed.
        var filled = Self.jpegHeader(width: 320, height: 240)
        filled.insert(0xFF, at: 2)
        #expect(ImageSize.read(Self.data(filled)) == ImageSize(width: 320, height: 240))
    }

    /// An APP1 Exif segment holding only IFD0 with the Orientation tag, in Intel or Motorola byte order.
    static func exif(orientation: UInt8, little: Bool) -> [UInt8] {
        let tiff: [UInt8] = little
            ? [0x49, 0x49, 0x2A, 0x00, 0x08, 0, 0, 0, 0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0]
            : [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 0x08, 0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0, 0, 0, 0x01, 0, orientation, 0, 0, 0, 0, 0, 0]
        let body = Self.ascii("Exif") + [0, 0] + tiff
        let length = body.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + body
    }

    @Test func aPhoneJPEGTurnedByItsExifOrientationIsMeasuredAsShown() {
        for little in [true, false] {
            for (orientation, turned) in [(1, false), (3, false), (6, true), (8, true)] {
                var file = Self.jpegHeader(width: 4032, height: 3024)
                file.insert(contentsOf: Self.exif(orientation: UInt8(orientation), little: little), at: 2)
                let expected = turned ? ImageSize(width: 3024, height: 4032) : ImageSize(width: 4032, height: 3024)
                #expect(ImageSize.read(Self.data(file)) == expected, "orientation \(orientation), little-endian \(little)")
            }
        }
        // A damaged Exif block is ignored, not trusted.
        var broken = Self.jpegHeader(width: 640, height: 480)
        broken.insert(contentsOf: [0xFF, 0xE1, 0x00, 0x0A] + Self.ascii("Exif") + [0, 0, 0x49, 0x49], at: 2)
        #expect(ImageSize.read(Self.data(broken)) == ImageSize(width: 640, height: 480))
    }

    @Test func gifReadsTheLogicalScreen() {
        #expect(ImageSize.read(Self.data(Self.ascii("GIF89a") + [0x20, 0x03, 0x58, 0x02, 0, 0, 0])) == ImageSize(width: 800, height: 600))
        #expect(ImageSize.read(Self.data(Self.ascii("GIF87a") + [0x0A, 0x00, 0x05, 0x00])) == ImageSize(width: 10, height: 5))
    }

    @Test func webpReadsEachKindOfFirstChunk() {
        // VP8: frame tag, start code, 14-bit sizes (the top two bits are scaling and are ignored).
        let vp8 = Self.riff("VP8 ", [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, 0x80, 0xC7, 0x20, 0x03] + Array(repeating: 0, count: 8))
        #expect(ImageSize.read(Self.data(vp8)) == ImageSize(width: 1920, height: 800))
        // VP8L: 0x2F, then (width − 1) and (height − 1) in 14 bits each.
        let bits = (1023 & 0x3FFF) | ((767 & 0x3FFF) << 14)
        let vp8l = Self.riff("VP8L", [0x2F, UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24 & 0xFF)])
        #expect(ImageSize.read(Self.data(vp8l)) == ImageSize(width: 1024, height: 768))
        // VP8X: flags, reserved, then canvas (width − 1) and (height − 1) in 24 bits each.
        let vp8x = Self.riff("VP8X", [0x10, 0, 0, 0, 0x7F, 0x07, 0x00, 0x37, 0x04, 0x00])
        #expect(ImageSize.read(Self.data(vp8x)) == ImageSize(width: 1920, height: 1080))
        #expect(ImageSize.read(Self.data(Self.riff("ALPH", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))) == nil, "an unknown first chunk")
        #expect(ImageSize.read(Self.data(Self.riff("VP8 ", [0x30, 0x01, 0x00, 0x00, 0x00, 0x00, 0x80, 0x07, 0x38, 0x04]))) == nil, "no start code")
    }

    @Test func truncatedFilesHaveNoSize() {
        // Each header with the number of bytes it needs before its size is complete.
        let jpeg = Self.jpegHeader(width: 10, height: 10)
        let files: [([UInt8], Int)] = [(Self.pngHeader(width: 10, height: 10), 24), (jpeg, jpeg.count - 10),
                                       (Self.ascii("GIF89a") + [10, 0, 10, 0], 10),
                                       (Self.riff("VP8X", [0x10, 0, 0, 0, 0x7F, 0x07, 0x00, 0x37, 0x04, 0x00]), 30)]
        for (file, needed) in files {
            #expect(ImageSize.read(Self.data(Array(file.prefix(needed)))) != nil)
            for length in 0..<needed {
                #expect(ImageSize.read(Self.data(Array(file.prefix(length)))) == nil, "a \(length)-byte prefix of \(file.prefix(4))")
            }
        }
    }

    @Test func garbageHasNoSize() {
        #expect(ImageSize.read(Data()) == nil)
        #expect(ImageSize.read(Data("hello, this is not a picture at all".utf8)) == nil)
        #expect(ImageSize.read(Data([0xFF, 0xD8, 0xFF, 0xD9])) == nil, "a JPEG that ends before any frame")
        #expect(ImageSize.read(Data([0xFF, 0xD8, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55])) == nil, "a JPEG without markers")
        #expect(ImageSize.read(Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00, 0xFF, 0xC0])) == nil, "a segment length below two")
        #expect(ImageSize.read(Data([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0, 0, 0, 0, 0, 0])) == nil, "scan data before a frame")
        var random = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let noise = Data((0..<64).map { _ in UInt8.random(in: 0...255, using: &random) })
            if let size = ImageSize.read(noise) { #expect((1...ImageSize.maxSide).contains(size.width)) }
        }
    }
}

@Suite struct PartnerDraftTests {
    @Test func aPartnerNeedsARoleAndANameAndMayHaveAWebAddress() throws {
        let checked = try PartnerDraft(role: "organizer", name: "  精工控股集团\u{3000}工会联合会 ", website: " https://www.example.com/union ").checked()
        #expect(checked == .init(role: .organizer, name: "精工控股集团 工会联合会", website: "https://www.example.com/union"))
        #expect(try PartnerDraft(role: "sponsor", name: "SmartGen", website: "").checked().website == nil)
        #expect(try PartnerDraft(role: "co-organizer", name: "x", website: "HTTP://Example.org").checked().role == .coOrganizer)
    }

    @Test func everyProblemIsNamedByItsField() {
        let issues = PartnerDraft(role: "patron", name: "   ", website: "javascript:alert(1)").issues()
        #expect(issues.map(\.field) == ["role", "name", "website"])
        #expect(issues.map(\.message.key) == ["error.field.oneOf", "error.partner.nameRequired", "error.partner.website"])
        #expect(PartnerDraft(role: "host", name: String(repeating: "名", count: 121), website: "").issues().map(\.message.key) == ["error.text.tooLong"])
    }

    @Test func onlyWebAddressesWithAHostAreLinks() {
        for good in ["http://example.com", "https://example.com/a?b=c#d", "https://例子.中国/"] {
            #expect(PartnerDraft.isWebAddress(good), "\(good)")
        }
        for bad in ["example.com", "ftp://example.com", "mailto:a@example.com", "https://", "https:/example.com", "//example.com",
                    "https://user:pw@example.com", "https://exa mple.com", "https://example.com/\"onmouseover=", "data:text/html,x"] {
            #expect(!PartnerDraft.isWebAddress(bad), "\(bad)")
        }
    }

    @Test func rolesAreListedInTheOrderNoticesUse() {
        #expect(PartnerRole.allCases.sorted() == [.organizer, .host, .coOrganizer, .sponsor])
        #expect(PartnerRole.coOrganizer.localizationKey == "partner.role.co-organizer")
    }
}
