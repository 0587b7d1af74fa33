import Fluent
import Foundation

/// A machine's credential (timing device, integration), sent as `Authorization: Bearer`.
final class APITokenModel: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    /// The first characters, shown in lists so an administrator can tell tokens apart.
    @Field(key: "token_prefix") var tokenPrefix: String
    @Field(key: "role") var role: String
    @OptionalParent(key: "unit_id") var unit: UnitModel?
    @OptionalParent(key: "program_id") var program: ProgramModel?
    @OptionalParent(key: "created_by_id") var createdBy: UserModel?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}
}
