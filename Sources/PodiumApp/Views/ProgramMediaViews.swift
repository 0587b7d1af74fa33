import PodiumCore
import Vapor

/// The partners and the gallery on a program's public page.
struct PublicPartnerGroup: Encodable {
    struct Partner: Encodable {
        let name: String
        let website: String?
        let logoUrl: String?
        let logoWidth: Int?
        let logoHeight: Int?
    }

    let role: String
    let heading: String
    let partners: [Partner]

    static func groups(_ models: [ProgramPartnerModel], _ req: Request) -> [PublicPartnerGroup] {
        PartnerRole.allCases.compactMap { role in
            let partners = models.filter { $0.role == role.rawValue }
            guard !partners.isEmpty else { return nil }
            return PublicPartnerGroup(role: role.rawValue, heading: req.t(role.headingKey), partners: partners.map {
                Partner(name: $0.name, website: $0.website, logoUrl: $0.logoFile.map(UploadStore.url), logoWidth: $0.logoWidth, logoHeight: $0.logoHeight)
            })
        }
    }
}

struct PublicGalleryPhoto: Encodable {
    let url: String
    let alt: String
    let caption: String?
    let width: Int?
    let height: Int?

    static func list(_ models: [ProgramPhotoModel], programName: String, _ req: Request) -> [PublicGalleryPhoto] {
        models.enumerated().map { index, photo in
            PublicGalleryPhoto(url: UploadStore.url(photo.file),
                               alt: photo.caption.isEmpty ? req.t("gallery.photoAlt", ["program": programName, "number": "\(index + 1)"]) : photo.caption,
                               caption: photo.caption.isEmpty ? nil : photo.caption, width: photo.width, height: photo.height)
        }
    }
}

/// The partner form of the back office, for a new partner or one being edited, as the user left it when refused.
struct PartnerFormView: Encodable {
    struct Option: Encodable { let value: String; let label: String; let selected: Bool }

    let action: String
    /// Prefix of the field ids, unique on the page.
    let idPrefix: String
    let roles: [Option]
    let name: String
    let website: String
    let version: Int?
    var roleError: String?
    var nameError: String?
    var websiteError: String?
    var logoError: String?
    var generalError: String?
    var open = false
    let hasLogo: Bool
    let submitLabel: String
}

struct PartnerAdminRow: Encodable {
    let id: Int
    let name: String
    let website: String?
    let logoUrl: String?
    let logoAlt: String
    let logoWidth: Int?
    let logoHeight: Int?
    let isFirst: Bool
    let isLast: Bool
    let version: Int
    let form: PartnerFormView
}

struct PartnerAdminGroup: Encodable {
    let heading: String
    let rows: [PartnerAdminRow]
}

struct PhotoAdminRow: Encodable {
    let id: Int
    let url: String
    let alt: String
    let caption: String
    let captionId: String
    let captionLabel: String
    let width: Int?
    let height: Int?
    let isFirst: Bool
    let isLast: Bool
    let version: Int
    var error: String?
}

/// What went wrong in one of the media forms, to show in place.
struct MediaFormState {
    /// The partner whose form was refused (nil: the new-partner form), with what was typed.
    var partnerID: Int?
    var partnerInput: ProgramPartnerInput?
    var partnerIssues: [FieldIssue] = []
    var photoError: String?
    var photoID: Int?
    var photoIssue: String?
}

struct ProgramMediaAdminView: Encodable {
    let partnerGroups: [PartnerAdminGroup]
    let hasPartners: Bool
    let newPartner: PartnerFormView
    let photos: [PhotoAdminRow]
    let hasPhotos: Bool
    let photoError: String?
    let uploadHint: String

    static func make(_ req: Request, programID: Int, programName: String, state: MediaFormState) async throws -> ProgramMediaAdminView {
        let partners = try await req.programMedia.partners(programID: programID)
        let photos = try await req.programMedia.photos(programID: programID)
        let base = "/admin/programs/\(programID)"

        func form(action: String, idPrefix: String, input: ProgramPartnerInput, hasLogo: Bool, submit: String, failed: Bool) -> PartnerFormView {
            var view = PartnerFormView(
                action: action, idPrefix: idPrefix,
                roles: PartnerRole.allCases.map { .init(value: $0.rawValue, label: req.t($0.localizationKey), selected: $0.rawValue == input.role) },
                name: input.name, website: input.website ?? "", version: input.version, hasLogo: hasLogo, submitLabel: submit)
            guard failed else { return view }
            view.open = true
            for issue in state.partnerIssues {
                let message = req.t(issue.message)
                switch issue.field {
                case "role": view.roleError = message
                case "name": view.nameError = message
                case "website": view.websiteError = message
                case "logo": view.logoError = message
                default: view.generalError = [view.generalError, message].compactMap { $0 }.joined(separator: " ")
                }
            }
            return view
        }

        let groups = PartnerRole.allCases.compactMap { role -> PartnerAdminGroup? in
            let rows = partners.filter { $0.role == role.rawValue }
            guard !rows.isEmpty else { return nil }
            return PartnerAdminGroup(heading: req.t(role.headingKey), rows: rows.enumerated().map { index, model in
                let failed = state.partnerInput != nil && state.partnerID == model.id
                let input = failed ? state.partnerInput! : ProgramPartnerInput(role: model.role, name: model.name, website: model.website, version: model.version)
                return PartnerAdminRow(
                    id: model.id!, name: model.name, website: model.website, logoUrl: model.logoFile.map(UploadStore.url),
                    logoAlt: model.name, logoWidth: model.logoWidth, logoHeight: model.logoHeight, isFirst: index == 0, isLast: index == rows.count - 1,
                    version: model.version,
                    form: form(action: "\(base)/partners/\(model.id!)", idPrefix: "partner-\(model.id!)", input: input, hasLogo: model.logoFile != nil,
                               submit: req.t("action.save"), failed: failed))
            })
        }
        let newFailed = state.partnerInput != nil && state.partnerID == nil
        let newPartner = form(action: "\(base)/partners", idPrefix: "partner-new",
                              input: newFailed ? state.partnerInput! : ProgramPartnerInput(role: PartnerRole.organizer.rawValue, name: ""),
                              hasLogo: false, submit: req.t("partner.add"), failed: newFailed)
        let photoRows = photos.enumerated().map { index, photo in
            PhotoAdminRow(id: photo.id!, url: UploadStore.url(photo.file),
                          alt: photo.caption.isEmpty ? req.t("gallery.photoAlt", ["program": programName, "number": "\(index + 1)"]) : photo.caption,
                          caption: photo.caption, captionId: "photo-caption-\(photo.id!)", captionLabel: req.t("gallery.caption", ["number": "\(index + 1)"]),
                          width: photo.width, height: photo.height, isFirst: index == 0, isLast: index == photos.count - 1, version: photo.version,
                          error: state.photoID == photo.id ? state.photoIssue : nil)
        }
        return ProgramMediaAdminView(
            partnerGroups: groups, hasPartners: !partners.isEmpty, newPartner: newPartner, photos: photoRows, hasPhotos: !photos.isEmpty,
            photoError: state.photoError,
            uploadHint: req.t("news.admin.uploadHint", ["max": ImageKind.describe(bytes: req.application.podiumConfig.uploadMaxBytes)]))
    }
}
