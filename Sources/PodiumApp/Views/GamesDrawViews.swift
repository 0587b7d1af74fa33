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
        let ties: [TieBox]
        let hasTies: Bool
    }
    /// A tie the tie-breaks left open in a finished group, or how it was settled; with the organizer's forms.
    struct TieBox: Encodable {
        struct Position: Encodable {
            let name: String
            let label: String
            let options: [FieldView.Option]
        }
        let id: String
        let text: String
        let open: Bool
        let blocksBracket: Bool
        let canSettle: Bool
        let canWithdraw: Bool
        let action: String
        let withdrawAction: String
        let rank: Int
        let version: Int
        let positions: [Position]
        let errors: [String]
        let hasErrors: Bool
    }
    /// What the organizer's page adds to the board: the forms that settle and withdraw tie decisions.
    struct Settling {
        let csrf: String
        /// `/admin/games/{slug}/draws/{eventId}`
        let baseURL: String
        /// The tie box a form came back to with problems: what was typed (`place[n]` → entry id) and the messages.
        var failed: (group: Int, rank: Int, typed: [String: String], messages: [String])?
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
    /// For the organizer's tie forms; empty on public pages.
    let csrf: String

    init(_ draw: DrawDTO, _ req: Request, settling: Settling? = nil) {
        csrf = settling?.csrf ?? ""
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
        let knockoutStarted = draw.matches.contains { $0.stage == MatchRef.Stage.knockout.rawValue && $0.score != nil }
        tables = draw.tables.map { table in
            let ties = draw.ties.filter { $0.group == table.group }.map {
                Self.tieBox($0, draw: draw, req: req, settling: settling, knockoutStarted: knockoutStarted)
            }
            return Table(name: table.name, rows: table.rows.map { row in
                TableRow(rank: "\(row.rank)\(row.tied ? "=" : "")", label: row.label, played: row.played,
                         record: "\(row.wins)–\(row.draws)–\(row.losses)", games: "\(row.gamesFor):\(row.gamesAgainst)",
                         points: "\(row.pointsFor):\(row.pointsAgainst)", matchPoints: row.matchPoints,
                         separatedBy: row.separatedBy.flatMap { TieBreak(rawValue: $0) }.map { req.t($0.localizationKey) })
            }, ties: ties, hasTies: !ties.isEmpty)
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

extension DrawBoard {
    static func tieBox(_ tie: GroupTieDTO, draw: DrawDTO, req: Request, settling: Settling?, knockoutStarted: Bool) -> TieBox {
        let names = list(tie.labels, req)
        let args = ["group": tie.name, "names": names, "from": "\(tie.rank)", "to": "\(tie.lastRank)"]
        let text: String
        if let method = tie.method {
            text = req.t("draw.tie.settled", args.merging(["method": req.t(method.localizationKey)]) { $1 })
        } else {
            text = req.t("draw.tie.open", args)
        }
        let failed = settling?.failed.flatMap { $0.group == tie.group && $0.rank == tie.rank ? $0 : nil }
        let labels = Dictionary(uniqueKeysWithValues: zip(tie.entryIds, tie.labels))
        let positions = tie.entryIds.indices.map { index in
            let name = "place[\(index + 1)]"
            let chosen = failed.map { $0.typed["\(index + 1)"] ?? "" } ?? "\(tie.entryIds[index])"
            return TieBox.Position(name: name, label: req.t("draw.tie.place", ["place": "\(tie.rank + index)"]),
                                   options: [FieldView.Option(value: "", label: "—", selected: chosen.isEmpty)]
                                       + tie.entryIds.map { FieldView.Option(value: "\($0)", label: labels[$0] ?? "", selected: chosen == "\($0)") })
        }
        let base = settling.map { "\($0.baseURL)/groups/\(tie.group)/tie" } ?? ""
        let messages = failed?.messages ?? []
        return TieBox(id: "tie-g\(tie.group)-\(tie.rank)", text: text, open: tie.open, blocksBracket: tie.open && tie.atQualifyingLine,
                      canSettle: settling != nil && tie.open,
                      canWithdraw: settling != nil && !tie.open && (!knockoutStarted || tie.rank > draw.qualifiersPerGroup),
                      action: base, withdrawAction: base + "/withdraw", rank: tie.rank, version: draw.version, positions: positions,
                      errors: messages, hasErrors: !messages.isEmpty)
    }

    /// `A, B and C` / `A、B和C`.
    static func list(_ names: [String], _ req: Request) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return req.t("draw.tie.list", ["list": names.dropLast().joined(separator: req.t("draw.tie.listSeparator")), "last": names.last!])
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
    /// A tie form's problems when its tie box is gone (e.g. settled meanwhile), shown above the board.
    let tieProblem: [String]
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
