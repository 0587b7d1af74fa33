import PodiumCore
import Vapor

/// Roster upload in the browser: the same import as `podium import people FILE.csv`.
struct ImportAdminController: RouteCollection {
    static let maxUpload: ByteCount = "20mb"

    func boot(routes: any RoutesBuilder) throws {
        let imports = routes.grouped("admin", "import")
        imports.get(use: page)
        imports.upload(maxSize: Self.maxUpload, use: upload)
    }

    struct UploadForm: Content {
        var file: File?
    }

    func page(req: Request) async throws -> Response {
        try await req.require(.manageOrganization)
        return try await render(req, report: nil, issues: [], status: .ok)
    }

    func upload(req: Request) async throws -> Response {
        try await req.require(.manageOrganization)
        let form = try req.content.decode(UploadForm.self)
        guard let file = form.file, file.data.readableBytes > 0 else {
            return try await render(req, report: nil, issues: [FieldIssue("file", "error.import.noFile")], status: .unprocessableEntity)
        }
        do {
            let report = try await req.rosterImport.run(Data(buffer: file.data), fileName: file.filename, by: req.actor)
            return try await render(req, report: report, issues: [], status: .ok)
        } catch PodiumError.validation(let issues) {
            return try await render(req, report: nil, issues: issues, status: .unprocessableEntity)
        } catch PodiumError.badRequest(let message) {
            return try await render(req, report: nil, issues: [FieldIssue("file", message)], status: .unprocessableEntity)
        }
    }

    private func render(_ req: Request, report: RosterImportService.Report?, issues: [FieldIssue], status: HTTPResponseStatus) async throws -> Response {
        var form = FormView(action: "/admin/import", submitLabel: req.t("import.submit"), title: req.t("import.formTitle"), fields: [
            FieldView(name: "file", label: req.t("import.file"), type: "file", required: true, hint: req.t("import.fileHint")),
        ], multipart: true)
        form.attach(issues, req)
        let context = ImportResultContext(
            page: PageContext(req, title: req.t("import.title"), backOffice: true),
            summary: report.map { req.t("import.summary", ["imported": "\($0.imported)", "updated": "\($0.updated)",
                                                           "unchanged": "\($0.unchanged)", "rejected": "\($0.rejections.count)"]) } ?? "",
            imported: report?.imported ?? 0, updated: report?.updated ?? 0, unchanged: report?.unchanged ?? 0,
            rejected: report?.rejections.count ?? 0, unitsCreated: report?.unitsCreated ?? 0,
            ignoredColumns: report.flatMap { $0.ignoredColumns.isEmpty ? nil : $0.ignoredColumns.joined(separator: ", ") },
            rejections: report?.rejections.map { .init(line: $0.line, reasons: $0.reasons.map { req.t($0) }) } ?? [],
            forms: [form])
        return try await req.page(report == nil ? "admin/import" : "admin/import-result", context, status: status)
    }
}
