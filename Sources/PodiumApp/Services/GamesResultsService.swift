import Fluent
import Foundation
import PodiumCore

/// Results of a games program: typed marks in, rankings, points and team standings out (PodiumCore).
struct GamesResultsService {
    let db: any Database
    let clock: PodiumClock

    /// Records or corrects a result. A correction needs the version that was read; the audit log keeps
    /// every earlier value with who changed it and when.
    func record(programID: Int, eventID: Int, _ input: ResultInput, by actor: Actor) async throws -> ResultDTO {
        try await db.transaction { tx in
            guard let event = try await GamesEventModel.find(eventID, on: tx), event.$program.id == programID else {
                throw PodiumError.notFound(LocalizedMessage("error.games.eventNotFound"))
            }
            guard let entry = try await GamesEntryModel.find(input.entryId, on: tx), entry.$event.id == eventID else {
                throw PodiumError.invalid("entryId", "error.games.notEntered", ["event": event.name])
            }
            let format = EventFormat(rawValue: event.format) ?? .timed
            if format == .headToHead, try await GamesDrawModel.query(on: tx).filter(\.$event.$id == eventID).first() != nil {
                throw PodiumError.conflict(LocalizedMessage("error.draw.placesFromMatches", ["event": event.name]))
            }
            let kind = format.markKind
            let finalists = try await GamesFinalLaneModel.query(on: tx).filter(\.$event.$id == eventID).all(\.$entry.$id)
            if !finalists.isEmpty, !finalists.contains(entry.id!) {
                let names = try await GamesDrawService.entrants(eventID: eventID, on: tx)[entry.id!]?.names.joined(separator: "、") ?? ""
                throw PodiumError.conflict(LocalizedMessage("error.final.notFinalist", ["runner": names, "event": event.name]))
            }
            let typed = try input.read(format: format, maxAttempts: event.attempts)
            let existing = try await GamesResultModel.query(on: tx).filter(\.$entry.$id == entry.id!).first()
            let model = existing ?? GamesResultModel()
            let before = existing.map { $0.dto(kind: kind) }
            if let existing {
                try await VersionGuard.bump(GamesResultModel.schema, id: existing.id!, expected: input.version, on: tx)
                model.version = existing.version + 1
            } else {
                model.$entry.id = entry.id!
                model.version = 1
            }
            model.status = typed.status.rawValue
            model.mark = typed.mark
            model.attempts = typed.storedSeries
            model.official = input.official ?? false
            try await model.save(on: tx)
            let after = model.dto(kind: kind)
            try await AuditLog(db: tx, clock: clock).record(actor, action: existing == nil ? "create" : "update", entityType: "result",
                                                            entityID: "\(entry.id!)", summary: "\(event.name): \(after.display)",
                                                            before: before, after: after)
            return after
        }
    }

