import Fluent
import Foundation
import PodiumCore

/// What a program's pages show besides its data: the partners (organizers, host, co-organizers, sponsors, with
/// logos) and the photo gallery. Every change is audited; changes to one partner or photo carry its version.
struct ProgramMediaService {
    let db: any Database
    let clock: PodiumClock
    let uploads: UploadStore
    let maxUploadBytes: Int

    static let maxPartners = 60
    static let maxPhotos = 200
    static let partnerEntity = "program_partner"
    static let photoEntity = "program_photo"

    typealias Upload = ImageUploads.Upload

    var images: ImageUploads { ImageUploads(store: uploads, maxBytes: maxUploadBytes) }

    // MARK: Partners

    /// In the order pages list them: by role (organizers first), then by position within the role.
    func partners(programID: Int) async throws -> [ProgramPartnerModel] {
        let rows = try await ProgramPartnerModel.query(on: db).filter(\.$program.$id == programID).sort(\.$position).sort(\.$id).all()
        return rows.sorted { (PartnerRole(rawValue: $0.role) ?? .sponsor, $0.position, $0.id ?? 0) < (PartnerRole(rawValue: $1.role) ?? .sponsor, $1.position, $1.id ?? 0) }
    }

    static func partnerDTO(_ model: ProgramPartnerModel) -> ProgramPartnerDTO {
        ProgramPartnerDTO(id: model.id!, role: PartnerRole(rawValue: model.role) ?? .sponsor, position: model.position, name: model.name,
                          website: model.website, logoUrl: model.logoFile.map(UploadStore.url), logoWidth: model.logoWidth,
                          logoHeight: model.logoHeight, version: model.version)
    }

    private func partner(_ id: Int, programID: Int, on tx: any Database) async throws -> ProgramPartnerModel {
        guard let model = try await ProgramPartnerModel.query(on: tx).filter(\.$id == id).filter(\.$program.$id == programID).first() else {
            throw PodiumError.notFound(LocalizedMessage("error.partner.notFound"))
        }
        return model
    }

    /// The ids of one role's partners, in order.
    private func roleIDs(_ role: String, programID: Int, on tx: any Database) async throws -> [ProgramPartnerModel] {
        try await ProgramPartnerModel.query(on: tx).filter(\.$program.$id == programID).filter(\.$role == role).sort(\.$position).sort(\.$id).all()
    }

