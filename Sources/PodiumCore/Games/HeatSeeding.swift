import Foundation

/// An entry to seed, with the mark it was entered with (personal best or seed time); nil when unknown.
public struct SeedEntry: Sendable, Equatable, Codable {
    public let entryID: Int
    public let mark: Int?

    public init(entryID: Int, mark: Int?) {
        self.entryID = entryID
        self.mark = mark
    }
}

public struct LaneAssignment: Sendable, Equatable, Codable {
    public let lane: Int
    public let entryID: Int

    public init(lane: Int, entryID: Int) {
        self.lane = lane
        self.entryID = entryID
    }
}

/// One heat of a track event: its 1-based number and who runs in which lane, by lane.
public struct Heat: Sendable, Equatable, Codable {
    public let number: Int
    public let lanes: [LaneAssignment]

    public init(number: Int, lanes: [LaneAssignment]) {
        self.number = number
        self.lanes = lanes
    }
}

public enum HeatSeeding {
    /// Splits a track event into as few heats as the lanes allow, with sizes differing by at most one
    /// (10 on 8 lanes run 5 and 5, so nobody races alone). Seeds are dealt serpentine (1, 2, …, k, k, …, 1)
    /// so every heat gets a fair share of fast runners; within a heat the best seed gets the first lane
    /// of the lane order. Equal marks and unseeded entries are drawn with `rng`, unseeded ones last.
    public static func seed(entries: [SeedEntry], lanes: LaneOrder, kind: MarkKind,
                            rng: inout some RandomNumberGenerator) -> [Heat] {
        let ranked = seedOrder(entries, kind: kind, rng: &rng)
        guard !ranked.isEmpty else { return [] }
        let heatCount = (ranked.count + lanes.laneCount - 1) / lanes.laneCount
        var members = Array(repeating: [Int](), count: heatCount)
        for (seed, entry) in ranked.enumerated() {
            let row = seed / heatCount, column = seed % heatCount
            members[row % 2 == 0 ? column : heatCount - 1 - column].append(entry.entryID)
        }
        return members.enumerated().map { index, ids in
            Heat(number: index + 1,
                 lanes: zip(lanes.order, ids).map { LaneAssignment(lane: $0, entryID: $1) }.sorted { $0.lane < $1.lane })
        }
    }

    /// Best seed first; equal marks in a random order, then entries without a mark in a random order.
    /// Entries are put in entry order before the draw, so the same `rng` gives the same result however
    /// the caller happened to list them.
    static func seedOrder(_ entries: [SeedEntry], kind: MarkKind, rng: inout some RandomNumberGenerator) -> [SeedEntry] {
        let drawn = entries.sorted { $0.entryID < $1.entryID }.shuffled(using: &rng)
        return drawn.enumerated().sorted { a, b in
            switch (a.element.mark, b.element.mark) {
            case let (x?, y?) where x != y: return kind.lowerIsBetter ? x < y : x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}