    /// Saves a whole event sheet at once, as an official types it on a phone: every row is read first and
    /// every unreadable one reported (field `entry.<id>`); only when all are good are the changed rows saved,
    /// in one transaction. Rows left empty stay without a result; with `official` true a row is confirmed,
    /// and a changed mark saved without it is provisional again. Returns how many results changed.
    func recordSheet(programID: Int, eventID: Int, rows: [ResultInput], by actor: Actor) async throws -> Int {
        guard let event = try await GamesEventModel.find(eventID, on: db), event.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.games.eventNotFound"))
        }
        let format = EventFormat(rawValue: event.format) ?? .timed
        let entryIDs = Set(try await GamesEntryModel.query(on: db).filter(\.$event.$id == eventID).all(\.$id).compactMap { $0 })
        let existing = Dictionary(uniqueKeysWithValues: try await GamesResultModel.query(on: db).filter(\.$entry.$id ~~ entryIDs).all().map { ($0.$entry.id, $0) })
        var issues: [FieldIssue] = []
        var changed: [ResultInput] = []
        for row in rows {
            guard entryIDs.contains(row.entryId) else {
                issues.append(FieldIssue("entry.\(row.entryId)", "error.games.notEntered", ["event": event.name]))
                continue
            }
            if TypedResult.isBlank(status: row.status, mark: row.mark, attempts: row.attempts) { continue }
            do {
                let typed = try row.read(format: format, maxAttempts: event.attempts)
                if let old = existing[row.entryId], old.status == typed.status.rawValue, old.mark == typed.mark,
                   old.attempts == typed.storedSeries, row.official != true || old.official {
                    continue
                }
                var input = row
                input.version = row.version ?? existing[row.entryId]?.version
                changed.append(input)
            } catch PodiumError.validation(let found) {
                issues += found.map { FieldIssue("entry.\(row.entryId)", $0.message) }
            }
        }
        if !issues.isEmpty { throw PodiumError.validation(issues) }
        let toSave = changed
        try await db.transaction { tx in
            let service = GamesResultsService(db: tx, clock: clock)
            for input in toSave { _ = try await service.record(programID: programID, eventID: eventID, input, by: actor) }
        }
        return toSave.count
    }

    /// An event's ranking with points and awards.
    func ranking(programID: Int, eventID: Int) async throws -> [RankedResultDTO] {
        guard let event = try await GamesEventModel.find(eventID, on: db), event.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.games.eventNotFound"))
        }
        let context = try await Context.load(programID: programID, db: db)
        return context.ranked(event)
    }

    /// The group ranking: points by place summed per team, ties broken by first places, then seconds.
    func standings(programID: Int) async throws -> [StandingDTO] {
        Self.standings(try await Context.load(programID: programID, db: db))
    }

    private static func standings(_ context: Context) -> [StandingDTO] {
        var placings: [TeamPlacing] = []
        for event in context.events {
            for line in context.ranked(event) {
                guard let place = line.place else { continue }
                placings.append(TeamPlacing(teamID: line.teamId, place: place, points: context.points[line.entryId] ?? .zero))
            }
        }
        let standings = TeamRanking.standings(teamIDs: context.teams.map { $0.id! }, placings: placings, prizes: context.scoring.prizes)
        let names = Dictionary(uniqueKeysWithValues: context.teams.map { ($0.id!, $0.name) })
        return standings.map {
            StandingDTO(teamId: $0.teamID, teamName: names[$0.teamID] ?? "", rank: $0.rank, tied: $0.tied, points: $0.total.description,
                        placeCounts: $0.placeCounts, prize: $0.prize)
        }
    }

    /// The awards of a program: counts by kind, the awardees of each event, the medal table, and the
    /// group award prizes.
    func awards(programID: Int) async throws -> AwardsDTO {
        let context = try await Context.load(programID: programID, db: db)
        var summary = AwardSummary()
        var events: [AwardsDTO.EventAwards] = []
        var places: [(teamID: Int, place: Int)] = []
        for event in context.events {
            let kind = AwardKind(rawValue: event.awardKind) ?? .individual
            let lines = context.ranked(event)
            let awarded = lines.filter(\.award)
            summary.add(kind, count: awarded.count)
            places += lines.compactMap { line in line.place.map { (line.teamId, $0) } }
            events.append(.init(eventId: event.id!, name: event.name, kind: kind,
                                awardees: awarded.map { .init(place: $0.place ?? 0, names: $0.names, teamName: $0.teamName) }))
        }
        let names = Dictionary(uniqueKeysWithValues: context.teams.map { ($0.id!, $0.name) })
        let medals = MedalTable.compute(teamIDs: context.teams.map { $0.id! }, places: places).map {
            AwardsDTO.Medals(teamId: $0.teamID, teamName: names[$0.teamID] ?? "", rank: $0.rank, gold: $0.gold, silver: $0.silver, bronze: $0.bronze, total: $0.total)
        }
        let prizes = Self.standings(context).compactMap { row in
            row.prize.map { AwardsDTO.Prize(teamId: row.teamId, teamName: row.teamName, prize: $0) }
        }
        return AwardsDTO(individual: summary.count(.individual), collective: summary.count(.collective), parentChild: summary.count(.parentChild),
                         prizes: prizes, medals: medals, events: events)
    }

    /// Everything a ranking needs, loaded once per request.
    final class Context {
        var events: [GamesEventModel] = []
        var teams: [GamesTeamModel] = []
        var entriesByEvent: [Int: [GamesEntryModel]] = [:]
        var results: [Int: GamesResultModel] = [:]
        var names: [Int: [String]] = [:]
        var points: [Int: Points] = [:]
        var scoring = GamesScoring.standard
        /// Head-to-head events with a draw are placed by their matches, not by typed places.
        var draws: [Int: GamesDrawService.Loaded] = [:]
        /// Track events with a final rank the finalists by their final, everyone else by heat time.
        var finalists: [Int: Set<Int>] = [:]
        var heatTimes: [Int: [HeatTime]] = [:]

        static func load(programID: Int, db: any Database) async throws -> Context {
            let context = Context()
            context.scoring = try await GamesScoringService(db: db, clock: .system).scoring(programID: programID)
            context.events = try await GamesEventModel.query(on: db).filter(\.$program.$id == programID).sort(\.$id).all()
            context.teams = try await GamesTeamModel.query(on: db).filter(\.$program.$id == programID).all()
            let entries = try await GamesEntryModel.query(on: db).filter(\.$event.$id ~~ context.events.compactMap(\.id)).all()
            context.entriesByEvent = Dictionary(grouping: entries, by: { $0.$event.id })
            let entryIDs = entries.compactMap(\.id)
            context.draws = try await GamesDrawService(db: db, clock: .system)
                .loadAll(events: context.events.filter { $0.format == EventFormat.headToHead.rawValue }, on: db)
            let eventIDs = context.events.compactMap(\.id)
            for lane in try await GamesFinalLaneModel.query(on: db).filter(\.$event.$id ~~ eventIDs).all() {
                context.finalists[lane.$event.id, default: []].insert(lane.$entry.id)
            }
            if !context.finalists.isEmpty {
                for time in try await GamesHeatTimeModel.query(on: db).filter(\.$event.$id ~~ Array(context.finalists.keys)).all() {
                    context.heatTimes[time.$event.id, default: []].append(
                        HeatTime(entryID: time.$entry.id, heat: 0, status: ResultStatus(rawValue: time.status) ?? .ok, mark: time.mark))
                }
            }
            if !entryIDs.isEmpty {
                for result in try await GamesResultModel.query(on: db).filter(\.$entry.$id ~~ entryIDs).all() { context.results[result.$entry.id] = result }
                let members = try await GamesEntryMemberModel.query(on: db).filter(\.$entry.$id ~~ entryIDs).sort(\.$position).with(\.$person).all()
                for member in members { context.names[member.$entry.id, default: []].append(member.person.name) }
            }
            return context
        }

        /// An event's ranking, worked out once per context: standings and awards both read it.
        func ranked(_ event: GamesEventModel) -> [RankedResultDTO] {
            if let cached = rankedByEvent[event.id!] { return cached }
            let lines = rank(event)
            rankedByEvent[event.id!] = lines
            return lines
        }

        private var rankedByEvent: [Int: [RankedResultDTO]] = [:]

        private func rank(_ event: GamesEventModel) -> [RankedResultDTO] {
            let format = EventFormat(rawValue: event.format) ?? .timed
            let kind = format.markKind
            let entries = entriesByEvent[event.id!] ?? []
            let drawn = draws[event.id!]
            let drawPlaces = Dictionary(uniqueKeysWithValues: (drawn?.draw.places ?? []).map { ($0.entryID, $0.place) })
            let finalists = self.finalists[event.id!]
            let heatTimes = heatTimes[event.id!] ?? []
            let performances = entries.compactMap { entry -> Performance? in
                if drawn != nil { return drawPlaces[entry.id!].map { Performance(entryID: entry.id!, status: .ok, mark: $0) } }
                if let finalists, !finalists.contains(entry.id!) { return nil }
                guard let result = results[entry.id!] else { return nil }
                let attempts = (result.attempts ?? "").split(separator: ",").compactMap { Int($0) }
                return Performance(entryID: entry.id!, status: ResultStatus(rawValue: result.status) ?? .ok, mark: result.mark, attempts: attempts)
            }
            var ranked = Ranking.rank(performances, kind: kind, breakTiesOnAttempts: format == .measured)
            if let finalists { ranked += HeatQualification.nonFinalistOrder(heats: [heatTimes], finalists: finalists, kind: kind) }
            let fromHeats = Set(finalists == nil ? [] : heatTimes.map(\.entryID)).subtracting(finalists ?? [])
            let awardKind = AwardKind(rawValue: event.awardKind) ?? .individual
            let awarded = scoring.table(for: awardKind).award(ranked, policy: scoring.tiePolicy)
            for (entry, value) in awarded { points[entry] = value }
            let awardees = Set(AwardRule(topN: event.awardTopN, kind: AwardKind(rawValue: event.awardKind) ?? .individual).awardedEntries(ranked).map(\.entryID))
            let teamNames = Dictionary(uniqueKeysWithValues: teams.map { ($0.id!, $0.name) })
            let byID = Dictionary(uniqueKeysWithValues: entries.map { ($0.id!, $0) })
            let drawOfficial = drawn.map { $0.draw.isComplete && $0.results.values.allSatisfy(\.official) }
            var lines = ranked.map { line -> RankedResultDTO in
                let entry = byID[line.performance.entryID]!
                let result = results[entry.id!]
                return RankedResultDTO(entryId: entry.id!, teamId: entry.$team.id, teamName: teamNames[entry.$team.id] ?? "", names: names[entry.id!] ?? [],
                                       place: line.place, tied: line.tied, status: line.performance.status,
                                       mark: line.performance.mark.map { MarkFormat.format($0, as: kind) } ?? line.performance.status.rawValue.uppercased(),
                                       points: (awarded[entry.id!] ?? .zero).description, award: awardees.contains(entry.id!),
                                       official: drawOfficial ?? (fromHeats.contains(entry.id!) || result?.official ?? false),
                                       round: finalists == nil ? nil : fromHeats.contains(entry.id!) ? .heat : .final)
            }
            // Entries still waiting for a result are listed last, without a place.
            let placed = Set(ranked.map(\.performance.entryID))
            for entry in entries where !placed.contains(entry.id!) {
                lines.append(RankedResultDTO(entryId: entry.id!, teamId: entry.$team.id, teamName: teamNames[entry.$team.id] ?? "", names: names[entry.id!] ?? [],
                                             place: nil, tied: false, status: nil, mark: "", points: "0", award: false, official: false, round: nil))
            }
            return lines
        }
    }
}

extension ResultInput {
    func read(format: EventFormat, maxAttempts: Int) throws -> TypedResult {
        try TypedResult.read(status: status, mark: mark, attempts: attempts, format: format, maxAttempts: maxAttempts)
    }
}

extension GamesResultModel {
    func dto(kind: MarkKind) -> ResultDTO {
        let status = ResultStatus(rawValue: self.status) ?? .ok
        return ResultDTO(entryId: $entry.id, status: status, mark: mark,
                         display: mark.map { MarkFormat.format($0, as: kind) } ?? status.rawValue.uppercased(),
                         attempts: (attempts ?? "").split(separator: ",").compactMap { Int($0) }, official: official, version: version)
    }
}
