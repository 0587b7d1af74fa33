import Testing
@testable import PodiumCore

@Suite("Recognition: tallies by rubric, approval and Borda; award proposals")
struct RecognitionTallyTests {
    // Rubric used throughout: Achievements weight 40 scored 0-10, Leadership weight 60 scored 0-5.
    // Weighted percent of one row (a, l) = (100*40*a/10 + 100*60*l/5) / (40+60) = 4a + 12l.
    let criteria = [RubricCriterion(name: "Achievements", weight: 40, maxScore: 10),
                    RubricCriterion(name: "Leadership", weight: 60, maxScore: 5)]

    func candidate(_ id: Int, _ reviewers: Set<Int>) -> TallyCandidate {
        TallyCandidate(id: id, name: "N\(id)", eligibleReviewers: reviewers)
    }
    func rubric(_ reviewer: Int, _ rows: [Int: [Int]]) -> CastBallot { CastBallot(reviewerID: reviewer, content: .rubric(rows)) }
    func approval(_ reviewer: Int, _ picks: Set<Int>) -> CastBallot { CastBallot(reviewerID: reviewer, content: .approval(picks)) }
    func ranking(_ reviewer: Int, _ order: [Int]) -> CastBallot { CastBallot(reviewerID: reviewer, content: .ranking(order)) }
    func line(_ tally: Tally, _ id: Int) -> TallyLine { tally.lines.first { $0.nominationID == id }! }

    // MARK: Rubric

    @Test func rubricWeightsCriteriaWithDifferentTopScoresAndAveragesReviewers() {
        let panel: Set<Int> = [10, 11, 12]
        let tally = Tallying.tally(method: .rubric, criteria: criteria,
                                   candidates: [candidate(1, panel), candidate(2, panel), candidate(3, panel)],
                                   ballots: [
                                       rubric(10, [1: [8, 4], 2: [10, 3], 3: [5, 5]]),
                                       rubric(11, [1: [9, 5], 2: [6, 4], 3: [7, 2]]),
                                       rubric(12, [1: [7, 3], 2: [9, 5], 3: [10, 4]]),
                                   ])
        // One row: 4a + 12l (see above). Single check: (40*8/10 + 60*4/5)/100*100 = (32 + 48) = 80.
        #expect(Tallying.weightedPercent([8, 4], criteria) == Score(80, 1))
        // 1: 4*8+12*4 = 80, 4*9+12*5 = 96, 4*7+12*3 = 64  -> (80+96+64)/3 = 80
        // 2: 4*10+12*3 = 76, 4*6+12*4 = 72, 4*9+12*5 = 96 -> (76+72+96)/3 = 244/3 = 81.33
        // 3: 4*5+12*5 = 80, 4*7+12*2 = 52, 4*10+12*4 = 88 -> (80+52+88)/3 = 220/3 = 73.33
        #expect(line(tally, 1).score == Score(80, 1))
        #expect(line(tally, 2).score == Score(244, 3))
        #expect(line(tally, 3).score == Score(220, 3))
        #expect(line(tally, 2).score.rounded == "81.33")
        #expect(tally.lines.map(\.nominationID) == [2, 1, 3])
        #expect(tally.lines.map(\.rank) == [1, 2, 3])
        #expect(tally.lines.map(\.tied) == [false, false, false])
        #expect(tally.lines.map(\.ballots) == [3, 3, 3])
        #expect(tally.lines.map(\.points) == [nil, nil, nil])
        #expect(tally.method == .rubric)
    }

    @Test func aConflictedReviewersScoresAreIgnoredAndTheMeanIsOverTheOthers() {
        // Reviewer 12 shares an organization with nominee 1, so 1's eligible reviewers are only 10 and 11;
        // a (tampered) row for 1 on 12's ballot must not count.
        let tally = Tallying.tally(method: .rubric, criteria: criteria,
                                   candidates: [candidate(1, [10, 11]), candidate(2, [10, 11, 12])],
                                   ballots: [
                                       rubric(10, [1: [8, 4], 2: [10, 3]]),
                                       rubric(11, [1: [9, 5], 2: [6, 4]]),
                                       rubric(12, [1: [10, 5], 2: [9, 5]]),
                                   ])
        // 1: (80 + 96)/2 = 88   (had 12's 100 counted it would be (80+96+100)/3 = 92)
        #expect(line(tally, 1).score == Score(88, 1))
        #expect(line(tally, 1).ballots == 2)
        // 2: (76 + 72 + 96)/3 = 244/3 = 81.33
        #expect(line(tally, 2).score == Score(244, 3))
        #expect(line(tally, 2).ballots == 3)
        #expect(tally.lines.map(\.nominationID) == [1, 2])
    }

