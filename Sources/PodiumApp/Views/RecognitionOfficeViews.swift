import Foundation
import PodiumCore
import Vapor

/// `/admin/recognition/{slug}`: categories, nominations, decisions, the public notice and publication.
struct RecognitionOfficeContext: Encodable {
    struct CategoryRow: Encodable {
        let code: String
        let name: String
        let kind: String
        let quota: String
        let method: String
        let window: String
        let nominations: Int
        let panel: Int
        let state: String
        let url: String
    }
    struct NominationRow: Encodable {
        let id: Int
        let category: String
        let nominee: String
        let unit: String
        let nominatedBy: String
        let status: String
        let withdrawn: Bool
        let evidence: Int
        let url: String
    }
    struct DecisionGroup: Encodable {
        let category: String
        let rows: [DecisionRow]
    }
    struct DecisionRow: Encodable {
        let nominee: String
        let organization: String
        let serial: String
        let revoked: Bool
        let note: String?
    }
    struct ObjectionRow: Encodable {
        let id: Int
        let about: String
        let from: String
        let text: String
        let when: String
        let open: Bool
        let outcome: String?
    }
    let page: PageContext
    let program: ProgramView
    let stage: String
    let stageHint: String
    let isOrganizer: Bool
    let isReviewer: Bool
    let links: [Link]
    let categories: [CategoryRow]
    let categoryForm: FormBlock?
    let categoryFormOpen: Bool
    let nominations: [NominationRow]
    let nominationForm: FormBlock?
    let decisions: [DecisionGroup]
    let hasDecisions: Bool
    let noticeForm: FormBlock?
    let notice: String?
    let objections: [ObjectionRow]
    let hasObjections: Bool
    let publishForm: FormBlock?
    let published: String?
    let errors: [String]

    struct Link: Encodable {
        let href: String
        let label: String
    }
}

/// `/admin/recognition/{slug}/categories/{code}`: the category's settings, panel, nominations and tally.
struct RecognitionCategoryContext: Encodable {
    struct Member: Encodable {
        let userId: Int
        let name: String
        let homeUnit: String
        let chair: Bool
        let ballots: String
        /// Only reviewers who have not voted leave the panel.
        let removable: Bool
    }
    struct Line: Encodable {
        let rank: String
        let nominee: String
        let unit: String
        let score: String
        let detail: String
        let tied: Bool
        let proposed: Bool
        let decided: Bool
    }
    struct Round: Encodable {
        let title: String
        let ballots: String
        let lines: [Line]
    }
    struct Tie: Encodable {
        let text: String
        let candidates: [Candidate]
        let seats: Int
    }
    struct Candidate: Encodable {
        let id: Int
        let name: String
        let position: Int
    }
    let page: PageContext
    let program: ProgramView
    let back: String
    /// The category page's own address; its forms post below it.
    let base: String
    let title: String
    let summary: [String]
    let isOrganizer: Bool
    let settingsForm: FormBlock?
    let settingsOpen: Bool
    let panel: [Member]
    let panelForm: FormBlock?
    let rounds: [Round]
    let hasBallots: Bool
    let proposal: [String]
    let notes: [String]
    let tie: Tie?
    let chairDecisions: [String]
    let canApprove: Bool
    let approveLabel: String
    let exportJSON: String
    let exportCSV: String
    let errors: [String]
}

/// `/admin/recognition/{slug}/nominations/{id}`.
struct RecognitionNominationContext: Encodable {
    struct File: Encodable {
        let name: String
        let size: String
        let url: String
    }
    let page: PageContext
    let program: ProgramView
    let back: String
    let nominee: String
    let facts: [Fact]
    let citation: String
    let files: [File]
    let evidenceForm: FormBlock?
    let withdrawForm: FormBlock?
    let withdrawn: String?

    struct Fact: Encodable {
        let label: String
        let value: String
    }
}

/// `/admin/recognition/{slug}/review`: a reviewer's assignments and ballots.
struct RecognitionReviewContext: Encodable {
    struct Candidate: Encodable {
        let id: Int
        let nominee: String
        let unit: String
        let citation: String
        let files: [RecognitionNominationContext.File]
        let barred: String?
        let picked: Bool
        let rank: String
        let scores: [Score]
        let recuseAction: String
    }
    struct Score: Encodable {
        let name: String
        let label: String
        let value: String
        let max: Int
    }
    struct Assignment: Encodable {
        let code: String
        let title: String
        let instructions: String
        let method: String
        let action: String
        let candidates: [Candidate]
        let open: Bool
        let status: String
        let version: String
        let round: Int
        let errors: [String]
    }
    let page: PageContext
    let program: ProgramView
    let assignments: [Assignment]
    let empty: Bool
}

/// One or more forms rendered by `partials/forms.leaf` inside a page section: the forms and the CSRF token they post.
struct FormBlock: Encodable {
    struct Page: Encodable { let csrf: String }
    let page: Page
    let forms: [FormView]

    init(_ form: FormView, _ req: Request) {
        page = Page(csrf: req.csrfToken)
        forms = [form]
    }
}
