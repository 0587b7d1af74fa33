import Fluent
import Foundation
import PodiumCore
import Vapor

/// `/admin/recognition/{slug}/ceremony`: the conference of a recognition program. Organizers edit the
/// running order and the list of people expected (from the roster, or guests by name); the program's
/// officials see both. The same service as the JSON API, as a page that works without JavaScript.
struct CeremonyAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let ceremony = routes.grouped("admin", "recognition", ":slug", "ceremony")
        ceremony.get(use: overview)
        ceremony.post("agenda", use: addItem)
        ceremony.post("agenda", ":itemId", use: updateItem)
        ceremony.post("agenda", ":itemId", "move", use: moveItem)
        ceremony.post("agenda", ":itemId", "delete", use: deleteItem)
        ceremony.post("attendees", use: addAttendee)
        ceremony.post("attendees", ":attendeeId", "delete", use: removeAttendee)
    }

    struct AgendaItemForm: Content {
        var startsAt: String?
        var kind: String?
        var title: String?
        var speaker: String?
        var version: Int?
    }

    struct VersionForm: Content {
        var version: Int?
    }

    /// `source` is `roster` (a `personId` picked after searching `find`) or `guest` (a name typed in).
    struct AttendeeForm: Content {
        var source: String?
        var find: String?
        var personId: String?
        var name: String?
        var unitName: String?
        var group: String?
        var seat: String?
    }

    /// What came back refused, to show in place.
    struct Refusal {
        var itemID: Int?
        var itemForm: AgendaItemForm?
        var itemIssues: [FieldIssue] = []
        var agendaError: String?
        var attendeeForm: AttendeeForm?
        var attendeeIssues: [FieldIssue] = []
        var attendeeError: String?
    }

    static func program(_ req: Request) async throws -> ProgramModel {
        guard req.actor.isAuthenticated else { throw PodiumError.unauthenticated }
        return try await req.ceremony.program(slug: req.parameters.get("slug") ?? "")
    }

    func overview(req: Request) async throws -> Response {
        let program = try await Self.program(req)
        let find = req.query[String.self, at: "find"]
        return try await render(req, program: program, find: find)
    }

    func addItem(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        let form = try req.content.decode(AgendaItemForm.self)
        let item: AgendaItemDTO
        do {
            item = try await req.ceremony.addAgendaItem(program: program, AgendaItemInput(startsAt: form.startsAt, kind: form.kind, title: form.title,
                                                                                          speaker: form.speaker), by: req.actor)
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, refusal: Refusal(itemForm: form, itemIssues: issues), status: .unprocessableEntity)
        }
        return req.redirect(to: "/admin/recognition/\(program.slug)/ceremony#item-\(item.id)", flash: req.t("ceremony.itemAdded", ["title": item.title]))
    }

    func updateItem(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        let itemID = try req.intParameter("itemId")
        let form = try req.content.decode(AgendaItemForm.self)
        let item: AgendaItemDTO
        do {
            // A form always sends every field: an emptied one is cleared.
            item = try await req.ceremony.updateAgendaItem(program: program, itemID: itemID, AgendaItemInput(
                startsAt: form.startsAt ?? "", kind: form.kind ?? "", title: form.title ?? "", speaker: form.speaker ?? "", version: form.version), by: req.actor)
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, refusal: Refusal(itemID: itemID, itemForm: form, itemIssues: issues), status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(itemID: itemID, itemForm: form, itemIssues: [FieldIssue("version", message)]),
                                    status: .conflict)
        }
        return req.redirect(to: "/admin/recognition/\(program.slug)/ceremony#item-\(item.id)", flash: req.t("ceremony.itemSaved", ["title": item.title]))
    }

    func moveItem(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        let itemID = try req.intParameter("itemId")
        let form = try req.content.decode(AgendaMoveForm.self)
        let move = try form.move()
        do {
            _ = try await req.ceremony.moveAgendaItem(program: program, itemID: itemID, move, version: form.version, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(itemID: itemID, agendaError: req.t(message)), status: .conflict)
        }
        return req.redirect(to: "/admin/recognition/\(program.slug)/ceremony#item-\(itemID)", flash: req.t("ceremony.itemMoved"))
    }

    func deleteItem(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        let itemID = try req.intParameter("itemId")
        let form = try req.content.decode(VersionForm.self)
        let title = try await req.ceremony.agendaItem(itemID, programID: program.id!).title
        do {
            try await req.ceremony.deleteAgendaItem(program: program, itemID: itemID, version: form.version, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(itemID: itemID, agendaError: req.t(message)), status: .conflict)
        }
        return req.redirect(to: "/admin/recognition/\(program.slug)/ceremony#agenda", flash: req.t("ceremony.itemDeleted", ["title": title]))
    }

    func addAttendee(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        let form = try req.content.decode(AttendeeForm.self)
        let attendee: AttendeeDTO
        do {
            var input = AttendeeInput(group: form.group, seat: form.seat)
            if form.source == "guest" {
                input.name = form.name
                input.unitName = form.unitName
            } else {
                guard let text = form.personId?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                    throw PodiumError.invalid("personId", "ceremony.pickPerson")
                }
                guard let personID = Int(text) else { throw PodiumError.invalid("personId", "error.field.integer", ["value": text]) }
                input.personId = personID
            }
            attendee = try await req.ceremony.addAttendee(program: program, input, by: req.actor)
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, find: form.find, refusal: Refusal(attendeeForm: form, attendeeIssues: issues),
                                    status: .unprocessableEntity)
        }
        return req.redirect(to: "/admin/recognition/\(program.slug)/ceremony#attendees",
                            flash: req.t("ceremony.attendeeAdded", ["name": attendee.name, "group": req.t(attendee.group.localizationKey)]))
    }

    func removeAttendee(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        let attendeeID = try req.intParameter("attendeeId")
        let name = try await req.ceremony.attendee(attendeeID, programID: program.id!).name
        do {
            try await req.ceremony.removeAttendee(program: program, attendeeID: attendeeID, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(attendeeError: req.t(message)), status: .conflict)
        }
        return req.redirect(to: "/admin/recognition/\(program.slug)/ceremony#attendees", flash: req.t("ceremony.attendeeRemoved", ["name": name]))
    }

    // MARK: The page

    private func render(_ req: Request, program: ProgramModel, find: String? = nil, refusal: Refusal = Refusal(),
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let programID = program.id!
        try await req.require(.officiate(programID: programID))
        let isOrganizer = req.allows(.managePrograms)
        let slug = program.slug
        let base = "/admin/recognition/\(slug)/ceremony"
        let items = try await req.ceremony.agenda(programID: programID)

        func kinds(_ selected: String?) -> [RelayOption] {
            AgendaItemKind.allCases.map { RelayOption(value: $0.rawValue, label: req.t($0.localizationKey), selected: $0.rawValue == selected) }
        }
        func agendaForm(action: String, prefix: String, form: AgendaItemForm, issues: [FieldIssue], open: Bool) -> CeremonyPageContext.AgendaForm {
            var byField: [String: [String]] = [:], general: [String] = []
            for issue in issues {
                if ["startsAt", "kind", "title", "speaker"].contains(issue.field) { byField[issue.field, default: []].append(req.t(issue.message)) }
                else { general.append(req.t(issue.message)) }
            }
            let error = { (field: String) in byField[field].map { $0.joined(separator: " ") } }
            return .init(action: action, prefix: prefix, startsAt: form.startsAt ?? "", kinds: kinds(form.kind), title: form.title ?? "",
                         speaker: form.speaker ?? "", version: form.version, startsAtError: error("startsAt"), kindError: error("kind"),
                         titleError: error("title"), speakerError: error("speaker"), errors: general, open: open || !issues.isEmpty)
        }

        let agenda = items.enumerated().map { index, item -> CeremonyPageContext.AgendaRow in
            let refused = refusal.itemID == item.id
            let typed = refused ? refusal.itemForm : nil
            let form = typed ?? AgendaItemForm(startsAt: item.startsAt, kind: item.kind.rawValue, title: item.title, speaker: item.speaker, version: item.version)
            return .init(id: item.id, position: item.position, time: item.startsAt ?? "", kind: req.t(item.kind.localizationKey), kindCode: item.kind.rawValue, title: item.title,
                         speaker: item.speaker, version: item.version, isFirst: index == 0, isLast: index == items.count - 1,
                         form: agendaForm(action: "\(base)/agenda/\(item.id)", prefix: "item-\(item.id)", form: form,
                                          issues: refused ? refusal.itemIssues : [], open: false),
                         error: refused ? refusal.agendaError : nil)
        }
        var addItem: CeremonyPageContext.AgendaForm?
        if isOrganizer {
            let adding = refusal.itemID == nil && refusal.itemForm != nil
            addItem = agendaForm(action: "\(base)/agenda", prefix: "new-item",
                                 form: adding ? refusal.itemForm! : AgendaItemForm(kind: AgendaItemKind.speech.rawValue),
                                 issues: adding ? refusal.itemIssues : [], open: items.isEmpty)
        }

        let list = try await req.ceremony.attendees(programID: programID)
        let (counts, total) = req.ceremonyCounts(list)
        let attendees = list.attendees.map { req.ceremonyRow($0, program: program) }

        func groups(_ selected: String?) -> [RelayOption] {
            AttendeeGroup.allCases.map { RelayOption(value: $0.rawValue, label: req.t($0.localizationKey), selected: $0.rawValue == selected) }
        }
        var roster: CeremonyPageContext.RosterForm?
        var guest: CeremonyPageContext.GuestForm?
        if isOrganizer {
            let typed = refusal.attendeeForm
            let issues = refusal.attendeeIssues
            func error(_ field: String) -> String? {
                let found = issues.filter { $0.field == field }.map { req.t($0.message) }
                return found.isEmpty ? nil : found.joined(separator: " ")
            }
            let known: Set<String> = ["personId", "name", "unitName", "group", "seat"]
            let general = issues.filter { !known.contains($0.field) }.map { req.t($0.message) }
            let isGuest = typed?.source == "guest"

            let findText = (find ?? typed?.find ?? "").trimmingCharacters(in: .whitespaces)
            var candidates: [CeremonyPageContext.Candidate] = []
            var resultNote: String?
            if !findText.isEmpty {
                let found = try await req.people.search(PersonService.Filter(query: findText, perPage: 25)).items.filter { $0.kind != .family }
                let listed = Set(list.attendees.compactMap(\.personId))
                candidates = found.prefix(20).map { person in
                    var label = [person.name, person.employeeNumber, AttendeeDraft.unitName(path: person.unitPath)].compactMap { $0 }.joined(separator: " · ")
                    if listed.contains(person.id) { label += " — " + req.t("ceremony.alreadyOnList") }
                    return .init(id: person.id, label: label, listed: listed.contains(person.id),
                                 selected: typed?.personId == "\(person.id)" || (found.count == 1 && !listed.contains(person.id)))
                }
                resultNote = found.isEmpty ? req.t("ceremony.findNone", ["query": findText])
                    : found.count > 20 ? req.t("ceremony.findMore", ["count": "20"]) : nil
            }
            roster = .init(find: findText, searched: !findText.isEmpty, candidates: candidates,
                           groups: groups(!isGuest ? typed?.group ?? AttendeeGroup.leader.rawValue : AttendeeGroup.leader.rawValue),
                           seat: !isGuest ? typed?.seat ?? "" : "", personError: isGuest ? nil : error("personId"),
                           groupError: isGuest ? nil : error("group"), seatError: isGuest ? nil : error("seat"),
                           errors: isGuest ? [] : general, resultNote: resultNote)
            guest = .init(name: isGuest ? typed?.name ?? "" : "", unitName: isGuest ? typed?.unitName ?? "" : "",
                          groups: groups(isGuest ? typed?.group ?? AttendeeGroup.guest.rawValue : AttendeeGroup.guest.rawValue),
                          seat: isGuest ? typed?.seat ?? "" : "", nameError: isGuest ? error("name") : nil,
                          unitNameError: isGuest ? error("unitName") : nil, groupError: isGuest ? error("group") : nil,
                          seatError: isGuest ? error("seat") : nil, errors: isGuest ? general : [])
        }

        let context = CeremonyPageContext(
            page: PageContext(req, title: "\(req.t("ceremony.title")) · \(program.name)", backOffice: true), program: ProgramView(program.dto, req),
            back: isOrganizer ? "/admin/programs/\(programID)" : "/admin", backLabel: isOrganizer ? program.name : req.t("nav.dashboard"),
            isOrganizer: isOrganizer, checkInLink: "/admin/recognition/\(slug)/check-in", publicLink: "/p/\(slug)",
            agenda: agenda, agendaErrors: refusal.itemID == nil ? [refusal.agendaError].compactMap { $0 } : [], addItem: addItem,
            counts: counts, total: total, attendees: attendees, attendeeErrors: [refusal.attendeeError].compactMap { $0 },
            roster: roster, guest: guest)
        return try await req.page("admin/ceremony", context, status: status)
    }
}
