import PodiumCore
import Vapor

/// `/api/v1/programs/{slug}/recognition/...`: award categories and panels, nominations with evidence,
/// reviewers' ballots, tallies, run-offs and chair decisions, award decisions, the public notice and publication.
struct RecognitionAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let recognition = routes.grouped("api", "v1", "programs", ":slug", "recognition")
        recognition.get(use: status)
        recognition.post("categories", use: createCategory)
        recognition.get("categories", ":code", use: category)
        recognition.put("categories", ":code", use: updateCategory)
        recognition.post("categories", ":code", "panel", use: addPanelMember)
        recognition.delete("categories", ":code", "panel", ":userId", use: removePanelMember)
        recognition.get("nominations", use: nominations)
        recognition.post("nominations", use: nominate)
        recognition.post("nominations", ":id", "withdraw", use: withdraw)
        recognition.upload("nominations", ":id", "evidence", maxSize: "5mb", use: addEvidence)
        recognition.get("nominations", ":id", "evidence", ":evidenceId", use: evidence)
        recognition.post("nominations", ":id", "recusal", use: recuse)
        recognition.get("review", use: assignments)
        recognition.put("categories", ":code", "ballot", use: cast)
        recognition.get("categories", ":code", "tally", use: tally)
        recognition.get("categories", ":code", "ballots", use: ballots)
        recognition.get("categories", ":code", "ballots.csv", use: ballotsCSV)
        recognition.post("categories", ":code", "run-off", use: runOff)
        recognition.post("categories", ":code", "chair-decision", use: chairDecision)
        recognition.post("categories", ":code", "decisions", use: approve)
        recognition.get("decisions", use: decisions)
        recognition.post("notice", use: notice)
        recognition.get("objections", use: objections)
        recognition.post("objections", use: object)
        recognition.post("objections", ":objectionId", "resolution", use: resolve)
        recognition.post("publish", use: publish)
        recognition.get("honor-roll", use: honorRoll)
        routes.get("api", "v1", "verify", ":serial", use: verify)
    }

    static func program(_ req: Request) async throws -> ProgramModel {
        let program = try await req.recognition.program(slug: req.parameters.get("slug") ?? "")
        if program.status == ProgramStatus.draft.rawValue, !req.allows(.managePrograms) {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        return program
    }

    func status(req: Request) async throws -> RecognitionStatusDTO {
        try await req.require(.useBackOffice)
        return try await req.recognition.status(program: try await Self.program(req))
    }

    func createCategory(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let category = try await req.recognition.createCategory(program: try await Self.program(req), try req.content.decode(AwardCategoryInput.self),
                                                                by: req.actor)
        return try await category.encodeResponse(status: .created, for: req)
    }

    func category(req: Request) async throws -> AwardCategoryDTO {
        try await req.require(.useBackOffice)
        let program = try await Self.program(req)
        return try await req.recognition.categoryDTO(try await req.recognition.category(programID: program.id!, code: req.parameters.get("code") ?? ""))
    }

    func updateCategory(req: Request) async throws -> AwardCategoryDTO {
        try await req.require(.managePrograms)
        return try await req.recognition.updateCategory(program: try await Self.program(req), code: req.parameters.get("code") ?? "",
                                                        try req.content.decode(AwardCategoryInput.self), by: req.actor)
    }

    func addPanelMember(req: Request) async throws -> AwardCategoryDTO {
        try await req.require(.managePrograms)
        return try await req.recognition.addPanelMember(program: try await Self.program(req), code: req.parameters.get("code") ?? "",
                                                        try req.content.decode(PanelMemberInput.self), by: req.actor)
    }

    func removePanelMember(req: Request) async throws -> AwardCategoryDTO {
        try await req.require(.managePrograms)
        return try await req.recognition.removePanelMember(program: try await Self.program(req), code: req.parameters.get("code") ?? "",
                                                           userID: try req.intParameter("userId"), by: req.actor)
    }

    func nominations(req: Request) async throws -> [NominationDTO] {
        try await req.require(.useBackOffice)
        return try await req.nominations.nominations(program: try await Self.program(req), visibleTo: req.actor)
    }

    func nominate(req: Request) async throws -> Response {
        try await req.require(.useBackOffice)
        guard req.actor.isOrganizer || !req.actor.ledUnitIDs.isEmpty else { throw PodiumError.forbidden(LocalizedMessage("error.nomination.notNominator")) }
        let nomination = try await req.nominations.nominate(program: try await Self.program(req), try req.content.decode(NominationInput.self),
                                                            by: req.actor)
        return try await nomination.encodeResponse(status: .created, for: req)
    }

    func withdraw(req: Request) async throws -> NominationDTO {
        try await req.require(.useBackOffice)
        return try await req.nominations.withdraw(program: try await Self.program(req), id: try req.intParameter("id"),
                                                  try req.content.decode(WithdrawalInput.self), by: req.actor)
    }

    /// The file as the body, named by `?fileName=` (or the `X-File-Name` header).
    func addEvidence(req: Request) async throws -> Response {
        try await req.require(.useBackOffice)
        let name = req.query[String.self, at: "fileName"] ?? req.headers.first(name: "X-File-Name") ?? ""
        guard !name.isEmpty else { throw PodiumError.invalid("fileName", "error.evidence.nameRequired") }
        let data = req.body.data.map { Data(buffer: $0) } ?? Data()
        let evidence = try await req.nominations.addEvidence(program: try await Self.program(req), nominationID: try req.intParameter("id"),
                                                             fileName: name, data: data, by: req.actor)
        return try await evidence.encodeResponse(status: .created, for: req)
    }

    func evidence(req: Request) async throws -> Response {
        try await Self.evidenceResponse(req, program: try await Self.program(req))
    }

    /// Evidence is for the nominators, organizers and the panel members who may judge the nominee.
    static func evidenceResponse(_ req: Request, program: ProgramModel) async throws -> Response {
        guard req.actor.isAuthenticated else { throw PodiumError.unauthenticated }
        let nomination = try await req.nominations.nomination(try req.intParameter("id"), programID: program.id!)
        var allowed = req.actor.isOrganizer
        if !allowed { allowed = (try? await req.nominations.requireNominator(req.actor, of: nomination)) != nil }
        if !allowed, req.actor.kind == .user, let userID = req.actor.id {
            let state = try await req.review.state(nomination.category)
            allowed = state.member(userID) != nil && state.barred(for: userID)[nomination.id!] == nil
        }
        guard allowed else { throw PodiumError.forbidden(LocalizedMessage("error.forbidden")) }
        let evidence = try await req.nominations.evidence(try req.intParameter("evidenceId"), nominationID: nomination.id!)
        let response = Response(status: .ok, body: .init(data: evidence.data))
        response.headers.replaceOrAdd(name: .contentType, value: evidence.contentType)
        let encoded = evidence.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "evidence"
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"evidence\"; filename*=UTF-8''\(encoded)")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return response
    }

    func recuse(req: Request) async throws -> HTTPStatus {
        let program = try await Self.program(req)
        try await req.require(.review(programID: program.id!))
        try await req.review.recuse(program: program, nominationID: try req.intParameter("id"), try req.content.decode(RecusalInput.self), by: req.actor)
        return .noContent
    }

    func assignments(req: Request) async throws -> [ReviewAssignmentDTO] {
        let program = try await Self.program(req)
        try await req.require(.review(programID: program.id!))
        return try await req.review.assignments(program: program, for: req.actor)
    }

    func cast(req: Request) async throws -> BallotDTO {
        let program = try await Self.program(req)
        try await req.require(.review(programID: program.id!))
        return try await req.review.cast(program: program, code: req.parameters.get("code") ?? "", try req.content.decode(BallotInput.self), by: req.actor)
    }

    func tally(req: Request) async throws -> TallyDTO {
        try await req.require(.useBackOffice)
        return try await req.review.tally(program: try await Self.program(req), code: req.parameters.get("code") ?? "", for: req.actor)
    }

    func ballots(req: Request) async throws -> BallotExportDTO {
        try await req.require(.useBackOffice)
        return try await req.review.export(program: try await Self.program(req), code: req.parameters.get("code") ?? "", for: req.actor)
    }

    func ballotsCSV(req: Request) async throws -> Response {
        try await req.require(.useBackOffice)
        let export = try await req.review.export(program: try await Self.program(req), code: req.parameters.get("code") ?? "", for: req.actor)
        return BallotCSV.response(export, fileName: "ballots-\(export.category).csv")
    }

    func runOff(req: Request) async throws -> TallyDTO {
        try await req.require(.useBackOffice)
        return try await req.review.startRunOff(program: try await Self.program(req), code: req.parameters.get("code") ?? "", by: req.actor)
    }

    func chairDecision(req: Request) async throws -> TallyDTO {
        try await req.require(.useBackOffice)
        return try await req.review.recordChairDecision(program: try await Self.program(req), code: req.parameters.get("code") ?? "",
                                                        try req.content.decode(ChairDecisionInput.self), by: req.actor)
    }

    func approve(req: Request) async throws -> [AwardDecisionDTO] {
        try await req.require(.managePrograms)
        return try await req.awards.approve(program: try await Self.program(req), code: req.parameters.get("code") ?? "", by: req.actor)
    }

    func decisions(req: Request) async throws -> [AwardDecisionDTO] {
        try await req.require(.managePrograms)
        return try await req.awards.decisions(programID: try await Self.program(req).id!)
    }

    func notice(req: Request) async throws -> RecognitionStatusDTO {
        try await req.require(.managePrograms)
        return try await req.awards.startNotice(program: try await Self.program(req), try req.content.decode(NoticeInput.self), by: req.actor)
    }

    func objections(req: Request) async throws -> [ObjectionDTO] {
        try await req.require(.managePrograms)
        return try await req.awards.objections(programID: try await Self.program(req).id!)
    }

    /// Open to anyone while the notice runs: the point of a public notice.
    func object(req: Request) async throws -> Response {
        let objection = try await req.awards.object(program: try await Self.program(req), try req.content.decode(ObjectionInput.self))
        return try await ObjectionReceiptDTO(id: objection.id, status: objection.status).encodeResponse(status: .created, for: req)
    }

    func resolve(req: Request) async throws -> ObjectionDTO {
        try await req.require(.managePrograms)
        return try await req.awards.resolve(program: try await Self.program(req), objectionID: try req.intParameter("objectionId"),
                                            try req.content.decode(ObjectionResolutionInput.self), by: req.actor)
    }

    func publish(req: Request) async throws -> RecognitionStatusDTO {
        try await req.require(.managePrograms)
        return try await req.awards.publish(program: try await Self.program(req), by: req.actor)
    }

    /// The published honor roll; before publication only organizers see the approved list.
    func honorRoll(req: Request) async throws -> [HonorRollEntryDTO] {
        let program = try await Self.program(req)
        let settings = try await req.recognition.settings(programID: program.id!)
        guard settings.publishedAt != nil || req.allows(.managePrograms) else {
            throw PodiumError.notFound(LocalizedMessage("error.honorRoll.notPublished"))
        }
        return try await req.awards.decisions(programID: program.id!).filter { $0.status == "approved" }.map(HonorRollEntryDTO.init)
    }

    func verify(req: Request) async throws -> CertificateCheckDTO {
        try await req.awards.check(serial: req.parameters.get("serial") ?? "")
    }
}

