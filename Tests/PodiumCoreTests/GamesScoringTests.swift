import Testing
@testable import PodiumCore

@Suite("Scoring settings and places from matches")
struct GamesScoringTests {
    @Test(arguments: [("7-5-4-3-2-1", [7, 5, 4, 3, 2, 1]), ("14,10,8,6,4,2", [14, 10, 8, 6, 4, 2]), ("9 7 7 5", [9, 7, 7, 5]),
                      ("5、3、1", [5, 3, 1]), (" 3 - 2 - 1 ", [3, 2, 1]), ("0", [0])])
    func pointsTablesAreReadAsOrganizersWriteThem(text: String, expected: [Int]) throws {
        #expect(try PointsTable.parse(text, field: "individual").points == expected)
    }

    @Test func badPointsTablesAreRefusedWithTheReason() throws {
        func key(_ text: String) -> String? {
            do { _ = try PointsTable.parse(text, field: "collective"); return nil } catch {
                guard case .validation(let issues) = error else { return nil }
                #expect(issues.first?.field == "collective")
                return issues.first?.message.key
            }
        }
        #expect(key("") == "error.scoring.tableRequired")
        #expect(key("7-five-4") == "error.scoring.tableNumber")
        // Doubled or leading separators are read as one: "7--5" is 7 then 5.
        #expect(try PointsTable.parse("7--5", field: "x").points == [7, 5])
        #expect(key("5-7-4") == "error.scoring.tableOrder")
        #expect(key("-, 、") == "error.scoring.tableRequired")
        #expect(key(Array(repeating: "1", count: 17).joined(separator: "-")) == "error.scoring.tableLength")
        #expect(key("1001") == "error.scoring.tableNumber")
    }

    @Test func eachKindOfEventHasItsOwnTable() {
        let scoring = GamesScoring(parentChild: PointsTable([3, 2, 1]))
        let ranked = Ranking.rank([Performance(entryID: 1, status: .ok, mark: 10), Performance(entryID: 2, status: .ok, mark: 12)], kind: .time)
        #expect(scoring.table(for: .individual).award(ranked, policy: scoring.tiePolicy)[1] == Points(7))
        #expect(scoring.table(for: .collective).award(ranked, policy: scoring.tiePolicy)[1] == Points(14))
        #expect(scoring.table(for: .parentChild).award(ranked, policy: scoring.tiePolicy)[2] == Points(2))
        #expect(PointsTable.collectiveDefault.text == "14-10-8-6-4-2")
        #expect(GamesScoring.standard.issues.isEmpty)
        #expect(GamesScoring(prizes: -1, personEventLimit: 0).issues.map(\.field) == ["prizes", "personEventLimit"])
    }

    @Test func placesFromMatchesRankLowestFirstAndEqualPlacesShare() throws {
        #expect(try MarkFormat.parse("3", as: .place) == 3)
        #expect(try MarkFormat.parse("第2名", as: .place) == 2)
        #expect(try MarkFormat.parse("1st", as: .place) == 1)
        for bad in ["0", "", "first", "-1", "1.5"] {
            #expect(throws: PodiumError.self) { try MarkFormat.parse(bad, as: .place) }
        }
        // Two semi-final losers without a bronze match are both third.
        let ranked = Ranking.rank([Performance(entryID: 1, status: .ok, mark: 3), Performance(entryID: 2, status: .ok, mark: 1),
                                   Performance(entryID: 3, status: .ok, mark: 3), Performance(entryID: 4, status: .ok, mark: 2),
                                   Performance(entryID: 5, status: .dns, mark: nil)], kind: .place)
        #expect(ranked.map(\.performance.entryID) == [2, 4, 1, 3, 5])
        #expect(ranked.map(\.place) == [1, 2, 3, 3, nil])
        let points = PointsTable.collectiveDefault.award(ranked, policy: .shared)
        #expect(points[1] == Points(7) && points[3] == Points(7) && points[5] == .zero)
        #expect(MarkFormat.format(3, as: .place) == "3")
    }

    @Test func aTeamWithNoPointsIsStillRankedLast() {
        let standings = TeamRanking.standings(teamIDs: [1, 2, 3], placings: [TeamPlacing(teamID: 2, place: 1, points: Points(7))], prizes: 2)
        #expect(standings.map(\.teamID) == [2, 1, 3])
        #expect(standings.map(\.rank) == [1, 2, 2])
        // Ranked, but without a prize: a prize is for points scored.
        #expect(standings.map(\.prize) == [1, nil, nil])
        #expect(standings[1].total == .zero && standings[1].tied)
    }

    @Test func beforeAnyResultNobodyHasAPrize() {
        let standings = TeamRanking.standings(teamIDs: [1, 2, 3], placings: [])
        #expect(standings.map(\.rank) == [1, 1, 1])
        #expect(standings.allSatisfy { $0.prize == nil })
    }
}
