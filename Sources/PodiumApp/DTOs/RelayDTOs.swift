import Foundation
import PodiumCore
import Vapor

struct RelayLegDTO: Content, Equatable {
    let order: Int
    let distanceMeters: Int
    let exchangePoint: String
}

struct RelayRestartDTO: Content, Equatable {
    let point: Int
    let at: Date
}

/// A race's course, rules and start.
struct RelaySettingsDTO: Content, Equatable {
    let programId: Int
    let legs: [RelayLegDTO]
    let totalMeters: Int
    let teamSize: Int
    let minimumWomen: Int
    let ownOrganizationOnly: Bool
    let maximumGuests: Int
    let deadTimeSeconds: Int
    /// Minutes and seconds per kilometre, e.g. `2:30`.
    let minimumPace: String
    let start: Date?
    let restarts: [RelayRestartDTO]
    let version: Int
}

struct RelayLegInput: Content {
    /// Kilometres as typed (`8.8`) or metres (`8800m`).
    var distance: String
    var exchangePoint: String
}

struct RelaySettingsInput: Content {
    var legs: [RelayLegInput]?
    var teamSize: Int?
    var minimumWomen: Int?
    var ownOrganizationOnly: Bool?
    var maximumGuests: Int?
    var deadTimeSeconds: Int?
    var minimumPace: String?
    var version: Int?
}

/// The mass start, or a restart at an exchange; without `at`, now.
struct RelayStartInput: Content {
    var point: Int?
    var at: Date?
}

struct RelayRunnerDTO: Content, Equatable {
    let leg: Int
    let personId: Int
    let name: String
    let gender: Gender?
    let guest: Bool
    let chip: String?
}

struct RelayTeamDTO: Content, Equatable {
    let id: Int
    let programId: Int
    let unitId: Int
    let bib: String
    let name: String
    let teamClass: String
    let status: RelayTeamStatus
    let statusReason: String?
    let runners: [RelayRunnerDTO]
    let overriddenRules: [RelayLineUpRule]
    let overrideReason: String?
    let version: Int
}

struct RelayTeamInput: Content {
    var unitId: Int
    var bib: String
    var name: String?
    var teamClass: String?
}

struct RelayRunnerInput: Content {
    var leg: Int
    var personId: Int
    var guest: Bool?
    var chip: String?
}

struct RelayLineUpOverride: Content {
    var rules: [RelayLineUpRule]
    var reason: String
}

struct RelayLineUpInput: Content {
    var runners: [RelayRunnerInput]
    var version: Int?
    /// Required once the race has started: why the line-up changes on race day.
    var reason: String?
    var override: RelayLineUpOverride?
}

struct RelayTeamStatusInput: Content {
    var status: RelayTeamStatus
    var reason: String?
    var version: Int?
}

/// One read as a device sends it. `at` is milliseconds since 1970 or an ISO 8601 instant.
struct ReadInput: Content {
    var bib: String?
    var point: Int
    var at: ReadInstant
    var device: String?
    var readId: String?
}

/// Milliseconds since 1970, accepted as a number or as an ISO 8601 string with its offset.
struct ReadInstant: Codable, Equatable {
    let ms: Int64

    init(ms: Int64) { self.ms = ms }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int64.self) {
            ms = number
            return
        }
        let text = try container.decode(String.self)
        guard let ms = RelayReadsCSV.parseTime(text, raceDay: CalendarDate(year: 2000, month: 1, day: 1)!, timeZone: TimeZone(identifier: "UTC")!),
              text.contains("T") || text.allSatisfy(\.isNumber) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Send milliseconds since 1970 or an ISO 8601 instant such as 2021-09-25T08:40:12.5+08:00; got \(text).")
        }
        self.ms = ms
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(ms)
    }
}

struct ReadBatchInput: Content {
    var reads: [ReadInput]
    /// `chip` for chip readers; otherwise `api` for tokens and `manual` for the timekeeper's page.
    var source: ReadSource?
}

struct ReadBatchResultDTO: Content, Equatable {
    /// Reads stored by this request.
    let stored: Int
    /// Reads already in the log (the same device and read id), stored once.
    let alreadyStored: Int
    let revision: Int64
    /// For batches of up to 500 reads: the log id of each read, in the order sent, so a device can
    /// correct a read later (a tap whose bib is typed afterwards).
    let ids: [Int]?
}

struct TimingReadDTO: Content, Equatable {
    let id: Int
    let bib: String?
    let point: Int
    let at: Int64
    let source: ReadSource
    let device: String
    let readId: String
    let receivedAt: Date
    let recordedBy: String
    /// counted, duplicate, ignored or suspect.
    let verdict: String
    let suspectReason: SuspectReason?
    let corrections: [TimingCorrectionDTO]
}

struct TimingCorrectionDTO: Content, Equatable {
    let kind: ReadCorrectionKind
    let bib: String?
    let at: Int64?
    let reason: String
    let by: String
    let when: Date
}

struct TimingCorrectionInput: Content {
    var kind: ReadCorrectionKind
    var bib: String?
    /// For `retime`: milliseconds since 1970 or an ISO 8601 instant.
    var at: ReadInstant?
    var reason: String
}

/// The results as JSON: every team with its legs, for other systems and archives.
struct RelayResultsDTO: Content {
    struct Leg: Content {
        let leg: Int
        let runner: String?
        let passingAt: Int64?
        let timeMs: Int64?
        let rank: Int?
        let cumulativeMs: Int64?
        let position: Int?
        let gapToLeaderMs: Int64?
        let paceMsPerKm: Int64?
        let restarted: Bool
        let missingRead: Bool
    }
    struct Team: Content {
        let bib: String
        let name: String
        let teamClass: String
        /// finished, running, waiting, dnf, dq or dns.
        let status: String
        let statusReason: String?
        let place: Int?
        let totalMs: Int64?
        let gapToWinnerMs: Int64?
        let projectedTotalMs: Int64?
        let legs: [Leg]
    }
    let program: String
    let totalMeters: Int
    let legs: [RelayLegDTO]
    let start: Int64?
    let teams: [Team]

    init(_ snapshot: RelayTimingService.Snapshot) {
        program = snapshot.program.slug
        totalMeters = snapshot.course.totalMeters
        legs = snapshot.course.legs.map { RelayLegDTO(order: $0.order, distanceMeters: $0.distanceMeters, exchangePoint: $0.exchangePoint) }
        start = snapshot.race.startAt
        teams = snapshot.board.teams.map { result in
            let team = snapshot.teams.first { $0.id == result.team.id }
            return Team(bib: result.team.bib, name: result.team.name, teamClass: team?.teamClass ?? "", status: result.progress.code,
                        statusReason: team?.statusReason, place: result.place, totalMs: result.total, gapToWinnerMs: result.gapToWinner,
                        projectedTotalMs: result.projectedTotal,
                        legs: result.legs.map { split in
                            Leg(leg: split.order, runner: team?.runners.first { $0.leg == split.order }?.name, passingAt: split.passingAt,
                                timeMs: split.time, rank: split.rank, cumulativeMs: split.cumulative, position: split.position,
                                gapToLeaderMs: split.gapToLeader, paceMsPerKm: split.paceMsPerKm, restarted: split.restarted,
                                missingRead: split.missingRead)
                        })
        }
    }
}

extension RelayProgress {
    var code: String {
        switch self {
        case .waiting: return "waiting"
        case .onLeg: return "running"
        case .finished: return "finished"
        case .dns: return "dns"
        case .dnf: return "dnf"
        case .dq: return "dq"
        }
    }
}
