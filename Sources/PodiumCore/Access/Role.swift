/// What a signed-in user or a machine token may do. Scoped roles carry the unit or program they apply to.
public enum Role: String, Sendable, Codable, CaseIterable {
    case administrator, organizer
    /// Scoped to a unit: registers and manages that unit's team.
    case teamLeader = "team_leader"
    /// Scoped to a program: enters results or timing for its events.
    case official
    /// Scoped to a recognition program: scores the nominations assigned to them.
    case reviewer

    public enum ScopeKind: Sendable { case none, unit, program }

    public var scopeKind: ScopeKind {
        switch self {
        case .administrator, .organizer: return .none
        case .teamLeader: return .unit
        case .official, .reviewer: return .program
        }
    }

    public var localizationKey: String { "role.\(rawValue)" }
}

/// One role held by an actor, with its scope when the role needs one.
public struct RoleGrant: Sendable, Hashable, Codable {
    public let role: Role
    public let unitID: Int?
    public let programID: Int?

    public init(role: Role, unitID: Int? = nil, programID: Int? = nil) {
        self.role = role
        self.unitID = unitID
        self.programID = programID
    }

    /// Checks the grant has exactly the scope its role needs.
    public var issues: [FieldIssue] {
        switch role.scopeKind {
        case .none:
            return []
        case .unit:
            return unitID == nil ? [FieldIssue("unitId", "error.grant.unitRequired", ["role": role.rawValue])] : []
        case .program:
            return programID == nil ? [FieldIssue("programId", "error.grant.programRequired", ["role": role.rawValue])] : []
        }
    }
}
