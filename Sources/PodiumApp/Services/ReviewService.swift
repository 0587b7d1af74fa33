import Fluent
import Foundation
import PodiumCore

/// The panels' work: what each reviewer is assigned, recusals, ballots, the tally, run-offs and chair decisions.
struct ReviewService {
    let db: any Database
    let clock: PodiumClock

    func state(_ category: AwardCategoryModel) async throws -> CategoryReviewState {
        try await CategoryReviewState.load(category, on: db, tree: try await UnitService(db: db, clock: clock).tree())
    }

    /// The categories on whose panel this reviewer sits, with the nominees of the current round.
    /// Nominees they may not judge are listed by name only, with the reason.
    func assignments(program: ProgramModel, for actor: Actor) async throws -> [ReviewAssignmentDTO] {
        guard actor.kind == .user, let userID = actor.id else { return [] }
        let recognition = RecognitionService(db: db, clock: clock)
        let nominations = NominationService(db: db, clock: clock)
        var result: [ReviewAssignmentDTO] = []
        for category in try await recognition.categories(programID: program.id!) {
            let state = try await state(category)
            guard let member = state.member(userID) else { continue }
            let round = state.currentRound
            let barred = state.barred(for: userID)
            let details = Dictionary(uniqueKeysWithValues: try await nominations.dtos(state.nominations, tree: state.tree).map { ($0.id, $0) })
            let candidates = state.candidates(round: round).map { id -> AssignedNominationDTO in
                let detail = details[id]
                let reason = barred[id]
                return AssignedNominationDTO(id: id, nominee: state.names[id] ?? "", unit: state.unitOf(id).map { state.tree.organizationPath(of: $0) } ?? "",
                                             citation: reason == nil ? detail?.citation ?? "" : "", evidence: reason == nil ? detail?.evidence ?? [] : [],
                                             barred: reason)
            }
            let ballot = state.ballots.first { $0.round == round && $0.$user.id == userID }
            result.append(ReviewAssignmentDTO(
                category: try await recognition.categoryDTO(category, tree: state.tree), round: round, candidates: candidates,
                seats: state.seats(round: round), pickLimit: state.pickLimit(round: round),
                ballot: ballot.map { Self.dto($0, code: category.code) }, isChair: member.isChair,
                open: !category.reviewClosed && !state.hasPendingNominations(now: clock.now())))
        }
        return result
    }

    static func dto(_ ballot: BallotModel, code: String) -> BallotDTO {
        let stored = StoredBallot.decode(ballot.content) ?? StoredBallot()
        return BallotDTO(category: code, round: ballot.round, reviewer: ballot.reviewerName, picks: stored.picks, ranking: stored.ranking,
                         scores: stored.scores, submittedAt: ballot.submittedAt, version: ballot.version)
    }

    func requireMember(_ actor: Actor, _ state: CategoryReviewState) throws -> PanelMemberModel {
        guard actor.kind == .user, let member = state.member(actor.id) else {
            throw PodiumError.forbidden(LocalizedMessage("error.review.notOnPanel", ["category": state.category.name]))
        }
        return member
    }

