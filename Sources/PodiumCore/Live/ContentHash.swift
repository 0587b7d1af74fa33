/// A short fingerprint of a text, for ETags and live-update ids. Not for secrets: FNV-1a is fast and
/// stable across processes and restarts, which is what caches and reconnecting browsers need.
public enum ContentHash {
    public static func fnv1a64<S: Sequence>(_ bytes: S, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 where S.Element == UInt8 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Sixteen hex digits.
    public static func hex(_ text: String) -> String {
        hex(fnv1a64(text.utf8))
    }

    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The fingerprint of several parts, as if hashed one after the other with a separator.
    public static func combined(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            hash = fnv1a64(part.utf8, seed: hash)
            hash = fnv1a64(CollectionOfOne(0x1f), seed: hash)
        }
        return hex(hash)
    }
}
