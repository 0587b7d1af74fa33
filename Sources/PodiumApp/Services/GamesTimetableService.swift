import Fluent
import Foundation
import PodiumCore

/// The meet day of a games program: venues, the frame of the day and each event's plan (this file), and
/// the timetable itself, planned by PodiumCore's `TimetablePlanner` and moved by hand (`+Schedule`).
struct GamesTimetableService {
    let db: any Database
    let clock: PodiumClock

    /// 08:00 to 18:00 on a 5-minute grid, 10 minutes for a person between items, 20 between rounds.
    static let defaultSettings = TimetableSettings(dayStart: 8 * 60, dayEnd: 18 * 60)

    // MARK: Venues

    func venues(programID: Int, on db: (any Database)? = nil) async throws -> [GamesVenueModel] {
        try await GamesVenueModel.query(on: db ?? self.db).filter(\.$program.$id == programID).sort(\.$position).sort(\.$id).all()
    }

    func venue(_ id: Int, programID: Int, on db: any Database) async throws -> GamesVenueModel {
        guard let venue = try await GamesVenueModel.find(id, on: db), venue.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.timetable.unknownVenue", ["id": "\(id)"]))
        }
        return venue
    }

    func createVenue(programID: Int, _ input: VenueInput, by actor: Actor) async throws -> VenueDTO {
        try await db.transaction { tx in
            let model = GamesVenueModel()
            model.$program.id = programID
            try Self.apply(input, to: model, isNew: true)
            let last = try await GamesVenueModel.query(on: tx).filter(\.$program.$id == programID).max(\.$position) ?? 0
            model.position = input.position ?? last + 1
            model.version = 1
            try await model.create(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: "venue", entityID: "\(model.id!)",
                                                            summary: model.name, before: Nothing?.none, after: model.dto)
            return model.dto
        }
    }

    func updateVenue(programID: Int, venueID: Int, _ input: VenueInput, by actor: Actor) async throws -> VenueDTO {
        try await db.transaction { tx in
            let model = try await venue(venueID, programID: programID, on: tx)
            let before = model.dto
            guard let expected = input.version else { throw PodiumError.invalid("version", "error.version.required") }
            try Self.apply(input, to: model, isNew: false)
            if let position = input.position { model.position = position }
            try await VersionGuard.bump(GamesVenueModel.schema, id: venueID, expected: expected, on: tx)
            model.version = expected + 1
            try await model.save(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: "venue", entityID: "\(venueID)",
                                                            summary: model.name, before: before, after: model.dto)
            return model.dto
        }
    }

    /// Removes a venue nothing is placed on. Event plans that named it fall back to their venue kinds.
    func deleteVenue(programID: Int, venueID: Int, version: Int?, by actor: Actor) async throws {
        try await db.transaction { tx in
            let model = try await venue(venueID, programID: programID, on: tx)
            let placed = try await GamesScheduleItemModel.query(on: tx).filter(\.$venue.$id == venueID).count()
            guard placed == 0 else {
                throw PodiumError.conflict(LocalizedMessage("error.venue.inUse", ["venue": model.name, "count": "\(placed)"]))
            }
            if let version { try await VersionGuard.bump(GamesVenueModel.schema, id: venueID, expected: version, on: tx) }
            let before = model.dto
            try await GamesEventPlanModel.query(on: tx).filter(\.$venueID == venueID).set(\.$venueID, to: nil).update()
            try await model.delete(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: "venue", entityID: "\(venueID)",
                                                            summary: before.name, before: before, after: Nothing?.none)
        }
    }

    /// Fills a venue from the input, keeping what is left out, and reports every problem at once.
    static func apply(_ input: VenueInput, to model: GamesVenueModel, isNew: Bool) throws {
        var issues = ValidationCollector()
        let name = (input.name ?? (isNew ? "" : model.name)).collapsingWhitespace
        let kindText = input.kind ?? (isNew ? "" : model.kind)
        let kind = VenueKind(rawValue: kindText)
        if kind == nil {
            issues.add("kind", "error.field.oneOf", ["value": kindText, "allowed": VenueKind.allCases.map(\.rawValue).joined(separator: ", ")])
        }
        let opens = minutes(input.opens, field: "opens", current: isNew ? 0 : model.opens, into: &issues)
        let closes = minutes(input.closes, field: "closes", current: isNew ? 24 * 60 : model.closes, into: &issues)
        if let opens, let closes {
            Venue(id: 0, name: name, kind: kind ?? .other, opens: opens, closes: closes).issues.forEach { issues.add($0) }
        } else {
            Venue(id: 0, name: name, kind: kind ?? .other).issues.forEach { issues.add($0) }
        }
        var lanes: Int?, laneOrder: String?
        if kind == .track {
            let count = input.lanes ?? (isNew ? nil : model.lanes) ?? EventSchedule.defaultLanes
            lanes = count
            if !LaneOrder.laneCounts.contains(count) {
                issues.add("lanes", "error.lanes.count", ["lanes": "\(count)", "min": "\(LaneOrder.laneCounts.lowerBound)",
                                                          "max": "\(LaneOrder.laneCounts.upperBound)"])
            } else if let text = (input.laneOrder ?? (isNew ? nil : model.laneOrder))?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                do { laneOrder = try LaneOrder.parse(text, lanes: count).text } catch {
                    if case .validation(let found) = error { found.forEach { issues.add($0) } }
                }
            }
        }
        try issues.check()
        model.name = name
        model.kind = kind!.rawValue
        model.opens = opens!
        model.closes = closes!
        model.lanes = lanes
        model.laneOrder = laneOrder
    }

    /// `HH:mm` as minutes from midnight (`24:00` is the end of the day); the current value when not given.
    static func minutes(_ text: String?, field: String, current: Int, into issues: inout ValidationCollector) -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces) else { return current }
        if text == "24:00" { return 24 * 60 }
        guard let value = MinuteOfDay.parse(text) else {
            issues.add(field, "error.timetable.time", ["value": text])
            return nil
        }
        return value
    }

    // MARK: The day

    func settings(programID: Int, on db: (any Database)? = nil) async throws -> (settings: TimetableSettings, version: Int) {
        guard let model = try await GamesTimetableSettingsModel.query(on: db ?? self.db).filter(\.$program.$id == programID).first() else {
            return (Self.defaultSettings, 0)
        }
        return (model.settings, model.version)
    }

    func updateSettings(programID: Int, _ input: TimetableSettingsInput, by actor: Actor) async throws -> TimetableSettingsDTO {
        try await db.transaction { tx in
            let existing = try await GamesTimetableSettingsModel.query(on: tx).filter(\.$program.$id == programID).first()
            let current = existing?.settings ?? Self.defaultSettings
            var issues = ValidationCollector()
            var settings = current
            settings.dayStart = Self.minutes(input.dayStart, field: "dayStart", current: current.dayStart, into: &issues) ?? current.dayStart
            settings.dayEnd = Self.minutes(input.dayEnd, field: "dayEnd", current: current.dayEnd, into: &issues) ?? current.dayEnd
            settings.slot = input.slot ?? current.slot
            settings.changeover = input.changeover ?? current.changeover
            settings.roundGap = input.roundGap ?? current.roundGap
            if issues.issues.isEmpty { settings.issues.forEach { issues.add($0) } }
            try issues.check()
            guard let expected = input.version else { throw PodiumError.invalid("version", "error.version.required") }
            if let existing {
                try await VersionGuard.bump(GamesTimetableSettingsModel.schema, id: existing.id!, expected: expected, on: tx)
            } else if expected != 0 {
                throw PodiumError.conflict(LocalizedMessage("error.version.stale"))
            }
            let model = existing ?? GamesTimetableSettingsModel()
            model.$program.id = programID
            model.apply(settings)
            model.version = expected + 1
            try await model.save(on: tx)
            let after = settings.dto(version: model.version)
            try await AuditLog(db: tx, clock: clock).record(actor, action: existing == nil ? "create" : "update", entityType: "timetable-settings",
                                                            entityID: "\(programID)", summary: "\(after.dayStart)–\(after.dayEnd)",
                                                            before: existing.map { _ in current.dto(version: expected) }, after: after)
            return after
        }
    }

    // MARK: Event plans

    struct PlanRow {
        let event: GamesEventModel
        let plan: EventPlan
        let model: GamesEventPlanModel?

        var format: EventFormat { EventFormat(rawValue: event.format) ?? .timed }
    }

    /// Every event of the program with its plan, saved or by default, in the order the events were made.
    func plans(programID: Int, on db: (any Database)? = nil) async throws -> [PlanRow] {
        let db = db ?? self.db
        let events = try await GamesEventModel.query(on: db).filter(\.$program.$id == programID).sort(\.$id).all()
        let ids = events.compactMap(\.id)
        let saved = ids.isEmpty ? [] : try await GamesEventPlanModel.query(on: db).filter(\.$event.$id ~~ ids).all()
        let byEvent = Dictionary(saved.map { ($0.$event.id, $0) }, uniquingKeysWith: { first, _ in first })
        return events.map { event in
            let model = byEvent[event.id!]
            let plan = model?.plan ?? EventPlan.defaults(format: EventFormat(rawValue: event.format) ?? .timed, templateID: event.templateID)
            return PlanRow(event: event, plan: plan, model: model)
        }
    }

    /// Changes an event's plan. Omitted fields keep their value; `venueId` 0 goes back to any venue of the kinds.
    func updatePlan(programID: Int, eventID: Int, _ input: EventPlanInput, by actor: Actor) async throws -> PlanRow {
        try await db.transaction { tx in
            try await updatePlan(programID: programID, eventID: eventID, input, by: actor, on: tx)
        }
    }

    func updatePlan(programID: Int, eventID: Int, _ input: EventPlanInput, by actor: Actor, on tx: any Database) async throws -> PlanRow {
        guard let row = try await plans(programID: programID, on: tx).first(where: { $0.event.id == eventID }) else {
            throw PodiumError.notFound(LocalizedMessage("error.games.eventNotFound"))
        }
        var plan = row.plan
        var issues = ValidationCollector()
        if let names = input.venueKinds {
            var kinds = Set<VenueKind>()
            for name in names {
                if let kind = VenueKind(rawValue: name) { kinds.insert(kind) } else {
                    issues.add("venueKinds", "error.field.oneOf", ["value": name, "allowed": VenueKind.allCases.map(\.rawValue).joined(separator: ", ")])
                }
            }
            plan.kinds = kinds
        }
        if let venueID = input.venueId {
            if venueID == 0 {
                plan.venueID = nil
            } else if try await GamesVenueModel.query(on: tx).filter(\.$id == venueID).filter(\.$program.$id == programID).first() == nil {
                issues.add("venueId", "error.timetable.unknownVenue", ["id": "\(venueID)"])
            } else {
                plan.venueID = venueID
            }
        }
        if let minutes = input.minutes { plan.minutes = minutes }
        plan.issues.forEach { issues.add($0) }
        try issues.check()
        guard let expected = input.version else { throw PodiumError.invalid("version", "error.version.required") }
        if let existing = row.model {
            try await VersionGuard.bump(GamesEventPlanModel.schema, id: existing.id!, expected: expected, on: tx)
        } else if expected != 0 {
            throw PodiumError.conflict(LocalizedMessage("error.version.stale"))
        }
        let model = row.model ?? GamesEventPlanModel()
        model.$event.id = eventID
        model.venueKind = plan.kindsText
        model.venueID = plan.venueID
        model.minutes = plan.minutes
        model.version = expected + 1
        try await model.save(on: tx)
        try await AuditLog(db: tx, clock: clock).record(actor, action: row.model == nil ? "create" : "update", entityType: "event-plan",
                                                        entityID: "\(eventID)", summary: "\(row.event.name): \(plan.kindsText) \(plan.minutes) min",
                                                        before: row.model == nil ? nil : row.plan, after: plan)
        return PlanRow(event: row.event, plan: plan, model: model)
    }
}

