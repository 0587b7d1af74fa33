import Testing
@testable import PodiumCore

@Suite struct AccessPolicyTests {
    // Group(1) ─┬─ Sector A(10) ─┬─ Company A1(100) ── Department A1a(1000)
    //           │                └─ Company A2(101)
    //           └─ Sector B(20) ──── Company B1(200)
    private let tree = UnitTree([
        UnitNode(id: 1, parentID: nil, name: "Group", kind: .group),
        UnitNode(id: 10, parentID: 1, name: "Sector A", kind: .sector),
        UnitNode(id: 20, parentID: 1, name: "Sector B", kind: .sector),
        UnitNode(id: 100, parentID: 10, name: "Company A1", kind: .company),
        UnitNode(id: 101, parentID: 10, name: "Company A2", kind: .company),
        UnitNode(id: 200, parentID: 20, name: "Company B1", kind: .company),
        UnitNode(id: 1000, parentID: 100, name: "Department A1a", kind: .department),
    ])

    private var policy: AccessPolicy { AccessPolicy(tree: tree) }

    private static func user(_ grants: RoleGrant...) -> Actor {
        Actor(kind: .user, id: 7, displayName: "someone", grants: grants)
    }

    private static let administrator = user(RoleGrant(role: .administrator))
    private static let organizer = user(RoleGrant(role: .organizer))
    private static let leaderOfA = user(RoleGrant(role: .teamLeader, unitID: 10))
    private static let official = user(RoleGrant(role: .official, programID: 5))
    private static let reviewer = user(RoleGrant(role: .reviewer, programID: 5))

    /// One of each permission, with unit 10 / program 5 as the scopes.
    private static let everyPermission: [Permission] = [
        .administer, .manageOrganization, .managePrograms, .viewUnit(10), .viewDirectory,
        .officiate(programID: 5), .review(programID: 5), .useBackOffice,
    ]

    private func allowed(_ actor: Actor) -> [Permission] {
        Self.everyPermission.filter { policy.allows(actor, $0) }
    }

    // MARK: Role and RoleGrant

    @Test func roleScopeKinds() {
        #expect(Role.administrator.scopeKind == .none)
        #expect(Role.organizer.scopeKind == .none)
        #expect(Role.teamLeader.scopeKind == .unit)
        #expect(Role.official.scopeKind == .program)
        #expect(Role.reviewer.scopeKind == .program)
        #expect(Role.teamLeader.rawValue == "team_leader")
        #expect(Role.teamLeader.localizationKey == "role.team_leader")
        #expect(Role.allCases.count == 5)
    }

