/// One team's placing in one event, as the team ranking counts it.
public struct TeamPlacing: Sendable, Equatable {
    public let teamID: Int
    public let place: Int
    public let points: Points

    public init(teamID: Int, place: Int, points: Points) {
        self.teamID = teamID
        self.place = place
        self.points = points
    }
}

/// A team's line in the group ranking.
public struct TeamStanding: Sendable, Equatable {
    public let teamID: Int
    public let total: Points
    /// How many 1st, 2nd, 3rd ... places, index 0 for first places.
    public let placeCounts: [Int]
    public let rank: Int
    public let tied: Bool
    /// The group award prize (1 = first prize), if the rank earns one.
    public let prize: Int?
}

public enum TeamRanking {
    /// Ranks teams by total points; ties are broken by the number of first places, then seconds, and so
    /// on. Teams still equal share a rank. Teams without points are listed too (every team in `teamIDs`).
    /// The top `prizes` ranks get the group award's 1st, 2nd, 3rd ... prize.
    public static func standings(teamIDs: [Int], placings: [TeamPlacing], prizes: Int = 3, places: Int = 8) -> [TeamStanding] {
        var totals: [Int: Points] = [:]
        var counts: [Int: [Int]] = [:]
        for team in teamIDs { totals[team] = .zero; counts[team] = Array(repeating: 0, count: places) }
        for placing in placings {
            totals[placing.teamID, default: .zero] = totals[placing.teamID, default: .zero] + placing.points
            var teamCounts = counts[placing.teamID] ?? Array(repeating: 0, count: places)
            if placing.place >= 1, placing.place <= places { teamCounts[placing.place - 1] += 1 }
            counts[placing.teamID] = teamCounts
        }
        func better(_ a: Int, _ b: Int) -> Int {
            if totals[a]! != totals[b]! { return totals[a]! > totals[b]! ? -1 : 1 }
            for (x, y) in zip(counts[a]!, counts[b]!) where x != y { return x > y ? -1 : 1 }
            return 0
        }
        let ordered = totals.keys.sorted { better($0, $1) != 0 ? better($0, $1) < 0 : $0 < $1 }
        var result: [TeamStanding] = []
        var index = 0
        while index < ordered.count {
            var end = index + 1
            while end < ordered.count, better(ordered[index], ordered[end]) == 0 { end += 1 }
            let rank = index + 1
            for team in ordered[index..<end] {
                // A prize is for points scored: before any result (or with none), nobody has earned one.
                let earned = rank <= prizes && totals[team]! != .zero
                result.append(TeamStanding(teamID: team, total: totals[team]!, placeCounts: counts[team]!, rank: rank,
                                           tied: end - index > 1, prize: earned ? rank : nil))
            }
            index = end
        }
        return result
    }
}
