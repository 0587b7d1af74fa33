import Testing
@testable import PodiumCore

/// Entry ids are 100 + seed so that ids and seeds cannot be confused.
private func bracket(_ count: Int, thirdPlace: Bool = false) throws -> SingleElimination {
    try SingleElimination(entrants: (1...count).map { 100 + $0 }, thirdPlaceMatch: thirdPlace)
}

private let home = MatchOutcome(winner: .home, games: [GameScore(60, 50)])
private let away = MatchOutcome(winner: .away, games: [GameScore(48, 52)])

/// Round-1 pairs as seed numbers; byes left out.
private func firstRound(_ bracket: SingleElimination) -> [[Int]] {
    bracket.matches.filter { $0.round == 1 }.map { match in
        [match.home, match.away].map { source -> Int in
            guard case .seed(let seed) = source else { Issue.record("round 1 source \(source)"); return 0 }
            return seed
        }
    }
}

private func places(_ state: BracketState) -> [[Int]] { state.places.map { [$0.entryID, $0.place] } }

private func conflict(_ run: () throws(PodiumError) -> Void) -> LocalizedMessage? {
    do { try run() } catch { if case .conflict(let message) = error { return message } }
    return nil
}

@Suite("Single-elimination bracket")
struct BracketTests {
    @Test func theDrawOrderKeepsTopSeedsApart() {
        #expect(SingleElimination.drawOrder(size: 2) == [1, 2])
        #expect(SingleElimination.drawOrder(size: 4) == [1, 4, 2, 3])
        #expect(SingleElimination.drawOrder(size: 8) == [1, 8, 4, 5, 3, 6, 2, 7])
        #expect(SingleElimination.drawOrder(size: 16) == [1, 16, 8, 9, 5, 12, 4, 13, 3, 14, 6, 11, 7, 10, 2, 15])
        // Seeds 1-4 in different quarters, 1-8 in different eighths of a 32 draw.
        let order = SingleElimination.drawOrder(size: 32)
        #expect(Set(order) == Set(1...32))
        #expect(Set((0..<4).map { quarter in order[quarter * 8..<(quarter + 1) * 8].min()! }) == Set(1...4))
        #expect(Set((0..<8).map { eighth in order[eighth * 4..<(eighth + 1) * 4].min()! }) == Set(1...8))
    }

    @Test func sixteenEntrantsPlayTheStandardFirstRoundThenWinnersMeetInOrder() throws {
        let b = try bracket(16)
        #expect(b.size == 16 && b.rounds == 4 && b.byes.isEmpty && !b.hasThirdPlaceMatch)
        #expect(firstRound(b) == [[1, 16], [8, 9], [5, 12], [4, 13], [3, 14], [6, 11], [7, 10], [2, 15]])
        #expect(b.matches.count == 15)
        #expect(b.matches.map(\.number) == Array(1...15))
        #expect(b.matches.map(\.round) == [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 4])
        #expect(b.matches[0].label == LocalizedMessage("bracket.round.n", ["size": "16"]))
        #expect(b.matches[8].label == LocalizedMessage("bracket.round.quarterfinal"))
        #expect(b.matches[12].label == LocalizedMessage("bracket.round.semifinal"))
        #expect(b.matches[14].label == LocalizedMessage("bracket.round.final"))
        #expect(b.match(9)?.home == .winner(of: 1) && b.match(9)?.away == .winner(of: 2))
        #expect(b.match(12)?.home == .winner(of: 7) && b.match(12)?.away == .winner(of: 8))
        #expect(b.match(15)?.home == .winner(of: 13) && b.match(15)?.away == .winner(of: 14))
        #expect(b.roundLabel(1) == LocalizedMessage("bracket.round.n", ["size": "16"]))
        #expect(b.matchesFed(by: 3) == [10])
        #expect(b.match(0) == nil && b.match(16) == nil)
    }

