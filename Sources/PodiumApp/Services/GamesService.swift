import Fluent
import Foundation
import PodiumCore

/// Teams, events and entries of a games program. Entry rules are PodiumCore's `EntryCheck`.
struct GamesService {
    let db: any Database
    let clock: PodiumClock

    func program(slug: String) async throws -> ProgramModel {
        guard let program = try await ProgramModel.query(on: db).filter(\.$slug == slug).first() else {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        guard program.kind == ProgramKind.games.rawValue else {
            throw PodiumError.notFound(LocalizedMessage("error.games.notGames", ["name": program.name]))
        }
        return program
    }

    // MARK: Teams

    func teams(programID: Int) async throws -> [TeamDTO] {
        try await GamesTeamModel.query(on: db).filter(\.$program.$id == programID).sort(\.$name).all().map(\.dto)
    }

    func team(_ id: Int, programID: Int) async throws -> GamesTeamModel {
        guard let team = try await GamesTeamModel.find(id, on: db), team.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.games.teamNotFound"))
        }
        return team
    }

    func createTeam(programID: Int, _ input: TeamInput, by actor: Actor) async throws -> TeamDTO {
        try await db.transaction { tx in
            guard let unit = try await UnitModel.find(input.unitId, on: tx) else {
                throw PodiumError.invalid("unitId", "error.unit.notFound")
            }
            if try await GamesTeamModel.query(on: tx).filter(\.$program.$id == programID).filter(\.$unit.$id == input.unitId).first() != nil {
                throw PodiumError.invalid("unitId", "error.games.teamExists", ["unit": unit.name])
            }
            let team = GamesTeamModel()
            team.$program.id = programID
            team.$unit.id = input.unitId
            team.name = input.name?.collapsingWhitespace.nilIfEmpty ?? unit.name
            team.version = 1
            try await team.create(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: "team", entityID: "\(team.id!)",
                                                            summary: team.name, before: Nothing?.none, after: team.dto)
            return team.dto
        }
    }

    // MARK: Events

    func events(programID: Int) async throws -> [EventDTO] {
        try await GamesEventModel.query(on: db).filter(\.$program.$id == programID).sort(\.$id).all().map(\.dto)
    }