    @Test func exactFractionsMakeRealTiesThatDoublesWouldMiss() {
        // Impact weight 1 scored 0-3, Teamwork weight 2 scored 0-10: percent = (100*i/3 + 100*2*t/10) / 3.
        let rubricCriteria = [RubricCriterion(name: "Impact", weight: 1, maxScore: 3),
                              RubricCriterion(name: "Teamwork", weight: 2, maxScore: 10)]
        let panel: Set<Int> = [10, 11]
        let tally = Tallying.tally(method: .rubric, criteria: rubricCriteria,
                                   candidates: [candidate(4, panel), candidate(1, panel), candidate(2, panel), candidate(3, panel)],
                                   ballots: [
                                       rubric(10, [1: [1, 0], 2: [2, 0], 3: [0, 5]]),
                                       rubric(11, [1: [1, 5], 2: [3, 0], 3: [0, 0]]),
                                   ])
        // 1: (100/3)/3 = 100/9 and (100/3 + 100)/3 = 400/9 -> (500/9)/2 = 250/9 = 27.78
        // 2: (200/3)/3 = 200/9 and (300/3)/3 = 300/9      -> (500/9)/2 = 250/9 = 27.78   an exact tie
        // 3: (0 + 100)/3 = 300/9 and 0                    -> (300/9)/2 = 50/3  = 16.67
        // 4: nobody scored it                             -> no rank, last
        #expect(line(tally, 1).score == Score(250, 9))
        #expect(line(tally, 2).score == Score(250, 9))
        #expect(line(tally, 3).score == Score(50, 3))
        // The same means in Double arithmetic come out different in the last bit.
        let naive: (Double, Double) -> Double = { i, t in (i / 3 * 1 + t / 10 * 2) / 3 * 100 }
        #expect((naive(1, 0) + naive(1, 5)) / 2 != (naive(2, 0) + naive(3, 0)) / 2)

        #expect(tally.lines.map(\.nominationID) == [1, 2, 3, 4])
        #expect(tally.lines.map(\.rank) == [1, 1, 3, nil])
        #expect(tally.lines.map(\.tied) == [true, true, false, false])
        #expect(line(tally, 4).ballots == 0)
        #expect(line(tally, 4).score == .zero)
        #expect(tally.scoreGroups == [[1, 2], [3]])
        #expect(tally.ties == [[1, 2]])
    }

    @Test func aNomineeNobodyMayJudgeHasNoRankAndComesLast() {
        // 1 has no eligible reviewers at all (everyone conflicted); 2 is scored low but still ranks above it.
        let tally = Tallying.tally(method: .rubric, criteria: criteria,
                                   candidates: [candidate(1, []), candidate(2, [10])],
                                   ballots: [rubric(10, [1: [10, 5], 2: [0, 1]])])
        // 2: 4*0 + 12*1 = 12
        #expect(tally.lines.map(\.nominationID) == [2, 1])
        #expect(tally.lines.map(\.rank) == [1, nil])
        #expect(line(tally, 2).score == Score(12, 1))
        #expect(tally.scoreGroups == [[2]])
        #expect(tally.ties.isEmpty)
    }

    @Test func aResubmittedBallotReplacesTheEarlierOne() {
        let panel: Set<Int> = [10, 11]
        let tally = Tallying.tally(method: .rubric, criteria: criteria,
                                   candidates: [candidate(1, panel)],
                                   ballots: [
                                       rubric(10, [1: [0, 0]]),
                                       rubric(11, [1: [5, 0]]),
                                       rubric(10, [1: [10, 5]]),
                                   ])
        // 10's latest: 4*10 + 12*5 = 100; 11: 4*5 = 20 -> (100 + 20)/2 = 60 over 2 ballots, not 3
        #expect(line(tally, 1).score == Score(60, 1))
        #expect(line(tally, 1).ballots == 2)
    }

