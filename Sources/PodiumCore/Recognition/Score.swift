/// An exact non-negative ratio, so that tallies compare without rounding and ties are real ties.
public struct Score: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator > 0)
        let divisor = Score.gcd(abs(numerator), denominator)
        self.numerator = numerator / max(divisor, 1)
        self.denominator = denominator / max(divisor, 1)
    }

    public static let zero = Score(0, 1)

    public static func < (lhs: Score, rhs: Score) -> Bool {
        lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }

    public var value: Double { Double(numerator) / Double(denominator) }

    /// Two decimals, for display and exports.
    public var rounded: String {
        let hundredths = (numerator * 100 * 2 + denominator) / (2 * denominator)
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}

extension Score {
    public static func + (lhs: Score, rhs: Score) -> Score {
        Score(lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)
    }

    public func divided(by count: Int) -> Score { Score(numerator, denominator * count) }
}
