import Fluent
import Foundation
import PodiumCore

/// The timetable of a games program. The items come from the events as they stand (PodiumCore's
/// `EventSchedule`); only where and when each is placed is stored, keyed by the item's key.
extension GamesTimetableService {
    /// Everything the planner needs, loaded once.
    struct Day {
        let venues: [GamesVenueModel]
        let settings: TimetableSettings
        let items: [KeyedScheduleItem]
        let stored: [GamesScheduleItemModel]
        /// Person names, for messages that name who clashes.
        let names: [Int: String]
        let eventNames: [Int: String]

        var coreVenues: [Venue] { venues.map(\.core) }
        var byKey: [String: KeyedScheduleItem] { Dictionary(items.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first }) }
        var keyOfItem: [Int: String] { Dictionary(uniqueKeysWithValues: items.map { ($0.item.id, $0.key) }) }

        /// Stored placements of items the events still have.
        var placements: [Placement] {
            let byKey = self.byKey
            return stored.compactMap { row in
                byKey[row.itemKey].map { Placement(itemID: $0.item.id, venueID: row.$venue.id, start: row.startsAt, end: row.endsAt) }
            }
        }
    }

    /// One placed item as the pages and the API show it.
    struct Row {
        let model: GamesScheduleItemModel
        let label: String
        let event: String
        let venue: GamesVenueModel
    }

    struct Schedule {
        let day: Day
        /// By start, then venue order.
        let rows: [Row]
        let unplaced: [KeyedScheduleItem]
        let problems: [(key: String, message: LocalizedMessage)]
    }

    func day(programID: Int, words: Words, on db: any Database) async throws -> Day {
        let venues = try await venues(programID: programID, on: db)
        let settings = try await settings(programID: programID, on: db).settings
        let plans = try await plans(programID: programID, on: db)
        let eventIDs = plans.compactMap(\.event.id)
        let entries = eventIDs.isEmpty ? [] : try await GamesEntryModel.query(on: db).filter(\.$event.$id ~~ eventIDs).sort(\.$id).all()
        let entryIDs = entries.compactMap(\.id)
        let members = entryIDs.isEmpty ? [] : try await GamesEntryMemberModel.query(on: db).filter(\.$entry.$id ~~ entryIDs).sort(\.$position)
            .with(\.$person).all()
        var names: [Int: String] = [:]
        var people: [Int: [Int]] = [:]
        for member in members {
            names[member.$person.id] = member.person.name
            people[member.$entry.id, default: []].append(member.$person.id)
        }
        let entriesByEvent = Dictionary(grouping: entries, by: { $0.$event.id })
        let timed = plans.filter { $0.format == .timed }.compactMap(\.event.id)
        var heats: [Int: [Int: [Int]]] = [:]
        if !timed.isEmpty {
            for position in try await GamesStartPositionModel.query(on: db).filter(\.$event.$id ~~ timed).sort(\.$position).all() {
                heats[position.$event.id, default: [:]][position.heat, default: []].append(position.$entry.id)
            }
        }
        // A draw that can no longer be built (entries withdrawn since) is planned as one session.
        let draws = try await GamesDrawService(db: db, clock: clock).loadAll(events: plans.filter { $0.format == .headToHead }.map(\.event),
                                                                              skipBroken: true, on: db)
        var inputs: [EventScheduleInput] = []
        for row in plans {
            let eventID = row.event.id!
            let draw = draws[eventID]?.draw
            inputs.append(EventScheduleInput(eventID: eventID, name: row.event.name, format: row.format, plan: row.plan,
                                             entries: (entriesByEvent[eventID] ?? []).map { ($0.id!, people[$0.id!] ?? []) }, draw: draw,
                                             heats: heats[eventID] ?? [:]))
        }
        let lanes = venues.filter { $0.kind == VenueKind.track.rawValue }.compactMap(\.lanes).max()
        let items = EventSchedule.items(inputs, lanes: lanes, word: words.t)
        let stored = try await GamesScheduleItemModel.query(on: db).filter(\.$program.$id == programID).all()
        return Day(venues: venues, settings: settings, items: items, stored: stored, names: names,
                   eventNames: Dictionary(uniqueKeysWithValues: plans.map { ($0.event.id!, $0.event.name) }))
    }

    /// The timetable as stored, with the items not on it and, when `checked`, every rule it breaks.
    func schedule(programID: Int, words: Words, checked: Bool, on db: (any Database)? = nil) async throws -> Schedule {
        let day = try await day(programID: programID, words: words, on: db ?? self.db)
        var problems: [(key: String, message: LocalizedMessage)] = []
        if checked {
            // The rules the placed items break, then why each item not placed finds no room around them.
            let keys = day.keyOfItem
            let items = day.items.map(\.item)
            let placements = day.placements
            let placed = Set(placements.map(\.itemID))
            let broken = TimetablePlanner.conflicts(placements: placements, items: items, venues: day.coreVenues, settings: day.settings, names: day.names)
            let trial = TimetablePlanner.plan(items: items, venues: day.coreVenues, settings: day.settings, fixed: placements, names: day.names)
            problems = (broken + trial.problems.filter { !placed.contains($0.itemID) }).map { (keys[$0.itemID] ?? "", $0.message) }
        }
        return Self.schedule(day, problems: problems)
    }

    static func schedule(_ day: Day, problems: [(key: String, message: LocalizedMessage)]) -> Schedule {
        let byKey = day.byKey
        let venueOrder = Dictionary(uniqueKeysWithValues: day.venues.enumerated().map { ($1.id!, $0) })
        let venues = Dictionary(uniqueKeysWithValues: day.venues.map { ($0.id!, $0) })
        // Rows of heats or matches the events no longer have wait for the next plan to remove them; nobody is shown them.
        let rows = day.stored.compactMap { model -> Row? in
            guard let venue = venues[model.$venue.id], let item = byKey[model.itemKey] else { return nil }
            return Row(model: model, label: item.item.label, event: day.eventNames[model.$event.id] ?? "", venue: venue)
        }.sorted {
            ($0.model.startsAt, venueOrder[$0.venue.id!] ?? 0, $0.model.itemKey) < ($1.model.startsAt, venueOrder[$1.venue.id!] ?? 0, $1.model.itemKey)
        }
        let placed = Set(day.stored.map(\.itemKey))
        return Schedule(day: day, rows: rows, unplaced: day.items.filter { !placed.contains($0.key) }, problems: problems)
    }

    /// Plans the day: items placed by hand stay where they are, everything else is placed again. Saves every
    /// placement in one transaction and returns the timetable with the reasons for anything left out.
    func plan(programID: Int, words: Words, by actor: Actor) async throws -> Schedule {
        try await db.transaction { tx in
            let day = try await day(programID: programID, words: words, on: tx)
            let byKey = day.byKey
            let pinned = day.stored.filter { $0.pinned && byKey[$0.itemKey] != nil }
            let fixed = pinned.map { Placement(itemID: byKey[$0.itemKey]!.item.id, venueID: $0.$venue.id, start: $0.startsAt, end: $0.endsAt) }
            let result = TimetablePlanner.plan(items: day.items.map(\.item), venues: day.coreVenues, settings: day.settings, fixed: fixed, names: day.names)
            let pinnedKeys = Set(pinned.map(\.itemKey))
            var existing = Dictionary(day.stored.map { ($0.itemKey, $0) }, uniquingKeysWith: { first, _ in first })
            var before = PlanSummary(placed: day.stored.count, pinned: pinned.count)
            // Rows of items the events no longer have go; so do automatic placements the new plan has no room for.
            var removed: [String] = []
            for row in day.stored where byKey[row.itemKey] == nil || (!row.pinned && result.placement(of: byKey[row.itemKey]!.item.id) == nil) {
                try await VersionGuard.bump(GamesScheduleItemModel.schema, id: row.id!, expected: row.version, on: tx)
                try await row.delete(on: tx)
                existing[row.itemKey] = nil
                removed.append("\(row.itemKey)\(row.pinned ? " (pinned)" : "") \(MinuteOfDay.span(row.startsAt, row.endsAt))")
            }
            for keyed in day.items where !pinnedKeys.contains(keyed.key) {
                guard let placement = result.placement(of: keyed.item.id) else { continue }
                let model = existing[keyed.key] ?? GamesScheduleItemModel()
                let changed = model.id == nil || model.$venue.id != placement.venueID || model.startsAt != placement.start
                    || model.endsAt != placement.end || model.roundIndex != keyed.item.roundIndex
                guard changed else { continue }
                model.$program.id = programID
                model.itemKey = keyed.key
                model.$event.id = keyed.item.eventID
                model.roundIndex = keyed.item.roundIndex
                model.label = keyed.item.label
                model.$venue.id = placement.venueID
                model.startsAt = placement.start
                model.endsAt = placement.end
                model.pinned = false
                if let id = model.id {
                    // A move made meanwhile wins: the plan is refused rather than overwrite it.
                    try await VersionGuard.bump(GamesScheduleItemModel.schema, id: id, expected: model.version, on: tx)
                    model.version += 1
                } else {
                    model.version = 1
                }
                try await model.save(on: tx)
            }
            before.removed = removed.isEmpty ? nil : removed
            let keys = day.keyOfItem
            let problems = result.problems.map { (key: keys[$0.itemID] ?? "", message: $0.message) }
            let after = PlanSummary(placed: result.placements.count, pinned: pinned.count, unplaced: result.problems.count)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "plan", entityType: "timetable", entityID: "\(programID)",
                                                            summary: "\(after.placed) placed, \(after.unplaced ?? 0) left out",
                                                            before: before, after: after)
            let saved = try await GamesScheduleItemModel.query(on: tx).filter(\.$program.$id == programID).all()
            return Self.schedule(Day(venues: day.venues, settings: day.settings, items: day.items, stored: saved, names: day.names,
                                     eventNames: day.eventNames), problems: problems)
        }
    }

    /// Puts an item on a venue at a time by hand, and pins it there. Refused, with every clash named, when
    /// it breaks a rule of the day; a stale version gets 409.
    func move(programID: Int, itemKey: String, _ input: ScheduleMoveInput, words: Words, by actor: Actor) async throws -> Row {
        try await db.transaction { tx in
            let day = try await day(programID: programID, words: words, on: tx)
            guard let keyed = day.byKey[itemKey] else {
                throw PodiumError.notFound(LocalizedMessage("error.timetable.unknownItem", ["id": itemKey]))
            }
            var issues = ValidationCollector()
            if input.venueId == nil { issues.add("venueId", "error.field.required") }
            var start: Int?
            if let text = input.start?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                start = MinuteOfDay.parse(text)
                if start == nil { issues.add("start", "error.timetable.time", ["value": text]) }
            } else {
                issues.add("start", "error.field.required")
            }
            try issues.check()
            guard let expected = input.version else { throw PodiumError.invalid("version", "error.version.required") }
            let existing = day.stored.first { $0.itemKey == itemKey }
            if let existing {
                try await VersionGuard.bump(GamesScheduleItemModel.schema, id: existing.id!, expected: expected, on: tx)
            } else if expected != 0 {
                throw PodiumError.conflict(LocalizedMessage("error.version.stale"))
            }
            try TimetablePlanner.validateMove(itemID: keyed.item.id, to: input.venueId!, start: start!, placements: day.placements,
                                              items: day.items.map(\.item), venues: day.coreVenues, settings: day.settings, names: day.names)
            let before = existing.map(\.summary)
            let model = existing ?? GamesScheduleItemModel()
            model.$program.id = programID
            model.itemKey = itemKey
            model.$event.id = keyed.item.eventID
            model.roundIndex = keyed.item.roundIndex
            model.label = keyed.item.label
            model.$venue.id = input.venueId!
            model.startsAt = start!
            model.endsAt = start! + keyed.item.duration
            model.pinned = true
            model.version = expected + 1
            try await model.save(on: tx)
            let venue = day.venues.first { $0.id == input.venueId }!
            try await AuditLog(db: tx, clock: clock).record(actor, action: "move", entityType: "schedule-item", entityID: "\(programID):\(itemKey)",
                                                            summary: "\(keyed.item.label): \(venue.name) \(MinuteOfDay.text(start!))",
                                                            before: before, after: model.summary)
            return Row(model: model, label: keyed.item.label, event: day.eventNames[keyed.item.eventID] ?? "", venue: venue)
        }
    }

    /// Lets the next plan move an item placed by hand. It stays where it is until then.
    func unpin(programID: Int, itemKey: String, version: Int?, by actor: Actor) async throws {
        try await db.transaction { tx in
            guard let model = try await GamesScheduleItemModel.query(on: tx).filter(\.$program.$id == programID).filter(\.$itemKey == itemKey).first() else {
                throw PodiumError.notFound(LocalizedMessage("error.timetable.unknownItem", ["id": itemKey]))
            }
            guard let version else { throw PodiumError.invalid("version", "error.version.required") }
            try await VersionGuard.bump(GamesScheduleItemModel.schema, id: model.id!, expected: version, on: tx)
            let before = model.summary
            model.pinned = false
            model.version = version + 1
            try await model.save(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "unpin", entityType: "schedule-item", entityID: "\(programID):\(itemKey)",
                                                            summary: model.label, before: before, after: model.summary)
        }
    }

    struct PlanSummary: Codable {
        let placed: Int
        let pinned: Int
        var unplaced: Int?
        /// Rows taken off the timetable, as `key venue start–end`, so a placement by hand that went is on record.
        var removed: [String]?
    }
}

extension GamesScheduleItemModel {
    struct Summary: Codable {
        let venueId: Int
        let start: String
        let end: String
        let pinned: Bool
    }

    var summary: Summary { Summary(venueId: $venue.id, start: MinuteOfDay.text(startsAt), end: MinuteOfDay.text(endsAt), pinned: pinned) }
}
