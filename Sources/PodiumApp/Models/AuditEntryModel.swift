import Fluent
import Foundation

/// One recorded write: who, when, what, before, after, why. Written in the same transaction as the change.
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "at") var at: Date
    @Field(key: "actor_kind") var actorKind: String
    @OptionalField(key: "actor_id") var actorID: Int?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var action: String
    @Field(key: "entity_type") var entityType: String
    @Field(key: "entity_id") var entityID: String
    @Field(key: "summary") var summary: String
    /// JSON of the entity before the write; nil for a creation.
    @OptionalField(key: "before") var before: String?
    /// JSON of the entity after the write; nil for a deletion.
    @OptionalField(key: "after") var after: String?
    @OptionalField(key: "reason") var reason: String?

    init() {}
}

/// A sign-in attempt, kept to slow down guessing across every node that shares the database.
final class LoginAttemptModel: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "email") var email: String
    @Field(key: "client_address") var clientAddress: String
    @Field(key: "at") var at: Date
    @Field(key: "succeeded") var succeeded: Bool

    init() {}
}
