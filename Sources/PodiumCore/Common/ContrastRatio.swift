import Foundation

/// A colour written as `#rgb` or `#rrggbb`, and the WCAG 2 contrast ratio between two of them.
public struct SRGBColor: Hashable, Sendable, CustomStringConvertible {
    public let red: Int, green: Int, blue: Int

    public init(red: Int, green: Int, blue: Int) { (self.red, self.green, self.blue) = (red, green, blue) }

    /// `#1b1f24` or `#fff`; nil for anything else.
    public init?(hex: String) {
        var digits = hex.trimmingCharacters(in: .whitespaces)
        guard digits.hasPrefix("#") else { return nil }
        digits.removeFirst()
        if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
        guard digits.count == 6, let value = Int(digits, radix: 16) else { return nil }
        self.init(red: value >> 16 & 0xff, green: value >> 8 & 0xff, blue: value & 0xff)
    }

    public var description: String { String(format: "#%02x%02x%02x", red, green, blue) }

    /// Relative luminance as WCAG 2 defines it, 0 (black) to 1 (white).
    public var luminance: Double {
        func channel(_ value: Int) -> Double {
            let c = Double(value) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    }

    /// (lighter + 0.05) / (darker + 0.05): 1 for the same colour, 21 for black on white.
    public func contrast(with other: SRGBColor) -> Double {
        let (a, b) = (luminance, other.luminance)
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
}

/// What WCAG 2.x level AA asks of a pair of colours.
public enum ContrastUse: String, Sendable {
    /// Body text: 4.5:1.
    case text
    /// Text of at least 18.66px bold or 24px: 3:1.
    case largeText
    /// Borders of controls and focus indicators against what is around them: 3:1.
    case component

    public var minimum: Double { self == .text ? 4.5 : 3 }
}