    @Test func eightEntrantsWithAThirdPlaceMatchNumberItJustBeforeTheFinal() throws {
        let b = try bracket(8, thirdPlace: true)
        #expect(firstRound(b) == [[1, 8], [4, 5], [3, 6], [2, 7]])
        #expect(b.matches[0].label.key == "bracket.round.quarterfinal")
        #expect(b.hasThirdPlaceMatch)
        #expect(b.matches.count == 8)
        let third = try #require(b.match(7)), final = try #require(b.match(8))
        #expect(third.isThirdPlace && third.round == 3 && third.label.key == "bracket.round.thirdPlace")
        #expect(third.home == .loser(of: 5) && third.away == .loser(of: 6))
        #expect(!final.isThirdPlace && final.round == 3 && final.label.key == "bracket.round.final")
        #expect(final.home == .winner(of: 5) && final.away == .winner(of: 6))
        #expect(b.matchesFed(by: 5) == [7, 8])
        #expect(b.lines == [1, 8, 4, 5, 3, 6, 2, 7])
    }

    @Test func twoEntrantsPlayOnlyAFinalAndGetNoThirdPlaceMatch() throws {
        let b = try bracket(2, thirdPlace: true)
        #expect(b.size == 2 && b.rounds == 1 && !b.hasThirdPlaceMatch)
        #expect(b.matches == [BracketMatch(number: 1, round: 1, label: LocalizedMessage("bracket.round.final"), home: .seed(1), away: .seed(2))])
        let state = b.state(outcomes: [1: away])
        #expect(state.isComplete && state.champion == 102)
        #expect(places(state) == [[102, 1], [101, 2]])
    }

    @Test func threeEntrantsGiveSeedOneAByeAndTheLoneSemifinalLoserIsThird() throws {
        let b = try bracket(3, thirdPlace: true)
        #expect(b.byes == [1] && !b.hasThirdPlaceMatch)
        #expect(b.lines == [1, nil, 2, 3])
        #expect(b.matches.count == 2)
        #expect(b.match(1) == BracketMatch(number: 1, round: 1, label: LocalizedMessage("bracket.round.semifinal"), home: .seed(2), away: .seed(3)))
        #expect(b.match(2)?.home == .bye(seed: 1) && b.match(2)?.away == .winner(of: 1))
        let start = b.state(outcomes: [:])
        #expect(start.match(2)?.home == 101 && start.match(2)?.away == nil && start.match(2)?.isReady == false)
        #expect(start.match(1)?.isReady == true)
        let done = b.state(outcomes: [1: away, 2: home])
        #expect(places(done) == [[101, 1], [103, 2], [102, 3]])
        #expect(done.isComplete)
    }

    @Test func fiveEntrantsGiveTheTopThreeSeedsByes() throws {
        let b = try bracket(5, thirdPlace: true)
        #expect(b.size == 8 && b.byes == [1, 2, 3])
        #expect(b.lines == [1, nil, 4, 5, 3, nil, 2, nil])
        #expect(firstRound(b) == [[4, 5]])
        #expect(b.match(2)?.home == .bye(seed: 1) && b.match(2)?.away == .winner(of: 1))
        #expect(b.match(3)?.home == .bye(seed: 3) && b.match(3)?.away == .bye(seed: 2))
        #expect(b.match(3)?.label.key == "bracket.round.semifinal")
        #expect(b.match(4)?.isThirdPlace == true && b.match(5)?.label.key == "bracket.round.final")
        // The round-1 loser is certainly behind the four semifinalists.
        #expect(places(b.state(outcomes: [1: home])) == [[105, 5]])
        #expect(b.state(outcomes: [:]).match(3)?.isReady == true)
    }

    @Test func sixEntrantsGiveTheTopTwoSeedsByes() throws {
        let b = try bracket(6)
        #expect(b.byes == [1, 2])
        #expect(firstRound(b) == [[4, 5], [3, 6]])
        #expect(b.match(3)?.home == .bye(seed: 1) && b.match(3)?.away == .winner(of: 1))
        #expect(b.match(4)?.home == .winner(of: 2) && b.match(4)?.away == .bye(seed: 2))
        #expect(b.matches.count == 5)
        #expect(places(b.state(outcomes: [1: away, 2: home])) == [[104, 5], [106, 5]])
    }

