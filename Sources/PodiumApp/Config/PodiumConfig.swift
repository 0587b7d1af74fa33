import Foundation
import PodiumCore

/// Where the data lives.
public enum DatabaseLocation: Sendable, Equatable {
    case sqliteFile(String)
    case sqliteMemory
    case postgres(String)

    /// `postgres://` or `postgresql://` URLs go to PostgreSQL; anything else is an SQLite path.
    public init(_ text: String) {
        let lower = text.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            self = .postgres(text)
        } else if text == ":memory:" {
            self = .sqliteMemory
        } else {
            self = .sqliteFile(text)
        }
    }

    public var isPostgres: Bool { if case .postgres = self { return true } else { return false } }
}

/// All of Podium's settings, read once from flags and the environment. Defaults serve one machine.
public struct PodiumConfig: Sendable {
    public var database: DatabaseLocation = .sqliteFile("podium.sqlite")
    /// Start on a fresh database filled with demo data.
    public var demo = false
    public var adminEmail: String?
    public var adminPassword: String?
    /// Mark cookies Secure; set when Podium is served over HTTPS behind a proxy.
    public var secureCookies = false
    /// Take the client address from `Forwarded` / `X-Forwarded-For`: only behind a proxy that sets them.
    public var trustProxy = false
    /// bcrypt cost; tests lower it to stay fast.
    public var bcryptCost = 12
    /// Run migrations when the app starts (off only for commands that manage them themselves).
    public var autoMigrate = true
    public var loginThrottle = LoginThrottle()
    /// A live-board stream ends after this long and the browser reconnects with Last-Event-ID, so
    /// proxies with idle timeouts never cut a watcher off silently.
    public var liveStreamSeconds = 300
    /// How often watched live views are rendered again even without a change signal: the heartbeat of the
    /// streams, and the catch-up for writes no signal announced (another process on the same SQLite file).
    public var liveRefreshSeconds = 15
    /// Change signals this close together are merged into one render of each watched view.
    public var liveCoalesceMilliseconds = 40
    /// With PostgreSQL, listen for the other processes' writes (LISTEN/NOTIFY).
    public var liveListen = true
    /// How long an anonymous reader's copy of a public page is reused when nothing has changed; 0 turns
    /// the cache off. Bounds how late a page shows things that follow the clock (a scheduled article).
    public var pageCacheSeconds = 10
    /// Where uploaded news photos are kept (relative to the working directory unless absolute).
    public var uploadsDirectory = "data/uploads"
    /// The largest photo accepted, in bytes.
    public var uploadMaxBytes = 10 * 1_048_576
    /// The site's address as readers reach it (`https://sports.example.com`), for the feed and the sitemap;
    /// without it, the address is taken from the request's Host header.
    public var publicURL: String?

    public init() {}

    public static let demoDatabasePath = "podium-demo.sqlite"

    /// Reads Podium's own flags out of `arguments` (returning the rest for Vapor's commands) and the
    /// environment. Throws one error listing every problem found.
    public static func load(arguments: [String], environment: [String: String]) throws -> (PodiumConfig, [String]) {
        var config = PodiumConfig()
        var problems: [String] = []
        var rest: [String] = []
        var explicitDatabase: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--database" {
                if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
                    explicitDatabase = arguments[index + 1]
                    index += 2
                    continue
                }
                problems.append("--database needs a value: an SQLite file path or a postgres:// URL")
            } else if argument.hasPrefix("--database=") {
                explicitDatabase = String(argument.dropFirst("--database=".count))
            } else if argument == "--demo" {
                config.demo = true
            } else {
                rest.append(argument)
            }
            index += 1
        }
        if let explicitDatabase, explicitDatabase.isEmpty {
            problems.append("--database must not be empty")
        }
        if let location = explicitDatabase ?? environment["DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            config.database = DatabaseLocation(location)
        } else if config.demo {
            config.database = .sqliteFile(demoDatabasePath)
        }
        config.adminEmail = environment["PODIUM_ADMIN_EMAIL"].flatMap { $0.isEmpty ? nil : EmailAddress.normalize($0) }
        config.adminPassword = environment["PODIUM_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        if let email = config.adminEmail, !EmailAddress.isPlausible(email) {
            problems.append("PODIUM_ADMIN_EMAIL is not an e-mail address: \(email)")
        }
        if let password = config.adminPassword {
            for issue in PasswordPolicy.issues(password: password) {
                problems.append("PODIUM_ADMIN_PASSWORD: \(issue.message.key == "error.password.tooShort" ? "must have at least \(PasswordPolicy.minLength) characters" : "must be at most \(PasswordPolicy.maxBytes) bytes")")
            }
        }
        if let directory = environment["PODIUM_UPLOADS_DIR"] {
            if directory.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("PODIUM_UPLOADS_DIR must not be empty") } else { config.uploadsDirectory = directory }
        }
        if let megabytes = environment["PODIUM_UPLOAD_MAX_MB"] {
            if let value = Int(megabytes), (1...200).contains(value) {
                config.uploadMaxBytes = value * 1_048_576
            } else {
                problems.append("PODIUM_UPLOAD_MAX_MB must be a whole number of megabytes from 1 to 200, not \(megabytes)")
            }
        }
        if let seconds = environment["PODIUM_PAGE_CACHE_SECONDS"] {
            if let value = Int(seconds), (0...3600).contains(value) {
                config.pageCacheSeconds = value
            } else {
                problems.append("PODIUM_PAGE_CACHE_SECONDS must be a whole number of seconds from 0 (off) to 3600, not \(seconds)")
            }
        }
        if let url = environment["PODIUM_PUBLIC_URL"], !url.isEmpty {
            let trimmed = url.hasSuffix("/") ? String(url.dropLast()) : url
            if let parsed = URL(string: trimmed), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host?.isEmpty == false,
               parsed.query == nil, parsed.fragment == nil {
                config.publicURL = trimmed
            } else {
                problems.append("PODIUM_PUBLIC_URL must be an http:// or https:// address such as https://sports.example.com, not \(url)")
            }
        }
        for (name, setting) in [("PODIUM_SECURE_COOKIES", \PodiumConfig.secureCookies), ("PODIUM_TRUST_PROXY", \PodiumConfig.trustProxy)] {
            guard let value = environment[name] else { continue }
            switch value.lowercased() {
            case "1", "true", "yes": config[keyPath: setting] = true
            case "0", "false", "no", "": config[keyPath: setting] = false
            default: problems.append("\(name) must be true or false, not \(value)")
            }
        }
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return (config, rest)
    }
}

public struct ConfigError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String {
        "Podium cannot start; the configuration has \(problems.count) problem(s):\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
