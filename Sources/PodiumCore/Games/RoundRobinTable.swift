/// A rule that orders entrants level on match points. Stored by raw value.
public enum TieBreak: String, Sendable, Codable, CaseIterable {
    /// Match points overall. Always applied first, so listing it among the tie-breaks changes nothing.
    case matchPoints
    /// Match points in the matches among the still-tied entrants only.
    case headToHead
    /// Games won minus games lost, over all matches.
    case gameDifference
    /// Games won divided by games lost, over all matches; no games lost beats any ratio, no games at all counts as 0.
    case gameRatio
    /// Points (or goals, or basket points) scored minus conceded, over all matches.
    case pointDifference
    /// Points scored, over all matches.
    case pointsScored
    /// Matches won.
    case wins
    /// Not a rule one configures: a tie still open after every rule, settled by drawing lots
    /// (`GroupTieDecision`). Only ever seen as a row's `separatedBy`.
    case drawingOfLots
    /// Not a rule one configures: a tie still open after every rule, settled by the referee.
    case refereeDecision

    public var localizationKey: String { "tieBreak.\(rawValue)" }

    /// Whether an organizer may list it among the tie-breaks: every case but the two ways of settling a tie by hand.
    public var isConfigurable: Bool { self != .drawingOfLots && self != .refereeDecision }

    /// The rules an organizer may list, in declaration order.
    public static var configurable: [TieBreak] { allCases.filter(\.isConfigurable) }
}

/// How a round robin awards match points and breaks ties.
public struct RoundRobinRules: Sendable, Equatable, Codable {
    public var winPoints: Int
    public var drawPoints: Int
    /// A loss played out, or ended by retiring.
    public var lossPoints: Int
    /// A loss by not turning up; usually less than a loss played out.
    public var walkoverLossPoints: Int
    /// Applied in order after match points; see `RoundRobinTable.compute`.
    public var tieBreaks: [TieBreak]

    public static let defaultTieBreaks: [TieBreak] = [.headToHead, .gameDifference, .pointDifference, .pointsScored]

    public init(winPoints: Int = 2, drawPoints: Int = 1, lossPoints: Int = 0, walkoverLossPoints: Int = 0,
                tieBreaks: [TieBreak] = RoundRobinRules.defaultTieBreaks) {
        self.winPoints = winPoints
        self.drawPoints = drawPoints
        self.lossPoints = lossPoints
        self.walkoverLossPoints = walkoverLossPoints
        self.tieBreaks = tieBreaks
    }

    /// 2 for a win, 1 for a draw, 0 for a loss.
    public static let standard = RoundRobinRules()
    /// Football style: 3 for a win, 1 for a draw, 0 for a loss.
    public static let threeForAWin = RoundRobinRules(winPoints: 3, drawPoints: 1, lossPoints: 0)
    /// Chinese table tennis: 2 for a win, 1 for a loss played out, 0 for a walkover (there are no draws).
    public static let chineseTableTennis = RoundRobinRules(winPoints: 2, drawPoints: 1, lossPoints: 1, walkoverLossPoints: 0)

    public var issues: [FieldIssue] {
        var issues: [FieldIssue] = []
        let fields = [("winPoints", winPoints), ("drawPoints", drawPoints), ("lossPoints", lossPoints), ("walkoverLossPoints", walkoverLossPoints)]
        for (field, value) in fields where value < 0 || value > 100 {
            issues.append(FieldIssue(field, "error.roundRobin.pointsRange", ["value": "\(value)"]))
        }
        if !(winPoints > drawPoints && drawPoints >= lossPoints) {
            issues.append(FieldIssue("winPoints", "error.roundRobin.pointsOrder",
                                     ["win": "\(winPoints)", "draw": "\(drawPoints)", "loss": "\(lossPoints)"]))
        }
        if walkoverLossPoints > lossPoints {
            issues.append(FieldIssue("walkoverLossPoints", "error.roundRobin.walkoverPoints",
                                     ["walkover": "\(walkoverLossPoints)", "loss": "\(lossPoints)"]))
        }
        var seen: Set<TieBreak> = []
        for rule in tieBreaks where !seen.insert(rule).inserted {
            issues.append(FieldIssue("tieBreaks", "error.roundRobin.tieBreakDuplicate", ["name": rule.rawValue]))
        }
        for rule in tieBreaks where !rule.isConfigurable {
            issues.append(FieldIssue("tieBreaks", "error.roundRobin.tieBreak", ["name": rule.rawValue]))
        }
        return issues
    }

