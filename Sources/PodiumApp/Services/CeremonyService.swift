import Fluent
import Foundation
import PodiumCore

/// The conference of a recognition program: its running order and the people expected in the hall,
/// with check-in at the door. The rules of an agenda item or an attendee are PodiumCore's drafts.
struct CeremonyService {
    let db: any Database
    let clock: PodiumClock

    static let agendaEntity = "ceremony_agenda_item"
    static let attendeeEntity = "ceremony_attendee"

    /// A recognition program by slug; any other kind is not found, and says so.
    func program(slug: String) async throws -> ProgramModel {
        guard let program = try await ProgramModel.query(on: db).filter(\.$slug == slug).first() else {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        guard program.kind == ProgramKind.recognition.rawValue else {
            throw PodiumError.notFound(LocalizedMessage("error.ceremony.notRecognition", ["name": program.name]))
        }
        return program
    }

    // MARK: Agenda

    func agenda(programID: Int) async throws -> [AgendaItemDTO] {
        try await agendaModels(programID: programID).map(\.dto)
    }

    private func agendaModels(programID: Int) async throws -> [AgendaItemModel] {
        try await AgendaItemModel.query(on: db).filter(\.$program.$id == programID).sort(\.$position).sort(\.$id).all()
    }

    func agendaItem(_ id: Int, programID: Int) async throws -> AgendaItemModel {
        guard let item = try await AgendaItemModel.find(id, on: db), item.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.ceremony.itemNotFound"))
        }
        return item
    }

