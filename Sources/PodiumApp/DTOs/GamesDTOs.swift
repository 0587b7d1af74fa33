import PodiumCore
import Vapor

struct TeamDTO: Content, Equatable {
    let id: Int
    let programId: Int
    let unitId: Int
    let name: String
    let version: Int
}

struct TeamInput: Content {
    var unitId: Int
    var name: String?
}

struct EventDTO: Content, Equatable {
    let id: Int
    let programId: Int
    let templateId: String?
    let name: String
    let category: EventCategory
    let format: EventFormat
    let gender: EventGender
    let ageMin: Int?
    let ageMax: Int?
    let attempts: Int
    let lineUpMin: Int
    let lineUpMax: Int
    let minimumWomen: Int
    let parentChild: Bool
    let childAgeMin: Int?
    let childAgeMax: Int?
    let teamQuota: Int?
    let countsTowardLimit: Bool
    let deadline: Date?
    let eventDate: CalendarDate
    let venue: String
    let awardKind: AwardKind
    let awardTopN: Int
    let version: Int
}

/// A new event: from a template (`templateId`), from scratch, or a template with changes.
struct EventInput: Content {
    var templateId: String?
    var name: String?
    var category: EventCategory?
    var format: EventFormat?
    var gender: EventGender?
    var ageMin: Int?
    var ageMax: Int?
    var attempts: Int?
    var lineUpMin: Int?
    var lineUpMax: Int?
    var minimumWomen: Int?
    var parentChild: Bool?
    var childAgeMin: Int?
    var childAgeMax: Int?
    var teamQuota: Int?
    var countsTowardLimit: Bool?
    var deadline: Date?
    var eventDate: CalendarDate?
    var venue: String?
    var awardKind: AwardKind?
    var awardTopN: Int?
    /// Required when changing an event.
    var version: Int?
}

struct EntryOverride: Content {
    var rules: [EntryRule]
    var reason: String
}

struct EntryInput: Content {
    var eventId: Int
    var teamId: Int
    var personIds: [Int]
    /// Organizers only: rules knowingly set aside, with the reason recorded.
    var override: EntryOverride?
}

struct EntryDTO: Content, Equatable {
    let id: Int
    let eventId: Int
    let teamId: Int
    let personIds: [Int]
    let overriddenRules: [EntryRule]
    let overrideReason: String?
    let version: Int
}

/// A result as an official types it: the mark as text (`12.34`, `1:02.3`, `5.62`), or attempts for
/// field events (`x` for a failed one), or a status without a mark.
struct ResultInput: Content {
    var entryId: Int
    var status: ResultStatus?
    var mark: String?
    var attempts: [String]?
    var official: Bool?
    /// Required when correcting an existing result.
    var version: Int?
}

struct ResultDTO: Content, Equatable {
    let entryId: Int
    let status: ResultStatus
    let mark: Int?
    let display: String
    let attempts: [Int]
    let official: Bool
    let version: Int
}

/// One line of an event's ranking.
struct RankedResultDTO: Content {
    let entryId: Int
    let teamId: Int
    let teamName: String
    let names: [String]
    let place: Int?
    let tied: Bool
    let status: ResultStatus?
    let mark: String
    let points: String
    let award: Bool
    let official: Bool
    /// For a track event with a final: whether the place comes from the final or from the heat time.
    var round: RaceRound?
}

enum RaceRound: String, Codable, Sendable, CaseIterable {
    case heat, final
}

struct StandingDTO: Content {
    let teamId: Int
    let teamName: String
    let rank: Int
    let tied: Bool
    let points: String
    let placeCounts: [Int]
    let prize: Int?
}

struct AwardsDTO: Content {
    struct Medals: Content {
        let teamId: Int
        let teamName: String
        let rank: Int
        let gold: Int
        let silver: Int
        let bronze: Int
        let total: Int
    }
    struct Prize: Content {
        let teamId: Int
        let teamName: String
        let prize: Int
    }
    struct Awardee: Content {
        let place: Int
        let names: [String]
        let teamName: String
    }
    struct EventAwards: Content {
        let eventId: Int
        let name: String
        let kind: AwardKind
        let awardees: [Awardee]
    }
    let individual: Int
    let collective: Int
    let parentChild: Int
    let prizes: [Prize]
    let medals: [Medals]
    let events: [EventAwards]
}

/// A games program's scoring. `version` is 0 while the program still uses the standard settings.
struct GamesSettingsDTO: Content, Equatable {
    let individualPoints: String
    let collectivePoints: String
    let parentChildPoints: String
    let tiePolicy: TiePointsPolicy
    let prizes: Int
    let personEventLimit: Int?
    let version: Int
}

/// Points tables as organizers write them (`7-5-4-3-2-1`). Omitted fields keep their value;
/// `personEventLimit` 0 removes the limit.
struct GamesSettingsInput: Content {
    var individualPoints: String?
    var collectivePoints: String?
    var parentChildPoints: String?
    var tiePolicy: TiePointsPolicy?
    var prizes: Int?
    var personEventLimit: Int?
    var version: Int?
}

/// An entry that breaks a rule as the rules stand now, each problem in words.
struct FlaggedEntryDTO: Content {
    struct Problem: Content {
        let rule: EntryRule
        let message: String
    }
    let entryId: Int
    let eventId: Int
    let teamId: Int
    let names: [String]
    let problems: [Problem]
}

/// A changed event, with the entries its new rules flag.
struct EventUpdateDTO: Content {
    let event: EventDTO
    let entriesBreakingRules: [FlaggedEntryDTO]
}