    func event(_ id: Int, programID: Int) async throws -> GamesEventModel {
        guard let event = try await GamesEventModel.find(id, on: db), event.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.games.eventNotFound"))
        }
        return event
    }

    func createEvent(program: ProgramModel, _ input: EventInput, language: Language, by actor: Actor) async throws -> EventDTO {
        var template: EventTemplate?
        if let id = input.templateId {
            template = EventTemplate.template(id)
            if template == nil { throw PodiumError.invalid("templateId", "error.event.templateUnknown", ["value": id]) }
        }
        let model = GamesEventModel()
        model.$program.id = program.id!
        model.templateID = template?.id
        model.version = 1
        try Self.apply(input, to: model, template: template, language: language, program: program)
        return try await db.transaction { tx in
            try await model.create(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: "event", entityID: "\(model.id!)",
                                                            summary: model.name, before: Nothing?.none, after: model.dto)
            return model.dto
        }
    }

    /// Changes an event. Fields left out keep their value, except the optional limits (ages, quota,
    /// deadline), which are replaced: leaving one out removes it. Every entry is checked again and the
    /// ones that now break a rule come back with the reasons.
    func updateEvent(program: ProgramModel, eventID: Int, _ input: EventInput, by actor: Actor) async throws -> (EventDTO, [FlaggedEntry]) {
        try await db.transaction { tx in
            let service = GamesService(db: tx, clock: clock)
            let model = try await service.event(eventID, programID: program.id!)
            let before = model.dto
            guard let expected = input.version else { throw PodiumError.invalid("version", "error.version.required") }
            var changes = input
            changes.name = input.name ?? model.name
            changes.category = input.category ?? EventCategory(rawValue: model.category)
            changes.format = input.format ?? EventFormat(rawValue: model.format)
            changes.gender = input.gender ?? EventGender(rawValue: model.gender)
            changes.attempts = input.attempts ?? model.attempts
            changes.lineUpMin = input.lineUpMin ?? model.lineUpMin
            changes.lineUpMax = input.lineUpMax ?? model.lineUpMax
            changes.minimumWomen = input.minimumWomen ?? model.minimumWomen
            changes.parentChild = input.parentChild ?? model.parentChild
            changes.countsTowardLimit = input.countsTowardLimit ?? model.countsTowardLimit
            changes.eventDate = input.eventDate ?? CalendarDate(parsing: model.eventDate)
            changes.venue = input.venue ?? model.venue
            changes.awardKind = input.awardKind ?? AwardKind(rawValue: model.awardKind)
            changes.awardTopN = input.awardTopN ?? model.awardTopN
            let entryIDs = try await GamesEntryModel.query(on: tx).filter(\.$event.$id == eventID).all(\.$id).compactMap { $0 }
            if changes.format?.rawValue != model.format, !entryIDs.isEmpty,
               try await GamesResultModel.query(on: tx).filter(\.$entry.$id ~~ entryIDs).count() > 0 {
                throw PodiumError.invalid("format", "error.event.formatHasResults", ["event": model.name])
            }
            try Self.apply(changes, to: model, template: nil, language: .en, program: program)
            try await VersionGuard.bump(GamesEventModel.schema, id: eventID, expected: expected, on: tx)
            model.version = expected + 1
            try await model.save(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: "event", entityID: "\(eventID)",
                                                            summary: model.name, before: before, after: model.dto)
            return (model.dto, try await service.flaggedEntries(programID: program.id!).filter { $0.eventID == eventID })
        }
    }

    /// Removes an event that nobody has entered yet.
    func deleteEvent(programID: Int, eventID: Int, by actor: Actor) async throws {
        try await db.transaction { tx in
            let model = try await GamesService(db: tx, clock: clock).event(eventID, programID: programID)
            let entries = try await GamesEntryModel.query(on: tx).filter(\.$event.$id == eventID).count()
            guard entries == 0 else { throw PodiumError.conflict(LocalizedMessage("error.event.hasEntries", ["event": model.name, "count": "\(entries)"])) }
            let before = model.dto
            try await model.delete(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: "event", entityID: "\(eventID)",
                                                            summary: before.name, before: before, after: Nothing?.none)
        }
    }

    /// Fills an event from the input, falling back to the template, and refuses settings that cannot work.
    private static func apply(_ input: EventInput, to model: GamesEventModel, template: EventTemplate?, language: Language,
                              program: ProgramModel) throws {
        model.name = input.name?.collapsingWhitespace ?? template?.name(language) ?? ""
        model.category = (input.category ?? template?.category ?? .competition).rawValue
        model.format = (input.format ?? template?.format ?? .timed).rawValue
        model.gender = (input.gender ?? template?.gender ?? .open).rawValue
        model.ageMin = input.ageMin
        model.ageMax = input.ageMax
        model.attempts = input.attempts ?? template?.attempts ?? 1
        model.lineUpMin = input.lineUpMin ?? template?.lineUpMin ?? 1
        model.lineUpMax = input.lineUpMax ?? template?.lineUpMax ?? model.lineUpMin
        model.minimumWomen = input.minimumWomen ?? template?.minimumWomen ?? 0
        model.parentChild = input.parentChild ?? template?.parentChild ?? false
        model.childAgeMin = input.childAgeMin ?? template?.childAge.minimum
        model.childAgeMax = input.childAgeMax ?? template?.childAge.maximum
        model.teamQuota = input.teamQuota
        model.countsTowardLimit = input.countsTowardLimit ?? ((template?.category ?? input.category) != .fun)
        model.deadline = input.deadline
        model.eventDate = (input.eventDate ?? CalendarDate(parsing: program.startDate))?.iso ?? program.startDate
        model.venue = input.venue?.trimmingCharacters(in: .whitespaces) ?? ""
        model.awardKind = (input.awardKind ?? template?.award ?? .individual).rawValue
        model.awardTopN = input.awardTopN ?? template?.awardTopN ?? 6
        var issues = model.rules.issues
        if model.attempts < 1 || model.attempts > 6 { issues.append(FieldIssue("attempts", "error.event.attempts")) }
        if model.awardTopN < 0 || model.awardTopN > 16 { issues.append(FieldIssue("awardTopN", "error.event.awardTopN")) }
        if !issues.isEmpty { throw PodiumError.validation(issues) }
    }

    // MARK: Entries

    func entries(programID: Int, teamID: Int? = nil) async throws -> [EntryDTO] {
        let eventIDs = try await GamesEventModel.query(on: db).filter(\.$program.$id == programID).all(\.$id).compactMap { $0 }
        let query = GamesEntryModel.query(on: db).filter(\.$event.$id ~~ eventIDs)
        if let teamID { query.filter(\.$team.$id == teamID) }
        let entries = try await query.sort(\.$id).all()
        let members = try await memberIDs(of: entries.compactMap(\.id))
        return entries.map { $0.dto(personIDs: members[$0.id!] ?? []) }
    }

    /// Registers an entry after checking every rule. Violations come back in words; an organizer may
    /// set named rules aside with a reason, which is recorded with the entry.
    func createEntry(program: ProgramModel, _ input: EntryInput, by actor: Actor, mayOverride: Bool) async throws -> EntryDTO {
        try await db.transaction { tx in
            let service = GamesService(db: tx, clock: clock)
            let team = try await service.team(input.teamId, programID: program.id!)
            guard let event = try await GamesEventModel.find(input.eventId, on: tx), event.$program.id == program.id else {
                throw PodiumError.invalid("eventId", "error.games.eventNotFound")
            }
            if input.personIds.isEmpty { throw PodiumError.invalid("personIds", "error.games.noMembers") }
            // Team leaders enter while the program is open; organizers may still add late entries.
            if program.status != ProgramStatus.open.rawValue, !mayOverride {
                throw PodiumError.invalid("rules.deadline", "error.games.entriesClosed", ["program": program.name])
            }
            if input.override != nil, !mayOverride { throw PodiumError.forbidden(LocalizedMessage("error.games.overrideForbidden")) }
            if let reason = input.override?.reason, reason.trimmingCharacters(in: .whitespaces).isEmpty {
                throw PodiumError.invalid("override.reason", "error.games.overrideReason")
            }
            let athletes = try await service.athletes(input.personIds, programID: program.id!)
            let check = try await service.entryCheck(programID: program.id!)
            let violations = check.violations(eventID: event.id!, teamID: team.id!, members: athletes, now: clock.now())
            let overridden = Set(input.override?.rules ?? [])
            let remaining = violations.filter { !overridden.contains($0.rule) }
            if !remaining.isEmpty {
                throw PodiumError.validation(remaining.map { FieldIssue("rules.\($0.rule.rawValue)", $0.message) })
            }
            let applied = violations.map(\.rule).filter { overridden.contains($0) }
            let entry = GamesEntryModel()
            entry.$event.id = event.id!
            entry.$team.id = team.id!
            entry.overriddenRules = Array(Set(applied)).map(\.rawValue).sorted().joined(separator: ",")
            entry.overrideReason = applied.isEmpty ? nil : input.override?.reason
            entry.version = 1
            try await entry.create(on: tx)
            for (position, personID) in input.personIds.enumerated() {
                let member = GamesEntryMemberModel()
                member.$entry.id = entry.id!
                member.$person.id = personID
                member.position = position
                try await member.create(on: tx)
            }
            let dto = entry.dto(personIDs: input.personIds)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: "entry", entityID: "\(entry.id!)",
                                                            summary: "\(event.name) · \(team.name)", before: Nothing?.none, after: dto,
                                                            reason: entry.overrideReason.map { "override \(entry.overriddenRules): \($0)" })
            return dto
        }
    }

    /// An entry of this program with the team that made it, for checking who may change it.
    func entry(_ id: Int, programID: Int) async throws -> (entry: GamesEntryModel, team: GamesTeamModel) {
        guard let entry = try await GamesEntryModel.find(id, on: db),
              let team = try await GamesTeamModel.find(entry.$team.id, on: db), team.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.games.entryNotFound"))
        }
        return (entry, team)
    }

    /// Withdraws an entry. Team leaders may while entries are open; an entry with a result stays.
    func deleteEntry(program: ProgramModel, entryID: Int, by actor: Actor, mayOverride: Bool) async throws {
        try await db.transaction { tx in
            let service = GamesService(db: tx, clock: clock)
            let entry = try await service.entry(entryID, programID: program.id!).entry
            if program.status != ProgramStatus.open.rawValue, !mayOverride {
                throw PodiumError.invalid("entry", "error.games.entriesClosed", ["program": program.name])
            }
            if try await GamesResultModel.query(on: tx).filter(\.$entry.$id == entryID).first() != nil {
                throw PodiumError.conflict(LocalizedMessage("error.games.entryHasResult"))
            }
            let before = entry.dto(personIDs: try await service.memberIDs(of: [entryID])[entryID] ?? [])
            try await GamesEntryMemberModel.query(on: tx).filter(\.$entry.$id == entryID).delete()
            try await entry.delete(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: "entry", entityID: "\(entryID)",
                                                            summary: "entry \(entryID)", before: before, after: Nothing?.none)
        }
    }

    /// Every entry that breaks a rule as the rules stand now (after a rule or the person limit changed),
    /// leaving out the rules an organizer overrode for it. The deadline is not checked again.
    func flaggedEntries(programID: Int) async throws -> [FlaggedEntry] {
        let check = try await entryCheck(programID: programID)
        guard !check.existing.isEmpty else { return [] }
        let personIDs = Array(Set(check.existing.flatMap(\.personIDs)))
        let athletes = Dictionary(uniqueKeysWithValues: try await athletes(personIDs, programID: programID).map { ($0.personID, $0) })
        let members = Dictionary(uniqueKeysWithValues: check.existing.map { entry in (entry.entryID, entry.personIDs.compactMap { athletes[$0] }) })
        let entries = Dictionary(uniqueKeysWithValues: try await GamesEntryModel.query(on: db).filter(\.$id ~~ check.existing.map(\.entryID)).all()
            .map { ($0.id!, $0) })
        return check.recheckAll(members: members).compactMap { flagged in
            let overridden = Set((entries[flagged.entryID]?.overriddenRules ?? "").split(separator: ",").map(String.init))
            let remaining = flagged.violations.filter { !overridden.contains($0.rule.rawValue) }
            guard !remaining.isEmpty, let entry = entries[flagged.entryID] else { return nil }
            return FlaggedEntry(entryID: flagged.entryID, eventID: entry.$event.id, teamID: entry.$team.id,
                                names: (members[flagged.entryID] ?? []).map(\.name), violations: remaining)
        }
    }

    /// People as the rules see them, each with the team their unit fields in this program.
    func athletes(_ personIDs: [Int], programID: Int) async throws -> [Athlete] {
        let people = try await PersonModel.query(on: db).filter(\.$id ~~ personIDs).all()
        let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0) })
        if let missing = personIDs.first(where: { byID[$0] == nil }) {
            throw PodiumError.invalid("personIds", "error.person.notFoundID", ["id": "\(missing)"])
        }
        let tree = try await UnitService(db: db, clock: clock).tree()
        let teams = try await GamesTeamModel.query(on: db).filter(\.$program.$id == programID).all()
        let teamByUnit = Dictionary(uniqueKeysWithValues: teams.map { ($0.$unit.id, $0.id!) })
        return personIDs.compactMap { byID[$0] }.map { person in
            let teamID = person.$unit.id.flatMap { unit in tree.ancestry(of: unit).lazy.compactMap { teamByUnit[$0.id] }.first }
            return Athlete(personID: person.id!, name: person.name, kind: PersonKind(rawValue: person.kind) ?? .external,
                           gender: person.gender.flatMap(Gender.init(rawValue:)), birthDate: person.birthDate.flatMap(CalendarDate.init(parsing:)),
                           teamID: teamID, guardianID: person.$guardian.id)
        }
    }

    func entryCheck(programID: Int) async throws -> EntryCheck {
        let events = try await GamesEventModel.query(on: db).filter(\.$program.$id == programID).all()
        let entries = try await GamesEntryModel.query(on: db).filter(\.$event.$id ~~ events.compactMap(\.id)).all()
        let members = try await memberIDs(of: entries.compactMap(\.id))
        return EntryCheck(rules: events.map(\.rules),
                          existing: entries.map { ExistingEntry(entryID: $0.id!, eventID: $0.$event.id, teamID: $0.$team.id, personIDs: members[$0.id!] ?? []) },
                          personEventLimit: try await GamesScoringService(db: db, clock: clock).scoring(programID: programID).personEventLimit)
    }

    func memberIDs(of entryIDs: [Int]) async throws -> [Int: [Int]] {
        guard !entryIDs.isEmpty else { return [:] }
        let members = try await GamesEntryMemberModel.query(on: db).filter(\.$entry.$id ~~ entryIDs).sort(\.$position).all()
        return Dictionary(grouping: members, by: { $0.$entry.id }).mapValues { $0.map { $0.$person.id } }
    }
}