    /// Adds an item at the end, or at `position` with the items from there on moving down.
    func addAgendaItem(program: ProgramModel, _ input: AgendaItemInput, by actor: Actor) async throws -> AgendaItemDTO {
        let checked = try AgendaItemDraft(startsAt: input.startsAt, kind: input.kind ?? "", title: input.title ?? "", speaker: input.speaker).checked()
        return try await db.transaction { tx in
            let service = CeremonyService(db: tx, clock: clock)
            let programID = program.id!
            let item = AgendaItemModel()
            item.$program.id = programID
            item.position = (try await service.agendaModels(programID: programID).last?.position ?? 0) + 1
            item.apply(checked)
            item.version = 1
            try await item.create(on: tx)
            let ids = try await service.agendaModels(programID: programID).compactMap(\.id)
            try await service.renumber(programID: programID, order: input.position.map { AgendaOrder.placing(item.id!, at: $0, in: ids) } ?? ids)
            let dto = try await service.agendaItem(item.id!, programID: programID).dto
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: Self.agendaEntity, entityID: "\(dto.id)",
                                                            summary: "\(program.name): \(dto.title)", before: Nothing?.none, after: dto)
            return dto
        }
    }

    /// Changes an item; omitted fields keep their value, `""` clears the time or the speaker.
    func updateAgendaItem(program: ProgramModel, itemID: Int, _ input: AgendaItemInput, by actor: Actor) async throws -> AgendaItemDTO {
        try await db.transaction { tx in
            let service = CeremonyService(db: tx, clock: clock)
            let programID = program.id!
            let item = try await service.agendaItem(itemID, programID: programID)
            let before = item.dto
            let checked = try AgendaItemDraft(startsAt: input.startsAt ?? before.startsAt, kind: input.kind ?? before.kind.rawValue,
                                              title: input.title ?? before.title, speaker: input.speaker ?? before.speaker).checked()
            try await VersionGuard.bump(AgendaItemModel.schema, id: itemID, expected: input.version, on: tx)
            item.apply(checked)
            item.version = input.version! + 1
            try await item.save(on: tx)
            if let position = input.position {
                let ids = try await service.agendaModels(programID: programID).compactMap(\.id)
                try await service.renumber(programID: programID, order: AgendaOrder.placing(itemID, at: position, in: ids))
            }
            let after = try await service.agendaItem(itemID, programID: programID).dto
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: Self.agendaEntity, entityID: "\(itemID)",
                                                            summary: "\(program.name): \(after.title)", before: before, after: after)
            return after
        }
    }

    /// One place up or down; the first item cannot go up, nor the last down.
    func moveAgendaItem(program: ProgramModel, itemID: Int, _ move: AgendaMove, version: Int?, by actor: Actor) async throws -> AgendaItemDTO {
        try await db.transaction { tx in
            let service = CeremonyService(db: tx, clock: clock)
            let programID = program.id!
            let item = try await service.agendaItem(itemID, programID: programID)
            let before = item.dto
            let ids = try await service.agendaModels(programID: programID).compactMap(\.id)
            guard let order = AgendaOrder.moving(itemID, move, in: ids) else {
                throw PodiumError.conflict(LocalizedMessage(move == .up ? "error.ceremony.alreadyFirst" : "error.ceremony.alreadyLast", ["title": item.title]))
            }
            try await VersionGuard.bump(AgendaItemModel.schema, id: itemID, expected: version, on: tx)
            try await service.renumber(programID: programID, order: order)
            let after = try await service.agendaItem(itemID, programID: programID).dto
            try await AuditLog(db: tx, clock: clock).record(actor, action: "move", entityType: Self.agendaEntity, entityID: "\(itemID)",
                                                            summary: "\(program.name): \(after.title) \(before.position) → \(after.position)",
                                                            before: before, after: after)
            return after
        }
    }

    /// Removes an item; the ones after it move up. With a version, a stale delete is refused.
    func deleteAgendaItem(program: ProgramModel, itemID: Int, version: Int?, by actor: Actor) async throws {
        try await db.transaction { tx in
            let service = CeremonyService(db: tx, clock: clock)
            let programID = program.id!
            let item = try await service.agendaItem(itemID, programID: programID)
            let before = item.dto
            if let version { try await VersionGuard.bump(AgendaItemModel.schema, id: itemID, expected: version, on: tx) }
            try await item.delete(on: tx)
            try await service.renumber(programID: programID, order: try await service.agendaModels(programID: programID).compactMap(\.id))
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: Self.agendaEntity, entityID: "\(itemID)",
                                                            summary: "\(program.name): \(before.title)", before: before, after: Nothing?.none)
        }
    }

    /// Positions 1, 2, 3… in the given order. Only rows whose position changes are written.
    private func renumber(programID: Int, order: [Int]) async throws {
        try await Positions.renumber(try await agendaModels(programID: programID), order: order, on: db)
    }

    // MARK: Attendees

    /// Everyone expected, by group then name, and the counts per group; `query` narrows the list, not the counts.
    func attendees(programID: Int, query: String = "") async throws -> AttendeeListDTO {
        let all = try await AttendeeModel.query(on: db).filter(\.$program.$id == programID).with(\.$person).all()
        let counts = AttendanceCount.tally(all.compactMap { model in
            AttendeeGroup(rawValue: model.group).map { (group: $0, checkedIn: model.checkedInAt != nil) }
        }).map { AttendanceCountDTO(group: $0.group, expected: $0.expected, checkedIn: $0.checkedIn) }
        let listed = all.map(\.dto)
            .filter { AttendeeSearch.matches(query, [$0.name, $0.unitName, $0.seat, $0.employeeNumber]) }
            .sorted { AttendeeOrder.precedes(($0.group, $0.name, $0.id), ($1.group, $1.name, $1.id)) }
        return AttendeeListDTO(attendees: listed, counts: counts.filter { $0.group != nil }, total: counts.last!)
    }

    func attendee(_ id: Int, programID: Int) async throws -> AttendeeModel {
        guard let attendee = try await AttendeeModel.query(on: db).filter(\.$id == id).with(\.$person).first(),
              attendee.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.ceremony.attendeeNotFound"))
        }
        return attendee
    }

    /// Someone from the roster (`personId`: their name and unit come along) or a guest typed in by name.
    /// Someone already on the list is refused by name.
    func addAttendee(program: ProgramModel, _ input: AttendeeInput, by actor: Actor) async throws -> AttendeeDTO {
        try await db.transaction { tx in
            let programID = program.id!
            var issues = ValidationCollector()
            let draft = AttendeeDraft(fromRoster: input.personId != nil, name: input.name ?? "", group: input.group ?? "",
                                      unitName: input.unitName, seat: input.seat)
            draft.issues().forEach { issues.add($0) }
            var person: PersonModel?
            if let personID = input.personId {
                person = try await PersonModel.find(personID, on: tx)
                if let person {
                    if let listed = try await AttendeeModel.query(on: tx).filter(\.$program.$id == programID).filter(\.$person.$id == personID).first() {
                        issues.add("personId", "error.ceremony.alreadyListed", ["name": listed.name])
                    } else if person.kind == PersonKind.family.rawValue {
                        issues.add("personId", "error.ceremony.familyMember", ["name": person.name])
                    }
                } else {
                    issues.add("personId", "error.person.notFoundID", ["id": "\(personID)"])
                }
            }
            try issues.check()
            let checked = try draft.checked()
            let attendee = AttendeeModel()
            attendee.$program.id = programID
            if let person {
                let tree = try await UnitService(db: tx, clock: clock).tree()
                attendee.$person.id = person.id
                attendee.name = person.name
                attendee.unitName = person.$unit.id.flatMap { AttendeeDraft.unitName(path: tree.path(of: $0)) }
            } else {
                let guests = try await AttendeeModel.query(on: tx).filter(\.$program.$id == programID).filter(\.$person.$id == nil).all()
                if let same = guests.first(where: { $0.name.lowercased() == checked.name.lowercased() && $0.unitName == checked.unitName }) {
                    throw PodiumError.invalid("name", "error.ceremony.alreadyListed", ["name": same.name])
                }
                attendee.name = checked.name
                attendee.unitName = checked.unitName
            }
            attendee.group = checked.group.rawValue
            attendee.seat = checked.seat
            attendee.version = 1
            try await attendee.create(on: tx)
            let dto = attendee.dto(employeeNumber: person?.employeeNumber)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: Self.attendeeEntity, entityID: "\(dto.id)",
                                                            summary: "\(program.name): \(dto.name)", before: Nothing?.none, after: dto)
            return dto
        }
    }

    /// Adds the honorees of the award decisions who are not on the list yet, as `honoree`; those already
    /// listed (a leader with a special award, say) keep their place. Returns the ones added.
    @discardableResult
    func addHonorees(programID: Int, people: [(personID: Int, name: String, unitName: String?)], by actor: Actor) async throws -> [AttendeeDTO] {
        try await db.transaction { tx in
            let program = try await ProgramModel.find(programID, on: tx)
            var listed = Set(try await AttendeeModel.query(on: tx).filter(\.$program.$id == programID).all().compactMap { $0.$person.id })
            let numbers = Dictionary(try await PersonModel.query(on: tx).filter(\.$id ~~ people.map(\.personID)).all().map { ($0.id!, $0.employeeNumber) },
                                     uniquingKeysWith: { first, _ in first })
            var added: [AttendeeDTO] = []
            for honoree in people where !listed.contains(honoree.personID) {
                listed.insert(honoree.personID)
                let attendee = AttendeeModel()
                attendee.$program.id = programID
                attendee.$person.id = honoree.personID
                attendee.name = honoree.name
                attendee.group = AttendeeGroup.honoree.rawValue
                attendee.unitName = honoree.unitName
                attendee.version = 1
                try await attendee.create(on: tx)
                let dto = attendee.dto(employeeNumber: numbers[honoree.personID] ?? nil)
                try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: Self.attendeeEntity, entityID: "\(dto.id)",
                                                                summary: "\(program?.name ?? "\(programID)"): \(dto.name)", before: Nothing?.none, after: dto,
                                                                reason: "honoree of the award decisions")
                added.append(dto)
            }
            return added
        }
    }

    /// Takes someone off the list. Someone who has checked in stays until the check-in is undone.
    func removeAttendee(program: ProgramModel, attendeeID: Int, by actor: Actor) async throws {
        try await db.transaction { tx in
            let attendee = try await CeremonyService(db: tx, clock: clock).attendee(attendeeID, programID: program.id!)
            if let at = attendee.checkedInAt {
                throw PodiumError.conflict(LocalizedMessage("error.ceremony.removeCheckedIn", ["name": attendee.name, "time": Self.clockText(at, program),
                                                                                               "by": attendee.checkedInBy ?? ""]))
            }
            let before = attendee.dto
            try await attendee.delete(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: Self.attendeeEntity, entityID: "\(attendeeID)",
                                                            summary: "\(program.name): \(before.name)", before: before, after: Nothing?.none)
        }
    }

    /// Records who let the attendee in and when. A second check-in is refused with the first one's time and door keeper.
    func checkIn(program: ProgramModel, attendeeID: Int, version: Int?, by actor: Actor) async throws -> AttendeeDTO {
        try await db.transaction { tx in
            let service = CeremonyService(db: tx, clock: clock)
            let attendee = try await service.attendee(attendeeID, programID: program.id!)
            try Self.refuseIfCheckedIn(attendee, program)
            let expected = version ?? attendee.version
            do {
                try await VersionGuard.bump(AttendeeModel.schema, id: attendeeID, expected: expected, on: tx)
            } catch PodiumError.conflict(let message) {
                // Someone at another door was quicker: say who, rather than "changed since you read it".
                try Self.refuseIfCheckedIn(try await service.attendee(attendeeID, programID: program.id!), program)
                throw PodiumError.conflict(message)
            }
            let before = attendee.dto
            attendee.checkedInAt = clock.now()
            attendee.checkedInBy = actor.displayName
            attendee.version = expected + 1
            try await attendee.save(on: tx)
            let after = attendee.dto
            try await AuditLog(db: tx, clock: clock).record(actor, action: "check_in", entityType: Self.attendeeEntity, entityID: "\(attendeeID)",
                                                            summary: "\(program.name): \(after.name)", before: before, after: after)
            return after
        }
    }

    /// Takes back a check-in made by mistake.
    func undoCheckIn(program: ProgramModel, attendeeID: Int, version: Int?, by actor: Actor) async throws -> AttendeeDTO {
        try await db.transaction { tx in
            let attendee = try await CeremonyService(db: tx, clock: clock).attendee(attendeeID, programID: program.id!)
            guard attendee.checkedInAt != nil else {
                throw PodiumError.conflict(LocalizedMessage("error.ceremony.notCheckedIn", ["name": attendee.name]))
            }
            let expected = version ?? attendee.version
            try await VersionGuard.bump(AttendeeModel.schema, id: attendeeID, expected: expected, on: tx)
            let before = attendee.dto
            attendee.checkedInAt = nil
            attendee.checkedInBy = nil
            attendee.version = expected + 1
            try await attendee.save(on: tx)
            let after = attendee.dto
            try await AuditLog(db: tx, clock: clock).record(actor, action: "undo_check_in", entityType: Self.attendeeEntity, entityID: "\(attendeeID)",
                                                            summary: "\(program.name): \(after.name)", before: before, after: after)
            return after
        }
    }

    private static func refuseIfCheckedIn(_ attendee: AttendeeModel, _ program: ProgramModel) throws {
        guard let at = attendee.checkedInAt else { return }
        throw PodiumError.conflict(LocalizedMessage("error.ceremony.alreadyCheckedIn", ["name": attendee.name, "time": clockText(at, program),
                                                                                        "by": attendee.checkedInBy ?? ""]))
    }

    /// `13:52` in the program's time zone.
    static func clockText(_ instant: Date, _ program: ProgramModel) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = program.zone
        let parts = calendar.dateComponents([.hour, .minute], from: instant)
        return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
