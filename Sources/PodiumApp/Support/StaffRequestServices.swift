import PodiumCore
import Vapor

/// The services of the games day's organizing team and opening ceremony, bound to the request.
extension Request {
    var duties: DutyService { DutyService(db: db, clock: application.clock) }
    var dutyAssignments: DutyAssignmentService { DutyAssignmentService(db: db, clock: application.clock, words: words) }
    var runOfShow: RunOfShowService { RunOfShowService(db: db, clock: application.clock) }

    /// A games program for the duty roster and the opening ceremony; a draft exists only for those who run it.
    func staffProgram() async throws -> ProgramModel {
        let program = try await games.program(slug: parameters.get("slug") ?? "")
        if program.status == ProgramStatus.draft.rawValue, !allows(.officiate(programID: program.id!)) {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        return program
    }
}

extension MarchInFromTeamsInput {
    /// The flags named in the reader's language unless the input names them (`""` leaves one out).
    func withDefaultFlags(_ req: Request) -> MarchInFromTeamsInput {
        MarchInFromTeamsInput(teamIds: teamIds, nationalFlag: nationalFlag ?? req.t("runOfShow.nationalFlag"),
                              groupFlag: groupFlag ?? req.t("runOfShow.groupFlag"))
    }
}
