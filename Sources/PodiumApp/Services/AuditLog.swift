import Fluent
import Foundation
import PodiumCore
import SQLKit

/// Writes the audit trail. Call it with the transaction's database so the entry and the change
/// commit or fail together.
struct AuditLog {
    let db: any Database
    let clock: PodiumClock

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    func record<Before: Encodable, After: Encodable>(
        _ actor: Actor, action: String, entityType: String, entityID: String, summary: String,
        before: Before?, after: After?, reason: String? = nil
    ) async throws {
        let entry = AuditEntryModel()
        entry.at = clock.now()
        entry.actorKind = actor.kind.rawValue
        entry.actorID = actor.id
        entry.actorName = actor.displayName
        entry.action = action
        entry.entityType = entityType
        entry.entityID = entityID
        entry.summary = String(summary.prefix(250))
        entry.before = try before.map { String(decoding: try Self.encoder.encode($0), as: UTF8.self) }
        entry.after = try after.map { String(decoding: try Self.encoder.encode($0), as: UTF8.self) }
        entry.reason = reason
        try await entry.create(on: db)
        // Every audited write may change a public page: tell the other processes, once this transaction commits.
        if let sql = db as? any SQLDatabase { try await LiveListener.notify(on: sql) }
    }
}

/// For audit calls that have nothing on one side (a creation has no before).
struct Nothing: Encodable {}
