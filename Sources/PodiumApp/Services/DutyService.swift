import Fluent
import Foundation
import PodiumCore

/// The organizing team of a games program: its posts and the shifts they need staffed. Who stands on them
/// is `DutyAssignmentService`; the rules (nobody on two posts at once, coverage, filling gaps) are PodiumCore's
/// `DutyRoster`.
struct DutyService {
    let db: any Database
    let clock: PodiumClock

    static let postEntity = "duty_post"
    static let shiftEntity = "duty_shift"
    static let maxNameLength = 100
    static let maxVenueLength = 100
    static let neededRange = 1...200

    // MARK: Reading

    /// A program's posts with their shifts and how well each is staffed.
    func posts(programID: Int) async throws -> [DutyPostDTO] {
        try await roster(programID: programID).postDTOs()
    }

    func roster(programID: Int) async throws -> DutyRosterData {
        let posts = try await DutyPostModel.query(on: db).filter(\.$program.$id == programID).sort(\.$position).sort(\.$id).all()
        let postIDs = posts.compactMap(\.id)
        let shifts = postIDs.isEmpty ? [] : try await DutyShiftModel.query(on: db).filter(\.$post.$id ~~ postIDs).all()
        let assignments = postIDs.isEmpty ? [] : try await DutyAssignmentModel.query(on: db).filter(\.$post.$id ~~ postIDs).all()
        let personIDs = Array(Set(assignments.map { $0.$person.id }))
        let people = personIDs.isEmpty ? [] : try await PersonModel.query(on: db).filter(\.$id ~~ personIDs).all()
        return DutyRosterData(programID: programID, posts: posts, shifts: shifts, assignments: assignments,
                              people: Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0) }),
                              tree: try await UnitService(db: db, clock: clock).tree())
    }

    func post(_ id: Int, programID: Int) async throws -> DutyPostModel {
        guard let post = try await DutyPostModel.find(id, on: db), post.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.staff.postNotFound"))
        }
        return post
    }

    func shift(_ id: Int, programID: Int) async throws -> (shift: DutyShiftModel, post: DutyPostModel) {
        guard let shift = try await DutyShiftModel.find(id, on: db), let post = try await DutyPostModel.find(shift.$post.id, on: db),
              post.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.staff.shiftNotFound"))
        }
        return (shift, post)
    }

    // MARK: Posts

    /// Adds a post at the end, or at `position` with the posts from there on moving down.
    func createPost(program: ProgramModel, _ input: DutyPostInput, by actor: Actor) async throws -> DutyPostDTO {
        let checked = try Self.checkPost(name: input.name ?? "", kind: input.kind ?? "", venue: input.venueName)
        return try await db.transaction { tx in
            let service = DutyService(db: tx, clock: clock)
            let programID = program.id!
            try await service.refuseDuplicate(checked.name, programID: programID, except: nil)
            let post = DutyPostModel()
            post.$program.id = programID
            post.position = (try await service.postModels(programID: programID).last?.position ?? 0) + 1
            post.apply(checked)
            post.version = 1
            try await post.create(on: tx)
            if let position = input.position {
                let ids = try await service.postModels(programID: programID).compactMap(\.id)
                try await service.renumber(programID: programID, order: AgendaOrder.placing(post.id!, at: position, in: ids))
            }
            let dto = try await service.postDTO(post.id!, programID: programID)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: Self.postEntity, entityID: "\(dto.id)",
                                                            summary: "\(program.name): \(dto.name)", before: Nothing?.none, after: dto)
            return dto
        }
    }

    /// Changes a post; omitted fields keep their value, `""` clears the venue. A stale version gets 409.
    func updatePost(program: ProgramModel, postID: Int, _ input: DutyPostInput, by actor: Actor) async throws -> DutyPostDTO {
        try await db.transaction { tx in
            let service = DutyService(db: tx, clock: clock)
            let programID = program.id!
            let post = try await service.post(postID, programID: programID)
            let before = try await service.postDTO(postID, programID: programID)
            let checked = try Self.checkPost(name: input.name ?? post.name, kind: input.kind ?? post.kind, venue: input.venueName ?? post.venueName)
            try await service.refuseDuplicate(checked.name, programID: programID, except: postID)
            try await VersionGuard.bump(DutyPostModel.schema, id: postID, expected: input.version, on: tx)
            post.apply(checked)
            post.version = input.version! + 1
            try await post.save(on: tx)
            if let position = input.position {
                let ids = try await service.postModels(programID: programID).compactMap(\.id)
                try await service.renumber(programID: programID, order: AgendaOrder.placing(postID, at: position, in: ids))
            }
            let after = try await service.postDTO(postID, programID: programID)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: Self.postEntity, entityID: "\(postID)",
                                                            summary: "\(program.name): \(after.name)", before: before, after: after)
            return after
        }
    }

    /// Removes a post and its shifts; a post with people on it is refused until they are taken off.
    func deletePost(program: ProgramModel, postID: Int, version: Int?, by actor: Actor) async throws {
        try await db.transaction { tx in
            let service = DutyService(db: tx, clock: clock)
            let programID = program.id!
            let post = try await service.post(postID, programID: programID)
            let before = try await service.postDTO(postID, programID: programID)
            let staffed = try await DutyAssignmentModel.query(on: tx).filter(\.$post.$id == postID).count()
            guard staffed == 0 else {
                throw PodiumError.conflict(LocalizedMessage("error.staff.postHasPeople", ["post": post.name, "count": "\(staffed)"]))
            }
            if let version { try await VersionGuard.bump(DutyPostModel.schema, id: postID, expected: version, on: tx) }
            try await DutyShiftModel.query(on: tx).filter(\.$post.$id == postID).delete()
            try await post.delete(on: tx)
            try await service.renumber(programID: programID, order: try await service.postModels(programID: programID).compactMap(\.id))
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: Self.postEntity, entityID: "\(postID)",
                                                            summary: "\(program.name): \(before.name)", before: before, after: Nothing?.none)
        }
    }

    // MARK: Shifts

    /// Adds a stretch of time the post needs people for; shifts of one post may not overlap.
    func addShift(program: ProgramModel, postID: Int, _ input: DutyShiftInput, by actor: Actor) async throws -> DutyShiftDTO {
        var issues = ValidationCollector()
        let starts = Self.time(input.starts, field: "starts", into: &issues)
        let ends = Self.time(input.ends, field: "ends", into: &issues)
        if let starts, let ends, ends <= starts {
            issues.add("ends", "error.staff.shiftRange", ["time": MinuteOfDay.span(starts, ends)])
        }
        if let needed = input.needed {
            if !Self.neededRange.contains(needed) {
                issues.add("needed", "error.field.range", ["value": "\(needed)", "min": "\(Self.neededRange.lowerBound)", "max": "\(Self.neededRange.upperBound)"])
            }
        } else {
            issues.add("needed", "error.field.required")
        }
        let found = issues
        return try await db.transaction { tx in
            var issues = found
            let service = DutyService(db: tx, clock: clock)
            let post = try await service.post(postID, programID: program.id!)
            if let starts, let ends, starts < ends {
                let span = TimeSpan(start: starts, end: ends)
                let others = try await DutyShiftModel.query(on: tx).filter(\.$post.$id == postID).sort(\.$starts).all()
                if let clash = others.first(where: { TimeSpan(start: $0.starts, end: $0.ends).overlaps(span) }) {
                    issues.add("starts", "error.staff.shiftOverlap", ["post": post.name, "time": MinuteOfDay.span(clash.starts, clash.ends)])
                }
            }
            try issues.check()
            let shift = DutyShiftModel()
            shift.$post.id = postID
            shift.starts = starts!
            shift.ends = ends!
            shift.needed = input.needed!
            shift.version = 1
            try await shift.create(on: tx)
            let dto = try await service.roster(programID: program.id!).shiftDTO(shift.id!)!
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: Self.shiftEntity, entityID: "\(dto.id)",
                                                            summary: "\(program.name): \(post.name) \(dto.starts)–\(dto.ends)", before: Nothing?.none, after: dto)
            return dto
        }
    }

    /// Removes a shift; the people on the post stay on it.
    func removeShift(program: ProgramModel, shiftID: Int, version: Int?, by actor: Actor) async throws {
        try await db.transaction { tx in
            let service = DutyService(db: tx, clock: clock)
            let (shift, post) = try await service.shift(shiftID, programID: program.id!)
            let before = try await service.roster(programID: program.id!).shiftDTO(shiftID)
            if let version { try await VersionGuard.bump(DutyShiftModel.schema, id: shiftID, expected: version, on: tx) }
            try await shift.delete(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: Self.shiftEntity, entityID: "\(shiftID)",
                                                            summary: "\(program.name): \(post.name) \(MinuteOfDay.span(shift.starts, shift.ends))",
                                                            before: before, after: Nothing?.none)
        }
    }

    // MARK: Helpers

    struct CheckedPost {
        let name: String
        let kind: DutyKind
        let venueName: String?
    }

    /// Every problem of a post's fields at once.
    static func checkPost(name: String, kind: String, venue: String?) throws -> CheckedPost {
        var issues = ValidationCollector()
        let name = name.collapsingWhitespace
        if name.isEmpty { issues.add("name", "error.staff.postNameRequired") }
        else if name.count > maxNameLength { issues.add("name", "error.staff.postNameTooLong", ["max": "\(maxNameLength)"]) }
        let kindText = kind.trimmingCharacters(in: .whitespaces)
        let dutyKind = DutyKind(rawValue: kindText)
        if kindText.isEmpty { issues.add("kind", "error.staff.kindRequired") }
        else if dutyKind == nil {
            issues.add("kind", "error.field.oneOf", ["value": kindText, "allowed": DutyKind.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        let venue = venue?.collapsingWhitespace.nilIfEmpty
        if let venue, venue.count > maxVenueLength { issues.add("venueName", "error.staff.venueTooLong", ["max": "\(maxVenueLength)"]) }
        try issues.check()
        return CheckedPost(name: name, kind: dutyKind!, venueName: venue)
    }

    /// A time of day typed as `HH:mm`, or nil with the problem noted under `field`.
    static func time(_ text: String?, field: String, into issues: inout ValidationCollector) -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            issues.add(field, "error.field.required")
            return nil
        }
        guard let minutes = MinuteOfDay.parse(text) else {
            issues.add(field, "error.staff.time", ["value": text])
            return nil
        }
        return minutes
    }

    private func refuseDuplicate(_ name: String, programID: Int, except postID: Int?) async throws {
        let folded = name.lowercased()
        if let same = try await postModels(programID: programID).first(where: { $0.name.lowercased() == folded && $0.id != postID }) {
            throw PodiumError.invalid("name", "error.staff.postExists", ["name": same.name])
        }
    }

    private func postModels(programID: Int) async throws -> [DutyPostModel] {
        try await DutyPostModel.query(on: db).filter(\.$program.$id == programID).sort(\.$position).sort(\.$id).all()
    }

    private func postDTO(_ id: Int, programID: Int) async throws -> DutyPostDTO {
        guard let dto = try await roster(programID: programID).postDTOs().first(where: { $0.id == id }) else {
            throw PodiumError.notFound(LocalizedMessage("error.staff.postNotFound"))
        }
        return dto
    }

    /// Positions 1, 2, 3… in the given order. Only rows whose position changes are written.
    private func renumber(programID: Int, order: [Int]) async throws {
        try await Positions.renumber(try await postModels(programID: programID), order: order, on: db)
    }
}

extension DutyPostModel {
    func apply(_ checked: DutyService.CheckedPost) {
        name = checked.name
        kind = checked.kind.rawValue
        venueName = checked.venueName
    }
}
