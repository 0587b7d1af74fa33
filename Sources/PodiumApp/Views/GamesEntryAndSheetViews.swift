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

extension Request {
    /// An event's entry rules in a line: "Mixed · 3 to 5 people · at least 1 women · aged 18 to 60".
    func eventRules(_ event: EventDTO) -> String {
        var parts = [t(event.gender.localizationKey)]
        if event.parentChild {
            parts.append(t("games.entries.pairRule", ["min": event.childAgeMin.map(String.init) ?? "—", "max": event.childAgeMax.map(String.init) ?? "—"]))
        } else if event.lineUpMax > 1 {
            parts.append(t(event.lineUpMin == event.lineUpMax ? "games.entries.lineUpExact" : "games.entries.lineUpRange",
                           ["min": "\(event.lineUpMin)", "max": "\(event.lineUpMax)"]))
            if event.minimumWomen > 0 { parts.append(t("games.entries.women", ["min": "\(event.minimumWomen)"])) }
        }
        if event.ageMin != nil || event.ageMax != nil {
            parts.append(t("games.entries.age", ["min": event.ageMin.map(String.init) ?? "—", "max": event.ageMax.map(String.init) ?? "—"]))
        }
        if let quota = event.teamQuota { parts.append(t("games.entries.quota", ["quota": "\(quota)"])) }
        return parts.joined(separator: " · ")
    }
}
