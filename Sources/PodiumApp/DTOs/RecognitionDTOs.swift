import Foundation
import PodiumCore
import Vapor

struct PanelMemberDTO: Content, Equatable {
    let userId: Int
    let name: String
    let homeUnitId: Int?
    let homeUnit: String?
    let isChair: Bool
}

struct AwardCategoryDTO: Content, Equatable {
    let id: Int
    let code: String
    let name: String
    let kind: AwardCategoryKind
    let position: Int
    let quotaTotal: Int
    let quotaPerUnit: Int?
    let method: ReviewMethod
    /// How many picks an approval ballot may hold.
    let pickLimit: Int
    let criteria: [RubricCriterion]
    let eligibility: Eligibility
    let opensAt: Date?
    let closesAt: Date?
    let nominationsOpen: Bool
    let reviewClosed: Bool
    let panel: [PanelMemberDTO]
    let nominationCount: Int
    let version: Int
}

/// A category as an organizer sends it. Every field is needed on creation; an update sends the version too.
struct AwardCategoryInput: Content {
    var code: String
    var name: String
    var kind: AwardCategoryKind
    var quotaTotal: Int
    var quotaPerUnit: Int?
    var method: ReviewMethod
    var pickLimit: Int?
    var criteria: [RubricCriterion]?
    var allowedStatuses: [EmployeeStatus]?
    var minimumServiceYears: Int?
    var serviceCountedOn: CalendarDate?
    var excludePreviousWinners: Bool?
    var opensAt: Date?
    var closesAt: Date?
    var version: Int?
}

struct PanelMemberInput: Content {
    var userId: Int
    var homeUnitId: Int?
    var isChair: Bool?
}

struct EvidenceDTO: Content, Equatable {
    let id: Int
    let fileName: String
    let contentType: String
    let size: Int
    let url: String
}

struct NominationDTO: Content, Equatable {
    let id: Int
    let categoryCode: String
    let categoryName: String
    let personId: Int?
    let nominee: String
    let unitId: Int
    let unit: String
    let nominatingUnit: String?
    let nominatedBy: String
    let citation: String
    let status: String
    let statusReason: String?
    let evidence: [EvidenceDTO]
    let createdAt: Date?
    let version: Int
}

/// A nomination: a person for individual and special awards, a unit and team name for team awards.
struct NominationInput: Content {
    var category: String
    var personId: Int?
    var unitId: Int?
    var teamName: String?
    var citation: String
    var nominatingUnitId: Int?
    /// Organizers may file a nomination outside the window, on purpose.
    var lateOnPurpose: Bool?
}

struct WithdrawalInput: Content {
    var reason: String
    var version: Int?
}

struct RecusalInput: Content {
    var reason: String
}

/// A ballot as a reviewer sends it: `picks` (approval and run-offs), `ranking` (Borda, best first),
/// or `scores` (rubric: nomination id → one score per criterion).
struct BallotInput: Content {
    var round: Int?
    var picks: [Int]?
    var ranking: [Int]?
    var scores: [String: [Int]]?
    /// The version of the ballot being replaced; a stale one gets 409.
    var version: Int?
}

struct BallotDTO: Content, Equatable {
    let category: String
    let round: Int
    let reviewer: String
    let picks: [Int]?
    let ranking: [Int]?
    let scores: [String: [Int]]?
    let submittedAt: Date
    let version: Int
}

/// What a reviewer sees of one nomination: the nominee and the citation, or that they may not judge it and why.
struct AssignedNominationDTO: Content, Equatable {
    let id: Int
    let nominee: String
    let unit: String
    let citation: String
    let evidence: [EvidenceDTO]
    /// `conflict` (same organization) or `recused`; nil when the reviewer judges it.
    let barred: String?
}

struct ReviewAssignmentDTO: Content, Equatable {
    let category: AwardCategoryDTO
    let round: Int
    let candidates: [AssignedNominationDTO]
    let seats: Int
    let pickLimit: Int
    let ballot: BallotDTO?
    let isChair: Bool
    let open: Bool
}