extension GamesVenueModel {
    var dto: VenueDTO {
        VenueDTO(id: id ?? 0, programId: $program.id, name: name, kind: VenueKind(rawValue: kind) ?? .other, lanes: lanes, laneOrder: laneOrder,
                 opens: MinuteOfDay.text(opens), closes: MinuteOfDay.text(closes), position: position, version: version)
    }

    var core: Venue { Venue(id: id ?? 0, name: name, kind: VenueKind(rawValue: kind) ?? .other, opens: opens, closes: closes) }
}

extension GamesTimetableSettingsModel {
    var settings: TimetableSettings {
        TimetableSettings(dayStart: dayStart, dayEnd: dayEnd, slot: slot, changeover: changeover, roundGap: roundGap)
    }

    func apply(_ settings: TimetableSettings) {
        dayStart = settings.dayStart
        dayEnd = settings.dayEnd
        slot = settings.slot
        changeover = settings.changeover
        roundGap = settings.roundGap
    }
}

extension TimetableSettings {
    func dto(version: Int) -> TimetableSettingsDTO {
        TimetableSettingsDTO(dayStart: MinuteOfDay.text(dayStart), dayEnd: MinuteOfDay.text(dayEnd), slot: slot, changeover: changeover,
                             roundGap: roundGap, version: version)
    }
}

extension GamesEventPlanModel {
    var plan: EventPlan { EventPlan(kinds: EventPlan.kinds(venueKind), venueID: venueID, minutes: minutes) }
}
