import PodiumCore
import Vapor

/// A draw as the board shows it: the bracket in columns by round, the group matches round by round,
/// the tables with the rule that separated each tie, and the final places.
struct DrawBoard: Encodable {
    struct Side: Encodable {
        let label: String
        let known: Bool
        let won: Bool
    }
    struct Box: Encodable {
        let key: String
        let number: Int
        let home: Side
        let away: Side
        let score: String
        let played: Bool
        let official: Bool
        let thirdPlace: Bool
        let roundLabel: String
    }
    struct Column: Encodable {
        let title: String
        let boxes: [Box]
    }
    struct TableRow: Encodable {
        let rank: String
        let label: String
        let played: Int
        let record: String
        let games: String
        let points: String
        let matchPoints: Int
        let separatedBy: String?
    }
    struct Table: Encodable {
        let name: String
        let rows: [TableRow]
    }
    struct Place: Encodable {
        let place: String
        let label: String
    }

    let structure: String
    let columns: [Column]
    let rounds: [Column]
    let tables: [Table]
    let places: [Place]
    let hasColumns: Bool
    let hasRounds: Bool
    let hasTables: Bool
    let hasPlaces: Bool
    let complete: Bool

    init(_ draw: DrawDTO, _ req: Request) {
        structure = req.t(draw.structure.localizationKey)
        func box(_ match: MatchDTO) -> Box {
            Box(key: match.key, number: match.number,
                home: Side(label: match.home, known: match.homeEntryId != nil, won: match.winner == .home),
                away: Side(label: match.away, known: match.awayEntryId != nil, won: match.winner == .away),
                score: match.score ?? "", played: match.score != nil, official: match.official,
                thirdPlace: match.thirdPlace, roundLabel: match.roundLabel)
        }
        func grouped(_ matches: [MatchDTO]) -> [Column] {
            var columns: [Column] = []
            for match in matches {
                if let last = columns.last, last.title == match.roundLabel {
                    columns[columns.count - 1] = Column(title: last.title, boxes: last.boxes + [box(match)])
                } else {
                    columns.append(Column(title: match.roundLabel, boxes: [box(match)]))
                }
            }
            return columns
        }
        // The third-place game sits in the final's column, under the final.
        let knockout = draw.matches.filter { $0.stage == MatchRef.Stage.knockout.rawValue }
        var byRound: [Int: [MatchDTO]] = [:]
        for match in knockout { byRound[match.round, default: []].append(match) }
        columns = byRound.keys.sorted().map { round in
            let matches = byRound[round]!.sorted { ($0.thirdPlace ? 1 : 0, $0.number) < ($1.thirdPlace ? 1 : 0, $1.number) }
            return Column(title: matches.first!.roundLabel, boxes: matches.map(box))
        }
        rounds = grouped(draw.matches.filter { $0.stage == MatchRef.Stage.group.rawValue })
        tables = draw.tables.map { table in
            Table(name: table.name, rows: table.rows.map { row in
                TableRow(rank: "\(row.rank)\(row.tied ? "=" : "")", label: row.label, played: row.played,
                         record: "\(row.wins)–\(row.draws)–\(row.losses)", games: "\(row.gamesFor):\(row.gamesAgainst)",
                         points: "\(row.pointsFor):\(row.pointsAgainst)", matchPoints: row.matchPoints,
                         separatedBy: row.separatedBy.flatMap { TieBreak(rawValue: $0) }.map { req.t($0.localizationKey) })
            })
        }
        let labels = Dictionary(uniqueKeysWithValues: draw.entrants.map { ($0.entryId, $0.label) })
        places = draw.places.map { Place(place: "\($0.place)\($0.tied ? "=" : "")", label: labels[$0.entryId] ?? "") }
        hasColumns = !columns.isEmpty
        hasRounds = !rounds.isEmpty
        hasTables = !tables.isEmpty
        hasPlaces = !places.isEmpty
        complete = draw.complete
    }
}

/// One match's result form on the official's page.
struct MatchFormView: Encodable {
    let key: String
    let title: String
    let home: String
    let away: String
    let score: String
    let endings: [FieldView.Option]
    let winners: [FieldView.Option]
    let official: Bool
    let version: String
    let played: Bool
    let errors: [String]
    let hasErrors: Bool
}

struct GamesDrawAdminContext: Encodable {
    let page: PageContext
    let program: ProgramView
    let eventID: Int
    let eventName: String
    let board: DrawBoard?
    let matches: [MatchFormView]
    let hasMatches: Bool
    let canEnter: Bool
    let forms: [FormView]
    let canEdit: Bool
    let publicURL: String
}

struct GamesBracketsContext: Encodable {
    struct Event: Encodable {
        let id: Int
        let name: String
        let structure: String
        let url: String
    }
    let page: PageContext
    let program: ProgramView
    let events: [Event]
    let hasEvents: Bool
}

struct GamesBracketContext: Encodable {
    let page: PageContext
    let program: ProgramView
    let eventName: String
    let board: DrawBoard
}
