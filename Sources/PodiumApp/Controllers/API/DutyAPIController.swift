import PodiumCore
import Vapor

/// `/api/v1/programs/{slug}/duties/...`: the organizing team of a games day. Organizers set up posts and shifts
/// and put people on them; the program's officials read the roster.
struct DutyAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let duties = routes.grouped("api", "v1", "programs", ":slug", "duties")
        duties.get("posts", use: posts)
        duties.post("posts", use: createPost)
        duties.put("posts", ":postId", use: updatePost)
        duties.delete("posts", ":postId", use: deletePost)
        duties.post("posts", ":postId", "shifts", use: addShift)
        duties.delete("shifts", ":shiftId", use: removeShift)
        duties.get("assignments", use: assignments)
        duties.post("assignments", use: assign)
        duties.delete("assignments", ":assignmentId", use: unassign)
        duties.post("fill", use: fill)
    }

    /// The program, for someone who may read its roster.
    private func reading(_ req: Request) async throws -> ProgramModel {
        let program = try await req.staffProgram()
        try await req.require(.officiate(programID: program.id!))
        return program
    }

    private func writing(_ req: Request) async throws -> ProgramModel {
        try await req.require(.managePrograms)
        return try await req.staffProgram()
    }

    func posts(req: Request) async throws -> [DutyPostDTO] {
        try await req.duties.posts(programID: try await reading(req).id!)
    }

    func createPost(req: Request) async throws -> Response {
        let program = try await writing(req)
        let post = try await req.duties.createPost(program: program, try req.content.decode(DutyPostInput.self), by: req.actor)
        return try await post.encodeResponse(status: .created, for: req)
    }

    func updatePost(req: Request) async throws -> DutyPostDTO {
        let program = try await writing(req)
        return try await req.duties.updatePost(program: program, postID: try req.intParameter("postId"), try req.content.decode(DutyPostInput.self),
                                               by: req.actor)
    }

    func deletePost(req: Request) async throws -> HTTPStatus {
        let program = try await writing(req)
        try await req.duties.deletePost(program: program, postID: try req.intParameter("postId"), version: try req.queryVersion(), by: req.actor)
        return .noContent
    }

    func addShift(req: Request) async throws -> Response {
        let program = try await writing(req)
        let shift = try await req.duties.addShift(program: program, postID: try req.intParameter("postId"), try req.content.decode(DutyShiftInput.self),
                                                  by: req.actor)
        return try await shift.encodeResponse(status: .created, for: req)
    }

    func removeShift(req: Request) async throws -> HTTPStatus {
        let program = try await writing(req)
        try await req.duties.removeShift(program: program, shiftID: try req.intParameter("shiftId"), version: try req.queryVersion(), by: req.actor)
        return .noContent
    }

    /// `?postId=` or `?personId=` narrows the list: one post's people, one person's own duties.
    func assignments(req: Request) async throws -> [DutyAssignmentDTO] {
        let program = try await reading(req)
        return try await req.dutyAssignments.assignments(programID: program.id!, postID: req.query[Int.self, at: "postId"],
                                                         personID: req.query[Int.self, at: "personId"])
    }

    func assign(req: Request) async throws -> Response {
        let program = try await writing(req)
        let assignment = try await req.dutyAssignments.assign(program: program, try req.content.decode(DutyAssignmentInput.self), by: req.actor)
        return try await assignment.encodeResponse(status: .created, for: req)
    }

    func unassign(req: Request) async throws -> HTTPStatus {
        let program = try await writing(req)
        try await req.dutyAssignments.unassign(program: program, assignmentID: try req.intParameter("assignmentId"), version: try req.queryVersion(),
                                               by: req.actor)
        return .noContent
    }

    func fill(req: Request) async throws -> DutyFillDTO {
        let program = try await writing(req)
        return try await req.dutyAssignments.fill(program: program, try req.content.decode(DutyFillInput.self), by: req.actor)
    }
}