    @Test func ballotsOfAnotherMethodAreNotCounted() {
        let tally = Tallying.tally(method: .rubric, criteria: criteria, candidates: [candidate(1, [10, 11])],
                                   ballots: [rubric(10, [1: [5, 5]]), approval(11, [1])])
        // only 10's rubric row: 4*5 + 12*5 = 80
        #expect(line(tally, 1).score == Score(80, 1))
        #expect(line(tally, 1).ballots == 1)
    }

    // MARK: Approval

    @Test func approvalRanksByShareOfPossibleApprovals() {
        // Reviewer 14 is conflicted with nominee 1; 1 can be approved by at most 4 ballots, the others by 5.
        let all: Set<Int> = [10, 11, 12, 13, 14]
        let tally = Tallying.tally(method: .approval, criteria: [],
                                   candidates: [candidate(1, [10, 11, 12, 13]), candidate(2, all), candidate(3, all), candidate(4, all)],
                                   ballots: [
                                       approval(10, [1, 2]),
                                       approval(11, [1, 2]),
                                       approval(12, [1, 3]),
                                       approval(13, [2, 4]),
                                       approval(14, [3, 4]),
                                   ])
        // 1: 3 of 4 -> 75; 2: 3 of 5 -> 60; 3: 2 of 5 -> 40; 4: 2 of 5 -> 40
        #expect(line(tally, 1).score == Score(75, 1))
        #expect(line(tally, 2).score == Score(60, 1))
        #expect(line(tally, 3).score == Score(40, 1))
        #expect(line(tally, 4).score == Score(40, 1))
        #expect(tally.lines.map(\.nominationID) == [1, 2, 3, 4])
        #expect(tally.lines.map(\.rank) == [1, 2, 3, 3])
        #expect(tally.lines.map(\.points) == [3, 3, 2, 2])
        #expect(tally.lines.map(\.ballots) == [4, 5, 5, 5])
        #expect(tally.ties == [[3, 4]])
    }

    @Test func approvalTiesAcrossDifferentNumbersOfBallotsAndIgnoresBarredPicks() {
        // Reviewers 24 and 25 are conflicted with nominee 1; 25 picked 1 anyway (a tampered line).
        let all: Set<Int> = [20, 21, 22, 23, 24, 25]
        let tally = Tallying.tally(method: .approval, criteria: [],
                                   candidates: [candidate(1, [20, 21, 22, 23]), candidate(2, all), candidate(3, all)],
                                   ballots: [
                                       approval(20, [1, 2]),
                                       approval(21, [1, 3]),
                                       approval(22, [2]),
                                       approval(23, [2]),
                                       approval(24, []),
                                       approval(25, [1]),
                                   ])
        // 1: 2 of 4 = 50 (with 25's pick it would be 3 of 5 = 60); 2: 3 of 6 = 50; 3: 1 of 6 = 50/3 = 16.67
        #expect(line(tally, 1).score == Score(50, 1))
        #expect(line(tally, 2).score == Score(50, 1))
        #expect(line(tally, 3).score == Score(50, 3))
        #expect(tally.lines.map(\.rank) == [1, 1, 3])
        #expect(tally.lines.map(\.tied) == [true, true, false])
        #expect(tally.lines.map(\.points) == [2, 3, 1])
        #expect(tally.lines.map(\.ballots) == [4, 6, 6])
        #expect(tally.ties == [[1, 2]])
    }

    // MARK: Borda

