import Vapor

/// Registers the route collections; nothing else.
func routes(_ app: Application) throws {
    try app.register(collection: HealthController())
    try app.register(collection: PublicController())
    try app.register(collection: GamesPublicController())
    try app.register(collection: RelayPublicController())
    try app.register(collection: AuthController())
    try app.register(collection: AccountController())
    try app.register(collection: AdminDashboardController())
    try app.register(collection: UnitsAdminController())
    try app.register(collection: PeopleAdminController())
    try app.register(collection: ImportAdminController())
    try app.register(collection: ProgramsAdminController())
    try app.register(collection: GamesOfficeController())
    try app.register(collection: GamesEntriesController())
    try app.register(collection: GamesResultsAdminController())
    try app.register(collection: UsersAdminController())
    try app.register(collection: TokensAdminController())
    try app.register(collection: AuditAdminController())
    try app.register(collection: OpenAPIController())
    try app.register(collection: ProgramsAPIController())
    try app.register(collection: UnitsAPIController())
    try app.register(collection: PeopleAPIController())
    try app.register(collection: AccessAPIController())
    try app.register(collection: GamesAPIController())
}
