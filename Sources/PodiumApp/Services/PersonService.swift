import Fluent
import PodiumCore

/// People: employees, family members, external participants.
struct PersonService {
    let db: any Database
    let clock: PodiumClock
    let today: CalendarDate

    struct Filter {
        var query: String = ""
        var unitID: Int?
        var kind: PersonKind?
        var status: EmployeeStatus?
        var page = 1
        var perPage = 50
    }

    func search(_ filter: Filter, visibleUnits: Set<Int>? = nil) async throws -> Page<PersonDTO> {
        let tree = try await UnitService(db: db, clock: clock).tree()
        let query = PersonModel.query(on: db)
        let text = filter.query.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
            let folded = text.lowercased()
            query.group(.or) {
                $0.filter(\.$nameFolded, .custom("LIKE"), "%\(escapeLike(folded))%")
                $0.filter(\.$employeeNumber == text)
            }
        }
        var units: Set<Int>? = filter.unitID.map { tree.subtree(of: $0) }
        if let visibleUnits {
            let allowed = visibleUnits.reduce(into: Set<Int>()) { $0.formUnion(tree.subtree(of: $1)) }
            units = units.map { $0.intersection(allowed) } ?? allowed
        }
        if let units {
            // Family members belong to their guardian's unit for visibility.
            let guardianIDs = try await PersonModel.query(on: db).filter(\.$unit.$id ~~ Array(units)).all(\.$id)
            query.group(.or) {
                $0.filter(\.$unit.$id ~~ Array(units))
                $0.filter(\.$guardian.$id ~~ guardianIDs.compactMap { $0 })
            }
        }
        if let kind = filter.kind { query.filter(\.$kind == kind.rawValue) }
        if let status = filter.status { query.filter(\.$status == status.rawValue) }
        let window = PageWindow(page: filter.page, perPage: filter.perPage, maxPerPage: 500)
        let total = try await query.count()
        let models = try await query.sort(\.$name).sort(\.$id).range(window.rows).all()
        return Page(items: models.map { $0.dto(tree: tree) }, total: total, page: window.page, perPage: window.perPage)
    }

    func get(_ id: Int) async throws -> PersonDTO {
        guard let model = try await PersonModel.find(id, on: db) else { throw PodiumError.notFound(LocalizedMessage("error.person.notFound")) }
        return model.dto(tree: try await UnitService(db: db, clock: clock).tree())
    }

    /// The unit a person counts under for scope checks: their own, or their guardian's.
    func scopeUnit(of id: Int) async throws -> Int? {
        guard let model = try await PersonModel.find(id, on: db) else { throw PodiumError.notFound(LocalizedMessage("error.person.notFound")) }
        if let unit = model.$unit.id { return unit }
        if let guardianID = model.$guardian.id { return try await PersonModel.find(guardianID, on: db)?.$unit.id }
        return nil
    }

    func create(_ input: PersonInput, by actor: Actor) async throws -> PersonDTO {
        try await db.transaction { tx in
            let draft = input.draft
            try await validate(draft, personID: nil, on: tx)
            let model = PersonModel()
            model.apply(draft)
            model.version = 1
            try await model.create(on: tx)
            let dto = model.dto(tree: try await UnitService(db: tx, clock: clock).tree())
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: "person", entityID: "\(dto.id)",
                                                            summary: dto.name, before: Nothing?.none, after: dto)
            return dto
        }
    }

    func update(_ id: Int, _ input: PersonInput, by actor: Actor) async throws -> PersonDTO {
        try await db.transaction { tx in
            guard let model = try await PersonModel.find(id, on: tx) else { throw PodiumError.notFound(LocalizedMessage("error.person.notFound")) }
            let tree = try await UnitService(db: tx, clock: clock).tree()
            let before = model.dto(tree: tree)
            let draft = input.draft
            try await validate(draft, personID: id, on: tx)
            try await VersionGuard.bump(PersonModel.schema, id: id, expected: input.version, on: tx)
            model.apply(draft)
            model.version = before.version + 1
            try await model.update(on: tx)
            let after = model.dto(tree: tree)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: "person", entityID: "\(id)",
                                                            summary: after.name, before: before, after: after)
            return after
        }
    }

    private func validate(_ draft: PersonDraft, personID: Int?, on tx: any Database) async throws {
        var guardianIsEmployee: Bool?
        var issues = ValidationCollector()
        if let guardianID = draft.guardianID, draft.kind == .family {
            if guardianID == personID {
                issues.add("guardianId", "error.person.guardianSelf")
            } else if let guardian = try await PersonModel.find(guardianID, on: tx) {
                guardianIsEmployee = guardian.kind == PersonKind.employee.rawValue
            } else {
                issues.add("guardianId", "error.person.guardianNotFound", ["id": "\(guardianID)"])
            }
        }
        for issue in draft.issues(today: today, guardianIsEmployee: guardianIsEmployee) { issues.add(issue) }
        if let unitID = draft.unitID, try await UnitModel.find(unitID, on: tx) == nil {
            issues.add("unitId", "error.unit.notFound")
        }
        if let number = draft.employeeNumber {
            let clash = try await PersonModel.query(on: tx).filter(\.$employeeNumber == number).first()
            if let clash, clash.id != personID {
                issues.add("employeeNumber", "error.person.employeeNumberTaken", ["value": number, "name": clash.name])
            }
        }
        try issues.check()
    }

    private func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "")
    }

    /// The employee typed as an employee number or a full name: one match, or a message saying why not.
    func findEmployeeID(typed text: String) async throws -> Int {
        let typed = text.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { throw PodiumError.invalid("nominee", "error.nomination.personRequired") }
        if let byNumber = try await PersonModel.query(on: db).filter(\.$employeeNumber == typed).first() { return byNumber.id! }
        let byName = try await PersonModel.query(on: db).filter(\.$nameFolded == typed.lowercased())
            .filter(\.$kind == PersonKind.employee.rawValue).limit(6).all()
        if byName.count == 1 { return byName[0].id! }
        if byName.isEmpty { throw PodiumError.invalid("nominee", "error.nomination.noMatch", ["text": typed]) }
        throw PodiumError.invalid("nominee", "error.nomination.severalMatch",
                                  ["text": typed, "numbers": byName.compactMap(\.employeeNumber).joined(separator: ", ")])
    }
}
