import Fluent
import PodiumCore

/// API tokens for machines. The secret is shown once; only its SHA-256 is kept.
struct TokenService {
    let db: any Database
    let clock: PodiumClock
    static let secretPrefix = "pdm_"

    func list() async throws -> [APITokenDTO] {
        try await APITokenModel.query(on: db).sort(\.$id, .descending).all().map(\.dto)
    }

    func create(_ input: TokenInput, by actor: Actor) async throws -> CreatedTokenDTO {
        var issues = ValidationCollector()
        let name = input.name.collapsingWhitespace
        if name.isEmpty { issues.add("name", "error.token.nameRequired") }
        if name.count > 100 { issues.add("name", "error.text.tooLong", ["max": "100"]) }
        let grant = RoleGrant(role: input.role, unitID: input.role.scopeKind == .unit ? input.unitId : nil,
                              programID: input.role.scopeKind == .program ? input.programId : nil)
        grant.issues.forEach { issues.add($0) }
        try await GrantScopes(db: db).check(grant, into: &issues)
        try issues.check()
        return try await db.transaction { tx in
            let secret = Secrets.token(prefix: Self.secretPrefix)
            let model = APITokenModel()
            model.name = name
            model.tokenHash = Secrets.sha256Hex(secret)
            model.tokenPrefix = String(secret.prefix(Self.secretPrefix.count + 6))
            model.role = grant.role.rawValue
            model.$unit.id = grant.unitID
            model.$program.id = grant.programID
            model.$createdBy.id = actor.kind == .user ? actor.id : nil
            try await model.create(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: "api_token", entityID: "\(model.id!)",
                                                            summary: name, before: Nothing?.none, after: model.dto)
            return CreatedTokenDTO(token: secret, info: model.dto)
        }
    }

    func revoke(_ id: Int, by actor: Actor) async throws -> APITokenDTO {
        try await db.transaction { tx in
            guard let model = try await APITokenModel.find(id, on: tx) else { throw PodiumError.notFound(LocalizedMessage("error.token.notFound")) }
            let before = model.dto
            guard model.revokedAt == nil else { return before }
            model.revokedAt = clock.now()
            try await model.update(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "revoke", entityType: "api_token", entityID: "\(id)",
                                                            summary: model.name, before: before, after: model.dto)
            return model.dto
        }
    }

    /// The actor behind a Bearer secret, or nil for an unknown or revoked one.
    func authenticate(_ secret: String) async throws -> Actor? {
        guard let model = try await APITokenModel.query(on: db).filter(\.$tokenHash == Secrets.sha256Hex(secret)).first(),
              model.revokedAt == nil, let role = Role(rawValue: model.role) else { return nil }
        let now = clock.now()
        // Record use at most once a minute: a chip reader posting every second should not write every time.
        if (model.lastUsedAt.map { now.timeIntervalSince($0) > 60 } ?? true) {
            model.lastUsedAt = now
            try await model.update(on: db)
        }
        return Actor(kind: .token, id: model.id, displayName: "token:\(model.name)",
                     grants: [RoleGrant(role: role, unitID: model.$unit.id, programID: model.$program.id)])
    }
}

/// Checks that a grant's unit or program exists and fits the role (a reviewer needs a recognition program).
struct GrantScopes {
    let db: any Database

    func check(_ grant: RoleGrant, into issues: inout ValidationCollector) async throws {
        if let unitID = grant.unitID, try await UnitModel.find(unitID, on: db) == nil {
            issues.add("unitId", "error.unit.notFound")
        }
        if let programID = grant.programID {
            if let program = try await ProgramModel.find(programID, on: db) {
                if grant.role == .reviewer, program.kind != ProgramKind.recognition.rawValue {
                    issues.add("programId", "error.grant.reviewerNeedsRecognition")
                }
            } else {
                issues.add("programId", "error.program.notFound")
            }
        }
    }
}
