import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

/// A browser for tests: keeps cookies, and puts the CSRF token into every form it posts.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a URL-encoded form, adding `_csrf` unless `csrf` is false.
    @discardableResult
    func post(_ path: String, _ form: [(String, String)], csrf: Bool = true) async throws -> TestingHTTPResponse {
        if csrf, cookies[CSRFMiddleware.cookieName] == nil { try await get("/login") }
        var fields = form
        if csrf { fields.append(("_csrf", cookies[CSRFMiddleware.cookieName] ?? "")) }
        var components = URLComponents()
        components.queryItems = fields.map { URLQueryItem(name: $0.0, value: $0.1) }
        let body = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer?) async throws -> TestingHTTPResponse {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";").first.map(String.init) ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if header.lowercased().contains("expires=thu, 01 jan 1970") || parts[1].isEmpty {
                cookies[parts[0]] = nil
            } else {
                cookies[parts[0]] = parts[1]
            }
        }
        return response
    }

    /// Signs in through the login form; expects success.
    func signIn(_ email: String, _ password: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let response = try await post("/login", [("email", email), ("password", password)])
        #expect(response.status == .seeOther || response.status == .found, "sign-in of \(email) failed: \(response.body.string)", sourceLocation: sourceLocation)
        #expect(cookies[ActorMiddleware.sessionCookie] != nil, sourceLocation: sourceLocation)
    }
}

/// JSON API calls with an optional Bearer token.
struct API {
    let app: Application
    var token: String?

    func send(_ method: HTTPMethod, _ path: String, json: String? = nil, contentType: HTTPMediaType = .json,
              rawBody: String? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        var body: ByteBuffer?
        if let json { headers.contentType = .json; body = ByteBuffer(string: json) }
        if let rawBody { headers.contentType = contentType; body = ByteBuffer(string: rawBody) }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }
}

extension Application {
    /// Makes an API token directly, as an administrator would at /admin/tokens.
    func makeToken(_ role: Role, unitID: Int? = nil, programID: Int? = nil) async throws -> String {
        try await TokenService(db: db, clock: clock).create(TokenInput(name: "test \(role.rawValue)", role: role, unitId: unitID, programId: programID),
                                                            by: .system("test")).token
    }

    /// Makes a user with the given grants, as an administrator would at /admin/users.
    @discardableResult
    func makeUser(_ email: String, password: String = "password-123", grants: [RoleGrant]) async throws -> UserDTO {
        try await UserService(db: db, clock: clock, hashing: PasswordHashing(app: self))
            .create(UserInput(email: email, displayName: email, password: password, isActive: true, grants: grants.map(GrantDTO.init)), by: .system("test"))
    }

    func makeUnit(_ name: String, kind: UnitKind = .company, parent: Int? = nil) async throws -> UnitDTO {
        try await UnitService(db: db, clock: clock).create(UnitInput(parentId: parent, name: name, kind: kind), by: .system("test"))
    }

    func makeEmployee(_ name: String, number: String, unit: Int, gender: Gender = .female) async throws -> PersonDTO {
        try await PersonService(db: db, clock: clock, today: today).create(
            PersonInput(kind: .employee, employeeNumber: number, name: name, gender: gender,
                        birthDate: CalendarDate(year: 1990, month: 5, day: 17), unitId: unit), by: .system("test"))
    }
}

extension TestingHTTPResponse {
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(body.string.utf8))
    }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.string.utf8))) as? [String: Any] ?? [:]
    }
}
