import Fluent
import PodiumCore

/// Units of the organization tree: listing, creating, renaming and moving, with audit.
struct UnitService {
    let db: any Database
    let clock: PodiumClock

    func tree() async throws -> UnitTree {
        UnitTree(try await UnitModel.query(on: db).all().compactMap(\.node))
    }

    func all() async throws -> [UnitDTO] {
        let models = try await UnitModel.query(on: db).sort(\.$name).all()
        let tree = UnitTree(models.compactMap(\.node))
        return models.map { $0.dto(tree: tree) }.sorted { $0.path.lexicographicallyPrecedes($1.path) }
    }

    func get(_ id: Int) async throws -> UnitDTO {
        guard let model = try await UnitModel.find(id, on: db) else { throw PodiumError.notFound(LocalizedMessage("error.unit.notFound")) }
        return model.dto(tree: try await tree())
    }

    func create(_ input: UnitInput, by actor: Actor) async throws -> UnitDTO {
        try await db.transaction { tx in
            let service = UnitService(db: tx, clock: clock)
            let tree = try await service.tree()
            try service.validate(input, unitID: nil, tree: tree)
            let model = UnitModel()
            model.$parent.id = input.parentId
            model.name = input.name.collapsingWhitespace
            model.kind = input.kind.rawValue
            model.code = input.code?.trimmingCharacters(in: .whitespaces).nilIfEmpty
            model.version = 1
            try await model.create(on: tx)
            let dto = model.dto(tree: try await service.tree())
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: "unit", entityID: "\(dto.id)",
                                                            summary: dto.path.joined(separator: " / "), before: Nothing?.none, after: dto)
            return dto
        }
    }

    func update(_ id: Int, _ input: UnitInput, by actor: Actor) async throws -> UnitDTO {
        try await db.transaction { tx in
            let service = UnitService(db: tx, clock: clock)
            guard let model = try await UnitModel.find(id, on: tx) else { throw PodiumError.notFound(LocalizedMessage("error.unit.notFound")) }
            let tree = try await service.tree()
            let before = model.dto(tree: tree)
            try service.validate(input, unitID: id, tree: tree)
            try await VersionGuard.bump(UnitModel.schema, id: id, expected: input.version, on: tx)
            model.$parent.id = input.parentId
            model.name = input.name.collapsingWhitespace
            model.kind = input.kind.rawValue
            model.code = input.code?.trimmingCharacters(in: .whitespaces).nilIfEmpty
            model.version = before.version + 1
            try await model.update(on: tx)
            let after = model.dto(tree: try await service.tree())
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: "unit", entityID: "\(id)",
                                                            summary: after.path.joined(separator: " / "), before: before, after: after)
            return after
        }
    }

    /// Field problems of a unit: a name, a parent that exists and accepts this kind, no cycle, no twin sibling.
    func validate(_ input: UnitInput, unitID: Int?, tree: UnitTree) throws {
        var issues = ValidationCollector()
        let name = input.name.collapsingWhitespace
        if name.isEmpty { issues.add("name", "error.unit.nameRequired") }
        if name.count > 100 { issues.add("name", "error.unit.nameTooLong", ["max": "100"]) }
        if let parentID = input.parentId {
            if let parent = tree.nodes[parentID] {
                if !parent.kind.allowedChildKinds.contains(input.kind) {
                    issues.add("kind", "error.unit.kindNotAllowed", ["kind": input.kind.rawValue, "parentKind": parent.kind.rawValue])
                }
                if let unitID, tree.wouldCreateCycle(moving: unitID, under: parentID) {
                    issues.add("parentId", "error.unit.cycle")
                }
            } else {
                issues.add("parentId", "error.unit.parentNotFound", ["id": "\(parentID)"])
            }
        } else if input.kind == .department {
            issues.add("parentId", "error.unit.departmentNeedsParent")
        }
        let folded = name.lowercased()
        let twin = tree.children(of: input.parentId).contains { $0.id != unitID && $0.name.lowercased() == folded }
        if twin, !name.isEmpty { issues.add("name", "error.unit.duplicateName", ["name": name]) }
        try issues.check()
    }
}