/// What someone who objected gets back: a receipt, not the list of objections.
struct ObjectionReceiptDTO: Content {
    let id: Int
    let status: String
}

struct HonorRollEntryDTO: Content, Equatable {
    let category: String
    let categoryName: String
    let nominee: String
    let unit: String
    let organization: String
    let serial: String

    init(_ decision: AwardDecisionDTO) {
        category = decision.category
        categoryName = decision.categoryName
        nominee = decision.nominee
        unit = decision.unit
        organization = decision.organization
        serial = decision.serial
    }
}

/// The ballots as a spreadsheet: one row per reviewer, round and nominee.
enum BallotCSV {
    static func response(_ export: BallotExportDTO, fileName: String) -> Response {
        let criteria = export.criteria.map(\.name)
        var writer = CSVWriter(header: ["round", "reviewer_id", "reviewer", "nomination_id", "nominee", "picked", "rank"] + criteria)
        let reviewers = Dictionary(uniqueKeysWithValues: export.reviewers.map { ($0.id, $0.name) })
        let names = Dictionary(uniqueKeysWithValues: export.candidates.map { ($0.nominationId, $0.nominee) })
        for ballot in export.ballots {
            let round = export.rounds.first { $0.number == ballot.round }
            for id in round?.candidates ?? [] {
                let picked = ballot.picks.map { $0.contains(id) ? "1" : "0" } ?? ""
                let rank = ballot.ranking.flatMap { $0.firstIndex(of: id).map { "\($0 + 1)" } } ?? ""
                let scores = ballot.scores?["\(id)"]?.map(String.init) ?? Array(repeating: "", count: criteria.count)
                writer.append(["\(ballot.round)", "\(ballot.reviewerId)", reviewers[ballot.reviewerId] ?? "", "\(id)", names[id] ?? "", picked, rank]
                           + (ballot.scores == nil ? Array(repeating: "", count: criteria.count) : scores))
            }
        }
        let response = Response(status: .ok, body: .init(string: writer.text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        return response
    }
}
