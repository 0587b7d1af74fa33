import Testing
@testable import PodiumCore

@Suite("Match scores as officials type them")
struct MatchScoreTests {
    func key(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as PodiumError {
            if case .validation(let issues) = error { return issues.first?.message.key }
        } catch {}
        return nil
    }

    @Test func basketballTotalsNeedAWinner() throws {
        let outcome = try MatchScoreReader.read("78:74", ending: .played, winner: nil, scoring: .basketball)
        #expect(outcome.winner == .home)
        #expect(outcome.pointsScored(.away) == 74)
        #expect(outcome.display == "78–74")
        #expect(key { _ = try MatchScoreReader.read("70-70", ending: .played, winner: nil, scoring: .basketball) } == "error.match.noDraws")
        #expect(try MatchScoreReader.read("1-1", ending: .played, winner: nil, scoring: .points(allowDraw: true)).winner == nil)
        #expect(key { _ = try MatchScoreReader.read("70-60 10-2", ending: .played, winner: nil, scoring: .basketball) } == "error.match.oneTotal")
    }

    @Test func tableTennisBestOfFiveToElevenTwoClear() throws {
        let outcome = try MatchScoreReader.read("11-7, 9-11 11比5 13-11", ending: .played, winner: nil, scoring: .tableTennis)
        #expect(outcome.winner == .home)
        #expect(outcome.gamesWon(.home) == 3 && outcome.gamesWon(.away) == 1)
        #expect(outcome.pointsScored(.home) == 44)
        #expect(key { _ = try MatchScoreReader.read("11-10 11-3 11-4", ending: .played, winner: nil, scoring: .tableTennis) } == "error.match.gameMargin")
        #expect(key { _ = try MatchScoreReader.read("14-11 11-3 11-4", ending: .played, winner: nil, scoring: .tableTennis) } == "error.match.gameTooLong")
        #expect(key { _ = try MatchScoreReader.read("9-7 11-3 11-4", ending: .played, winner: nil, scoring: .tableTennis) } == "error.match.gameShort")
        #expect(key { _ = try MatchScoreReader.read("11-3 11-4", ending: .played, winner: nil, scoring: .tableTennis) } == "error.match.unfinished")
        #expect(key { _ = try MatchScoreReader.read("11-3 11-4 11-5 11-6", ending: .played, winner: nil, scoring: .tableTennis) } == "error.match.tooManyGames")
        #expect(key { _ = try MatchScoreReader.read("11-3 eleven", ending: .played, winner: nil, scoring: .tableTennis) } == "error.match.unreadable")
    }

    @Test func badmintonGamesStopAtThirty() throws {
        #expect(try MatchScoreReader.read("30-29 21-19", ending: .played, winner: nil, scoring: .badminton).winner == .home)
        #expect(try MatchScoreReader.read("30-28 19-21 21-0", ending: .played, winner: nil, scoring: .badminton).winner == .home)
        #expect(key { _ = try MatchScoreReader.read("31-29 21-19", ending: .played, winner: nil, scoring: .badminton) } == "error.match.gameOverCap")
        #expect(key { _ = try MatchScoreReader.read("30-25 21-19", ending: .played, winner: nil, scoring: .badminton) } == "error.match.gameTooLong")
        #expect(key { _ = try MatchScoreReader.read("21-21 21-19", ending: .played, winner: nil, scoring: .badminton) } == "error.match.gameLevel")
    }

    @Test func walkoverAndRetirementNeedTheWinner() throws {
        #expect(try MatchScoreReader.read("", ending: .walkover, winner: .away, scoring: .badminton) == MatchOutcome(winner: .away, games: [], ending: .walkover))
        #expect(key { _ = try MatchScoreReader.read("", ending: .walkover, winner: nil, scoring: .badminton) } == "error.match.winnerRequired")
        let retired = try MatchScoreReader.read("21-15 3-1", ending: .retirement, winner: .away, scoring: .badminton)
        #expect(retired.winner == .away && retired.display == "21–15 3–1 ret.")
        #expect(key { _ = try MatchScoreReader.read("11-3 11-4 11-5 2-0", ending: .retirement, winner: .away, scoring: .tableTennis) } == "error.match.alreadyDecided")
    }

    @Test func scoringSettingsAreChecked() {
        #expect(MatchScoring.tableTennis.issues.isEmpty && MatchScoring.badminton.issues.isEmpty)
        #expect(MatchScoring.games(bestOf: 4, gamePoints: 11, cap: nil).issues.map(\.field) == ["bestOf"])
        #expect(MatchScoring.games(bestOf: 3, gamePoints: 21, cap: 20).issues.map(\.field) == ["cap"])
        #expect(MatchScoring.badminton.gamesToWin == 2 && MatchScoring.tableTennis.gamesToWin == 3)
    }
}
