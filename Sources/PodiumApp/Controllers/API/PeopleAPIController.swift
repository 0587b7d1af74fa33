import PodiumCore
import Vapor

/// `/api/v1/people`: search, read, create, update, and roster import.
struct PeopleAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let people = routes.grouped("api", "v1", "people")
        people.get(use: search)
        people.post(use: create)
        people.get(":id", use: get)
        people.put(":id", use: update)
        people.upload("import", maxSize: ImportAdminController.maxUpload, use: importRoster)
    }

    static func filter(from req: Request) throws -> PersonService.Filter {
        var issues = ValidationCollector()
        var filter = PersonService.Filter()
        filter.query = (try? req.query.get(String.self, at: "q")) ?? ""
        if let text = try? req.query.get(String.self, at: "kind"), !text.isEmpty {
            filter.kind = PersonKind(rawValue: text)
            if filter.kind == nil { issues.add("kind", "error.field.oneOf", ["value": text, "allowed": PersonKind.allCases.map(\.rawValue).joined(separator: ", ")]) }
        }
        if let text = try? req.query.get(String.self, at: "status"), !text.isEmpty {
            filter.status = EmployeeStatus(rawValue: text)
            if filter.status == nil { issues.add("status", "error.field.oneOf", ["value": text, "allowed": EmployeeStatus.allCases.map(\.rawValue).joined(separator: ", ")]) }
        }
        for (key, path) in [("unit", \PersonService.Filter.unitID)] as [(String, WritableKeyPath<PersonService.Filter, Int?>)] {
            if let text = try? req.query.get(String.self, at: key), !text.isEmpty {
                guard let value = Int(text) else { issues.add(key, "error.field.integer", ["value": text]); continue }
                filter[keyPath: path] = value
            }
        }
        if let text = try? req.query.get(String.self, at: "page"), !text.isEmpty {
            if let value = Int(text), value >= 1 { filter.page = value } else { issues.add("page", "error.field.positive", ["value": text]) }
        }
        if let text = try? req.query.get(String.self, at: "perPage"), !text.isEmpty {
            if let value = Int(text), (1...500).contains(value) { filter.perPage = value } else { issues.add("perPage", "error.field.range", ["value": text, "min": "1", "max": "500"]) }
        }
        try issues.check()
        return filter
    }

    /// Organizers search everyone; team leaders search within their own units.
    func search(req: Request) async throws -> Page<PersonDTO> {
        let filter = try Self.filter(from: req)
        if req.allows(.viewDirectory) { return try await req.people.search(filter) }
        if req.actor.ledUnitIDs.isEmpty { try await req.require(.viewDirectory) }
        if let unit = filter.unitID { try await req.require(.viewUnit(unit)) }
        return try await req.people.search(filter, visibleUnits: req.actor.ledUnitIDs)
    }

    func get(req: Request) async throws -> PersonDTO {
        let id = try req.intParameter("id")
        guard req.actor.isAuthenticated else { throw PodiumError.unauthenticated }
        if !req.allows(.viewDirectory) {
            guard let unit = try await req.people.scopeUnit(of: id) else { throw PodiumError.forbidden(LocalizedMessage("error.forbidden")) }
            try await req.require(.viewUnit(unit))
        }
        return try await req.people.get(id)
    }

    func create(req: Request) async throws -> Response {
        try await req.require(.manageOrganization)
        let person = try await req.people.create(try req.content.decode(PersonInput.self), by: req.actor)
        return try await person.encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> PersonDTO {
        try await req.require(.manageOrganization)
        return try await req.people.update(try req.intParameter("id"), try req.content.decode(PersonInput.self), by: req.actor)
    }

    /// The CSV is the request body (`text/csv`). Rejected rows are listed; the good rows import.
    func importRoster(req: Request) async throws -> ImportReportDTO {
        try await req.require(.manageOrganization)
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw PodiumError.badRequest(LocalizedMessage("error.import.empty"))
        }
        let name = (try? req.query.get(String.self, at: "filename")) ?? "upload.csv"
        let report = try await req.rosterImport.run(Data(buffer: body), fileName: name, by: req.actor)
        return ImportReportDTO(imported: report.imported, updated: report.updated, unchanged: report.unchanged, rejected: report.rejections.count,
                               unitsCreated: report.unitsCreated, ignoredColumns: report.ignoredColumns,
                               rejections: report.rejections.map { .init(line: $0.line, reasons: $0.reasons.map { req.t($0) }) })
    }
}
