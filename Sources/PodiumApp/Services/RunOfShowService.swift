import Fluent
import Foundation
import PodiumCore

/// The opening ceremony of a games program: segments back to back from a start time, a march-in's formations
/// from the program's teams behind the flags. Timings and checks are PodiumCore's `RunOfShow`.
struct RunOfShowService {
    let db: any Database
    let clock: PodiumClock

    static let segmentEntity = "run_of_show_segment"
    static let startEntity = "run_of_show_start"
    /// 08:30, until the organizer sets another start.
    static let defaultStart = 8 * 60 + 30
    static let maxFormations = 100
    static let maxFormationLength = 100

    // MARK: Reading

    func runOfShow(programID: Int) async throws -> RunOfShowDTO {
        let settings = try await settings(programID: programID)
        let start = settings?.startsAt ?? Self.defaultStart
        let segments = Self.dtos(try await segmentModels(programID: programID), start: start)
        return RunOfShowDTO(programId: programID, startsAt: MinuteOfDay.text(start), endsAt: segments.last?.endsAt ?? MinuteOfDay.text(start),
                            version: settings?.version ?? 0, segments: segments)
    }

    func segment(_ id: Int, programID: Int) async throws -> RunOfShowSegmentModel {
        guard let segment = try await RunOfShowSegmentModel.find(id, on: db), segment.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.runOfShow.segmentNotFound"))
        }
        return segment
    }

    private func settings(programID: Int) async throws -> CeremonySettingsModel? {
        try await CeremonySettingsModel.query(on: db).filter(\.$program.$id == programID).first()
    }

    private func segmentModels(programID: Int) async throws -> [RunOfShowSegmentModel] {
        try await RunOfShowSegmentModel.query(on: db).filter(\.$program.$id == programID).sort(\.$position).sort(\.$id).all()
    }

    private func segmentDTO(_ id: Int, programID: Int) async throws -> RunOfShowSegmentDTO {
        guard let dto = try await runOfShow(programID: programID).segments.first(where: { $0.id == id }) else {
            throw PodiumError.notFound(LocalizedMessage("error.runOfShow.segmentNotFound"))
        }
        return dto
    }

    // MARK: Writing

    /// Sets the start time; version 0 while the default start applies.
    func setStart(program: ProgramModel, _ input: RunOfShowStartInput, by actor: Actor) async throws -> RunOfShowDTO {
        var issues = ValidationCollector()
        let start = DutyService.time(input.startsAt, field: "startsAt", into: &issues)
        try issues.check()
        guard let expected = input.version else { throw PodiumError.invalid("version", "error.version.required") }
        return try await db.transaction { tx in
            let service = RunOfShowService(db: tx, clock: clock)
            let programID = program.id!
            let before = try await service.runOfShow(programID: programID)
            let model: CeremonySettingsModel
            if let existing = try await service.settings(programID: programID) {
                try await VersionGuard.bump(CeremonySettingsModel.schema, id: existing.id!, expected: expected, on: tx)
                model = existing
                model.version = expected + 1
            } else {
                guard expected == 0 else { throw PodiumError.conflict(LocalizedMessage("error.version.stale")) }
                model = CeremonySettingsModel()
                model.$program.id = programID
                model.version = 1
            }
            model.startsAt = start!
            try await model.save(on: tx)
            let after = try await service.runOfShow(programID: programID)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: Self.startEntity, entityID: "\(programID)",
                                                            summary: "\(program.name): \(before.startsAt) → \(after.startsAt)",
                                                            before: ["startsAt": before.startsAt], after: ["startsAt": after.startsAt])
            return after
        }
    }

    /// Adds a segment at the end, or at `position` with the ones from there on moving down.
    func addSegment(program: ProgramModel, _ input: RunOfShowSegmentInput, by actor: Actor) async throws -> RunOfShowSegmentDTO {
        try await db.transaction { tx in
            let service = RunOfShowService(db: tx, clock: clock)
            let programID = program.id!
            let segment = try await service.checked(input, current: nil, programID: programID)
            let model = RunOfShowSegmentModel()
            model.$program.id = programID
            model.position = (try await service.segmentModels(programID: programID).last?.position ?? 0) + 1
            model.apply(segment)
            model.version = 1
            try await model.create(on: tx)
            if let position = input.position {
                let ids = try await service.segmentModels(programID: programID).compactMap(\.id)
                try await service.renumber(programID: programID, order: AgendaOrder.placing(model.id!, at: position, in: ids))
            }
            let dto = try await service.segmentDTO(model.id!, programID: programID)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: Self.segmentEntity, entityID: "\(dto.id)",
                                                            summary: "\(program.name): \(dto.title)", before: Nothing?.none, after: dto)
            return dto
        }
    }

    /// Changes a segment; omitted fields keep their value, `""` clears the performer. A stale version gets 409.
    func updateSegment(program: ProgramModel, segmentID: Int, _ input: RunOfShowSegmentInput, by actor: Actor) async throws -> RunOfShowSegmentDTO {
        try await db.transaction { tx in
            let service = RunOfShowService(db: tx, clock: clock)
            let programID = program.id!
            let model = try await service.segment(segmentID, programID: programID)
            let before = try await service.segmentDTO(segmentID, programID: programID)
            let segment = try await service.checked(input, current: model.core, programID: programID)
            try await VersionGuard.bump(RunOfShowSegmentModel.schema, id: segmentID, expected: input.version, on: tx)
            model.apply(segment)
            model.version = input.version! + 1
            try await model.save(on: tx)
            if let position = input.position {
                let ids = try await service.segmentModels(programID: programID).compactMap(\.id)
                try await service.renumber(programID: programID, order: AgendaOrder.placing(segmentID, at: position, in: ids))
            }
            let after = try await service.segmentDTO(segmentID, programID: programID)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: Self.segmentEntity, entityID: "\(segmentID)",
                                                            summary: "\(program.name): \(after.title)", before: before, after: after)
            return after
        }
    }

    /// One place up or down; the first segment cannot go up, nor the last down.
    func moveSegment(program: ProgramModel, segmentID: Int, _ move: AgendaMove, version: Int?, by actor: Actor) async throws -> RunOfShowSegmentDTO {
        try await db.transaction { tx in
            let service = RunOfShowService(db: tx, clock: clock)
            let programID = program.id!
            let model = try await service.segment(segmentID, programID: programID)
            let before = try await service.segmentDTO(segmentID, programID: programID)
            let ids = try await service.segmentModels(programID: programID).compactMap(\.id)
            guard let order = AgendaOrder.moving(segmentID, move, in: ids) else {
                throw PodiumError.conflict(LocalizedMessage(move == .up ? "error.runOfShow.alreadyFirst" : "error.runOfShow.alreadyLast", ["title": model.title]))
            }
            try await VersionGuard.bump(RunOfShowSegmentModel.schema, id: segmentID, expected: version, on: tx)
            try await service.renumber(programID: programID, order: order)
            let after = try await service.segmentDTO(segmentID, programID: programID)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "move", entityType: Self.segmentEntity, entityID: "\(segmentID)",
                                                            summary: "\(program.name): \(after.title) \(before.position) → \(after.position)",
                                                            before: before, after: after)
            return after
        }
    }

    /// Removes a segment; the ones after it move up. With a version, a stale delete is refused.
    func deleteSegment(program: ProgramModel, segmentID: Int, version: Int?, by actor: Actor) async throws {
        try await db.transaction { tx in
            let service = RunOfShowService(db: tx, clock: clock)
            let programID = program.id!
            let model = try await service.segment(segmentID, programID: programID)
            let before = try await service.segmentDTO(segmentID, programID: programID)
            if let version { try await VersionGuard.bump(RunOfShowSegmentModel.schema, id: segmentID, expected: version, on: tx) }
            try await model.delete(on: tx)
            try await service.renumber(programID: programID, order: try await service.segmentModels(programID: programID).compactMap(\.id))
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: Self.segmentEntity, entityID: "\(segmentID)",
                                                            summary: "\(program.name): \(before.title)", before: before, after: Nothing?.none)
        }
    }

    // MARK: Checks

    /// The segment the input makes of `current` (nil for a new one), with every problem reported at once under
    /// the input's field names: `kind`, `title`, `duration`, `performer`, `formations`, `secondsPerFormation`, `fromTeams`.
    private func checked(_ input: RunOfShowSegmentInput, current: RunOfShowSegment?, programID: Int) async throws -> RunOfShowSegment {
        var issues = ValidationCollector()
        let kindText = (input.kind ?? current?.kind.rawValue ?? "").trimmingCharacters(in: .whitespaces)
        let kind = RunOfShowKind(rawValue: kindText)
        if kindText.isEmpty { issues.add("kind", "error.runOfShow.kindRequired") }
        else if kind == nil {
            issues.add("kind", "error.field.oneOf", ["value": kindText, "allowed": RunOfShowKind.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        var formations = (input.formations ?? current?.formations ?? []).map(\.collapsingWhitespace).filter { !$0.isEmpty }
        if let fromTeams = input.fromTeams {
            if kind != .marchIn {
                issues.add("fromTeams", "error.runOfShow.fromTeamsNotMarchIn")
            } else {
                do { formations = try await marchIn(programID: programID, fromTeams) } catch PodiumError.validation(let found) { found.forEach { issues.add($0) } }
            }
        }
        if kind != .marchIn { formations = [] }
        if formations.count > Self.maxFormations { issues.add("formations", "error.runOfShow.tooManyFormations", ["max": "\(Self.maxFormations)"]) }
        if let long = formations.first(where: { $0.count > Self.maxFormationLength }) {
            issues.add("formations", "error.runOfShow.formationTooLong", ["name": String(long.prefix(20)) + "…", "max": "\(Self.maxFormationLength)"])
        }
        let timedByFormations = kind == .marchIn && !formations.isEmpty
        let seconds = input.secondsPerFormation ?? current?.secondsPerFormation ?? 30
        var duration = input.duration ?? current?.duration
        if duration == nil {
            if timedByFormations {
                duration = RunOfShowSegment(kind: .marchIn, title: "", duration: 0, formations: formations, secondsPerFormation: seconds).minutes
            } else {
                issues.add("duration", "error.field.required")
            }
        }
        let performer = (input.performer ?? current?.performer)?.collapsingWhitespace.nilIfEmpty
        let segment = RunOfShowSegment(kind: kind ?? .other, title: (input.title ?? current?.title ?? "").collapsingWhitespace,
                                       duration: duration ?? RunOfShowSegment.durationRange.lowerBound, performer: performer,
                                       formations: formations, secondsPerFormation: seconds)
        for issue in RunOfShow.issues(segments: [segment]) {
            issues.add(FieldIssue(String(issue.field.dropFirst("segments[0].".count)), issue.message))
        }
        try issues.check()
        return segment
    }

    /// The march-in order: the flags, then the chosen teams in the order given, or every team by name.
    func marchIn(programID: Int, _ input: MarchInFromTeamsInput) async throws -> [String] {
        let teams = try await GamesTeamModel.query(on: db).filter(\.$program.$id == programID).all()
        let byID = Dictionary(uniqueKeysWithValues: teams.map { ($0.id!, $0) })
        let ordered: [GamesTeamModel]
        if let ids = input.teamIds {
            let unknown = ids.filter { byID[$0] == nil }
            if !unknown.isEmpty {
                throw PodiumError.invalid("fromTeams.teamIds", "error.runOfShow.unknownTeams", ["ids": unknown.map(String.init).joined(separator: ", ")])
            }
            ordered = ids.compactMap { byID[$0] }
        } else {
            ordered = teams.sorted { ($0.name, $0.id!) < ($1.name, $1.id!) }
        }
        if ordered.isEmpty { throw PodiumError.invalid("fromTeams", "error.runOfShow.noTeams") }
        return RunOfShow.marchInOrder(teams: ordered.map(\.name), nationalFlag: input.nationalFlag?.nilIfEmpty, groupFlag: input.groupFlag?.nilIfEmpty)
    }

    /// Positions 1, 2, 3… in the given order. Only rows whose position changes are written.
    private func renumber(programID: Int, order: [Int]) async throws {
        try await Positions.renumber(try await segmentModels(programID: programID), order: order, on: db)
    }

    /// The segments with their clock times and a march-in's cues.
    static func dtos(_ models: [RunOfShowSegmentModel], start: Int) -> [RunOfShowSegmentDTO] {
        let timings = RunOfShow.timings(start: start, segments: models.map(\.core))
        return zip(models, timings).map { model, timing in
            let segment = timing.segment
            let cues = segment.kind == .marchIn ? RunOfShow.cues(start: timing.start, segment: segment).map { MarchInCueDTO(formation: $0.formation, at: $0.text) } : []
            return RunOfShowSegmentDTO(id: model.id!, position: model.position, kind: segment.kind, title: segment.title, duration: segment.duration,
                                       minutes: segment.minutes, performer: segment.performer, formations: segment.formations,
                                       secondsPerFormation: segment.secondsPerFormation, startsAt: MinuteOfDay.text(timing.start),
                                       endsAt: MinuteOfDay.text(timing.end), cues: cues, version: model.version)
        }
    }
}

extension RunOfShowSegmentModel {
    var core: RunOfShowSegment {
        RunOfShowSegment(kind: RunOfShowKind(rawValue: kind) ?? .other, title: title, duration: duration, performer: performer,
                         formations: formations.split(separator: "\n").map(String.init).filter { !$0.isEmpty },
                         secondsPerFormation: secondsPerFormation)
    }

    func apply(_ segment: RunOfShowSegment) {
        kind = segment.kind.rawValue
        title = segment.title
        duration = segment.duration
        performer = segment.performer
        formations = segment.formations.joined(separator: "\n")
        secondsPerFormation = segment.secondsPerFormation
    }
}
