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

/// Gold, silver and bronze per team, ordered by golds, then silvers, then bronzes.
public struct MedalRow: Sendable, Equatable {
    public let teamID: Int
    public let gold: Int
    public let silver: Int
    public let bronze: Int
    public let rank: Int

    public var total: Int { gold + silver + bronze }
}

public enum MedalTable {
    /// `places` holds one (team, place) per placed entry; places 1 to 3 count. Every team in `teamIDs` is listed.
    public static func compute(teamIDs: [Int], places: [(teamID: Int, place: Int)]) -> [MedalRow] {
        var medals: [Int: [Int]] = Dictionary(uniqueKeysWithValues: teamIDs.map { ($0, [0, 0, 0]) })
        for (team, place) in places where (1...3).contains(place) {
            medals[team, default: [0, 0, 0]][place - 1] += 1
        }
        let ordered = medals.keys.sorted { a, b in
            let x = medals[a]!, y = medals[b]!
            return x != y ? x.lexicographicallyPrecedes(y, by: >) : a < b
        }
        var rows: [MedalRow] = []
        for (index, team) in ordered.enumerated() {
            let counts = medals[team]!
            let rank = index > 0 && medals[ordered[index - 1]]! == counts ? rows[index - 1].rank : index + 1
            rows.append(MedalRow(teamID: team, gold: counts[0], silver: counts[1], bronze: counts[2], rank: rank))
        }
        return rows
    }
}
