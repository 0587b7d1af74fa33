import Foundation

/// A run-off among tied nominees: its own round of approval ballots, and how it came out.
public struct RunOff: Sendable, Hashable, Codable {
    public let round: Int
    public let candidates: Set<Int>
    public let tally: Tally

    public init(round: Int, candidates: Set<Int>, tally: Tally) {
        self.round = round
        self.candidates = candidates
        self.tally = tally
    }
}

/// The chair's recorded order of tied nominees, best first, with the reason given.
public struct ChairDecision: Sendable, Hashable, Codable {
    public let order: [Int]
    public let reason: String

    public init(order: [Int], reason: String) {
        self.order = order
        self.reason = reason
    }
}

/// Who gets the awards of a category: the tally order, tie settlements, and the quotas.
public struct AwardProposal: Sendable, Equatable {
    public let winners: [Int]
    /// A tie across the last seats that a run-off or the chair must settle before the decision.
    public let pendingTie: PendingTie?
    /// Passed over because their organization had used its quota.
    public let skippedForUnitQuota: [Int]
    /// Seats left empty for want of judged nominees.
    public let unfilledSeats: Int

    public struct PendingTie: Sendable, Equatable {
        public let candidates: [Int]
        public let seats: Int
    }

    public struct Input: Sendable {
        public let tally: Tally
        public let seats: Int
        public let perUnitQuota: Int?
        /// The organization each nomination counts against.
        public let quotaUnit: [Int: Int]
        /// Nominations that can no longer win: withdrawn, ruled ineligible, or revoked after an objection.
        public let excluded: Set<Int>
        public let runOffs: [RunOff]
        public let chairDecisions: [ChairDecision]

        public init(tally: Tally, seats: Int, perUnitQuota: Int?, quotaUnit: [Int: Int], excluded: Set<Int> = [],
                    runOffs: [RunOff] = [], chairDecisions: [ChairDecision] = []) {
            self.tally = tally
            self.seats = seats
            self.perUnitQuota = perUnitQuota
            self.quotaUnit = quotaUnit
            self.excluded = excluded
            self.runOffs = runOffs
            self.chairDecisions = chairDecisions
        }
    }

    public static func make(_ input: Input) -> AwardProposal {
        var builder = Builder(input: input)
        let groups = input.tally.scoreGroups.map { $0.filter { !input.excluded.contains($0) } }.filter { !$0.isEmpty }
        builder.fill(groups, afterRound: 1)
        let unfilled = builder.pendingTie == nil ? max(0, input.seats - builder.winners.count) : 0
        return AwardProposal(winners: builder.winners, pendingTie: builder.pendingTie,
                             skippedForUnitQuota: builder.skipped, unfilledSeats: unfilled)
    }

    /// How a set of tied nominees is ordered by the settlements on record: the chair's decision if there is one,
    /// else the first run-off held on exactly that set after `round`. Nil when nothing settles it.
    public static func settle(_ group: Set<Int>, afterRound round: Int, runOffs: [RunOff],
                              chairDecisions: [ChairDecision]) -> (groups: [[Int]], round: Int)? {
        if let chair = chairDecisions.last(where: { Set($0.order) == group }) { return (chair.order.map { [$0] }, Int.max) }
        // A run-off that tied everyone again settles nothing; a later one on the same set may.
        for runOff in runOffs.sorted(by: { $0.round < $1.round }) where runOff.round > round && runOff.candidates == group {
            var groups = runOff.tally.scoreGroups
            let unjudged = group.subtracting(groups.flatMap { $0 })
            if !unjudged.isEmpty { groups.append(unjudged.sorted()) }
            if groups.count > 1 { return (groups, runOff.round) }
        }
        return nil
    }

    private struct Builder {
        let input: AwardProposal.Input
        var winners: [Int] = []
        var skipped: [Int] = []
        var pendingTie: PendingTie?
        var perUnit: [Int: Int] = [:]

        init(input: AwardProposal.Input) { self.input = input }

        var seatsLeft: Int { input.seats - winners.count }

        func hasRoom(_ id: Int) -> Bool {
            guard let quota = input.perUnitQuota, let unit = input.quotaUnit[id] else { return true }
            return perUnit[unit, default: 0] < quota
        }

        /// True when taking the whole group would put some organization over its quota.
        func overfillsAUnit(_ group: [Int]) -> Bool {
            guard let quota = input.perUnitQuota else { return false }
            var counts = perUnit
            for id in group { if let unit = input.quotaUnit[id] { counts[unit, default: 0] += 1 } }
            return counts.values.contains { $0 > quota }
        }

        mutating func take(_ id: Int) {
            winners.append(id)
            if let unit = input.quotaUnit[id] { perUnit[unit, default: 0] += 1 }
        }

        mutating func fill(_ groups: [[Int]], afterRound round: Int) {
            for group in groups {
                guard pendingTie == nil, seatsLeft > 0 else { return }
                let open = group.filter { hasRoom($0) }
                skipped += group.filter { !hasRoom($0) }
                if open.isEmpty { continue }
                if open.count == 1 || (open.count <= seatsLeft && !overfillsAUnit(open)) {
                    open.forEach { take($0) }
                    continue
                }
                guard let settled = AwardProposal.settle(Set(open), afterRound: round, runOffs: input.runOffs,
                                                         chairDecisions: input.chairDecisions) else {
                    pendingTie = PendingTie(candidates: open, seats: seatsLeft)
                    return
                }
                fill(settled.groups, afterRound: settled.round)
            }
        }
    }
}
