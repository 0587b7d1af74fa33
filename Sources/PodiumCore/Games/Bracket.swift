/// Where one side of a knockout match comes from. Seeds are 1-based positions in the seeded entrant list.
public enum BracketSource: Sendable, Hashable {
    /// Seed n, drawn straight into a first-round match.
    case seed(Int)
    /// Seed n, through to round 2 without playing: its first-round draw line had no opponent.
    case bye(seed: Int)
    /// The winner of match k.
    case winner(of: Int)
    /// The loser of match k (only the third-place match takes losers).
    case loser(of: Int)

    /// The earlier match this side waits for; nil when the side is a seed known from the draw.
    public var feedingMatch: Int? {
        switch self {
        case .seed, .bye: return nil
        case .winner(let match), .loser(let match): return match
        }
    }
}

/// One playable knockout match. Byes are not matches and have no number.
public struct BracketMatch: Sendable, Equatable {
    /// 1...M in play order: round 1 top to bottom, then round 2, ..., the third-place match, the final.
    public let number: Int
    /// 1-based; the third-place match shares the final's round.
    public let round: Int
    /// The round's name: `bracket.round.final`, `.semifinal`, `.quarterfinal`, `.thirdPlace`, or `.n` with `size`.
    public let label: LocalizedMessage
    public let home: BracketSource
    public let away: BracketSource

    public init(number: Int, round: Int, label: LocalizedMessage, home: BracketSource, away: BracketSource) {
        self.number = number
        self.round = round
        self.label = label
        self.home = home
        self.away = away
    }

    public var isThirdPlace: Bool { label.key == SingleElimination.thirdPlaceKey }

    public func source(_ side: MatchSide) -> BracketSource { side == .home ? home : away }
}

/// A single-elimination bracket, derived entirely from the seeded entrant list so that the app stores
/// only the seeds and the match outcomes; who plays whom and every place follow from them.
///
/// Seeds are drawn in the usual order (1 v 16, 8 v 9, 5 v 12, 4 v 13, 3 v 14, 6 v 11, 7 v 10, 2 v 15), so
/// seeds 1 and 2 can only meet in the final and seeds 1–4 not before the semifinals. When the entrant
/// count is not a power of two the missing seeds are empty lines, which gives the byes to the top seeds.
public struct SingleElimination: Sendable, Equatable {
    /// Entry ids in seed order: index 0 is seed 1.
    public let entrants: [Int]
    /// Draw lines: the next power of two at or above the entrant count.
    public let size: Int
    /// Rounds including the final (a bracket of 16 has 4).
    public let rounds: Int
    /// False when asked for but impossible: with 2 or 3 entrants there are not two semifinal losers.
    public let hasThirdPlaceMatch: Bool
    /// Every playable match, indexed by `number - 1`.
    public let matches: [BracketMatch]
    /// The first-round column top to bottom: the seed on each line, nil for an empty (bye) line.
    public let lines: [Int?]

    static let thirdPlaceKey = "bracket.round.thirdPlace"

    public init(entrants: [Int], thirdPlaceMatch: Bool) throws(PodiumError) {
        guard entrants.count >= 2 else {
            throw .invalid("entrants", "error.bracket.tooFew", ["count": "\(entrants.count)", "minimum": "2"])
        }
        var seen = Set<Int>()
        for entry in entrants where !seen.insert(entry).inserted {
            throw .invalid("entrants", "error.bracket.duplicateEntrant", ["entry": "\(entry)"])
        }
        var size = 2, rounds = 1
        while size < entrants.count { size *= 2; rounds += 1 }
        let order = Self.drawOrder(size: size)

        // Round 1: a pair with an empty line is a bye, not a match; its seed goes straight to round 2.
        var matches: [BracketMatch] = []
        var advancing: [BracketSource] = []
        for pair in 0..<size / 2 {
            let top = order[2 * pair], bottom = order[2 * pair + 1]
            if bottom > entrants.count {
                advancing.append(.bye(seed: top))
            } else {
                matches.append(BracketMatch(number: matches.count + 1, round: 1, label: Self.roundLabel(entrantsInRound: size),
                                            home: .seed(top), away: .seed(bottom)))
                advancing.append(.winner(of: matches.count))
            }
        }
        var thirdPlace = false
        for round in stride(from: 2, through: rounds, by: 1) {
            if round == rounds, thirdPlaceMatch, case .winner(let first) = advancing[0], case .winner(let second) = advancing[1] {
                matches.append(BracketMatch(number: matches.count + 1, round: round, label: LocalizedMessage(Self.thirdPlaceKey),
                                            home: .loser(of: first), away: .loser(of: second)))
                thirdPlace = true
            }
            var next: [BracketSource] = []
            for pair in 0..<advancing.count / 2 {
                matches.append(BracketMatch(number: matches.count + 1, round: round, label: Self.roundLabel(entrantsInRound: size >> (round - 1)),
                                            home: advancing[2 * pair], away: advancing[2 * pair + 1]))
                next.append(.winner(of: matches.count))
            }
            advancing = next
        }
        self.entrants = entrants
        self.size = size
        self.rounds = rounds
        self.hasThirdPlaceMatch = thirdPlace
        self.matches = matches
        self.lines = order.map { $0 <= entrants.count ? $0 : nil }
    }

