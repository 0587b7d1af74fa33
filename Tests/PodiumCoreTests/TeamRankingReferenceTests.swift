import Testing
@testable import PodiumCore

/// `TeamRanking.standings` works on arrays for speed at scale; it must rank exactly as the plain
/// dictionary version it replaced, kept here as the reference.
@Suite("Team ranking equals the reference ranking")
struct TeamRankingReferenceTests {
    static func reference(teamIDs: [Int], placings: [TeamPlacing], prizes: Int = 3, places: Int = 8) -> [TeamStanding] {
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
                let earned = rank <= prizes && totals[team]! != .zero
                result.append(TeamStanding(teamID: team, total: totals[team]!, placeCounts: counts[team]!, rank: rank,
                                           tied: end - index > 1, prize: earned ? rank : nil))
            }
            index = end
        }
        return result
    }

    @Test(arguments: 0..<300)
    func equalsTheReference(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed))
        func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        // Repeated and unlisted team ids, shared points, places beyond the counted ones: ties everywhere.
        let teamIDs = (0..<int(0...12)).map { _ in int(1...15) }
        let placings = (0..<int(0...60)).map { _ in
            TeamPlacing(teamID: int(1...16), place: int(0...10), points: Points(int(0...14), [1, 1, 2, 3][int(0...3)]))
        }
        let prizes = int(0...4), places = int(1...8)
        #expect(TeamRanking.standings(teamIDs: teamIDs, placings: placings, prizes: prizes, places: places)
                == Self.reference(teamIDs: teamIDs, placings: placings, prizes: prizes, places: places))
    }
}
