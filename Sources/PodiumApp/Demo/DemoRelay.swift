import Fluent
import Foundation
import PodiumCore

/// The Green Valley Quality Month relay of 25 September 2021: 44 km in five legs, seven teams of five with
/// at least one woman, run in heavy rain. Everything goes through the real services: the course, the
/// teams and line-ups with their checks, the start, a restart at the last exchange, every read, and the
/// corrections an official made on the day.
struct DemoRelay {
    let db: any Database
    let clock: PodiumClock
    let actor: Actor

    struct Club {
        let unitID: Int
        let name: String?
        let people: [PersonDTO]
    }

    static let legs: [(String, String)] = [
        ("10", "Science Park Road"), ("8", "High-tech Zone Library"), ("9", "Zhijiang College East Gate"), ("8", "Riverside Greenway"),
        ("9", "Green Valley Square"),
    ]
    /// Minutes per kilometre of each team, fastest first, in the rain.
    static let paces: [Double] = [4.35, 4.55, 4.7, 4.9, 5.15, 5.4, 5.75]

    func seed(program: ProgramModel, clubs: [Club]) async throws {
        let relay = RelayService(db: db, clock: clock), timing = RelayTimingService(db: db, clock: clock)
        let settings = try await relay.updateSettings(program: program, RelaySettingsInput(
            legs: Self.legs.map { RelayLegInput(distance: $0.0, exchangePoint: $0.1) }, teamSize: 5, minimumWomen: 1,
            ownOrganizationOnly: true, maximumGuests: 1, deadTimeSeconds: 30, minimumPace: "2:30", version: 0), by: actor)
        _ = settings
        var teams: [RelayTeamDTO] = []
        for (index, club) in clubs.enumerated() {
            let team = try await relay.createTeam(program: program, RelayTeamInput(unitId: club.unitID, bib: "\(index + 1)", name: club.name), by: actor)
            let women = club.people.filter { $0.gender == .female }.prefix(index % 3 == 0 ? 2 : 1)
            let men = club.people.filter { $0.gender == .male }.prefix(5 - women.count)
            var runners = Array(men) + Array(women)
            // The outside clubs have few men: fill up with more women.
            runners += club.people.filter { $0.gender == .female && !women.contains($0) }.prefix(5 - runners.count)
            // The women run the middle legs in most teams, the anchor leg in some.
            runners.swapAt(index % 2 == 0 ? 2 : 4, runners.count - 1)
            teams.append(try await relay.setLineUp(program: program, teamID: team.id, RelayLineUpInput(
                runners: runners.enumerated().map { RelayRunnerInput(leg: $0.offset + 1, personId: $0.element.id, guest: false, chip: nil) },
                version: team.version), by: actor, mayOverride: true))
        }
        let start = RelayClock.instant(program.firstDay, hours: 7, minutes: 30, seconds: 0, millis: 0, timeZone: program.zone)!
        _ = try await relay.recordStart(program: program, RelayStartInput(point: nil, at: RelayService.date(start)), by: actor)

        var random = NameGenerator(seed: 44)
        let distances = Self.legs.map { RelayCourse.parseDistance($0.0)! }
        var arrivals: [[Int64]] = []
        for (index, _) in teams.enumerated() {
            var at = start, times: [Int64] = []
            for (leg, meters) in distances.enumerated() {
                // Runners differ more than teams do, so positions change from leg to leg; leg 3 climbs the college hill.
                let variation = 0.9 + Double(random.next(200)) / 1000 + (leg == 2 ? 0.04 : 0)
                at += Int64(Self.paces[index] * variation * Double(meters) / 1000 * 60_000) + Int64(random.next(1000))
                times.append(at)
            }
            arrivals.append(times)
        }
        // The referee sends the last runners off at exchange 4 when the slowest team is more than 12 minutes behind the leader.
        let restartAt = arrivals[0][3] + 12 * 60_000
        if arrivals.contains(where: { $0[3] > restartAt }) {
            _ = try await relay.recordStart(program: program, RelayStartInput(point: 4, at: RelayService.date(restartAt)), by: actor)
            for index in arrivals.indices where arrivals[index][3] > restartAt {
                let lastLeg = arrivals[index][4] - arrivals[index][3]
                arrivals[index][4] = restartAt + lastLeg
            }
        }
        var drafts: [ReadDraft] = []
        for (index, team) in teams.enumerated() {
            for point in 1...distances.count {
                let at = arrivals[index][point - 1]
                let device = point == distances.count ? "finish-mat" : "exchange-\(point)-phone"
                drafts.append(ReadDraft(bib: team.bib, point: point, at: at, device: device, clientReadID: "\(team.bib)-\(point)"))
                // Wet fingers: a double tap now and then, within the dead time.
                if (index + point) % 6 == 0 {
                    drafts.append(ReadDraft(bib: team.bib, point: point, at: at + 1_400, device: device, clientReadID: "\(team.bib)-\(point)-again"))
                }
            }
        }
        // A tap at exchange 2 whose bib was typed only later, and a spectator's bib read at the finish.
        let untyped = ReadDraft(bib: nil, point: 2, at: arrivals[5][1], device: "exchange-2-phone", clientReadID: "untyped-1")
        drafts.removeAll { $0.bib == teams[5].bib && $0.point == 2 }
        drafts.append(untyped)
        let stray = ReadDraft(bib: "88", point: 5, at: arrivals[1][4] + 40_000, device: "finish-mat", clientReadID: "stray-88")
        drafts.append(stray)
        drafts.sort { $0.at < $1.at }
        _ = try await timing.ingest(program: program, drafts.filter { $0.device != "finish-mat" }, source: .manual, by: actor)
        _ = try await timing.ingest(program: program, drafts.filter { $0.device == "finish-mat" }, source: .chip, by: actor)

        let reads = try await TimingReadModel.query(on: db).filter(\.$program.$id == program.id!).all()
        if let tap = reads.first(where: { $0.clientReadID == "untyped-1" }) {
            _ = try await timing.correct(program: program, readID: tap.id!, TimingCorrectionInput(
                kind: .assign, bib: teams[5].bib, at: nil, reason: "Bib typed after the tap; the runner's number was covered by a rain cape"), by: actor)
        }
        if let read = reads.first(where: { $0.clientReadID == "stray-88" }) {
            _ = try await timing.correct(program: program, readID: read.id!, TimingCorrectionInput(
                kind: .ignore, bib: nil, at: nil, reason: "A pacer from the running association crossed the mat"), by: actor)
        }
    }
}
