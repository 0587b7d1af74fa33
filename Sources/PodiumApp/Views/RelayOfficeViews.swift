import Foundation
import PodiumCore
import Vapor

/// An `<option>` of a select or a checkbox of a group.
struct RelayOption: Encodable {
    let value: String
    let label: String
    var selected: Bool
}

/// A race-day change of a line-up, from the audit trail: when, who, which team, why.
struct RelayChangeRow: Encodable {
    let when: String
    let who: String
    let team: String
    let reason: String
}

/// `/admin/relay/{slug}`: course and rules, start, teams, race-day changes.
struct RelayOfficeContext: Encodable {
    struct LegRow: Encodable {
        /// Position of the row in the form (`legs[index][distance]`).
        let index: Int
        /// "Leg 3 · distance (km)".
        let label: String
        let distance: String
        let exchangePoint: String
        let distanceError: String?
        let pointError: String?
    }
    struct Settings: Encodable {
        var form: FormView
        var legs: [LegRow]
        /// Shown unfolded when there is no course yet or the form came back with errors.
        var open: Bool
    }
    struct CourseLeg: Encodable {
        let order: Int
        let distance: String
        let exchangePoint: String
    }
    struct Start: Encodable {
        let canStart: Bool
        let hasLegs: Bool
        let recorded: String?
        let restarts: [String]
        let exchanges: [RelayOption]
        let hasExchanges: Bool
        let at: String
        let restartAt: String
        let errors: [String]
        let restartErrors: [String]
        let timeHint: String
    }
    struct TeamRow: Encodable {
        let id: Int
        let bib: String
        let name: String
        let teamClass: String
        let status: String
        let statusCode: String
        let runners: String
        let problems: [String]
    }
    struct AddTeam: Encodable {
        let units: [RelayOption]
        let bib: String
        let name: String
        let unitError: String?
        let bibError: String?
        let nameError: String?
        let errors: [String]
    }
    struct Links: Encodable {
        let timing: String
        let review: String
        let live: String
        let results: String
    }

    let page: PageContext
    let program: ProgramView
    let isOrganizer: Bool
    let links: Links
    let reviewCount: Int
    let reviewLabel: String
    let course: [CourseLeg]
    let courseSummary: [String]
    let settings: Settings?
    let start: Start
    let teams: [TeamRow]
    let addTeam: AddTeam?
    let changes: [RelayChangeRow]
}

/// `/admin/relay/{slug}/teams/{teamId}`: one team's line-up, status and race-day changes.
struct RelayTeamContext: Encodable {
    struct Header: Encodable {
        let id: Int
        let bib: String
        let name: String
        let teamClass: String
        let organization: String
        let status: String
        let statusReason: String?
        let overridden: String?
    }
    struct Row: Encodable {
        let leg: Int
        let title: String
        let members: [RelayOption]
        let membersLabel: String
        let guests: [RelayOption]
        let guest: Bool
        let chip: String
        let runner: String
        let error: String?
    }
    struct LineUp: Encodable {
        let action: String
        let version: Int
        let rows: [Row]
        let reason: String
        let reasonError: String?
        let reasonRequired: Bool
        let ruleErrors: [String]
        let errors: [String]
        let canOverride: Bool
        let overrideRules: [RelayOption]
        let overrideReason: String
        let overrideError: String?
        let overrideOpen: Bool
    }
    struct Status: Encodable {
        let options: [RelayOption]
        let reason: String
        let version: Int
        let reasonError: String?
        let errors: [String]
    }

    let page: PageContext
    let program: ProgramView
    let back: String
    let backLabel: String
    let team: Header
    let started: Bool
    let canEditLineUp: Bool
    let lineUp: LineUp
    let status: Status?
    let canDelete: Bool
    let deleteError: String?
    let changes: [RelayChangeRow]
}

/// `/admin/relay/{slug}/review`: suspect reads with their corrections, missing reads, the raw log, CSV import.
struct RelayReviewContext: Encodable {
    struct Correction: Encodable {
        let kind: String
        let title: String
        let showBib: Bool
        let showTime: Bool
        let bib: String
        let at: String
        let reason: String
        let bibError: String?
        let atError: String?
        let reasonError: String?
        let errors: [String]
        let open: Bool
    }
    struct Item: Encodable {
        let kind: String
        let readId: Int?
        let message: String
        let forms: [Correction]
    }
    struct Read: Encodable {
        let id: Int
        let time: String
        let point: String
        let bib: String
        let source: String
        let device: String
        let verdict: String
        let verdictCode: String
        let corrections: [String]
        let restore: Correction?
    }

    let page: PageContext
    let program: ProgramView
    let items: [Item]
    let reads: [Read]
    let readsNote: String?
    let showAllHref: String?
    /// The CSV import form, rendered by `partials/forms`.
    let forms: [FormView]
}

/// The dashboard with the relay races this person works on beside its other lists. Leaf merges the two
/// keyed encodings into one context, so `dashboard.leaf` reads `relay` next to `games`.
struct DashboardWithRelayContext: Encodable {
    struct Link: Encodable {
        let href: String
        let name: String
        let status: String
    }
    let base: DashboardContext
    let relay: [Link]
    var recognition: [Link] = []

    enum CodingKeys: String, CodingKey { case relay, recognition }

    func encode(to encoder: any Encoder) throws {
        try base.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(relay, forKey: .relay)
        try container.encode(recognition, forKey: .recognition)
    }
}
