import PodiumCore
import Vapor

/// `/api/v1/me`, users, tokens and the audit log.
struct AccessAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("me", use: me)
        api.get("users", use: users)
        api.post("users", use: createUser)
        api.get("users", ":id", use: user)
        api.put("users", ":id", use: updateUser)
        api.get("tokens", use: tokens)
        api.post("tokens", use: createToken)
        api.post("tokens", ":id", "revoke", use: revokeToken)
        api.get("audit", use: audit)
    }

    func me(req: Request) async throws -> MeDTO {
        guard req.actor.isAuthenticated else { throw PodiumError.unauthenticated }
        return MeDTO(kind: req.actor.kind.rawValue, id: req.actor.id, name: req.actor.displayName, grants: req.actor.grants.map(GrantDTO.init))
    }

    func users(req: Request) async throws -> [UserDTO] {
        try await req.require(.administer)
        return try await req.users.list()
    }

    func user(req: Request) async throws -> UserDTO {
        try await req.require(.administer)
        return try await req.users.get(try req.intParameter("id"))
    }

    func createUser(req: Request) async throws -> Response {
        try await req.require(.administer)
        return try await req.users.create(try req.content.decode(UserInput.self), by: req.actor).encodeResponse(status: .created, for: req)
    }

    func updateUser(req: Request) async throws -> UserDTO {
        try await req.require(.administer)
        return try await req.users.update(try req.intParameter("id"), try req.content.decode(UserInput.self), by: req.actor)
    }

    func tokens(req: Request) async throws -> [APITokenDTO] {
        try await req.require(.administer)
        return try await req.tokens.list()
    }

    func createToken(req: Request) async throws -> Response {
        try await req.require(.administer)
        return try await req.tokens.create(try req.content.decode(TokenInput.self), by: req.actor).encodeResponse(status: .created, for: req)
    }

    func revokeToken(req: Request) async throws -> APITokenDTO {
        try await req.require(.administer)
        return try await req.tokens.revoke(try req.intParameter("id"), by: req.actor)
    }

    func audit(req: Request) async throws -> Page<AuditEntryDTO> {
        try await req.require(.administer)
        return try await AuditQuery(req).run(on: req.db)
    }
}
