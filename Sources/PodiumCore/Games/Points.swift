/// An exact fraction, so shared points (7 + 5 + 4 split three ways) add up without rounding drift.
public struct Points: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    public init(_ numerator: Int, _ denominator: Int = 1) {
        precondition(denominator != 0)
        let divisor = Points.gcd(abs(numerator), abs(denominator))
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / max(divisor, 1)
        self.denominator = sign * denominator / max(divisor, 1)
    }

    public static let zero = Points(0)

    public static func + (a: Points, b: Points) -> Points {
        Points(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func < (a: Points, b: Points) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// `7`, `4.5`, `5.33`.
    public var description: String {
        if denominator == 1 { return "\(numerator)" }
        let hundredths = Int((doubleValue * 100).rounded())
        let text = "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
        return text.hasSuffix("0") ? String(text.dropLast()) : text
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}

/// What tied places earn.
public enum TiePointsPolicy: String, Sendable, Codable, CaseIterable {
    /// The points of the places the tie occupies are added and split equally (two tied 1st: (7+5)/2 each).
    case shared
    /// Each tied entry earns the full points of the shared place (two tied 1st: 7 each).
    case full
}

/// Points by place for one kind of event.
public struct PointsTable: Sendable, Equatable, Codable {
    public let points: [Int]

    public init(_ points: [Int]) { self.points = points }

    /// 7-5-4-3-2-1, the usual table for individual events.
    public static let individualDefault = PointsTable([7, 5, 4, 3, 2, 1])

    public func points(forPlace place: Int) -> Int {
        place >= 1 && place <= points.count ? points[place - 1] : 0
    }

    /// Points per entry of a ranked event.
    public func award(_ ranked: [RankedPerformance], policy: TiePointsPolicy) -> [Int: Points] {
        var byPlace: [Int: [RankedPerformance]] = [:]
        for line in ranked { if let place = line.place { byPlace[place, default: []].append(line) } }
        var result: [Int: Points] = [:]
        for (place, lines) in byPlace {
            let share: Points
            switch policy {
            case .full:
                share = Points(points(forPlace: place))
            case .shared:
                let total = (place..<(place + lines.count)).reduce(0) { $0 + points(forPlace: $1) }
                share = Points(total, lines.count)
            }
            for line in lines { result[line.performance.entryID] = share }
        }
        for line in ranked where line.place == nil { result[line.performance.entryID] = .zero }
        return result
    }
}
