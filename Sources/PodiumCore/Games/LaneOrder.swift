import Foundation

/// The order in which a track's lanes are given out, best seed first (`4 5 3 6 2 7 1 8` on eight
/// lanes). Organizers save one per track, since some tracks have a worn or tight lane they avoid.
public struct LaneOrder: Codable, Equatable, Sendable {
    /// Track sizes the app handles, from an indoor straight to a ten-lane stadium.
    public static let laneCounts = 4...10

    /// Lane numbers, best lane first; every lane of the track exactly once.
    public let order: [Int]

    public var laneCount: Int { order.count }

    /// The saved form, as `parse` reads it back: `4 5 3 6 2 7 1 8`.
    public var text: String { order.map(String.init).joined(separator: " ") }

    public init(_ order: [Int]) throws(PodiumError) {
        var issues = ValidationCollector()
        try Self.check(order, lanes: order.count, into: &issues)
        try issues.check()
        self.order = order
    }

    /// Middle lanes first, then alternately outward with the inner lane first at each step:
    /// 6 → `3 4 2 5 1 6`, 7 → `4 3 5 2 6 1 7`, 8 → `4 5 3 6 2 7 1 8`.
    public static func standard(lanes: Int) throws(PodiumError) -> LaneOrder {
        guard laneCounts.contains(lanes) else { throw laneCountError(lanes) }
        var order = lanes % 2 == 1 ? [lanes / 2 + 1] : []
        var inner = lanes / 2, outer = lanes - lanes / 2 + 1
        while inner >= 1 {
            order += [inner, outer]
            inner -= 1
            outer += 1
        }
        return try LaneOrder(order)
    }

    /// Reads an order typed as `4 5 3 6 2 7 1 8`, `4,5,3,…`, `4，5，3` or `4、5、3` (full-width digits
    /// too), naming every bad, repeated, out-of-range or missing lane at once.
    public static func parse(_ text: String, lanes: Int) throws(PodiumError) -> LaneOrder {
        guard laneCounts.contains(lanes) else { throw laneCountError(lanes) }
        let halfWidth = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            (0xFF10...0xFF19).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFF10 + 0x30)! : scalar
        }))
        let tokens = halfWidth.split { $0.isWhitespace || $0 == "," || $0 == "，" || $0 == "、" }.map(String.init)
        var issues = ValidationCollector()
        var numbers: [Int] = []
        for token in tokens {
            if !token.isEmpty, token.allSatisfy(\.isASCIIDigit), let lane = Int(token) {
                numbers.append(lane)
            } else {
                issues.add("laneOrder", "error.lanes.invalid", ["value": token])
            }
        }
        try check(numbers, lanes: lanes, into: &issues)
        try issues.check()
        return try LaneOrder(numbers)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let order = try container.decode([Int].self, forKey: .order)
        do {
            try self.init(order)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .order, in: container, debugDescription: "not a lane order: \(order)")
        }
    }

    private static func check(_ order: [Int], lanes: Int, into issues: inout ValidationCollector) throws(PodiumError) {
        guard laneCounts.contains(lanes) else { throw laneCountError(lanes) }
        var seen = Set<Int>(), reported = Set<Int>()
        for lane in order {
            if !(1...lanes).contains(lane) {
                issues.add("laneOrder", "error.lanes.outOfRange", ["lane": "\(lane)", "lanes": "\(lanes)"])
            } else if !seen.insert(lane).inserted, reported.insert(lane).inserted {
                issues.add("laneOrder", "error.lanes.repeated", ["lane": "\(lane)"])
            }
        }
        let missing = (1...lanes).filter { !seen.contains($0) }
        if !missing.isEmpty {
            issues.add("laneOrder", "error.lanes.missing", ["lanes": missing.map(String.init).joined(separator: ", ")])
        }
    }

    private static func laneCountError(_ lanes: Int) -> PodiumError {
        .invalid("lanes", "error.lanes.count", ["lanes": "\(lanes)", "min": "\(laneCounts.lowerBound)", "max": "\(laneCounts.upperBound)"])
    }
}
