import Fluent
import PodiumCore

/// The demo Games' ball games: a basketball knockout that ends in a close final and a third-place game,
/// and a table tennis round robin with a three-way tie in mid-table settled by game difference.
struct DemoMatches {
    let db: any Database
    let clock: PodiumClock
    let actor: Actor

    /// Seeds in entry order; the better seed wins every game but the final, which goes to overtime.
    func basketball(programID: Int, eventID: Int, random: inout NameGenerator) async throws {
        let service = GamesDrawService(db: db, clock: clock)
        var loaded = try await service.save(programID: programID, eventID: eventID,
                                            DrawInput(structure: .singleElimination, scoring: "points", thirdPlace: true, seeding: "entered", version: 0),
                                            seed: 0, by: actor)
        let seedOf = Dictionary(uniqueKeysWithValues: loaded.draw.entrants.enumerated().map { ($1, $0) })
        while let match = loaded.draw.matches.first(where: { $0.isReady && $0.outcome == nil }) {
            let homeBetter = seedOf[match.home!]! < seedOf[match.away!]!
            let isFinal = match.label.key == "bracket.round.final"
            let loser = 52 + random.next(14)
            let winner = loser + (isFinal ? 2 : 3 + random.next(12))
            // The final goes the other way: the lower seed wins it by two after overtime.
            let homeWins = isFinal ? !homeBetter : homeBetter
            let score = homeWins ? "\(winner)-\(loser)" : "\(loser)-\(winner)"
            loaded = try await service.record(programID: programID, eventID: eventID, ref: match.ref,
                                              MatchResultInput(score: score, ending: .played, official: true), version: nil, by: actor)
        }
    }

    /// Strength follows entry order, so the table is clear at the top; seeds 4, 5 and 6 beat each other in
    /// a circle and game difference separates them.
    func tableTennis(programID: Int, eventID: Int, random: inout NameGenerator) async throws {
        let service = GamesDrawService(db: db, clock: clock)
        let loaded = try await service.save(programID: programID, eventID: eventID,
                                            DrawInput(structure: .roundRobin, scoring: "games", bestOf: 5, gamePoints: 11, gameCap: 0, seeding: "entered", version: 0),
                                            seed: 0, by: actor)
        let strength = Dictionary(uniqueKeysWithValues: loaded.draw.entrants.enumerated().map { ($1, $0) })
        for match in loaded.draw.matches {
            let (home, away) = (strength[match.home!]!, strength[match.away!]!)
            let pair: Set<Int> = [home, away]
            // Seeds 4, 5 and 6 (strengths 3, 4, 5) beat each other in a circle; everyone else goes by strength.
            let homeWins = pair == [3, 5] ? home == 5 : home < away
            // Games the winner drops: 2, 1 and 0 round the circle so game difference tells them apart.
            let circle: [Set<Int>: Int] = [[3, 4]: 2, [4, 5]: 1, [3, 5]: 0]
            let lost = circle[pair] ?? random.next(3)
            var games: [String] = []
            for index in 0..<(3 + lost) {
                let other = random.next(10)
                // The match's loser takes the first `lost` games, the winner the three after them.
                let homeTakesIt = (index >= lost) == homeWins
                games.append(homeTakesIt ? "11-\(other)" : "\(other)-11")
            }
            _ = try await service.record(programID: programID, eventID: eventID, ref: match.ref,
                                              MatchResultInput(score: games.joined(separator: " "), ending: .played, official: true), version: nil, by: actor)
        }
    }
}
