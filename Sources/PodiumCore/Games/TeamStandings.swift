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
        // Teams by slot, so the sums and the sort work on arrays (a games program of hundreds of teams and
        // tens of thousands of placings is ranked again after every result).
        var slots: [Int: Int] = [:]
        var ids: [Int] = []
        func slot(_ team: Int) -> Int {
            if let slot = slots[team] { return slot }
            slots[team] = ids.count
            ids.append(team)
            return ids.count - 1
        }
        for team in teamIDs { _ = slot(team) }
        var totals: [Points] = Array(repeating: .zero, count: ids.count)
        var counts: [Int] = Array(repeating: 0, count: ids.count * places)
        for placing in placings {
            let index = slot(placing.teamID)
            if index == totals.count {
                totals.append(.zero)
                counts.append(contentsOf: repeatElement(0, count: places))
            }
            totals[index] = totals[index] + placing.points
            if placing.place >= 1, placing.place <= places { counts[index * places + placing.place - 1] += 1 }
        }
        func better(_ a: Int, _ b: Int) -> Int {
            if totals[a] != totals[b] { return totals[a] > totals[b] ? -1 : 1 }
            for place in 0..<places where counts[a * places + place] != counts[b * places + place] {
                return counts[a * places + place] > counts[b * places + place] ? -1 : 1
            }
            return 0
        }
        let ordered = ids.indices.sorted { a, b in
            let order = better(a, b)
            return order != 0 ? order < 0 : ids[a] < ids[b]
        }
        var result: [TeamStanding] = []
        result.reserveCapacity(ordered.count)
        var index = 0
        while index < ordered.count {
            var end = index + 1
            while end < ordered.count, better(ordered[index], ordered[end]) == 0 { end += 1 }
            let rank = index + 1
            for team in ordered[index..<end] {
                // A prize is for points scored: before any result (or with none), nobody has earned one.
                let earned = rank <= prizes && totals[team] != .zero
                result.append(TeamStanding(teamID: ids[team], total: totals[team], placeCounts: Array(counts[(team * places)..<((team + 1) * places)]),
                                           rank: rank, tied: end - index > 1, prize: earned ? rank : nil))
            }
            index = end
        }
        return result
    }
}
