import Fluent
import Foundation

final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "email") var email: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    /// Preferred interface language; nil follows the browser.
    @OptionalField(key: "language") var language: String?
    @Field(key: "is_active") var isActive: Bool
    /// The roster person this account belongs to, if linked: nominations check it against the nominee.
    @OptionalField(key: "person_id") var personID: Int?
    @Children(for: \.$user) var grants: [RoleGrantModel]
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "password_changed_at") var passwordChangedAt: Date?

    init() {}
}

final class RoleGrantModel: Model, @unchecked Sendable {
    static let schema = "role_grants"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "role") var role: String
    @OptionalParent(key: "unit_id") var unit: UnitModel?
    @OptionalParent(key: "program_id") var program: ProgramModel?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
