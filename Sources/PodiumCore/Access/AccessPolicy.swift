/// The actions guarded by roles. Each route names one; the policy decides.
public enum Permission: Sendable, Equatable {
    /// Users, role grants, API tokens, the audit log.
    case administer
    /// Units, people, roster import, programs: the organizers' work.
    case manageOrganization
    case managePrograms
    /// Read a person or a unit's people; team leaders see their own unit's subtree.
    case viewUnit(Int)
    /// Register entries for the team of a unit: its team leaders (of it or a unit above it) and organizers.
    case enterTeam(unitID: Int)
    /// Browse all people and units (the admin directory).
    case viewDirectory
    /// Enter results or timing for a program.
    case officiate(programID: Int)
    /// Review nominations of a recognition program.
    case review(programID: Int)
    /// Any signed-in back-office page (dashboard, own account).
    case useBackOffice
}

/// Decides whether an actor holds a permission. Pure, so every rule is tested without a server.
public struct AccessPolicy: Sendable {
    public let tree: UnitTree?

    /// `tree` is needed only for unit-scoped checks.
    public init(tree: UnitTree? = nil) {
        self.tree = tree
    }

    public func allows(_ actor: Actor, _ permission: Permission) -> Bool {
        guard actor.isAuthenticated else { return false }
        if actor.isAdministrator { return true }
        switch permission {
        case .administer:
            return false
        case .manageOrganization, .managePrograms, .viewDirectory:
            return actor.isOrganizer
        case .viewUnit(let unitID):
            if actor.isOrganizer { return true }
            guard let tree else { return actor.ledUnitIDs.contains(unitID) }
            return actor.ledUnitIDs.contains { tree.isWithin(unitID, ancestorID: $0) }
        case .enterTeam(let unitID):
            return allows(actor, .viewUnit(unitID))
        case .officiate(let programID):
            return actor.isOrganizer || actor.programIDs(for: .official).contains(programID)
        case .review(let programID):
            return actor.programIDs(for: .reviewer).contains(programID)
        case .useBackOffice:
            return !actor.grants.isEmpty
        }
    }

    /// Throws `.unauthenticated` for nobody and `.forbidden` for a signed-in actor without the permission.
    public func require(_ actor: Actor, _ permission: Permission) throws(PodiumError) {
        guard actor.isAuthenticated else { throw .unauthenticated }
        guard allows(actor, permission) else { throw .forbidden(LocalizedMessage("error.forbidden")) }
    }
}
