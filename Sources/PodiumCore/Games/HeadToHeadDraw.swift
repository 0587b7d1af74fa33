/// How a head-to-head event is played.
public enum DrawStructure: String, Sendable, Codable, CaseIterable {
    /// One bracket; losers are out (basketball championship and runner-up games).
    case singleElimination = "single_elimination"
    /// Everyone plays everyone once; the table decides (table tennis, badminton on courts all day).
    case roundRobin = "round_robin"
    /// Round-robin groups, then the best of each group in a bracket.
    case groupsKnockout = "groups_knockout"

    public var localizationKey: String { "draw.structure.\(rawValue)" }
}

/// Which match: one of a group's round-robin fixtures, or one of the bracket's matches.
public struct MatchRef: Sendable, Hashable, Codable, Comparable {
    public enum Stage: String, Sendable, Codable { case group, knockout }

    public let stage: Stage
    /// 1-based; 0 for the knockout.
    public let group: Int
    public let number: Int

    public init(stage: Stage, group: Int, number: Int) {
        self.stage = stage
        self.group = stage == .knockout ? 0 : group
        self.number = number
    }

    public static func knockout(_ number: Int) -> MatchRef { MatchRef(stage: .knockout, group: 0, number: number) }
    public static func group(_ group: Int, _ number: Int) -> MatchRef { MatchRef(stage: .group, group: group, number: number) }

    /// `k5`, `g2-7`: short enough for a URL and a form field.
    public var key: String { stage == .knockout ? "k\(number)" : "g\(group)-\(number)" }

    public init?(key: String) {
        if key.hasPrefix("k"), let number = Int(key.dropFirst()), number > 0 {
            self = .knockout(number)
            return
        }
        let parts = key.dropFirst().split(separator: "-")
        guard key.hasPrefix("g"), parts.count == 2, let group = Int(parts[0]), let number = Int(parts[1]), group > 0, number > 0 else { return nil }
        self = .group(group, number)
    }

    public static func < (a: MatchRef, b: MatchRef) -> Bool {
        (a.stage == .knockout ? 1 : 0, a.group, a.number) < (b.stage == .knockout ? 1 : 0, b.group, b.number)
    }
}

/// One match as the draw sheet shows it: the sides when known, otherwise where they come from.
public struct DrawMatch: Sendable, Equatable {
    public let ref: MatchRef
    /// Round within its stage (group round, or bracket round).
    public let round: Int
    public let label: LocalizedMessage
    public let home: Int?
    public let away: Int?
    /// Why a side is not known yet: `draw.from.winner` / `draw.from.loser` of match {match}, or
    /// `draw.from.group` position {position} of group {group}.
    public let homeFrom: LocalizedMessage?
    public let awayFrom: LocalizedMessage?
    public let outcome: MatchOutcome?
    /// The bracket's third-place game, drawn under the final.
    public var isThirdPlace = false

    public var isReady: Bool { home != nil && away != nil }
}

/// A head-to-head event's draw and results: everything the pages show and the ranking needs, worked out
/// from the seeded entrants, the groups and the outcomes entered. Nothing derived is stored.
public struct HeadToHeadDraw: Sendable {
    public let structure: DrawStructure
    public let entrants: [Int]
    /// Group members in seed order (groups then knockout; a round robin is one group).
    public let groups: [[Int]]
    public let qualifiersPerGroup: Int
    public let thirdPlaceMatch: Bool
    public let rules: RoundRobinRules
    public let outcomes: [MatchRef: MatchOutcome]
    /// Every stored decision on a tie left open by the tie-breaks, including any a corrected score has made stale.
    public let tieDecisions: [GroupTieDecision]

    public let fixtures: [[RoundRobinFixture]]
    /// Group tables with the tie decisions that still fit applied.
    public let tables: [[RoundRobinRow]]
    /// Groups then knockout: every tie still level after the tie-breaks in a finished group, open or settled.
    public let ties: [GroupTie]
    /// The bracket once its entrants are known (a knockout from the start; after the groups otherwise).
    public let bracket: SingleElimination?
    public let bracketState: BracketState?

