import Fluent
import PodiumCore

/// Programs (games, relay, recognition) and their status lifecycle.
struct ProgramService {
    let db: any Database
    let clock: PodiumClock

    func list(publicOnly: Bool) async throws -> [ProgramDTO] {
        let query = ProgramModel.query(on: db)
        if publicOnly { query.filter(\.$status != ProgramStatus.draft.rawValue) }
        return try await query.sort(\.$startDate, .descending).sort(\.$id, .descending).all().map(\.dto)
    }

    func get(_ id: Int) async throws -> ProgramDTO {
        guard let model = try await ProgramModel.find(id, on: db) else { throw PodiumError.notFound(LocalizedMessage("error.program.notFound")) }
        return model.dto
    }

    func get(slug: String) async throws -> ProgramDTO {
        guard let model = try await ProgramModel.query(on: db).filter(\.$slug == slug).first() else {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        return model.dto
    }

    func create(_ input: ProgramInput, by actor: Actor) async throws -> ProgramDTO {
        try await db.transaction { tx in
            let draft = input.draft
            try await validate(draft, programID: nil, on: tx)
            let model = ProgramModel()
            model.apply(draft)
            model.status = ProgramStatus.draft.rawValue
            model.version = 1
            try await model.create(on: tx)
            let dto = model.dto
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: "program", entityID: "\(dto.id)",
                                                            summary: dto.name, before: Nothing?.none, after: dto)
            return dto
        }
    }

    func update(_ id: Int, _ input: ProgramInput, by actor: Actor) async throws -> ProgramDTO {
        try await db.transaction { tx in
            guard let model = try await ProgramModel.find(id, on: tx) else { throw PodiumError.notFound(LocalizedMessage("error.program.notFound")) }
            let before = model.dto
            let draft = input.draft
            var issues = draft.issues()
            if draft.kind != before.kind {
                issues.append(FieldIssue("kind", "error.program.kindFixed"))
            }
            try await validate(draft, programID: id, on: tx, extra: issues)
            try await VersionGuard.bump(ProgramModel.schema, id: id, expected: input.version, on: tx)
            model.apply(draft)
            model.version = before.version + 1
            try await model.update(on: tx)
            let after = model.dto
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: "program", entityID: "\(id)",
                                                            summary: after.name, before: before, after: after)
            return after
        }
    }

    func changeStatus(_ id: Int, to status: ProgramStatus, expectedVersion: Int, by actor: Actor) async throws -> ProgramDTO {
        try await db.transaction { tx in
            guard let model = try await ProgramModel.find(id, on: tx) else { throw PodiumError.notFound(LocalizedMessage("error.program.notFound")) }
            let before = model.dto
            try ProgramTransition.check(from: before.status, to: status)
            try await VersionGuard.bump(ProgramModel.schema, id: id, expected: expectedVersion, on: tx)
            model.status = status.rawValue
            model.version = before.version + 1
            try await model.update(on: tx)
            let after = model.dto
            try await AuditLog(db: tx, clock: clock).record(actor, action: "status", entityType: "program", entityID: "\(id)",
                                                            summary: "\(before.status.rawValue) → \(status.rawValue)", before: before, after: after)
            return after
        }
    }

    private func validate(_ draft: ProgramDraft, programID: Int?, on tx: any Database, extra: [FieldIssue]? = nil) async throws {
        var issues = extra ?? draft.issues()
        if Slug.issue(for: draft.slug) == nil,
           let clash = try await ProgramModel.query(on: tx).filter(\.$slug == draft.slug).first(), clash.id != programID {
            issues.append(FieldIssue("slug", "error.program.slugTaken", ["value": draft.slug]))
        }
        if !issues.isEmpty { throw PodiumError.validation(issues) }
    }
}
