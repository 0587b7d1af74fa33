import Testing
@testable import PodiumCore

@Suite("Ranking, points, team standings, awards")
struct RankingTests {
    func ok(_ id: Int, _ mark: Int, _ attempts: [Int] = []) -> Performance { Performance(entryID: id, status: .ok, mark: mark, attempts: attempts) }
    func places(_ ranked: [RankedPerformance]) -> [Int: Int?] {
        Dictionary(uniqueKeysWithValues: ranked.map { ($0.performance.entryID, $0.place) })
    }

    @Test func lowerTimesWinAndTiesShareAPlaceThenSkip() {
        let ranked = Ranking.rank([ok(1, 12_500), ok(2, 12_100), ok(3, 12_100), ok(4, 12_900), ok(5, 12_500)], kind: .time)
        #expect(ranked.map(\.performance.entryID) == [2, 3, 1, 5, 4])
        #expect(ranked.map(\.place) == [1, 1, 3, 3, 5])
        #expect(ranked.map(\.tied) == [true, true, true, true, false])
    }

    @Test func higherDistancesWinAndEveryoneTiedSharesFirst() {
        #expect(Ranking.rank([ok(1, 5_000), ok(2, 5_620), ok(3, 4_100)], kind: .distance).map(\.performance.entryID) == [2, 1, 3])
        #expect(Ranking.rank([ok(1, 100), ok(2, 100), ok(3, 100)], kind: .count).map(\.place) == [1, 1, 1])
    }

    @Test func statusesComeAfterValidMarksInAFixedOrder() {
        let ranked = Ranking.rank([
            Performance(entryID: 1, status: .dns, mark: nil), Performance(entryID: 2, status: .dq, mark: nil), ok(3, 15_000),
            Performance(entryID: 4, status: .dnf, mark: nil), Performance(entryID: 5, status: .nm, mark: nil), ok(6, 14_000),
        ], kind: .time)
        #expect(ranked.map(\.performance.entryID) == [6, 3, 5, 4, 2, 1])
        #expect(ranked.map(\.place) == [1, 2, nil, nil, nil, nil])
    }

    @Test func anEmptyEventAndOneWithOnlyStatusesRankNobody() {
        #expect(Ranking.rank([], kind: .time).isEmpty)
        #expect(Ranking.rank([Performance(entryID: 1, status: .dns, mark: nil)], kind: .time).map(\.place) == [nil])
    }

    @Test func theNextBestAttemptBreaksFieldEventTiesWhenConfigured() {
        let a = ok(1, 5_620, [5_620, 5_100, 5_400]), b = ok(2, 5_620, [5_620, 5_500, 4_000]), c = ok(3, 5_620, [5_620, 5_500])
        #expect(Ranking.rank([a, b, c], kind: .distance).map(\.place) == [1, 1, 1])
        let broken = Ranking.rank([a, b, c], kind: .distance, breakTiesOnAttempts: true)
        #expect(broken.map(\.performance.entryID) == [2, 3, 1])
        #expect(broken.map(\.place) == [1, 2, 3])
        let same = Ranking.rank([ok(1, 5_000, [5_000, 4_000]), ok(2, 5_000, [4_000, 5_000])], kind: .distance, breakTiesOnAttempts: true)
        #expect(same.map(\.place) == [1, 1])
    }

    @Test func pointsForTiedPlacesAreSharedOrFull() {
        let ranked = Ranking.rank([ok(1, 10), ok(2, 10), ok(3, 9), ok(4, 8), ok(5, 8), ok(6, 8), ok(7, 1), ok(8, 0)], kind: .count)
        let shared = PointsTable.individualDefault.award(ranked, policy: .shared)
        #expect(shared[1] == Points(6) && shared[2] == Points(6))
        #expect(shared[3] == Points(4))
        #expect(shared[4] == Points(2) && shared[6] == Points(2))
        #expect(shared[7] == .zero && shared[8] == .zero)
        let full = PointsTable.individualDefault.award(ranked, policy: .full)
        #expect(full[1] == Points(7) && full[2] == Points(7) && full[3] == Points(4) && full[5] == Points(3))
        let thirds = PointsTable.individualDefault.award(Ranking.rank([ok(1, 5), ok(2, 5), ok(3, 5)], kind: .count), policy: .shared)
        #expect(thirds[1] == Points(16, 3))
        #expect(thirds[1]!.description == "5.33")
        #expect((Points(16, 3) + Points(16, 3) + Points(16, 3)) == Points(16))
        #expect(Points(9, 2).description == "4.5")
    }

