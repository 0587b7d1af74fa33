import Fluent
import Foundation

final class PersonModel: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "employee_number") var employeeNumber: String?
    @Field(key: "name") var name: String
    /// Lowercased name for case-insensitive search on both databases.
    @Field(key: "name_folded") var nameFolded: String
    @OptionalField(key: "gender") var gender: String?
    /// ISO `YYYY-MM-DD`: the same text on SQLite and PostgreSQL.
    @OptionalField(key: "birth_date") var birthDate: String?
    @OptionalParent(key: "unit_id") var unit: UnitModel?
    @Field(key: "status") var status: String
    @OptionalParent(key: "guardian_id") var guardian: PersonModel?
    /// ISO `YYYY-MM-DD`; service years for award eligibility count from it.
    @OptionalField(key: "hire_date") var hireDate: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
