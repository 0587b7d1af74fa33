import Foundation
import Testing
@testable import PodiumCore

@Suite("Round robin fixtures and group draw")
struct RoundRobinFixtureTests {
    func key(_ body: () throws -> Void) -> LocalizedMessage? {
        do { try body() } catch let error as PodiumError {
            if case .validation(let issues) = error { return issues.first?.message }
        } catch {}
        return nil
    }

    @Test(arguments: [2, 3, 4, 5, 6, 7, 8, 9, 12])
    func everyPairMeetsOnceAndNobodyPlaysTwiceInARound(count: Int) throws {
        let entrants = (1...count).map { $0 * 10 }
        let fixtures = try RoundRobin.fixtures(entrants: entrants)
        let rests = try RoundRobin.rests(entrants: entrants)
        let rounds = count % 2 == 0 ? count - 1 : count

        #expect(fixtures.count == count * (count - 1) / 2)
        #expect(fixtures.map(\.number) == Array(1...fixtures.count))
        #expect(fixtures.map(\.round) == fixtures.map(\.round).sorted())
        #expect(Set(fixtures.map(\.round)) == Set(1...rounds))

        var pairs: Set<Set<Int>> = []
        for fixture in fixtures {
            #expect(fixture.home != fixture.away)
            #expect(pairs.insert([fixture.home, fixture.away]).inserted)
        }
        for round in 1...rounds {
            let playing = fixtures.filter { $0.round == round }.flatMap { [$0.home, $0.away] }
            #expect(Set(playing).count == playing.count)
            #expect(playing.count == (count / 2) * 2)
            if count % 2 == 1 {
                let resting = try #require(rests[round])
                #expect(!playing.contains(resting))
                #expect(Set(playing + [resting]) == Set(entrants))
            }
        }
        if count % 2 == 0 {
            #expect(rests.isEmpty)
        } else {
            #expect(rests.count == rounds)
            #expect(Set(rests.values) == Set(entrants))
        }

        // Home and away as even as the count allows.
        for entrant in entrants {
            let home = fixtures.filter { $0.home == entrant }.count, away = fixtures.filter { $0.away == entrant }.count
            #expect(abs(home - away) <= 1, "entrant \(entrant): \(home) home, \(away) away")
            if count % 2 == 1 { #expect(home == away) }
            // Sides swap from round to round; a repeat now and then, never three in a row.
            let sides = fixtures.filter { $0.home == entrant || $0.away == entrant }.map { $0.home == entrant }
            #expect(!zip(sides, zip(sides.dropFirst(), sides.dropFirst(2))).contains { $0 == $1.0 && $1.0 == $1.1 }, "entrant \(entrant): \(sides)")
        }
    }

    @Test func fourEntrantsFollowTheCircleWithTheFirstAlternating() throws {
        let fixtures = try RoundRobin.fixtures(entrants: [1, 2, 3, 4])
        #expect(fixtures == [
            RoundRobinFixture(round: 1, number: 1, home: 1, away: 4), RoundRobinFixture(round: 1, number: 2, home: 2, away: 3),
            RoundRobinFixture(round: 2, number: 3, home: 3, away: 1), RoundRobinFixture(round: 2, number: 4, home: 4, away: 2),
            RoundRobinFixture(round: 3, number: 5, home: 1, away: 2), RoundRobinFixture(round: 3, number: 6, home: 3, away: 4),
        ])
        let six = try RoundRobin.fixtures(entrants: [1, 2, 3, 4, 5, 6]).filter { $0.home == 1 || $0.away == 1 }
        #expect(six.map { $0.home == 1 } == [true, false, true, false, true])
    }

    @Test func twoEntrantsPlayOnceAndThreeRestInTurn() throws {
        #expect(try RoundRobin.fixtures(entrants: [7, 9]) == [RoundRobinFixture(round: 1, number: 1, home: 7, away: 9)])
        #expect(try RoundRobin.rests(entrants: [7, 9]).isEmpty)
        let three = try RoundRobin.fixtures(entrants: [1, 2, 3])
        #expect(three.map { [$0.round, $0.home, $0.away] } == [[1, 1, 2], [2, 3, 1], [3, 2, 3]])
        #expect(try RoundRobin.rests(entrants: [1, 2, 3]) == [1: 3, 2: 2, 3: 1])
    }

    @Test func tooFewOrRepeatedEntrantsAreRefused() {
        #expect(key { _ = try RoundRobin.fixtures(entrants: []) } == LocalizedMessage("error.roundRobin.tooFew", ["count": "0"]))
        #expect(key { _ = try RoundRobin.fixtures(entrants: [5]) } == LocalizedMessage("error.roundRobin.tooFew", ["count": "1"]))
        #expect(key { _ = try RoundRobin.rests(entrants: [5]) }?.key == "error.roundRobin.tooFew")
        #expect(key { _ = try RoundRobin.fixtures(entrants: [1, 2, 1]) } == LocalizedMessage("error.roundRobin.duplicateEntrant", ["entry": "1"]))
    }

    @Test func groupsAreDrawnSerpentine() throws {
        #expect(try RoundRobin.groups(seeded: Array(1...10), count: 3) == [[1, 6, 7], [2, 5, 8], [3, 4, 9, 10]])
        #expect(try RoundRobin.groups(seeded: Array(1...8), count: 2) == [[1, 4, 5, 8], [2, 3, 6, 7]])
        #expect(try RoundRobin.groups(seeded: Array(1...11), count: 4).map(\.count) == [3, 3, 3, 2])
        #expect(try RoundRobin.groups(seeded: [4, 8, 15], count: 1) == [[4, 8, 15]])
        #expect(try RoundRobin.groups(seeded: Array(1...6), count: 3) == [[1, 6], [2, 5], [3, 4]])
        for total in 2...20 {
            for count in 1...(total / 2) {
                let sizes = try RoundRobin.groups(seeded: Array(1...total), count: count).map(\.count)
                #expect(sizes.max()! - sizes.min()! <= 1 && sizes.min()! >= 2 && sizes.reduce(0, +) == total)
            }
        }
    }

    @Test func aGroupCountThatLeavesGroupsOfOneIsRefused() {
        #expect(key { _ = try RoundRobin.groups(seeded: Array(1...5), count: 3) }
            == LocalizedMessage("error.roundRobin.groupCount", ["count": "3", "entrants": "5", "max": "2"]))
        #expect(key { _ = try RoundRobin.groups(seeded: Array(1...5), count: 0) }?.key == "error.roundRobin.groupCount")
        #expect(key { _ = try RoundRobin.groups(seeded: [1], count: 1) }?.key == "error.roundRobin.groupCount")
        #expect(key { _ = try RoundRobin.groups(seeded: [1, 2, 2, 3], count: 2) }?.key == "error.roundRobin.duplicateEntrant")
    }
}

