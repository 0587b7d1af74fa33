import PodiumCore
import Vapor

/// Turns every error into `application/problem+json` (API) or a localized HTML page (site).
/// Stack traces and internal messages go to the log only.
struct ErrorRenderingMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return await render(error, for: request)
        }
    }

    func render(_ error: any Error, for request: Request) async -> Response {
        let mapped = MappedError.from(error)
        if mapped.isInternal {
            request.logger.report(error: error)
        }
        if mapped.status == .unauthorized, !request.wantsJSON, request.method == .GET {
            return request.redirect(to: "/login?next=\(request.url.string.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "/")")
        }
        let response: Response
        if request.wantsJSON {
            response = problemResponse(mapped, for: request)
        } else {
            response = await htmlResponse(mapped, for: request)
        }
        if let seconds = mapped.retryAfterSeconds {
            response.headers.replaceOrAdd(name: .retryAfter, value: "\(seconds)")
        }
        if mapped.status == .unauthorized, request.wantsJSON {
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"podium\"")
        }
        return response
    }

    private func problemResponse(_ mapped: MappedError, for request: Request) -> Response {
        let problem = ProblemDetails(
            type: "about:blank",
            title: request.t(mapped.title),
            status: Int(mapped.status.code),
            detail: mapped.detail.map { request.t($0) },
            code: mapped.code,
            errors: mapped.fieldIssues.isEmpty ? nil : mapped.fieldIssues.map {
                ProblemDetails.FieldError(field: $0.field, code: $0.message.key, message: request.t($0.message))
            }
        )
        let response = Response(status: mapped.status)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        response.body = .init(data: (try? encoder.encode(problem)) ?? Data())
        response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
        return response
    }

    private func htmlResponse(_ mapped: MappedError, for request: Request) async -> Response {
        var page = PageContext(request, title: request.t(mapped.title))
        page.live = nil
        let context = ErrorPageContext(
            page: page,
            status: Int(mapped.status.code),
            title: request.t(mapped.title),
            detail: mapped.detail.map { request.t($0) },
            issues: mapped.fieldIssues.map { FieldErrorView(field: $0.field, message: request.t($0.message)) }
        )
        do {
            let response = try await request.view.render("errors/error", context).encodeResponse(for: request)
            response.status = mapped.status
            return response
        } catch {
            request.logger.report(error: error)
            let response = Response(status: mapped.status, body: .init(string: "\(mapped.status.code) \(request.t(mapped.title))"))
            response.headers.contentType = .plainText
            return response
        }
    }
}

/// RFC 9457 problem details, with Podium's `code` and a per-field `errors` list.
struct ProblemDetails: Content {
    struct FieldError: Content {
        let field: String
        let code: String
        let message: String
    }
    let type: String
    let title: String
    let status: Int
    let detail: String?
    let code: String
    let errors: [FieldError]?
}
