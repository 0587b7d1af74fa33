import Foundation

/// The occasion an announcement opens with: what the program record holds, nothing more.
public struct AnnouncementOccasion: Sendable, Equatable {
    public var name: String
    public var edition: Int?
    public var theme: String
    public var startDate: CalendarDate?
    public var endDate: CalendarDate?
    public var venue: String

    public init(name: String, edition: Int? = nil, theme: String = "", startDate: CalendarDate? = nil, endDate: CalendarDate? = nil, venue: String = "") {
        self.name = name
        self.edition = edition
        self.theme = theme
        self.startDate = startDate
        self.endDate = endDate
        self.venue = venue
    }
}

/// A games program's results as the public pages show them: events held, awards, group ranking.
public struct GamesAnnouncementFacts: Sendable, Equatable {
    public struct Winner: Sendable, Equatable {
        public var names: [String]
        public var team: String
        public init(names: [String], team: String) {
            self.names = names
            self.team = team
        }
    }

    /// An event with at least one placed result, and who came first in it.
    public struct Event: Sendable, Equatable {
        public var name: String
        public var category: EventCategory
        public var awardKind: AwardKind
        public var winners: [Winner]
        public init(name: String, category: EventCategory, awardKind: AwardKind = .individual, winners: [Winner] = []) {
            self.name = name
            self.category = category
            self.awardKind = awardKind
            self.winners = winners
        }
    }

    public struct Standing: Sendable, Equatable {
        public var rank: Int
        public var tied: Bool
        public var team: String
        /// As the standings show it: `120`, `10.5`.
        public var points: String
        /// The group award prize, 1 for the first prize.
        public var prize: Int?
        public init(rank: Int, tied: Bool = false, team: String, points: String, prize: Int? = nil) {
            self.rank = rank
            self.tied = tied
            self.team = team
            self.points = points
            self.prize = prize
        }
    }

    /// Teams that took part (with an entry in an event held).
    public var teams: Int
    /// Different people entered in the events held.
    public var athletes: Int
    public var events: [Event]
    /// The place of every award given, by kind: `[.individual: [1, 1, 2, 3]]`.
    public var awardPlaces: [AwardKind: [Int]]
    public var standings: [Standing]

    public init(teams: Int, athletes: Int, events: [Event], awardPlaces: [AwardKind: [Int]], standings: [Standing]) {
        self.teams = teams
        self.athletes = athletes
        self.events = events
        self.awardPlaces = awardPlaces
        self.standings = standings
    }

    public func awards(_ kind: AwardKind) -> Int { awardPlaces[kind]?.count ?? 0 }
}

/// A relay's course, teams and finish as the live board computed them.
public struct RelayAnnouncementFacts: Sendable, Equatable {
    public struct Team: Sendable, Equatable {
        public var name: String
        /// The class as readers say it: "Enterprise", "企业组". Empty when the team has none.
        public var classLabel: String
        public var runners: Int
        public var women: Int
        public init(name: String, classLabel: String = "", runners: Int = 0, women: Int = 0) {
            self.name = name
            self.classLabel = classLabel
            self.runners = runners
            self.women = women
        }
    }

    public struct Finisher: Sendable, Equatable {
        public var place: Int
        public var tied: Bool
        public var team: String
        public var totalMs: Int64
        public init(place: Int, tied: Bool = false, team: String, totalMs: Int64) {
            self.place = place
            self.tied = tied
            self.team = team
            self.totalMs = totalMs
        }
    }

    /// A team that started the list but has no finish: did not start, did not finish, disqualified.
    public struct Unplaced: Sendable, Equatable {
        public enum Reason: String, Sendable { case dns, dnf, dq }
        public var team: String
        public var reason: Reason
        public init(team: String, reason: Reason) {
            self.team = team
            self.reason = reason
        }
    }

    /// The fastest time on a leg.
    public struct LegBest: Sendable, Equatable {
        public var leg: Int
        public var meters: Int
        public var runner: String
        public var team: String
        public var timeMs: Int64
        public init(leg: Int, meters: Int, runner: String, team: String, timeMs: Int64) {
            self.leg = leg
            self.meters = meters
            self.runner = runner
            self.team = team
            self.timeMs = timeMs
        }
    }

    /// Leg distances in metres, in order.
    public var legMeters: [Int]
    public var teams: [Team]
    /// In order of place.
    public var finishers: [Finisher]
    public var unplaced: [Unplaced]
    public var fastestLegs: [LegBest]

    public init(legMeters: [Int], teams: [Team], finishers: [Finisher], unplaced: [Unplaced] = [], fastestLegs: [LegBest] = []) {
        self.legMeters = legMeters
        self.teams = teams
        self.finishers = finishers
        self.unplaced = unplaced
        self.fastestLegs = fastestLegs
    }
}

/// The approved awards of a recognition program, category by category.
public struct RecognitionAnnouncementFacts: Sendable, Equatable {
    public struct Honoree: Sendable, Equatable {
        public var name: String
        /// Where the honoree works, as the honor roll shows it; empty when unknown.
        public var unit: String
        public init(name: String, unit: String = "") {
            self.name = name
            self.unit = unit
        }
    }

    public struct Category: Sendable, Equatable {
        public var name: String
        public var kind: AwardCategoryKind
        public var honorees: [Honoree]
        public init(name: String, kind: AwardCategoryKind, honorees: [Honoree]) {
            self.name = name
            self.kind = kind
            self.honorees = honorees
        }
    }

    public var categories: [Category]

    public init(categories: [Category]) {
        self.categories = categories
    }

    public var honoreeCount: Int { categories.reduce(0) { $0 + $1.honorees.count } }
}

/// What the composer makes: a title and a Markdown body in `SafeMarkdown`'s subset.
public struct Announcement: Sendable, Equatable {
    public var title: String
    public var body: String
    public init(title: String, body: String) {
        self.title = title
        self.body = body
    }
}
