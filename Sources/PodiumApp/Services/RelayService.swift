import Fluent
import Foundation
import PodiumCore
import SQLKit

/// A relay race's course, rules, start, teams and line-ups. Line-up rules are PodiumCore's `RelayLineUpCheck`.
struct RelayService {
    let db: any Database
    let clock: PodiumClock

    func program(slug: String) async throws -> ProgramModel {
        guard let program = try await ProgramModel.query(on: db).filter(\.$slug == slug).first() else {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        guard program.kind == ProgramKind.relay.rawValue else {
            throw PodiumError.notFound(LocalizedMessage("error.relay.notRelay", ["name": program.name]))
        }
        return program
    }

    /// The race row; a program that has none yet gets the defaults (5 runners, at least 1 woman).
    func race(programID: Int) async throws -> RelayRaceModel {
        if let race = try await RelayRaceModel.query(on: db).filter(\.$program.$id == programID).first() { return race }
        let race = RelayRaceModel()
        race.$program.id = programID
        let composition = RelayComposition(), rules = RelayTimingRules()
        race.teamSize = composition.teamSize
        race.minimumWomen = composition.minimumWomen
        race.ownOrganizationOnly = composition.ownOrganizationOnly
        race.maximumGuests = composition.maximumGuests
        race.deadTimeMs = rules.deadTimeMs
        race.minimumPaceMs = rules.minimumPaceMsPerKm
        race.revision = 0
        race.version = 0
        return race
    }

    /// The race row, created on first write so its version and revision can be bumped.
    func storedRaceForWrites(programID: Int) async throws -> RelayRaceModel {
        let race = try await race(programID: programID)
        if race.id == nil { try await race.create(on: db) }
        return race
    }

    /// Tells watchers something changed. Call inside the transaction of the change.
    static func bumpRevision(programID: Int, on db: any Database) async throws {
        _ = try await RelayService(db: db, clock: .system).storedRaceForWrites(programID: programID)
        let sql = db as! any SQLDatabase
        try await sql.update(RelayRaceModel.schema)
            .set("revision", to: SQLBinaryExpression(SQLColumn("revision"), .add, SQLBind(1)))
            .where("program_id", .equal, programID)
            .run()
    }

    func legs(programID: Int) async throws -> [RelayLegModel] {
        try await RelayLegModel.query(on: db).filter(\.$program.$id == programID).sort(\.$order).all()
    }

    func course(programID: Int) async throws -> RelayCourse {
        RelayCourse(legs: try await legs(programID: programID).map { RelayLeg(order: $0.order, distanceMeters: $0.distanceMeters, exchangePoint: $0.exchangePoint) })
    }

    func restarts(programID: Int) async throws -> [RelayRestartModel] {
        try await RelayRestartModel.query(on: db).filter(\.$program.$id == programID).sort(\.$point).all()
    }

    func settings(programID: Int) async throws -> RelaySettingsDTO {
        let race = try await race(programID: programID)
        let legs = try await legs(programID: programID)
        return RelaySettingsDTO(
            programId: programID, legs: legs.map { RelayLegDTO(order: $0.order, distanceMeters: $0.distanceMeters, exchangePoint: $0.exchangePoint) },
            totalMeters: legs.reduce(0) { $0 + $1.distanceMeters }, teamSize: race.teamSize, minimumWomen: race.minimumWomen,
            ownOrganizationOnly: race.ownOrganizationOnly, maximumGuests: race.maximumGuests, deadTimeSeconds: Int(race.deadTimeMs / 1000),
            minimumPace: RelayClock.duration(race.minimumPaceMs), start: race.startAt.map(Self.date),
            restarts: try await restarts(programID: programID).map { RelayRestartDTO(point: $0.point, at: Self.date($0.atMs)) },
            version: race.version)
    }

    static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }
    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// Changes the course and rules. Legs, when sent, replace the course; their number cannot change once reads are in.
    func updateSettings(program: ProgramModel, _ input: RelaySettingsInput, by actor: Actor) async throws -> RelaySettingsDTO {
        try await db.transaction { tx in
            let service = RelayService(db: tx, clock: clock)
            let programID = program.id!
            let race = try await service.storedRaceForWrites(programID: programID)
            let before = try await service.settings(programID: programID)
            guard let expected = input.version else { throw PodiumError.invalid("version", "error.version.required") }
            var issues = ValidationCollector()
            var course = try await service.course(programID: programID)
            if let legs = input.legs {
                do {
                    course = try RelayCourse.parse(distances: legs.map(\.distance), exchangePoints: legs.map(\.exchangePoint))
                } catch let error as PodiumError {
                    if case .validation(let found) = error { found.forEach { issues.add($0) } } else { throw error }
                }
                let readCount = try await TimingReadModel.query(on: tx).filter(\.$program.$id == programID).count()
                if readCount > 0, course.legs.count != before.legs.count, !course.legs.isEmpty {
                    issues.add("legs", "error.relay.legsFixed", ["count": "\(before.legs.count)"])
                }
            }
            let stored = race.composition
            var composition = RelayComposition(teamSize: input.teamSize ?? race.teamSize, minimumWomen: input.minimumWomen ?? race.minimumWomen,
                                               ownOrganizationOnly: input.ownOrganizationOnly ?? race.ownOrganizationOnly,
                                               maximumGuests: input.maximumGuests ?? race.maximumGuests)
            if input.legs != nil { composition = composition.fitted(toLegs: course.legs.count, stored: stored) }
            do { try composition.validate(legCount: course.legs.count) } catch let error as PodiumError {
                if case .validation(let found) = error { found.forEach { issues.add($0) } }
            }
            let deadTime = input.deadTimeSeconds ?? Int(race.deadTimeMs / 1000)
            if !(0...600).contains(deadTime) { issues.add("deadTimeSeconds", "error.relay.deadTime", ["value": "\(deadTime)"]) }
            var pace = race.minimumPaceMs
            if let text = input.minimumPace {
                if let parsed = try? MarkFormat.parseTime(text), (30_000...900_000).contains(parsed) { pace = Int64(parsed) }
                else { issues.add("minimumPace", "error.relay.minimumPace", ["value": text]) }
            }
            try issues.check()
            try await VersionGuard.bump(RelayRaceModel.schema, id: race.id!, expected: expected, on: tx)
            race.version = expected + 1
            race.teamSize = composition.teamSize
            race.minimumWomen = composition.minimumWomen
            race.ownOrganizationOnly = composition.ownOrganizationOnly
            race.maximumGuests = composition.maximumGuests
            race.deadTimeMs = Int64(deadTime) * 1000
            race.minimumPaceMs = pace
            try await race.save(on: tx)
            if input.legs != nil {
                try await RelayLegModel.query(on: tx).filter(\.$program.$id == programID).delete()
                for leg in course.legs {
                    let model = RelayLegModel()
                    model.$program.id = programID
                    model.order = leg.order
                    model.distanceMeters = leg.distanceMeters
                    model.exchangePoint = leg.exchangePoint
                    try await model.create(on: tx)
                }
            }
            try await Self.bumpRevision(programID: programID, on: tx)
            let after = try await service.settings(programID: programID)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: "relay_race", entityID: "\(programID)",
                                                            summary: program.name, before: before, after: after)
            return after
        }
    }

    /// Records the mass start, or with a point a restart of the teams still waiting at that exchange.
    func recordStart(program: ProgramModel, _ input: RelayStartInput, by actor: Actor) async throws -> RelaySettingsDTO {
        try await db.transaction { tx in
            let service = RelayService(db: tx, clock: clock)
            let programID = program.id!
            let race = try await service.storedRaceForWrites(programID: programID)
            let before = try await service.settings(programID: programID)
            let at = input.at.map(Self.ms) ?? Self.ms(clock.now())
            let legCount = before.legs.count
            guard legCount > 0 else { throw PodiumError.invalid("legs", "error.relay.noLegs") }
            if let point = input.point {
                guard (1..<legCount).contains(point) else {
                    throw PodiumError.invalid("point", "error.relay.restartPoint", ["value": "\(point)", "max": "\(legCount - 1)"])
                }
                guard let start = race.startAt, at > start else { throw PodiumError.invalid("at", "error.relay.restartBeforeStart") }
                let restart = try await RelayRestartModel.query(on: tx).filter(\.$program.$id == programID).filter(\.$point == point).first()
                    ?? RelayRestartModel()
                restart.$program.id = programID
                restart.point = point
                restart.atMs = at
                try await restart.save(on: tx)
            } else {
                race.startAt = at
                try await race.save(on: tx)
            }
            try await Self.bumpRevision(programID: programID, on: tx)
            let after = try await service.settings(programID: programID)
            try await AuditLog(db: tx, clock: clock).record(actor, action: input.point == nil ? "start" : "restart", entityType: "relay_race",
                                                            entityID: "\(programID)", summary: program.name, before: before, after: after)
            return after
        }
    }

    // MARK: Teams

    func teams(programID: Int) async throws -> [RelayTeamDTO] {
        let teams = try await RelayTeamModel.query(on: db).filter(\.$program.$id == programID).all()
        let runners = try await RelayRunnerModel.query(on: db).filter(\.$team.$id ~~ teams.compactMap(\.id)).with(\.$person).sort(\.$legOrder).all()
        let byTeam = Dictionary(grouping: runners, by: { $0.$team.id })
        return teams.map { $0.dto(runners: byTeam[$0.id!] ?? []) }
            .sorted { $0.bib.localizedStandardCompare($1.bib) == .orderedAscending }
    }

    func team(_ id: Int, programID: Int) async throws -> RelayTeamModel {
        guard let team = try await RelayTeamModel.find(id, on: db), team.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.relay.teamNotFound"))
        }
        return team
    }

    func teamDTO(_ id: Int, programID: Int) async throws -> RelayTeamDTO {
        let team = try await team(id, programID: programID)
        let runners = try await RelayRunnerModel.query(on: db).filter(\.$team.$id == id).with(\.$person).sort(\.$legOrder).all()
        return team.dto(runners: runners)
    }

    func createTeam(program: ProgramModel, _ input: RelayTeamInput, by actor: Actor) async throws -> RelayTeamDTO {
        try await db.transaction { tx in
            let programID = program.id!
            var issues = ValidationCollector()
            let unit = try await UnitModel.find(input.unitId, on: tx)
            if unit == nil { issues.add("unitId", "error.unit.notFound") }
            let bib = RelayTiming.normalizeBib(input.bib)
            if bib == nil || bib!.count > 12 {
                issues.add("bib", "error.relay.bib", ["value": input.bib])
            } else if try await RelayTeamModel.query(on: tx).filter(\.$program.$id == programID).filter(\.$bib == bib!).first() != nil {
                issues.add("bib", "error.relay.bibTaken", ["bib": bib!])
            }
            try issues.check()
            let team = RelayTeamModel()
            team.$program.id = programID
            team.$unit.id = input.unitId
            team.bib = bib!
            team.name = input.name?.collapsingWhitespace.nilIfEmpty ?? unit!.name
            team.teamClass = input.teamClass?.collapsingWhitespace.nilIfEmpty ?? Self.defaultClass(UnitKind(rawValue: unit!.kind) ?? .company)
            team.status = RelayTeamStatus.entered.rawValue
            team.overriddenRules = ""
            team.version = 1
            try await team.create(on: tx)
            try await Self.bumpRevision(programID: programID, on: tx)
            let dto = team.dto(runners: [])
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: "relay_team", entityID: "\(team.id!)",
                                                            summary: "\(team.bib) \(team.name)", before: Nothing?.none, after: dto)
            return dto
        }
    }

    /// Enterprises, communities, colleges and public bodies run as classes of their own.
    static func defaultClass(_ kind: UnitKind) -> String {
        switch kind {
        case .group, .sector, .company, .department: return "enterprise"
        case .community: return "community"
        case .college: return "college"
        case .publicBody: return "public_body"
        case .external: return "open"
        }
    }

    /// Removes a team that has not run: once the race has started, give it a status instead.
    func deleteTeam(program: ProgramModel, teamID: Int, by actor: Actor) async throws {
        try await db.transaction { tx in
            let service = RelayService(db: tx, clock: clock)
            let team = try await service.team(teamID, programID: program.id!)
            if try await service.race(programID: program.id!).startAt != nil {
                throw PodiumError.conflict(LocalizedMessage("error.relay.teamStarted", ["team": team.name]))
            }
            let before = try await service.teamDTO(teamID, programID: program.id!)
            try await team.delete(on: tx)
            try await Self.bumpRevision(programID: program.id!, on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: "relay_team", entityID: "\(teamID)",
                                                            summary: "\(before.bib) \(before.name)", before: before, after: Nothing?.none)
        }
    }

    /// The check every line-up of this race is held to, with everyone already running for another team.
    func lineUpCheck(programID: Int, exceptTeam teamID: Int?) async throws -> RelayLineUpCheck {
        let race = try await race(programID: programID)
        let legCount = try await RelayLegModel.query(on: db).filter(\.$program.$id == programID).count()
        let teams = try await RelayTeamModel.query(on: db).filter(\.$program.$id == programID).all()
        let names = Dictionary(uniqueKeysWithValues: teams.map { ($0.id!, $0.name) })
        let others = try await RelayRunnerModel.query(on: db).filter(\.$team.$id ~~ teams.compactMap(\.id)).all()
            .filter { $0.$team.id != teamID }
        var runnersOfOtherTeams: [Int: String] = [:]
        for runner in others { runnersOfOtherTeams[runner.$person.id] = names[runner.$team.id] }
        return RelayLineUpCheck(composition: race.composition, legCount: legCount, tree: try await UnitService(db: db, clock: clock).tree(),
                                runnersOfOtherTeams: runnersOfOtherTeams)
    }

    /// Sets who runs each leg, after checking every rule. Once the race has started a change needs a reason
    /// and is kept as a race-day change.
    func setLineUp(program: ProgramModel, teamID: Int, _ input: RelayLineUpInput, by actor: Actor, mayOverride: Bool) async throws -> RelayTeamDTO {
        try await db.transaction { tx in
            let service = RelayService(db: tx, clock: clock)
            let programID = program.id!
            let team = try await service.team(teamID, programID: programID)
            let before = try await service.teamDTO(teamID, programID: programID)
            guard let expected = input.version else { throw PodiumError.invalid("version", "error.version.required") }
            let legCount = try await RelayLegModel.query(on: tx).filter(\.$program.$id == programID).count()
            var issues = ValidationCollector()
            if legCount == 0 { issues.add("legs", "error.relay.noLegs") }
            var seenLegs = Set<Int>()
            for (index, runner) in input.runners.enumerated() {
                if !(1...max(1, legCount)).contains(runner.leg) {
                    issues.add("runners[\(index)].leg", "error.relay.runnerLeg", ["value": "\(runner.leg)", "max": "\(legCount)"])
                } else if !seenLegs.insert(runner.leg).inserted {
                    issues.add("runners[\(index)].leg", "error.relay.legTwice", ["leg": "\(runner.leg)"])
                }
                if let chip = runner.chip, chip.count > 40 { issues.add("runners[\(index)].chip", "error.relay.chip") }
            }
            let started = try await service.race(programID: programID).startAt != nil
            let reason = input.reason?.collapsingWhitespace.nilIfEmpty
            if started, reason == nil { issues.add("reason", "error.relay.raceDayReason") }
            if input.override != nil, !mayOverride { throw PodiumError.forbidden(LocalizedMessage("error.games.overrideForbidden")) }
            if let override = input.override, override.reason.collapsingWhitespace.isEmpty { issues.add("override.reason", "error.games.overrideReason") }
            try issues.check()
            let people = try await PersonModel.query(on: tx).filter(\.$id ~~ input.runners.map(\.personId)).all()
            let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0) })
            for (index, runner) in input.runners.enumerated() where byID[runner.personId] == nil {
                issues.add("runners[\(index)].personId", "error.person.notFoundID", ["id": "\(runner.personId)"])
            }
            try issues.check()
            var legs: [Int: RelayRunner] = [:]
            for runner in input.runners {
                let person = byID[runner.personId]!
                legs[runner.leg] = RelayRunner(personID: person.id!, name: person.name, gender: person.gender.flatMap(Gender.init(rawValue:)),
                                               unitID: person.$unit.id, guest: runner.guest ?? false)
            }
            let check = try await service.lineUpCheck(programID: programID, exceptTeam: teamID)
            let violations = check.violations(teamName: team.name, teamUnitID: team.$unit.id, legs: legs)
            let overridden = Set(input.override?.rules ?? [])
            let remaining = violations.filter { !overridden.contains($0.rule) }
            if !remaining.isEmpty { throw PodiumError.validation(remaining.map { FieldIssue("rules.\($0.rule.rawValue)", $0.message) }) }
            let applied = Set(violations.map(\.rule)).intersection(overridden)
            try await VersionGuard.bump(RelayTeamModel.schema, id: teamID, expected: expected, on: tx)
            team.version = expected + 1
            team.overriddenRules = applied.map(\.rawValue).sorted().joined(separator: ",")
            team.overrideReason = applied.isEmpty ? nil : input.override?.reason
            try await team.save(on: tx)
            try await RelayRunnerModel.query(on: tx).filter(\.$team.$id == teamID).delete()
            for runner in input.runners.sorted(by: { $0.leg < $1.leg }) {
                let model = RelayRunnerModel()
                model.$team.id = teamID
                model.legOrder = runner.leg
                model.$person.id = runner.personId
                model.guest = runner.guest ?? false
                model.chip = runner.chip.flatMap { RelayTiming.normalizeBib($0) }
                try await model.create(on: tx)
            }
            try await Self.bumpRevision(programID: programID, on: tx)
            let after = try await service.teamDTO(teamID, programID: programID)
            try await AuditLog(db: tx, clock: clock).record(actor, action: started ? "race_day_change" : "line_up", entityType: "relay_team",
                                                            entityID: "\(teamID)", summary: "\(team.bib) \(team.name)", before: before, after: after,
                                                            reason: reason ?? input.override?.reason)
            return after
        }
    }

    /// DNS, DNF or DQ with the reason, or back to entered.
    func setStatus(program: ProgramModel, teamID: Int, _ input: RelayTeamStatusInput, by actor: Actor) async throws -> RelayTeamDTO {
        try await db.transaction { tx in
            let service = RelayService(db: tx, clock: clock)
            let team = try await service.team(teamID, programID: program.id!)
            let before = try await service.teamDTO(teamID, programID: program.id!)
            let reason = input.reason?.collapsingWhitespace.nilIfEmpty
            if input.status != .entered, reason == nil {
                throw PodiumError.invalid("reason", "error.relay.statusReason", ["status": input.status.rawValue.uppercased()])
            }
            try await VersionGuard.bump(RelayTeamModel.schema, id: teamID, expected: input.version, on: tx)
            team.version = (input.version ?? 0) + 1
            team.status = input.status.rawValue
            team.statusReason = input.status == .entered ? nil : reason
            try await team.save(on: tx)
            try await Self.bumpRevision(programID: program.id!, on: tx)
            let after = try await service.teamDTO(teamID, programID: program.id!)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "status", entityType: "relay_team", entityID: "\(teamID)",
                                                            summary: "\(team.bib) \(team.name)", before: before, after: after, reason: reason)
            return after
        }
    }

    /// Line-ups that break a rule as the rules stand now (after a change of rules or of a person), by team.
    func lineUpProblems(programID: Int) async throws -> [Int: [RelayLineUpViolation]] {
        let teams = try await RelayTeamModel.query(on: db).filter(\.$program.$id == programID).all()
        let runners = try await RelayRunnerModel.query(on: db).filter(\.$team.$id ~~ teams.compactMap(\.id)).with(\.$person).all()
        let byTeam = Dictionary(grouping: runners, by: { $0.$team.id })
        let base = try await lineUpCheck(programID: programID, exceptTeam: nil)
        var names: [Int: String] = [:]
        for team in teams { names[team.id!] = team.name }
        var problems: [Int: [RelayLineUpViolation]] = [:]
        for team in teams {
            var others: [Int: String] = [:]
            for runner in runners where runner.$team.id != team.id { others[runner.$person.id] = names[runner.$team.id] }
            let check = RelayLineUpCheck(composition: base.composition, legCount: base.legCount, tree: base.tree, runnersOfOtherTeams: others)
            var legs: [Int: RelayRunner] = [:]
            for runner in byTeam[team.id!] ?? [] { legs[runner.legOrder] = runner.runner }
            let overridden = Set(team.overriddenRules.split(separator: ",").compactMap { RelayLineUpRule(rawValue: String($0)) })
            let found = check.violations(teamName: team.name, teamUnitID: team.$unit.id, legs: legs).filter { !overridden.contains($0.rule) }
            if !found.isEmpty { problems[team.id!] = found }
        }
        return problems
    }
}

