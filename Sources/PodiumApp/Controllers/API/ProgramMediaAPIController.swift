import Foundation
import PodiumCore
import Vapor

/// `/api/v1/programs/{slug}/partners` and `/photos`: read by everyone while the program is out of draft, written by organizers.
struct ProgramMediaAPIController: RouteCollection {
    let maxUploadBytes: Int

    func boot(routes: any RoutesBuilder) throws {
        let program = routes.grouped("api", "v1", "programs", ":slug")
        let limit = ByteCount(value: maxUploadBytes + 1_048_576)
        program.get("partners", use: partners)
        program.post("partners", use: createPartner)
        program.put("partners", ":partnerId", use: updatePartner)
        program.delete("partners", ":partnerId", use: deletePartner)
        program.upload("partners", ":partnerId", "logo", maxSize: limit, use: setLogo)
        program.delete("partners", ":partnerId", "logo", use: removeLogo)
        program.get("photos", use: photos)
        program.upload("photos", maxSize: limit, use: addPhoto)
        program.put("photos", ":photoId", use: updatePhoto)
        program.delete("photos", ":photoId", use: deletePhoto)
    }

    struct FileForm: Content {
        var file: File?
        var caption: String?
        var version: Int?
    }

    func partners(req: Request) async throws -> [ProgramPartnerDTO] {
        let program = try await req.mediaProgram()
        return try await req.programMedia.partners(programID: program.id!).map(ProgramMediaService.partnerDTO)
    }

    func createPartner(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram()
        let partner = try await req.programMedia.createPartner(program: program, try req.content.decode(ProgramPartnerInput.self), logo: nil, by: req.actor)
        return try await partner.encodeResponse(status: .created, for: req)
    }

    func updatePartner(req: Request) async throws -> ProgramPartnerDTO {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram()
        return try await req.programMedia.updatePartner(program: program, partnerID: try req.intParameter("partnerId"),
                                                        try req.content.decode(ProgramPartnerInput.self), logo: nil, by: req.actor)
    }

    func deletePartner(req: Request) async throws -> HTTPStatus {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram()
        try await req.programMedia.deletePartner(program: program, partnerID: try req.intParameter("partnerId"), version: try req.queryVersion(), by: req.actor)
        return .noContent
    }

    func setLogo(req: Request) async throws -> ProgramPartnerDTO {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram()
        let form = try req.content.decode(FileForm.self)
        guard let file = form.file else { throw PodiumError.invalid("file", "error.upload.noFile") }
        return try await req.programMedia.setLogo(program: program, partnerID: try req.intParameter("partnerId"),
                                                  .init(fileName: file.filename, data: Data(buffer: file.data)), version: form.version,
                                                  field: "file", by: req.actor)
    }

    func removeLogo(req: Request) async throws -> ProgramPartnerDTO {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram()
        return try await req.programMedia.removeLogo(program: program, partnerID: try req.intParameter("partnerId"), version: try req.queryVersion(),
                                                     by: req.actor)
    }

    func photos(req: Request) async throws -> [ProgramPhotoDTO] {
        let program = try await req.mediaProgram()
        return try await req.programMedia.photos(programID: program.id!).map(ProgramMediaService.photoDTO)
    }

    func addPhoto(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram()
        let form = try req.content.decode(FileForm.self)
        guard let file = form.file else { throw PodiumError.invalid("file", "error.upload.noFile") }
        let added = try await req.programMedia.addPhotos(program: program, [.init(fileName: file.filename, data: Data(buffer: file.data),
                                                                                  caption: form.caption ?? "")], by: req.actor)
        return try await added[0].encodeResponse(status: .created, for: req)
    }

    func updatePhoto(req: Request) async throws -> ProgramPhotoDTO {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram()
        return try await req.programMedia.updatePhoto(program: program, photoID: try req.intParameter("photoId"),
                                                      try req.content.decode(ProgramPhotoUpdateInput.self), by: req.actor)
    }

    func deletePhoto(req: Request) async throws -> HTTPStatus {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram()
        try await req.programMedia.deletePhoto(program: program, photoID: try req.intParameter("photoId"), version: try req.queryVersion(), by: req.actor)
        return .noContent
    }
}