    @Test func bordaGivesFirstKMinusOnePointsAndNormalizesPerBallot() {
        let panel: Set<Int> = [10, 11, 12]
        let tally = Tallying.tally(method: .borda, criteria: [],
                                   candidates: [candidate(1, panel), candidate(2, panel), candidate(3, panel), candidate(4, panel)],
                                   ballots: [
                                       ranking(10, [1, 2, 3, 4]),
                                       ranking(11, [2, 1, 4, 3]),
                                       ranking(12, [1, 3, 2, 4]),
                                   ])
        // k = 4: places earn 3, 2, 1, 0.
        // 1: 3+2+3 = 8; 2: 2+3+1 = 6; 3: 1+0+2 = 3; 4: 0+1+0 = 1   (total 18 = 3 ballots * 6)
        #expect(tally.lines.map(\.nominationID) == [1, 2, 3, 4])
        #expect(tally.lines.map(\.points) == [8, 6, 3, 1])
        // score = mean of 100*earned/3: 1: 100*8/9 = 800/9; 2: 600/9 = 200/3; 3: 300/9 = 100/3; 4: 100/9
        #expect(tally.lines.map(\.score) == [Score(800, 9), Score(200, 3), Score(100, 3), Score(100, 9)])
        #expect(tally.lines.map(\.score.rounded) == ["88.89", "66.67", "33.33", "11.11"])
        #expect(tally.lines.map(\.rank) == [1, 2, 3, 4])
        #expect(tally.lines.map(\.ballots) == [3, 3, 3, 3])
    }

    @Test func bordaNormalizesTheShorterRankingOfAConflictedReviewer() {
        // Reviewer 13 is conflicted with nominee 4 and ranks only the other three (k_b = 3: 2, 1, 0).
        let candidates = [candidate(1, [10, 11, 12, 13]), candidate(2, [10, 11, 12, 13]),
                          candidate(3, [10, 11, 12, 13]), candidate(4, [10, 11, 12])]
        let others = [ranking(10, [1, 2, 3, 4]), ranking(11, [2, 1, 4, 3]), ranking(12, [1, 3, 2, 4])]
        let tally = Tallying.tally(method: .borda, criteria: [], candidates: candidates,
                                   ballots: others + [ranking(13, [3, 1, 2])])
        // points: 1: 8+1 = 9; 2: 6+0 = 6; 3: 3+2 = 5; 4: 1 (3 ballots)
        // 1: (100*3/3 + 100*2/3 + 100*3/3 + 100*1/2)/4 = (250 + 200/3)/4 = (950/3)/4 = 475/6 = 79.17
        // 2: (100*2/3 + 100*3/3 + 100*1/3 + 100*0/2)/4 = 200/4 = 50
        // 3: (100*1/3 + 0 + 100*2/3 + 100*2/2)/4 = 200/4 = 50  -> ties 2 despite fewer raw points
        // 4: (0 + 100*1/3 + 0)/3 = 100/9 = 11.11
        #expect(line(tally, 1).score == Score(475, 6))
        #expect(line(tally, 2).score == Score(50, 1))
        #expect(line(tally, 3).score == Score(50, 1))
        #expect(line(tally, 4).score == Score(100, 9))
        #expect(tally.lines.map(\.nominationID) == [1, 2, 3, 4])
        #expect(tally.lines.map(\.points) == [9, 6, 5, 1])
        #expect(tally.lines.map(\.ballots) == [4, 4, 4, 3])
        #expect(tally.lines.map(\.rank) == [1, 2, 2, 4])
        #expect(tally.ties == [[2, 3]])

        // Had 13 ranked the barred nominee anyway, it is dropped from the ranking before points are given.
        let tampered = Tallying.tally(method: .borda, criteria: [], candidates: candidates,
                                      ballots: others + [ranking(13, [3, 4, 1, 2])])
        #expect(tampered == tally)
    }

    // MARK: Award proposals

    /// A tally with the given percentages (nil: nobody judged the nominee), ranked as Tallying ranks.
    func scored(_ scores: [(Int, Int?)]) -> Tally {
        let lines = scores.map { id, percent in
            TallyLine(nominationID: id, name: "N\(id)", score: Score(percent ?? 0, 1), ballots: percent == nil ? 0 : 5,
                      points: nil, rank: percent == nil ? nil : 0, tied: false)
        }
        return Tally(method: .rubric, lines: Tallying.ranked(lines))
    }

