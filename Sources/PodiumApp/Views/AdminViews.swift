import PodiumCore
import Vapor

struct DashboardContext: Encodable {
    struct Stat: Encodable {
        let label: String
        let value: Int
        let href: String
    }
    struct GamesLink: Encodable {
        let href: String
        let name: String
        let status: String
    }
    let page: PageContext
    let stats: [Stat]
    let ledUnits: [UnitRow]
    let recent: [AuditRow]
    let adminHint: String?
    var games: [GamesLink] = []
}

struct UnitRow: Encodable {
    let id: Int
    let name: String
    let path: String
    let kind: String
    let depth: Int
    let code: String?
    let external: Bool
}

struct UnitsContext: Encodable {
    let page: PageContext
    let units: [UnitRow]
    let external: [UnitRow]
    let canEdit: Bool
}

struct FormPageContext: Encodable {
    let page: PageContext
    let heading: String
    let forms: [FormView]
    let back: String?
}

struct PersonRow: Encodable {
    let id: Int
    let name: String
    let employeeNumber: String
    let kind: String
    let gender: String
    let birthDate: String
    let hireDate: String
    let unit: String
    let status: String
}

struct PeopleContext: Encodable {
    let page: PageContext
    let filters: FormView
    let people: [PersonRow]
    let total: Int
    let summary: String
    let previous: String?
    let next: String?
    let canEdit: Bool
}

struct ImportResultContext: Encodable {
    struct Rejection: Encodable {
        let line: Int
        let reasons: [String]
    }
    let page: PageContext
    let summary: String
    let imported: Int
    let updated: Int
    let unchanged: Int
    let rejected: Int
    let unitsCreated: Int
    let ignoredColumns: String?
    let rejections: [Rejection]
    let forms: [FormView]
}

struct ProgramsAdminContext: Encodable {
    let page: PageContext
    let programs: [ProgramView]
}

struct ProgramEditContext: Encodable {
    struct Transition: Encodable {
        let status: String
        let label: String
        let forward: Bool
    }
    let page: PageContext
    let program: ProgramView
    let forms: [FormView]
    let transitions: [Transition]
    let statusError: String?
    /// Partners and photo gallery.
    var media: ProgramMediaAdminView?
    let announcement: AnnouncementPanel
}

/// The program page's results announcement panel: the form when a draft makes sense, and the articles already linked.
struct AnnouncementPanel: Encodable {
    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }
    struct Article: Encodable {
        let title: String
        let status: String
        let statusCode: String
        let editUrl: String
    }
    /// Whether the program's status allows a draft.
    let available: Bool
    /// The program has just finished: the panel comes first and says so.
    let prominent: Bool
    let languages: [Option]
    let error: String?
    let articles: [Article]
    let hasArticles: Bool
}

struct UserRow: Encodable {
    let id: Int
    let email: String
    let name: String
    let roles: String
    let active: Bool
}

struct UsersContext: Encodable {
    let page: PageContext
    let users: [UserRow]
}

struct TokenRow: Encodable {
    let id: Int
    let name: String
    let prefix: String
    let role: String
    let created: String
    let lastUsed: String
    let revoked: Bool
}

struct TokensContext: Encodable {
    let page: PageContext
    let tokens: [TokenRow]
    let forms: [FormView]
    let createdSecret: String?
}

struct AuditRow: Encodable {
    let id: Int
    let at: String
    let actor: String
    let action: String
    let entity: String
    let summary: String
    let before: String?
    let after: String?
    let reason: String?
}

struct AuditContext: Encodable {
    let page: PageContext
    let filters: FormView
    let entries: [AuditRow]
    let summary: String
    let previous: String?
    let next: String?
}

extension Request {
    /// Units as select options, indented to show the tree: "Group › Sector › Company".
    func unitOptions(_ units: [UnitDTO]) -> [(String, String)] {
        units.map { ("\($0.id)", $0.path.joined(separator: " › ")) }
    }

    func formatDateTime(_ date: Date?) -> String {
        guard let date else { return "—" }
        return DateDisplay.dateTime(date, timeZone: .current, language)
    }
}