    @Test func thirteenEntrantsPlayFiveFirstRoundMatches() throws {
        let b = try bracket(13)
        #expect(b.byes == [1, 2, 3])
        #expect(firstRound(b) == [[8, 9], [5, 12], [4, 13], [6, 11], [7, 10]])
        #expect(b.matches.count == 12)
        #expect(b.match(6)?.home == .bye(seed: 1) && b.match(6)?.away == .winner(of: 1))
        #expect(b.match(7)?.home == .winner(of: 2) && b.match(7)?.away == .winner(of: 3))
        #expect(b.match(8)?.home == .bye(seed: 3) && b.match(8)?.away == .winner(of: 4))
        #expect(b.match(9)?.home == .winner(of: 5) && b.match(9)?.away == .bye(seed: 2))
        #expect(b.match(6)?.label.key == "bracket.round.quarterfinal")
        #expect(b.match(12)?.home == .winner(of: 10) && b.match(12)?.label.key == "bracket.round.final")
        let state = b.state(outcomes: [1: home, 2: home, 3: away, 4: home, 5: home])
        #expect(state.match(7)?.home == 105 && state.match(7)?.away == 113)
        #expect(state.places.map(\.place) == [9, 9, 9, 9, 9])
        #expect(state.places.map(\.entryID) == [104, 109, 110, 111, 112])
    }

    @Test func aCompleteBracketPlacesEveryone() throws {
        // Home (the better seed in round 1, the upper match's winner later) always wins.
        let outcomes = Dictionary(uniqueKeysWithValues: (1...8).map { ($0, home) })
        let withThird = try bracket(8, thirdPlace: true).state(outcomes: outcomes)
        #expect(withThird.isComplete && withThird.ignoredOutcomes.isEmpty)
        // Semis: 1 beats 4, 3 beats 2; third place: 4 beats 2; final: 1 beats 3.
        #expect(places(withThird) == [[101, 1], [103, 2], [104, 3], [102, 4], [105, 5], [106, 5], [107, 5], [108, 5]])
        #expect(withThird.place(of: 102) == 4 && withThird.place(of: 999) == nil)

        let without = try bracket(8).state(outcomes: Dictionary(uniqueKeysWithValues: (1...7).map { ($0, home) }))
        #expect(without.isComplete)
        #expect(places(without) == [[101, 1], [103, 2], [102, 3], [104, 3], [105, 5], [106, 5], [107, 5], [108, 5]])

        let sixteen = try bracket(16).state(outcomes: Dictionary(uniqueKeysWithValues: (1...15).map { ($0, away) }))
        #expect(sixteen.isComplete)
        #expect(sixteen.places.map(\.place) == [1, 2, 3, 3, 5, 5, 5, 5, 9, 9, 9, 9, 9, 9, 9, 9])
        #expect(sixteen.places.count == 16 && Set(sixteen.places.map(\.entryID)).count == 16)
    }

    @Test func midBracketOnlyEliminatedEntrantsHavePlaces() throws {
        let b = try bracket(8, thirdPlace: true)
        let outcomes: [Int: MatchOutcome] = [1: home, 2: away, 3: home, 4: home, 5: home]
        let state = b.state(outcomes: outcomes)
        #expect(!state.isComplete && state.champion == nil)
        // Seed 5 won match 2; the loser of semifinal 5 waits for the third-place match.
        #expect(places(state) == [[104, 5], [106, 5], [107, 5], [108, 5]])
        #expect(state.match(5)?.home == 101 && state.match(5)?.away == 105)
        #expect(state.match(7)?.home == 105 && state.match(7)?.away == nil)
        #expect(state.match(8)?.home == 101 && state.match(8)?.away == nil)

        let noThird = try bracket(8).state(outcomes: outcomes)
        #expect(places(noThird) == [[105, 3], [104, 5], [106, 5], [107, 5], [108, 5]])
        #expect(try bracket(16).state(outcomes: [:]).places.isEmpty)
    }

    @Test func correctingAWinnerReflowsIntoALaterMatchWithoutAResult() throws {
        let b = try bracket(8)
        var outcomes: [Int: MatchOutcome] = [1: home, 2: home]
        #expect(b.state(outcomes: outcomes).match(5)?.home == 101)
        try b.checkResult(match: 1, outcome: away, outcomes: outcomes)
        outcomes[1] = away
        let state = b.state(outcomes: outcomes)
        #expect(state.match(5)?.home == 108 && state.match(5)?.away == 104)
        #expect(state.match(1)?.winner == 108 && state.match(1)?.loser == 101)
        #expect(places(state) == [[101, 5], [105, 5]])
    }

