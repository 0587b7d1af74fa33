import Fluent
import Foundation
import PodiumCore

/// Head-to-head events: the draw an organizer makes, and match results officials enter. Brackets, tables
/// and places come from PodiumCore's `HeadToHeadDraw`, worked out from what is stored.
struct GamesDrawService {
    let db: any Database
    let clock: PodiumClock

    /// A draw with everything the pages need: the settings, the derived draw, the stored results by match,
    /// and each entry's team and names.
    struct Loaded {
        let event: GamesEventModel
        let model: GamesDrawModel
        let settings: DrawSettings
        let draw: HeadToHeadDraw
        let results: [MatchRef: GamesMatchResultModel]
        let entrants: [Int: Entrant]
    }

    struct Entrant {
        let teamName: String
        let names: [String]
        /// The team name for line-ups, `Name (Team)` for one person or a pair.
        var label: String { names.count == 1 || names.count == 2 ? "\(names.joined(separator: " / ")) (\(teamName))" : teamName }
    }

    func event(programID: Int, eventID: Int, on db: any Database) async throws -> GamesEventModel {
        guard let event = try await GamesEventModel.find(eventID, on: db), event.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.games.eventNotFound"))
        }
        guard event.format == EventFormat.headToHead.rawValue else {
            throw PodiumError.notFound(LocalizedMessage("error.draw.notHeadToHead", ["event": event.name]))
        }
        return event
    }

    /// The event's draw, or nil before an organizer has made one.
    func load(programID: Int, eventID: Int) async throws -> Loaded? {
        try await load(event: try await event(programID: programID, eventID: eventID, on: db), on: db)
    }

    func load(event: GamesEventModel, on db: any Database) async throws -> Loaded? {
        try await loadAll(events: [event], on: db)[event.id!]
    }

    /// The draws of many events in a handful of queries, whatever their number (the schedule and the results
    /// pages show them all). Events without a draw are absent; `skipBroken` leaves out a draw that can no
    /// longer be built (entries withdrawn since) instead of failing the whole page.
    func loadAll(events: [GamesEventModel], skipBroken: Bool = false, on db: any Database) async throws -> [Int: Loaded] {
        let ids = events.compactMap(\.id)
        guard !ids.isEmpty else { return [:] }
        let models = try await GamesDrawModel.query(on: db).filter(\.$event.$id ~~ ids).all()
        guard !models.isEmpty else { return [:] }
        let drawn = models.map { $0.$event.id }
        let results = Dictionary(grouping: try await GamesMatchResultModel.query(on: db).filter(\.$event.$id ~~ drawn).all(), by: { $0.$event.id })
        let entrants = try await Self.entrants(eventIDs: drawn, on: db)
        let byID = Dictionary(uniqueKeysWithValues: events.map { ($0.id!, $0) })
        var loaded: [Int: Loaded] = [:]
        for model in models {
            let eventID = model.$event.id
            do {
                loaded[eventID] = try Self.loaded(event: byID[eventID]!, model: model, results: results[eventID] ?? [], entrants: entrants[eventID] ?? [:])
            } catch {
                if skipBroken { continue }
                throw error
            }
        }
        return loaded
    }

    /// A draw from what is stored, loaded by the caller (one event's rows, or a whole program's at once).
    static func loaded(event: GamesEventModel, model: GamesDrawModel, results: [GamesMatchResultModel], entrants: [Int: Entrant]) throws -> Loaded {
        var byRef: [MatchRef: GamesMatchResultModel] = [:]
        for result in results { byRef[result.ref] = result }
        let settings = model.settings
        let draw = try HeadToHeadDraw(structure: settings.structure, entrants: model.seedList, groups: model.groupLists,
                                      qualifiersPerGroup: settings.qualifiersPerGroup, thirdPlaceMatch: settings.thirdPlaceMatch,
                                      rules: settings.rules, outcomes: byRef.compactMapValues(\.outcome), tieDecisions: model.tieDecisions)
        return Loaded(event: event, model: model, settings: settings, draw: draw, results: byRef, entrants: entrants)
    }

    static func entrants(eventID: Int, on db: any Database) async throws -> [Int: Entrant] {
        try await entrants(eventIDs: [eventID], on: db)[eventID] ?? [:]
    }

    /// Entrants by event, then by entry.
    static func entrants(eventIDs: [Int], on db: any Database) async throws -> [Int: [Int: Entrant]] {
        guard !eventIDs.isEmpty else { return [:] }
        let entries = try await GamesEntryModel.query(on: db).filter(\.$event.$id ~~ eventIDs).with(\.$team).all()
        let ids = entries.compactMap(\.id)
        let members = ids.isEmpty ? [] : try await GamesEntryMemberModel.query(on: db).filter(\.$entry.$id ~~ ids).sort(\.$position).with(\.$person).all()
        let all = entrants(entries: entries, members: members)
        var byEvent: [Int: [Int: Entrant]] = [:]
        for entry in entries { byEvent[entry.$event.id, default: [:]][entry.id!] = all[entry.id!] }
        return byEvent
    }

    /// Each entry's team and names: entries loaded with their team, members with their person in position order.
    static func entrants(entries: [GamesEntryModel], members: [GamesEntryMemberModel]) -> [Int: Entrant] {
        var names: [Int: [String]] = [:]
        for member in members { names[member.$entry.id, default: []].append(member.person.name) }
        return Dictionary(uniqueKeysWithValues: entries.map { ($0.id!, Entrant(teamName: $0.team.name, names: names[$0.id!] ?? [])) })
    }

    /// Makes or remakes the draw. Refused once a match has a result: the results would no longer belong
    /// to the matches they were entered for.
    func save(programID: Int, eventID: Int, _ input: DrawInput, seed: UInt64, by actor: Actor) async throws -> Loaded {
        try await db.transaction { tx in
            let event = try await event(programID: programID, eventID: eventID, on: tx)
            let existing = try await GamesDrawModel.query(on: tx).filter(\.$event.$id == eventID).first()
            guard let expected = input.version else { throw PodiumError.invalid("version", "error.version.required") }
            if let existing {
                try await VersionGuard.bump(GamesDrawModel.schema, id: existing.id!, expected: expected, on: tx)
                if try await GamesMatchResultModel.query(on: tx).filter(\.$event.$id == eventID).count() > 0 {
                    throw PodiumError.conflict(LocalizedMessage("error.draw.resultsEntered", ["event": event.name]))
                }
            } else if expected != 0 {
                throw PodiumError.conflict(LocalizedMessage("error.version.stale"))
            }
            let entries = try await GamesEntryModel.query(on: tx).filter(\.$event.$id == eventID).sort(\.$id).all().compactMap(\.id)
            let (settings, unreadable) = Self.settings(input, current: existing?.settings ?? DrawSettings.defaults(templateID: event.templateID))
            var problems = ValidationCollector()
            (unreadable + settings.issues(entrants: entries.count)).forEach { problems.add($0) }
            var seeds: [Int] = []
            for (index, entryID) in (input.seeds ?? []).enumerated() {
                if !entries.contains(entryID) {
                    problems.add("seeds[\(index)]", "error.draw.notEntered", ["entry": "\(entryID)", "event": event.name])
                } else if seeds.contains(entryID) {
                    problems.add("seeds[\(index)]", "error.bracket.duplicateEntrant", ["entry": "\(entryID)"])
                } else {
                    seeds.append(entryID)
                }
            }
            try problems.check()
            var rest = entries.filter { !seeds.contains($0) }
            switch input.seeding ?? "random" {
            case "entered": break
            case "random":
                var generator = SeededGenerator(seed: seed)
                rest.shuffle(using: &generator)
            case let other: throw PodiumError.invalid("seeding", "error.draw.seeding", ["value": other])
            }
            seeds += rest
            let groups = settings.structure == .groupsKnockout ? try RoundRobin.groups(seeded: seeds, count: settings.groupCount) : []
            // Building the draw checks what the settings alone cannot (e.g. a group too small for its qualifiers).
            _ = try HeadToHeadDraw(structure: settings.structure, entrants: seeds, groups: groups, qualifiersPerGroup: settings.qualifiersPerGroup,
                                   thirdPlaceMatch: settings.thirdPlaceMatch, rules: settings.rules, outcomes: [:])
            let model = existing ?? GamesDrawModel()
            let before = existing.map(Self.summary)
            model.$event.id = eventID
            model.apply(settings)
            model.seeds = seeds.map(String.init).joined(separator: ",")
            model.groups = groups.map { $0.map(String.init).joined(separator: ",") }.joined(separator: "|")
            // Ties are settled on the groups as drawn: a new draw starts without decisions.
            model.groupTies = nil
            model.version = (existing?.version ?? 0) + 1
            try await model.save(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: existing == nil ? "create" : "update", entityType: "draw",
                                                            entityID: "\(eventID)", summary: "\(event.name): \(settings.structure.rawValue), \(seeds.count)",
                                                            before: before, after: Self.summary(model))
            return try await load(event: event, on: tx)!
        }
    }

    /// Enters or corrects one match result, or clears it when `input` is nil. Checked against the draw as
    /// it stands; a stale version gets 409.
    func record(programID: Int, eventID: Int, ref: MatchRef, _ input: MatchResultInput?, version: Int?, by actor: Actor) async throws -> Loaded {
        try await db.transaction { tx in
            let event = try await event(programID: programID, eventID: eventID, on: tx)
            guard let loaded = try await load(event: event, on: tx) else {
                throw PodiumError.conflict(LocalizedMessage("error.draw.none", ["event": event.name]))
            }
            guard let match = loaded.draw.match(ref) else {
                throw PodiumError.notFound(LocalizedMessage("error.bracket.noSuchMatch", ["match": ref.key]))
            }
            var outcome: MatchOutcome?
            if let input {
                let scoring = ref.stage == .knockout ? loaded.settings.knockoutScoring : loaded.settings.scoring
                outcome = try MatchScoreReader.read(input.score ?? "", ending: input.ending ?? .played, winner: input.winner, scoring: scoring)
            }
            try loaded.draw.checkResult(ref, outcome: outcome)
            guard let home = match.home, let away = match.away else {
                throw PodiumError.conflict(LocalizedMessage("error.draw.notReady", ["match": ref.key]))
            }
            let existing = loaded.results[ref]
            let before = existing.map { Self.summary($0, loaded) }
            if let existing {
                guard let version else { throw PodiumError.invalid("version", "error.version.required") }
                try await VersionGuard.bump(GamesMatchResultModel.schema, id: existing.id!, expected: version, on: tx)
            } else if input == nil {
                return loaded
            }
            let label = "\(event.name) \(ref.key)"
            guard let outcome, let input else {
                try await existing!.delete(on: tx)
                try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: "match", entityID: "\(eventID):\(ref.key)",
                                                                summary: label, before: before, after: Nothing?.none)
                return try await load(event: event, on: tx)!
            }
            let model = existing ?? GamesMatchResultModel()
            model.$event.id = eventID
            model.stage = ref.stage.rawValue
            model.groupNumber = ref.group
            model.number = ref.number
            model.homeEntryID = home
            model.awayEntryID = away
            model.score = outcome.games.map { "\($0.home)-\($0.away)" }.joined(separator: " ")
            model.ending = outcome.ending.rawValue
            model.winner = outcome.winner?.rawValue
            model.official = input.official ?? false
            model.version = (existing?.version ?? 0) + 1
            try await model.save(on: tx)
            let after = Self.summary(model, loaded)
            try await AuditLog(db: tx, clock: clock).record(actor, action: existing == nil ? "create" : "update", entityType: "match",
                                                            entityID: "\(eventID):\(ref.key)", summary: "\(label): \(after.result)",
                                                            before: before, after: after)
            return try await load(event: event, on: tx)!
        }
    }

    /// The settings with the input applied, and what could not be read at all (checked together with the rest).
    static func settings(_ input: DrawInput, current: DrawSettings) -> (DrawSettings, [FieldIssue]) {
        var settings = current
        var problems = ValidationCollector()
        if let structure = input.structure { settings.structure = structure }
        var bestOf = 5, gamePoints = 11, cap: Int? = nil, allowDraw = false
        switch current.scoring {
        case .games(let b, let g, let c): (bestOf, gamePoints, cap) = (b, g, c)
        case .points(let draw): allowDraw = draw
        }
        if let value = input.bestOf { bestOf = value }
        if let value = input.gamePoints { gamePoints = value }
        if let value = input.gameCap { cap = value == 0 ? nil : value }
        if let value = input.allowDraw { allowDraw = value }
        let currentKind: String = { if case .points = current.scoring { return "points" }; return "games" }()
        switch input.scoring ?? currentKind {
        case "points": settings.scoring = .points(allowDraw: allowDraw)
        case "games": settings.scoring = .games(bestOf: bestOf, gamePoints: gamePoints, cap: cap)
        case let other: problems.add("scoring", "error.draw.scoring", ["value": other])
        }
        if let value = input.thirdPlace { settings.thirdPlaceMatch = value }
        if let value = input.groupCount { settings.groupCount = value }
        if let value = input.qualifiersPerGroup { settings.qualifiersPerGroup = value }
        if let value = input.winPoints { settings.rules.winPoints = value }
        if let value = input.drawPoints { settings.rules.drawPoints = value }
        if let value = input.lossPoints { settings.rules.lossPoints = value }
        settings.rules.walkoverLossPoints = min(settings.rules.walkoverLossPoints, settings.rules.lossPoints)
        if let names = input.tieBreaks {
            do { settings.rules.tieBreaks = try RoundRobinRules.parse(tieBreaks: names.joined(separator: ",")) } catch {
                if case .validation(let issues) = error { issues.forEach { problems.add(FieldIssue("tieBreaks", $0.message)) } }
            }
        }
        return (settings, problems.issues)
    }

    struct DrawSummary: Codable {
        let structure: String
        let scoring: String
        let seeds: String
        let groups: String
    }

    static func summary(_ model: GamesDrawModel) -> DrawSummary {
        DrawSummary(structure: model.structure, scoring: "\(model.scoring) \(model.bestOf)/\(model.gamePoints)", seeds: model.seeds, groups: model.groups)
    }

    struct MatchSummary: Codable {
        let home: String
        let away: String
        let result: String
        let official: Bool
    }

    static func summary(_ model: GamesMatchResultModel, _ loaded: Loaded) -> MatchSummary {
        MatchSummary(home: loaded.entrants[model.homeEntryID]?.label ?? "\(model.homeEntryID)",
                     away: loaded.entrants[model.awayEntryID]?.label ?? "\(model.awayEntryID)",
                     result: "\(model.outcome?.display ?? model.score) \(model.winner ?? "draw")", official: model.official)
    }
}

