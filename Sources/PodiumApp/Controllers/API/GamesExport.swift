import Fluent
import PodiumCore
import Vapor

/// CSV exports of a games program for spreadsheets: entries, results by event, and the team standings.
/// Column headers follow the reader's language.
struct GamesExport {
    let req: Request
    let program: ProgramModel

    static func response(_ text: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: filename)
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// One row per entry; `teams` limits the rows to a team leader's own teams.
    func entries(teams: Set<Int>?) async throws -> String {
        let events = Dictionary(uniqueKeysWithValues: try await req.games.events(programID: program.id!).map { ($0.id, $0) })
        let teamNames = Dictionary(uniqueKeysWithValues: try await req.games.teams(programID: program.id!).map { ($0.id, $0.name) })
        let entries = try await req.games.entries(programID: program.id!).filter { teams == nil || teams!.contains($0.teamId) }
        let people = Dictionary(uniqueKeysWithValues: try await PersonModel.query(on: req.db).filter(\.$id ~~ Set(entries.flatMap(\.personIds))).all()
            .map { ($0.id!, $0) })
        let flagged = Dictionary(grouping: try await req.games.flaggedEntries(programID: program.id!), by: \.entryID)
        var csv = CSVWriter(header: ["csv.event", "csv.category", "csv.team", "csv.names", "csv.employeeNumbers", "csv.overridden",
                                    "csv.overrideReason", "csv.problems"].map { req.t($0) })
        for entry in entries {
            guard let event = events[entry.eventId] else { continue }
            let members = entry.personIds.compactMap { people[$0] }
            csv.append([event.name, req.t(event.category.localizationKey), teamNames[entry.teamId] ?? "",
                        members.map(\.name).joined(separator: "、"), members.compactMap(\.employeeNumber).joined(separator: " "),
                        entry.overriddenRules.map { req.t("rule.name.\($0.rawValue)") }.joined(separator: "; "), entry.overrideReason ?? "",
                        (flagged[entry.id] ?? []).flatMap(\.violations).map { req.t($0.message) }.joined(separator: " ")])
        }
        return csv.text
    }

    /// Every event's ranking: place, team, names, mark, points and whether it won an award.
    func results() async throws -> String {
        let context = try await GamesResultsService.Context.load(programID: program.id!, db: req.db)
        var csv = CSVWriter(header: ["csv.event", "csv.place", "csv.team", "csv.names", "csv.mark", "csv.points", "csv.award", "csv.official"]
            .map { req.t($0) })
        for event in context.events {
            for line in context.ranked(event) {
                let mark = line.status.map { $0 == .ok ? line.mark : req.t($0.localizationKey) } ?? ""
                csv.append([event.name, line.place.map { "\($0)\(line.tied ? "=" : "")" } ?? "", line.teamName, line.names.joined(separator: "、"),
                            mark, line.points, line.award ? req.t("common.yes") : "", line.official ? req.t("common.yes") : ""])
            }
        }
        return csv.text
    }

    func standings() async throws -> String {
        let standings = try await GamesResultsService(db: req.db, clock: req.application.clock).standings(programID: program.id!)
        let places = standings.first?.placeCounts.count ?? 0
        var csv = CSVWriter(header: [req.t("csv.rank"), req.t("csv.team"), req.t("csv.points")]
            + (0..<places).map { req.t("csv.placeCount", ["place": "\($0 + 1)"]) } + [req.t("csv.prize")])
        for row in standings {
            csv.append(["\(row.rank)\(row.tied ? "=" : "")", row.teamName, row.points] + row.placeCounts.map(String.init)
                       + [row.prize.map { req.prizeName($0) } ?? ""])
        }
        return csv.text
    }
}
