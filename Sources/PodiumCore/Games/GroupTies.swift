/// How a tie left open by every tie-break rule was settled.
public enum GroupTieMethod: String, Sendable, Codable, CaseIterable {
    /// Drawing of lots, by hand at the venue or by the app.
    case lots
    /// The referee's (chief referee's) decision.
    case referee

    /// What the table's "decided by" column shows for rows it separated.
    public var separation: TieBreak { self == .lots ? .drawingOfLots : .refereeDecision }

    public var localizationKey: String { "draw.tie.method.\(rawValue)" }
}

/// The final order of entries still level in a group table after every tie-break rule. It holds only while
/// exactly these entries are tied at one rank of a finished group: once a corrected score changes the tie,
/// the decision is ignored and the tie shows as open again.
public struct GroupTieDecision: Sendable, Equatable, Codable {
    /// 1-based group number.
    public var group: Int
    /// The tied entries, best first.
    public var order: [Int]
    public var method: GroupTieMethod

    public init(group: Int, order: [Int], method: GroupTieMethod) {
        self.group = group
        self.order = order
        self.method = method
    }

    /// Lots drawn by the app: the entries in a random order that follows from `seed` alone (and not from the
    /// order they were given in), so the draw can be repeated and audited.
    public static func drawingLots(group: Int, entries: [Int], seed: UInt64) -> GroupTieDecision {
        var generator = SeededGenerator(seed: seed)
        return GroupTieDecision(group: group, order: entries.sorted().shuffled(using: &generator), method: .lots)
    }

    func overlaps(_ other: GroupTieDecision) -> Bool {
        group == other.group && !Set(order).isDisjoint(with: other.order)
    }
}

/// Entries level on every tie-break at one rank of a finished group, open or settled by a decision.
public struct GroupTie: Sendable, Equatable {
    /// 1-based group number.
    public let group: Int
    /// The rank they share (while open), i.e. the best of the places at stake.
    public let rank: Int
    /// In table order: as settled, or as the table lists the tied rows.
    public let entries: [Int]
    /// Nil while the tie is open.
    public let decision: GroupTieDecision?
    /// Some of the entries qualify for the knockout and some do not: the bracket waits while it is open.
    public let straddlesQualifying: Bool

    public var isOpen: Bool { decision == nil }
    /// The places at stake, e.g. 2...4 for three entries level for 2nd.
    public var ranks: ClosedRange<Int> { rank...(rank + entries.count - 1) }
}

extension RoundRobinTable {
    /// Rows still level after every rule: each run of rows sharing a rank, with that rank.
    public static func ties(in rows: [RoundRobinRow]) -> [(rank: Int, entries: [Int])] {
        var ties: [(rank: Int, entries: [Int])] = []
        for row in rows where row.tied {
            if let last = ties.last, last.rank == row.rank { ties[ties.count - 1].entries.append(row.entryID) } else { ties.append((row.rank, [row.entryID])) }
        }
        return ties
    }

    /// The table with the tie of exactly the entries in `order` put in that order: distinct ranks, and each but
    /// the last separated from the next by `method`. The last keeps what separated the tie from the rows
    /// below. Nil when no tie in the table has exactly these entries.
    public static func settling(_ rows: [RoundRobinRow], order: [Int], by method: GroupTieMethod) -> [RoundRobinRow]? {
        guard let tie = ties(in: rows).first(where: { $0.entries.count == order.count && Set($0.entries) == Set(order) }),
              Set(order).count == order.count,
              let start = rows.firstIndex(where: { $0.entryID == tie.entries[0] }) else { return nil }
        let block = rows[start..<(start + order.count)]
        let below = block.last!.separatedBy
        var settled = Array(rows[..<start])
        for (index, id) in order.enumerated() {
            let row = block.first { $0.entryID == id }!
            let last = index == order.count - 1
            settled.append(RoundRobinRow(entryID: row.entryID, played: row.played, wins: row.wins, draws: row.draws, losses: row.losses,
                                         gamesFor: row.gamesFor, gamesAgainst: row.gamesAgainst, pointsFor: row.pointsFor,
                                         pointsAgainst: row.pointsAgainst, matchPoints: row.matchPoints, rank: tie.rank + index,
                                         tied: false, separatedBy: last ? below : method.separation))
        }
        settled += rows[(start + order.count)...]
        return settled
    }
}

