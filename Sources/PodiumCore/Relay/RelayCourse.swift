import Foundation

/// One leg of a relay: run from the previous exchange (or the start) to its exchange point.
/// The last leg's exchange point is the finish.
public struct RelayLeg: Sendable, Equatable, Codable {
    /// 1-based position in the race.
    public let order: Int
    public let distanceMeters: Int
    /// Where the leg ends: "Exchange 2 — Science Park Gate", or the finish for the last leg.
    public let exchangePoint: String

    public init(order: Int, distanceMeters: Int, exchangePoint: String) {
        self.order = order
        self.distanceMeters = distanceMeters
        self.exchangePoint = exchangePoint
    }
}

/// The legs of a race, in order. Timing point `k` is the end of leg `k`; the last one is the finish.
public struct RelayCourse: Sendable, Equatable {
    public let legs: [RelayLeg]

    public static let maximumLegs = 30
    /// 200 km: beyond that a typing mistake is likelier than a race.
    public static let maximumLegMeters = 200_000

    public init(legs: [RelayLeg]) {
        self.legs = legs.sorted { $0.order < $1.order }
    }

    public var totalMeters: Int { legs.reduce(0) { $0 + $1.distanceMeters } }
    public var pointCount: Int { legs.count }

    public func leg(_ order: Int) -> RelayLeg? {
        legs.indices.contains(order - 1) ? legs[order - 1] : nil
    }

    /// Metres from the start to the end of leg `point`.
    public func meters(through point: Int) -> Int {
        legs.prefix(max(0, point)).reduce(0) { $0 + $1.distanceMeters }
    }

    /// Metres of legs `from + 1 ... to`.
    public func meters(from: Int, to: Int) -> Int {
        meters(through: to) - meters(through: from)
    }

    /// Reads a course typed as distances and exchange points, checking every leg, naming the leg that is wrong.
    /// `distances` are kilometres as typed (`8.8`, `8,8`, `8800m`).
    public static func parse(distances: [String], exchangePoints: [String]) throws(PodiumError) -> RelayCourse {
        var issues = ValidationCollector()
        var legs: [RelayLeg] = []
        let count = max(distances.count, exchangePoints.count)
        for index in 0..<count {
            let text = index < distances.count ? distances[index].trimmingCharacters(in: .whitespaces) : ""
            let point = index < exchangePoints.count ? exchangePoints[index].split(whereSeparator: \.isWhitespace).joined(separator: " ") : ""
            if text.isEmpty && point.isEmpty { continue }
            let order = legs.count + 1
            let meters = parseDistance(text)
            if meters == nil {
                issues.add("legs[\(index)].distance", "error.relay.legDistance", ["leg": "\(order)", "value": text])
            }
            if point.isEmpty {
                issues.add("legs[\(index)].exchangePoint", "error.relay.legPoint", ["leg": "\(order)"])
            }
            legs.append(RelayLeg(order: order, distanceMeters: meters ?? 0, exchangePoint: point))
        }
        if legs.isEmpty { issues.add("legs", "error.relay.noLegs") }
        if legs.count > maximumLegs { issues.add("legs", "error.relay.tooManyLegs", ["max": "\(maximumLegs)"]) }
        try issues.check()
        return RelayCourse(legs: legs)
    }

    /// Kilometres (`8.8`, `8,8`, `8.8 km`) or metres (`8800m`) → metres.
    public static func parseDistance(_ text: String) -> Int? {
        var value = text.lowercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: ",", with: ".")
            .replacingOccurrences(of: "公里", with: "km").replacingOccurrences(of: "千米", with: "km").replacingOccurrences(of: "米", with: "m")
        var factor = 1000.0
        if value.hasSuffix("km") {
            value.removeLast(2)
        } else if value.hasSuffix("m") {
            value.removeLast()
            factor = 1
        }
        guard !value.isEmpty, value.allSatisfy({ $0.isASCIIDigit || $0 == "." }), value.filter({ $0 == "." }).count <= 1,
              let number = Double(value) else { return nil }
        let meters = Int((number * factor).rounded())
        guard meters > 0, meters <= maximumLegMeters else { return nil }
        return meters
    }

    /// `8.8 km`, `800 m`.
    public static func formatDistance(_ meters: Int) -> String {
        meters < 1000 ? "\(meters) m" : "\(kilometres(meters)) km"
    }

    /// `8.8` for 8,800 m, as the course form asks for it.
    public static func kilometres(_ meters: Int) -> String {
        var text = String(format: "%.3f", Double(meters) / 1000)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
