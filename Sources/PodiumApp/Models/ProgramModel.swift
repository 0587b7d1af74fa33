import Fluent
import Foundation

final class ProgramModel: Model, @unchecked Sendable {
    static let schema = "programs"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "kind") var kind: String
    @Field(key: "slug") var slug: String
    @OptionalField(key: "edition") var edition: Int?
    @Field(key: "name") var name: String
    @Field(key: "theme") var theme: String
    @Field(key: "start_date") var startDate: String
    @OptionalField(key: "end_date") var endDate: String?
    @Field(key: "venue") var venue: String
    @Field(key: "time_zone") var timeZone: String
    @Field(key: "status") var status: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
