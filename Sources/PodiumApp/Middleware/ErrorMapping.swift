import FluentKit
import FluentSQLiteDriver
import PodiumCore
import Vapor

/// Any error as the user will see it: status, a short title, an explanation, and field problems.
/// This is the one place where errors become HTTP.
struct MappedError: Sendable {
    var status: HTTPResponseStatus
    var code: String
    var title: LocalizedMessage
    var detail: LocalizedMessage?
    var fieldIssues: [FieldIssue] = []
    var retryAfterSeconds: Int?
    /// Set for errors that are our fault, so they are logged with detail while the user sees none.
    var isInternal = false

    static func from(_ error: any Error) -> MappedError {
        switch error {
        case let error as PodiumError:
            return from(error)
        case let error as DecodingError:
            return MappedError(status: .badRequest, code: "invalid-body", title: LocalizedMessage("problem.invalidBody.title"),
                               detail: nil, fieldIssues: [decodingIssue(error)])
        case let abort as any AbortError:
            return from(abort)
        case let error where String(reflecting: type(of: error)).hasPrefix("MultipartKit."):
            // A multipart body that cannot be parsed (no parts, a broken boundary) is the sender's mistake, not ours;
            // the parser's own error types are partly private, so they are known by their module.
            return MappedError(status: .badRequest, code: "invalid-body", title: LocalizedMessage("problem.invalidBody.title"),
                               detail: LocalizedMessage("problem.badRequest.reason", ["reason": "\(error)"]))
        case let busy as SQLiteError where SQLiteBusyRetryMiddleware.isBusy(busy):
            // Still busy after the retries: another process holds SQLite's write lock. Nothing was written.
            return MappedError(status: .serviceUnavailable, code: "busy", title: LocalizedMessage("problem.busy.title"),
                               detail: LocalizedMessage("problem.busy.detail"), retryAfterSeconds: 2)
        case let database as any DatabaseError where database.isConstraintFailure:
            // Two requests racing to create the same row: the loser is told to reload, as with a stale version.
            return from(PodiumError.conflict(LocalizedMessage("error.concurrentChange")))
        default:
            return MappedError(status: .internalServerError, code: "internal", title: LocalizedMessage("problem.internal.title"),
                               detail: LocalizedMessage("problem.internal.detail"), isInternal: true)
        }
    }

    private static func from(_ error: PodiumError) -> MappedError {
        switch error {
        case .validation(let issues):
            return MappedError(status: .unprocessableEntity, code: "validation", title: LocalizedMessage("problem.validation.title"),
                               detail: LocalizedMessage("problem.validation.detail"), fieldIssues: issues)
        case .notFound(let message):
            return MappedError(status: .notFound, code: "not-found", title: LocalizedMessage("problem.notFound.title"), detail: message)
        case .unauthenticated:
            return MappedError(status: .unauthorized, code: "unauthenticated", title: LocalizedMessage("problem.unauthenticated.title"),
                               detail: LocalizedMessage("problem.unauthenticated.detail"))
        case .forbidden(let message):
            return MappedError(status: .forbidden, code: "forbidden", title: LocalizedMessage("problem.forbidden.title"), detail: message)
        case .conflict(let message):
            return MappedError(status: .conflict, code: "conflict", title: LocalizedMessage("problem.conflict.title"), detail: message)
        case .tooManyRequests(let message, let seconds):
            return MappedError(status: .tooManyRequests, code: "too-many-requests", title: LocalizedMessage("problem.tooManyRequests.title"),
                               detail: message, retryAfterSeconds: seconds)
        case .badRequest(let message):
            return MappedError(status: .badRequest, code: "bad-request", title: LocalizedMessage("problem.badRequest.title"), detail: message)
        }
    }

    private static func from(_ abort: any AbortError) -> MappedError {
        let status = abort.status
        switch status.code {
        case 404:
            return MappedError(status: status, code: "not-found", title: LocalizedMessage("problem.notFound.title"),
                               detail: LocalizedMessage("problem.notFound.detail"))
        case 401:
            return from(PodiumError.unauthenticated)
        case 403:
            return MappedError(status: status, code: "forbidden", title: LocalizedMessage("problem.forbidden.title"),
                               detail: LocalizedMessage("error.forbidden"))
        case 405:
            return MappedError(status: status, code: "method-not-allowed", title: LocalizedMessage("problem.methodNotAllowed.title"), detail: nil)
        case 413:
            return MappedError(status: status, code: "too-large", title: LocalizedMessage("problem.tooLarge.title"),
                               detail: LocalizedMessage("problem.tooLarge.detail"))
        case 415:
            return MappedError(status: status, code: "unsupported-media-type", title: LocalizedMessage("problem.unsupportedMediaType.title"),
                               detail: LocalizedMessage("problem.unsupportedMediaType.detail"))
        case 400..<500:
            // Vapor's own reasons (a malformed body, a bad query) are English and technical but specific.
            return MappedError(status: status, code: "bad-request", title: LocalizedMessage("problem.badRequest.title"),
                               detail: LocalizedMessage("problem.badRequest.reason", ["reason": abort.reason]))
        default:
            return MappedError(status: status, code: "internal", title: LocalizedMessage("problem.internal.title"),
                               detail: LocalizedMessage("problem.internal.detail"), isInternal: true)
        }
    }

    private static func decodingIssue(_ error: DecodingError) -> FieldIssue {
        func path(_ context: DecodingError.Context, extra: CodingKey? = nil) -> String {
            let keys = context.codingPath + (extra.map { [$0] } ?? [])
            let joined = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "body" : joined.replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return FieldIssue(path(context, extra: key), "error.field.required")
        case .valueNotFound(_, let context):
            return FieldIssue(path(context), "error.field.required")
        case .typeMismatch(let type, let context):
            return FieldIssue(path(context), "error.field.type", ["expected": typeName(type)])
        case .dataCorrupted(let context):
            return FieldIssue(path(context), "error.field.malformed", ["detail": context.debugDescription])
        @unknown default:
            return FieldIssue("body", "error.field.malformed", ["detail": ""])
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "string"
        case is Int.Type, is Int64.Type: return "integer"
        case is Double.Type: return "number"
        case is Bool.Type: return "boolean"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array") ? "array" : (name.hasPrefix("Dictionary") ? "object" : name)
        }
    }
}
