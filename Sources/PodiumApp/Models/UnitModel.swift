import Fluent
import Foundation

final class UnitModel: Model, @unchecked Sendable {
    static let schema = "units"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @OptionalParent(key: "parent_id") var parent: UnitModel?
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @OptionalField(key: "code") var code: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