    @Test func teamsAreRankedByPointsThenFirstPlacesThenSeconds() {
        let placings = [
            TeamPlacing(teamID: 10, place: 1, points: Points(7)), TeamPlacing(teamID: 10, place: 6, points: Points(1)),
            TeamPlacing(teamID: 20, place: 2, points: Points(5)), TeamPlacing(teamID: 20, place: 4, points: Points(3)),
            TeamPlacing(teamID: 30, place: 4, points: Points(3)), TeamPlacing(teamID: 30, place: 2, points: Points(5)),
            TeamPlacing(teamID: 40, place: 3, points: Points(4)),
        ]
        let standings = TeamRanking.standings(teamIDs: [10, 20, 30, 40, 50], placings: placings)
        #expect(standings.map(\.teamID) == [10, 20, 30, 40, 50])
        #expect(standings.map(\.rank) == [1, 2, 2, 4, 5])
        #expect(standings.map(\.total) == [Points(8), Points(8), Points(8), Points(4), .zero])
        #expect(standings.map(\.prize) == [1, 2, 2, nil, nil])
        #expect(standings[4].placeCounts.allSatisfy { $0 == 0 })

        // Equal on points and seconds: the fourth place of team 20 outweighs the fifth and sixth of team 30.
        let deeper = TeamRanking.standings(teamIDs: [20, 30], placings: [
            TeamPlacing(teamID: 20, place: 2, points: Points(5)), TeamPlacing(teamID: 20, place: 4, points: Points(3)),
            TeamPlacing(teamID: 30, place: 2, points: Points(5)), TeamPlacing(teamID: 30, place: 5, points: Points(2)), TeamPlacing(teamID: 30, place: 6, points: Points(1)),
        ])
        #expect(deeper.map(\.teamID) == [20, 30])
        #expect(deeper.map(\.rank) == [1, 2])
        #expect(deeper.map(\.tied) == [false, false])
    }

    @Test func theTopNGetAwardsIncludingTiesAtTheBoundary() {
        let ranked = Ranking.rank([ok(1, 1), ok(2, 2), ok(3, 3), ok(4, 3), Performance(entryID: 5, status: .dq, mark: nil)], kind: .time)
        let rule = AwardRule(topN: 3, kind: .individual)
        #expect(rule.awardedEntries(ranked).map(\.entryID) == [1, 2, 3, 4])
        #expect(AwardRule(topN: 2, kind: .collective).awardedEntries(ranked).map(\.place) == [1, 2])
        var summary = AwardSummary()
        summary.add(.individual, count: 6)
        summary.add(.individual, count: 6)
        summary.add(.parentChild, count: 3)
        #expect(summary.count(.individual) == 12 && summary.count(.parentChild) == 3 && summary.count(.collective) == 0)
    }
}

@Suite("Medal table")
struct MedalTableTests {
    @Test func teamsAreOrderedByGoldThenSilverThenBronzeAndEqualTeamsShareARank() {
        let rows = MedalTable.compute(teamIDs: [1, 2, 3, 4, 5], places: [
            (1, 1), (1, 3), (2, 1), (2, 2), (3, 2), (3, 2), (3, 3), (4, 2), (4, 2), (4, 3), (1, 4), (5, 7),
        ])
        #expect(rows.map(\.teamID) == [2, 1, 3, 4, 5])
        #expect(rows.map(\.rank) == [1, 2, 3, 3, 5])
        #expect(rows[0].gold == 1 && rows[0].silver == 1 && rows[0].total == 2)
        #expect(rows[4].total == 0)
        #expect(MedalTable.compute(teamIDs: [], places: []).isEmpty)
    }
}