    /// A run-off round: approval ballots on exactly `ids`, one reviewer per ballot.
    func runOff(round: Int, _ ids: Set<Int>, _ picks: [Set<Int>]) -> RunOff {
        let reviewers = Set(picks.indices.map { 100 + $0 })
        let tally = Tallying.tally(method: .approval, criteria: [],
                                   candidates: ids.sorted().map { candidate($0, reviewers) },
                                   ballots: picks.enumerated().map { approval(100 + $0.offset, $0.element) })
        return RunOff(round: round, candidates: ids, tally: tally)
    }

    func proposal(_ tally: Tally, seats: Int, quota: Int? = nil, units: [Int: Int] = [:], excluded: Set<Int> = [],
                  runOffs: [RunOff] = [], chair: [ChairDecision] = []) -> AwardProposal {
        AwardProposal.make(.init(tally: tally, seats: seats, perUnitQuota: quota, quotaUnit: units, excluded: excluded,
                                 runOffs: runOffs, chairDecisions: chair))
    }

    @Test func theTopNominationsTakeTheSeats() {
        let result = proposal(scored([(1, 90), (2, 80), (3, 70), (4, 60)]), seats: 2)
        #expect(result.winners == [1, 2])
        #expect(result.pendingTie == nil)
        #expect(result.skippedForUnitQuota.isEmpty)
        #expect(result.unfilledSeats == 0)
    }

    @Test func aUnitOverItsQuotaIsPassedOverForTheNextNominee() {
        // 1, 2, 3 from organization 100 (quota 2), 4 from 200: 3 is skipped, 4 takes the third seat.
        let result = proposal(scored([(1, 90), (2, 80), (3, 70), (4, 60), (5, 50)]), seats: 3, quota: 2,
                              units: [1: 100, 2: 100, 3: 100, 4: 200, 5: 200])
        #expect(result.winners == [1, 2, 4])
        #expect(result.skippedForUnitQuota == [3])
        #expect(result.pendingTie == nil)
        #expect(result.unfilledSeats == 0)
    }

    @Test func aTieAcrossTheLastSeatIsPending() {
        let result = proposal(scored([(1, 90), (2, 80), (3, 80), (4, 70)]), seats: 2)
        #expect(result.winners == [1])
        #expect(result.pendingTie == AwardProposal.PendingTie(candidates: [2, 3], seats: 1))
        #expect(result.unfilledSeats == 0)
    }

    @Test func aTieWithinTheSeatsNeedsNoSettlement() {
        let result = proposal(scored([(1, 90), (2, 80), (3, 80), (4, 70)]), seats: 3)
        #expect(result.winners == [1, 2, 3])
        #expect(result.pendingTie == nil)
    }

    @Test func aRunOffOnTheTiedNomineesSettlesTheLastSeat() {
        // Run-off round 2 on {2, 3}: 3 gets 2 of 3 approvals (66.67), 2 gets 1 of 3 (33.33).
        let settle = runOff(round: 2, [2, 3], [[3], [3], [2]])
        #expect(settle.tally.lines.map(\.nominationID) == [3, 2])
        let result = proposal(scored([(1, 90), (2, 80), (3, 80), (4, 70)]), seats: 2, runOffs: [settle])
        #expect(result.winners == [1, 3])
        #expect(result.pendingTie == nil)
        // A run-off on a different set of nominees does not apply.
        let elsewhere = proposal(scored([(1, 90), (2, 80), (3, 80), (4, 70)]), seats: 2, runOffs: [runOff(round: 2, [2, 3, 4], [[3]])])
        #expect(elsewhere.pendingTie == AwardProposal.PendingTie(candidates: [2, 3], seats: 1))
    }

    @Test func aRunOffThatTiesAgainLeavesItPendingUntilTheChairDecides() {
        let tiedAgain = runOff(round: 2, [2, 3], [[2], [3]])   // 1 of 2 each: 50 = 50
        let tally = scored([(1, 90), (2, 80), (3, 80), (4, 70)])
        let pending = proposal(tally, seats: 2, runOffs: [tiedAgain])
        #expect(pending.winners == [1])
        #expect(pending.pendingTie == AwardProposal.PendingTie(candidates: [2, 3], seats: 1))

        let decided = proposal(tally, seats: 2, runOffs: [tiedAgain],
                               chair: [ChairDecision(order: [3, 2], reason: "Longer record of service")])
        #expect(decided.winners == [1, 3])
        #expect(decided.pendingTie == nil)
    }