@Suite("Round robin table and tie-breaks")
struct RoundRobinTableTests {
    typealias Match = (home: Int, away: Int, outcome: MatchOutcome)
    let a = 1, b = 2, c = 3, d = 4

    /// A match played out; the winner is whoever took more games.
    func match(_ home: Int, _ away: Int, _ games: [(Int, Int)]) -> Match {
        let scores = games.map { GameScore($0.0, $0.1) }
        let home_ = scores.filter { $0.leader == .home }.count, away_ = scores.filter { $0.leader == .away }.count
        return (home, away, MatchOutcome(winner: home_ == away_ ? nil : (home_ > away_ ? .home : .away), games: scores))
    }

    /// played, wins, draws, losses, games for, against, points for, against, match points
    func record(_ row: RoundRobinRow) -> [Int] {
        [row.played, row.wins, row.draws, row.losses, row.gamesFor, row.gamesAgainst, row.pointsFor, row.pointsAgainst, row.matchPoints]
    }

    func table(_ entrants: [Int], _ matches: [Match], _ rules: RoundRobinRules = .standard) -> [RoundRobinRow] {
        RoundRobinTable.compute(entrants: entrants, matches: matches, rules: rules)
    }

    @Test func walkoversAndRetirementsCount() {
        let rows = table([a, b, c], [
            (a, b, MatchOutcome(winner: .home, games: [], ending: .walkover)),
            // C retires at 5–3 up in the second game: A keeps game one and is given the unfinished game.
            (a, c, MatchOutcome(winner: .home, games: [GameScore(11, 7), GameScore(3, 5)], ending: .retirement)),
            match(b, c, [(11, 5), (11, 5), (11, 5)]),
        ], .chineseTableTennis)
        #expect(rows.map(\.entryID) == [a, b, c])
        #expect(rows.map(\.rank) == [1, 2, 3])
        #expect(rows.map(\.separatedBy) == [nil, .headToHead, nil])
        #expect(rows.map(\.matchPoints) == [4, 2, 2])
        let first = rows[0], second = rows[1], third = rows[2]
        #expect(record(first) == [2, 2, 0, 0, 2, 0, 14, 12, 4])
        // The walkover leaves B's games and points untouched and earns nothing; the win over C earns 2.
        #expect(record(second) == [2, 1, 0, 1, 3, 0, 33, 15, 2])
        // Losing by retirement is a loss played out: 1 point in Chinese table tennis.
        #expect(record(third) == [2, 0, 0, 2, 0, 5, 27, 47, 2])
        #expect(third.gameDifference == -5 && third.pointDifference == -20)
        #expect(rows.allSatisfy { !$0.tied && $0.draws == 0 })
    }

