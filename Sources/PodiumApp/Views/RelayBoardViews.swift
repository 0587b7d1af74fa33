import Foundation
import PodiumCore
import Vapor

/// The localizer bound to one language, for views built outside a request (the live hub's payloads).
struct Words: Sendable {
    let localizer: Localizer
    let language: Language

    func t(_ key: String, _ args: [String: String] = [:]) -> String { localizer.string(key, language, args) }
    func t(_ message: LocalizedMessage) -> String { localizer.message(message, language) }
}

extension Request {
    var words: Words { Words(localizer: application.localizer, language: language) }
}

extension Words {
    /// "Leg 3 of 5", "Finished", "At the start", or a status with its reason: "DNF · cramp on leg 2".
    func progress(_ result: RelayTeamResult, reason: String?, separator: String = " · ") -> String {
        switch result.progress {
        case .waiting: return t("relay.progress.waiting")
        case .onLeg(let leg): return t("relay.progress.onLeg", ["leg": "\(leg)", "legs": "\(result.legs.count)"])
        case .finished: return t("relay.progress.finished")
        case .dns, .dnf, .dq:
            let status: RelayTeamStatus = result.progress == .dnf ? .dnf : result.progress == .dq ? .dq : .dns
            return t(status.localizationKey) + (reason.map { separator + $0 } ?? "")
        }
    }
}

/// The live board: the same rows on the server-rendered page and in every Server-Sent Event.
struct LiveBoardView: Codable, Sendable {
    struct Row: Codable, Sendable {
        let position: String
        let bib: String
        let name: String
        /// `running`, `finished`, `waiting`, `dnf`, `dq`, `dns`: a CSS class.
        let state: String
        let status: String
        let runner: String
        let lastPoint: String
        let time: String
        let gap: String
        let projected: String
    }

    let revision: Int64
    let raceState: String
    /// Milliseconds since 1970, for the race clock the page keeps ticking.
    let startAt: Int64?
    /// When the race is over: the last team's finish, where the clock stops.
    let endAt: Int64?
    /// The clock as rendered on the server, for pages without JavaScript.
    let clock: String
    let updated: String
    let rows: [Row]

    static func make(_ snapshot: RelayTimingService.Snapshot, revision: Int64, now: Date, words: Words) -> LiveBoardView {
        let board = snapshot.board, course = snapshot.course, zone = snapshot.timeZone
        var rows: [Row] = []
        for (index, result) in board.teams.enumerated() {
            let team = snapshot.teams.first { $0.id == result.team.id }
            let status = words.progress(result, reason: team?.statusReason)
            var state = "running", runner = "", projected = ""
            switch result.progress {
            case .waiting:
                state = "waiting"
                runner = team?.runners.first { $0.leg == 1 }?.name ?? ""
            case .onLeg(let leg):
                runner = team?.runners.first { $0.leg == leg }?.name ?? ""
                projected = result.projectedFinishAt.map { RelayClock.clock($0, timeZone: zone) } ?? ""
            case .finished:
                state = "finished"
            case .dnf: state = "dnf"
            case .dq: state = "dq"
            case .dns: state = "dns"
            }
            let last = result.lastPoint
            let split = last > 0 ? result.legs[last - 1] : nil
            let cumulative = split?.cumulative
            let position: String
            if let place = result.place { position = "\(place)\(result.placeTied ? "=" : "")" }
            else if [.dnf, .dq, .dns].contains(result.progress) || last == 0 { position = "" }
            else { position = "\(index + 1)" }
            rows.append(Row(
                position: position, bib: result.team.bib, name: result.team.name, state: state, status: status, runner: runner,
                lastPoint: last == 0 ? "" : (course.leg(last)?.exchangePoint ?? "\(last)"),
                time: (result.total ?? cumulative).map(RelayClock.duration) ?? "",
                gap: split?.gapToLeader.map(RelayClock.gap) ?? "",
                projected: projected))
        }
        let raceState: String
        let over = board.isOver
        let endAt = over ? board.lastPassingAt : nil
        let clockEnd = endAt ?? RelayService.ms(now)
        let clock = snapshot.race.startAt.map { RelayClock.duration(max(0, clockEnd - $0)) } ?? "—"
        if snapshot.race.startAt == nil { raceState = words.t("relay.state.notStarted") }
        else if over {
            raceState = words.t("relay.state.over", ["finished": "\(board.finishedCount)", "teams": "\(board.teams.count)"])
        } else {
            raceState = words.t("relay.state.running", ["finished": "\(board.finishedCount)", "teams": "\(board.teams.count)"])
        }
        return LiveBoardView(revision: revision, raceState: raceState, startAt: snapshot.race.startAt, endAt: endAt, clock: clock,
                             updated: RelayClock.clock(RelayService.ms(now), timeZone: zone), rows: rows)
    }
}

/// The results page: the overall order, a split table per leg, and a chart of positions by leg.
struct RelayResultsView: Encodable {
    struct Line: Encodable {
        let place: String
        let bib: String
        let name: String
        let teamClass: String
        let total: String
        let gap: String
        let status: String
        let certificate: String?
    }
    struct Split: Encodable {
        let rank: String
        let bib: String
        let team: String
        let runner: String
        let time: String
        let pace: String
        let position: String
        let cumulative: String
        let gap: String
        let note: String
    }
    struct Leg: Encodable {
        let title: String
        let exchangePoint: String
        let splits: [Split]
    }

    let lines: [Line]
    let legs: [Leg]
    let chart: PositionChart?

