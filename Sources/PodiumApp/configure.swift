import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import PodiumCore
import SQLKit
import Vapor

/// Builds the application: database, migrations, middleware, views, commands, routes.
public func configure(_ app: Application, config: PodiumConfig) async throws {
    app.podiumConfig = config
    try ResourceLocation.use(on: app)
    app.localizer = try Localizer(directory: URL(fileURLWithPath: app.directory.resourcesDirectory).appendingPathComponent("Localization"))

    if config.demo { try DemoDatabase.prepareFresh(config.database, logger: app.logger) }
    try DatabaseSetup.use(config.database, on: app)
    app.migrations.add(MigrationList.all)

    // Keys in a fixed order: the same data always gives the same bytes, and so the same ETag.
    ContentConfiguration.global.use(encoder: JSONEncoder.custom(dates: .iso8601, format: .sortedKeys), for: .json)

    app.views.use(.leaf)
    app.leaf.tags["t"] = TranslateTag()
    app.routes.defaultMaxBodySize = "1mb"

    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(ErrorRenderingMiddleware())
    app.middleware.use(SQLiteBusyRetryMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory, defaultFile: nil))
    app.middleware.use(ActorMiddleware())
    app.middleware.use(CSRFMiddleware())
    app.middleware.use(ChangeSignalMiddleware())
    app.middleware.use(ConditionalGetMiddleware())

    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")

    app.liveHub = LiveHub.make(for: app)
    app.lifecycle.use(LiveHubShutdown())
    app.publicPageCache = PublicPageCache(lifetime: .seconds(config.pageCacheSeconds))
    app.relayBoardCache = RelayBoardCache()
    if case .postgres(let url) = config.database, config.liveListen { app.lifecycle.use(LiveListener(url: url)) }
    try routes(app)

    if config.autoMigrate { try await startUp(app) }
}

/// Migrates, creates the first administrator, and loads the demo when asked.
func startUp(_ app: Application) async throws {
    let config = app.podiumConfig
    try await DatabaseSetup.prepare(app)
        if let created = try await UserService(db: app.db, clock: app.clock, hashing: PasswordHashing(app: app))
            .bootstrapAdministrator(email: config.adminEmail, password: config.adminPassword) {
            if let password = created.password {
                app.logger.notice("Created the first administrator \(created.email) with the password \(password) — it is shown only this once; change it after signing in.")
            } else {
                app.logger.notice("Created the first administrator \(created.email) from PODIUM_ADMIN_EMAIL and PODIUM_ADMIN_PASSWORD.")
            }
        }
        if config.demo {
            try await DemoSeeder(db: app.db, clock: app.clock, hashing: PasswordHashing(app: app), words: Words(localizer: app.localizer, language: .en)).seed()
            app.logger.notice("Demo data loaded: sign in as organizer@demo.podium / demo-organizer or leader@demo.podium / demo-leader.")
        }
}

/// Database choice and first-start preparation.
enum DatabaseSetup {
    static func use(_ location: DatabaseLocation, on app: Application) throws {
        switch location {
        case .sqliteFile(let path):
            app.databases.use(.sqlite(.file(path)), as: .sqlite)
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory), as: .sqlite)
        case .postgres(let url):
            app.databases.use(try .postgres(url: url), as: .psql)
        }
    }

    /// WAL on SQLite (readers never wait for the writer), then migrations.
    static func prepare(_ app: Application) async throws {
        if case .sqliteFile = app.podiumConfig.database, let sql = app.db as? any SQLDatabase {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
            try await sql.raw("PRAGMA busy_timeout=5000").run()
        }
        try await app.autoMigrate()
    }
}

/// Templates, strings and CSS live in the checkout. Started from another folder, Podium finds them
/// next to its own sources, while the database stays in the working directory.
enum ResourceLocation {
    static func use(on app: Application) throws {
        let marker = "Localization/en.json"
        if FileManager.default.fileExists(atPath: app.directory.resourcesDirectory + marker) { return }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path + "/"
        let fallback = DirectoryConfiguration(workingDirectory: root)
        guard FileManager.default.fileExists(atPath: fallback.resourcesDirectory + marker) else {
            throw ConfigError(problems: ["Podium's Resources folder was not found in \(app.directory.workingDirectory) nor in \(root); start Podium from its checkout (the folder with Package.swift)."])
        }
        app.directory = fallback
    }
}