    /// A reviewer steps aside from one nominee, with a reason; their ballot no longer counts for that nominee.
    func recuse(program: ProgramModel, nominationID: Int, _ input: RecusalInput, by actor: Actor) async throws {
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw PodiumError.invalid("reason", "error.reasonRequired") }
        try await db.transaction { tx in
            let service = ReviewService(db: tx, clock: clock)
            let nomination = try await NominationService(db: tx, clock: clock).nomination(nominationID, programID: program.id!)
            let state = try await service.state(nomination.category)
            _ = try service.requireMember(actor, state)
            guard !nomination.category.reviewClosed else { throw PodiumError.conflict(LocalizedMessage("error.review.closed", ["category": nomination.category.name])) }
            if state.recusals.contains(where: { $0.$nomination.id == nominationID && $0.$user.id == actor.id }) {
                throw PodiumError.conflict(LocalizedMessage("error.review.alreadyRecused", ["name": state.names[nominationID] ?? ""]))
            }
            let recusal = RecusalModel()
            recusal.$nomination.id = nominationID
            recusal.$user.id = actor.id!
            recusal.reason = reason
            try await recusal.create(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "recuse", entityType: "nomination", entityID: "\(nominationID)",
                                                            summary: "\(nomination.category.name): \(state.names[nominationID] ?? "")",
                                                            before: Nothing?.none, after: Nothing?.none, reason: reason)
        }
    }

    /// Records a reviewer's ballot for the current round; a second ballot replaces the first until the category is decided.
    func cast(program: ProgramModel, code: String, _ input: BallotInput, by actor: Actor) async throws -> BallotDTO {
        try await db.transaction { tx in
            let service = ReviewService(db: tx, clock: clock)
            let category = try await RecognitionService(db: tx, clock: clock).category(programID: program.id!, code: code)
            let state = try await service.state(category)
            _ = try service.requireMember(actor, state)
            let userID = actor.id!
            guard !category.reviewClosed else { throw PodiumError.conflict(LocalizedMessage("error.review.closed", ["category": category.name])) }
            if state.hasPendingNominations(now: clock.now()), let closes = category.closesAt {
                throw PodiumError.conflict(LocalizedMessage("error.review.nominationsOpen",
                                                            ["category": category.name, "closes": DateDisplay.isoMinute(closes, timeZone: program.zone)]))
            }
            let round = input.round ?? state.currentRound
            guard round == state.currentRound else {
                throw PodiumError.invalid("round", "error.ballot.wrongRound", ["round": "\(round)", "current": "\(state.currentRound)"])
            }
            let method = state.method(round: round)
            let stored = StoredBallot(picks: input.picks, ranking: input.ranking, scores: input.scores)
            guard let content = stored.content(method: method) else {
                throw PodiumError.invalid("ballot", "error.ballot.missing\(method.rawValue.capitalized)")
            }
            if let picks = input.picks, Set(picks).count != picks.count { throw PodiumError.invalid("ballot", "error.ballot.pickedTwice") }
            let candidates = Dictionary(uniqueKeysWithValues: state.candidates(round: round).map { ($0, state.names[$0] ?? "#\($0)") })
            let check = BallotCheck(method: method, criteria: category.criteriaList, pickLimit: state.pickLimit(round: round), candidates: candidates,
                                    barred: Set(state.barred(for: userID).keys).intersection(candidates.keys))
            try ValidationCollector.checking(check.issues(content))
            let existing = state.ballots.first { $0.round == round && $0.$user.id == userID }
            let ballot = existing ?? BallotModel()
            let before = existing.map { Self.dto($0, code: category.code) }
            ballot.$category.id = category.id!
            ballot.round = round
            ballot.$user.id = userID
            ballot.reviewerName = actor.displayName
            ballot.content = stored.json
            ballot.submittedAt = clock.now()
            if let existing {
                try await VersionGuard.bump(BallotModel.schema, id: existing.id!, expected: input.version ?? existing.version, on: tx)
                ballot.version = (input.version ?? existing.version) + 1
                try await ballot.save(on: tx)
            } else {
                ballot.version = 0
                try await ballot.create(on: tx)
            }
            let after = Self.dto(ballot, code: category.code)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "ballot", entityType: "award_category", entityID: "\(category.id!)",
                                                            summary: "\(category.name), round \(round): \(actor.displayName)", before: before, after: after)
            return after
        }
    }

    /// Organizers and the panel's chair see the count.
    func requireTallyViewer(_ actor: Actor, _ state: CategoryReviewState) throws {
        if actor.isOrganizer { return }
        guard state.member(actor.id)?.isChair == true else { throw PodiumError.forbidden(LocalizedMessage("error.review.chairOnly")) }
    }

    func tally(program: ProgramModel, code: String, for actor: Actor) async throws -> TallyDTO {
        let category = try await RecognitionService(db: db, clock: clock).category(programID: program.id!, code: code)
        let state = try await state(category)
        try requireTallyViewer(actor, state)
        return Self.tallyDTO(state)
    }

    static func tallyDTO(_ state: CategoryReviewState) -> TallyDTO {
        let units = Dictionary(uniqueKeysWithValues: state.nominations.map { ($0.id!, state.tree.path(of: $0.$unit.id).joined(separator: " › ")) })
        let rounds = ([1] + state.runOffRounds.map(\.number)).map { number -> RoundDTO in
            let tally = state.tally(round: number)
            return RoundDTO(number: number, candidates: state.candidates(round: number), seats: state.seats(round: number),
                            ballots: state.ballots.filter { $0.round == number }.count,
                            lines: tally.lines.map { line in
                                TallyLineDTO(nominationId: line.nominationID, nominee: line.name, unit: units[line.nominationID] ?? "",
                                             score: line.score.rounded, ballots: line.ballots, points: line.points, rank: line.rank, tied: line.tied)
                            })
        }
        let proposal = state.proposal()
        return TallyDTO(
            category: state.category.code, method: state.category.reviewMethod, panelSize: state.panel.count, rounds: rounds,
            chairDecisions: state.chairDecisions.map(Self.dto), proposedWinners: proposal.winners,
            pendingTie: proposal.pendingTie.map { PendingTieDTO(candidates: $0.candidates, names: $0.candidates.map { state.names[$0] ?? "" }, seats: $0.seats) },
            skippedForUnitQuota: proposal.skippedForUnitQuota, unfilledSeats: proposal.unfilledSeats,
            decided: state.decisions.filter { $0.status == "approved" }.map { $0.$nomination.id })
    }

    static func dto(_ decision: ChairDecisionModel) -> ChairDecisionDTO {
        ChairDecisionDTO(order: (try? JSONDecoder().decode([Int].self, from: Data(decision.ordering.utf8))) ?? [], reason: decision.reason,
                         decidedBy: decision.decidedBy, at: decision.createdAt)
    }

    /// Opens a run-off among the nominees tied across the last seats: approval ballots, pick as many as seats are left.
    func startRunOff(program: ProgramModel, code: String, by actor: Actor) async throws -> TallyDTO {
        try await db.transaction { tx in
            let service = ReviewService(db: tx, clock: clock)
            let category = try await RecognitionService(db: tx, clock: clock).category(programID: program.id!, code: code)
            let state = try await service.state(category)
            try service.requireTallyViewer(actor, state)
            guard !category.reviewClosed else { throw PodiumError.conflict(LocalizedMessage("error.review.closed", ["category": category.name])) }
            guard let tie = state.proposal().pendingTie else { throw PodiumError.conflict(LocalizedMessage("error.review.noTie")) }
            let round = ReviewRoundModel()
            round.$category.id = category.id!
            round.number = state.currentRound + 1
            round.candidates = String(decoding: try JSONEncoder().encode(tie.candidates), as: UTF8.self)
            round.seats = tie.seats
            round.closed = false
            try await round.create(on: tx)
            let after = Self.tallyDTO(try await service.state(category))
            try await AuditLog(db: tx, clock: clock).record(actor, action: "run_off", entityType: "award_category", entityID: "\(category.id!)",
                                                            summary: "\(category.name), round \(round.number)", before: Nothing?.none, after: after.rounds.last)
            return after
        }
    }

    /// The chair settles the tie across the last seats: an order of exactly the tied nominees, with a reason.
    func recordChairDecision(program: ProgramModel, code: String, _ input: ChairDecisionInput, by actor: Actor) async throws -> TallyDTO {
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await db.transaction { tx in
            let service = ReviewService(db: tx, clock: clock)
            let category = try await RecognitionService(db: tx, clock: clock).category(programID: program.id!, code: code)
            let state = try await service.state(category)
            try service.requireTallyViewer(actor, state)
            guard !category.reviewClosed else { throw PodiumError.conflict(LocalizedMessage("error.review.closed", ["category": category.name])) }
            guard let tie = state.proposal().pendingTie else { throw PodiumError.conflict(LocalizedMessage("error.review.noTie")) }
            var issues = ValidationCollector()
            if Set(input.order) != Set(tie.candidates) || input.order.count != tie.candidates.count {
                issues.add("order", "error.review.chairOrder", ["names": tie.candidates.map { state.names[$0] ?? "" }.joined(separator: ", ")])
            }
            if reason.isEmpty { issues.add("reason", "error.reasonRequired") }
            try issues.check()
            let decision = ChairDecisionModel()
            decision.$category.id = category.id!
            decision.ordering = String(decoding: try JSONEncoder().encode(input.order), as: UTF8.self)
            decision.reason = reason
            decision.decidedBy = actor.displayName
            try await decision.create(on: tx)
            let after = Self.tallyDTO(try await service.state(category))
            try await AuditLog(db: tx, clock: clock).record(actor, action: "chair_decision", entityType: "award_category", entityID: "\(category.id!)",
                                                            summary: "\(category.name): " + input.order.map { state.names[$0] ?? "" }.joined(separator: " > "),
                                                            before: Nothing?.none, after: Self.dto(decision), reason: reason)
            return after
        }
    }

    /// The ballots with everything needed to count them again.
    func export(program: ProgramModel, code: String, for actor: Actor) async throws -> BallotExportDTO {
        let category = try await RecognitionService(db: db, clock: clock).category(programID: program.id!, code: code)
        let state = try await state(category)
        try requireTallyViewer(actor, state)
        return Self.export(state)
    }

    static func export(_ state: CategoryReviewState) -> BallotExportDTO {
        BallotExportDTO(
            category: state.category.code, method: state.category.reviewMethod, criteria: state.category.criteriaList,
            pickLimit: state.category.pickLimitValue, seats: state.category.quotaTotal, quotaPerUnit: state.category.quotaPerUnit,
            quotaUnits: Dictionary(uniqueKeysWithValues: state.quotaUnits.map { ("\($0.key)", $0.value) }),
            reviewers: state.panel.map { .init(id: $0.$user.id, name: $0.user.displayName) },
            candidates: state.nominations.map {
                .init(nominationId: $0.id!, nominee: state.names[$0.id!] ?? "", unit: state.tree.path(of: $0.$unit.id).joined(separator: " › "),
                      eligibleReviewers: state.eligibleReviewers(of: $0.id!).sorted())
            },
            rounds: ([1] + state.runOffRounds.map(\.number)).map { .init(number: $0, candidates: state.candidates(round: $0), seats: state.seats(round: $0)) },
            ballots: state.ballots.map { ballot in
                let stored = StoredBallot.decode(ballot.content) ?? StoredBallot()
                return ExportedBallot(round: ballot.round, reviewerId: ballot.$user.id, picks: stored.picks, ranking: stored.ranking, scores: stored.scores)
            },
            chairDecisions: state.chairDecisions.map(Self.dto), excluded: state.revoked.sorted())
    }
}

extension CategoryReviewState {
    /// True while the nomination window has a closing time still ahead: ballots wait for the full list.
    func hasPendingNominations(now: Date) -> Bool {
        guard let closes = category.closesAt else { return false }
        return now < closes
    }
}