    @Test func changingAWinnerIsRefusedOnceAMatchItFeedsHasAResult() throws {
        let b = try bracket(8, thirdPlace: true)
        let outcomes: [Int: MatchOutcome] = [1: home, 2: home, 3: home, 4: home, 5: home, 6: away, 7: home]
        let message = conflict { () throws(PodiumError) in try b.checkResult(match: 1, outcome: away, outcomes: outcomes) }
        #expect(message == LocalizedMessage("error.bracket.laterMatchPlayed", [
            "match": "1", "matchRound": "bracket.round.quarterfinal", "later": "5", "laterRound": "bracket.round.semifinal",
        ]))
        // Clearing is a change of winner too.
        #expect(conflict { () throws(PodiumError) in try b.checkResult(match: 1, outcome: nil, outcomes: outcomes) }?.key == "error.bracket.laterMatchPlayed")
        // A semifinal feeds the third-place match (numbered first) and the final.
        let semi = conflict { () throws(PodiumError) in try b.checkResult(match: 6, outcome: home, outcomes: outcomes) }
        #expect(semi?.args["later"] == "7" && semi?.args["laterRound"] == "bracket.round.thirdPlace")
        var noThirdYet = outcomes
        noThirdYet[7] = nil
        noThirdYet[8] = home
        let final = conflict { () throws(PodiumError) in try b.checkResult(match: 6, outcome: home, outcomes: noThirdYet) }
        #expect(final?.args["later"] == "8" && final?.args["laterRound"] == "bracket.round.final")
        // Round-of-n labels carry their size.
        let big = try bracket(16)
        let r16 = conflict { () throws(PodiumError) in try big.checkResult(match: 1, outcome: away, outcomes: [1: home, 2: home, 9: home]) }
        #expect(r16 == LocalizedMessage("error.bracket.laterMatchPlayed", [
            "match": "1", "matchRound": "bracket.round.n", "matchRoundSize": "16", "later": "9", "laterRound": "bracket.round.quarterfinal",
        ]))
    }

    @Test func aScoreTypoThatKeepsTheWinnerIsAlwaysAllowed() throws {
        let b = try bracket(8)
        let outcomes: [Int: MatchOutcome] = [1: home, 2: home, 5: home, 3: home, 4: home, 6: home, 7: away]
        let typo = MatchOutcome(winner: .home, games: [GameScore(61, 50)])
        try b.checkResult(match: 1, outcome: typo, outcomes: outcomes)
        try b.checkResult(match: 7, outcome: MatchOutcome(winner: .away, games: [], ending: .walkover), outcomes: outcomes)
        // Changing the final's winner is fine: nothing comes after it.
        try b.checkResult(match: 7, outcome: home, outcomes: outcomes)
        var corrected = outcomes
        corrected[1] = typo
        #expect(b.state(outcomes: corrected).match(1)?.outcome == typo)
        #expect(b.state(outcomes: corrected).places == b.state(outcomes: outcomes).places)
    }

    @Test func aMatchWaitingForAnEarlierOneIsNotReady() throws {
        let b = try bracket(8, thirdPlace: true)
        let message = conflict { () throws(PodiumError) in try b.checkResult(match: 5, outcome: home, outcomes: [1: home]) }
        #expect(message == LocalizedMessage("error.bracket.notReady", [
            "match": "5", "matchRound": "bracket.round.semifinal", "waitingFor": "2", "waitingForRound": "bracket.round.quarterfinal",
        ]))
        let third = conflict { () throws(PodiumError) in try b.checkResult(match: 7, outcome: home, outcomes: [:]) }
        #expect(third?.args["waitingFor"] == "5" && third?.args["matchRound"] == "bracket.round.thirdPlace")
        // A stored result for a match that is not ready does not count.
        let state = b.state(outcomes: [5: home, 1: home, 42: home])
        #expect(state.match(5)?.outcome == nil && state.match(5)?.winner == nil)
        #expect(state.ignoredOutcomes == [5, 42])
    }

    @Test func drawsAreRefusedAndIgnored() throws {
        let b = try bracket(4)
        let draw = MatchOutcome(winner: nil, games: [GameScore(50, 50)])
        #expect(throws: PodiumError.invalid("score", "error.bracket.noDraw", ["match": "1", "matchRound": "bracket.round.semifinal"])) {
            try b.checkResult(match: 1, outcome: draw, outcomes: [:])
        }
        let state = b.state(outcomes: [1: draw])
        #expect(state.match(1)?.outcome == nil && state.match(3)?.home == nil)
        #expect(state.ignoredOutcomes == [1])
    }

    @Test func unknownMatchNumbersAreNotFound() throws {
        let b = try bracket(4)
        for number in [0, 4, -1] {
            #expect(throws: PodiumError.notFound(LocalizedMessage("error.bracket.noSuchMatch", ["match": "\(number)"]))) {
                try b.checkResult(match: number, outcome: home, outcomes: [:])
            }
        }
    }

    @Test func clearingAResultWithNothingAfterItIsAllowed() throws {
        let b = try bracket(4)
        var outcomes: [Int: MatchOutcome] = [1: home, 2: home, 3: home]
        try b.checkResult(match: 3, outcome: nil, outcomes: outcomes)
        outcomes[3] = nil
        try b.checkResult(match: 1, outcome: nil, outcomes: outcomes)
        outcomes[1] = nil
        let state = b.state(outcomes: outcomes)
        #expect(state.match(3)?.home == nil && state.match(3)?.away == 102)
        #expect(places(state) == [[103, 3]])
        // Clearing a match without a result is harmless.
        try b.checkResult(match: 3, outcome: nil, outcomes: outcomes)
    }

    @Test func fewerThanTwoOrRepeatedEntrantsAreRefused() {
        #expect(throws: PodiumError.invalid("entrants", "error.bracket.tooFew", ["count": "1", "minimum": "2"])) {
            try SingleElimination(entrants: [7], thirdPlaceMatch: false)
        }
        #expect(throws: PodiumError.invalid("entrants", "error.bracket.tooFew", ["count": "0", "minimum": "2"])) {
            try SingleElimination(entrants: [], thirdPlaceMatch: true)
        }
        #expect(throws: PodiumError.invalid("entrants", "error.bracket.duplicateEntrant", ["entry": "7"])) {
            try SingleElimination(entrants: [7, 8, 7], thirdPlaceMatch: false)
        }
    }
}

