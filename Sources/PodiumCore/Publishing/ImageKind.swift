import Foundation

/// The image formats a news photo may be, told apart by their first bytes: the name and the type a browser
/// claims prove nothing.
public enum ImageKind: String, Sendable, Codable, CaseIterable {
    case jpeg, png, webp, gif

    public var fileExtension: String {
        switch self {
        case .jpeg: return "jpg"
        case .png: return "png"
        case .webp: return "webp"
        case .gif: return "gif"
        }
    }

    public var contentType: String { "image/\(rawValue)" }

    /// The kind a stored file's extension stands for (`jpg` → JPEG).
    public init?(fileExtension: String) {
        guard let kind = Self.allCases.first(where: { $0.fileExtension == fileExtension.lowercased() }) else { return nil }
        self = kind
    }

    /// Nil unless the data starts the way a JPEG, PNG, WebP or GIF file must.
    public static func detect(_ data: Data) -> ImageKind? {
        let bytes = [UInt8](data.prefix(12))
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<(offset + prefix.count)]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return .webp }
        return nil
    }

    /// "10 MB", "512 KB": how limits are written in messages.
    public static func describe(bytes: Int) -> String {
        if bytes >= 1_048_576, bytes % 1_048_576 == 0 { return "\(bytes / 1_048_576) MB" }
        if bytes >= 1_048_576 { return String(format: "%.1f MB", Double(bytes) / 1_048_576) }
        if bytes >= 1024 { return "\(Int((Double(bytes) / 1024).rounded())) KB" }
        return "\(bytes) B"
    }
}
