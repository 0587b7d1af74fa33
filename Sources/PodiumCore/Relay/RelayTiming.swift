import Foundation

/// How reads are cleaned: repeated reads within the dead time are one passing; a leg run faster than
/// the minimum pace is not believed.
public struct RelayTimingRules: Sendable, Equatable, Codable {
    public var deadTimeMs: Int64
    /// Milliseconds per kilometre no runner beats; 2:30/km is faster than any marathon record.
    public var minimumPaceMsPerKm: Int64

    public init(deadTimeMs: Int64 = 30_000, minimumPaceMsPerKm: Int64 = 150_000) {
        self.deadTimeMs = deadTimeMs
        self.minimumPaceMsPerKm = minimumPaceMsPerKm
    }
}

/// Teams still waiting at exchange `point` when the restart is given start their next leg at `at`.
public struct RelayRestart: Sendable, Equatable, Codable {
    public let point: Int
    public let at: Int64

    public init(point: Int, at: Int64) {
        self.point = point
        self.at = at
    }
}

public enum RelayTeamStatus: String, Sendable, Codable, CaseIterable {
    case entered, dns, dnf, dq

    public var localizationKey: String { "relay.status.\(rawValue)" }
}

public struct RelayTeamInfo: Sendable, Equatable {
    public let id: Int
    public let bib: String
    public let name: String
    /// Runners' chip codes, read as this team's bib.
    public let chips: [String]
    public let status: RelayTeamStatus

    public init(id: Int, bib: String, name: String, chips: [String] = [], status: RelayTeamStatus = .entered) {
        self.id = id
        self.bib = bib
        self.name = name
        self.chips = chips
        self.status = status
    }
}

/// Everything the timing maths needs about a race besides its reads.
public struct RelayRace: Sendable, Equatable {
    public let course: RelayCourse
    /// The mass start; nil until the starter has given it.
    public let start: Int64?
    public let restarts: [RelayRestart]
    public let rules: RelayTimingRules

    public init(course: RelayCourse, start: Int64?, restarts: [RelayRestart] = [], rules: RelayTimingRules = RelayTimingRules()) {
        self.course = course
        self.start = start
        self.restarts = restarts
        self.rules = rules
    }
}

/// Why a read does not count until someone looks at it.
public enum SuspectReason: String, Sendable, Codable, CaseIterable {
    /// A tap whose bib was never typed.
    case unassigned
    /// No team has this bib or chip.
    case unknownBib
    /// The timing point is not on the course.
    case unknownPoint
    /// Earlier than the start.
    case beforeStart
    /// The leg would have been run faster than the minimum pace.
    case tooFast
    /// Earlier than the team's passing at an earlier exchange.
    case outOfOrder
    /// A second passing of the same team at the same point, after the dead time.
    case extraPassing

    public var localizationKey: String { "relay.suspect.\(rawValue)" }
}

public enum ReadVerdict: Sendable, Hashable {
    case counted
    /// Within the dead time of the read that counts.
    case duplicate(of: Int)
    case ignored
    case suspect(SuspectReason)
}

/// Something for an official to look at: a suspect read, or an exchange a team passed without a read.
public struct RelayReviewItem: Sendable, Equatable {
    public enum Kind: Sendable, Hashable {
        case suspectRead(readID: Int, SuspectReason)
        case missingRead
    }
    public let kind: Kind
    public let teamID: Int?
    public let bib: String?
    public let point: Int
    public let at: Int64?
}

public struct RelayLegSplit: Sendable, Equatable {
    public let order: Int
    /// When the team passed the end of this leg (wall clock, ms).
    public var passingAt: Int64?
    public var time: Int64?
    public var rank: Int?
    public var rankTied = false
    /// The sum of leg times so far.
    public var cumulative: Int64?
    /// The team's position after this leg, by cumulative time.
    public var position: Int?
    public var positionTied = false
    public var gapToLeader: Int64?
    public var gapToAhead: Int64?
    public var paceMsPerKm: Int64?
    /// The leg began at a restart rather than at the hand-over.
    public var restarted = false
    /// The team reached a later point, but nobody read it here.
    public var missingRead = false

    init(order: Int) { self.order = order }
}

public enum RelayProgress: Sendable, Equatable {
    case waiting
    /// Out on this leg.
    case onLeg(Int)
    case finished
    case dns, dnf, dq
}

public struct RelayTeamResult: Sendable, Equatable {
    public let team: RelayTeamInfo
    public var legs: [RelayLegSplit]
    public var progress: RelayProgress
    /// The last point with a counted read (0 before the first exchange).
    public var lastPoint: Int
    public var total: Int64?
    public var place: Int?
    public var placeTied = false
    public var gapToWinner: Int64?
    public var projectedTotal: Int64?
    public var projectedFinishAt: Int64?
}

