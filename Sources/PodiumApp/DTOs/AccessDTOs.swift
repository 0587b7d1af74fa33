import PodiumCore
import Vapor

struct GrantDTO: Content, Equatable {
    let role: Role
    let unitId: Int?
    let programId: Int?

    init(_ grant: RoleGrant) {
        role = grant.role
        unitId = grant.unitID
        programId = grant.programID
    }

    var grant: RoleGrant { RoleGrant(role: role, unitID: unitId, programID: programId) }
}

struct UserDTO: Content, Equatable {
    let id: Int
    let email: String
    let displayName: String
    let language: Language?
    let isActive: Bool
    let grants: [GrantDTO]
    /// The roster person this account belongs to, if linked.
    let personId: Int?
}

struct UserInput: Content {
    var email: String
    var displayName: String
    var password: String?
    var isActive: Bool?
    var grants: [GrantDTO]
    /// Links the account to its owner on the roster (by id or employee number), so they cannot nominate themselves.
    var personId: Int?
    var employeeNumber: String?
}

struct MeDTO: Content {
    let kind: String
    let id: Int?
    let name: String
    let grants: [GrantDTO]
}

struct APITokenDTO: Content, Equatable {
    let id: Int
    let name: String
    let prefix: String
    let role: Role
    let unitId: Int?
    let programId: Int?
    let createdAt: Date?
    let lastUsedAt: Date?
    let revokedAt: Date?
}

/// Returned once, at creation: the only time the secret is ever shown.
struct CreatedTokenDTO: Content {
    let token: String
    let info: APITokenDTO
}

struct TokenInput: Content {
    var name: String
    var role: Role
    var unitId: Int?
    var programId: Int?
}

struct AuditEntryDTO: Content {
    let id: Int
    let at: Date
    let actorKind: String
    let actorId: Int?
    let actorName: String
    let action: String
    let entityType: String
    let entityId: String
    let summary: String
    let before: String?
    let after: String?
    let reason: String?
}