    /// Reads a configured list such as `headToHead, gameDifference, pointDifference` (also `head_to_head`,
    /// any case, separated by commas, semicolons, spaces or `>`). `matchPoints` is dropped: it always comes first.
    /// Reports every unknown name and every repeat at once.
    public static func parse(tieBreaks text: String) throws(PodiumError) -> [TieBreak] {
        let separators: Set<Character> = [",", "，", ";", "；", "、", ">", " ", "\t", "\n", "\r"]
        var collector = ValidationCollector()
        var list: [TieBreak] = []
        for name in text.split(whereSeparator: { separators.contains($0) }).map(String.init) {
            let folded = name.lowercased().filter { $0 != "_" && $0 != "-" }
            guard let rule = TieBreak.configurable.first(where: { $0.rawValue.lowercased() == folded }) else {
                collector.add("tieBreaks", "error.roundRobin.tieBreak", ["name": name])
                continue
            }
            if rule == .matchPoints { continue }
            if list.contains(rule) {
                collector.add("tieBreaks", "error.roundRobin.tieBreakDuplicate", ["name": rule.rawValue])
                continue
            }
            list.append(rule)
        }
        try collector.check()
        return list
    }

    /// The list as `parse(tieBreaks:)` reads it back.
    public static func text(tieBreaks: [TieBreak]) -> String {
        tieBreaks.map(\.rawValue).joined(separator: ", ")
    }
}

/// One line of a round robin table.
public struct RoundRobinRow: Sendable, Equatable, Codable {
    public let entryID: Int
    /// Walkovers count as played, won and lost.
    public let played: Int
    public let wins: Int
    public let draws: Int
    public let losses: Int
    public let gamesFor: Int
    public let gamesAgainst: Int
    public let pointsFor: Int
    public let pointsAgainst: Int
    public let matchPoints: Int
    /// 1-based; rows still level after every tie-break share the rank of the first of them (1, 1, 3).
    public let rank: Int
    /// Shares its rank with at least one other row.
    public let tied: Bool
    /// The rule that put this row ahead of the row directly below it. Nil when match points alone did, when
    /// the row below shares this row's rank, and on the last row.
    public let separatedBy: TieBreak?

    public var gameDifference: Int { gamesFor - gamesAgainst }
    public var pointDifference: Int { pointsFor - pointsAgainst }
}

/// The standings of a round robin (group) from the matches entered so far.
public enum RoundRobinTable {
    /// Rows best first, one per entrant (entrants without a match get zeros), from the matches entered so
    /// far: an unfinished round robin gives a provisional table. Matches naming an entrant outside the list,
    /// or the same entrant twice, are left out; a pair may meet more than once (double round robin).
    ///
    /// - Walkover: a win for the winner, a loss worth `walkoverLossPoints` for the other; its games and points
    ///   are ignored, so it moves neither side's game or point difference. A walkover without a winner
    ///   (neither side turned up) is a walkover loss for both.
    /// - Retirement: a win and a loss like a played match. Every game but the last counts as played; the
    ///   unfinished last game goes to the winner; all points count as scored.
    /// - No winner otherwise means a draw.
    ///
    /// Entrants level on match points are ordered by `rules.tieBreaks` in turn. As soon as a rule splits them,
    /// each part still level starts over at the top of the list among just its own members (so head-to-head is
    /// recomputed for the smaller group), as ITTF and FIFA do. Entrants level on every rule share a rank and
    /// stay in the order given.
    public static func compute(entrants: [Int], matches: [(home: Int, away: Int, outcome: MatchOutcome)],
                               rules: RoundRobinRules = .standard) -> [RoundRobinRow] {
        var order: [Int: Int] = [:]
        for entrant in entrants where order[entrant] == nil { order[entrant] = order.count }
        let ids = order.sorted { $0.value < $1.value }.map(\.key)
        let counted = matches.filter { order[$0.home] != nil && order[$0.away] != nil && $0.home != $0.away }
            .map { Counted(home: $0.home, away: $0.away, homeLine: Line($0.outcome, .home, rules), awayLine: Line($0.outcome, .away, rules)) }

        var totals: [Int: Line] = Dictionary(uniqueKeysWithValues: ids.map { ($0, Line()) })
        for match in counted {
            totals[match.home]!.add(match.homeLine)
            totals[match.away]!.add(match.awayLine)
        }

        let context = Context(totals: totals, matches: counted, tieBreaks: rules.tieBreaks.filter { $0 != .matchPoints && $0.isConfigurable },
                              position: { order[$0]! })
        var blocks: [Block] = []
        for level in context.split(ids, by: { Key(context.totals[$0]!.matchPoints) }) {
            blocks += level.count > 1 ? context.resolve(level) : [Block(ids: level, separatedBy: nil)]
        }

        var rows: [RoundRobinRow] = []
        for block in blocks {
            let rank = rows.count + 1
            for (index, id) in block.ids.enumerated() {
                let line = totals[id]!
                rows.append(RoundRobinRow(entryID: id, played: line.played, wins: line.wins, draws: line.draws, losses: line.losses,
                                          gamesFor: line.gamesFor, gamesAgainst: line.gamesAgainst, pointsFor: line.pointsFor,
                                          pointsAgainst: line.pointsAgainst, matchPoints: line.matchPoints, rank: rank,
                                          tied: block.ids.count > 1, separatedBy: index == block.ids.count - 1 ? block.separatedBy : nil))
            }
        }
        return rows
    }

    /// One side's record, of one match or summed over many.
    struct Line {
        var played = 0, wins = 0, draws = 0, losses = 0
        var gamesFor = 0, gamesAgainst = 0, pointsFor = 0, pointsAgainst = 0, matchPoints = 0