extension HeadToHeadDraw {
    /// The draw with `decision` settling one open tie (or replacing the decision on it), checked: groups then
    /// knockout only, a group that exists and is finished, and an order naming exactly the entries of one tie,
    /// each once. Any earlier decision on one of the same entries in that group is replaced. Once the knockout
    /// has a result, a decision that would change its entrants or their seeds is refused. `name` words an
    /// entry in messages.
    public func settlingTie(_ decision: GroupTieDecision, name: (Int) -> String = { "\($0)" }) throws(PodiumError) -> HeadToHeadDraw {
        try checkTieGroup(decision.group)
        let groupName = GroupsToKnockout.groupName(decision.group - 1)
        guard groupComplete(decision.group) else {
            throw .conflict(LocalizedMessage("error.draw.tieGroupUnfinished", ["group": groupName]))
        }
        let others = tieDecisions.filter { !$0.overlaps(decision) }
        let base = try redrawn(tieDecisions: others)
        let members = groups[decision.group - 1]
        var problems = ValidationCollector()
        if decision.order.isEmpty { problems.add("order", "error.draw.tieOrderEmpty") }
        var seen = Set<Int>()
        for (index, id) in decision.order.enumerated() {
            if !members.contains(id) {
                problems.add("order[\(index)]", "error.draw.tieNotInGroup", ["entry": name(id), "group": groupName])
            } else if !seen.insert(id).inserted {
                problems.add("order[\(index)]", "error.draw.tieDuplicate", ["entry": name(id)])
            }
        }
        try problems.check()
        let open = base.ties.filter { $0.group == decision.group && $0.isOpen }
        for (index, id) in decision.order.enumerated() where !open.contains(where: { $0.entries.contains(id) }) {
            problems.add("order[\(index)]", "error.draw.tieNotTied", ["entry": name(id), "group": groupName])
        }
        try problems.check()
        let hit = open.filter { !Set($0.entries).isDisjoint(with: decision.order) }
        guard hit.count == 1, let tie = hit.first else {
            throw .invalid("order", "error.draw.tieMixed", ["group": groupName, "ranks": hit.map { "\($0.rank)" }.joined(separator: ", ")])
        }
        let missing = tie.entries.filter { !decision.order.contains($0) }
        if !missing.isEmpty {
            throw .invalid("order", "error.draw.tieIncomplete", ["missing": missing.map(name).joined(separator: ", "), "group": groupName,
                                                                 "from": "\(tie.ranks.lowerBound)", "to": "\(tie.ranks.upperBound)"])
        }
        let settled = try redrawn(tieDecisions: others + [decision])
        try checkKnockoutKept(settled, group: decision.group)
        return settled
    }

    /// The draw without the decision on the tie at `rank` of `group`, or without every decision on that group
    /// (stale ones too) when `rank` is nil. Refused once the knockout has a result if its entrants or seeds would change.
    public func withdrawingTie(group: Int, rank: Int? = nil) throws(PodiumError) -> HeadToHeadDraw {
        try checkTieGroup(group)
        let removed = tieDecisions.filter { decision in
            decision.group == group && (rank == nil || ties.contains { $0.decision == decision && $0.rank == rank })
        }
        guard !removed.isEmpty else {
            throw .notFound(LocalizedMessage("error.draw.noTieDecision", ["group": GroupsToKnockout.groupName(group - 1)]))
        }
        let withdrawn = try redrawn(tieDecisions: tieDecisions.filter { !removed.contains($0) })
        try checkKnockoutKept(withdrawn, group: group)
        return withdrawn
    }

    /// The open ties of one group (1-based).
    public func openTies(group: Int) -> [GroupTie] { openTies.filter { $0.group == group } }

    /// Refuses a group that cannot have a tie decision: not groups then knockout, or no such group.
    public func checkTieGroup(_ group: Int) throws(PodiumError) {
        guard structure == .groupsKnockout else { throw .conflict(LocalizedMessage("error.draw.tieNoGroups")) }
        guard group >= 1, group <= groups.count else {
            throw .notFound(LocalizedMessage("error.draw.noSuchGroup", ["group": "\(group)", "count": "\(groups.count)"]))
        }
    }

    /// Once the knockout has a result, the group places that seeded it are settled, decisions included.
    func checkKnockoutKept(_ changed: HeadToHeadDraw, group: Int) throws(PodiumError) {
        guard outcomes.keys.contains(where: { $0.stage == .knockout }), changed.bracket?.entrants != bracket?.entrants else { return }
        throw .conflict(LocalizedMessage("error.draw.tieKnockoutStarted", ["group": GroupsToKnockout.groupName(group - 1)]))
    }

    func redrawn(tieDecisions: [GroupTieDecision]) throws(PodiumError) -> HeadToHeadDraw {
        try HeadToHeadDraw(structure: structure, entrants: entrants, groups: groups, qualifiersPerGroup: qualifiersPerGroup,
                           thirdPlaceMatch: thirdPlaceMatch, rules: rules, outcomes: outcomes, tieDecisions: tieDecisions)
    }
}
