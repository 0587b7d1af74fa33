import Testing
@testable import PodiumCore

@Suite("Group ties: settling by drawing lots or by the referee what the tie-breaks leave open")
struct GroupTieTests {
    static let groups = [[1, 2, 3, 4], [5, 6, 7, 8]]

    /// `result(home, away)`: the winner's id, or nil for a draw. Every win is 11-5, every draw 5-5, so rows
    /// level on match points are level on every tie-break too unless head-to-head splits them.
    func outcomes(_ result: (Int, Int) -> Int?) throws -> [MatchRef: MatchOutcome] {
        var outcomes: [MatchRef: MatchOutcome] = [:]
        for (index, members) in Self.groups.enumerated() {
            for fixture in try RoundRobin.fixtures(entrants: members) {
                let winner = result(fixture.home, fixture.away)
                outcomes[.group(index + 1, fixture.number)] = winner == nil
                    ? MatchOutcome(winner: nil, games: [GameScore(5, 5)])
                    : MatchOutcome(winner: winner == fixture.home ? .home : .away, games: [winner == fixture.home ? GameScore(11, 5) : GameScore(5, 11)])
            }
        }
        return outcomes
    }

    func draw(_ outcomes: [MatchRef: MatchOutcome], qualifiers: Int = 2, decisions: [GroupTieDecision] = []) throws -> HeadToHeadDraw {
        try HeadToHeadDraw(structure: .groupsKnockout, entrants: Array(1...8), groups: Self.groups, qualifiersPerGroup: qualifiers,
                           thirdPlaceMatch: false, rules: .standard, outcomes: outcomes, tieDecisions: decisions)
    }

    /// Group A: 1 beats everyone, 2 and 3 draw and both beat 4 — level for 2nd on every rule. Group B: lower id wins.
    func twoWay() throws -> [MatchRef: MatchOutcome] {
        try outcomes { home, away in
            if Set([home, away]) == [2, 3] { return nil }
            return min(home, away)
        }
    }

    /// Group A: 1 beats everyone; 2 beats 3, 3 beats 4, 4 beats 2 — three level for 2nd. Group B: lower id wins.
    func threeWay() throws -> [MatchRef: MatchOutcome] {
        try outcomes { home, away in
            switch Set([home, away]) {
            case [2, 3]: return 2
            case [3, 4]: return 3
            case [2, 4]: return 4
            default: return min(home, away)
            }
        }
    }

    func issues(_ body: () throws -> Void) -> [FieldIssue] {
        do { try body() } catch { if case .validation(let issues)? = error as? PodiumError { return issues } }
        return []
    }

    @Test func aTwoWayTieAtTheQualifyingLineWaitsForTheReferee() throws {
        let open = try draw(twoWay())
        #expect(open.groupsComplete && open.bracket == nil)
        #expect(open.tables[0].map(\.rank) == [1, 2, 2, 4])
        #expect(open.openTies == [GroupTie(group: 1, rank: 2, entries: [2, 3], decision: nil, straddlesQualifying: true)])
        #expect(open.openTies[0].ranks == 2...3)

        let decision = GroupTieDecision(group: 1, order: [3, 2], method: .referee)
        let settled = try open.settlingTie(decision)
        #expect(settled.openTies.isEmpty && settled.tieDecisions == [decision])
        #expect(settled.ties == [GroupTie(group: 1, rank: 2, entries: [3, 2], decision: decision, straddlesQualifying: true)])
        #expect(settled.tables[0].map(\.entryID) == [1, 3, 2, 4])
        #expect(settled.tables[0].map(\.rank) == [1, 2, 3, 4])
        #expect(settled.tables[0].map(\.tied) == [false, false, false, false])
        // 3 was put ahead of 2 by the referee; 2 is ahead of 4 on match points alone.
        #expect(settled.tables[0].map(\.separatedBy) == [nil, .refereeDecision, nil, nil])
        // A1 v B2, B1 v A2: 3 goes through, 2 does not.
        let bracket = try #require(settled.bracket)
        #expect(Set(bracket.entrants) == [1, 3, 5, 6])
        #expect(settled.bracketState?.matches.first.map { [$0.home, $0.away] } == [1, 6])
        // The same decision, given when the draw is built, gives the same draw.
        #expect(try draw(twoWay(), decisions: [decision]).bracket == bracket)
    }

