/// One of the two sides of a match, as the draw sheet lists them: home first.
public enum MatchSide: String, Sendable, Codable, CaseIterable {
    case home, away

    public var other: MatchSide { self == .home ? .away : .home }
}

/// How a head-to-head event's matches are scored.
public enum MatchScoring: Sendable, Equatable, Codable {
    /// One total per side (basketball, tug of war pulls, football). Without draws a level score needs
    /// overtime before it can be entered.
    case points(allowDraw: Bool)
    /// Best of N games to `gamePoints` with a two-point margin, up to `cap` when set (badminton 21 up to 30;
    /// table tennis 11 without a cap).
    case games(bestOf: Int, gamePoints: Int, cap: Int?)

    public static let basketball = MatchScoring.points(allowDraw: false)
    public static let tableTennis = MatchScoring.games(bestOf: 5, gamePoints: 11, cap: nil)
    public static let badminton = MatchScoring.games(bestOf: 3, gamePoints: 21, cap: 30)

    /// Games a side needs to take the match.
    public var gamesToWin: Int {
        if case .games(let bestOf, _, _) = self { return bestOf / 2 + 1 }
        return 1
    }

    public var allowsDraw: Bool {
        if case .points(let allowDraw) = self { return allowDraw }
        return false
    }

    public var issues: [FieldIssue] {
        guard case .games(let bestOf, let gamePoints, let cap) = self else { return [] }
        var issues: [FieldIssue] = []
        if bestOf < 1 || bestOf > 9 || bestOf % 2 == 0 {
            issues.append(FieldIssue("bestOf", "error.match.bestOf", ["value": "\(bestOf)"]))
        }
        if gamePoints < 1 || gamePoints > 100 { issues.append(FieldIssue("gamePoints", "error.match.gamePoints", ["value": "\(gamePoints)"])) }
        if let cap, cap <= gamePoints || cap > 200 {
            issues.append(FieldIssue("cap", "error.match.cap", ["value": "\(cap)", "gamePoints": "\(gamePoints)"]))
        }
        return issues
    }
}

/// How a match ended.
public enum MatchEnding: String, Sendable, Codable, CaseIterable {
    /// Played to the end.
    case played
    /// One side did not turn up; the other wins without playing.
    case walkover
    /// One side gave up during the match; the scores so far stand and the other side wins.
    case retirement
}

/// The points of one game (or the totals of a points match), home first.
public struct GameScore: Sendable, Equatable, Codable {
    public let home: Int
    public let away: Int

    public init(_ home: Int, _ away: Int) {
        self.home = home
        self.away = away
    }

    public func points(_ side: MatchSide) -> Int { side == .home ? home : away }

    public var leader: MatchSide? { home == away ? nil : (home > away ? .home : .away) }
}

/// A finished match: who won (nil for a draw), the games or totals, and how it ended.
public struct MatchOutcome: Sendable, Equatable, Codable {
    public let winner: MatchSide?
    public let games: [GameScore]
    public let ending: MatchEnding

    public init(winner: MatchSide?, games: [GameScore], ending: MatchEnding = .played) {
        self.winner = winner
        self.games = games
        self.ending = ending
    }

    /// Games won by a side; in a points match the winner takes the one "game".
    public func gamesWon(_ side: MatchSide) -> Int {
        games.filter { $0.leader == side }.count
    }

    public func pointsScored(_ side: MatchSide) -> Int {
        games.reduce(0) { $0 + $1.points(side) }
    }

    /// `78–74`, `11–7 9–11 11–5`, `W/O`, `11–7 3–1 ret.`
    public var display: String {
        let scores = games.map { "\($0.home)–\($0.away)" }.joined(separator: " ")
        switch ending {
        case .played: return scores
        case .walkover: return "W/O"
        case .retirement: return scores.isEmpty ? "ret." : scores + " ret."
        }
    }
}