    @Test func aWalkoverWithoutAWinnerIsLostByBothAndDrawsScoreDrawPoints() {
        let rows = table([a, b, c], [
            (a, b, MatchOutcome(winner: nil, games: [], ending: .walkover)),
            (a, c, MatchOutcome(winner: nil, games: [GameScore(50, 50)])),
        ], .threeForAWin)
        #expect(rows.map(\.entryID) == [a, c, b])
        #expect(rows.map(\.matchPoints) == [1, 1, 0])
        #expect(rows[0].draws == 1 && rows[0].losses == 1 && rows[0].played == 2)
        #expect(rows[2].losses == 1 && rows[2].pointsFor == 0)
        // A and C drew and are level on everything.
        #expect(rows.map(\.rank) == [1, 1, 3])
    }

    @Test func aCircularTieResolvedByGameDifference() {
        let rows = table([a, b, c], [
            match(a, b, [(11, 5), (11, 5), (11, 5)]),
            match(b, c, [(11, 5), (11, 5), (11, 5)]),
            match(c, a, [(11, 5), (5, 11), (11, 5), (5, 11), (11, 5)]),
        ])
        #expect(rows.map(\.entryID) == [a, b, c])
        #expect(rows.map(\.matchPoints) == [2, 2, 2])
        #expect(rows.map(\.gameDifference) == [2, 0, -2])
        #expect(rows.map(\.rank) == [1, 2, 3])
        #expect(rows.map(\.separatedBy) == [.gameDifference, .gameDifference, nil])
        #expect(rows.map(\.tied) == [false, false, false])
    }

    @Test func aCircularTieResolvedByPointDifference() {
        let rows = table([a, b, c], [
            match(a, b, [(11, 5), (11, 5), (5, 11), (11, 5)]),
            match(b, c, [(11, 9), (11, 9), (9, 11), (11, 9)]),
            match(c, a, [(11, 9), (11, 9), (9, 11), (11, 9)]),
        ])
        #expect(rows.map(\.entryID) == [a, c, b])
        #expect(rows.map(\.gameDifference) == [0, 0, 0])
        #expect(rows.map(\.pointDifference) == [8, 0, -8])
        #expect(rows.map(\.separatedBy) == [.pointDifference, .pointDifference, nil])
        #expect(rows.map(\.rank) == [1, 2, 3])
    }