extension GamesDrawModel {
    var seedList: [Int] { seeds.split(separator: ",").compactMap { Int($0) } }
    var tieDecisions: [GroupTieDecision] {
        guard let text = groupTies, !text.isEmpty else { return [] }
        return (try? JSONDecoder().decode([GroupTieDecision].self, from: Data(text.utf8))) ?? []
    }
    var groupLists: [[Int]] { groups.isEmpty ? [] : groups.split(separator: "|", omittingEmptySubsequences: false).map { $0.split(separator: ",").compactMap { Int($0) } } }

    var settings: DrawSettings {
        let scoring: MatchScoring = self.scoring == "games" ? .games(bestOf: bestOf, gamePoints: gamePoints, cap: gameCap) : .points(allowDraw: allowDraw)
        let tieBreaks = (try? RoundRobinRules.parse(tieBreaks: self.tieBreaks)) ?? RoundRobinRules.defaultTieBreaks
        return DrawSettings(structure: DrawStructure(rawValue: structure) ?? .singleElimination, scoring: scoring, thirdPlaceMatch: thirdPlace,
                            groupCount: groupCount, qualifiersPerGroup: qualifiersPerGroup,
                            rules: RoundRobinRules(winPoints: winPoints, drawPoints: drawPoints, lossPoints: lossPoints, tieBreaks: tieBreaks))
    }