@Suite("Groups then knockout")
struct GroupsToKnockoutTests {
    /// Group g (0-based) position p (0-based) has entry id (g + 1) * 10 + p + 1: 11 is A1, 22 is B2.
    func groups(_ count: Int, size: Int = 4) -> [[Int]] {
        (0..<count).map { g in (0..<size).map { p in (g + 1) * 10 + p + 1 } }
    }

    /// Round-1 pairs as entry ids.
    func firstRound(_ b: SingleElimination) -> [[Int]] {
        b.matches.filter { $0.round == 1 }.compactMap { match in
            guard case .seed(let h) = match.home, case .seed(let a) = match.away else { return nil }
            return [b.entrant(seed: h), b.entrant(seed: a)]
        }
    }

    func sameGroupInRoundOne(_ b: SingleElimination) -> Bool { firstRound(b).contains { $0[0] / 10 == $0[1] / 10 } }

    @Test func twoGroupsCrossOver() throws {
        #expect(try GroupsToKnockout.seeding(groups: groups(2), qualifiersPerGroup: 2) == [11, 21, 12, 22])
        let b = try GroupsToKnockout.bracket(groups: groups(2), qualifiersPerGroup: 2, thirdPlaceMatch: false)
        #expect(firstRound(b) == [[11, 22], [21, 12]])
    }

    @Test func threeGroupsGiveTheTopWinnersByesAndKeepGroupsApart() throws {
        let seeds = try GroupsToKnockout.seeding(groups: groups(3), qualifiersPerGroup: 2)
        #expect(seeds == [11, 21, 31, 22, 32, 12])
        let b = try SingleElimination(entrants: seeds, thirdPlaceMatch: false)
        #expect(b.byes == [1, 2])
        #expect(firstRound(b) == [[22, 32], [31, 12]])
        // Every group's pair can meet only in the semifinals or the final.
        #expect(b.match(3)?.home == .bye(seed: 1) && b.match(4)?.away == .bye(seed: 2))
    }

