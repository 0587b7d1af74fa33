import Foundation
import PodiumCore
import Vapor

/// On a program's back-office page: its partners (organizers, host, co-organizers, sponsors, with logos) and its
/// photo gallery. A refused change comes back on the same page, with the message next to the field.
struct ProgramMediaAdminController: RouteCollection {
    let maxUploadBytes: Int

    func boot(routes: any RoutesBuilder) throws {
        let program = routes.grouped("admin", "programs", ":id")
        let one = ByteCount(value: maxUploadBytes + 1_048_576)
        program.upload("partners", maxSize: one, use: createPartner)
        program.upload("partners", ":partnerId", maxSize: one, use: updatePartner)
        program.post("partners", ":partnerId", "move", use: movePartner)
        program.post("partners", ":partnerId", "delete", use: deletePartner)
        program.post("partners", ":partnerId", "logo", "delete", use: removeLogo)
        program.upload("photos", maxSize: ByteCount(value: maxUploadBytes * 10 + 1_048_576), use: addPhotos)
        program.post("photos", ":photoId", use: updatePhoto)
        program.post("photos", ":photoId", "move", use: movePhoto)
        program.post("photos", ":photoId", "delete", use: deletePhoto)
    }

    struct PartnerForm: Content {
        var role: String?
        var name: String?
        var website: String?
        var version: Int?
        var logo: File?

        var input: ProgramPartnerInput {
            ProgramPartnerInput(role: role ?? "", name: name ?? "", website: website, version: version)
        }

        /// A form sent without choosing a file carries one empty, nameless part.
        var upload: ImageUploads.Upload? {
            guard let logo, logo.data.readableBytes > 0 || !logo.filename.isEmpty else { return nil }
            return .init(fileName: logo.filename, data: Data(buffer: logo.data))
        }
    }

    struct PhotosForm: Content {
        var photos: [File]?
        var caption: String?
    }

    struct CaptionForm: Content {
        var caption: String?
        var version: Int?
    }

    struct VersionForm: Content {
        var version: Int?
    }

    // MARK: Partners

    func createPartner(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram(byID: true)
        let form = try req.content.decode(PartnerForm.self)
        do {
            let partner = try await req.programMedia.createPartner(program: program, form.input, logo: form.upload, by: req.actor)
            return req.redirect(to: "/admin/programs/\(program.id!)#partner-\(partner.id)", flash: req.t("partner.added", ["name": partner.name]))
        } catch let error as PodiumError {
            return try await refused(req, program, error, state: MediaFormState(partnerID: nil, partnerInput: form.input))
        }
    }

    func updatePartner(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram(byID: true)
        let partnerID = try req.intParameter("partnerId")
        let form = try req.content.decode(PartnerForm.self)
        do {
            let partner = try await req.programMedia.updatePartner(program: program, partnerID: partnerID, form.input, logo: form.upload, by: req.actor)
            return req.redirect(to: "/admin/programs/\(program.id!)#partner-\(partner.id)", flash: req.t("partner.saved", ["name": partner.name]))
        } catch let error as PodiumError {
            return try await refused(req, program, error, state: MediaFormState(partnerID: partnerID, partnerInput: form.input))
        }
    }

    func movePartner(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram(byID: true)
        let partnerID = try req.intParameter("partnerId")
        let form = try req.content.decode(AgendaMoveForm.self)
        do {
            let partner = try await req.programMedia.movePartner(program: program, partnerID: partnerID, try form.move(), version: form.version, by: req.actor)
            return req.redirect(to: "/admin/programs/\(program.id!)#partner-\(partner.id)", flash: req.t("partner.moved", ["name": partner.name]))
        } catch let error as PodiumError {
            return try await refused(req, program, error, state: try await partnerState(req, program, partnerID))
        }
    }

    func deletePartner(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram(byID: true)
        let partnerID = try req.intParameter("partnerId")
        let form = try req.content.decode(VersionForm.self)
        do {
            try await req.programMedia.deletePartner(program: program, partnerID: partnerID, version: form.version, by: req.actor)
            return req.redirect(to: "/admin/programs/\(program.id!)#partners", flash: req.t("partner.removed"))
        } catch let error as PodiumError {
            return try await refused(req, program, error, state: try await partnerState(req, program, partnerID))
        }
    }

