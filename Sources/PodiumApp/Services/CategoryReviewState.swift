import Fluent
import Foundation
import PodiumCore

/// Everything about one category's review, loaded at once, so that assignments, ballot checks,
/// the tally and the proposal all read the same facts.
struct CategoryReviewState {
    let category: AwardCategoryModel
    /// Nominations still in the running (not withdrawn), oldest first.
    let nominations: [NominationModel]
    let names: [Int: String]
    let panel: [PanelMemberModel]
    let recusals: [RecusalModel]
    /// Run-off rounds (number 2 and up), in order.
    let runOffRounds: [ReviewRoundModel]
    let ballots: [BallotModel]
    let chairDecisions: [ChairDecisionModel]
    let decisions: [AwardDecisionModel]
    let tree: UnitTree
    /// For each panel member, the nominees they may not judge and why (`conflict` or `recused`), worked out once.
    let bars: [Int: [Int: String]]

    static func load(_ category: AwardCategoryModel, on db: any Database, tree: UnitTree) async throws -> CategoryReviewState {
        let id = category.id!
        let nominations = try await NominationModel.query(on: db).filter(\.$category.$id == id)
            .filter(\.$status == NominationStatus.submitted.rawValue).sort(\.$id).all()
        let people = Dictionary(uniqueKeysWithValues: try await PersonModel.query(on: db).filter(\.$id ~~ nominations.compactMap { $0.$person.id }).all()
            .map { ($0.id!, $0) })
        let nominationIDs = nominations.compactMap(\.id)
        let panel = try await PanelMemberModel.query(on: db).filter(\.$category.$id == id).with(\.$user).sort(\.$id).all()
        let recusals = nominationIDs.isEmpty ? [] : try await RecusalModel.query(on: db).filter(\.$nomination.$id ~~ nominationIDs).all()
        var bars: [Int: [Int: String]] = [:]
        for member in panel {
            var barred: [Int: String] = [:]
            for nomination in nominations {
                if ConflictOfInterest.conflicts(reviewerUnitID: member.$homeUnit.id, nomineeUnitID: nomination.$unit.id, tree: tree) {
                    barred[nomination.id!] = "conflict"
                } else if recusals.contains(where: { $0.$nomination.id == nomination.id && $0.$user.id == member.$user.id }) {
                    barred[nomination.id!] = "recused"
                }
            }
            bars[member.$user.id] = barred
        }
        return CategoryReviewState(
            category: category, nominations: nominations,
            names: Dictionary(uniqueKeysWithValues: nominations.map { ($0.id!, $0.nomineeName(people: people)) }),
            panel: panel, recusals: recusals,
            runOffRounds: try await ReviewRoundModel.query(on: db).filter(\.$category.$id == id).sort(\.$number).all(),
            ballots: try await BallotModel.query(on: db).filter(\.$category.$id == id).sort(\.$id).all(),
            chairDecisions: try await ChairDecisionModel.query(on: db).filter(\.$category.$id == id).sort(\.$id).all(),
            decisions: try await AwardDecisionModel.query(on: db).filter(\.$category.$id == id).sort(\.$place).all(),
            tree: tree, bars: bars)
    }

    var currentRound: Int { runOffRounds.last?.number ?? 1 }

    func member(_ userID: Int?) -> PanelMemberModel? { panel.first { $0.$user.id == userID } }

    func unitOf(_ nominationID: Int) -> Int? { nominations.first { $0.id == nominationID }?.$unit.id }

    /// Why this reviewer may not judge each nominee they may not judge: `conflict` or `recused`.
    func barred(for userID: Int) -> [Int: String] { bars[userID] ?? [:] }

    func eligibleReviewers(of nominationID: Int) -> Set<Int> {
        Set(panel.map { $0.$user.id }.filter { barred(for: $0)[nominationID] == nil })
    }

    func candidates(round: Int) -> [Int] {
        if round == 1 { return nominations.compactMap(\.id) }
        guard let stored = runOffRounds.first(where: { $0.number == round }) else { return [] }
        return (try? JSONDecoder().decode([Int].self, from: Data(stored.candidates.utf8))) ?? []
    }

    func seats(round: Int) -> Int {
        round == 1 ? category.quotaTotal : runOffRounds.first { $0.number == round }?.seats ?? 0
    }

    /// Run-offs are approval ballots: pick as many as there are seats left.
    func method(round: Int) -> ReviewMethod { round == 1 ? category.reviewMethod : .approval }
    func pickLimit(round: Int) -> Int { round == 1 ? category.pickLimitValue : seats(round: round) }

    func castBallots(round: Int) -> [CastBallot] {
        ballots.filter { $0.round == round }.compactMap { ballot in
            StoredBallot.decode(ballot.content)?.content(method: method(round: round)).map { CastBallot(reviewerID: ballot.$user.id, content: $0) }
        }
    }

    func tallyCandidates(round: Int) -> [TallyCandidate] {
        candidates(round: round).map { TallyCandidate(id: $0, name: names[$0] ?? "#\($0)", eligibleReviewers: eligibleReviewers(of: $0)) }
    }

    func tally(round: Int) -> Tally {
        Tallying.tally(method: method(round: round), criteria: category.criteriaList, candidates: tallyCandidates(round: round),
                       ballots: castBallots(round: round))
    }

    var revoked: Set<Int> { Set(decisions.filter { $0.status == "revoked" }.map { $0.$nomination.id }) }

    var quotaUnits: [Int: Int] {
        Dictionary(uniqueKeysWithValues: nominations.map { ($0.id!, tree.homeOrganization(of: $0.$unit.id)) })
    }

    var chairSettlements: [ChairDecision] {
        chairDecisions.map { ChairDecision(order: (try? JSONDecoder().decode([Int].self, from: Data($0.ordering.utf8))) ?? [], reason: $0.reason) }
    }

    func proposal() -> AwardProposal {
        let runOffs = runOffRounds.map { RunOff(round: $0.number, candidates: Set(candidates(round: $0.number)), tally: tally(round: $0.number)) }
        return AwardProposal.make(.init(tally: tally(round: 1), seats: category.quotaTotal, perUnitQuota: category.quotaPerUnit,
                                        quotaUnit: quotaUnits, excluded: revoked, runOffs: runOffs, chairDecisions: chairSettlements))
    }
}

/// A ballot as stored: the same shape as it is sent and exported.
struct StoredBallot: Codable, Equatable {
    var picks: [Int]?
    var ranking: [Int]?
    var scores: [String: [Int]]?

    static func decode(_ text: String) -> StoredBallot? { try? JSONDecoder().decode(StoredBallot.self, from: Data(text.utf8)) }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The ballot for a method, or nil when the part the method needs is missing or unreadable.
    func content(method: ReviewMethod) -> BallotContent? {
        switch method {
        case .approval: return picks.map { .approval(Set($0)) }
        case .borda: return ranking.map { .ranking($0) }
        case .rubric:
            guard let scores else { return nil }
            var rows: [Int: [Int]] = [:]
            for (key, row) in scores {
                guard let id = Int(key) else { return nil }
                rows[id] = row
            }
            return .rubric(rows)
        }
    }
}
