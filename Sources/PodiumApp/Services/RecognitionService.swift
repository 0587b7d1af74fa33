import Fluent
import Foundation
import PodiumCore

/// A recognition program's award categories, panels and where it stands. Nominations are on
/// `NominationService`, ballots and tallies on `ReviewService`, decisions and publication on `AwardDecisionService`.
struct RecognitionService {
    let db: any Database
    let clock: PodiumClock

    func program(slug: String) async throws -> ProgramModel {
        guard let program = try await ProgramModel.query(on: db).filter(\.$slug == slug).first() else {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        guard program.kind == ProgramKind.recognition.rawValue else {
            throw PodiumError.notFound(LocalizedMessage("error.recognition.notRecognition", ["name": program.name]))
        }
        return program
    }

    func settings(programID: Int) async throws -> RecognitionSettingsModel {
        if let settings = try await RecognitionSettingsModel.query(on: db).filter(\.$program.$id == programID).first() { return settings }
        let settings = RecognitionSettingsModel()
        settings.$program.id = programID
        settings.version = 0
        return settings
    }

    func categories(programID: Int) async throws -> [AwardCategoryModel] {
        try await AwardCategoryModel.query(on: db).filter(\.$program.$id == programID).sort(\.$position).sort(\.$id).all()
    }

    func category(programID: Int, code: String) async throws -> AwardCategoryModel {
        guard let category = try await AwardCategoryModel.query(on: db).filter(\.$program.$id == programID)
            .filter(\.$code == code.uppercased()).first() else {
            throw PodiumError.notFound(LocalizedMessage("error.award.notFound", ["code": code]))
        }
        return category
    }

    func panel(categoryID: Int) async throws -> [PanelMemberModel] {
        try await PanelMemberModel.query(on: db).filter(\.$category.$id == categoryID).with(\.$user).sort(\.$id).all()
    }

    func categoryDTO(_ category: AwardCategoryModel, tree: UnitTree? = nil) async throws -> AwardCategoryDTO {
        let members = try await panel(categoryID: category.id!)
        let unitTree: UnitTree
        if let tree { unitTree = tree } else { unitTree = try await UnitService(db: db, clock: clock).tree() }
        let count = try await NominationModel.query(on: db).filter(\.$category.$id == category.id!)
            .filter(\.$status == NominationStatus.submitted.rawValue).count()
        return category.dto(panel: members.map { $0.dto(tree: unitTree) }, nominationCount: count, now: clock.now())
    }

    func categoryDTOs(programID: Int) async throws -> [AwardCategoryDTO] {
        let tree = try await UnitService(db: db, clock: clock).tree()
        var result: [AwardCategoryDTO] = []
        for category in try await categories(programID: programID) { result.append(try await categoryDTO(category, tree: tree)) }
        return result
    }

    /// Checks an organizer's category input as a whole.
    static func draft(_ input: AwardCategoryInput) -> AwardCategoryDraft {
        AwardCategoryDraft(
            name: input.name, code: input.code.trimmingCharacters(in: .whitespaces).uppercased(), kind: input.kind,
            quotaTotal: input.quotaTotal, quotaPerUnit: input.quotaPerUnit, method: input.method, pickLimit: input.pickLimit,
            criteria: input.criteria ?? [],
            eligibility: Eligibility(allowedStatuses: Set(input.allowedStatuses ?? [.active]), minimumServiceYears: input.minimumServiceYears,
                                     serviceCountedOn: input.serviceCountedOn, excludePreviousWinners: input.excludePreviousWinners ?? false),
            window: NominationWindow(opensAt: input.opensAt, closesAt: input.closesAt))
    }

    func createCategory(program: ProgramModel, _ input: AwardCategoryInput, by actor: Actor) async throws -> AwardCategoryDTO {
        let draft = Self.draft(input)
        try ValidationCollector.checking(draft.issues())
        return try await db.transaction { tx in
            let service = RecognitionService(db: tx, clock: clock)
            let programID = program.id!
            if try await AwardCategoryModel.query(on: tx).filter(\.$program.$id == programID).filter(\.$code == draft.code).first() != nil {
                throw PodiumError.invalid("code", "error.award.codeTaken", ["code": draft.code])
            }
            let category = AwardCategoryModel()
            category.$program.id = programID
            category.position = (try await AwardCategoryModel.query(on: tx).filter(\.$program.$id == programID).max(\.$position) ?? 0) + 1
            category.apply(draft)
            category.reviewClosed = false
            category.version = 0
            try await category.create(on: tx)
            let dto = try await service.categoryDTO(category)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: "award_category", entityID: "\(category.id!)",
                                                            summary: "\(program.name): \(draft.name)", before: Nothing?.none, after: dto)
            return dto
        }
    }