/// The race as the reads tell it: per team, splits and positions; per read, whether it counts.
public struct RelayBoard: Sendable, Equatable {
    /// In board order: finished by total time, then teams on the course by how far they got, then DNF, DQ, DNS.
    public let teams: [RelayTeamResult]
    public let verdicts: [Int: ReadVerdict]
    public let reviews: [RelayReviewItem]

    public var finishedCount: Int { teams.filter { $0.progress == .finished }.count }

    /// Every team has finished or is out (DNF, DQ, DNS).
    public var isOver: Bool {
        !teams.isEmpty && teams.allSatisfy { [.finished, .dnf, .dq, .dns].contains($0.progress) }
    }

    /// The last counted passing of the race, where the race clock stops once it is over.
    public var lastPassingAt: Int64? {
        teams.flatMap { $0.legs.compactMap(\.passingAt) }.max()
    }
}

public enum RelayTiming {
    /// Normalises what timekeepers type: trims, upper-cases, and drops leading zeros of a number (`007` is `7`).
    public static func normalizeBib(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines).uppercased(), !trimmed.isEmpty else { return nil }
        if trimmed.allSatisfy(\.isASCIIDigit) {
            let stripped = trimmed.drop { $0 == "0" }
            return stripped.isEmpty ? "0" : String(stripped)
        }
        return trimmed
    }

    public static func board(race: RelayRace, teams: [RelayTeamInfo], reads: [TimingRead], corrections: [ReadCorrection]) -> RelayBoard {
        let identifiers = identifiers(teams)
        var verdicts: [Int: ReadVerdict] = [:]
        var reviews: [RelayReviewItem] = []
        var byTeamPoint: [Int: [Int: [EffectiveRead]]] = [:]
        let grouped = Dictionary(grouping: corrections, by: \.readID)
        for read in reads {
            let effective = EffectiveRead(read, corrections: grouped[read.id] ?? [])
            switch classify(effective, race: race, identifiers: identifiers) {
            case .team(let team): byTeamPoint[team, default: [:]][read.point, default: []].append(effective)
            case .verdict(let verdict): verdicts[read.id] = verdict
            }
        }
        for read in reads {
            if case .suspect(let reason) = verdicts[read.id] {
                reviews.append(suspectReview(read, reason: reason, corrections: grouped[read.id] ?? [], identifiers: identifiers))
            }
        }

        var results: [RelayTeamResult] = []
        for team in teams {
            results.append(teamResult(team, reads: byTeamPoint[team.id] ?? [:], race: race, verdicts: &verdicts, reviews: &reviews))
        }
        rankLegs(&results, pointCount: race.course.pointCount)
        rankFinish(&results)
        reviews.sort { ($0.at ?? Int64.max, $0.point) < ($1.at ?? Int64.max, $1.point) }
        return RelayBoard(teams: order(results), verdicts: verdicts, reviews: reviews)
    }

    /// Team ids by normalised bib and chip code; a bib wins over a chip with the same code.
    static func identifiers(_ teams: [RelayTeamInfo]) -> [String: Int] {
        var identifiers: [String: Int] = [:]
        for team in teams {
            for chip in team.chips { if let code = normalizeBib(chip) { identifiers[code] = team.id } }
        }
        for team in teams { if let bib = normalizeBib(team.bib) { identifiers[bib] = team.id } }
        return identifiers
    }

    /// Where a read goes before any team's reads are looked at together: to a team, or straight to a verdict.
    enum Placement: Equatable {
        case team(Int)
        case verdict(ReadVerdict)
    }

    static func classify(_ effective: EffectiveRead, race: RelayRace, identifiers: [String: Int]) -> Placement {
        let bib = normalizeBib(effective.bib)
        if effective.ignored { return .verdict(.ignored) }
        guard let bib else { return .verdict(.suspect(.unassigned)) }
        guard let team = identifiers[bib] else { return .verdict(.suspect(.unknownBib)) }
        let pointCount = race.course.pointCount
        if !(pointCount > 0 && (1...pointCount).contains(effective.read.point)) { return .verdict(.suspect(.unknownPoint)) }
        if let start = race.start, effective.at < start, !effective.confirmed { return .verdict(.suspect(.beforeStart)) }
        return .team(team)
    }

    /// The review item of a read found suspect before the team's reads were looked at together.
    static func suspectReview(_ read: TimingRead, reason: SuspectReason, corrections: [ReadCorrection], identifiers: [String: Int]) -> RelayReviewItem {
        let team = normalizeBib(EffectiveRead(read, corrections: corrections).bib).flatMap { identifiers[$0] }
        return RelayReviewItem(kind: .suspectRead(readID: read.id, reason), teamID: team, bib: read.bib, point: read.point, at: read.at)
    }

    /// One team's splits and progress from its reads by point (leg ranks, positions and places are left
    /// for the whole field): sets the verdict of each of those reads and adds the team's review items.
    static func teamResult(_ team: RelayTeamInfo, reads byPoint: [Int: [EffectiveRead]], race: RelayRace,
                           verdicts: inout [Int: ReadVerdict], reviews: inout [RelayReviewItem]) -> RelayTeamResult {
        let course = race.course
        let pointCount = course.pointCount
        let points = pointCount > 0 ? Array(1...pointCount) : []
        var legs = points.map { RelayLegSplit(order: $0) }
        var passings: [Int: Int64] = [:]
        // The wall time the current stretch began and the leg-time sum at that moment; nil once a
        // restart at an unread exchange makes the sum unknowable.
        var anchorWall: Int64? = race.start
        var anchorCumulative: Int64 = 0
        var anchorPoint = 0
        var lastPassing: Int64?
        for point in points {
            let clusters = cluster(byPoint[point] ?? [], deadTime: race.rules.deadTimeMs, verdicts: &verdicts)
            var accepted: EffectiveRead?
            for candidate in clusters {
                var problem: SuspectReason?
                if !candidate.confirmed {
                    if let lastPassing, candidate.at <= lastPassing {
                        problem = .outOfOrder
                    } else if let anchorWall {
                        let minimum = race.rules.minimumPaceMsPerKm * Int64(course.meters(from: anchorPoint, to: point)) / 1000
                        if candidate.at - anchorWall < minimum { problem = .tooFast }
                    }
                }
                if accepted == nil, problem == nil {
                    accepted = candidate
                    verdicts[candidate.read.id] = .counted
                } else {
                    let reason = problem ?? .extraPassing
                    verdicts[candidate.read.id] = .suspect(reason)
                    reviews.append(RelayReviewItem(kind: .suspectRead(readID: candidate.read.id, reason), teamID: team.id,
                                                   bib: candidate.bib, point: point, at: candidate.at))
                }
            }
            let index = point - 1
            if let passing = accepted?.at {
                passings[point] = passing
                legs[index].passingAt = passing
                lastPassing = passing
                if let anchorWall {
                    let cumulative = anchorCumulative + (passing - anchorWall)
                    legs[index].cumulative = cumulative
                    if anchorPoint == point - 1 {
                        legs[index].time = passing - anchorWall
                        legs[index].paceMsPerKm = (passing - anchorWall) * 1000 / Int64(max(1, course.legs[index].distanceMeters))
                    }
                }
            }
            // Where the next leg starts: at a restart for a team not yet in, otherwise at the hand-over.
            if point < pointCount, team.status != .dns, let restart = race.restarts.first(where: { $0.point == point }),
               passings[point] == nil || passings[point]! > restart.at {
                legs[index + 1].restarted = true
                if let cumulative = legs[index].cumulative {
                    anchorCumulative = cumulative
                    anchorWall = restart.at
                } else {
                    anchorWall = nil
                }
                anchorPoint = point
            } else if passings[point] != nil {
                if let cumulative = legs[index].cumulative {
                    anchorCumulative = cumulative
                    anchorWall = passings[point]
                } else {
                    anchorWall = nil
                }
                anchorPoint = point
            }
        }
        let lastPoint = passings.keys.max() ?? 0
        for point in 1..<max(1, lastPoint) where passings[point] == nil {
            legs[point - 1].missingRead = true
            if team.status == .entered {
                reviews.append(RelayReviewItem(kind: .missingRead, teamID: team.id, bib: team.bib, point: point, at: nil))
            }
        }
        let progress: RelayProgress
        switch team.status {
        case .dns: progress = .dns
        case .dnf: progress = .dnf
        case .dq: progress = .dq
        case .entered:
            if pointCount > 0, passings[pointCount] != nil { progress = .finished }
            else if race.start != nil || lastPoint > 0 { progress = .onLeg(min(pointCount, lastPoint + 1)) }
            else { progress = .waiting }
        }
        var result = RelayTeamResult(team: team, legs: legs, progress: progress, lastPoint: lastPoint)
        if progress == .finished { result.total = legs.last?.cumulative }
        if case .onLeg = progress, lastPoint > 0, let cumulative = legs[lastPoint - 1].cumulative, lastPoint < pointCount {
            let covered = Int64(course.meters(through: lastPoint)), remaining = Int64(course.meters(from: lastPoint, to: pointCount))
            if covered > 0 {
                let projectedRemaining = cumulative * remaining / covered
                result.projectedTotal = cumulative + projectedRemaining
                if let restart = race.restarts.first(where: { $0.point == lastPoint }), legs[lastPoint].restarted {
                    result.projectedFinishAt = restart.at + projectedRemaining
                } else if let passing = passings[lastPoint] {
                    result.projectedFinishAt = passing + projectedRemaining
                }
            }
        }
        return result
    }

    /// Reads of one team at one point, earliest first, merged into passings: a read within the dead time of
    /// the passing's first read is a duplicate of it.
    private static func cluster(_ reads: [EffectiveRead], deadTime: Int64, verdicts: inout [Int: ReadVerdict]) -> [EffectiveRead] {
        var clusters: [EffectiveRead] = []
        for read in reads.sorted(by: { ($0.at, $0.read.id) < ($1.at, $1.read.id) }) {
            if let first = clusters.last, read.at - first.at <= deadTime {
                verdicts[read.read.id] = .duplicate(of: first.read.id)
                if read.confirmed { clusters[clusters.count - 1].confirmed = true }
            } else {
                clusters.append(read)
            }
        }
        return clusters
    }

    /// Leg ranks by leg time and positions by cumulative time, for teams still in the race.
    private static func rankLegs(_ results: inout [RelayTeamResult], pointCount: Int) {
        let ranked = results.indices.filter { ![.dns, .dq].contains(results[$0].progress) }
        for leg in 0..<pointCount {
            let times = ranked.compactMap { index in results[index].legs[leg].time.map { (index, $0) } }
            for (index, place, tied) in places(times) {
                results[index].legs[leg].rank = place
                results[index].legs[leg].rankTied = tied
            }
            let cumulative = ranked.compactMap { index in results[index].legs[leg].cumulative.map { (index, $0) } }
            let leader = cumulative.map(\.1).min()
            let sorted = cumulative.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            for (index, place, tied) in places(cumulative) {
                results[index].legs[leg].position = place
                results[index].legs[leg].positionTied = tied
                let value = results[index].legs[leg].cumulative!
                results[index].legs[leg].gapToLeader = leader.map { value - $0 }
                let ahead = sorted.last { $0.1 < value }
                results[index].legs[leg].gapToAhead = ahead.map { value - $0.1 } ?? 0
            }
        }
    }

    private static func rankFinish(_ results: inout [RelayTeamResult]) {
        let totals = results.indices.compactMap { index in results[index].progress == .finished ? results[index].total.map { (index, $0) } : nil }
        let winner = totals.map(\.1).min()
        for (index, place, tied) in places(totals) {
            results[index].place = place
            results[index].placeTied = tied
            results[index].gapToWinner = winner.map { results[index].total! - $0 }
        }
    }

    /// Shared places for equal values (1, 1, 3), lowest first: (index, place, tied).
    static func places(_ values: [(Int, Int64)]) -> [(Int, Int, Bool)] {
        let sorted = values.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        let counts = Dictionary(sorted.map { ($0.1, 1) }, uniquingKeysWith: +)
        var place = 1
        return sorted.enumerated().map { offset, entry in
            if offset > 0, sorted[offset - 1].1 != entry.1 { place = offset + 1 }
            return (entry.0, place, counts[entry.1]! > 1)
        }
    }

    private static func order(_ results: [RelayTeamResult]) -> [RelayTeamResult] {
        results.sorted(by: precedes)
    }

    /// Board order: finished by total time, then teams on the course by how far they got and their time
    /// there, then DNF, DQ, DNS; bibs settle the rest.
    static func precedes(_ a: RelayTeamResult, _ b: RelayTeamResult) -> Bool {
        func group(_ result: RelayTeamResult) -> Int {
            switch result.progress {
            case .finished: return result.total == nil ? 1 : 0
            case .onLeg, .waiting: return 1
            case .dnf: return 2
            case .dq: return 3
            case .dns: return 4
            }
        }
        let (ga, gb) = (group(a), group(b))
        if ga != gb { return ga < gb }
        if ga == 0 { return (a.total!, a.team.bib) < (b.total!, b.team.bib) }
        if a.lastPoint != b.lastPoint { return a.lastPoint > b.lastPoint }
        let ca = a.lastPoint > 0 ? a.legs[a.lastPoint - 1].cumulative ?? Int64.max : 0
        let cb = b.lastPoint > 0 ? b.legs[b.lastPoint - 1].cumulative ?? Int64.max : 0
        if ca != cb { return ca < cb }
        return a.team.bib.localizedStandardCompare(b.team.bib) == .orderedAscending
    }
}
