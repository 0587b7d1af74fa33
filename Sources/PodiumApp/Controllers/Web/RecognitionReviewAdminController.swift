import Fluent
import Foundation
import PodiumCore
import Vapor

/// `/admin/recognition/{slug}/review`: a reviewer's assigned nominees and ballot forms. Nominees from their own
/// organization, or from whom they stepped aside, are listed by name only and cannot be judged.
struct RecognitionReviewAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let review = routes.grouped("admin", "recognition", ":slug", "review")
        review.get(use: show)
        review.post(":code", "ballot", use: cast)
        review.post("recusal", ":id", use: recuse)
    }

    /// Approval: `pick[<id>]=on`; Borda: `rank[<id>]=n`; rubric: `score[<id>][<criterion index>]=n`.
    struct BallotForm: Content {
        var pick: [String: String]?
        var rank: [String: String]?
        var score: [String: [String: String]]?
        var version: Int?
        var round: Int?
    }

    struct RecusalForm: Content {
        var reason: String?
    }

    func show(req: Request) async throws -> Response {
        try await render(req)
    }

    func cast(req: Request) async throws -> Response {
        let program = try await RecognitionOffice.program(req)
        try await req.require(.review(programID: program.id!))
        let code = (req.parameters.get("code") ?? "").uppercased()
        let form = try req.content.decode(BallotForm.self)
        do {
            let category = try await req.recognition.category(programID: program.id!, code: code)
            let state = try await req.review.state(category)
            let method = state.method(round: form.round ?? state.currentRound)
            var input = BallotInput(round: form.round, version: form.version)
            switch method {
            case .approval:
                input.picks = (form.pick ?? [:]).filter { $0.value == "on" }.compactMap { Int($0.key) }.sorted()
            case .borda:
                var ranked: [(Int, Int)] = []
                for (key, value) in form.rank ?? [:] {
                    let text = value.trimmingCharacters(in: .whitespaces)
                    guard let id = Int(key) else { continue }
                    guard let place = Int(text) else {
                        throw PodiumError.invalid("ballot", "recognition.review.rankInvalid", ["name": state.names[id] ?? "", "value": text])
                    }
                    ranked.append((place, id))
                }
                if Set(ranked.map(\.0)).count != ranked.count { throw PodiumError.invalid("ballot", "recognition.review.ranksRepeated") }
                input.ranking = ranked.sorted { $0.0 < $1.0 }.map(\.1)
            case .rubric:
                var scores: [String: [Int]] = [:]
                for (key, row) in form.score ?? [:] {
                    guard let id = Int(key) else { continue }
                    var values: [Int] = []
                    for index in category.criteriaList.indices {
                        let text = row["\(index)"]?.trimmingCharacters(in: .whitespaces) ?? ""
                        guard let value = Int(text) else {
                            throw PodiumError.invalid("ballot", "recognition.review.scoreInvalid",
                                                      ["name": state.names[id] ?? "", "criterion": category.criteriaList[index].name, "value": text])
                        }
                        values.append(value)
                    }
                    scores[key] = values
                }
                input.scores = scores
            }
            _ = try await req.review.cast(program: program, code: code, input, by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)/review#\(code)", flash: req.t("recognition.review.saved"))
        } catch let error as PodiumError {
            return try await render(req, failed: (code, form, RecognitionOffice.message(error, req)), status: MappedError.from(error).status)
        }
    }

    func recuse(req: Request) async throws -> Response {
        let program = try await RecognitionOffice.program(req)
        try await req.require(.review(programID: program.id!))
        let form = try req.content.decode(RecusalForm.self)
        do {
            try await req.review.recuse(program: program, nominationID: try req.intParameter("id"), RecusalInput(reason: form.reason ?? ""), by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)/review", flash: req.t("recognition.review.recused"))
        } catch let error as PodiumError {
            let nomination = try await req.nominations.nomination(try req.intParameter("id"), programID: program.id!)
            return try await render(req, failed: (nomination.category.code, BallotForm(), RecognitionOffice.message(error, req)), status: MappedError.from(error).status)
        }
    }

    private func render(_ req: Request, failed: (code: String, form: BallotForm, errors: [String])? = nil,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let program = try await RecognitionOffice.program(req)
        try await req.require(.review(programID: program.id!))
        let slug = program.slug
        let assignments = try await req.review.assignments(program: program, for: req.actor).map { assignment -> RecognitionReviewContext.Assignment in
            let category = assignment.category
            let method = assignment.round == 1 ? category.method : .approval
            let typed = failed?.code == category.code ? failed?.form : nil
            let ballot = assignment.ballot
            let instructions: String
            switch method {
            case .approval: instructions = req.t("recognition.review.approvalHow", ["limit": "\(assignment.pickLimit)", "seats": "\(assignment.seats)"])
            case .borda: instructions = req.t("recognition.review.bordaHow")
            case .rubric: instructions = req.t("recognition.review.rubricHow")
            }
            let candidates = assignment.candidates.map { candidate -> RecognitionReviewContext.Candidate in
                let key = "\(candidate.id)"
                let picked = typed.map { $0.pick?[key] == "on" } ?? ballot?.picks?.contains(candidate.id) ?? false
                let rank = typed?.rank?[key] ?? ballot?.ranking?.firstIndex(of: candidate.id).map { "\($0 + 1)" } ?? ""
                let scores = method == .rubric ? category.criteria.enumerated().map { index, criterion in
                    RecognitionReviewContext.Score(name: "score[\(candidate.id)][\(index)]",
                                                   label: req.t("recognition.review.scoreLabel", ["name": criterion.name, "max": "\(criterion.maxScore)", "weight": "\(criterion.weight)"]),
                                                   value: typed?.score?[key]?["\(index)"] ?? ballot?.scores?[key].flatMap { $0.indices.contains(index) ? "\($0[index])" : nil } ?? "",
                                                   max: criterion.maxScore)
                } : []
                return .init(id: candidate.id, nominee: candidate.nominee, unit: candidate.unit, citation: candidate.citation,
                             files: candidate.evidence.map { .init(name: $0.fileName, size: ByteCountFormatter.string(fromByteCount: Int64($0.size), countStyle: .file),
                                                                   url: "/admin/recognition/\(slug)/nominations/\(candidate.id)/evidence/\($0.id)") },
                             barred: candidate.barred.map { req.t("recognition.review.barred.\($0)") }, picked: picked, rank: rank, scores: scores,
                             recuseAction: "/admin/recognition/\(slug)/review/recusal/\(candidate.id)")
            }
            let statusText: String
            if let ballot {
                statusText = req.t("recognition.review.ballotSaved", ["time": DateDisplay.dateTime(ballot.submittedAt, timeZone: program.zone, req.language)])
            } else {
                statusText = req.t("recognition.review.noBallot")
            }
            return .init(code: category.code,
                         title: assignment.round == 1 ? category.name : req.t("recognition.review.runOffTitle", ["name": category.name, "round": "\(assignment.round)"]),
                         instructions: instructions, method: method.rawValue, action: "/admin/recognition/\(slug)/review/\(category.code)/ballot",
                         candidates: candidates, open: assignment.open,
                         status: assignment.open ? statusText : category.reviewClosed ? req.t("recognition.review.closed") : req.t("recognition.review.waiting"),
                         version: ballot.map { "\($0.version)" } ?? "", round: assignment.round, errors: typed == nil ? [] : failed?.errors ?? [])
        }
        let context = RecognitionReviewContext(page: PageContext(req, title: "\(req.t("recognition.review.title")) · \(program.name)", backOffice: true),
                                               program: ProgramView(program.dto, req), assignments: assignments, empty: assignments.isEmpty)
        return try await req.page("admin/recognition-review", context, status: status)
    }
}
