import Foundation

/// The pixel width and height an image file declares in its header, read without decoding it: so pages can give
/// `<img>` its `width` and `height`, and the layout does not jump while photos load.
public struct ImageSize: Sendable, Hashable, Codable {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The largest side accepted as plausible; anything bigger is taken for a damaged header.
    public static let maxSide = 65_535

    /// The size a PNG (IHDR), JPEG (the first SOF marker), GIF (logical screen) or WebP (VP8, VP8L or VP8X) file
    /// declares; nil for other data, a truncated header, or a size of zero.
    public static func read(_ data: Data) -> ImageSize? {
        let bytes = [UInt8](data.prefix(256 * 1024))
        let size: ImageSize?
        switch ImageKind.detect(data) {
        case .png: size = png(bytes)
        case .jpeg: size = jpeg(bytes)
        case .gif: size = gif(bytes)
        case .webp: size = webp(bytes)
        case nil: size = nil
        }
        guard let size, (1...maxSide).contains(size.width), (1...maxSide).contains(size.height) else { return nil }
        return size
    }

    private static func be16(_ b: [UInt8], _ i: Int) -> Int? {
        i >= 0 && i + 2 <= b.count ? Int(b[i]) << 8 | Int(b[i + 1]) : nil
    }

    private static func be32(_ b: [UInt8], _ i: Int) -> Int? {
        i >= 0 && i + 4 <= b.count ? Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) : nil
    }

    private static func le16(_ b: [UInt8], _ i: Int) -> Int? {
        i >= 0 && i + 2 <= b.count ? Int(b[i]) | Int(b[i + 1]) << 8 : nil
    }

    private static func le24(_ b: [UInt8], _ i: Int) -> Int? {
        i >= 0 && i + 3 <= b.count ? Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 : nil
    }

    /// Signature (8), then the IHDR chunk: length (4), "IHDR", width (4), height (4), big-endian.
    private static func png(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 24, Array(b[12..<16]) == Array("IHDR".utf8), let w = be32(b, 16), let h = be32(b, 20) else { return nil }
        return ImageSize(width: w, height: h)
    }

    /// Walks the markers to the first start-of-frame (SOF0–SOF15 but DHT C4, JPG C8 and DAC CC): height, then width.
    /// A camera's Exif orientation that turns the picture a quarter (5–8) swaps them, as browsers show it turned.
    private static func jpeg(_ b: [UInt8]) -> ImageSize? {
        var turned = false
        var i = 2
        while i + 4 <= b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            // Fill bytes before a marker.
            if marker == 0xFF { i += 1; continue }
            // Markers without a length: TEM and RST0–7.
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            // Start of scan or end of image before any frame: no size to be had.
            if marker == 0xDA || marker == 0xD9 { return nil }
            guard let length = be16(b, i + 2), length >= 2 else { return nil }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard length >= 7, let h = be16(b, i + 5), let w = be16(b, i + 7) else { return nil }
                return turned ? ImageSize(width: h, height: w) : ImageSize(width: w, height: h)
            }
            if marker == 0xE1, let orientation = exifOrientation(b, from: i + 4, to: min(b.count, i + 2 + length)) {
                turned = (5...8).contains(orientation)
            }
            i += 2 + length
        }
        return nil
    }

    /// The Orientation tag (0x0112) of IFD0 in an APP1 "Exif" segment's TIFF data, in either byte order; nil if absent.
    private static func exifOrientation(_ b: [UInt8], from start: Int, to end: Int) -> Int? {
        guard start + 14 <= end, Array(b[start..<start + 6]) == [0x45, 0x78, 0x69, 0x66, 0, 0] else { return nil }
        let tiff = start + 6
        let little: Bool
        switch (b[tiff], b[tiff + 1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? { at >= tiff && at + 2 <= end ? (little ? le16(b, at) : be16(b, at)) : nil }
        func u32(_ at: Int) -> Int? {
            guard at >= tiff, at + 4 <= end else { return nil }
            return little ? Int(b[at]) | Int(b[at + 1]) << 8 | Int(b[at + 2]) << 16 | Int(b[at + 3]) << 24 : be32(b, at)
        }
        guard let offset = u32(tiff + 4), offset >= 8, offset < end - tiff, let count = u16(tiff + offset) else { return nil }
        for entry in 0..<min(count, 512) {
            let at = tiff + offset + 2 + entry * 12
            guard let tag = u16(at) else { return nil }
            if tag == 0x0112 { return u16(at + 8) }
        }
        return nil
    }

    /// "GIF89a", then the logical screen's width and height, little-endian.
    private static func gif(_ b: [UInt8]) -> ImageSize? {
        guard let w = le16(b, 6), let h = le16(b, 8) else { return nil }
        return ImageSize(width: w, height: h)
    }

    /// "RIFF" size "WEBP", then the first chunk: VP8 (lossy key frame), VP8L (lossless) or VP8X (extended).
    private static func webp(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 16 else { return nil }
        let chunk = String(decoding: b[12..<16], as: UTF8.self)
        let payload = 20
        switch chunk {
        case "VP8 ":
            // Frame tag (3), start code 9D 01 2A, then 14-bit width and height.
            guard b.count >= payload + 10, b[payload + 3] == 0x9D, b[payload + 4] == 0x01, b[payload + 5] == 0x2A,
                  let w = le16(b, payload + 6), let h = le16(b, payload + 8) else { return nil }
            return ImageSize(width: w & 0x3FFF, height: h & 0x3FFF)
        case "VP8L":
            // Signature 2F, then 14 bits width − 1 and 14 bits height − 1.
            guard b.count >= payload + 5, b[payload] == 0x2F else { return nil }
            let bits = Int(b[payload + 1]) | Int(b[payload + 2]) << 8 | Int(b[payload + 3]) << 16 | Int(b[payload + 4]) << 24
            return ImageSize(width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            // Flags (4), then 24 bits canvas width − 1 and 24 bits canvas height − 1.
            guard let w = le24(b, payload + 4), let h = le24(b, payload + 7) else { return nil }
            return ImageSize(width: w + 1, height: h + 1)
        default:
            return nil
        }
    }
}