    func updateCategory(program: ProgramModel, code: String, _ input: AwardCategoryInput, by actor: Actor) async throws -> AwardCategoryDTO {
        let draft = Self.draft(input)
        try ValidationCollector.checking(draft.issues())
        return try await db.transaction { tx in
            let service = RecognitionService(db: tx, clock: clock)
            let category = try await service.category(programID: program.id!, code: code)
            let before = try await service.categoryDTO(category)
            if draft.code != category.code {
                if try await AwardCategoryModel.query(on: tx).filter(\.$program.$id == program.id!).filter(\.$code == draft.code).first() != nil {
                    throw PodiumError.invalid("code", "error.award.codeTaken", ["code": draft.code])
                }
                if try await AwardDecisionModel.query(on: tx).filter(\.$category.$id == category.id!).count() > 0 {
                    throw PodiumError.invalid("code", "error.award.codeFixed")
                }
            }
            let hasBallots = try await BallotModel.query(on: tx).filter(\.$category.$id == category.id!).count() > 0
            if hasBallots, draft.method.rawValue != category.method || draft.criteria != category.criteriaList {
                throw PodiumError.invalid("method", "error.award.methodFixed")
            }
            try await VersionGuard.bump(AwardCategoryModel.schema, id: category.id!, expected: input.version, on: tx)
            category.version = (input.version ?? 0) + 1
            category.apply(draft)
            try await category.save(on: tx)
            let after = try await service.categoryDTO(category)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: "award_category", entityID: "\(category.id!)",
                                                            summary: "\(program.name): \(draft.name)", before: before, after: after)
            return after
        }
    }

    /// Puts a reviewer of this program on a category's panel. Their home unit decides whom they may not judge.
    func addPanelMember(program: ProgramModel, code: String, _ input: PanelMemberInput, by actor: Actor) async throws -> AwardCategoryDTO {
        try await db.transaction { tx in
            let service = RecognitionService(db: tx, clock: clock)
            let category = try await service.category(programID: program.id!, code: code)
            guard let user = try await UserModel.find(input.userId, on: tx) else {
                throw PodiumError.invalid("userId", "error.panel.userNotFound", ["id": "\(input.userId)"])
            }
            let isReviewer = try await RoleGrantModel.query(on: tx).filter(\.$user.$id == input.userId)
                .filter(\.$role == Role.reviewer.rawValue).filter(\.$program.$id == program.id!).first() != nil
            guard isReviewer else { throw PodiumError.invalid("userId", "error.panel.notReviewer", ["name": user.displayName, "program": program.name]) }
            if let unitID = input.homeUnitId, try await UnitModel.find(unitID, on: tx) == nil {
                throw PodiumError.invalid("homeUnitId", "error.unit.notFound")
            }
            let member = try await PanelMemberModel.query(on: tx).filter(\.$category.$id == category.id!).filter(\.$user.$id == input.userId).first()
                ?? PanelMemberModel()
            member.$category.id = category.id!
            member.$user.id = input.userId
            member.$homeUnit.id = input.homeUnitId
            member.isChair = input.isChair ?? false
            if member.isChair {
                // One chair per panel: naming a new one replaces the old.
                for other in try await service.panel(categoryID: category.id!) where other.isChair && other.$user.id != input.userId {
                    other.isChair = false
                    try await other.save(on: tx)
                }
            }
            try await member.save(on: tx)
            let dto = try await service.categoryDTO(category)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "panel_add", entityType: "award_category", entityID: "\(category.id!)",
                                                            summary: "\(category.name): \(user.displayName)", before: Nothing?.none, after: dto.panel)
            return dto
        }
    }

    /// Takes a reviewer off a panel; not once they have cast a ballot, so that no counted vote disappears.
    func removePanelMember(program: ProgramModel, code: String, userID: Int, by actor: Actor) async throws -> AwardCategoryDTO {
        try await db.transaction { tx in
            let service = RecognitionService(db: tx, clock: clock)
            let category = try await service.category(programID: program.id!, code: code)
            guard let member = try await PanelMemberModel.query(on: tx).filter(\.$category.$id == category.id!).filter(\.$user.$id == userID)
                .with(\.$user).first() else { throw PodiumError.notFound(LocalizedMessage("error.panel.memberNotFound")) }
            if try await BallotModel.query(on: tx).filter(\.$category.$id == category.id!).filter(\.$user.$id == userID).count() > 0 {
                throw PodiumError.conflict(LocalizedMessage("error.panel.hasBallots", ["name": member.user.displayName]))
            }
            try await member.delete(on: tx)
            let dto = try await service.categoryDTO(category)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "panel_remove", entityType: "award_category", entityID: "\(category.id!)",
                                                            summary: "\(category.name): \(member.user.displayName)", before: Nothing?.none, after: dto.panel)
            return dto
        }
    }

    func status(program: ProgramModel) async throws -> RecognitionStatusDTO {
        let programID = program.id!
        let settings = try await settings(programID: programID)
        let categories = try await categoryDTOs(programID: programID)
        let decisionIDs = try await AwardDecisionModel.query(on: db).join(AwardCategoryModel.self, on: \AwardDecisionModel.$category.$id == \AwardCategoryModel.$id)
            .filter(AwardCategoryModel.self, \.$program.$id == programID).all().compactMap(\.id)
        let open = decisionIDs.isEmpty ? 0 : try await ObjectionModel.query(on: db).filter(\.$decision.$id ~~ decisionIDs)
            .filter(\.$status == "open").count()
        return RecognitionStatusDTO(programId: programID, stage: Self.stage(settings: settings, categories: categories, now: clock.now()).rawValue,
                                    noticeStartsAt: settings.noticeStartsAt, noticeEndsAt: settings.noticeEndsAt, publishedAt: settings.publishedAt,
                                    openObjections: open, categories: categories, version: settings.version)
    }

    static func stage(settings: RecognitionSettingsModel, categories: [AwardCategoryDTO], now: Date) -> RecognitionStage {
        RecognitionStage.of(published: settings.publishedAt != nil, noticeEndsAt: settings.noticeEndsAt,
                            categories: categories.map { .init(nominationsOpen: $0.nominationsOpen, decided: $0.reviewClosed) }, now: now)
    }
}

