import Fluent

/// Every migration in the order it runs. Append only: never edit or reorder one that has landed.
enum MigrationList {
    static let all: [any Migration] = [
        M001_CreateUnits(),
        M002_CreatePeople(),
        M003_CreatePrograms(),
        M004_CreateUsers(),
        M005_CreateSessions(),
        M006_CreateAPITokens(),
        M007_CreateAuditEntries(),
        M008_CreateLoginAttempts(),
        M009_CreateGamesTeamsEventsEntries(),
        M010_CreateGamesResults(),
        M011_CreateGamesSettings(),
        M012_CreateRelay(),
        M013_UpdatePeopleAddHireDate(),
        M014_CreateRecognition(),
        M015_CreateCeremony(),
        M016_CreateGamesDraws(),
        M017_CreateGamesTimetable(),
        M018_CreateGamesStaff(),
        M019_CreateGamesStartLists(),
        M020_CreateGamesFinals(),
        M021_UpdateGamesDrawsAddGroupTies(),
        M022_CreateNews(),
        M023_CreateProgramPartnersAndPhotos(),
        M025_UpdateNewsPhotosAddSize(),
    ]

    /// The names Fluent records in `_fluent_migrations` for them.
    static var names: [String] { all.map(\.name) }
}
