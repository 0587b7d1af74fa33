import Fluent
import PodiumCore
import Vapor

/// The audit log with filters: who changed what, when, from what to what.
struct AuditAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "audit", use: list)
    }

    static let entityTypes = ["person", "unit", "program", "user", "api_token", "team", "event", "entry", "result", "article"]
    static let actions = ["create", "update", "import", "status", "revoke", "password"]

    func list(req: Request) async throws -> Response {
        try await req.require(.administer)
        let filter = try AuditQuery(req)
        let page = try await filter.run(on: req.db)
        let filters = FormView(action: "/admin/audit", submitLabel: req.t("action.filter"), fields: [
            .select("entity", req.t("audit.entity"), options: [("", req.t("filter.all"))] + Self.entityTypes.map { ($0, req.t("entity.\($0)")) },
                    selected: [filter.entityType ?? ""]),
            FieldView(name: "entityId", label: req.t("audit.entityId"), value: filter.entityID ?? "", inputmode: "numeric"),
            .select("action", req.t("audit.action"), options: [("", req.t("filter.all"))] + Self.actions.map { ($0, req.t("audit.action.\($0)")) },
                    selected: [filter.action ?? ""]),
            FieldView(name: "actor", label: req.t("audit.actor"), value: filter.actor ?? ""),
            FieldView(name: "from", label: req.t("audit.from"), type: "date", value: filter.from?.iso ?? ""),
            FieldView(name: "to", label: req.t("audit.to"), type: "date", value: filter.to?.iso ?? ""),
        ])
        let context = AuditContext(
            page: PageContext(req, title: req.t("audit.title"), backOffice: true), filters: filters,
            entries: page.items.map { Self.row($0, req) },
            summary: req.t("audit.summary", ["total": "\(page.total)"]),
            previous: page.page > 1 ? filter.link(page: page.page - 1) : nil,
            next: page.page * page.perPage < page.total ? filter.link(page: page.page + 1) : nil)
        return try await req.page("admin/audit", context)
    }

    static func row(_ entry: AuditEntryDTO, _ req: Request) -> AuditRow {
        AuditRow(id: entry.id, at: req.formatDateTime(entry.at), actor: entry.actorName,
                 action: req.t("audit.action.\(entry.action)"), entity: "\(req.t("entity.\(entry.entityType)")) #\(entry.entityId)",
                 summary: displaySummary(entry, req), before: entry.before, after: entry.after, reason: entry.reason)
    }

    /// Status changes are stored as codes (`draft → open`) and shown in the reader's language.
    private static func displaySummary(_ entry: AuditEntryDTO, _ req: Request) -> String {
        guard entry.action == "status" else { return entry.summary }
        let parts = entry.summary.components(separatedBy: " → ").compactMap(ProgramStatus.init(rawValue:))
        guard parts.count == 2 else { return entry.summary }
        return parts.map { req.t($0.localizationKey) }.joined(separator: " → ")
    }
}

/// Audit filters shared by the page and the API.
struct AuditQuery {
    var entityType: String?
    var entityID: String?
    var action: String?
    var actor: String?
    var from: CalendarDate?
    var to: CalendarDate?
    var page: Int
    var perPage: Int

    init(_ req: Request) throws {
        func text(_ key: String) -> String? { (try? req.query.get(String.self, at: key)).flatMap { $0.trimmingCharacters(in: .whitespaces).nilIfEmpty } }
        entityType = text("entity")
        entityID = text("entityId")
        action = text("action")
        actor = text("actor")
        var issues = ValidationCollector()
        if let value = text("from") {
            from = CalendarDate(parsing: value)
            if from == nil { issues.add("from", "error.field.date", ["value": value]) }
        }
        if let value = text("to") {
            to = CalendarDate(parsing: value)
            if to == nil { issues.add("to", "error.field.date", ["value": value]) }
        }
        try issues.check()
        page = PageWindow(page: Int(text("page") ?? "") ?? 1, perPage: 1, maxPerPage: 1).page
        perPage = max(1, min(200, Int(text("perPage") ?? "") ?? 50))
    }

    func run(on db: any Database) async throws -> Page<AuditEntryDTO> {
        let query = AuditEntryModel.query(on: db)
        if let entityType { query.filter(\.$entityType == entityType) }
        if let entityID { query.filter(\.$entityID == entityID) }
        if let action { query.filter(\.$action == action) }
        if let actor { query.filter(\.$actorName, .custom("LIKE"), "%\(actor)%") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        if let from, let start = calendar.date(from: DateComponents(year: from.year, month: from.month, day: from.day)) {
            query.filter(\.$at >= start)
        }
        if let to, let end = calendar.date(from: DateComponents(year: to.year, month: to.month, day: to.day + 1)) {
            query.filter(\.$at < end)
        }
        let total = try await query.count()
        let items = try await query.sort(\.$id, .descending).range(PageWindow(page: page, perPage: perPage, maxPerPage: 200).rows).all()
        return Page(items: items.map(\.dto), total: total, page: page, perPage: perPage)
    }

    func link(page: Int) -> String {
        var components = URLComponents()
        components.queryItems = [("entity", entityType), ("entityId", entityID), ("action", action), ("actor", actor),
                                 ("from", from?.iso), ("to", to?.iso), ("page", "\(page)")]
            .compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        return "/admin/audit?" + (components.percentEncodedQuery ?? "")
    }
}
