import Fluent
import Foundation
import PodiumCore

/// Heats then a final on the track: officials type each heat's times, an organizer makes the final from
/// them by a qualifying rule (PodiumCore `HeatQualification`), and the event ranks the final first, then
/// everyone else by heat time.
struct GamesFinalService {
    let db: any Database
    let clock: PodiumClock

    struct Runner {
        let entryID: Int
        let label: String
        let lane: Int
        let time: GamesHeatTimeModel?
    }

    /// An event's heats with their times and its final, if made.
    struct Loaded {
        let event: GamesEventModel
        let heats: [(number: Int, runners: [Runner])]
        let final: GamesFinalModel?
        /// Finalists by lane.
        let lanes: [GamesFinalLaneModel]
        let labels: [Int: String]
        let hasFinalResults: Bool

        var heatTimes: [[HeatTime]] {
            heats.map { heat in
                heat.runners.compactMap { runner in
                    runner.time.map { HeatTime(entryID: runner.entryID, heat: heat.number, status: ResultStatus(rawValue: $0.status) ?? .ok, mark: $0.mark) }
                }
            }
        }

        func qualification(byPlace: Int, byTime: Int) -> QualificationResult {
            HeatQualification.qualify(heats: heatTimes, byPlace: byPlace, byTime: byTime, kind: .time)
        }

        func label(_ entryID: Int) -> String { labels[entryID] ?? "#\(entryID)" }

        /// Runners still without a time or status, by heat.
        var missing: [(heat: Int, labels: [String])] {
            heats.compactMap { heat in
                let without = heat.runners.filter { $0.time == nil }.map(\.label)
                return without.isEmpty ? nil : (heat.number, without)
            }
        }
    }

    /// One runner's heat time as typed: empty status and time clear a stored one.
    struct TimeInput {
        var entryID: Int
        var status: ResultStatus?
        var mark: String?
        var version: Int?
    }

    /// How the final is made: the qualifying rule, the track, and how a tie for the last place is settled
    /// (runners picked by the referee, or drawn by lot).
    struct FinalRequest {
        var byPlace: Int
        var byTime: Int
        var lanes: Int
        var laneOrder: String
        var picks: [Int]
        var drawLots: Bool
        var version: Int?
    }