    @Test func aCircularTieLevelOnEverythingSharesFirst() {
        let rows = table([c, a, b], [
            match(a, b, [(11, 5), (11, 5), (11, 5)]),
            match(b, c, [(11, 5), (11, 5), (11, 5)]),
            match(c, a, [(11, 5), (11, 5), (11, 5)]),
        ])
        #expect(rows.map(\.entryID) == [c, a, b])
        #expect(rows.map(\.rank) == [1, 1, 1])
        #expect(rows.map(\.tied) == [true, true, true])
        #expect(rows.map(\.separatedBy) == [nil, nil, nil])
    }

    @Test func tiedRowsShareARankAndTheNextRankIsSkipped() {
        let rows = table([a, b, c], [
            (a, b, MatchOutcome(winner: nil, games: [GameScore(50, 50)])),
            (a, c, MatchOutcome(winner: .home, games: [GameScore(60, 40)])),
            (b, c, MatchOutcome(winner: .home, games: [GameScore(60, 40)])),
        ])
        #expect(rows.map(\.entryID) == [a, b, c])
        #expect(rows.map(\.rank) == [1, 1, 3])
        #expect(rows.map(\.tied) == [true, true, false])
        #expect(rows.map(\.separatedBy) == [nil, nil, nil])
        #expect(rows.map(\.matchPoints) == [3, 3, 0])
    }

    /// A beats B narrowly; B wins its other matches by far more.
    var twoWayTie: [Match] {
        [
            (a, b, MatchOutcome(winner: .home, games: [GameScore(50, 48)])),
            (a, c, MatchOutcome(winner: .home, games: [GameScore(50, 48)])),
            (d, a, MatchOutcome(winner: .home, games: [GameScore(60, 40)])),
            (b, c, MatchOutcome(winner: .home, games: [GameScore(80, 40)])),
            (b, d, MatchOutcome(winner: .home, games: [GameScore(80, 40)])),
            (c, d, MatchOutcome(winner: .home, games: [GameScore(55, 50)])),
        ]
    }

    @Test func headToHeadResolvesATwoWayTie() {
        let rows = table([a, b, c, d], twoWayTie)
        #expect(rows.map(\.entryID) == [a, b, c, d])
        #expect(rows.map(\.matchPoints) == [4, 4, 2, 2])
        #expect(rows.map(\.separatedBy) == [.headToHead, nil, .headToHead, nil])
        #expect(rows.map(\.rank) == [1, 2, 3, 4])
    }

    @Test func theOrderOfTheRulesDecides() {
        let rules = RoundRobinRules(tieBreaks: [.pointDifference, .headToHead])
        let rows = table([a, b, c, d], twoWayTie, rules)
        #expect(rows.map(\.entryID) == [b, a, d, c])
        #expect(rows.map(\.pointDifference) == [78, -16, -25, -37])
        #expect(rows.map(\.separatedBy) == [.pointDifference, nil, .pointDifference, nil])
        // With no tie-breaks at all, entrants level on match points share the rank, in the order given.
        let bare = table([a, b, c, d], twoWayTie, RoundRobinRules(tieBreaks: []))
        #expect(bare.map(\.rank) == [1, 1, 3, 3])
        #expect(bare.map(\.entryID) == [a, b, c, d])
    }

    @Test func aSplitStartsTheListOverForThoseStillLevel() {
        // Circular: A +2 games, B and C −1 each. Carrying on to point difference would put C ahead of B;
        // starting over puts B ahead, as B beat C.
        let matches = [
            match(a, b, [(11, 9), (11, 9), (11, 9)]),
            match(b, c, [(11, 9), (9, 11), (11, 9), (11, 9)]),
            match(c, a, [(11, 0), (11, 0), (0, 11), (0, 11), (11, 0)]),
        ]
        let rows = table([a, b, c], matches)
        #expect(rows.map(\.gameDifference) == [2, -1, -1])
        #expect(rows.map(\.pointDifference) == [-5, -2, 7])
        #expect(rows.map(\.entryID) == [a, b, c])
        #expect(rows.map(\.separatedBy) == [.gameDifference, .headToHead, nil])

        let pointsFirst = table([a, b, c], matches, RoundRobinRules(tieBreaks: [.headToHead, .pointDifference, .gameDifference]))
        #expect(pointsFirst.map(\.entryID) == [c, b, a])
        #expect(pointsFirst.map(\.separatedBy) == [.pointDifference, .pointDifference, nil])
    }