enum NominationStatus: String, Codable {
    case submitted, withdrawn
}

extension ValidationCollector {
    static func checking(_ issues: [FieldIssue]) throws(PodiumError) {
        if !issues.isEmpty { throw .validation(issues) }
    }
}

extension AwardCategoryModel {
    var criteriaList: [RubricCriterion] {
        (try? JSONDecoder().decode([RubricCriterion].self, from: Data(criteria.utf8))) ?? []
    }

    var categoryKind: AwardCategoryKind { AwardCategoryKind(rawValue: kind) ?? .individual }
    var reviewMethod: ReviewMethod { ReviewMethod(rawValue: method) ?? .approval }

    var eligibility: Eligibility {
        Eligibility(allowedStatuses: Set(allowedStatuses.split(separator: ",").compactMap { EmployeeStatus(rawValue: String($0)) }),
                    minimumServiceYears: minimumServiceYears, serviceCountedOn: serviceCountedOn.flatMap(CalendarDate.init(parsing:)),
                    excludePreviousWinners: excludePreviousWinners)
    }

    var window: NominationWindow { NominationWindow(opensAt: opensAt, closesAt: closesAt) }
    var pickLimitValue: Int { pickLimit ?? quotaTotal }

    func apply(_ draft: AwardCategoryDraft) {
        code = draft.code
        name = draft.name.trimmingCharacters(in: .whitespacesAndNewlines)
        kind = draft.kind.rawValue
        quotaTotal = draft.quotaTotal
        quotaPerUnit = draft.quotaPerUnit
        method = draft.method.rawValue
        pickLimit = draft.method == .approval ? draft.pickLimit : nil
        criteria = String(decoding: (try? JSONEncoder().encode(draft.method == .rubric ? draft.criteria : [])) ?? Data("[]".utf8), as: UTF8.self)
        allowedStatuses = EmployeeStatus.allCases.filter { draft.eligibility.allowedStatuses.contains($0) }.map(\.rawValue).joined(separator: ",")
        minimumServiceYears = draft.eligibility.minimumServiceYears
        serviceCountedOn = draft.eligibility.serviceCountedOn?.iso
        excludePreviousWinners = draft.eligibility.excludePreviousWinners
        opensAt = draft.window.opensAt
        closesAt = draft.window.closesAt
    }

    func dto(panel: [PanelMemberDTO], nominationCount: Int, now: Date) -> AwardCategoryDTO {
        AwardCategoryDTO(id: id!, code: code, name: name, kind: categoryKind, position: position, quotaTotal: quotaTotal, quotaPerUnit: quotaPerUnit,
                         method: reviewMethod, pickLimit: pickLimitValue, criteria: criteriaList, eligibility: eligibility,
                         opensAt: opensAt, closesAt: closesAt, nominationsOpen: window.state(at: now) == .open && !reviewClosed,
                         reviewClosed: reviewClosed, panel: panel, nominationCount: nominationCount, version: version)
    }
}

extension PanelMemberModel {
    func dto(tree: UnitTree) -> PanelMemberDTO {
        PanelMemberDTO(userId: $user.id, name: $user.value?.displayName ?? "#\($user.id)", homeUnitId: $homeUnit.id,
                       homeUnit: $homeUnit.id.map { tree.path(of: $0).joined(separator: " › ") }, isChair: isChair)
    }
}
