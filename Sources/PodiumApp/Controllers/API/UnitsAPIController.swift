import PodiumCore
import Vapor

/// `/api/v1/units`: the organization tree, and the people of a unit for those who may see them.
struct UnitsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let units = routes.grouped("api", "v1", "units")
        units.get(use: list)
        units.post(use: create)
        units.get(":id", use: get)
        units.put(":id", use: update)
        units.get(":id", "people", use: people)
    }

    func list(req: Request) async throws -> [UnitDTO] {
        try await req.require(.useBackOffice)
        return try await req.units.all()
    }

    func get(req: Request) async throws -> UnitDTO {
        try await req.require(.useBackOffice)
        return try await req.units.get(try req.intParameter("id"))
    }

    func create(req: Request) async throws -> Response {
        try await req.require(.manageOrganization)
        let unit = try await req.units.create(try req.content.decode(UnitInput.self), by: req.actor)
        return try await unit.encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> UnitDTO {
        try await req.require(.manageOrganization)
        return try await req.units.update(try req.intParameter("id"), try req.content.decode(UnitInput.self), by: req.actor)
    }

    /// A team leader may read the people of their own unit and the units below it, nobody else's.
    func people(req: Request) async throws -> Page<PersonDTO> {
        let id = try req.intParameter("id")
        _ = try await req.units.get(id)
        try await req.require(.viewUnit(id))
        var filter = try PeopleAPIController.filter(from: req)
        filter.unitID = id
        return try await req.people.search(filter)
    }
}