    @Test func gameRatioAndWinsAndPointsScored() {
        // A and B both win twice with +3 games: A 6–3 (ratio 2), B 7–4 (ratio 1.75). B beat A.
        let matches = [
            match(a, c, [(11, 0), (11, 0), (11, 0)]),
            match(a, d, [(11, 0), (11, 0), (11, 0)]),
            match(b, a, [(11, 0), (11, 0), (11, 0)]),
            match(b, c, [(11, 0), (0, 11), (11, 0), (11, 0)]),
            match(d, b, [(11, 0), (0, 11), (11, 0), (11, 0)]),
            match(c, d, [(11, 0), (11, 0), (11, 0)]),
        ]
        let ratio = table([a, b, c, d], matches, RoundRobinRules(tieBreaks: [.gameDifference, .gameRatio]))
        #expect(ratio.map(\.entryID) == [a, b, c, d])
        #expect(ratio.map(\.gameDifference) == [3, 3, -2, -4])
        #expect(ratio.map(\.separatedBy) == [.gameRatio, nil, .gameDifference, nil])
        #expect(table([a, b, c, d], matches).map(\.entryID) == [b, a, c, d])
        // No games lost beats any ratio.
        #expect(RoundRobinTable.Key(ratio: 1, lost: 0) > RoundRobinTable.Key(ratio: 30, lost: 1))
        #expect(RoundRobinTable.Key(ratio: 0, lost: 0) == RoundRobinTable.Key(ratio: 0, lost: 4))

        // A draws twice, D wins once and loses once: 2 match points each.
        let byWins = table([a, b, c, d], [
            (a, b, MatchOutcome(winner: nil, games: [GameScore(10, 10)])), (a, c, MatchOutcome(winner: nil, games: [GameScore(10, 10)])),
            (d, b, MatchOutcome(winner: .home, games: [GameScore(12, 10)])), (c, d, MatchOutcome(winner: .home, games: [GameScore(12, 10)])),
        ], RoundRobinRules(tieBreaks: [.wins]))
        #expect(byWins.map(\.entryID) == [c, d, a, b])
        #expect(byWins.map(\.matchPoints) == [3, 2, 2, 1])
        #expect(byWins.map(\.separatedBy) == [nil, .wins, nil, nil])

        let byScored = table([a, b, c], [
            (a, c, MatchOutcome(winner: .home, games: [GameScore(70, 60)])), (b, c, MatchOutcome(winner: .home, games: [GameScore(60, 50)])),
        ], RoundRobinRules(tieBreaks: [.pointsScored]))
        #expect(byScored.map(\.entryID) == [a, b, c])
        #expect(byScored.map(\.separatedBy) == [.pointsScored, nil, nil])
    }

    @Test func anUnfinishedRoundRobinGivesAProvisionalTable() {
        let rows = table([2, 1, 3, 4, 5], [
            match(1, 2, [(11, 5), (11, 5), (11, 5)]),
            match(3, 4, [(11, 5), (5, 11), (11, 5), (11, 5)]),
            match(3, 99, [(11, 0), (11, 0), (11, 0)]),
            match(4, 4, [(11, 0), (11, 0), (11, 0)]),
        ])
        #expect(rows.map(\.entryID) == [1, 3, 5, 4, 2])
        #expect(rows.map(\.played) == [1, 1, 0, 1, 1])
        #expect(rows.map(\.separatedBy) == [.gameDifference, nil, .gameDifference, .gameDifference, nil])
        #expect(rows.map(\.rank) == [1, 2, 3, 4, 5])
        let idle = rows[2]
        #expect(record(idle) == [0, 0, 0, 0, 0, 0, 0, 0, 0])
        #expect(table([7, 8], []).map(\.rank) == [1, 1])
        #expect(table([], []).isEmpty)
    }

