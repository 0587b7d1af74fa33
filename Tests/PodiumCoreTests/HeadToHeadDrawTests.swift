import Testing
@testable import PodiumCore

@Suite("Head-to-head draws: groups, bracket and places together")
struct HeadToHeadDrawTests {
    func win(_ side: MatchSide) -> MatchOutcome {
        MatchOutcome(winner: side, games: [side == .home ? GameScore(11, 5) : GameScore(5, 11)])
    }

    /// Lower entry ids win every group match.
    func groupOutcomes(_ draw: HeadToHeadDraw) -> [MatchRef: MatchOutcome] {
        var outcomes: [MatchRef: MatchOutcome] = [:]
        for (index, fixtures) in draw.fixtures.enumerated() {
            for fixture in fixtures { outcomes[.group(index + 1, fixture.number)] = win(fixture.home < fixture.away ? .home : .away) }
        }
        return outcomes
    }

    @Test func matchKeysReadBack() {
        #expect(MatchRef(key: "k5") == .knockout(5))
        #expect(MatchRef(key: "g2-7") == .group(2, 7))
        #expect(MatchRef.group(2, 7).key == "g2-7")
        #expect(MatchRef(key: "g0-1") == nil && MatchRef(key: "x") == nil && MatchRef(key: "k0") == nil)
    }

    @Test func roundRobinPlacesOnlyWhenEveryMatchIsIn() throws {
        let empty = try HeadToHeadDraw(structure: .roundRobin, entrants: [1, 2, 3, 4], groups: [], qualifiersPerGroup: 0, thirdPlaceMatch: false,
                                       rules: .standard, outcomes: [:])
        #expect(empty.matches.count == 6 && empty.places.isEmpty)
        var outcomes = groupOutcomes(empty)
        let last = outcomes.keys.max()!
        outcomes[last] = nil
        let partial = try HeadToHeadDraw(structure: .roundRobin, entrants: [1, 2, 3, 4], groups: [], qualifiersPerGroup: 0, thirdPlaceMatch: false,
                                         rules: .standard, outcomes: outcomes)
        #expect(partial.places.isEmpty && !partial.isComplete)
        let full = try HeadToHeadDraw(structure: .roundRobin, entrants: [1, 2, 3, 4], groups: [], qualifiersPerGroup: 0, thirdPlaceMatch: false,
                                      rules: .standard, outcomes: groupOutcomes(empty))
        #expect(full.isComplete)
        #expect(full.places.map(\.entryID) == [1, 2, 3, 4] && full.places.map(\.place) == [1, 2, 3, 4])
    }

    @Test func groupsFeedTheBracketOnceFinished() throws {
        let groups = [[1, 4, 5], [2, 3, 6]]
        let before = try HeadToHeadDraw(structure: .groupsKnockout, entrants: [1, 2, 3, 4, 5, 6], groups: groups, qualifiersPerGroup: 2,
                                        thirdPlaceMatch: true, rules: .standard, outcomes: [:])
        #expect(before.bracket == nil)
        let semifinal = try #require(before.matches.first { $0.ref == .knockout(1) })
        #expect(semifinal.homeFrom == LocalizedMessage("draw.from.group", ["group": "A", "position": "1"]))
        #expect(semifinal.awayFrom == LocalizedMessage("draw.from.group", ["group": "B", "position": "2"]))
        #expect(throws: PodiumError.conflict(LocalizedMessage("error.draw.groupsFirst", ["match": "1"]))) {
            try before.checkResult(.knockout(1), outcome: self.win(.home))
        }
        var outcomes = groupOutcomes(before)
        let after = try HeadToHeadDraw(structure: .groupsKnockout, entrants: [1, 2, 3, 4, 5, 6], groups: groups, qualifiersPerGroup: 2,
                                       thirdPlaceMatch: true, rules: .standard, outcomes: outcomes)
        // A1 v B2 and B1 v A2.
        #expect(after.bracketState?.matches.first.map { [$0.home, $0.away] } == [1, 3])
        #expect(after.bracketState?.matches.dropFirst().first.map { [$0.home, $0.away] } == [2, 4])
        #expect(after.places.map(\.place) == [5, 5])
        outcomes[.knockout(1)] = win(.home)
        let started = try HeadToHeadDraw(structure: .groupsKnockout, entrants: [1, 2, 3, 4, 5, 6], groups: groups, qualifiersPerGroup: 2,
                                         thirdPlaceMatch: true, rules: .standard, outcomes: outcomes)
        #expect(throws: PodiumError.conflict(LocalizedMessage("error.draw.knockoutStarted", ["group": "A"]))) {
            try started.checkResult(.group(1, 1), outcome: self.win(.away))
        }
        for ref in [MatchRef.knockout(2), .knockout(3), .knockout(4)] { outcomes[ref] = win(.home) }
        let done = try HeadToHeadDraw(structure: .groupsKnockout, entrants: [1, 2, 3, 4, 5, 6], groups: groups, qualifiersPerGroup: 2,
                                      thirdPlaceMatch: true, rules: .standard, outcomes: outcomes)
        #expect(done.isComplete)
        #expect(done.places.map(\.entryID) == [1, 2, 3, 4, 5, 6] && done.places.map(\.place) == [1, 2, 3, 4, 5, 5])
    }

    @Test func unknownMatchesAreNotFound() throws {
        let draw = try HeadToHeadDraw(structure: .singleElimination, entrants: [1, 2, 3], groups: [], qualifiersPerGroup: 0, thirdPlaceMatch: false,
                                      rules: .standard, outcomes: [:])
        #expect(throws: PodiumError.self) { try draw.checkResult(.group(1, 1), outcome: self.win(.home)) }
        #expect(throws: PodiumError.self) { try draw.checkResult(.knockout(9), outcome: self.win(.home)) }
    }
}
