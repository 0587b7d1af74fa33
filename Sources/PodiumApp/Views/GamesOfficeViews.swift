import Foundation
import PodiumCore
import Vapor

struct GamesOfficeContext: Encodable {
    struct EventRow: Encodable {
        let id: Int
        let name: String
        let category: String
        let format: String
        let gender: String
        let lineUp: String
        let quota: String
        let entries: Int
        /// Head-to-head events link to their draw.
        let drawURL: String?
    }
    struct TeamRow: Encodable {
        let id: Int
        let name: String
        let entries: Int
    }
    struct Flagged: Encodable {
        let event: String
        let team: String
        let names: String
        let problems: [String]
        let teamID: Int
    }
    struct TemplateGroup: Encodable {
        struct Template: Encodable {
            let id: String
            let name: String
            let detail: String
        }
        let label: String
        let templates: [Template]
    }
    struct UnitOption: Encodable {
        let id: Int
        let name: String
    }

    let page: PageContext
    let program: ProgramView
    let isOrganizer: Bool
    let canEnterResults: Bool
    let ledTeams: [TeamRow]
    var events: [EventRow] = []
    var teams: [TeamRow] = []
    var flagged: [Flagged] = []
    var templateGroups: [TemplateGroup] = []
    var addErrors: [String] = []
    var units: [UnitOption] = []
    var forms: [FormView] = []
}

struct GamesEventEditContext: Encodable {
    let page: PageContext
    let heading: String
    let forms: [FormView]
    let back: String
    let deleteAction: String
    let deleteError: String?
}

/// An event as its edit form carries it: every value as typed, so a refused form comes back unchanged.
struct EventForm: Content {
    var name: String?
    var category: String?
    var format: String?
    var gender: String?
    var ageMin: String?
    var ageMax: String?
    var attempts: String?
    var lineUpMin: String?
    var lineUpMax: String?
    var minimumWomen: String?
    var parentChild: String?
    var childAgeMin: String?
    var childAgeMax: String?
    var teamQuota: String?
    var countsTowardLimit: String?
    var deadline: String?
    var eventDate: String?
    var venue: String?
    var awardKind: String?
    var awardTopN: String?
    var version: Int?

    init(_ event: EventDTO, timeZone: String) {
        name = event.name
        category = event.category.rawValue
        format = event.format.rawValue
        gender = event.gender.rawValue
        ageMin = event.ageMin.map(String.init)
        ageMax = event.ageMax.map(String.init)
        attempts = "\(event.attempts)"
        lineUpMin = "\(event.lineUpMin)"
        lineUpMax = "\(event.lineUpMax)"
        minimumWomen = "\(event.minimumWomen)"
        parentChild = event.parentChild ? "on" : nil
        childAgeMin = event.childAgeMin.map(String.init)
        childAgeMax = event.childAgeMax.map(String.init)
        teamQuota = event.teamQuota.map(String.init)
        countsTowardLimit = event.countsTowardLimit ? "on" : nil
        deadline = event.deadline.map { Self.localFormatter(timeZone).string(from: $0) }
        eventDate = event.eventDate.iso
        venue = event.venue
        awardKind = event.awardKind.rawValue
        awardTopN = "\(event.awardTopN)"
        version = event.version
    }