    /// Adds a partner at the end of its role (or at `position`), with a logo when one is sent.
    func createPartner(program: ProgramModel, _ input: ProgramPartnerInput, logo: Upload?, by actor: Actor) async throws -> ProgramPartnerDTO {
        let checked = try PartnerDraft(role: input.role, name: input.name, website: input.website ?? "").checked()
        let programID = program.id!, db = self.db, clock = self.clock
        let files = logo.map { [$0] } ?? []
        return try await images.storing(files, field: "logo") { stored in
            try await db.transaction { tx in
                guard try await ProgramPartnerModel.query(on: tx).filter(\.$program.$id == programID).count() < Self.maxPartners else {
                    throw PodiumError.invalid("name", "error.partner.tooMany", ["max": "\(Self.maxPartners)"])
                }
                let model = ProgramPartnerModel()
                model.$program.id = programID
                model.role = checked.role.rawValue
                model.name = checked.name
                model.website = checked.website
                model.logoFile = stored.first?.name
                model.logoWidth = stored.first?.size?.width
                model.logoHeight = stored.first?.size?.height
                model.version = 1
                let others = try await roleIDs(checked.role.rawValue, programID: programID, on: tx)
                model.position = others.count + 1
                try await model.create(on: tx)
                if let position = input.position {
                    try await Positions.renumber(others + [model], order: AgendaOrder.placing(model.id!, at: position, in: others.compactMap(\.id) + [model.id!]), on: tx)
                }
                try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: Self.partnerEntity, entityID: "\(model.id!)",
                                                                summary: "\(program.name): \(model.name)", before: Nothing?.none, after: ProgramPartnerAudit(model))
                return Self.partnerDTO(model)
            }
        }
    }

    /// Changes role, name, website (and place, with `position`); a new logo replaces the old one, whose file goes once saved.
    func updatePartner(program: ProgramModel, partnerID: Int, _ input: ProgramPartnerInput, logo: Upload?, by actor: Actor) async throws -> ProgramPartnerDTO {
        let checked = try PartnerDraft(role: input.role, name: input.name, website: input.website ?? "").checked()
        if input.version == nil { throw PodiumError.invalid("version", "error.version.required") }
        let programID = program.id!, db = self.db, clock = self.clock
        let (dto, replaced) = try await images.storing(logo.map { [$0] } ?? [], field: "logo") { stored in
            try await db.transaction { tx -> (ProgramPartnerDTO, String?) in
                let model = try await partner(partnerID, programID: programID, on: tx)
                let before = ProgramPartnerAudit(model)
                try await VersionGuard.bump(ProgramPartnerModel.schema, id: partnerID, expected: input.version, on: tx)
                let oldRole = model.role
                var replaced: String?
                model.role = checked.role.rawValue
                model.name = checked.name
                model.website = checked.website
                if let file = stored.first {
                    replaced = model.logoFile
                    model.logoFile = file.name
                    model.logoWidth = file.size?.width
                    model.logoHeight = file.size?.height
                }
                model.version += 1
                if oldRole != model.role {
                    model.position = try await roleIDs(model.role, programID: programID, on: tx).count + 1
                }
                try await model.update(on: tx)
                if oldRole != model.role {
                    let left = try await roleIDs(oldRole, programID: programID, on: tx)
                    try await Positions.renumber(left, order: left.compactMap(\.id), on: tx)
                }
                if let position = input.position {
                    let rows = try await roleIDs(model.role, programID: programID, on: tx)
                    try await Positions.renumber(rows, order: AgendaOrder.placing(partnerID, at: position, in: rows.compactMap(\.id)), on: tx)
                }
                let after = try await partner(partnerID, programID: programID, on: tx)
                try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: Self.partnerEntity, entityID: "\(partnerID)",
                                                                summary: "\(program.name): \(after.name)", before: before, after: ProgramPartnerAudit(after))
                return (Self.partnerDTO(after), replaced)
            }
        }
        if let replaced { uploads.remove([replaced]) }
        return dto
    }

    /// One place up or down within its role.
    func movePartner(program: ProgramModel, partnerID: Int, _ move: AgendaMove, version: Int?, by actor: Actor) async throws -> ProgramPartnerDTO {
        let programID = program.id!
        return try await db.transaction { tx in
            let model = try await partner(partnerID, programID: programID, on: tx)
            let before = ProgramPartnerAudit(model)
            let rows = try await roleIDs(model.role, programID: programID, on: tx)
            guard let order = AgendaOrder.moving(partnerID, move, in: rows.compactMap(\.id)) else {
                throw PodiumError.conflict(LocalizedMessage(move == .up ? "error.partner.alreadyFirst" : "error.partner.alreadyLast", ["name": model.name]))
            }
            try await VersionGuard.bump(ProgramPartnerModel.schema, id: partnerID, expected: version, on: tx)
            try await Positions.renumber(rows, order: order, on: tx)
            let after = try await partner(partnerID, programID: programID, on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "move", entityType: Self.partnerEntity, entityID: "\(partnerID)",
                                                            summary: "\(program.name): \(after.name) \(before.position) → \(after.position)",
                                                            before: before, after: ProgramPartnerAudit(after))
            return Self.partnerDTO(after)
        }
    }

    /// Removes a partner and its logo; the others of its role close up. With a version, a stale delete is refused.
    func deletePartner(program: ProgramModel, partnerID: Int, version: Int?, by actor: Actor) async throws {
        let programID = program.id!
        let file = try await db.transaction { tx -> String? in
            let model = try await partner(partnerID, programID: programID, on: tx)
            let before = ProgramPartnerAudit(model)
            if let version { try await VersionGuard.bump(ProgramPartnerModel.schema, id: partnerID, expected: version, on: tx) }
            try await model.delete(on: tx)
            let left = try await roleIDs(model.role, programID: programID, on: tx)
            try await Positions.renumber(left, order: left.compactMap(\.id), on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: Self.partnerEntity, entityID: "\(partnerID)",
                                                            summary: "\(program.name): \(model.name)", before: before, after: Nothing?.none)
            return model.logoFile
        }
        if let file { uploads.remove([file]) }
    }

    /// Sets or replaces the logo alone (the API's way); with a version, a stale change is refused.
    func setLogo(program: ProgramModel, partnerID: Int, _ logo: Upload, version: Int?, field: String = "logo", by actor: Actor) async throws -> ProgramPartnerDTO {
        let programID = program.id!, db = self.db, clock = self.clock
        let (dto, replaced) = try await images.storing([logo], field: field) { stored in
            try await db.transaction { tx -> (ProgramPartnerDTO, String?) in
                let model = try await partner(partnerID, programID: programID, on: tx)
                let before = ProgramPartnerAudit(model)
                if let version { try await VersionGuard.bump(ProgramPartnerModel.schema, id: partnerID, expected: version, on: tx) } else {
                    try await VersionGuard.bump(ProgramPartnerModel.schema, id: partnerID, expected: model.version, on: tx)
                }
                let replaced = model.logoFile
                model.logoFile = stored[0].name
                model.logoWidth = stored[0].size?.width
                model.logoHeight = stored[0].size?.height
                model.version += 1
                try await model.update(on: tx)
                try await AuditLog(db: tx, clock: clock).record(actor, action: "logo", entityType: Self.partnerEntity, entityID: "\(partnerID)",
                                                                summary: "\(program.name): \(model.name): \(ImageUploads.displayName(logo.fileName))",
                                                                before: before, after: ProgramPartnerAudit(model))
                return (Self.partnerDTO(model), replaced)
            }
        }
        if let replaced { uploads.remove([replaced]) }
        return dto
    }

    func removeLogo(program: ProgramModel, partnerID: Int, version: Int?, by actor: Actor) async throws -> ProgramPartnerDTO {
        let programID = program.id!
        let (dto, removed) = try await db.transaction { tx -> (ProgramPartnerDTO, String?) in
            let model = try await partner(partnerID, programID: programID, on: tx)
            guard let file = model.logoFile else { return (Self.partnerDTO(model), nil) }
            let before = ProgramPartnerAudit(model)
            try await VersionGuard.bump(ProgramPartnerModel.schema, id: partnerID, expected: version ?? model.version, on: tx)
            model.logoFile = nil
            model.logoWidth = nil
            model.logoHeight = nil
            model.version += 1
            try await model.update(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "logo", entityType: Self.partnerEntity, entityID: "\(partnerID)",
                                                            summary: "\(program.name): \(model.name)", before: before, after: ProgramPartnerAudit(model))
            return (Self.partnerDTO(model), file)
        }
        if let removed { uploads.remove([removed]) }
        return dto
    }

    // MARK: Photos

    func photos(programID: Int) async throws -> [ProgramPhotoModel] {
        try await ProgramPhotoModel.query(on: db).filter(\.$program.$id == programID).sort(\.$position).sort(\.$id).all()
    }

    static func photoDTO(_ photo: ProgramPhotoModel) -> ProgramPhotoDTO {
        ProgramPhotoDTO(id: photo.id!, position: photo.position, url: UploadStore.url(photo.file), caption: photo.caption,
                        contentType: photo.contentType, size: photo.size, width: photo.width, height: photo.height, version: photo.version)
    }

    private func photo(_ id: Int, programID: Int, on tx: any Database) async throws -> ProgramPhotoModel {
        guard let model = try await ProgramPhotoModel.query(on: tx).filter(\.$id == id).filter(\.$program.$id == programID).first() else {
            throw PodiumError.notFound(LocalizedMessage("error.gallery.photoNotFound"))
        }
        return model
    }

    static func cleanCaption(_ caption: String) throws(PodiumError) -> String {
        let cleaned = caption.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard cleaned.count <= ArticleDraft.maxCaptionLength else {
            throw .invalid("caption", "error.text.tooLong", ["max": "\(ArticleDraft.maxCaptionLength)"])
        }
        return cleaned
    }

    /// Adds photos at the end of the gallery, each with its caption. One bad file stores none of them.
    func addPhotos(program: ProgramModel, _ files: [Upload], field: String = "file", by actor: Actor) async throws -> [ProgramPhotoDTO] {
        guard !files.isEmpty else { throw PodiumError.invalid(field, "error.upload.noFile") }
        var captions: [String] = []
        for file in files { captions.append(try Self.cleanCaption(file.caption)) }
        let programID = program.id!, db = self.db, clock = self.clock
        let cleaned = captions
        return try await images.storing(files, field: field) { stored in
            try await db.transaction { tx in
                let existing = try await ProgramPhotoModel.query(on: tx).filter(\.$program.$id == programID).all()
                guard existing.count + stored.count <= Self.maxPhotos else {
                    throw PodiumError.invalid(field, "error.gallery.tooMany", ["max": "\(Self.maxPhotos)"])
                }
                var next = (existing.map(\.position).max() ?? 0) + 1
                var added: [ProgramPhotoDTO] = []
                for (file, caption) in zip(stored, cleaned) {
                    let photo = ProgramPhotoModel()
                    photo.$program.id = programID
                    photo.position = next
                    photo.file = file.name
                    photo.contentType = file.kind.contentType
                    photo.size = file.upload.data.count
                    photo.width = file.size?.width
                    photo.height = file.size?.height
                    photo.caption = caption
                    photo.version = 1
                    try await photo.create(on: tx)
                    added.append(Self.photoDTO(photo))
                    next += 1
                }
                try await AuditLog(db: tx, clock: clock).record(actor, action: "photo_add", entityType: "program", entityID: "\(programID)",
                                                                summary: "\(program.name): \(stored.map { ImageUploads.displayName($0.upload.fileName) }.joined(separator: ", "))",
                                                                before: Nothing?.none, after: added)
                return added
            }
        }
    }

    /// A new caption, or a new place in the gallery (the others move to make room), with the version read.
    func updatePhoto(program: ProgramModel, photoID: Int, _ input: ProgramPhotoUpdateInput, by actor: Actor) async throws -> ProgramPhotoDTO {
        let programID = program.id!
        return try await db.transaction { tx in
            let model = try await photo(photoID, programID: programID, on: tx)
            let before = Self.photoDTO(model)
            var caption: String?
            if let text = input.caption { caption = try Self.cleanCaption(text) }
            if let position = input.position, position < 1 {
                throw PodiumError.invalid("position", "error.gallery.positionRange")
            }
            try await VersionGuard.bump(ProgramPhotoModel.schema, id: photoID, expected: input.version, on: tx)
            model.version += 1
            if let caption { model.caption = caption }
            try await model.update(on: tx)
            if let position = input.position {
                let rows = try await photos(programID: programID, on: tx)
                try await Positions.renumber(rows, order: AgendaOrder.placing(photoID, at: position, in: rows.compactMap(\.id)), on: tx)
            }
            let after = Self.photoDTO(try await photo(photoID, programID: programID, on: tx))
            try await AuditLog(db: tx, clock: clock).record(actor, action: input.position == nil ? "photo_update" : "move", entityType: Self.photoEntity,
                                                            entityID: "\(photoID)", summary: "\(program.name): #\(after.position)", before: before, after: after)
            return after
        }
    }

    func movePhoto(program: ProgramModel, photoID: Int, _ move: AgendaMove, version: Int?, by actor: Actor) async throws -> ProgramPhotoDTO {
        let programID = program.id!
        return try await db.transaction { tx in
            let model = try await photo(photoID, programID: programID, on: tx)
            let before = Self.photoDTO(model)
            let rows = try await photos(programID: programID, on: tx)
            guard let order = AgendaOrder.moving(photoID, move, in: rows.compactMap(\.id)) else {
                throw PodiumError.conflict(LocalizedMessage(move == .up ? "error.gallery.alreadyFirst" : "error.gallery.alreadyLast"))
            }
            try await VersionGuard.bump(ProgramPhotoModel.schema, id: photoID, expected: version, on: tx)
            try await Positions.renumber(rows, order: order, on: tx)
            let after = Self.photoDTO(try await photo(photoID, programID: programID, on: tx))
            try await AuditLog(db: tx, clock: clock).record(actor, action: "move", entityType: Self.photoEntity, entityID: "\(photoID)",
                                                            summary: "\(program.name): #\(before.position) → #\(after.position)", before: before, after: after)
            return after
        }
    }

    /// Removes a photo and its file; the others close up. With a version, a stale delete is refused.
    func deletePhoto(program: ProgramModel, photoID: Int, version: Int?, by actor: Actor) async throws {
        let programID = program.id!
        let file = try await db.transaction { tx -> String in
            let model = try await photo(photoID, programID: programID, on: tx)
            let before = Self.photoDTO(model)
            if let version { try await VersionGuard.bump(ProgramPhotoModel.schema, id: photoID, expected: version, on: tx) }
            try await UploadStore.refuseIfShown(model.file, on: tx)
            try await model.delete(on: tx)
            let rows = try await photos(programID: programID, on: tx)
            try await Positions.renumber(rows, order: rows.compactMap(\.id), on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "photo_remove", entityType: Self.photoEntity, entityID: "\(photoID)",
                                                            summary: "\(program.name): #\(before.position)", before: before, after: Nothing?.none)
            return model.file
        }
        uploads.remove([file])
    }

    private func photos(programID: Int, on tx: any Database) async throws -> [ProgramPhotoModel] {
        try await ProgramPhotoModel.query(on: tx).filter(\.$program.$id == programID).sort(\.$position).sort(\.$id).all()
    }
}