extension RelayRaceModel {
    var composition: RelayComposition {
        RelayComposition(teamSize: teamSize, minimumWomen: minimumWomen, ownOrganizationOnly: ownOrganizationOnly, maximumGuests: maximumGuests)
    }

    var rules: RelayTimingRules { RelayTimingRules(deadTimeMs: deadTimeMs, minimumPaceMsPerKm: minimumPaceMs) }
}

extension RelayRunnerModel {
    var runner: RelayRunner {
        RelayRunner(personID: person.id!, name: person.name, gender: person.gender.flatMap(Gender.init(rawValue:)), unitID: person.$unit.id, guest: guest)
    }
}

extension RelayTeamModel {
    func dto(runners: [RelayRunnerModel]) -> RelayTeamDTO {
        RelayTeamDTO(id: id!, programId: $program.id, unitId: $unit.id, bib: bib, name: name, teamClass: teamClass,
                     status: RelayTeamStatus(rawValue: status) ?? .entered, statusReason: statusReason,
                     runners: runners.map { RelayRunnerDTO(leg: $0.legOrder, personId: $0.$person.id, name: $0.person.name,
                                                           gender: $0.person.gender.flatMap(Gender.init(rawValue:)), guest: $0.guest, chip: $0.chip) },
                     overriddenRules: overriddenRules.split(separator: ",").compactMap { RelayLineUpRule(rawValue: String($0)) },
                     overrideReason: overrideReason, version: version)
    }
}