    func event(programID: Int, eventID: Int, on db: any Database) async throws -> GamesEventModel {
        guard let event = try await GamesEventModel.find(eventID, on: db), event.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.games.eventNotFound"))
        }
        guard event.format == EventFormat.timed.rawValue else {
            throw PodiumError.notFound(LocalizedMessage("error.final.notTrack", ["event": event.name]))
        }
        return event
    }

    func load(programID: Int, eventID: Int) async throws -> Loaded {
        try await load(event: try await event(programID: programID, eventID: eventID, on: db), on: db)
    }

    func load(event: GamesEventModel, on db: any Database) async throws -> Loaded {
        let eventID = event.id!
        let entrants = try await GamesDrawService.entrants(eventID: eventID, on: db)
        let positions = try await GamesStartPositionModel.query(on: db).filter(\.$event.$id == eventID).all()
        let times = Dictionary(uniqueKeysWithValues: try await GamesHeatTimeModel.query(on: db).filter(\.$event.$id == eventID).all().map { ($0.$entry.id, $0) })
        let labels = entrants.mapValues { "\($0.names.joined(separator: "、")) (\($0.teamName))" }
        let heats = Dictionary(grouping: positions, by: \.heat).sorted { $0.key < $1.key }.map { heat, lanes in
            (number: heat, runners: lanes.sorted { $0.position < $1.position }.map {
                Runner(entryID: $0.$entry.id, label: labels[$0.$entry.id] ?? "", lane: $0.position, time: times[$0.$entry.id])
            })
        }
        let final = try await GamesFinalModel.query(on: db).filter(\.$event.$id == eventID).first()
        let lanes = try await GamesFinalLaneModel.query(on: db).filter(\.$event.$id == eventID).sort(\.$lane).all()
        let results = try await GamesResultModel.query(on: db).filter(\.$entry.$id ~~ Array(entrants.keys)).count()
        return Loaded(event: event, heats: heats, final: final, lanes: lanes, labels: labels, hasFinalResults: results > 0)
    }

    /// Saves one heat's sheet: every row is read first and every unreadable one reported (field
    /// `entry.<id>`); then the changed rows are saved together. Once the final is made, a correction that
    /// would change who runs in it is refused; one that only moves the others is fine.
    func recordHeat(programID: Int, eventID: Int, heat: Int, rows: [TimeInput], by actor: Actor) async throws -> Int {
        try await db.transaction { tx in
            let loaded = try await load(event: try await event(programID: programID, eventID: eventID, on: tx), on: tx)
            guard let runners = loaded.heats.first(where: { $0.number == heat })?.runners else {
                throw PodiumError.notFound(LocalizedMessage("error.final.noSuchHeat", ["heat": "\(heat)", "event": loaded.event.name]))
            }
            let inHeat = Dictionary(uniqueKeysWithValues: runners.map { ($0.entryID, $0) })
            var problems = ValidationCollector()
            var changes: [(runner: Runner, typed: TypedResult?, version: Int?)] = []
            for row in rows {
                guard let runner = inHeat[row.entryID] else {
                    problems.add("entry.\(row.entryID)", "error.final.notInHeat", ["heat": "\(heat)"])
                    continue
                }
                if TypedResult.isBlank(status: row.status, mark: row.mark, attempts: nil) {
                    if runner.time != nil { changes.append((runner, nil, row.version)) }
                    continue
                }
                do {
                    let typed = try TypedResult.read(status: row.status, mark: row.mark, attempts: nil, format: .timed, maxAttempts: 0)
                    if let stored = runner.time, stored.status == typed.status.rawValue, stored.mark == typed.mark { continue }
                    changes.append((runner, typed, row.version))
                } catch PodiumError.validation(let issues) {
                    issues.forEach { problems.add(FieldIssue("entry.\(row.entryID)", $0.message)) }
                }
            }
            try problems.check()
            for change in changes {
                if let stored = change.runner.time {
                    try await VersionGuard.bump(GamesHeatTimeModel.schema, id: stored.id!, expected: change.version ?? stored.version, on: tx)
                    if let typed = change.typed {
                        stored.status = typed.status.rawValue
                        stored.mark = typed.mark
                        stored.version += 1
                        try await stored.save(on: tx)
                    } else {
                        try await stored.delete(on: tx)
                    }
                } else if let typed = change.typed {
                    let time = GamesHeatTimeModel()
                    time.$event.id = eventID
                    time.$entry.id = change.runner.entryID
                    time.status = typed.status.rawValue
                    time.mark = typed.mark
                    time.version = 1
                    try await time.create(on: tx)
                }
                let display = change.typed.map { $0.mark.map { MarkFormat.format($0, as: .time) } ?? $0.status.rawValue.uppercased() } ?? "—"
                try await AuditLog(db: tx, clock: clock).record(actor, action: change.runner.time == nil ? "create" : change.typed == nil ? "delete" : "update",
                                                                entityType: "heat_time", entityID: "\(change.runner.entryID)",
                                                                summary: "\(loaded.event.name) · \(heat): \(change.runner.label) \(display)",
                                                                before: change.runner.time.map(Loaded.display), after: display)
            }
            if let final = loaded.final, !changes.isEmpty {
                let after = try await load(event: loaded.event, on: tx)
                let result = after.qualification(byPlace: final.byPlace, byTime: final.byTime)
                let finalists = Set(after.lanes.map { $0.$entry.id })
                if !HeatQualification.finalStands(finalists, result) {
                    // Once the final is run the referee must look again; before, the organizer can remake it.
                    let key = loaded.hasFinalResults ? "error.final.correctionAfterFinalRun" : "error.final.correctionChangesFinal"
                    throw PodiumError.conflict(LocalizedMessage(key, ["event": loaded.event.name]))
                }
            }
            return changes.count
        }
    }

    /// Makes or remakes the final. Every runner needs a time or a status first; a tie for the last place
    /// needs picks or lots. Refused once the event has results: they were run in the final as it was.
    func makeFinal(programID: Int, eventID: Int, _ request: FinalRequest, seed: UInt64, by actor: Actor) async throws -> Loaded {
        try await db.transaction { tx in
            let loaded = try await load(event: try await event(programID: programID, eventID: eventID, on: tx), on: tx)
            let name = loaded.event.name
            if let final = loaded.final {
                try await VersionGuard.bump(GamesFinalModel.schema, id: final.id!, expected: request.version, on: tx)
            } else if let version = request.version, version != 0 {
                throw PodiumError.conflict(LocalizedMessage("error.version.stale"))
            }
            if loaded.hasFinalResults { throw PodiumError.conflict(LocalizedMessage("error.final.resultsEntered", ["event": name])) }
            if loaded.heats.isEmpty { throw PodiumError.conflict(LocalizedMessage("error.final.noHeats", ["event": name])) }
            if loaded.heats.count == 1 { throw PodiumError.conflict(LocalizedMessage("error.final.oneHeat", ["event": name])) }
            var problems = ValidationCollector()
            for gap in loaded.missing {
                problems.add("times", "error.final.timesMissing", ["heat": "\(gap.heat)", "runners": gap.labels.joined(separator: ", ")])
            }
            var lanes: LaneOrder?
            do {
                let typed = request.laneOrder.trimmingCharacters(in: .whitespaces)
                lanes = typed.isEmpty ? try LaneOrder.standard(lanes: request.lanes) : try LaneOrder.parse(typed, lanes: request.lanes)
            } catch PodiumError.validation(let issues) {
                issues.forEach { problems.add(FieldIssue("laneOrder", $0.message)) }
            }
            if let lanes {
                do { try HeatQualification.checkPlan(heatCount: loaded.heats.count, byPlace: request.byPlace, byTime: request.byTime, lanes: lanes) }
                catch PodiumError.validation(let issues) { issues.forEach { problems.add($0) } }
            }
            try problems.check()
            guard let lanes else { return loaded }
            let result = loaded.qualification(byPlace: request.byPlace, byTime: request.byTime)
            var picks = request.picks
            if request.drawLots, picks.isEmpty, result.tieSpots > 0 {
                var generator = SeededGenerator(seed: seed)
                picks = Array(result.tieAtBoundary.shuffled(using: &generator).prefix(result.tieSpots))
            }
            let finalists = try HeatQualification.finalists(result, picks: picks, laneCount: lanes.laneCount, label: loaded.label)
            guard !finalists.isEmpty else { throw PodiumError.invalid("times", "error.final.nobodyQualified", ["event": name]) }
            let assigned = try HeatQualification.finalLanes(qualifiers: finalists, lanes: lanes)

            let final = loaded.final ?? GamesFinalModel()
            final.$event.id = eventID
            final.byPlace = request.byPlace
            final.byTime = request.byTime
            final.version = (loaded.final?.version ?? 0) + 1
            try await final.save(on: tx)
            try await GamesFinalLaneModel.query(on: tx).filter(\.$event.$id == eventID).delete()
            let reasons = Dictionary(uniqueKeysWithValues: finalists.map { ($0.entryID, $0.reason) })
            for lane in assigned {
                let model = GamesFinalLaneModel()
                model.$event.id = eventID
                model.$entry.id = lane.entryID
                model.lane = lane.lane
                model.reason = reasons[lane.entryID]!.rawValue
                try await model.create(on: tx)
            }
            let lots = request.drawLots && request.picks.isEmpty && result.tieSpots > 0
            let summary = assigned.map { "\($0.lane): \(loaded.label($0.entryID)) \(reasons[$0.entryID]!.rawValue)" }.joined(separator: ", ")
            try await AuditLog(db: tx, clock: clock).record(actor, action: loaded.final == nil ? "create" : "update", entityType: "final", entityID: "\(eventID)",
                                                            summary: "\(name): \(request.byPlace)Q + \(request.byTime)q\(lots ? " (lots)" : "")",
                                                            before: Nothing?.none, after: summary)
            return try await load(event: loaded.event, on: tx)
        }
    }

    /// Withdraws the final, while it has no results.
    func withdrawFinal(programID: Int, eventID: Int, version: Int?, by actor: Actor) async throws {
        try await db.transaction { tx in
            let loaded = try await load(event: try await event(programID: programID, eventID: eventID, on: tx), on: tx)
            guard let final = loaded.final else {
                throw PodiumError.notFound(LocalizedMessage("error.final.notMade", ["event": loaded.event.name]))
            }
            try await VersionGuard.bump(GamesFinalModel.schema, id: final.id!, expected: version, on: tx)
            if loaded.hasFinalResults { throw PodiumError.conflict(LocalizedMessage("error.final.resultsEntered", ["event": loaded.event.name])) }
            try await GamesFinalLaneModel.query(on: tx).filter(\.$event.$id == eventID).delete()
            try await final.delete(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: "final", entityID: "\(eventID)",
                                                            summary: loaded.event.name, before: loaded.lanes.map { "\($0.lane): \(loaded.label($0.$entry.id))" },
                                                            after: Nothing?.none)
        }
    }
}
