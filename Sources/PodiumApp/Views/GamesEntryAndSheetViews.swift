import PodiumCore
import Vapor

struct GamesEntriesContext: Encodable {
    struct Team: Encodable {
        let id: Int
        let name: String
        let current: Bool
    }
    struct Option: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }
    struct Entry: Encodable {
        let id: Int
        let names: String
        let overridden: String
        let problems: [String]
    }
    struct Event: Encodable {
        let id: Int
        let name: String
        let rules: String
        /// `single`, `lineUp` or `pair`.
        let mode: String
        let entries: [Entry]
        let athletes: [Option]
        let children: [Option]
        let errors: [String]
        let reason: String
        let quotaUsed: Bool
    }

    let page: PageContext
    let program: ProgramView
    let teams: [Team]
    let team: Team?
    let events: [Event]
    let isOrganizer: Bool
    let isOpen: Bool
    var rules: [Option] = []
}

struct GamesResultsListContext: Encodable {
    struct Event: Encodable {
        let id: Int
        let name: String
        let format: String
        let progress: String
        let official: Bool
        /// The result sheet, or the draw page for events played in matches.
        let url: String
    }
    let page: PageContext
    let program: ProgramView
    let events: [Event]
}

struct GamesSheetContext: Encodable {
    struct Attempt: Encodable {
        let name: String
        let label: String
        let value: String
    }
    struct Status: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }
    struct Row: Encodable {
        let entryID: Int
        let names: String
        let team: String
        let mark: String
        let attempts: [Attempt]
        let statuses: [Status]
        let version: String
        let place: String
        let official: Bool
        let errors: [String]
    }
    let page: PageContext
    let program: ProgramView
    let eventID: Int
    let name: String
    let hint: String
    let measured: Bool
    let rows: [Row]
    let inputmode: String
    let generalErrors: [String]
    let hasErrors: Bool
}
