import Fluent
import PodiumCore
import Vapor

extension Request {
    var programMedia: ProgramMediaService {
        ProgramMediaService(db: db, clock: application.clock, uploads: application.uploads, maxUploadBytes: application.podiumConfig.uploadMaxBytes)
    }

    /// The program named by `:slug` (or `:id` for the back office); a draft exists only for organizers.
    func mediaProgram(byID: Bool = false) async throws -> ProgramModel {
        let found: ProgramModel?
        if byID {
            found = try await ProgramModel.find(try intParameter("id"), on: db)
        } else {
            found = try await ProgramModel.query(on: db).filter(\.$slug == (parameters.get("slug") ?? "")).first()
        }
        guard let program = found, program.status != ProgramStatus.draft.rawValue || allows(.managePrograms) else {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        return program
    }
}
