/// The kind of award an event gives, as the results announcement counts them.
public enum AwardKind: String, Sendable, Codable, CaseIterable {
    case individual, collective, parentChild = "parent_child"

    public var localizationKey: String { "award.kind.\(rawValue)" }
}

/// Which entries of an event are awarded: the top `topN` places, ties at the boundary included.
public struct AwardRule: Sendable, Equatable, Codable {
    public let topN: Int
    public let kind: AwardKind

    public init(topN: Int, kind: AwardKind) {
        self.topN = topN
        self.kind = kind
    }

    public func awardedEntries(_ ranked: [RankedPerformance]) -> [(entryID: Int, place: Int)] {
        ranked.compactMap { line in
            guard let place = line.place, place <= topN else { return nil }
            return (line.performance.entryID, place)
        }
    }
}

/// Award counts over a whole program: "36 individual awards, 18 collective awards, 6 parent-child awards".
public struct AwardSummary: Sendable, Equatable {
    public private(set) var counts: [AwardKind: Int] = [:]

    public init() {}

    public mutating func add(_ kind: AwardKind, count: Int) {
        counts[kind, default: 0] += count
    }

    public func count(_ kind: AwardKind) -> Int { counts[kind] ?? 0 }
}