    @Test func aLaterRunOffSettlesWhatATiedOneDidNot() {
        let tally = scored([(1, 90), (2, 80), (3, 80), (4, 70)])
        let round2 = runOff(round: 2, [2, 3], [[2], [3]])              // 50 = 50
        let round3 = runOff(round: 3, [2, 3], [[2], [2, 3], [2]])      // 2: 3 of 3 = 100; 3: 1 of 3 = 33.33
        #expect(proposal(tally, seats: 2, runOffs: [round3, round2]).winners == [1, 2])
        #expect(proposal(tally, seats: 2, runOffs: [round2, round3]).pendingTie == nil)
    }

    @Test func aRunOffThatSettlesOnlyPartOfATieLeavesTheRestPending() {
        // Three tied for two seats; the run-off puts 3 ahead (2 of 3) and leaves 2 and 4 level (1 of 3 each).
        let tally = scored([(1, 90), (2, 80), (3, 80), (4, 80)])
        let round2 = runOff(round: 2, [2, 3, 4], [[3], [3, 2], [4]])
        let result = proposal(tally, seats: 3, runOffs: [round2])
        #expect(result.winners == [1, 3])
        #expect(result.pendingTie == AwardProposal.PendingTie(candidates: [2, 4], seats: 1))
        let decided = proposal(tally, seats: 3, runOffs: [round2], chair: [ChairDecision(order: [4, 2], reason: "Vote of the panel")])
        #expect(decided.winners == [1, 3, 4])
    }

    @Test func excludedNominationsArePassedOver() {
        let tally = scored([(1, 90), (2, 80), (3, 80), (4, 70)])
        // 1 revoked: 2 and 3 fill both seats together.
        let revokedFirst = proposal(tally, seats: 2, excluded: [1])
        #expect(revokedFirst.winners == [2, 3])
        #expect(revokedFirst.pendingTie == nil)
        // 3 revoked: the tie for the last seat disappears.
        let revokedTied = proposal(tally, seats: 2, excluded: [3])
        #expect(revokedTied.winners == [1, 2])
        #expect(revokedTied.pendingTie == nil)
    }

    @Test func seatsStayEmptyWhenTooFewNomineesWereJudged() {
        // 3 was judged by nobody: it never wins, and one of three seats is left empty.
        let result = proposal(scored([(1, 90), (2, 80), (3, nil)]), seats: 3)
        #expect(result.winners == [1, 2])
        #expect(result.unfilledSeats == 1)
        #expect(result.pendingTie == nil)
        // With everything excluded, nothing is won.
        #expect(proposal(scored([(1, 90)]), seats: 2, excluded: [1]).unfilledSeats == 2)
    }

    @Test func aTieThatWouldOverfillAnOrganizationNeedsSettlementEvenWithSeatsToSpare() {
        // 1 and 2 from organization 100 (quota 1) tie at the top; 3 is from 200. Three seats.
        let tally = scored([(1, 90), (2, 90), (3, 80)])
        let units = [1: 100, 2: 100, 3: 200]
        let pending = proposal(tally, seats: 3, quota: 1, units: units)
        #expect(pending.winners == [])
        #expect(pending.pendingTie == AwardProposal.PendingTie(candidates: [1, 2], seats: 3))
        #expect(pending.unfilledSeats == 0)

        // The chair puts 2 first: 2 takes the organization's one seat, 1 is skipped for the quota, 3 follows.
        let decided = proposal(tally, seats: 3, quota: 1, units: units, chair: [ChairDecision(order: [2, 1], reason: "Stronger citation")])
        #expect(decided.winners == [2, 3])
        #expect(decided.skippedForUnitQuota == [1])
        #expect(decided.unfilledSeats == 1)
    }
}
