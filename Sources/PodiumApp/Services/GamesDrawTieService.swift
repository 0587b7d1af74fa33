import Fluent
import Foundation
import PodiumCore

/// Ties left open by every tie-break in a group feeding a knockout: settled by drawing lots (typed in, or
/// drawn by the app) or by the referee, and withdrawn. Stored with the draw under its version guard, audited.
extension GamesDrawService {
    /// Settles the open tie of `group` (1-based) in the order given, or, for lots without an order, in an order
    /// the app draws from `seed`. Replaces an earlier decision on the same entries.
    func decideTie(programID: Int, eventID: Int, group: Int, _ input: GroupTieInput, seed: UInt64, by actor: Actor) async throws -> Loaded {
        try await db.transaction { tx in
            let event = try await event(programID: programID, eventID: eventID, on: tx)
            guard let loaded = try await load(event: event, on: tx) else {
                throw PodiumError.conflict(LocalizedMessage("error.draw.none", ["event": event.name]))
            }
            let draw = loaded.draw
            try draw.checkTieGroup(group)
            let groupName = GroupsToKnockout.groupName(group - 1)
            var problems = ValidationCollector()
            let method: GroupTieMethod?
            switch input.method?.trimmingCharacters(in: .whitespaces) ?? "" {
            case "": method = nil; problems.add("method", "error.draw.tieMethodRequired")
            case let text:
                method = GroupTieMethod(rawValue: text)
                if method == nil { problems.add("method", "error.draw.tieMethod", ["value": text]) }
            }
            if input.version == nil { problems.add("version", "error.version.required") }
            try problems.check()
            var drawnBy: UInt64?
            let decision: GroupTieDecision
            if let order = input.order, !order.isEmpty {
                decision = GroupTieDecision(group: group, order: order, method: method!)
            } else if method == .lots {
                guard draw.groupComplete(group) else {
                    throw PodiumError.conflict(LocalizedMessage("error.draw.tieGroupUnfinished", ["group": groupName]))
                }
                let open = draw.openTies(group: group)
                let tie: GroupTie
                if let rank = input.rank {
                    guard let found = open.first(where: { $0.rank == rank }) else {
                        throw PodiumError.invalid("rank", "error.draw.tieNoneAtRank", ["group": groupName, "rank": "\(rank)"])
                    }
                    tie = found
                } else {
                    guard let only = open.first else { throw PodiumError.conflict(LocalizedMessage("error.draw.tieNoneOpen", ["group": groupName])) }
                    guard open.count == 1 else {
                        throw PodiumError.invalid("rank", "error.draw.tieWhich", ["group": groupName, "ranks": open.map { "\($0.rank)" }.joined(separator: ", ")])
                    }
                    tie = only
                }
                decision = GroupTieDecision.drawingLots(group: group, entries: tie.entries, seed: seed)
                drawnBy = seed
            } else {
                throw PodiumError.invalid("order", "error.draw.tieOrderEmpty")
            }
            let name: (Int) -> String = { loaded.entrants[$0]?.label ?? "\($0)" }
            let settled = try draw.settlingTie(decision, name: name)
            let before = draw.tieDecisions.filter { $0.group == group && !Set($0.order).isDisjoint(with: decision.order) }
            try await store(settled.tieDecisions, loaded: loaded, version: input.version, on: tx)
            let after = Self.summary(decision, loaded, seed: drawnBy)
            try await AuditLog(db: tx, clock: clock).record(actor, action: before.isEmpty ? "create" : "update", entityType: "groupTie",
                                                            entityID: "\(eventID):g\(group)",
                                                            summary: "\(event.name) \(groupName): \(after.order.joined(separator: " > ")) (\(decision.method.rawValue))",
                                                            before: before.first.map { Self.summary($0, loaded, seed: nil) }, after: after)
            return try await load(event: event, on: tx)!
        }
    }

    /// Withdraws the decision on the tie at `rank` of `group`, or every decision on the group when `rank` is nil.
    func withdrawTie(programID: Int, eventID: Int, group: Int, rank: Int?, version: Int?, by actor: Actor) async throws -> Loaded {
        try await db.transaction { tx in
            let event = try await event(programID: programID, eventID: eventID, on: tx)
            guard let loaded = try await load(event: event, on: tx) else {
                throw PodiumError.conflict(LocalizedMessage("error.draw.none", ["event": event.name]))
            }
            guard let version else { throw PodiumError.invalid("version", "error.version.required") }
            let withdrawn = try loaded.draw.withdrawingTie(group: group, rank: rank)
            let removed = loaded.draw.tieDecisions.filter { !withdrawn.tieDecisions.contains($0) }
            try await store(withdrawn.tieDecisions, loaded: loaded, version: version, on: tx)
            let groupName = GroupsToKnockout.groupName(group - 1)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: "groupTie", entityID: "\(eventID):g\(group)",
                                                            summary: "\(event.name) \(groupName)",
                                                            before: removed.map { Self.summary($0, loaded, seed: nil) }, after: Nothing?.none)
            return try await load(event: event, on: tx)!
        }
    }

    private func store(_ decisions: [GroupTieDecision], loaded: Loaded, version: Int?, on tx: any Database) async throws {
        try await VersionGuard.bump(GamesDrawModel.schema, id: loaded.model.id!, expected: version, on: tx)
        let model = loaded.model
        model.groupTies = decisions.isEmpty ? nil : String(decoding: try JSONEncoder().encode(decisions), as: UTF8.self)
        model.version = version! + 1
        try await model.save(on: tx)
    }

    struct TieSummary: Codable {
        let group: Int
        let method: String
        /// Best first, as labels.
        let order: [String]
        let entryIds: [Int]
        /// The seed of lots drawn by the app, so the draw can be repeated.
        let seed: String?
    }

    static func summary(_ decision: GroupTieDecision, _ loaded: Loaded, seed: UInt64?) -> TieSummary {
        TieSummary(group: decision.group, method: decision.method.rawValue, order: decision.order.map { loaded.entrants[$0]?.label ?? "\($0)" },
                   entryIds: decision.order, seed: seed.map(String.init))
    }
}