    @Test func fourGroupsSendRunnersUpToTheOtherHalf() throws {
        let seeds = try GroupsToKnockout.seeding(groups: groups(4), qualifiersPerGroup: 2)
        #expect(seeds == [11, 21, 31, 41, 22, 12, 42, 32])
        let b = try SingleElimination(entrants: seeds, thirdPlaceMatch: true)
        #expect(firstRound(b) == [[11, 32], [41, 22], [31, 12], [21, 42]])
        let lines = b.lines.map { b.entrant(seed: $0!) }
        let top = Set(lines[0..<4].map { $0 / 10 }), bottom = Set(lines[4..<8].map { $0 / 10 })
        #expect(top == Set([1, 2, 3, 4]) && bottom == Set([1, 2, 3, 4]))
    }

    @Test func fourGroupsWithOneQualifierSeedTheWinnersInGroupOrder() throws {
        #expect(try GroupsToKnockout.seeding(groups: groups(4), qualifiersPerGroup: 1) == [11, 21, 31, 41])
    }

    @Test func manyGroupsNeverClashInRoundOne() throws {
        for count in [5, 6, 8, 13] {
            let b = try GroupsToKnockout.bracket(groups: groups(count), qualifiersPerGroup: 2, thirdPlaceMatch: false)
            #expect(!sameGroupInRoundOne(b), "\(count) groups")
            #expect(Set(b.entrants) == Set(groups(count).flatMap { $0.prefix(2) }))
        }
        let three = try GroupsToKnockout.bracket(groups: groups(4), qualifiersPerGroup: 3, thirdPlaceMatch: false)
        #expect(!sameGroupInRoundOne(three))
        #expect(three.entrants.prefix(4) == [11, 21, 31, 41])
        // One group cannot avoid itself; the group order stands.
        #expect(try GroupsToKnockout.seeding(groups: [[1, 2, 3, 4]], qualifiersPerGroup: 4) == [1, 2, 3, 4])
    }

    @Test func nonQualifiersSharePlacesByGroupPosition() throws {
        let g = [[11, 12, 13, 14], [21, 22, 23]]
        let b = try GroupsToKnockout.bracket(groups: g, qualifiersPerGroup: 2, thirdPlaceMatch: false)
        // 11 beats 22, 21 beats 12, 11 beats 21.
        let complete = b.state(outcomes: [1: home, 2: home, 3: home])
        let all = GroupsToKnockout.places(groups: g, qualifiersPerGroup: 2, knockout: complete)
        #expect(all.map { [$0.entryID, $0.place] } == [[11, 1], [21, 2], [12, 3], [22, 3], [13, 5], [23, 5], [14, 7]])
        // Before the knockout, only the non-qualifiers are placed.
        let before = GroupsToKnockout.places(groups: g, qualifiersPerGroup: 2, knockout: b.state(outcomes: [:]))
        #expect(before.map { [$0.entryID, $0.place] } == [[13, 5], [23, 5], [14, 7]])

        let one = groups(4, size: 3)
        let knockout = try GroupsToKnockout.bracket(groups: one, qualifiersPerGroup: 1, thirdPlaceMatch: true)
        let done = knockout.state(outcomes: [1: home, 2: away, 3: home, 4: home])
        #expect(GroupsToKnockout.places(groups: one, qualifiersPerGroup: 1, knockout: done).map(\.place) == [1, 2, 3, 4, 5, 5, 5, 5, 9, 9, 9, 9])
    }

    @Test func badGroupInputIsReportedAllAtOnce() {
        #expect(throws: PodiumError.validation([
            FieldIssue("groups", "error.bracket.groupTooSmall", ["group": "B", "count": "1", "needed": "2"]),
            FieldIssue("groups", "error.bracket.duplicateEntrant", ["entry": "11"]),
        ])) {
            try GroupsToKnockout.seeding(groups: [[11, 12], [11]], qualifiersPerGroup: 2)
        }
        #expect(throws: PodiumError.invalid("qualifiersPerGroup", "error.bracket.qualifiers", ["value": "0"])) {
            try GroupsToKnockout.seeding(groups: groups(2), qualifiersPerGroup: 0)
        }
        #expect(throws: PodiumError.invalid("groups", "error.bracket.tooFew", ["count": "1", "minimum": "2"])) {
            try GroupsToKnockout.seeding(groups: groups(1), qualifiersPerGroup: 1)
        }
        #expect(GroupsToKnockout.groupName(0) == "A" && GroupsToKnockout.groupName(25) == "Z" && GroupsToKnockout.groupName(26) == "27")
    }
}