struct TallyLineDTO: Content, Equatable {
    let nominationId: Int
    let nominee: String
    let unit: String
    let score: String
    let ballots: Int
    let points: Int?
    let rank: Int?
    let tied: Bool
}

struct RoundDTO: Content, Equatable {
    let number: Int
    let candidates: [Int]
    let seats: Int
    let ballots: Int
    let lines: [TallyLineDTO]
}

struct ChairDecisionDTO: Content, Equatable {
    let order: [Int]
    let reason: String
    let decidedBy: String
    let at: Date?
}

struct PendingTieDTO: Content, Equatable {
    let candidates: [Int]
    let names: [String]
    let seats: Int
}

/// A category's tally: every round, the chair's settlements, and the winners it proposes under the quotas.
struct TallyDTO: Content, Equatable {
    let category: String
    let method: ReviewMethod
    let panelSize: Int
    let rounds: [RoundDTO]
    let chairDecisions: [ChairDecisionDTO]
    let proposedWinners: [Int]
    let pendingTie: PendingTieDTO?
    let skippedForUnitQuota: [Int]
    let unfilledSeats: Int
    let decided: [Int]
}

struct ChairDecisionInput: Content {
    var order: [Int]
    var reason: String
}

struct AwardDecisionDTO: Content, Equatable {
    let id: Int
    let category: String
    let categoryName: String
    let nominationId: Int
    let nominee: String
    let unit: String
    let organization: String
    let place: Int
    let serial: String
    let status: String
    let approvedBy: String
    let approvedAt: Date
    let revokedReason: String?
}

struct NoticeInput: Content {
    var endsAt: Date
}

struct ObjectionInput: Content {
    var decisionId: Int
    var name: String
    var contact: String?
    var text: String
}

struct ObjectionDTO: Content, Equatable {
    let id: Int
    let decisionId: Int
    let nominee: String
    let category: String
    let submitterName: String
    let contact: String?
    let text: String
    let status: String
    let resolution: String?
    let resolvedBy: String?
    let createdAt: Date
}

struct ObjectionResolutionInput: Content {
    /// `upheld` (the award is withdrawn) or `dismissed`.
    var outcome: String
    var reason: String
}

/// Where a recognition program stands, and what comes next.
struct RecognitionStatusDTO: Content, Equatable {
    let programId: Int
    let stage: String
    let noticeStartsAt: Date?
    let noticeEndsAt: Date?
    let publishedAt: Date?
    let openObjections: Int
    let categories: [AwardCategoryDTO]
    let version: Int
}

/// What `/verify/{serial}` answers.
struct CertificateCheckDTO: Content, Equatable {
    let serial: String
    let valid: Bool
    let status: String
    let nominee: String?
    let award: String?
    let program: String?
    let organization: String?
    let issuedOn: String?
}

/// The ballots of a category with everything needed to count them again: the method, the rubric,
/// who could judge whom, every round's candidates, and the chair's settlements.
struct BallotExportDTO: Content, Equatable {
    struct Candidate: Content, Equatable {
        let nominationId: Int
        let nominee: String
        let unit: String
        let eligibleReviewers: [Int]
    }
    struct Reviewer: Content, Equatable {
        let id: Int
        let name: String
    }
    struct Round: Content, Equatable {
        let number: Int
        let candidates: [Int]
        let seats: Int
    }
    let category: String
    let method: ReviewMethod
    let criteria: [RubricCriterion]
    let pickLimit: Int
    let seats: Int
    let quotaPerUnit: Int?
    let quotaUnits: [String: Int]
    let reviewers: [Reviewer]
    let candidates: [Candidate]
    let rounds: [Round]
    let ballots: [ExportedBallot]
    let chairDecisions: [ChairDecisionDTO]
    let excluded: [Int]
}

struct ExportedBallot: Content, Equatable {
    let round: Int
    let reviewerId: Int
    let picks: [Int]?
    let ranking: [Int]?
    let scores: [String: [Int]]?
}
