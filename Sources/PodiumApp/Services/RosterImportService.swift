import Fluent
import Foundation
import PodiumCore

/// Imports an HR roster: parse and check every row (PodiumCore), create missing units, upsert people
/// by employee number, all in one transaction. Rejected rows are reported and never written.
struct RosterImportService {
    let db: any Database
    let clock: PodiumClock
    let today: CalendarDate

    struct Report: Sendable {
        var imported = 0
        var updated = 0
        var unchanged = 0
        var unitsCreated = 0
        var rejections: [RosterRejection] = []
        var ignoredColumns: [String] = []

        var summaryLine: String {
            "imported \(imported), updated \(updated), unchanged \(unchanged), rejected \(rejections.count)"
        }
    }

    func run(_ data: Data, fileName: String, by actor: Actor) async throws -> Report {
        let parsed = try RosterParser.parse(data, today: today)
        let initial = Report(rejections: parsed.rejections, ignoredColumns: parsed.ignoredColumns)
        guard !parsed.rows.isEmpty else { return initial }
        return try await db.transaction { tx in
            var report = initial
            let audit = AuditLog(db: tx, clock: clock)
            let unitIDs = try await ensureUnits(for: Set(parsed.rows.map(\.unitPath)), on: tx, audit: audit, actor: actor, report: &report)
            let existing = try await existingPeople(numbers: parsed.rows.map(\.employeeNumber), on: tx)
            let tree = UnitTree(try await UnitModel.query(on: tx).all().compactMap(\.node))
            for action in RosterPlanner.plan(rows: parsed.rows, existing: existing.mapValues(\.snapshot), unitIDs: unitIDs) {
                switch action {
                case .unchanged:
                    report.unchanged += 1
                case .insert(let row):
                    let model = PersonModel()
                    model.apply(row.draft(unitID: unitIDs[row.unitPath]))
                    model.version = 1
                    try await model.create(on: tx)
                    let dto = model.dto(tree: tree)
                    try await audit.record(actor, action: "import", entityType: "person", entityID: "\(dto.id)", summary: dto.name,
                                           before: Nothing?.none, after: dto, reason: "roster \(fileName) line \(row.line)")
                    report.imported += 1
                case .update(let row, _):
                    guard let model = existing[row.employeeNumber]?.model else { continue }
                    let before = model.dto(tree: tree)
                    model.apply(row.draft(unitID: unitIDs[row.unitPath], keepingHireDate: before.hireDate))
                    model.version = before.version + 1
                    try await model.update(on: tx)
                    let after = model.dto(tree: tree)
                    try await audit.record(actor, action: "import", entityType: "person", entityID: "\(after.id)", summary: after.name,
                                           before: before, after: after, reason: "roster \(fileName) line \(row.line)")
                    report.updated += 1
                }
            }
            return report
        }
    }

    /// Resolves each unit path, creating the missing units once even when many paths share them.
    private func ensureUnits(for paths: Set<[String]>, on tx: any Database, audit: AuditLog, actor: Actor,
                             report: inout Report) async throws -> [[String]: Int] {
        let nodes = try await UnitModel.query(on: tx).all().compactMap(\.node)
        let resolutions = UnitPathResolver.resolveAll(paths, in: nodes)
        var created: [String: Int] = [:]
        var result: [[String]: Int] = [:]
        for path in paths.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            guard let resolution = resolutions[path] else { continue }
            var parentID = resolution.existingID
            for unit in resolution.toCreate {
                let key = "\(parentID.map(String.init) ?? "root")|\(unit.name.lowercased())"
                if let id = created[key] {
                    parentID = id
                    continue
                }
                let model = UnitModel()
                model.$parent.id = parentID
                model.name = unit.name
                model.kind = unit.kind.rawValue
                model.version = 1
                try await model.create(on: tx)
                created[key] = model.id!
                parentID = model.id!
                report.unitsCreated += 1
                try await audit.record(actor, action: "import", entityType: "unit", entityID: "\(model.id!)", summary: unit.name,
                                       before: Nothing?.none, after: ["name": unit.name, "kind": unit.kind.rawValue],
                                       reason: "created for roster path \(path.joined(separator: "/"))")
            }
            if let parentID { result[path] = parentID }
        }
        return result
    }

    private func existingPeople(numbers: [String], on tx: any Database) async throws -> [String: (model: PersonModel, snapshot: PersonSnapshot)] {
        var found: [String: (PersonModel, PersonSnapshot)] = [:]
        let unique = Array(Set(numbers))
        for start in stride(from: 0, to: unique.count, by: 500) {
            let chunk = Array(unique[start..<min(start + 500, unique.count)])
            for model in try await PersonModel.query(on: tx).filter(\.$employeeNumber ~~ chunk).all() {
                guard let number = model.employeeNumber else { continue }
                let snapshot = PersonSnapshot(
                    employeeNumber: number, name: model.name, gender: model.gender.flatMap(Gender.init(rawValue:)),
                    birthDate: model.birthDate.flatMap(CalendarDate.init(parsing:)), unitID: model.$unit.id,
                    status: EmployeeStatus(rawValue: model.status) ?? .active, kind: PersonKind(rawValue: model.kind) ?? .employee,
                    hireDate: model.hireDate.flatMap(CalendarDate.init(parsing:)))
                found[number] = (model, snapshot)
            }
        }
        return found
    }
}

extension RosterRow {
    /// The person the row describes. A row without a hire date keeps the one already recorded.
    func draft(unitID: Int?, keepingHireDate recorded: CalendarDate? = nil) -> PersonDraft {
        PersonDraft(kind: .employee, employeeNumber: employeeNumber, name: name, gender: gender, birthDate: birthDate,
                    unitID: unitID, status: status, hireDate: hireDate ?? recorded)
    }
}