    public init(structure: DrawStructure, entrants: [Int], groups: [[Int]], qualifiersPerGroup: Int, thirdPlaceMatch: Bool,
                rules: RoundRobinRules, outcomes: [MatchRef: MatchOutcome], tieDecisions: [GroupTieDecision] = []) throws(PodiumError) {
        self.structure = structure
        self.tieDecisions = tieDecisions
        self.entrants = entrants
        self.qualifiersPerGroup = qualifiersPerGroup
        self.thirdPlaceMatch = thirdPlaceMatch
        self.rules = rules
        self.outcomes = outcomes
        switch structure {
        case .singleElimination: self.groups = []
        case .roundRobin: self.groups = [entrants]
        case .groupsKnockout: self.groups = groups
        }
        var fixtures: [[RoundRobinFixture]] = []
        var tables: [[RoundRobinRow]] = []
        for (index, members) in self.groups.enumerated() {
            let groupFixtures = try RoundRobin.fixtures(entrants: members)
            fixtures.append(groupFixtures)
            let played = groupFixtures.compactMap { fixture -> (home: Int, away: Int, outcome: MatchOutcome)? in
                outcomes[.group(index + 1, fixture.number)].map { (fixture.home, fixture.away, $0) }
            }
            tables.append(RoundRobinTable.compute(entrants: members, matches: played, rules: rules))
        }
        self.fixtures = fixtures
        // Only a finished group's tie can be settled; a decision that no longer names a tie of the table is ignored.
        var ties: [GroupTie] = []
        if structure == .groupsKnockout {
            for index in tables.indices where Self.allPlayed([fixtures[index]], outcomes, offset: index) {
                var settled: [GroupTieDecision] = []
                for decision in tieDecisions where decision.group == index + 1 {
                    guard let table = RoundRobinTable.settling(tables[index], order: decision.order, by: decision.method) else { continue }
                    tables[index] = table
                    settled.append(decision)
                }
                var byRank: [(rank: Int, entries: [Int], decision: GroupTieDecision?)] = RoundRobinTable.ties(in: tables[index]).map { ($0.rank, $0.entries, nil) }
                for decision in settled {
                    byRank.append((tables[index].first { $0.entryID == decision.order[0] }!.rank, decision.order, decision))
                }
                for tie in byRank.sorted(by: { $0.rank < $1.rank }) {
                    ties.append(GroupTie(group: index + 1, rank: tie.rank, entries: tie.entries, decision: tie.decision,
                                         straddlesQualifying: tie.rank <= qualifiersPerGroup && tie.rank + tie.entries.count - 1 > qualifiersPerGroup))
                }
            }
        }
        self.tables = tables
        self.ties = ties
        switch structure {
        case .singleElimination:
            bracket = try SingleElimination(entrants: entrants, thirdPlaceMatch: thirdPlaceMatch)
        case .roundRobin:
            bracket = nil
        case .groupsKnockout:
            // The bracket waits for every group: a tie still open at a qualifying place has to be settled first.
            bracket = Self.allPlayed(fixtures, outcomes) && Self.qualifyingPlacesClear(tables, qualifiers: qualifiersPerGroup)
                ? try GroupsToKnockout.bracket(groups: tables.map { $0.map(\.entryID) }, qualifiersPerGroup: qualifiersPerGroup, thirdPlaceMatch: thirdPlaceMatch)
                : nil
        }
        let knockoutOutcomes = Dictionary(uniqueKeysWithValues: outcomes.filter { $0.key.stage == .knockout }.map { ($0.key.number, $0.value) })
        bracketState = bracket?.state(outcomes: knockoutOutcomes)
    }

    /// Whether the group stage is over.
    public var groupsComplete: Bool { Self.allPlayed(fixtures, outcomes) }

    /// `offset`: the group index of the first list, when checking a slice of the groups.
    static func allPlayed(_ fixtures: [[RoundRobinFixture]], _ outcomes: [MatchRef: MatchOutcome], offset: Int = 0) -> Bool {
        zip(fixtures.indices, fixtures).allSatisfy { index, list in list.allSatisfy { outcomes[.group(offset + index + 1, $0.number)] != nil } }
    }

    /// Whether one group (1-based) has every match in.
    public func groupComplete(_ group: Int) -> Bool {
        group >= 1 && group <= fixtures.count && Self.allPlayed([fixtures[group - 1]], outcomes, offset: group - 1)
    }

    /// Ties still waiting for a decision.
    public var openTies: [GroupTie] { ties.filter(\.isOpen) }

    /// Stored decisions that no longer name a tie of their group (a score was corrected since), so do not count.
    public var staleTieDecisions: [GroupTieDecision] {
        tieDecisions.filter { decision in !ties.contains { $0.decision == decision } }
    }

    public var isComplete: Bool {
        switch structure {
        case .roundRobin: return groupsComplete
        case .singleElimination, .groupsKnockout: return bracketState?.isComplete ?? false
        }
    }