    /// Seeds on the draw lines of a bracket of `size` (a power of two), top to bottom, the better seed of
    /// each first-round pair on top. Built recursively: each seed of the half-size order is paired with its
    /// complement, alternately above and below, so strong seeds spread evenly over halves and quarters.
    public static func drawOrder(size: Int) -> [Int] {
        precondition(size >= 2 && size & (size - 1) == 0, "bracket size must be a power of two")
        var order = [1]
        while order.count < size / 2 {
            let total = order.count * 2 + 1
            order = order.enumerated().flatMap { index, seed in index % 2 == 0 ? [seed, total - seed] : [total - seed, seed] }
        }
        return order.flatMap { [$0, size + 1 - $0] }
    }

    /// The name of a round that `entrantsInRound` draw lines enter (byes count): 2 is the final.
    public static func roundLabel(entrantsInRound: Int) -> LocalizedMessage {
        switch entrantsInRound {
        case 2: return LocalizedMessage("bracket.round.final")
        case 4: return LocalizedMessage("bracket.round.semifinal")
        case 8: return LocalizedMessage("bracket.round.quarterfinal")
        default: return LocalizedMessage("bracket.round.n", ["size": "\(entrantsInRound)"])
        }
    }

    /// The name of round `round` (1-based) of this bracket, for column headings.
    public func roundLabel(_ round: Int) -> LocalizedMessage {
        Self.roundLabel(entrantsInRound: size >> (round - 1))
    }

    public func match(_ number: Int) -> BracketMatch? {
        number >= 1 && number <= matches.count ? matches[number - 1] : nil
    }

    /// The entry id of a 1-based seed.
    public func entrant(seed: Int) -> Int { entrants[seed - 1] }

    /// Seeds that skip round 1, best first.
    public var byes: [Int] { size > entrants.count ? Array(1...(size - entrants.count)) : [] }

    /// Matches that take this match's winner or loser, in number order.
    public func matchesFed(by number: Int) -> [Int] {
        matches.filter { [$0.home, $0.away].contains { $0.feedingMatch == number } }.map(\.number)
    }

    /// Where everything stands given the outcomes entered so far (keyed by match number). Outcomes that
    /// cannot count are ignored and listed in `ignoredOutcomes`: draws, unknown match numbers, and results
    /// for matches whose participants are not both known.
    public func state(outcomes: [Int: MatchOutcome]) -> BracketState {
        var lines: [BracketMatchState] = []
        let resolve: (BracketSource) -> Int? = { source in
            switch source {
            case .seed(let seed), .bye(let seed): return self.entrant(seed: seed)
            case .winner(let match): return lines[match - 1].winner
            case .loser(let match): return lines[match - 1].loser
            }
        }
        for match in matches {
            let home = resolve(match.home), away = resolve(match.away)
            var outcome: MatchOutcome?
            if let entered = outcomes[match.number], entered.winner != nil, home != nil, away != nil { outcome = entered }
            lines.append(BracketMatchState(match: match, home: home, away: away, outcome: outcome))
        }
        let ignored = outcomes.keys.filter { number in match(number) == nil || lines[number - 1].outcome == nil }.sorted()
        return BracketState(matches: lines, ignoredOutcomes: ignored, places: places(lines))
    }

    /// Places as far as decided. A loser in a round that `n` draw lines enter is certainly behind the n/2
    /// entrants of the next round, so shares place n/2 + 1; the third-place match splits the semifinal losers.
    private func places(_ lines: [BracketMatchState]) -> [BracketPlace] {
        var places: [BracketPlace] = []
        for line in lines {
            guard let winner = line.winner, let loser = line.loser else { continue }
            if line.match.isThirdPlace {
                places += [BracketPlace(entryID: winner, place: 3), BracketPlace(entryID: loser, place: 4)]
            } else if line.match.round == rounds {
                places += [BracketPlace(entryID: winner, place: 1), BracketPlace(entryID: loser, place: 2)]
            } else if !(hasThirdPlaceMatch && line.match.round == rounds - 1) {
                places.append(BracketPlace(entryID: loser, place: (size >> line.match.round) + 1))
            }
        }
        let seedOf = Dictionary(uniqueKeysWithValues: entrants.enumerated().map { ($1, $0) })
        return places.sorted { ($0.place, seedOf[$0.entryID]!) < ($1.place, seedOf[$1.entryID]!) }
    }