    func removeLogo(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram(byID: true)
        let partnerID = try req.intParameter("partnerId")
        let form = try req.content.decode(VersionForm.self)
        do {
            let partner = try await req.programMedia.removeLogo(program: program, partnerID: partnerID, version: form.version, by: req.actor)
            return req.redirect(to: "/admin/programs/\(program.id!)#partner-\(partner.id)", flash: req.t("partner.logoRemoved", ["name": partner.name]))
        } catch let error as PodiumError {
            return try await refused(req, program, error, state: try await partnerState(req, program, partnerID))
        }
    }

    /// The partner's form as stored, opened, for a refused move, removal or logo change.
    private func partnerState(_ req: Request, _ program: ProgramModel, _ partnerID: Int) async throws -> MediaFormState {
        guard let model = try await req.programMedia.partners(programID: program.id!).first(where: { $0.id == partnerID }) else { return MediaFormState() }
        return MediaFormState(partnerID: partnerID, partnerInput: ProgramPartnerInput(role: model.role, name: model.name, website: model.website, version: model.version))
    }

    // MARK: Photos

    func addPhotos(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram(byID: true)
        let form = try req.content.decode(PhotosForm.self)
        do {
            let files = (form.photos ?? []).filter { $0.data.readableBytes > 0 || !$0.filename.isEmpty }
            let caption = files.count == 1 ? form.caption ?? "" : ""
            let added = try await req.programMedia.addPhotos(program: program, files.map { .init(fileName: $0.filename, data: Data(buffer: $0.data), caption: caption) },
                                                             field: "photos", by: req.actor)
            return req.redirect(to: "/admin/programs/\(program.id!)#gallery", flash: req.t("gallery.added", ["count": "\(added.count)"]))
        } catch let error as PodiumError {
            return try await refused(req, program, error, state: MediaFormState(photoError: ""))
        }
    }

    func updatePhoto(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram(byID: true)
        let photoID = try req.intParameter("photoId")
        let form = try req.content.decode(CaptionForm.self)
        do {
            let photo = try await req.programMedia.updatePhoto(program: program, photoID: photoID,
                                                               ProgramPhotoUpdateInput(caption: form.caption ?? "", version: form.version), by: req.actor)
            return req.redirect(to: "/admin/programs/\(program.id!)#photo-\(photo.id)", flash: req.t("gallery.captionSaved"))
        } catch let error as PodiumError {
            return try await refused(req, program, error, state: MediaFormState(photoID: photoID, photoIssue: ""))
        }
    }

    func movePhoto(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram(byID: true)
        let photoID = try req.intParameter("photoId")
        let form = try req.content.decode(AgendaMoveForm.self)
        do {
            let photo = try await req.programMedia.movePhoto(program: program, photoID: photoID, try form.move(), version: form.version, by: req.actor)
            return req.redirect(to: "/admin/programs/\(program.id!)#photo-\(photo.id)", flash: req.t("gallery.moved"))
        } catch let error as PodiumError {
            return try await refused(req, program, error, state: MediaFormState(photoID: photoID, photoIssue: ""))
        }
    }

    func deletePhoto(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.mediaProgram(byID: true)
        let photoID = try req.intParameter("photoId")
        let form = try req.content.decode(VersionForm.self)
        do {
            try await req.programMedia.deletePhoto(program: program, photoID: photoID, version: form.version, by: req.actor)
            return req.redirect(to: "/admin/programs/\(program.id!)#gallery", flash: req.t("gallery.removed"))
        } catch let error as PodiumError {
            return try await refused(req, program, error, state: MediaFormState(photoID: photoID, photoIssue: ""))
        }
    }

    // MARK: Refusals

    /// The program page again, with the refusal next to the form it came from: 422 for bad input, 409 for a stale version.
    private func refused(_ req: Request, _ program: ProgramModel, _ error: PodiumError, state: MediaFormState) async throws -> Response {
        var state = state
        let status: HTTPResponseStatus
        var issues: [FieldIssue]
        switch error {
        case .validation(let found): status = .unprocessableEntity; issues = found
        case .conflict(let message): status = .conflict; issues = [FieldIssue("version", message)]
        default: throw error
        }
        let text = issues.map { req.t($0.message) }.joined(separator: " ")
        if state.photoError != nil { state.photoError = text }
        if state.photoIssue != nil { state.photoIssue = text }
        if state.partnerInput != nil {
            // Problems of a field the partner form has go next to it; the rest on top of the form.
            state.partnerIssues = issues
        }
        let dto = program.dto
        return try await ProgramsAdminController().renderEdit(req, program: dto, form: ProgramsAdminController.form(from: dto), issues: [],
                                                              statusError: nil, media: state, status: status)
    }
}
