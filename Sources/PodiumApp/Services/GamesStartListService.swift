import Fluent
import Foundation
import PodiumCore

/// Start lists of timed and measured events: heats and lanes on the track, flights and the order of
/// competition on the field, seeded from entry marks by PodiumCore (`HeatSeeding`, `FieldFlights`).
struct GamesStartListService {
    let db: any Database
    let clock: PodiumClock

    struct Line {
        let entryID: Int
        let teamName: String
        let names: [String]
        let seedMark: String
        let heat: Int?
        let position: Int?
    }

    struct StartList {
        let event: GamesEventModel
        let kind: MarkKind
        let lines: [Line]
        /// Track events are in heats with lanes; field events in flights with an order of competition.
        var isTrack: Bool { event.format == EventFormat.timed.rawValue }
        var isSeeded: Bool { lines.contains { $0.heat != nil } }
        /// Lines by heat (or flight) then lane (or order), unseeded entries last.
        var byHeat: [(heat: Int, lines: [Line])] {
            let seeded = Dictionary(grouping: lines.filter { $0.heat != nil }, by: { $0.heat! })
            return seeded.keys.sorted().map { heat in (heat, seeded[heat]!.sorted { ($0.position ?? 0) < ($1.position ?? 0) }) }
        }
    }

    /// What an organizer asks for: entry marks as typed (blank for none), the track's lane order, the flight size.
    struct SeedRequest {
        var marks: [Int: String]
        var laneOrder: String
        var lanes: Int
        var flightSize: Int
    }

    static let seedableFormats: Set<String> = [EventFormat.timed.rawValue, EventFormat.measured.rawValue]