    /// Validates entering, correcting or clearing (`outcome` nil) the result of match `number`, given the
    /// outcomes stored now. A change of winner is refused while a match it feeds has a result, because
    /// outcomes are stored by side and that later result would silently move to someone else; a correction
    /// that keeps the winner (a score typo) is always fine. Once allowed, the new state simply derives from
    /// the new outcomes.
    public func checkResult(match number: Int, outcome: MatchOutcome?, outcomes: [Int: MatchOutcome]) throws(PodiumError) {
        guard let match = match(number) else {
            throw .notFound(LocalizedMessage("error.bracket.noSuchMatch", ["match": "\(number)"]))
        }
        let current = state(outcomes: outcomes).matches[number - 1]
        var newWinner: Int?
        if let outcome {
            for side in MatchSide.allCases where current.entrant(side) == nil {
                let waitingFor = self.match(match.source(side).feedingMatch!)!
                throw .conflict(LocalizedMessage("error.bracket.notReady", Self.args("match", match).merging(Self.args("waitingFor", waitingFor)) { a, _ in a }))
            }
            guard let side = outcome.winner else { throw .invalid("score", "error.bracket.noDraw", Self.args("match", match)) }
            newWinner = current.entrant(side)
        }
        guard newWinner != current.winner else { return }
        if let later = matchesFed(by: number).first(where: { outcomes[$0]?.winner != nil }) {
            throw .conflict(LocalizedMessage("error.bracket.laterMatchPlayed", Self.args("match", match).merging(Self.args("later", self.match(later)!)) { a, _ in a }))
        }
    }

    /// Message args naming a match: `{name}` its number, `{name}Round` its round label key, and
    /// `{name}RoundSize` the label's size for `bracket.round.n`.
    static func args(_ name: String, _ match: BracketMatch) -> [String: String] {
        var args = [name: "\(match.number)", name + "Round": match.label.key]
        if let size = match.label.args["size"] { args[name + "RoundSize"] = size }
        return args
    }
}

/// An entrant's final place; equal places are shared (both semifinal losers 3 without a third-place match).
public struct BracketPlace: Sendable, Equatable {
    public let entryID: Int
    public let place: Int

    public init(entryID: Int, place: Int) {
        self.entryID = entryID
        self.place = place
    }
}

/// One match as it stands: its participants once known, and its result once validly entered.
public struct BracketMatchState: Sendable, Equatable {
    public let match: BracketMatch
    /// nil while waiting for the match named by `match.home`.
    public let home: Int?
    /// nil while waiting for the match named by `match.away`.
    public let away: Int?
    /// The entered outcome; nil when none is entered or it cannot count (a draw, participants unknown).
    public let outcome: MatchOutcome?

    public init(match: BracketMatch, home: Int?, away: Int?, outcome: MatchOutcome?) {
        self.match = match
        self.home = home
        self.away = away
        self.outcome = outcome
    }

    public func entrant(_ side: MatchSide) -> Int? { side == .home ? home : away }

    /// Both participants are known, so a result can be entered.
    public var isReady: Bool { home != nil && away != nil }

    public var winner: Int? { outcome?.winner.flatMap(entrant) }

    public var loser: Int? { outcome?.winner.flatMap { entrant($0.other) } }
}

/// A bracket's derived state for one set of outcomes.
public struct BracketState: Sendable, Equatable {
    /// Every match, indexed by `number - 1`.
    public let matches: [BracketMatchState]
    /// Match numbers whose stored outcome does not count (see `SingleElimination.state(outcomes:)`).
    public let ignoredOutcomes: [Int]
    /// Final places decided so far, best first (seed order within a shared place). Entrants still in
    /// contention, and semifinal losers awaiting the third-place match, have none yet.
    public let places: [BracketPlace]

    public init(matches: [BracketMatchState], ignoredOutcomes: [Int], places: [BracketPlace]) {
        self.matches = matches
        self.ignoredOutcomes = ignoredOutcomes
        self.places = places
    }

    public var isComplete: Bool { matches.allSatisfy { $0.outcome != nil } }

    public var champion: Int? { places.first { $0.place == 1 }?.entryID }

    public func match(_ number: Int) -> BracketMatchState? {
        number >= 1 && number <= matches.count ? matches[number - 1] : nil
    }

    public func place(of entryID: Int) -> Int? { places.first { $0.entryID == entryID }?.place }
}