/// An entry that breaks a rule as the rules stand now.
struct FlaggedEntry: Sendable {
    let entryID: Int
    let eventID: Int
    let teamID: Int
    let names: [String]
    let violations: [RuleViolation]
}

extension GamesTeamModel {
    var dto: TeamDTO { TeamDTO(id: id!, programId: $program.id, unitId: $unit.id, name: name, version: version) }
}

extension GamesEntryModel {
    func dto(personIDs: [Int]) -> EntryDTO {
        EntryDTO(id: id!, eventId: $event.id, teamId: $team.id, personIds: personIDs,
                 overriddenRules: overriddenRules.split(separator: ",").compactMap { EntryRule(rawValue: String($0)) },
                 overrideReason: overrideReason, version: version)
    }
}

extension GamesEventModel {
    var rules: EventRules {
        EventRules(eventID: id ?? 0, name: name, category: EventCategory(rawValue: category) ?? .competition,
                   gender: EventGender(rawValue: gender) ?? .open, age: AgeRule(minimum: ageMin, maximum: ageMax),
                   date: CalendarDate(parsing: eventDate) ?? CalendarDate(year: 2000, month: 1, day: 1)!, teamQuota: teamQuota,
                   lineUpMin: lineUpMin, lineUpMax: lineUpMax, minimumWomen: minimumWomen, parentChild: parentChild,
                   childAge: AgeRule(minimum: childAgeMin, maximum: childAgeMax), deadline: deadline, countsTowardPersonLimit: countsTowardLimit)
    }

    var dto: EventDTO {
        EventDTO(id: id ?? 0, programId: $program.id, templateId: templateID, name: name, category: EventCategory(rawValue: category) ?? .competition,
                 format: EventFormat(rawValue: format) ?? .timed, gender: EventGender(rawValue: gender) ?? .open, ageMin: ageMin, ageMax: ageMax,
                 attempts: attempts, lineUpMin: lineUpMin, lineUpMax: lineUpMax, minimumWomen: minimumWomen, parentChild: parentChild,
                 childAgeMin: childAgeMin, childAgeMax: childAgeMax, teamQuota: teamQuota, countsTowardLimit: countsTowardLimit,
                 deadline: deadline, eventDate: CalendarDate(parsing: eventDate) ?? CalendarDate(year: 2000, month: 1, day: 1)!, venue: venue,
                 awardKind: AwardKind(rawValue: awardKind) ?? .individual, awardTopN: awardTopN, version: version)
    }
}