    @Test func tieBreakListsAreReadAndChecked() throws {
        #expect(try RoundRobinRules.parse(tieBreaks: "headToHead, gameDifference, pointDifference, pointsScored") == RoundRobinRules.defaultTieBreaks)
        #expect(try RoundRobinRules.parse(tieBreaks: "matchPoints > head_to_head；WINS  game-ratio") == [.headToHead, .wins, .gameRatio])
        #expect(try RoundRobinRules.parse(tieBreaks: " ").isEmpty)
        #expect(RoundRobinRules.text(tieBreaks: [.headToHead, .wins]) == "headToHead, wins")
        do {
            _ = try RoundRobinRules.parse(tieBreaks: "goals, wins, headToHead, wins, coin")
            Issue.record("expected an error")
        } catch {
            #expect(error == .validation([
                FieldIssue("tieBreaks", "error.roundRobin.tieBreak", ["name": "goals"]),
                FieldIssue("tieBreaks", "error.roundRobin.tieBreakDuplicate", ["name": "wins"]),
                FieldIssue("tieBreaks", "error.roundRobin.tieBreak", ["name": "coin"]),
            ]))
        }
        #expect(TieBreak.headToHead.localizationKey == "tieBreak.headToHead")
        #expect(TieBreak(rawValue: "pointDifference") == .pointDifference)
        #expect(TieBreak.configurable.count == 7)
        // Lots and the referee settle what the rules leave open; they are not rules one lists.
        #expect(throws: PodiumError.validation([FieldIssue("tieBreaks", "error.roundRobin.tieBreak", ["name": "drawingOfLots"])])) {
            try RoundRobinRules.parse(tieBreaks: "headToHead, drawingOfLots")
        }
        #expect(RoundRobinRules(tieBreaks: [.refereeDecision]).issues == [FieldIssue("tieBreaks", "error.roundRobin.tieBreak", ["name": "refereeDecision"])])
    }

    @Test func matchPointsMustFallFromWinToLoss() throws {
        #expect(RoundRobinRules.standard.issues.isEmpty)
        #expect(RoundRobinRules.threeForAWin.issues.isEmpty)
        #expect(RoundRobinRules.chineseTableTennis.issues.isEmpty)
        #expect(RoundRobinRules(winPoints: 1, drawPoints: 1).issues.map(\.message)
            == [LocalizedMessage("error.roundRobin.pointsOrder", ["win": "1", "draw": "1", "loss": "0"])])
        #expect(RoundRobinRules(winPoints: 2, drawPoints: 0, lossPoints: 1, walkoverLossPoints: 0).issues.map(\.message.key) == ["error.roundRobin.pointsOrder"])
        #expect(RoundRobinRules(lossPoints: -1, walkoverLossPoints: -1).issues.map(\.field) == ["lossPoints", "walkoverLossPoints"])
        #expect(RoundRobinRules(walkoverLossPoints: 1).issues
            == [FieldIssue("walkoverLossPoints", "error.roundRobin.walkoverPoints", ["walkover": "1", "loss": "0"])])
        #expect(RoundRobinRules(tieBreaks: [.wins, .headToHead, .wins]).issues
            == [FieldIssue("tieBreaks", "error.roundRobin.tieBreakDuplicate", ["name": "wins"])])

        let rules = RoundRobinRules(winPoints: 3, drawPoints: 1, lossPoints: 0, walkoverLossPoints: 0, tieBreaks: [.headToHead, .gameRatio])
        let decoded = try JSONDecoder().decode(RoundRobinRules.self, from: JSONEncoder().encode(rules))
        #expect(decoded == rules)
        #expect(String(decoding: try JSONEncoder().encode([TieBreak.headToHead]), as: UTF8.self) == "[\"headToHead\"]")
    }
}