    @Test func aThreeWayTieSettledByLotsDrawnByTheApp() throws {
        let open = try draw(threeWay())
        #expect(open.tables[0].map(\.rank) == [1, 2, 2, 2] && open.bracket == nil)
        #expect(open.openTies.map(\.entries) == [[2, 3, 4]] && open.openTies[0].ranks == 2...4)

        let lots = GroupTieDecision.drawingLots(group: 1, entries: [2, 3, 4], seed: 7)
        #expect(lots.method == .lots && Set(lots.order) == [2, 3, 4])
        // Reproducible from the seed alone, whatever order the entries come in.
        #expect(GroupTieDecision.drawingLots(group: 1, entries: [4, 2, 3], seed: 7) == lots)
        let orders = Set((0..<20).map { GroupTieDecision.drawingLots(group: 1, entries: [2, 3, 4], seed: UInt64($0)).order })
        #expect(orders.count > 1)

        let settled = try open.settlingTie(lots)
        #expect(settled.tables[0].map(\.entryID) == [1] + lots.order)
        #expect(settled.tables[0].map(\.rank) == [1, 2, 3, 4])
        #expect(settled.tables[0].map(\.separatedBy) == [nil, .drawingOfLots, .drawingOfLots, nil])
        #expect(Set(try #require(settled.bracket).entrants) == [1, lots.order[0], 5, 6])
        #expect(settled.openTies.isEmpty)
    }

    @Test func aTieWithinTheQualifiersDecidesTheGroupWinner() throws {
        // Group A: 1 and 2 draw, both beat 3 and 4, 3 beats 4 — level for 1st, both through.
        let level = try outcomes { home, away in Set([home, away]) == [1, 2] ? nil : min(home, away) }
        let open = try draw(level)
        #expect(open.openTies == [GroupTie(group: 1, rank: 1, entries: [1, 2], decision: nil, straddlesQualifying: false)])
        // Who qualifies is clear, so the bracket does not wait; the table order stands until someone decides.
        let before = try #require(open.bracket)
        #expect(Array(before.entrants.prefix(2)) == [1, 5])

        let settled = try open.settlingTie(GroupTieDecision(group: 1, order: [2, 1], method: .lots))
        #expect(settled.tables[0].map(\.entryID) == [2, 1, 3, 4])
        #expect(settled.tables[0].first?.separatedBy == .drawingOfLots)
        #expect(Array(try #require(settled.bracket).entrants.prefix(2)) == [2, 5])
    }