    @Test func grantIssues() {
        #expect(RoleGrant(role: .administrator).issues.isEmpty)
        #expect(RoleGrant(role: .organizer).issues.isEmpty)
        #expect(RoleGrant(role: .teamLeader, unitID: 3).issues.isEmpty)
        #expect(RoleGrant(role: .official, programID: 4).issues.isEmpty)
        #expect(RoleGrant(role: .reviewer, programID: 4).issues.isEmpty)

        #expect(RoleGrant(role: .teamLeader).issues
            == [FieldIssue("unitId", "error.grant.unitRequired", ["role": "team_leader"])])
        // A program scope does not satisfy a unit-scoped role.
        #expect(RoleGrant(role: .teamLeader, programID: 4).issues
            == [FieldIssue("unitId", "error.grant.unitRequired", ["role": "team_leader"])])
        #expect(RoleGrant(role: .official).issues
            == [FieldIssue("programId", "error.grant.programRequired", ["role": "official"])])
        #expect(RoleGrant(role: .reviewer, unitID: 3).issues
            == [FieldIssue("programId", "error.grant.programRequired", ["role": "reviewer"])])
    }

    // MARK: Actor helpers

    @Test func anonymousActor() {
        let anonymous = Actor.anonymous
        #expect(anonymous.kind == .anonymous)
        #expect(anonymous.id == nil)
        #expect(!anonymous.isAuthenticated)
        #expect(!anonymous.isAdministrator)
        #expect(!anonymous.isOrganizer)
        #expect(anonymous.grants.isEmpty)
        #expect(anonymous.ledUnitIDs.isEmpty)
    }

    @Test func systemActorIsAdministrator() {
        let system = Actor.system("import")
        #expect(system.kind == .system)
        #expect(system.displayName == "import")
        #expect(system.isAuthenticated)
        #expect(system.isAdministrator)
        #expect(system.isOrganizer)
        #expect(policy.allows(system, .administer))
    }

    @Test func roleHelpers() {
        #expect(Self.administrator.isAdministrator)
        #expect(Self.administrator.isOrganizer)
        #expect(!Self.organizer.isAdministrator)
        #expect(Self.organizer.isOrganizer)
        #expect(!Self.leaderOfA.isOrganizer)
        #expect(Self.leaderOfA.has(.teamLeader))
        #expect(!Self.leaderOfA.has(.official))
        #expect(Self.official.has(.official))
    }

    @Test func ledUnitsAndProgramIDs() {
        let actor = Self.user(
            RoleGrant(role: .teamLeader, unitID: 10),
            RoleGrant(role: .teamLeader, unitID: 200),
            RoleGrant(role: .teamLeader), // malformed: no unit
            RoleGrant(role: .official, programID: 5),
            RoleGrant(role: .official, programID: 6),
            RoleGrant(role: .reviewer, programID: 9),
            RoleGrant(role: .organizer, unitID: 99, programID: 99)
        )
        #expect(actor.ledUnitIDs == [10, 200])
        #expect(actor.programIDs(for: .official) == [5, 6])
        #expect(actor.programIDs(for: .reviewer) == [9])
        #expect(actor.programIDs(for: .teamLeader).isEmpty)
    }

    @Test func tokenAndSystemAreAuthenticated() {
        #expect(Actor(kind: .token, id: 3, displayName: "ci", grants: []).isAuthenticated)
        #expect(Actor(kind: .user, id: 3, displayName: "u", grants: []).isAuthenticated)
    }

    // MARK: Policy per role

    @Test func anonymousGetsNothing() {
        // Even an anonymous actor carrying an administrator grant is refused.
        let sneaky = Actor(kind: .anonymous, id: nil, displayName: "x", grants: [RoleGrant(role: .administrator)])
        for actor in [Actor.anonymous, sneaky] {
            #expect(allowed(actor).isEmpty)
            for permission in Self.everyPermission {
                #expect(throws: PodiumError.unauthenticated) { try policy.require(actor, permission) }
            }
        }
    }

    @Test func administratorGetsEverything() throws {
        #expect(allowed(Self.administrator) == Self.everyPermission)
        // Including scopes the administrator holds no grant for, with or without a tree.
        for candidate in [policy, AccessPolicy()] {
            #expect(candidate.allows(Self.administrator, .viewUnit(200)))
            #expect(candidate.allows(Self.administrator, .viewUnit(424242)))
            #expect(candidate.allows(Self.administrator, .officiate(programID: 77)))
            #expect(candidate.allows(Self.administrator, .review(programID: 77)))
            try candidate.require(Self.administrator, .administer)
        }
    }

    @Test func organizerGetsEverythingButAdminister() throws {
        // Reviewing needs a reviewer grant even for an organizer (see organizerMayOfficiateButNotReview).
        #expect(allowed(Self.organizer) == Self.everyPermission.filter { $0 != .administer && $0 != .review(programID: 5) })
        #expect(policy.allows(Self.organizer, .viewUnit(200)))
        #expect(policy.allows(Self.organizer, .officiate(programID: 77)))
        try policy.require(Self.organizer, .manageOrganization)
        #expect(throws: PodiumError.forbidden(LocalizedMessage("error.forbidden"))) {
            try policy.require(Self.organizer, .administer)
        }
    }

    @Test func organizerMayOfficiateButNotReview() {
        #expect(policy.allows(Self.organizer, .officiate(programID: 5)))
        #expect(!policy.allows(Self.organizer, .review(programID: 5)))
        #expect(throws: PodiumError.forbidden(LocalizedMessage("error.forbidden"))) {
            try policy.require(Self.organizer, .review(programID: 5))
        }
    }

    @Test func teamLeaderSeesOwnUnitAndDescendants() throws {
        let leader = Self.leaderOfA
        for unit in [10, 100, 101, 1000] {
            #expect(policy.allows(leader, .viewUnit(unit)), "unit \(unit)")
            try policy.require(leader, .viewUnit(unit))
        }
    }

    @Test func teamLeaderDoesNotSeeSiblingParentOrUnknownUnits() {
        let leader = Self.leaderOfA
        for unit in [20, 200, 1, 424242] {
            #expect(!policy.allows(leader, .viewUnit(unit)), "unit \(unit)")
            #expect(throws: PodiumError.forbidden(LocalizedMessage("error.forbidden"))) {
                try policy.require(leader, .viewUnit(unit))
            }
        }
    }

    @Test func teamLeaderOtherPermissions() {
        #expect(allowed(Self.leaderOfA) == [.viewUnit(10), .useBackOffice])
    }

    @Test func teamLeaderOfLeafUnitDoesNotSeeParent() {
        let leader = Self.user(RoleGrant(role: .teamLeader, unitID: 1000))
        #expect(policy.allows(leader, .viewUnit(1000)))
        #expect(!policy.allows(leader, .viewUnit(100)))
        #expect(!policy.allows(leader, .viewUnit(101)))
    }

    @Test func teamLeaderWithSeveralUnits() {
        let leader = Self.user(RoleGrant(role: .teamLeader, unitID: 101), RoleGrant(role: .teamLeader, unitID: 20))
        #expect(policy.allows(leader, .viewUnit(101)))
        #expect(policy.allows(leader, .viewUnit(200)))
        #expect(!policy.allows(leader, .viewUnit(100)))
        #expect(!policy.allows(leader, .viewUnit(10)))
    }

    @Test func withoutTreeTeamLeaderSeesOnlyExactUnit() {
        let flat = AccessPolicy()
        #expect(flat.tree == nil)
        #expect(flat.allows(Self.leaderOfA, .viewUnit(10)))
        #expect(!flat.allows(Self.leaderOfA, .viewUnit(100)))
        #expect(!flat.allows(Self.leaderOfA, .viewUnit(1)))
    }

    @Test func officialOnlyOfficiatesOwnProgram() {
        #expect(allowed(Self.official) == [.officiate(programID: 5), .useBackOffice])
        #expect(!policy.allows(Self.official, .officiate(programID: 6)))
        #expect(!policy.allows(Self.official, .review(programID: 5)))
        #expect(throws: PodiumError.forbidden(LocalizedMessage("error.forbidden"))) {
            try policy.require(Self.official, .officiate(programID: 6))
        }
    }

    @Test func reviewerOnlyReviewsOwnProgram() {
        #expect(allowed(Self.reviewer) == [.review(programID: 5), .useBackOffice])
        #expect(!policy.allows(Self.reviewer, .review(programID: 6)))
        #expect(!policy.allows(Self.reviewer, .officiate(programID: 5)))
        #expect(throws: PodiumError.forbidden(LocalizedMessage("error.forbidden"))) {
            try policy.require(Self.reviewer, .review(programID: 6))
        }
    }

    @Test func backOfficeNeedsAnyGrant() throws {
        let noGrants = Self.user()
        #expect(allowed(noGrants).isEmpty)
        #expect(throws: PodiumError.forbidden(LocalizedMessage("error.forbidden"))) {
            try policy.require(noGrants, .useBackOffice)
        }
        for actor in [Self.administrator, Self.organizer, Self.leaderOfA, Self.official, Self.reviewer] {
            try policy.require(actor, .useBackOffice)
        }
        let token = Actor(kind: .token, id: 1, displayName: "ci", grants: [RoleGrant(role: .official, programID: 2)])
        #expect(policy.allows(token, .useBackOffice))
    }
}