    static func make(_ snapshot: RelayTimingService.Snapshot, programURL: String, words: Words) -> RelayResultsView {
        let board = snapshot.board, course = snapshot.course
        let lines = board.teams.map { result -> Line in
            let team = snapshot.teams.first { $0.id == result.team.id }
            let status = result.progress == .finished ? "" : words.progress(result, reason: team?.statusReason)
            return Line(place: result.place.map { "\($0)\(result.placeTied ? "=" : "")" } ?? "", bib: result.team.bib, name: result.team.name,
                        teamClass: team.map { words.t("relay.class.\($0.teamClass)") } ?? "",
                        total: result.total.map(RelayClock.duration) ?? "", gap: result.gapToWinner.map(RelayClock.gap) ?? "",
                        status: status, certificate: result.progress == .finished ? "\(programURL)/certificates/\(result.team.bib)" : nil)
        }
        let legs = course.legs.map { leg -> Leg in
            let index = leg.order - 1
            let ordered = board.teams.sorted { a, b in
                let (x, y) = (a.legs[index].rank ?? Int.max, b.legs[index].rank ?? Int.max)
                return x != y ? x < y : (a.legs[index].position ?? Int.max) < (b.legs[index].position ?? Int.max)
            }
            let splits = ordered.map { result -> Split in
                let split = result.legs[index]
                let runner = snapshot.teams.first { $0.id == result.team.id }?.runners.first { $0.leg == leg.order }
                var notes: [String] = []
                if split.restarted { notes.append(words.t("relay.note.restarted")) }
                if split.missingRead { notes.append(words.t("relay.note.missingRead")) }
                return Split(rank: split.rank.map { "\($0)\(split.rankTied ? "=" : "")" } ?? "", bib: result.team.bib, team: result.team.name,
                             runner: runner.map { $0.name + ($0.guest ? " (\(words.t("relay.guest")))" : "") } ?? "",
                             time: split.time.map(RelayClock.duration) ?? "", pace: split.paceMsPerKm.map { RelayClock.pace($0) + "/km" } ?? "",
                             position: split.position.map { "\($0)\(split.positionTied ? "=" : "")" } ?? "",
                             cumulative: split.cumulative.map(RelayClock.duration) ?? "", gap: split.gapToLeader.map(RelayClock.gap) ?? "",
                             note: notes.joined(separator: " · "))
            }
            return Leg(title: words.t("relay.legTitle", ["leg": "\(leg.order)", "distance": RelayCourse.formatDistance(leg.distanceMeters)]),
                       exchangePoint: leg.exchangePoint, splits: splits)
        }
        return RelayResultsView(lines: lines, legs: legs, chart: PositionChart.make(board, course: course, words: words))
    }
}

/// An SVG line chart of each team's position after each leg, drawn on the server so it prints and needs no script.
struct PositionChart: Encodable {
    struct Line: Encodable {
        let points: String
        let color: String
        let label: String
        let labelX: Int
        let labelY: Int
        let dots: [Dot]
    }
    struct Dot: Encodable { let x: Int; let y: Int }
    struct Tick: Encodable { let x: Int; let y: Int; let label: String }

    let width: Int
    let height: Int
    let gridBottom: Int
    let lines: [Line]
    let legTicks: [Tick]
    let positionTicks: [Tick]
    let title: String

    static let palette = ["#c0392b", "#2563eb", "#059669", "#d97706", "#7c3aed", "#db2777", "#0891b2", "#4b5563", "#65a30d", "#b45309"]

    static func make(_ board: RelayBoard, course: RelayCourse, words: Words) -> PositionChart? {
        let legCount = course.pointCount
        let teamCount = board.teams.count
        guard legCount > 0, teamCount > 0, board.teams.contains(where: { $0.legs.contains { $0.position != nil } }) else { return nil }
        // Label room: about 8 px per Latin character and twice that for a Chinese one.
        let labelWidths: [Int] = board.teams.map { result -> Int in
            "\(result.team.bib) \(result.team.name)".unicodeScalars.reduce(0) { total, scalar in total + (scalar.value > 0x2E80 ? 2 : 1) }
        }
        let longest = labelWidths.max() ?? 10
        let left = 40, top = 20, step = 110, rowHeight = 32, labelSpace = 24 + longest * 8
        let width = left + step * legCount + labelSpace, height = top * 2 + rowHeight * max(1, teamCount - 1) + 20
        func x(_ leg: Int) -> Int { left + step * leg }
        func y(_ position: Int) -> Int { top + rowHeight * (position - 1) }
        var lines: [Line] = []
        for (index, result) in board.teams.enumerated() {
            let dots = result.legs.compactMap { split in split.position.map { Dot(x: x(split.order), y: y($0)) } }
            guard let last = dots.last else { continue }
            lines.append(Line(points: dots.map { "\($0.x),\($0.y)" }.joined(separator: " "), color: palette[index % palette.count],
                              label: "\(result.team.bib) \(result.team.name)", labelX: last.x + 10, labelY: last.y + 4, dots: dots))
        }
        let legTicks = (1...legCount).map { Tick(x: x($0), y: height - 6, label: words.t("relay.legShort", ["leg": "\($0)"])) }
        let positionTicks = (1...teamCount).map { Tick(x: left - 12, y: y($0) + 4, label: "\($0)") }
        return PositionChart(width: width, height: height, gridBottom: height - 22, lines: lines, legTicks: legTicks, positionTicks: positionTicks,
                             title: words.t("relay.chartTitle"))
    }
}
