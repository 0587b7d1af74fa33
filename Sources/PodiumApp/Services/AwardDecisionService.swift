import Fluent
import Foundation
import PodiumCore

/// From the tally to the honor roll: an organizer approves the proposed winners, a public notice period
/// takes objections, then the honor roll and its numbered certificates are published.
struct AwardDecisionService {
    let db: any Database
    let clock: PodiumClock

    /// The award year on certificates: the year in the program's slug (`recognition-2020`), else the year it is held.
    static func awardYear(_ program: ProgramModel) -> Int {
        let years = program.slug.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.filter { (1900...2999).contains($0) }
        return years.last ?? program.firstDay.year
    }

    /// Approves the proposal of a category's tally. Quotas are checked again here, on what is stored, so that
    /// no path around the tally gives more awards than the quota allows.
    func approve(program: ProgramModel, code: String, by actor: Actor) async throws -> [AwardDecisionDTO] {
        try await db.transaction { tx in
            let service = AwardDecisionService(db: tx, clock: clock)
            let settings = try await RecognitionService(db: tx, clock: clock).settings(programID: program.id!)
            guard settings.publishedAt == nil else { throw PodiumError.conflict(LocalizedMessage("error.decision.published")) }
            let category = try await RecognitionService(db: tx, clock: clock).category(programID: program.id!, code: code)
            let state = try await ReviewService(db: tx, clock: clock).state(category)
            let proposal = state.proposal()
            if let tie = proposal.pendingTie {
                throw PodiumError.conflict(LocalizedMessage("error.decision.tie", ["names": tie.candidates.map { state.names[$0] ?? "" }.joined(separator: ", "),
                                                                                  "seats": "\(tie.seats)"]))
            }
            let approved = state.decisions.filter { $0.status == "approved" }
            let already = Set(approved.map { $0.$nomination.id })
            let new = proposal.winners.filter { !already.contains($0) }
            guard !new.isEmpty else { throw PodiumError.conflict(LocalizedMessage("error.decision.nothingNew", ["category": category.name])) }
            if let problem = AwardProposal.quotaProblem(awarded: approved.map { $0.$nomination.id } + new, seats: category.quotaTotal,
                                                        perUnitQuota: category.quotaPerUnit, quotaUnit: state.quotaUnits, categoryName: category.name,
                                                        unitName: { state.tree.nodes[$0]?.name ?? "" }) {
                throw PodiumError.conflict(problem)
            }
            let year = Self.awardYear(program)
            var sequence = state.decisions.count
            var place = approved.map(\.place).max() ?? 0
            for nominationID in new {
                sequence += 1
                place += 1
                let decision = AwardDecisionModel()
                decision.$category.id = category.id!
                decision.$nomination.id = nominationID
                decision.place = place
                decision.serial = CertificateSerial(year: year, code: category.code, sequence: sequence).description
                decision.status = "approved"
                decision.approvedBy = actor.displayName
                decision.approvedAt = clock.now()
                try await decision.create(on: tx)
            }
            category.reviewClosed = true
            try await category.save(on: tx)
            let decisions = try await service.decisions(programID: program.id!).filter { $0.category == category.code }
            try await AuditLog(db: tx, clock: clock).record(actor, action: "approve", entityType: "award_category", entityID: "\(category.id!)",
                                                            summary: "\(category.name): \(new.count)", before: Nothing?.none,
                                                            after: decisions.filter { new.contains($0.nominationId) })
            return decisions
        }
    }

    func decisions(programID: Int) async throws -> [AwardDecisionDTO] {
        let categories = try await RecognitionService(db: db, clock: clock).categories(programID: programID)
        let byID = Dictionary(uniqueKeysWithValues: categories.map { ($0.id!, $0) })
        let decisions = try await AwardDecisionModel.query(on: db).filter(\.$category.$id ~~ categories.compactMap(\.id)).with(\.$nomination).all()
        let people = Dictionary(uniqueKeysWithValues: try await PersonModel.query(on: db).filter(\.$id ~~ decisions.compactMap { $0.nomination.$person.id }).all()
            .map { ($0.id!, $0) })
        let tree = try await UnitService(db: db, clock: clock).tree()
        return decisions.map { decision in
            let category = byID[decision.$category.id]
            let unitID = decision.nomination.$unit.id
            return AwardDecisionDTO(
                id: decision.id!, category: category?.code ?? "", categoryName: category?.name ?? "", nominationId: decision.$nomination.id,
                nominee: decision.nomination.nomineeName(people: people), unit: tree.path(of: unitID).joined(separator: " › "),
                organization: tree.nodes[tree.homeOrganization(of: unitID)]?.name ?? "", place: decision.place, serial: decision.serial,
                status: decision.status, approvedBy: decision.approvedBy, approvedAt: decision.approvedAt, revokedReason: decision.revokedReason)
        }.sorted { (positionOf($0.category, categories), $0.place) < (positionOf($1.category, categories), $1.place) }
    }