    static func localFormatter(_ timeZone: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZone) ?? .current
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter
    }

    /// The typed values as an API input; every unreadable number or date is reported with its field.
    func input(timeZone: String) -> (EventInput, [FieldIssue]) {
        var issues: [FieldIssue] = []
        func number(_ field: String, _ text: String?) -> Int? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = Int(text) else { issues.append(FieldIssue(field, "error.field.integer", ["value": text])); return nil }
            return value
        }
        var input = EventInput()
        input.name = name ?? ""
        input.category = category.flatMap(EventCategory.init(rawValue:))
        input.format = format.flatMap(EventFormat.init(rawValue:))
        input.gender = gender.flatMap(EventGender.init(rawValue:))
        input.ageMin = number("ageMin", ageMin)
        input.ageMax = number("ageMax", ageMax)
        input.attempts = number("attempts", attempts)
        input.lineUpMin = number("lineUpMin", lineUpMin)
        input.lineUpMax = number("lineUpMax", lineUpMax)
        input.minimumWomen = number("minimumWomen", minimumWomen)
        input.parentChild = parentChild != nil
        input.childAgeMin = number("childAgeMin", childAgeMin)
        input.childAgeMax = number("childAgeMax", childAgeMax)
        input.teamQuota = number("teamQuota", teamQuota)
        input.countsTowardLimit = countsTowardLimit != nil
        if let text = deadline?.nilIfEmpty {
            input.deadline = Self.localFormatter(timeZone).date(from: text)
            if input.deadline == nil { issues.append(FieldIssue("deadline", "error.field.dateTime", ["value": text])) }
        }
        if let text = eventDate?.nilIfEmpty {
            input.eventDate = CalendarDate(parsing: text)
            if input.eventDate == nil { issues.append(FieldIssue("eventDate", "error.field.date", ["value": text])) }
        }
        input.venue = venue ?? ""
        input.awardKind = awardKind.flatMap(AwardKind.init(rawValue:))
        input.awardTopN = number("awardTopN", awardTopN)
        input.version = version
        return (input, issues)
    }

    func fields(_ req: Request) -> [FieldView] {
        func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ key: (T) -> String) -> [(String, String)] where T.RawValue == String {
            T.allCases.map { ($0.rawValue, req.t(key($0))) }
        }
        func number(_ name: String, _ label: String, _ value: String?, hint: String? = nil) -> FieldView {
            FieldView(name: name, label: req.t(label), type: "number", value: value ?? "", hint: hint.map { req.t($0) }, inputmode: "numeric")
        }
        return [
            FieldView(name: "name", label: req.t("games.office.eventName"), value: name ?? "", required: true),
            .select("category", req.t("games.office.category"), options: options(EventCategory.self, \.localizationKey), selected: [category ?? ""]),
            .select("format", req.t("games.office.format"), options: options(EventFormat.self, \.localizationKey), selected: [format ?? ""]),
            .select("gender", req.t("games.office.gender"), options: options(EventGender.self, \.localizationKey), selected: [gender ?? ""]),
            number("ageMin", "games.office.ageMin", ageMin, hint: "games.office.ageHint"),
            number("ageMax", "games.office.ageMax", ageMax),
            number("attempts", "games.office.attempts", attempts),
            number("lineUpMin", "games.office.lineUpMin", lineUpMin),
            number("lineUpMax", "games.office.lineUpMax", lineUpMax),
            number("minimumWomen", "games.office.minimumWomen", minimumWomen),
            FieldView(name: "parentChild", label: req.t("games.office.parentChild"), type: "checkbox", checked: parentChild != nil),
            number("childAgeMin", "games.office.childAgeMin", childAgeMin),
            number("childAgeMax", "games.office.childAgeMax", childAgeMax),
            number("teamQuota", "games.office.teamQuota", teamQuota, hint: "games.office.teamQuotaHint"),
            FieldView(name: "countsTowardLimit", label: req.t("games.office.countsTowardLimit"), type: "checkbox", checked: countsTowardLimit != nil),
            FieldView(name: "deadline", label: req.t("games.office.deadline"), type: "datetime-local", value: deadline ?? "", hint: req.t("games.office.deadlineHint")),
            FieldView(name: "eventDate", label: req.t("games.office.eventDate"), type: "date", value: eventDate ?? ""),
            FieldView(name: "venue", label: req.t("games.office.venue"), value: venue ?? ""),
            .select("awardKind", req.t("games.office.awardKind"), options: options(AwardKind.self, \.localizationKey), selected: [awardKind ?? ""]),
            number("awardTopN", "games.office.awardTopN", awardTopN),
        ]
    }
}
