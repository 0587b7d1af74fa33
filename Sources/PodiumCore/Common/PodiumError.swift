/// One invalid input field and why, in words a user can act on.
public struct FieldIssue: Sendable, Hashable, Codable {
    /// The field name as it appears in the form or JSON body (e.g. `birthDate`).
    public let field: String
    public let message: LocalizedMessage

    public init(_ field: String, _ message: LocalizedMessage) {
        self.field = field
        self.message = message
    }

    public init(_ field: String, _ key: String, _ args: [String: String] = [:]) {
        self.init(field, LocalizedMessage(key, args))
    }
}

/// Every failure the domain can report. Mapped once, at the edge, to an HTTP status and a
/// problem document or an HTML page.
public enum PodiumError: Error, Sendable, Equatable {
    /// Input that breaks one or more rules; nothing was changed.
    case validation([FieldIssue])
    /// The named thing does not exist (or the caller may not know it exists).
    case notFound(LocalizedMessage)
    /// The caller is not signed in or sent no valid credentials.
    case unauthenticated
    /// Signed in but not allowed to do this.
    case forbidden(LocalizedMessage)
    /// The thing changed since the caller read it, or the request clashes with existing data.
    case conflict(LocalizedMessage)
    /// Too many attempts; try again after the given number of seconds.
    case tooManyRequests(LocalizedMessage, retryAfterSeconds: Int)
    /// A request that cannot be understood at all (unreadable file, wrong encoding).
    case badRequest(LocalizedMessage)

    public static func invalid(_ field: String, _ key: String, _ args: [String: String] = [:]) -> PodiumError {
        .validation([FieldIssue(field, key, args)])
    }
}

/// Collects field issues while validating a whole input, so the user sees every problem at once.
public struct ValidationCollector: Sendable {
    public private(set) var issues: [FieldIssue] = []

    public init() {}

    public mutating func add(_ field: String, _ key: String, _ args: [String: String] = [:]) {
        issues.append(FieldIssue(field, key, args))
    }

    public mutating func add(_ issue: FieldIssue) { issues.append(issue) }

    public func check() throws(PodiumError) {
        if !issues.isEmpty { throw .validation(issues) }
    }
}
