import Fluent
import Foundation
import PodiumCore

/// Nominations by unit heads and organizers, with their evidence. The rules are PodiumCore's `NominationCheck`.
struct NominationService {
    let db: any Database
    let clock: PodiumClock

    static let maxEvidenceBytes = 4 * 1024 * 1024
    static let maxEvidenceFiles = 10
    static let evidenceTypes: [String: String] = [
        "pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp",
        "doc": "application/msword", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "txt": "text/plain",
    ]

    /// Files a nomination, with its first evidence file when one comes with the form: both are stored, or neither.
    func nominate(program: ProgramModel, _ input: NominationInput, evidence: (fileName: String, data: Data)? = nil,
                  by actor: Actor) async throws -> NominationDTO {
        if let evidence { _ = try Self.checkEvidence(fileName: evidence.fileName, data: evidence.data) }
        return try await db.transaction { tx in
            let service = NominationService(db: tx, clock: clock)
            let recognition = RecognitionService(db: tx, clock: clock)
            let tree = try await UnitService(db: tx, clock: clock).tree()
            let category = try await recognition.category(programID: program.id!, code: input.category)
            let kind = category.categoryKind
            var nomineePerson: PersonModel?
            let nomineeUnitID: Int
            var nomineeName: String
            if kind.nomineeIsUnit {
                guard let unitID = input.unitId, let unit = tree.nodes[unitID] else {
                    throw PodiumError.invalid("unitId", "error.nomination.teamUnitRequired")
                }
                nomineeUnitID = unitID
                let teamName = input.teamName?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                nomineeName = teamName.isEmpty ? unit.name : teamName
            } else {
                guard let personID = input.personId, let person = try await PersonModel.find(personID, on: tx) else {
                    throw PodiumError.invalid("personId", "error.nomination.personRequired")
                }
                guard person.kind == PersonKind.employee.rawValue, let unitID = person.$unit.id else {
                    throw PodiumError.invalid("personId", "error.nomination.notEmployee", ["name": person.name])
                }
                nomineePerson = person
                nomineeUnitID = unitID
                nomineeName = person.name
            }
            // Unit heads nominate within the units they lead; organizers anywhere.
            if !actor.isOrganizer {
                guard actor.ledUnitIDs.contains(where: { tree.isWithin(nomineeUnitID, ancestorID: $0) }) else {
                    throw PodiumError.forbidden(LocalizedMessage("error.nomination.outsideUnit", ["name": nomineeName]))
                }
            }
            if try await BallotModel.query(on: tx).filter(\.$category.$id == category.id!).count() > 0 || category.reviewClosed {
                throw PodiumError.conflict(LocalizedMessage("error.nomination.reviewStarted", ["category": category.name]))
            }
            let existing = try await NominationModel.query(on: tx).filter(\.$category.$id == category.id!).all()
            let active = existing.filter { $0.status == NominationStatus.submitted.rawValue }
            let already: Bool
            if let person = nomineePerson {
                already = existing.contains { $0.$person.id == person.id }
            } else {
                already = active.contains { $0.$unit.id == nomineeUnitID && ($0.teamName ?? "") == nomineeName }
            }
            let organization = tree.homeOrganization(of: nomineeUnitID)
            let sameOrganization = active.filter { tree.homeOrganization(of: $0.$unit.id) == organization }.count
            let nominatorPersonID = try await service.personID(of: actor)
            var previousWin: String?
            if let person = nomineePerson { previousWin = try await service.previousWin(of: person.id!, code: category.code, program: program) }
            let facts = NomineeFacts(
                name: nomineeName, status: nomineePerson.map { EmployeeStatus(rawValue: $0.status) ?? .active },
                hireDate: nomineePerson?.hireDate.flatMap(CalendarDate.init(parsing:)),
                wonSameAwardLastEdition: previousWin)
            let check = NominationCheck(categoryName: category.name, window: category.window, eligibility: category.eligibility,
                                        quotaPerUnit: category.quotaPerUnit)
            let attempt = NominationCheck.Attempt(
                nominee: facts, nominatorPersonID: nominatorPersonID, nomineePersonID: nomineePerson?.id, citation: input.citation,
                alreadyNominated: already, quotaUnitName: tree.nodes[organization]?.name ?? "", nominationsOfQuotaUnit: sameOrganization,
                now: clock.now())
            try ValidationCollector.checking(check.issues(attempt, skipWindow: actor.isOrganizer && input.lateOnPurpose == true))
            var nominatingUnitID = input.nominatingUnitId
            if let id = nominatingUnitID, tree.nodes[id] == nil { throw PodiumError.invalid("nominatingUnitId", "error.unit.notFound") }
            if nominatingUnitID == nil, !actor.isOrganizer {
                nominatingUnitID = actor.ledUnitIDs.first { tree.isWithin(nomineeUnitID, ancestorID: $0) }
            }
            let nomination = NominationModel()
            nomination.$category.id = category.id!
            nomination.$person.id = nomineePerson?.id
            nomination.$unit.id = nomineeUnitID
            nomination.teamName = kind.nomineeIsUnit ? nomineeName : nil
            nomination.$nominatingUnit.id = nominatingUnitID ?? organization
            nomination.nominatedBy = actor.displayName
            nomination.nominatedByUserID = actor.kind == .user ? actor.id : nil
            nomination.citation = input.citation.trimmingCharacters(in: .whitespacesAndNewlines)
            nomination.status = NominationStatus.submitted.rawValue
            nomination.version = 0
            try await nomination.create(on: tx)
            if let evidence {
                _ = try await service.addEvidence(program: program, nominationID: nomination.id!, fileName: evidence.fileName, data: evidence.data, by: actor)
            }
            let dto = try await service.dto(nomination, tree: tree)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "nominate", entityType: "nomination", entityID: "\(nomination.id!)",
                                                            summary: "\(category.name): \(nomineeName)", before: Nothing?.none, after: dto)
            return dto
        }
    }

    /// The roster person behind a signed-in account, if the account is linked to one.
    func personID(of actor: Actor) async throws -> Int? {
        guard actor.kind == .user, let id = actor.id else { return nil }
        return try await UserModel.find(id, on: db)?.personID
    }

    /// The previous edition in which this person won the award with the same code, if they did.
    func previousWin(of personID: Int, code: String, program: ProgramModel) async throws -> String? {
        guard let previous = try await ProgramModel.query(on: db).filter(\.$kind == ProgramKind.recognition.rawValue)
            .filter(\.$startDate < program.startDate).sort(\.$startDate, .descending).first() else { return nil }
        guard let category = try await AwardCategoryModel.query(on: db).filter(\.$program.$id == previous.id!).filter(\.$code == code).first() else { return nil }
        let won = try await AwardDecisionModel.query(on: db).filter(\.$category.$id == category.id!).filter(\.$status == "approved")
            .join(NominationModel.self, on: \AwardDecisionModel.$nomination.$id == \NominationModel.$id)
            .filter(NominationModel.self, \.$person.$id == personID).first()
        return won == nil ? nil : previous.name
    }

    func nomination(_ id: Int, programID: Int) async throws -> NominationModel {
        guard let nomination = try await NominationModel.query(on: db).filter(\.$id == id).with(\.$category).first(),
              nomination.category.$program.id == programID else {
            throw PodiumError.notFound(LocalizedMessage("error.nomination.notFound"))
        }
        return nomination
    }

    /// Withdraws a nomination before review begins; it stays on record with the reason.
    func withdraw(program: ProgramModel, id: Int, _ input: WithdrawalInput, by actor: Actor) async throws -> NominationDTO {
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw PodiumError.invalid("reason", "error.reasonRequired") }
        return try await db.transaction { tx in
            let service = NominationService(db: tx, clock: clock)
            let nomination = try await service.nomination(id, programID: program.id!)
            try await service.requireNominator(actor, of: nomination)
            guard nomination.status == NominationStatus.submitted.rawValue else {
                throw PodiumError.conflict(LocalizedMessage("error.nomination.alreadyWithdrawn"))
            }
            if try await AwardDecisionModel.query(on: tx).filter(\.$nomination.$id == id).count() > 0 {
                throw PodiumError.conflict(LocalizedMessage("error.nomination.decided"))
            }
            let before = try await service.dto(nomination)
            try await VersionGuard.bump(NominationModel.schema, id: id, expected: input.version ?? nomination.version, on: tx)
            nomination.version += 1
            nomination.status = NominationStatus.withdrawn.rawValue
            nomination.statusReason = reason
            try await nomination.save(on: tx)
            let after = try await service.dto(nomination)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "withdraw", entityType: "nomination", entityID: "\(id)",
                                                            summary: "\(nomination.category.name): \(after.nominee)", before: before, after: after, reason: reason)
            return after
        }
    }

    /// Organizers, or the head of a unit the nominee belongs to.
    func requireNominator(_ actor: Actor, of nomination: NominationModel) async throws {
        if actor.isOrganizer { return }
        let tree = try await UnitService(db: db, clock: clock).tree()
        guard actor.ledUnitIDs.contains(where: { tree.isWithin(nomination.$unit.id, ancestorID: $0) }) else {
            throw PodiumError.forbidden(LocalizedMessage("error.forbidden"))
        }
    }

    /// The file's clean name and content type, or why it is refused: its kind, or its size.
    static func checkEvidence(fileName: String, data: Data) throws(PodiumError) -> (name: String, type: String) {
        let name = cleanFileName(fileName)
        guard let type = evidenceTypes[(name as NSString).pathExtension.lowercased()] else {
            throw .invalid("file", "error.evidence.type", ["name": name, "types": evidenceTypes.keys.sorted().joined(separator: ", ")])
        }
        guard !data.isEmpty else { throw .invalid("file", "error.evidence.empty", ["name": name]) }
        guard data.count <= maxEvidenceBytes else { throw .invalid("file", "error.evidence.tooLarge", ["name": name, "max": "4 MB"]) }
        return (name, type)
    }

    func addEvidence(program: ProgramModel, nominationID: Int, fileName: String, data: Data, by actor: Actor) async throws -> EvidenceDTO {
        let (name, type) = try Self.checkEvidence(fileName: fileName, data: data)
        return try await db.transaction { tx in
            let service = NominationService(db: tx, clock: clock)
            let nomination = try await service.nomination(nominationID, programID: program.id!)
            try await service.requireNominator(actor, of: nomination)
            let count = try await EvidenceModel.query(on: tx).filter(\.$nomination.$id == nominationID).count()
            guard count < Self.maxEvidenceFiles else { throw PodiumError.invalid("file", "error.evidence.tooMany", ["max": "\(Self.maxEvidenceFiles)"]) }
            let evidence = EvidenceModel()
            evidence.$nomination.id = nominationID
            evidence.fileName = name
            evidence.contentType = type
            evidence.size = data.count
            evidence.data = data
            try await evidence.create(on: tx)
            let dto = evidence.dto(slug: program.slug)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "evidence_add", entityType: "nomination", entityID: "\(nominationID)",
                                                            summary: name, before: Nothing?.none, after: dto)
            return dto
        }
    }

    /// Keeps the last path component, without control characters or quotes that would break a download header.
    static func cleanFileName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) && $0 != "\"" }.map(Character.init))
        return String(cleaned.trimmingCharacters(in: .whitespaces).prefix(120))
    }

    func evidence(_ id: Int, nominationID: Int) async throws -> EvidenceModel {
        guard let evidence = try await EvidenceModel.find(id, on: db), evidence.$nomination.id == nominationID else {
            throw PodiumError.notFound(LocalizedMessage("error.evidence.notFound"))
        }
        return evidence
    }

    func dto(_ nomination: NominationModel, tree: UnitTree? = nil) async throws -> NominationDTO {
        try await dtos([nomination], tree: tree).first!
    }

    func dtos(_ nominations: [NominationModel], tree: UnitTree? = nil) async throws -> [NominationDTO] {
        guard !nominations.isEmpty else { return [] }
        let unitTree: UnitTree
        if let tree { unitTree = tree } else { unitTree = try await UnitService(db: db, clock: clock).tree() }
        let ids = nominations.compactMap(\.id)
        let categoryIDs = Set(nominations.map { $0.$category.id })
        let categories = Dictionary(uniqueKeysWithValues: try await AwardCategoryModel.query(on: db).filter(\.$id ~~ categoryIDs).all().map { ($0.id!, $0) })
        let personIDs = nominations.compactMap { $0.$person.id }
        let people = Dictionary(uniqueKeysWithValues: try await PersonModel.query(on: db).filter(\.$id ~~ personIDs).all().map { ($0.id!, $0) })
        let evidence = Dictionary(grouping: try await EvidenceModel.query(on: db).filter(\.$nomination.$id ~~ ids)
            .field(\.$id).field(\.$nomination.$id).field(\.$fileName).field(\.$contentType).field(\.$size).sort(\.$id).all(), by: { $0.$nomination.id })
        var slug = ""
        if let programID = categories.values.first?.$program.id { slug = try await ProgramModel.find(programID, on: db)?.slug ?? "" }
        return nominations.map { nomination in
            let category = categories[nomination.$category.id]
            return NominationDTO(
                id: nomination.id!, categoryCode: category?.code ?? "", categoryName: category?.name ?? "", personId: nomination.$person.id,
                nominee: nomination.nomineeName(people: people), unitId: nomination.$unit.id,
                unit: unitTree.path(of: nomination.$unit.id).joined(separator: " › "),
                nominatingUnit: nomination.$nominatingUnit.id.map { unitTree.nodes[$0]?.name ?? "" },
                nominatedBy: nomination.nominatedBy, citation: nomination.citation, status: nomination.status, statusReason: nomination.statusReason,
                evidence: (evidence[nomination.id!] ?? []).map { $0.dto(slug: slug) }, createdAt: nomination.createdAt, version: nomination.version)
        }
    }

    /// Nominations this actor may see: all for organizers, their units' for unit heads.
    func nominations(program: ProgramModel, visibleTo actor: Actor) async throws -> [NominationDTO] {
        let categories = try await RecognitionService(db: db, clock: clock).categories(programID: program.id!)
        let all = try await NominationModel.query(on: db).filter(\.$category.$id ~~ categories.compactMap(\.id)).sort(\.$id).all()
        let tree = try await UnitService(db: db, clock: clock).tree()
        let visible = actor.isOrganizer ? all : all.filter { nomination in
            actor.ledUnitIDs.contains { tree.isWithin(nomination.$unit.id, ancestorID: $0) }
        }
        let order = Dictionary(uniqueKeysWithValues: categories.map { ($0.id!, $0.position) })
        return try await dtos(visible.sorted { (order[$0.$category.id] ?? 0, $0.id!) < (order[$1.$category.id] ?? 0, $1.id!) }, tree: tree)
    }
}

extension NominationModel {
    func nomineeName(people: [Int: PersonModel]) -> String {
        if let id = $person.id { return people[id]?.name ?? "#\(id)" }
        return teamName ?? ""
    }
}

extension EvidenceModel {
    func dto(slug: String) -> EvidenceDTO {
        EvidenceDTO(id: id!, fileName: fileName, contentType: contentType, size: size,
                    url: "/api/v1/programs/\(slug)/recognition/nominations/\($nomination.id)/evidence/\(id!)")
    }
}
