import PodiumCore

/// Models become DTOs here, and nowhere else.
extension UnitModel {
    var node: UnitNode? {
        guard let id, let kind = UnitKind(rawValue: kind) else { return nil }
        return UnitNode(id: id, parentID: $parent.id, name: name, kind: kind)
    }

    func dto(tree: UnitTree) -> UnitDTO {
        UnitDTO(id: id!, parentId: $parent.id, name: name, kind: UnitKind(rawValue: kind) ?? .department,
                code: code, path: tree.path(of: id!), version: version)
    }
}

extension PersonModel {
    func dto(tree: UnitTree) -> PersonDTO {
        PersonDTO(id: id!, kind: PersonKind(rawValue: kind) ?? .employee, employeeNumber: employeeNumber, name: name,
                  gender: gender.flatMap(Gender.init(rawValue:)), birthDate: birthDate.flatMap(CalendarDate.init(parsing:)),
                  unitId: $unit.id, unitPath: $unit.id.map { tree.path(of: $0) } ?? [],
                  status: EmployeeStatus(rawValue: status) ?? .active, guardianId: $guardian.id,
                  hireDate: hireDate.flatMap(CalendarDate.init(parsing:)), version: version)
    }

    func apply(_ draft: PersonDraft) {
        kind = draft.kind.rawValue
        employeeNumber = draft.kind == .employee ? draft.employeeNumber : draft.employeeNumber
        name = draft.name
        nameFolded = draft.name.lowercased()
        gender = draft.gender?.rawValue
        birthDate = draft.birthDate?.iso
        $unit.id = draft.unitID
        status = draft.status.rawValue
        $guardian.id = draft.kind == .family ? draft.guardianID : nil
        hireDate = draft.hireDate?.iso
    }
}

extension ProgramModel {
    var dto: ProgramDTO {
        ProgramDTO(id: id!, kind: ProgramKind(rawValue: kind) ?? .games, slug: slug, edition: edition, name: name, theme: theme,
                   startDate: CalendarDate(parsing: startDate) ?? CalendarDate(year: 2000, month: 1, day: 1)!,
                   endDate: endDate.flatMap(CalendarDate.init(parsing:)), venue: venue, timeZone: timeZone,
                   status: ProgramStatus(rawValue: status) ?? .draft, version: version, url: "/p/\(slug)")
    }

    func apply(_ draft: ProgramDraft) {
        kind = draft.kind.rawValue
        slug = draft.slug
        edition = draft.edition
        name = draft.name
        theme = draft.theme
        startDate = draft.startDate?.iso ?? ""
        endDate = draft.endDate?.iso
        venue = draft.venue
        timeZone = draft.timeZone
    }
}

extension RoleGrantModel {
    var grant: RoleGrant? {
        Role(rawValue: role).map { RoleGrant(role: $0, unitID: $unit.id, programID: $program.id) }
    }
}

extension UserModel {
    func dto(grants: [RoleGrant]) -> UserDTO {
        UserDTO(id: id!, email: email, displayName: displayName, language: language.flatMap(Language.init(rawValue:)),
                isActive: isActive, grants: grants.map(GrantDTO.init), personId: personID)
    }
}

extension APITokenModel {
    var dto: APITokenDTO {
        APITokenDTO(id: id!, name: name, prefix: tokenPrefix, role: Role(rawValue: role) ?? .official, unitId: $unit.id,
                    programId: $program.id, createdAt: createdAt, lastUsedAt: lastUsedAt, revokedAt: revokedAt)
    }
}

extension AuditEntryModel {
    var dto: AuditEntryDTO {
        AuditEntryDTO(id: id!, at: at, actorKind: actorKind, actorId: actorID, actorName: actorName, action: action,
                      entityType: entityType, entityId: entityID, summary: summary, before: before, after: after, reason: reason)
    }
}

extension AgendaItemModel {
    var dto: AgendaItemDTO {
        AgendaItemDTO(id: id!, programId: $program.id, position: position, startsAt: startsAt, kind: AgendaItemKind(rawValue: kind) ?? .other,
                      title: title, speaker: speaker, version: version)
    }

    func apply(_ checked: AgendaItemDraft.Checked) {
        startsAt = checked.startsAt?.text
        kind = checked.kind.rawValue
        title = checked.title
        speaker = checked.speaker
    }
}

extension AttendeeModel {
    /// With the employee number when the person was loaded along (`with(\.$person)`).
    var dto: AttendeeDTO { dto(employeeNumber: $person.value.flatMap { $0?.employeeNumber }) }

    func dto(employeeNumber: String?) -> AttendeeDTO {
        AttendeeDTO(id: id!, programId: $program.id, personId: $person.id, employeeNumber: employeeNumber, name: name,
                    group: AttendeeGroup(rawValue: group) ?? .guest, unitName: unitName, seat: seat, checkedInAt: checkedInAt,
                    checkedInBy: checkedInBy, version: version)
    }
}
