import Fluent

/// The day a person joined, for award eligibility by years of service. ISO `YYYY-MM-DD`, like birth dates.
struct M013_UpdatePeopleAddHireDate: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("people").field("hire_date", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people").deleteField("hire_date").update()
    }
}