    /// Every match in play order: the groups round by round, then the bracket.
    public var matches: [DrawMatch] {
        var list: [DrawMatch] = []
        for (index, groupFixtures) in fixtures.enumerated() {
            for fixture in groupFixtures {
                let ref = MatchRef.group(index + 1, fixture.number)
                let label = structure == .roundRobin
                    ? LocalizedMessage("draw.round", ["round": "\(fixture.round)"])
                    : LocalizedMessage("draw.groupRound", ["group": GroupsToKnockout.groupName(index), "round": "\(fixture.round)"])
                list.append(DrawMatch(ref: ref, round: fixture.round, label: label, home: fixture.home, away: fixture.away,
                                      homeFrom: nil, awayFrom: nil, outcome: outcomes[ref]))
            }
        }
        if let state = bracketState {
            for line in state.matches {
                list.append(DrawMatch(ref: .knockout(line.match.number), round: line.match.round, label: line.match.label,
                                      home: line.home, away: line.away, homeFrom: Self.from(line.match.home), awayFrom: Self.from(line.match.away),
                                      outcome: line.outcome, isThirdPlace: line.match.isThirdPlace))
            }
        } else if structure == .groupsKnockout {
            // Before the groups finish, show the bracket with group positions in place of names.
            let placeholders = groups.indices.map { group in (0..<qualifiersPerGroup).map { -($0 * groups.count + group + 1) } }
            if let preview = try? GroupsToKnockout.bracket(groups: placeholders, qualifiersPerGroup: qualifiersPerGroup, thirdPlaceMatch: thirdPlaceMatch) {
                for match in preview.matches {
                    list.append(DrawMatch(ref: .knockout(match.number), round: match.round, label: match.label, home: nil, away: nil,
                                          homeFrom: Self.from(match.home, preview: preview, groupCount: groups.count),
                                          awayFrom: Self.from(match.away, preview: preview, groupCount: groups.count), outcome: nil,
                                          isThirdPlace: match.isThirdPlace))
                }
            }
        }
        return list
    }

    public func match(_ ref: MatchRef) -> DrawMatch? { matches.first { $0.ref == ref } }

    /// Final places as far as decided, for the event ranking. A round robin places only once every match is
    /// in, so a half-played table never reads as a result.
    public var places: [BracketPlace] {
        switch structure {
        case .singleElimination:
            return bracketState?.places ?? []
        case .roundRobin:
            guard groupsComplete, let table = tables.first else { return [] }
            return table.map { BracketPlace(entryID: $0.entryID, place: $0.rank) }
        case .groupsKnockout:
            guard let state = bracketState else { return [] }
            return GroupsToKnockout.places(groups: tables.map { $0.map(\.entryID) }, qualifiersPerGroup: qualifiersPerGroup, knockout: state)
        }
    }

    /// Checks entering, correcting or clearing (`outcome` nil) one result against the draw: the match must
    /// exist with both sides known, and nothing later may already depend on a winner that would change.
    /// Whether a draw is a valid score at all is the scoring's business (`MatchScoreReader`).
    public func checkResult(_ ref: MatchRef, outcome: MatchOutcome?) throws(PodiumError) {
        switch ref.stage {
        case .knockout:
            guard let bracket else {
                if structure == .groupsKnockout, match(ref) != nil {
                    throw .conflict(LocalizedMessage("error.draw.groupsFirst", ["match": "\(ref.number)"]))
                }
                throw .notFound(LocalizedMessage("error.bracket.noSuchMatch", ["match": "\(ref.number)"]))
            }
            let knockout = Dictionary(uniqueKeysWithValues: outcomes.filter { $0.key.stage == .knockout }.map { ($0.key.number, $0.value) })
            try bracket.checkResult(match: ref.number, outcome: outcome, outcomes: knockout)
        case .group:
            guard ref.group >= 1, ref.group <= fixtures.count, fixtures[ref.group - 1].contains(where: { $0.number == ref.number }) else {
                throw .notFound(LocalizedMessage("error.bracket.noSuchMatch", ["match": ref.key]))
            }
            // Once the bracket has a result, the group tables that seeded it are settled.
            if structure == .groupsKnockout, outcomes.keys.contains(where: { $0.stage == .knockout }), outcomes[ref] != outcome {
                throw .conflict(LocalizedMessage("error.draw.knockoutStarted", ["group": GroupsToKnockout.groupName(ref.group - 1)]))
            }
        }
    }

    static func qualifyingPlacesClear(_ tables: [[RoundRobinRow]], qualifiers: Int) -> Bool {
        tables.allSatisfy { rows in
            // A tie straddling the qualifying line leaves the bracket's entrants unknown.
            guard rows.count > qualifiers else { return true }
            return rows[qualifiers - 1].rank != rows[qualifiers].rank
        }
    }

    static func from(_ source: BracketSource) -> LocalizedMessage? {
        switch source {
        case .seed, .bye: return nil
        case .winner(let match): return LocalizedMessage("draw.from.winner", ["match": "\(match)"])
        case .loser(let match): return LocalizedMessage("draw.from.loser", ["match": "\(match)"])
        }
    }

    /// Placeholder entrants are `-(position * groups + group + 1)`: read back as "Group B, 2nd".
    static func from(_ source: BracketSource, preview: SingleElimination, groupCount: Int) -> LocalizedMessage? {
        switch source {
        case .seed(let seed), .bye(let seed):
            let code = -preview.entrant(seed: seed) - 1
            return LocalizedMessage("draw.from.group", ["group": GroupsToKnockout.groupName(code % groupCount), "position": "\(code / groupCount + 1)"])
        default:
            return from(source)
        }
    }
}