/// Reads a match score as officials type it, and checks it against the event's scoring.
public enum MatchScoreReader {
    /// `scores` holds the games (or one total) as `11-7 9-11 11-5`, `78:74`, `21–19, 21–15`, `11比7`.
    /// A walkover needs only the winner; a retirement takes the scores so far, the last game unfinished.
    public static func read(_ scores: String, ending: MatchEnding, winner: MatchSide?, scoring: MatchScoring) throws(PodiumError) -> MatchOutcome {
        switch ending {
        case .walkover:
            guard let winner else { throw .invalid("winner", "error.match.winnerRequired") }
            return MatchOutcome(winner: winner, games: [], ending: .walkover)
        case .retirement:
            guard let winner else { throw .invalid("winner", "error.match.winnerRequired") }
            let games = try parseGames(scores)
            if case .points = scoring, games.count > 1 { throw .invalid("score", "error.match.oneTotal", ["value": scores]) }
            if case .games(_, _, _) = scoring {
                // Every game but the last must be complete; nobody may already have won the match.
                for (index, game) in games.dropLast().enumerated() { try checkGame(game, index: index, scoring: scoring) }
                let completed = Array(games.dropLast())
                for side in MatchSide.allCases where completed.filter({ $0.leader == side }).count >= scoring.gamesToWin {
                    throw .invalid("score", "error.match.alreadyDecided", ["value": scores])
                }
            }
            return MatchOutcome(winner: winner, games: games, ending: .retirement)
        case .played:
            let games = try parseGames(scores)
            guard !games.isEmpty else { throw .invalid("score", "error.match.scoreRequired") }
            switch scoring {
            case .points(let allowDraw):
                guard games.count == 1 else { throw .invalid("score", "error.match.oneTotal", ["value": scores]) }
                let total = games[0]
                if total.leader == nil, !allowDraw { throw .invalid("score", "error.match.noDraws", ["value": scores]) }
                return MatchOutcome(winner: total.leader, games: games)
            case .games:
                var won: [MatchSide: Int] = [:]
                for (index, game) in games.enumerated() {
                    if won.values.contains(where: { $0 >= scoring.gamesToWin }) {
                        throw .invalid("score", "error.match.tooManyGames", ["value": scores, "games": "\(index)"])
                    }
                    try checkGame(game, index: index, scoring: scoring)
                    won[game.leader!, default: 0] += 1
                }
                guard let winner = won.first(where: { $0.value >= scoring.gamesToWin })?.key else {
                    throw .invalid("score", "error.match.unfinished", ["value": scores, "needed": "\(scoring.gamesToWin)"])
                }
                return MatchOutcome(winner: winner, games: games)
            }
        }
    }

    /// A complete game: the winner reached the game points two clear, or reached the cap.
    static func checkGame(_ game: GameScore, index: Int, scoring: MatchScoring) throws(PodiumError) {
        guard case .games(_, let target, let cap) = scoring else { return }
        let high = max(game.home, game.away), low = min(game.home, game.away)
        let text = "\(game.home)–\(game.away)"
        let args = ["game": "\(index + 1)", "value": text, "points": "\(target)"]
        if high == low { throw .invalid("score", "error.match.gameLevel", args) }
        if let cap, high > cap { throw .invalid("score", "error.match.gameOverCap", args.merging(["cap": "\(cap)"]) { a, _ in a }) }
        if high < target { throw .invalid("score", "error.match.gameShort", args) }
        if high == target {
            if high - low < 2 { throw .invalid("score", "error.match.gameMargin", args) }
            return
        }
        // Past the target the game ends as soon as someone is two clear, or at the cap (29–29 → 30–29).
        if let cap, high == cap {
            if high - low > 2 { throw .invalid("score", "error.match.gameTooLong", args) }
            return
        }
        if high - low < 2 { throw .invalid("score", "error.match.gameMargin", args) }
        if high - low > 2 { throw .invalid("score", "error.match.gameTooLong", args) }
    }

    /// Splits `11-7 9-11 11-5` (also `:`, `–`, `比`, with commas or spaces between games) into games.
    static func parseGames(_ text: String) throws(PodiumError) -> [GameScore] {
        var normalized = text
        for dash in ["–", "—", ":", "：", "比", "－"] { normalized = normalized.replacingOccurrences(of: dash, with: "-") }
        let separators: Set<Character> = [" ", ",", "，", ";", "；", "、", "/"]
        let parts = normalized.split(whereSeparator: { separators.contains($0) }).map(String.init)
        var games: [GameScore] = []
        for part in parts {
            let sides = part.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard sides.count == 2, let home = Int(sides[0]), let away = Int(sides[1]), home >= 0, away >= 0, home < 1000, away < 1000,
                  sides.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else {
                throw .invalid("score", "error.match.unreadable", ["value": part])
            }
            games.append(GameScore(home, away))
        }
        guard games.count <= 9 else { throw .invalid("score", "error.match.tooManyGames", ["value": text, "games": "9"]) }
        return games
    }
}