    func apply(_ settings: DrawSettings) {
        structure = settings.structure.rawValue
        switch settings.scoring {
        case .points(let draw):
            scoring = "points"
            allowDraw = draw
            bestOf = 1
            gamePoints = 0
            gameCap = nil
        case .games(let b, let g, let c):
            scoring = "games"
            allowDraw = false
            bestOf = b
            gamePoints = g
            gameCap = c
        }
        thirdPlace = settings.thirdPlaceMatch
        groupCount = settings.groupCount
        qualifiersPerGroup = settings.qualifiersPerGroup
        winPoints = settings.rules.winPoints
        drawPoints = settings.rules.drawPoints
        lossPoints = settings.rules.lossPoints
        tieBreaks = RoundRobinRules.text(tieBreaks: settings.rules.tieBreaks)
    }
}

extension GamesMatchResultModel {
    var ref: MatchRef { stage == "knockout" ? .knockout(number) : .group(groupNumber, number) }

    var outcome: MatchOutcome? {
        let games = score.split(separator: " ").compactMap { part -> GameScore? in
            let sides = part.split(separator: "-").compactMap { Int($0) }
            return sides.count == 2 ? GameScore(sides[0], sides[1]) : nil
        }
        return MatchOutcome(winner: winner.flatMap(MatchSide.init(rawValue:)), games: games, ending: MatchEnding(rawValue: ending) ?? .played)
    }
}