    func event(programID: Int, eventID: Int, on db: any Database) async throws -> GamesEventModel {
        guard let event = try await GamesEventModel.find(eventID, on: db), event.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.games.eventNotFound"))
        }
        guard Self.seedableFormats.contains(event.format) else {
            throw PodiumError.notFound(LocalizedMessage("error.startList.notSeeded", ["event": event.name]))
        }
        return event
    }

    func startList(programID: Int, eventID: Int) async throws -> StartList {
        try await startList(event: try await event(programID: programID, eventID: eventID, on: db), on: db)
    }

    func startList(event: GamesEventModel, on db: any Database) async throws -> StartList {
        let entrants = try await GamesDrawService.entrants(eventID: event.id!, on: db)
        let entries = try await GamesEntryModel.query(on: db).filter(\.$event.$id == event.id!).sort(\.$id).all()
        let positions = try await GamesStartPositionModel.query(on: db).filter(\.$event.$id == event.id!).all()
        return Self.startList(event: event, entries: entries, entrants: entrants, positions: positions)
    }

    /// A start list from what is stored, loaded by the caller: the event's entries (by id), their teams and names, their places.
    static func startList(event: GamesEventModel, entries: [GamesEntryModel], entrants: [Int: GamesDrawService.Entrant],
                          positions: [GamesStartPositionModel]) -> StartList {
        let kind = (EventFormat(rawValue: event.format) ?? .timed).markKind
        let positions = Dictionary(uniqueKeysWithValues: positions.map { ($0.$entry.id, $0) })
        let lines = entries.map { entry in
            Line(entryID: entry.id!, teamName: entrants[entry.id!]?.teamName ?? "", names: entrants[entry.id!]?.names ?? [],
                 seedMark: entry.seedMark.map { MarkFormat.format($0, as: kind) } ?? "", heat: positions[entry.id!]?.heat,
                 position: positions[entry.id!]?.position)
        }
        return StartList(event: event, kind: kind, lines: lines)
    }

    /// The track an event runs on, as saved with the venues: the event's own venue when it is a track, else
    /// the program's first track. Seeding and the final start from its lanes and lane order.
    func savedTrack(for event: GamesEventModel, on db: any Database) async throws -> (lanes: Int, laneOrder: String)? {
        let tracks = try await GamesVenueModel.query(on: db).filter(\.$program.$id == event.$program.id)
            .filter(\.$kind == VenueKind.track.rawValue).sort(\.$position).all()
        let planned = try await GamesEventPlanModel.query(on: db).filter(\.$event.$id == event.id!).first()?.venueID
        guard let track = tracks.first(where: { $0.id == planned }) ?? tracks.first, let lanes = track.lanes else { return nil }
        return (lanes, track.laneOrder ?? "")
    }

    /// The order for attempts 4–6 of a field event, from the best of each athlete's first three attempts as
    /// typed on the results sheet: the best `finalists` go on, the leader last. Empty until an attempt is in,
    /// and for events of three attempts.
    func laterRoundsOrder(_ list: StartList, finalists: Int = 8) async throws -> [(line: Line, best: String)] {
        guard !list.isTrack, list.isSeeded, list.event.attempts > 3 else { return [] }
        let firstRounds = list.byHeat.flatMap(\.lines).map(\.entryID)
        let results = try await GamesResultModel.query(on: db).filter(\.$entry.$id ~~ firstRounds).all()
        var best: [Int: Int] = [:]
        var anyAttempt = false
        for result in results {
            let series = TypedResult.series(stored: result.attempts)
            anyAttempt = anyAttempt || !series.isEmpty || result.mark != nil
            // Results typed as one best mark (no attempts) count as that mark.
            let firstThree = series.isEmpty ? result.mark.map { [$0] } ?? [] : series.prefix(3).compactMap { $0 }
            if let top = list.kind.lowerIsBetter ? firstThree.min() : firstThree.max() { best[result.$entry.id] = top }
        }
        guard anyAttempt else { return [] }
        let byID = Dictionary(uniqueKeysWithValues: list.lines.map { ($0.entryID, $0) })
        return try FieldFlights.attemptOrder(order: firstRounds, bestMarks: best, finalists: finalists, kind: list.kind).compactMap { id in
            byID[id].map { ($0, best[id].map { MarkFormat.format($0, as: list.kind) } ?? "") }
        }
    }

    /// Reads every mark first and reports every unreadable one (field `mark.<entryId>`); only then stores the
    /// marks and the new heats or flights together. Refused once results are in: the start list was used.
    func seed(programID: Int, eventID: Int, _ request: SeedRequest, seed: UInt64, by actor: Actor) async throws -> StartList {
        try await db.transaction { tx in
            let event = try await event(programID: programID, eventID: eventID, on: tx)
            let kind = (EventFormat(rawValue: event.format) ?? .timed).markKind
            let entries = try await GamesEntryModel.query(on: tx).filter(\.$event.$id == eventID).sort(\.$id).all()
            var problems = ValidationCollector()
            var marks: [Int: Int] = [:]
            for entry in entries {
                guard let text = request.marks[entry.id!]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { continue }
                do { marks[entry.id!] = try MarkFormat.parse(text, as: kind) } catch PodiumError.validation(let issues) {
                    issues.forEach { problems.add(FieldIssue("mark.\(entry.id!)", $0.message)) }
                }
            }
            var lanes: LaneOrder?
            let isTrack = event.format == EventFormat.timed.rawValue
            if isTrack {
                do {
                    let typed = request.laneOrder.trimmingCharacters(in: .whitespaces)
                    lanes = typed.isEmpty ? try LaneOrder.standard(lanes: request.lanes) : try LaneOrder.parse(typed, lanes: request.lanes)
                } catch PodiumError.validation(let issues) {
                    issues.forEach { problems.add(FieldIssue("laneOrder", $0.message)) }
                }
            } else if request.flightSize < 1 || request.flightSize > 50 {
                problems.add("flightSize", "error.flights.size", ["size": "\(request.flightSize)"])
            }
            if entries.isEmpty { problems.add("event", "error.startList.noEntries", ["event": event.name]) }
            try problems.check()
            let results = try await GamesResultModel.query(on: tx).filter(\.$entry.$id ~~ entries.compactMap(\.id)).count()
            if results > 0 { throw PodiumError.conflict(LocalizedMessage("error.startList.resultsEntered", ["event": event.name])) }

            var generator = SeededGenerator(seed: seed)
            let seedEntries = entries.map { SeedEntry(entryID: $0.id!, mark: marks[$0.id!]) }
            var placed: [(entry: Int, heat: Int, position: Int)] = []
            if let lanes {
                for heat in HeatSeeding.seed(entries: seedEntries, lanes: lanes, kind: kind, rng: &generator) {
                    placed += heat.lanes.map { ($0.entryID, heat.number, $0.lane) }
                }
            } else {
                for (index, flight) in try FieldFlights.make(entries: seedEntries, flightSize: request.flightSize, kind: kind, rng: &generator).enumerated() {
                    placed += flight.enumerated().map { ($1, index + 1, $0 + 1) }
                }
            }
            for entry in entries where entry.seedMark != marks[entry.id!] {
                entry.seedMark = marks[entry.id!]
                entry.version += 1
                try await entry.save(on: tx)
            }
            try await GamesStartPositionModel.query(on: tx).filter(\.$event.$id == eventID).delete()
            for line in placed {
                let position = GamesStartPositionModel()
                position.$event.id = eventID
                position.$entry.id = line.entry
                position.heat = line.heat
                position.position = line.position
                try await position.create(on: tx)
            }
            let summary = placed.map { "\($0.heat)/\($0.position): \($0.entry)" }.joined(separator: ", ")
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: "start_list", entityID: "\(eventID)",
                                                            summary: "\(event.name): \(placed.count)", before: Nothing?.none, after: summary)
            return try await startList(event: event, on: tx)
        }
    }
}
