/// One match of a round robin schedule, home first.
public struct RoundRobinFixture: Sendable, Equatable, Codable {
    /// 1-based round; nobody plays twice in a round, so a round can run on parallel courts.
    public let round: Int
    /// 1-based number across the whole schedule, in play order (round by round).
    public let number: Int
    public let home: Int
    public let away: Int

    public init(round: Int, number: Int, home: Int, away: Int) {
        self.round = round
        self.number = number
        self.home = home
        self.away = away
    }
}

/// Round robin schedules and the seeded group draw for "groups then knockout".
public enum RoundRobin {
    /// Every pair of entrants once, by the circle method. An even field plays n−1 rounds; an odd field
    /// plays n rounds and one entrant rests in each (see `rests`). The first entrant of an even field
    /// keeps its seat and alternates home and away; everyone else gets as many home as away matches, give or
    /// take one. Round 1 pairs the list end to end (1–n, 2–(n−1), …), so seeds meet late when listed in seed order.
    public static func fixtures(entrants: [Int]) throws(PodiumError) -> [RoundRobinFixture] {
        var fixtures: [RoundRobinFixture] = []
        for (index, round) in try schedule(entrants).enumerated() {
            for (home, away) in round.pairs {
                fixtures.append(RoundRobinFixture(round: index + 1, number: fixtures.count + 1, home: home, away: away))
            }
        }
        return fixtures
    }

    /// Who rests in each round (round → entry) of an odd field; empty for an even field. Each entrant rests once.
    public static func rests(entrants: [Int]) throws(PodiumError) -> [Int: Int] {
        var rests: [Int: Int] = [:]
        for (index, round) in try schedule(entrants).enumerated() {
            if let resting = round.resting { rests[index + 1] = resting }
        }
        return rests
    }

    /// Splits entrants listed in seed order into `count` groups, serpentine: seeds 1, 2, 3 go to A, B, C,
    /// seeds 4, 5, 6 to C, B, A, and so on, so every group gets a fair share of strong and weak entrants.
    /// Sizes differ by at most one; the extra entrants land where the snake ends (10 into 3: A 3, B 3, C 4).
    /// Each group keeps seed order. Every group needs at least two entrants to play a round robin.
    public static func groups(seeded: [Int], count: Int) throws(PodiumError) -> [[Int]] {
        try checkDistinct(seeded)
        guard count >= 1, seeded.count >= 2 * count else {
            throw .invalid("groupCount", "error.roundRobin.groupCount",
                           ["count": "\(count)", "entrants": "\(seeded.count)", "max": "\(seeded.count / 2)"])
        }
        var groups = Array(repeating: [Int](), count: count)
        for (index, entrant) in seeded.enumerated() {
            let row = index / count, column = index % count
            groups[row % 2 == 0 ? column : count - 1 - column].append(entrant)
        }
        return groups
    }

    /// The rounds of the circle method: one seat stays put (the first entrant, or the bye in an odd field),
    /// the others move one seat on each round, and seat k meets seat n−1−k.
    static func schedule(_ entrants: [Int]) throws(PodiumError) -> [(pairs: [(Int, Int)], resting: Int?)] {
        guard entrants.count >= 2 else {
            throw .invalid("entrants", "error.roundRobin.tooFew", ["count": "\(entrants.count)"])
        }
        try checkDistinct(entrants)
        // The bye takes the fixed seat, so in an odd field everybody's home and away come out exactly even.
        let seats: [Int?] = entrants.count % 2 == 0 ? entrants : [nil] + entrants
        let size = seats.count, moving = Array(seats.dropFirst()), turns = size - 1
        var rounds: [(pairs: [(Int, Int)], resting: Int?)] = []
        for round in 0..<turns {
            let seat: (Int) -> Int? = { k in k == 0 ? seats[0] : moving[((k - 1 - round) % turns + turns) % turns] }
            var pairs: [(Int, Int)] = []
            var resting: Int?
            if let fixed = seats[0], let last = seat(size - 1) {
                pairs.append(round % 2 == 0 ? (fixed, last) : (last, fixed))
            } else {
                resting = seat(size - 1)
            }
            // Alternating the side by table keeps each moving entrant swapping home and away as it moves on.
            for table in 1..<(size / 2) {
                guard let upper = seat(table), let lower = seat(size - 1 - table) else { continue }
                pairs.append(table % 2 == 1 ? (upper, lower) : (lower, upper))
            }
            rounds.append((pairs, resting))
        }
        return rounds
    }

    static func checkDistinct(_ entrants: [Int]) throws(PodiumError) {
        var seen: Set<Int> = []
        for entrant in entrants where !seen.insert(entrant).inserted {
            throw .invalid("entrants", "error.roundRobin.duplicateEntrant", ["entry": "\(entrant)"])
        }
    }
}
