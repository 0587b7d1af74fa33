import Fluent
import PodiumCore

/// People who sign in: their accounts, roles and passwords.
struct UserService {
    let db: any Database
    let clock: PodiumClock
    let hashing: PasswordHashing

    static func actor(for user: UserModel, on db: any Database) async throws -> Actor {
        let grants = try await RoleGrantModel.query(on: db).filter(\.$user.$id == user.id!).all().compactMap(\.grant)
        return Actor(kind: .user, id: user.id, displayName: user.displayName, grants: grants)
    }

    func list() async throws -> [UserDTO] {
        let users = try await UserModel.query(on: db).sort(\.$email).all()
        let grants = try await RoleGrantModel.query(on: db).all()
        let byUser = Dictionary(grouping: grants, by: { $0.$user.id })
        return users.map { $0.dto(grants: (byUser[$0.id!] ?? []).compactMap(\.grant)) }
    }

    func get(_ id: Int) async throws -> UserDTO {
        guard let user = try await UserModel.find(id, on: db) else { throw PodiumError.notFound(LocalizedMessage("error.user.notFound")) }
        return user.dto(grants: try await Self.actor(for: user, on: db).grants)
    }

    func create(_ input: UserInput, by actor: Actor) async throws -> UserDTO {
        let email = EmailAddress.normalize(input.email)
        let (checked, personID) = try await validate(input, email: email, userID: nil)
        var issues = checked
        PasswordPolicy.issues(password: input.password ?? "", field: "password").forEach { issues.add($0) }
        try issues.check()
        let hash = try await hashing.hash(input.password ?? "")
        return try await db.transaction { tx in
            let user = UserModel()
            user.email = email
            user.displayName = input.displayName.collapsingWhitespace
            user.passwordHash = hash
            user.isActive = input.isActive ?? true
            user.personID = personID
            user.passwordChangedAt = clock.now()
            try await user.create(on: tx)
            let grants = try await Self.replaceGrants(of: user.id!, with: input.grants.map(\.grant), on: tx)
            let dto = user.dto(grants: grants)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: "user", entityID: "\(dto.id)",
                                                            summary: dto.email, before: Nothing?.none, after: dto)
            return dto
        }
    }

    func update(_ id: Int, _ input: UserInput, by actor: Actor) async throws -> UserDTO {
        let email = EmailAddress.normalize(input.email)
        let (checked, personID) = try await validate(input, email: email, userID: id)
        var issues = checked
        if let password = input.password, !password.isEmpty {
            PasswordPolicy.issues(password: password, field: "password").forEach { issues.add($0) }
        }
        if actor.id == id, actor.kind == .user {
            if input.isActive == false { issues.add("isActive", "error.user.cannotDeactivateSelf") }
            if actor.isAdministrator, !input.grants.contains(where: { $0.role == .administrator }) {
                issues.add("grants", "error.user.cannotDropOwnAdmin")
            }
        }
        try issues.check()
        let newHash: String? = try await input.password.flatMap { $0.isEmpty ? nil : $0 }.asyncMap { try await hashing.hash($0) }
        return try await db.transaction { tx in
            guard let user = try await UserModel.find(id, on: tx) else { throw PodiumError.notFound(LocalizedMessage("error.user.notFound")) }
            let before = user.dto(grants: try await Self.actor(for: user, on: tx).grants)
            user.email = email
            user.displayName = input.displayName.collapsingWhitespace
            user.isActive = input.isActive ?? user.isActive
            user.personID = personID
            if let newHash {
                user.passwordHash = newHash
                user.passwordChangedAt = clock.now()
            }
            try await user.update(on: tx)
            let grants = try await Self.replaceGrants(of: id, with: input.grants.map(\.grant), on: tx)
            if newHash != nil || !user.isActive {
                try await SessionService(db: tx, clock: clock).endAll(userID: id)
            }
            let after = user.dto(grants: grants)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: "user", entityID: "\(id)",
                                                            summary: after.email, before: before, after: after,
                                                            reason: newHash != nil ? "password reset by administrator" : nil)
            return after
        }
    }

    /// A user changing their own password: the current one is required; other sessions end.
    func changePassword(userID: Int, current: String, new: String, confirmation: String, keepingSession cookie: String?, by actor: Actor) async throws {
        guard let user = try await UserModel.find(userID, on: db) else { throw PodiumError.notFound(LocalizedMessage("error.user.notFound")) }
        var issues = ValidationCollector()
        if try await !hashing.verify(current, against: user.passwordHash) {
            issues.add("currentPassword", "error.password.currentWrong")
        }
        PasswordPolicy.issues(password: new, confirmation: confirmation).forEach { issues.add($0) }
        if current == new, !new.isEmpty { issues.add("newPassword", "error.password.unchanged") }
        try issues.check()
        let hash = try await hashing.hash(new)
        try await db.transaction { tx in
            user.passwordHash = hash
            user.passwordChangedAt = clock.now()
            try await user.update(on: tx)
            try await SessionService(db: tx, clock: clock).endAll(userID: userID, except: cookie)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "password", entityType: "user", entityID: "\(userID)",
                                                            summary: user.email, before: Nothing?.none, after: Nothing?.none,
                                                            reason: "password changed by its owner")
        }
    }

    func setLanguage(userID: Int, _ language: Language?) async throws {
        guard let user = try await UserModel.find(userID, on: db) else { return }
        user.language = language?.rawValue
        try await user.update(on: db)
    }

    /// The first start: an administrator from the environment, or one with a random password
    /// that is returned so the console can show it once. Nil when users exist already.
    func bootstrapAdministrator(email: String?, password: String?) async throws -> (email: String, password: String?)? {
        guard try await UserModel.query(on: db).count() == 0 else { return nil }
        let chosenEmail = email ?? "admin@podium.local"
        let chosenPassword = password ?? Secrets.readablePassword()
        let hash = try await hashing.hash(chosenPassword)
        try await db.transaction { tx in
            let user = UserModel()
            user.email = chosenEmail
            user.displayName = "Administrator"
            user.passwordHash = hash
            user.isActive = true
            user.passwordChangedAt = clock.now()
            try await user.create(on: tx)
            _ = try await Self.replaceGrants(of: user.id!, with: [RoleGrant(role: .administrator)], on: tx)
            try await AuditLog(db: tx, clock: clock).record(.system("first start"), action: "create", entityType: "user",
                                                            entityID: "\(user.id!)", summary: chosenEmail, before: Nothing?.none,
                                                            after: user.dto(grants: [RoleGrant(role: .administrator)]))
        }
        return (chosenEmail, password == nil ? chosenPassword : nil)
    }

    /// Every problem of the input, and the roster person it links to.
    private func validate(_ input: UserInput, email: String, userID: Int?) async throws -> (ValidationCollector, Int?) {
        var issues = ValidationCollector()
        var personID: Int?
        if let number = input.employeeNumber?.trimmingCharacters(in: .whitespaces), !number.isEmpty {
            personID = try await PersonModel.query(on: db).filter(\.$employeeNumber == number).first()?.id
            if personID == nil { issues.add("employeeNumber", "error.user.employeeNotFound", ["value": number]) }
        } else if let id = input.personId {
            personID = try await PersonModel.find(id, on: db)?.id
            if personID == nil { issues.add("personId", "error.user.personNotFound", ["id": "\(id)"]) }
        }
        if !EmailAddress.isPlausible(email) { issues.add("email", "error.user.emailInvalid", ["value": input.email]) }
        if let clash = try await UserModel.query(on: db).filter(\.$email == email).first(), clash.id != userID {
            issues.add("email", "error.user.emailTaken", ["value": email])
        }
        if input.displayName.collapsingWhitespace.isEmpty { issues.add("displayName", "error.user.nameRequired") }
        var seen = Set<RoleGrant>()
        for (index, dto) in input.grants.enumerated() {
            let grant = dto.grant
            for issue in grant.issues { issues.add(FieldIssue("grants[\(index)].\(issue.field)", issue.message)) }
            if !seen.insert(grant).inserted { issues.add("grants[\(index)]", "error.grant.duplicate") }
            var scoped = ValidationCollector()
            try await GrantScopes(db: db).check(grant, into: &scoped)
            scoped.issues.forEach { issues.add(FieldIssue("grants[\(index)].\($0.field)", $0.message)) }
        }
        return (issues, personID)
    }

    private static func replaceGrants(of userID: Int, with grants: [RoleGrant], on db: any Database) async throws -> [RoleGrant] {
        try await RoleGrantModel.query(on: db).filter(\.$user.$id == userID).delete()
        for grant in grants {
            let model = RoleGrantModel()
            model.$user.id = userID
            model.role = grant.role.rawValue
            model.$unit.id = grant.role.scopeKind == .unit ? grant.unitID : nil
            model.$program.id = grant.role.scopeKind == .program ? grant.programID : nil
            try await model.create(on: db)
        }
        return grants
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
