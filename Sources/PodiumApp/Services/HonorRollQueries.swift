import Fluent
import Foundation
import PodiumCore

/// What the public honor roll, the certificates and the verify page read: the approved awards in category
/// order, where the program stands, and who issues the certificates.
extension AwardDecisionService {
    struct HonorRoll {
        struct Category {
            let code: String
            let name: String
            let special: Bool
        }
        let programName: String
        let timeZone: TimeZone
        /// The year the awards are for, as certificates name it.
        let awardYear: Int
        let noticeEndsAt: Date?
        let publishedAt: Date?
        let stage: RecognitionStage
        /// Categories with at least one approved award: individual and team awards first, special awards last.
        let categories: [Category]
        /// Approved awards, in the order of `categories`, then by place.
        let honorees: [AwardDecisionDTO]
        /// Organizations in the order of the unit tree, for the list by organization.
        let organizationOrder: [String: Int]
        /// The group at the top of the tree, or the venue: who issues the certificates.
        let issuer: String
    }

    func honorRoll(program: ProgramModel) async throws -> HonorRoll {
        let recognition = RecognitionService(db: db, clock: clock)
        let settings = try await recognition.settings(programID: program.id!)
        let all = try await recognition.categories(programID: program.id!)
        let honorees = try await decisions(programID: program.id!).filter { $0.status == "approved" }
        let awarded = Set(honorees.map(\.category))
        let categories = all.enumerated()
            .sorted { ($0.element.categoryKind == .special ? 1 : 0, $0.offset) < ($1.element.categoryKind == .special ? 1 : 0, $1.offset) }
            .map(\.element).filter { awarded.contains($0.code) }
        let position = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($0.element.code, $0.offset) })
        let stage: RecognitionStage
        if settings.publishedAt != nil { stage = .published }
        else if let ends = settings.noticeEndsAt { stage = clock.now() < ends ? .notice : .noticeOver }
        else { stage = RecognitionService.stage(settings: settings, categories: try await recognition.categoryDTOs(programID: program.id!), now: clock.now()) }
        let tree = try await UnitService(db: db, clock: clock).tree()
        var order: [String: Int] = [:]
        func visit(_ parent: Int?) {
            for node in tree.children(of: parent) {
                if order[node.name] == nil { order[node.name] = order.count }
                visit(node.id)
            }
        }
        visit(nil)
        let group = tree.nodes.values.filter { $0.kind == .group && $0.parentID == nil }.min { $0.id < $1.id }?.name
        return HonorRoll(
            programName: program.name, timeZone: program.zone, awardYear: Self.awardYear(program), noticeEndsAt: settings.noticeEndsAt,
            publishedAt: settings.publishedAt, stage: stage,
            categories: categories.map { HonorRoll.Category(code: $0.code, name: $0.name, special: $0.categoryKind == .special) },
            honorees: honorees.sorted { (position[$0.category] ?? 0, $0.place) < (position[$1.category] ?? 0, $1.place) },
            organizationOrder: order, issuer: group ?? (program.venue.isEmpty ? program.name : program.venue))
    }

    /// The program a certificate number belongs to, whatever the state of its award.
    func program(ofSerial serial: String) async throws -> ProgramModel? {
        guard let decision = try await AwardDecisionModel.query(on: db).filter(\.$serial == serial).with(\.$category).first() else { return nil }
        return try await ProgramModel.find(decision.category.$program.id, on: db)
    }
}
