import Fluent
import PodiumCore

/// A games program's scoring settings: read with defaults, changed with a version and an audit entry.
struct GamesScoringService {
    let db: any Database
    let clock: PodiumClock

    func scoring(programID: Int) async throws -> GamesScoring {
        try await settings(programID: programID).scoring
    }

    func settingsDTO(programID: Int) async throws -> GamesSettingsDTO {
        let row = try await settings(programID: programID)
        return GamesSettingsDTO(scoring: row.scoring, version: row.version)
    }

    func update(programID: Int, _ input: GamesSettingsInput, by actor: Actor) async throws -> GamesSettingsDTO {
        let current = try await settings(programID: programID)
        var scoring = current.scoring
        var problems = ValidationCollector()
        func table(_ text: String?, _ field: String, into keyPath: WritableKeyPath<GamesScoring, PointsTable>) {
            guard let text else { return }
            do { scoring[keyPath: keyPath] = try PointsTable.parse(text, field: field) } catch {
                if case .validation(let issues) = error { issues.forEach { problems.add($0) } }
            }
        }
        table(input.individualPoints, "individualPoints", into: \.individual)
        table(input.collectivePoints, "collectivePoints", into: \.collective)
        table(input.parentChildPoints, "parentChildPoints", into: \.parentChild)
        if let policy = input.tiePolicy { scoring.tiePolicy = policy }
        if let prizes = input.prizes { scoring.prizes = prizes }
        if let limit = input.personEventLimit { scoring.personEventLimit = limit == 0 ? nil : limit }
        scoring.issues.forEach { problems.add($0) }
        try problems.check()
        guard let expected = input.version else { throw PodiumError.invalid("version", "error.version.required") }
        let scoringToSave = scoring
        return try await db.transaction { tx in
            let scoring = scoringToSave
            let before = GamesSettingsDTO(scoring: current.scoring, version: current.version)
            let model: GamesSettingsModel
            if let existing = current.model {
                try await VersionGuard.bump(GamesSettingsModel.schema, id: existing.id!, expected: expected, on: tx)
                model = existing
                model.version = existing.version + 1
            } else {
                guard expected == 0 else { throw PodiumError.conflict(LocalizedMessage("error.version.stale")) }
                model = GamesSettingsModel()
                model.$program.id = programID
                model.version = 1
            }
            model.individualPoints = scoring.individual.text
            model.collectivePoints = scoring.collective.text
            model.parentChildPoints = scoring.parentChild.text
            model.tiePolicy = scoring.tiePolicy.rawValue
            model.prizes = scoring.prizes
            model.personEventLimit = scoring.personEventLimit
            try await model.save(on: tx)
            let after = GamesSettingsDTO(scoring: scoring, version: model.version)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "update", entityType: "games_settings", entityID: "\(programID)",
                                                            summary: "points \(after.individualPoints) / \(after.collectivePoints) / \(after.parentChildPoints)",
                                                            before: before, after: after)
            return after
        }
    }

    private func settings(programID: Int) async throws -> (scoring: GamesScoring, version: Int, model: GamesSettingsModel?) {
        guard let model = try await GamesSettingsModel.query(on: db).filter(\.$program.$id == programID).first() else {
            return (.standard, 0, nil)
        }
        // Stored tables were validated on the way in; a damaged one falls back to the standard table.
        let scoring = GamesScoring(
            individual: (try? PointsTable.parse(model.individualPoints, field: "individualPoints")) ?? .individualDefault,
            collective: (try? PointsTable.parse(model.collectivePoints, field: "collectivePoints")) ?? .collectiveDefault,
            parentChild: (try? PointsTable.parse(model.parentChildPoints, field: "parentChildPoints")) ?? .individualDefault,
            tiePolicy: TiePointsPolicy(rawValue: model.tiePolicy) ?? .shared, prizes: model.prizes, personEventLimit: model.personEventLimit)
        return (scoring, model.version, model)
    }
}

extension GamesSettingsDTO {
    init(scoring: GamesScoring, version: Int) {
        self.init(individualPoints: scoring.individual.text, collectivePoints: scoring.collective.text, parentChildPoints: scoring.parentChild.text,
                  tiePolicy: scoring.tiePolicy, prizes: scoring.prizes, personEventLimit: scoring.personEventLimit, version: version)
    }
}
