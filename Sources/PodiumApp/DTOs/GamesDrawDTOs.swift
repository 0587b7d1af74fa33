import PodiumCore
import Vapor

/// How a head-to-head event is to be played, as an organizer sets it. Omitted fields keep the current
/// value (or the default for the event, e.g. best of 5 to 11 for table tennis).
struct DrawInput: Content {
    var structure: DrawStructure?
    /// `points` (one total per side) or `games` (best of N games).
    var scoring: String?
    var bestOf: Int?
    var gamePoints: Int?
    /// 0 for no cap.
    var gameCap: Int?
    var allowDraw: Bool?
    var thirdPlace: Bool?
    var groupCount: Int?
    var qualifiersPerGroup: Int?
    var winPoints: Int?
    var drawPoints: Int?
    var lossPoints: Int?
    var tieBreaks: [String]?
    /// Entry ids in seed order; entries left out follow in the order of `seeding`.
    var seeds: [Int]?
    /// `entered` (the order entries were made) or `random` (drawn by lot) for entries without a seed.
    var seeding: String?
    /// 0 for a new draw.
    var version: Int?
}

struct DrawEntrantDTO: Content, Equatable {
    let entryId: Int
    let seed: Int
    let teamName: String
    let names: [String]
    /// `Li Wei (Seiko Technology)`, or the team name for team events.
    let label: String
}

struct MatchDTO: Content, Equatable {
    /// `k5` for knockout match 5, `g2-7` for match 7 of group 2 (a round robin is group 1).
    let key: String
    let stage: String
    let group: Int
    let number: Int
    let round: Int
    let roundLabel: String
    let thirdPlace: Bool
    let homeEntryId: Int?
    let awayEntryId: Int?
    let home: String
    let away: String
    let score: String?
    let ending: MatchEnding?
    let winner: MatchSide?
    let official: Bool
    /// Both sides known: a result may be entered.
    let ready: Bool
    let version: Int?
}

struct GroupTableRowDTO: Content, Equatable {
    let entryId: Int
    let label: String
    let rank: Int
    let tied: Bool
    let played: Int
    let wins: Int
    let draws: Int
    let losses: Int
    let gamesFor: Int
    let gamesAgainst: Int
    let pointsFor: Int
    let pointsAgainst: Int
    let matchPoints: Int
    /// The tie-break that put this row ahead of the next, when match points alone did not.
    let separatedBy: String?
}

struct GroupTableDTO: Content, Equatable {
    let group: Int
    let name: String
    let rows: [GroupTableRowDTO]
}

struct DrawPlaceDTO: Content, Equatable {
    let entryId: Int
    let place: Int
    let tied: Bool
}

struct DrawDTO: Content {
    let eventId: Int
    let structure: DrawStructure
    let scoring: String
    let bestOf: Int
    let gamePoints: Int
    let gameCap: Int?
    let allowDraw: Bool
    let thirdPlace: Bool
    let groupCount: Int
    let qualifiersPerGroup: Int
    let winPoints: Int
    let drawPoints: Int
    let lossPoints: Int
    let tieBreaks: [String]
    let entrants: [DrawEntrantDTO]
    let groups: [[Int]]
    let matches: [MatchDTO]
    let tables: [GroupTableDTO]
    let places: [DrawPlaceDTO]
    /// Groups then knockout: entries level on every tie-break in a finished group, open or settled.
    let ties: [GroupTieDTO]
    let complete: Bool
    let version: Int
}

/// Entries level on every tie-break in a finished group: open until settled by drawing lots or by the referee.
struct GroupTieDTO: Content, Equatable {
    let group: Int
    let name: String
    /// The rank they share while open; the places at stake run from `rank` to `lastRank`.
    let rank: Int
    let lastRank: Int
    /// Table order: as settled, or as the tied rows are listed while open.
    let entryIds: [Int]
    let labels: [String]
    let open: Bool
    /// `lots` or `referee` once settled.
    let method: GroupTieMethod?
    /// Some of them qualify for the knockout and some do not: while the tie is open, the bracket waits.
    let atQualifyingLine: Bool
}

/// Settles a group's open tie: `order` best first with `method` `lots` (drawn at the venue) or `referee`;
/// `lots` without an order has the app draw the lots. `rank` picks the tie when a group has more than one open.
struct GroupTieInput: Content {
    var order: [Int]?
    var method: String?
    var rank: Int?
    /// The draw's version.
    var version: Int?
}

/// A match result as an official sends it: `score` as typed (`11-7 9-11 11-5`, `78:74`), how the
/// match ended, the winner for a walkover or retirement.
struct MatchResultInput: Content {
    var score: String?
    var ending: MatchEnding?
    var winner: MatchSide?
    var official: Bool?
    /// The version read, when correcting a result.
    var version: Int?
}