    private func positionOf(_ code: String, _ categories: [AwardCategoryModel]) -> Int {
        categories.first { $0.code == code }?.position ?? 0
    }

    /// Opens the public notice: the approved list is shown publicly and objections are taken until `endsAt`.
    func startNotice(program: ProgramModel, _ input: NoticeInput, by actor: Actor) async throws -> RecognitionStatusDTO {
        try await db.transaction { tx in
            let recognition = RecognitionService(db: tx, clock: clock)
            let settings = try await recognition.settings(programID: program.id!)
            let approved = try await AwardDecisionService(db: tx, clock: clock).decisions(programID: program.id!).filter { $0.status == "approved" }
            let now = clock.now()
            if let problem = PublicNotice.startProblem(endsAt: input.endsAt, now: now, approvedAwards: approved.count,
                                                       published: settings.publishedAt != nil, timeZone: program.zone) {
                throw problem
            }
            if settings.id == nil { try await settings.create(on: tx) }
            let before = try await recognition.status(program: program)
            settings.noticeStartsAt = settings.noticeStartsAt ?? now
            settings.noticeEndsAt = input.endsAt
            settings.version += 1
            try await settings.save(on: tx)
            let after = try await recognition.status(program: program)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "notice", entityType: "program", entityID: "\(program.id!)",
                                                            summary: program.name, before: before, after: after)
            return after
        }
    }

    /// Anyone may object during the notice period; the objection names the award it is about.
    func object(program: ProgramModel, _ input: ObjectionInput) async throws -> ObjectionDTO {
        let draft = ObjectionDraft(name: input.name, contact: input.contact, text: input.text)
        try ValidationCollector.checking(draft.issues())
        return try await db.transaction { tx in
            let settings = try await RecognitionService(db: tx, clock: clock).settings(programID: program.id!)
            guard PublicNotice.takesObjections(noticeEndsAt: settings.noticeEndsAt, published: settings.publishedAt != nil, now: clock.now()) else {
                throw PodiumError.conflict(LocalizedMessage("error.objection.noticeClosed"))
            }
            guard let decision = try await AwardDecisionModel.query(on: tx).filter(\.$id == input.decisionId).with(\.$category).first(),
                  decision.category.$program.id == program.id!, decision.status == "approved" else {
                throw PodiumError.invalid("decisionId", "error.objection.unknownAward")
            }
            let objection = ObjectionModel()
            objection.$decision.id = decision.id!
            objection.submitterName = draft.name
            objection.contact = draft.contact
            objection.text = draft.text
            objection.status = "open"
            objection.createdAt = clock.now()
            try await objection.create(on: tx)
            let dto = try await AwardDecisionService(db: tx, clock: clock).objections(programID: program.id!).first { $0.id == objection.id }!
            try await AuditLog(db: tx, clock: clock).record(Actor(kind: .anonymous, id: nil, displayName: draft.name, grants: []), action: "object",
                                                            entityType: "award_decision", entityID: "\(decision.id!)", summary: dto.nominee,
                                                            before: Nothing?.none, after: dto)
            return dto
        }
    }

    func objections(programID: Int) async throws -> [ObjectionDTO] {
        let decisions = try await decisions(programID: programID)
        let byID = Dictionary(uniqueKeysWithValues: decisions.map { ($0.id, $0) })
        guard !decisions.isEmpty else { return [] }
        return try await ObjectionModel.query(on: db).filter(\.$decision.$id ~~ decisions.map(\.id)).sort(\.$id).all().map { objection in
            let decision = byID[objection.$decision.id]
            return ObjectionDTO(id: objection.id!, decisionId: objection.$decision.id, nominee: decision?.nominee ?? "",
                                category: decision?.categoryName ?? "", submitterName: objection.submitterName, contact: objection.contact,
                                text: objection.text, status: objection.status, resolution: objection.resolution, resolvedBy: objection.resolvedBy,
                                createdAt: objection.createdAt)
        }
    }

    /// Upholding an objection withdraws the award (its certificate number is never reused); dismissing keeps it.
    func resolve(program: ProgramModel, objectionID: Int, _ input: ObjectionResolutionInput, by actor: Actor) async throws -> ObjectionDTO {
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues = ValidationCollector()
        if !["upheld", "dismissed"].contains(input.outcome) { issues.add("outcome", "error.objection.outcome", ["value": input.outcome]) }
        if reason.isEmpty { issues.add("reason", "error.reasonRequired") }
        try issues.check()
        return try await db.transaction { tx in
            let service = AwardDecisionService(db: tx, clock: clock)
            guard let objection = try await ObjectionModel.find(objectionID, on: tx),
                  let before = try await service.objections(programID: program.id!).first(where: { $0.id == objectionID }) else {
                throw PodiumError.notFound(LocalizedMessage("error.objection.notFound"))
            }
            guard objection.status == "open" else { throw PodiumError.conflict(LocalizedMessage("error.objection.resolved")) }
            let settings = try await RecognitionService(db: tx, clock: clock).settings(programID: program.id!)
            guard settings.publishedAt == nil else { throw PodiumError.conflict(LocalizedMessage("error.decision.published")) }
            objection.status = input.outcome
            objection.resolution = reason
            objection.resolvedBy = actor.displayName
            objection.resolvedAt = clock.now()
            try await objection.save(on: tx)
            if input.outcome == "upheld", let decision = try await AwardDecisionModel.find(objection.$decision.id, on: tx), decision.status == "approved" {
                decision.status = "revoked"
                decision.revokedReason = reason
                try await decision.save(on: tx)
                // The seat is free again: the category may approve the next nominee of the tally.
                if let category = try await AwardCategoryModel.find(decision.$category.id, on: tx) {
                    category.reviewClosed = false
                    try await category.save(on: tx)
                }
            }
            let after = try await service.objections(programID: program.id!).first { $0.id == objectionID }!
            try await AuditLog(db: tx, clock: clock).record(actor, action: "resolve_objection", entityType: "award_decision",
                                                            entityID: "\(objection.$decision.id)", summary: "\(after.category): \(after.nominee) — \(input.outcome)",
                                                            before: before, after: after, reason: reason)
            return after
        }
    }

    /// Publishes the honor roll once the notice period is over and every objection is answered.
    func publish(program: ProgramModel, by actor: Actor) async throws -> RecognitionStatusDTO {
        try await db.transaction { tx in
            let recognition = RecognitionService(db: tx, clock: clock)
            let settings = try await recognition.settings(programID: program.id!)
            let now = clock.now()
            let open = try await AwardDecisionService(db: tx, clock: clock).objections(programID: program.id!).filter { $0.status == "open" }
            if let problem = PublicNotice.publishProblem(noticeEndsAt: settings.noticeEndsAt, now: now, openObjections: open.count,
                                                         published: settings.publishedAt != nil, timeZone: program.zone) {
                throw problem
            }
            let before = try await recognition.status(program: program)
            settings.publishedAt = now
            settings.version += 1
            try await settings.save(on: tx)
            // The honorees are expected at the conference: they join its attendee list for check-in.
            let honorees = try await AwardDecisionModel.query(on: tx).filter(\.$status == "approved")
                .join(AwardCategoryModel.self, on: \AwardDecisionModel.$category.$id == \AwardCategoryModel.$id)
                .filter(AwardCategoryModel.self, \.$program.$id == program.id!).with(\.$nomination).all()
            let people = Dictionary(uniqueKeysWithValues: try await PersonModel.query(on: tx)
                .filter(\.$id ~~ honorees.compactMap { $0.nomination.$person.id }).all().map { ($0.id!, $0) })
            let tree = try await UnitService(db: tx, clock: clock).tree()
            let attendees = honorees.compactMap { decision -> (personID: Int, name: String, unitName: String?)? in
                guard let id = decision.nomination.$person.id, let person = people[id] else { return nil }
                return (id, person.name, tree.organizationPath(of: decision.nomination.$unit.id))
            }
            _ = try await CeremonyService(db: tx, clock: clock).addHonorees(programID: program.id!, people: attendees, by: actor)
            let after = try await recognition.status(program: program)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "publish", entityType: "program", entityID: "\(program.id!)",
                                                            summary: program.name, before: before, after: after)
            return after
        }
    }

    /// A certificate by its number, for the verify page: only published, and revoked ones say so.
    func check(serial text: String) async throws -> CertificateCheckDTO {
        guard let serial = CertificateSerial(parsing: text) else {
            return CertificateCheckDTO(serial: text, valid: false, status: "malformed", nominee: nil, award: nil, program: nil, organization: nil, issuedOn: nil)
        }
        guard let decision = try await AwardDecisionModel.query(on: db).filter(\.$serial == serial.description).with(\.$category).first(),
              let program = try await ProgramModel.find(decision.category.$program.id, on: db),
              let settings = try await RecognitionSettingsModel.query(on: db).filter(\.$program.$id == program.id!).first(),
              let published = settings.publishedAt,
              let dto = try await decisions(programID: program.id!).first(where: { $0.id == decision.id }) else {
            return CertificateCheckDTO(serial: serial.description, valid: false, status: "unknown", nominee: nil, award: nil, program: nil,
                                       organization: nil, issuedOn: nil)
        }
        return CertificateCheckDTO(serial: serial.description, valid: dto.status == "approved", status: dto.status, nominee: dto.nominee,
                                   award: dto.categoryName, program: program.name, organization: dto.organization,
                                   issuedOn: DateDisplay.calendarDate(published, timeZone: program.zone).iso)
    }
}