    @Test func badDecisionsAreRefusedSayingWhy() throws {
        let open = try draw(threeWay())
        let name: (Int) -> String = { "Team \($0)" }
        // An entry of another group, one named twice.
        #expect(issues { _ = try open.settlingTie(GroupTieDecision(group: 1, order: [2, 3, 5], method: .referee), name: name) }
            == [FieldIssue("order[2]", "error.draw.tieNotInGroup", ["entry": "Team 5", "group": "A"])])
        #expect(issues { _ = try open.settlingTie(GroupTieDecision(group: 1, order: [2, 3, 3, 4], method: .referee), name: name) }
            == [FieldIssue("order[2]", "error.draw.tieDuplicate", ["entry": "Team 3"])])
        #expect(issues { _ = try open.settlingTie(GroupTieDecision(group: 1, order: [], method: .referee), name: name) }
            == [FieldIssue("order", "error.draw.tieOrderEmpty")])
        // Part of the tie only.
        #expect(issues { _ = try open.settlingTie(GroupTieDecision(group: 1, order: [3, 2], method: .referee), name: name) }
            == [FieldIssue("order", "error.draw.tieIncomplete", ["missing": "Team 4", "group": "A", "from": "2", "to": "4"])])
        // An entry that is not tied at all, alone or with tied ones.
        #expect(issues { _ = try open.settlingTie(GroupTieDecision(group: 1, order: [1, 2, 3, 4], method: .referee), name: name) }
            == [FieldIssue("order[0]", "error.draw.tieNotTied", ["entry": "Team 1", "group": "A"])])
        #expect(issues { _ = try open.settlingTie(GroupTieDecision(group: 2, order: [6, 5], method: .lots), name: name) }
            == [FieldIssue("order[0]", "error.draw.tieNotTied", ["entry": "Team 6", "group": "B"]),
                FieldIssue("order[1]", "error.draw.tieNotTied", ["entry": "Team 5", "group": "B"])])
        // No such group.
        #expect(throws: PodiumError.notFound(LocalizedMessage("error.draw.noSuchGroup", ["group": "3", "count": "2"]))) {
            try open.settlingTie(GroupTieDecision(group: 3, order: [2, 3, 4], method: .referee))
        }
        #expect(throws: PodiumError.notFound(LocalizedMessage("error.draw.noSuchGroup", ["group": "0", "count": "2"]))) {
            try open.withdrawingTie(group: 0)
        }
        #expect(throws: PodiumError.notFound(LocalizedMessage("error.draw.noTieDecision", ["group": "A"]))) {
            try open.withdrawingTie(group: 1)
        }
        // A group still playing: its table is not final.
        var unfinished = try threeWay()
        unfinished[.group(1, 1)] = nil
        #expect(throws: PodiumError.conflict(LocalizedMessage("error.draw.tieGroupUnfinished", ["group": "A"]))) {
            try self.draw(unfinished).settlingTie(GroupTieDecision(group: 1, order: [2, 3, 4], method: .referee))
        }
        #expect(try draw(unfinished).ties.isEmpty)
        // A round robin shares its places; only groups feeding a knockout are settled.
        let roundRobin = try HeadToHeadDraw(structure: .roundRobin, entrants: [1, 2, 3], groups: [], qualifiersPerGroup: 0, thirdPlaceMatch: false,
                                            rules: .standard, outcomes: [:])
        #expect(throws: PodiumError.conflict(LocalizedMessage("error.draw.tieNoGroups"))) {
            try roundRobin.settlingTie(GroupTieDecision(group: 1, order: [1, 2, 3], method: .lots))
        }
        #expect(roundRobin.ties.isEmpty)
    }

    @Test func aDecisionIsReplacedOrWithdrawn() throws {
        let first = try draw(threeWay()).settlingTie(GroupTieDecision(group: 1, order: [2, 3, 4], method: .lots))
        let replaced = try first.settlingTie(GroupTieDecision(group: 1, order: [4, 3, 2], method: .referee))
        #expect(replaced.tieDecisions == [GroupTieDecision(group: 1, order: [4, 3, 2], method: .referee)])
        #expect(replaced.tables[0].map(\.entryID) == [1, 4, 3, 2])
        let withdrawn = try replaced.withdrawingTie(group: 1, rank: 2)
        #expect(withdrawn.tieDecisions.isEmpty && withdrawn.bracket == nil && withdrawn.openTies.count == 1)
        #expect(throws: PodiumError.notFound(LocalizedMessage("error.draw.noTieDecision", ["group": "A"]))) {
            try replaced.withdrawingTie(group: 1, rank: 3)
        }
    }

    /// Corrects the group A match between `a` and `b`: `winner` wins 11 to `loserPoints`, or a 5-5 draw.
    func correct(_ outcomes: inout [MatchRef: MatchOutcome], _ a: Int, _ b: Int, winner: Int?, loserPoints: Int = 5) throws {
        let fixture = try #require(RoundRobin.fixtures(entrants: Self.groups[0]).first { Set([$0.home, $0.away]) == [a, b] })
        guard let winner else {
            outcomes[.group(1, fixture.number)] = MatchOutcome(winner: nil, games: [GameScore(5, 5)])
            return
        }
        outcomes[.group(1, fixture.number)] = winner == fixture.home
            ? MatchOutcome(winner: .home, games: [GameScore(11, loserPoints)])
            : MatchOutcome(winner: .away, games: [GameScore(loserPoints, 11)])
    }

    @Test func aCorrectedScoreMakesADecisionStaleAndTheTieOpensAgain() throws {
        let decision = GroupTieDecision(group: 1, order: [4, 2, 3], method: .referee)
        var circle = try threeWay()
        #expect(try draw(circle, decisions: [decision]).bracket != nil)
        // 2 v 3 corrected to a draw: 2 has 1 point, 3 has 3, 4 has 2 — no tie at all, and the decision no longer counts.
        try correct(&circle, 2, 3, winner: nil)
        let vanished = try draw(circle, decisions: [decision])
        #expect(vanished.staleTieDecisions == [decision] && vanished.ties.isEmpty)
        #expect(vanished.tables[0].map(\.entryID) == [1, 3, 4, 2])
        #expect(vanished.tables[0].allSatisfy { $0.separatedBy != .refereeDecision })
        #expect(vanished.bracket != nil)

        // 2, 3 and 4 draw each other: level for 2nd. Then 1 v 2 is corrected from 11-5 to 11-0: 2 drops to 4th on
        // point difference, and only 3 and 4 remain level — the tie is open again, with its new entries.
        var draws = try outcomes { home, away in home == 1 || away == 1 || home > 4 ? min(home, away) : nil }
        let settled = try draw(draws, decisions: [decision])
        #expect(settled.tables[0].map(\.entryID) == [1, 4, 2, 3] && settled.staleTieDecisions.isEmpty)
        try correct(&draws, 1, 2, winner: 1, loserPoints: 0)
        let reopened = try draw(draws, decisions: [decision])
        #expect(reopened.staleTieDecisions == [decision] && reopened.bracket == nil)
        #expect(reopened.openTies == [GroupTie(group: 1, rank: 2, entries: [3, 4], decision: nil, straddlesQualifying: true)])
        #expect(reopened.tables[0].map(\.entryID) == [1, 3, 4, 2])
    }

    @Test func afterTheKnockoutStartsTheQualifiersStaySettled() throws {
        let decision = GroupTieDecision(group: 1, order: [3, 2], method: .referee)
        var outcomes = try twoWay()
        outcomes[.knockout(1)] = MatchOutcome(winner: .home, games: [GameScore(11, 5)])
        let started = try draw(outcomes, decisions: [decision])
        #expect(started.bracketState?.matches.first?.outcome != nil)
        #expect(throws: PodiumError.conflict(LocalizedMessage("error.draw.tieKnockoutStarted", ["group": "A"]))) {
            try started.withdrawingTie(group: 1)
        }
        #expect(throws: PodiumError.conflict(LocalizedMessage("error.draw.tieKnockoutStarted", ["group": "A"]))) {
            try started.settlingTie(GroupTieDecision(group: 1, order: [2, 3], method: .lots))
        }
        // Saying the same again changes nothing and is fine.
        #expect(try started.settlingTie(GroupTieDecision(group: 1, order: [3, 2], method: .referee)).bracket == started.bracket)
    }

    @Test func aTieBelowTheQualifiersCanBeSettledAfterTheKnockoutStarted() throws {
        // Group A: lower id wins, except 3 and 4 draw — level for 3rd, both out.
        var outcomes = try outcomes { home, away in Set([home, away]) == [3, 4] ? nil : min(home, away) }
        #expect(try draw(outcomes).openTies == [GroupTie(group: 1, rank: 3, entries: [3, 4], decision: nil, straddlesQualifying: false)])
        outcomes[.knockout(1)] = MatchOutcome(winner: .home, games: [GameScore(11, 5)])
        let settled = try draw(outcomes).settlingTie(GroupTieDecision(group: 1, order: [4, 3], method: .lots))
        #expect(settled.tables[0].map(\.entryID) == [1, 2, 4, 3])
    }
}