        init() {}

        init(_ outcome: MatchOutcome, _ side: MatchSide, _ rules: RoundRobinRules) {
            played = 1
            switch (outcome.ending, outcome.winner) {
            case (.walkover, let winner):
                if winner == side { wins = 1; matchPoints = rules.winPoints } else { losses = 1; matchPoints = rules.walkoverLossPoints }
                return
            case (_, nil):
                draws = 1
                matchPoints = rules.drawPoints
            case (_, let winner?):
                if winner == side { wins = 1; matchPoints = rules.winPoints } else { losses = 1; matchPoints = rules.lossPoints }
            }
            pointsFor = outcome.pointsScored(side)
            pointsAgainst = outcome.pointsScored(side.other)
            if outcome.ending == .retirement, let winner = outcome.winner, !outcome.games.isEmpty {
                let completed = outcome.games.dropLast()
                gamesFor = completed.filter { $0.leader == side }.count + (winner == side ? 1 : 0)
                gamesAgainst = completed.filter { $0.leader == side.other }.count + (winner == side ? 0 : 1)
            } else {
                gamesFor = outcome.gamesWon(side)
                gamesAgainst = outcome.gamesWon(side.other)
            }
        }

        mutating func add(_ other: Line) {
            played += other.played; wins += other.wins; draws += other.draws; losses += other.losses
            gamesFor += other.gamesFor; gamesAgainst += other.gamesAgainst
            pointsFor += other.pointsFor; pointsAgainst += other.pointsAgainst
            matchPoints += other.matchPoints
        }
    }

    struct Counted {
        let home: Int, away: Int
        let homeLine: Line, awayLine: Line
    }

    /// Entrants in table order that no rule below them could tell apart, and the rule that put the last of
    /// them ahead of the next block.
    struct Block {
        var ids: [Int]
        var separatedBy: TieBreak?
    }

    /// A value where higher is better: a whole number, or a ratio with `denominator` 0 meaning infinite.
    struct Key: Comparable {
        let numerator: Int, denominator: Int

        init(_ value: Int) { numerator = value; denominator = 1 }

        init(ratio won: Int, lost: Int) {
            if lost == 0 { (numerator, denominator) = won > 0 ? (1, 0) : (0, 1) } else { (numerator, denominator) = (won, lost) }
        }

        static func < (a: Key, b: Key) -> Bool { a.numerator * b.denominator < b.numerator * a.denominator }
        static func == (a: Key, b: Key) -> Bool { a.numerator * b.denominator == b.numerator * a.denominator }
    }

    struct Context {
        let totals: [Int: Line]
        let matches: [Counted]
        let tieBreaks: [TieBreak]
        let position: (Int) -> Int

        /// Orders a group level on match points into blocks, starting over at the first rule whenever a rule
        /// splits it.
        func resolve(_ group: [Int]) -> [Block] {
            for rule in tieBreaks {
                let parts = split(group, by: key(rule, among: Set(group)))
                guard parts.count > 1 else { continue }
                var blocks: [Block] = []
                for (index, part) in parts.enumerated() {
                    var resolved = part.count > 1 ? resolve(part) : [Block(ids: part, separatedBy: nil)]
                    resolved[resolved.count - 1].separatedBy = index < parts.count - 1 ? rule : nil
                    blocks += resolved
                }
                return blocks
            }
            return [Block(ids: group, separatedBy: nil)]
        }

        /// Best first; equal keys together, in the order the entrants were given.
        func split(_ group: [Int], by key: (Int) -> Key) -> [[Int]] {
            let keyed = group.map { (id: $0, key: key($0)) }.sorted { $0.key != $1.key ? $0.key > $1.key : position($0.id) < position($1.id) }
            var parts: [[Int]] = []
            for (index, item) in keyed.enumerated() {
                if index > 0, keyed[index - 1].key == item.key { parts[parts.count - 1].append(item.id) } else { parts.append([item.id]) }
            }
            return parts
        }

        func key(_ rule: TieBreak, among group: Set<Int>) -> (Int) -> Key {
            switch rule {
            case .matchPoints: return { Key(totals[$0]!.matchPoints) }
            case .headToHead:
                var points: [Int: Int] = [:]
                for match in matches where group.contains(match.home) && group.contains(match.away) {
                    points[match.home, default: 0] += match.homeLine.matchPoints
                    points[match.away, default: 0] += match.awayLine.matchPoints
                }
                return { Key(points[$0] ?? 0) }
            case .gameDifference: return { Key(totals[$0]!.gamesFor - totals[$0]!.gamesAgainst) }
            case .gameRatio: return { Key(ratio: totals[$0]!.gamesFor, lost: totals[$0]!.gamesAgainst) }
            case .pointDifference: return { Key(totals[$0]!.pointsFor - totals[$0]!.pointsAgainst) }
            case .pointsScored: return { Key(totals[$0]!.pointsFor) }
            case .wins: return { Key(totals[$0]!.wins) }
            case .drawingOfLots, .refereeDecision: return { _ in Key(0) }
            }
        }
    }
}
