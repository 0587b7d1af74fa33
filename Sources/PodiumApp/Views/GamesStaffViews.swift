import Foundation
import PodiumCore
import Vapor

/// Forms rendered by `partials/forms` somewhere other than the page's own `forms`: the partial needs the page
/// (for the CSRF token) next to them.
struct FormsBlock: Encodable {
    let page: PageContext
    let forms: [FormView]
    /// Open the `<details>` around the forms: they came back with problems.
    let open: Bool
}

/// `/admin/games/{slug}/staff`: the organizing team's posts, grouped by kind, with shifts and who is on them.
struct GamesStaffContext: Encodable {
    struct Stat: Encodable {
        let label: String
        let value: String
        let warn: Bool
    }
    struct Group: Encodable {
        let label: String
        let code: String
        let posts: [Post]
    }
    struct Post: Encodable {
        let id: Int
        let name: String
        let venue: String?
        let version: Int
        let shifts: [Shift]
        let people: [Person]
        let hasGaps: Bool
        /// A refusal that belongs to the post as a whole (it still has people on it).
        let error: String?
        let edit: PostForm?
        let addShift: ShiftForm?
    }
    /// A post's own fields, as typed, with each problem next to its field.
    struct PostForm: Encodable {
        let action: String
        let prefix: String
        let name: String
        let kinds: [RelayOption]
        let venue: String
        let version: Int
        let nameError: String?
        let kindError: String?
        let venueError: String?
        let errors: [String]
        let open: Bool
    }
    struct Shift: Encodable {
        let id: Int
        let time: String
        /// "3 of 4".
        let coverage: String
        let short: Bool
        let names: String
        let partial: String?
        let version: Int
        let assign: InlineAssign?
    }
    /// One field on a shift's row: who to put on it.
    struct InlineAssign: Encodable {
        let action: String
        let shiftID: Int
        let person: String
        let error: String?
    }
    struct ShiftForm: Encodable {
        let action: String
        let prefix: String
        let starts: String
        let ends: String
        let needed: String
        let startsError: String?
        let endsError: String?
        let neededError: String?
        let errors: [String]
        let open: Bool
    }
    struct Person: Encodable {
        let id: Int
        let name: String
        let number: String?
        let time: String
        let note: String?
        let version: Int
    }

    let page: PageContext
    let program: ProgramView
    let back: String
    let isOrganizer: Bool
    let printLink: String
    let ceremonyLink: String
    let stats: [Stat]
    let groups: [Group]
    let errors: [String]
    let addPost: FormsBlock?
    let assign: FormsBlock?
    let fill: FormsBlock?
}

/// `/admin/games/{slug}/staff/print`: one section per post, then every person's own duties, for A4.
struct GamesStaffPrintContext: Encodable {
    struct Post: Encodable {
        let name: String
        let kind: String
        let venue: String?
        let shifts: [String]
        let rows: [Row]
    }
    struct Row: Encodable {
        let time: String
        let name: String
        let number: String?
        let unit: String?
        let note: String?
    }
    struct Person: Encodable {
        let name: String
        let number: String?
        let unit: String?
        let duties: [Duty]
    }
    struct Duty: Encodable {
        let post: String
        let time: String
    }

    let page: PageContext
    let program: ProgramView
    let back: String
    let posts: [Post]
    let people: [Person]
    let assignmentCount: Int
}
