import PodiumCore
import Vapor

/// `/api/v1/programs/{slug}/run-of-show`: a games program's opening ceremony. Public once the program is out of
/// draft; organizers set the start time and edit the segments.
struct RunOfShowAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let show = routes.grouped("api", "v1", "programs", ":slug", "run-of-show")
        show.get(use: runOfShow)
        show.put(use: setStart)
        show.post(use: addSegment)
        show.put(":segmentId", use: updateSegment)
        show.delete(":segmentId", use: deleteSegment)
    }

    private func writing(_ req: Request) async throws -> ProgramModel {
        try await req.require(.managePrograms)
        return try await req.staffProgram()
    }

    func runOfShow(req: Request) async throws -> RunOfShowDTO {
        try await req.runOfShow.runOfShow(programID: try await req.staffProgram().id!)
    }

    func setStart(req: Request) async throws -> RunOfShowDTO {
        let program = try await writing(req)
        return try await req.runOfShow.setStart(program: program, try req.content.decode(RunOfShowStartInput.self), by: req.actor)
    }

    func addSegment(req: Request) async throws -> Response {
        let program = try await writing(req)
        var input = try req.content.decode(RunOfShowSegmentInput.self)
        input.fromTeams = input.fromTeams?.withDefaultFlags(req)
        let segment = try await req.runOfShow.addSegment(program: program, input, by: req.actor)
        return try await segment.encodeResponse(status: .created, for: req)
    }

    func updateSegment(req: Request) async throws -> RunOfShowSegmentDTO {
        let program = try await writing(req)
        var input = try req.content.decode(RunOfShowSegmentInput.self)
        input.fromTeams = input.fromTeams?.withDefaultFlags(req)
        return try await req.runOfShow.updateSegment(program: program, segmentID: try req.intParameter("segmentId"), input, by: req.actor)
    }

    func deleteSegment(req: Request) async throws -> HTTPStatus {
        let program = try await writing(req)
        try await req.runOfShow.deleteSegment(program: program, segmentID: try req.intParameter("segmentId"), version: try req.queryVersion(), by: req.actor)
        return .noContent
    }
}
