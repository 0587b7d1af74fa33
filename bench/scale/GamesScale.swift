import Foundation
import PodiumCore

/// A synthetic games program of `7 × factor` teams (the demo's seven companies) in the demo's 20 events,
/// two entries per team in each (the demo's quota): ranked by PodiumCore as GamesResultsService does,
/// points by place (7-5-4-3-2-1, collective 14-10-8-6-4-2, shared ties), and the group ranking.
struct GamesScale {
    struct Event {
        let kind: MarkKind
        let award: AwardKind
        var performances: [Performance]
    }

    let teamIDs: [Int]
    var events: [Event]
    /// Entry id → team id.
    let teamOfEntry: [Int: Int]
    /// Results still to come: (event, performance).
    var pending: [(Int, Performance)]

    static let teamsPerFactor = 7
    static let eventCount = 20
    static let entriesPerTeam = 2

    init(factor: Int, pendingCount: Int, seed: UInt64 = 1118) {
        var random = SeededGenerator(seed: seed &+ UInt64(factor))
        teamIDs = Array(1...(Self.teamsPerFactor * factor))
        var teamOfEntry: [Int: Int] = [:]
        var events: [Event] = []
        var all: [(Int, Performance)] = []
        var entryID = 0
        for index in 0..<Self.eventCount {
            let kind: MarkKind = index < 10 ? .time : index < 16 ? .distance : .count
            events.append(Event(kind: kind, award: index % 4 == 3 ? .collective : .individual, performances: []))
            let (best, spread) = kind == .time ? (11_900, 4_000) : kind == .distance ? (5_900, 2_500) : (198, 80)
            for team in teamIDs {
                for _ in 0..<Self.entriesPerTeam {
                    entryID += 1
                    teamOfEntry[entryID] = team
                    let roll = random.int(0...99)
                    let status: ResultStatus = roll < 2 ? .dns : roll < 3 ? .dnf : .ok
                    // Coarse marks (hundredths, centimetres, counts) so ties happen as they do on the day.
                    let mark = kind == .time ? best + random.int(0...spread) / 10 * 10 : best - random.int(0...spread) / 10 * 10
                    let attempts = kind == .distance ? (0..<3).map { _ in mark - random.int(0...300) / 10 * 10 } + [mark] : []
                    all.append((index, Performance(entryID: entryID, status: status, mark: status == .ok ? mark : nil, attempts: status == .ok ? attempts : [])))
                }
            }
        }
        all.shuffle(using: &random)
        pending = Array(all.suffix(pendingCount))
        for (event, performance) in all.dropLast(pendingCount) { events[event].performances.append(performance) }
        self.events = events
        self.teamOfEntry = teamOfEntry
    }

    var resultCount: Int { events.reduce(0) { $0 + $1.performances.count } + pending.count }

    /// One event's team placings, as the standings count them.
    func placings(_ index: Int, scoring: GamesScoring) -> [TeamPlacing] {
        let event = events[index]
        let ranked = Ranking.rank(event.performances, kind: event.kind, breakTiesOnAttempts: event.kind == .distance)
        let points = scoring.table(for: event.award).award(ranked, policy: scoring.tiePolicy)
        return ranked.compactMap { line in
            line.place.map { TeamPlacing(teamID: teamOfEntry[line.performance.entryID]!, place: $0, points: points[line.performance.entryID] ?? .zero) }
        }
    }
}

enum GamesBenchmark {
    static let newResults = 21

    static func run(factor: Int, repetitions: Int) {
        let name = "games_\(factor)x"
        var data = GamesScale(factor: factor, pendingCount: newResults)
        let scoring = GamesScoring.standard
        Measure.report("\(name).teams", data.teamIDs.count)
        Measure.report("\(name).results", data.resultCount)

        // Every event ranked again, then the group ranking: what a standings request does today.
        var full: [Double] = []
        for _ in 0..<repetitions {
            full.append(Measure.milliseconds {
                let placings = data.events.indices.flatMap { data.placings($0, scoring: scoring) }
                consume(TeamRanking.standings(teamIDs: data.teamIDs, placings: placings, prizes: scoring.prizes))
            })
        }
        Measure.report("\(name).standings_full_ms", Measure.median(full))

        // One new result: only its event ranked again, the others' placings kept, then the group ranking.
        var cached = data.events.indices.map { data.placings($0, scoring: scoring) }
        var afterResult: [Double] = []
        for (event, performance) in data.pending {
            data.events[event].performances.append(performance)
            afterResult.append(Measure.milliseconds {
                cached[event] = data.placings(event, scoring: scoring)
                consume(TeamRanking.standings(teamIDs: data.teamIDs, placings: cached.flatMap { $0 }, prizes: scoring.prizes))
            })
        }
        Measure.report("\(name).recompute_after_result_ms", Measure.median(afterResult))
        Measure.report("\(name).rss_mb", Measure.residentMegabytes())
    }
}
