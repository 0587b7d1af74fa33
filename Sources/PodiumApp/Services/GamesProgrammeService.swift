import Fluent
import Foundation
import PodiumCore

/// What the programme booklet (秩序册) of a games program holds: the opening ceremony's run of show, the day's
/// timetable, every team with its athletes, every event with its entries, heats or flights and draw, and the
/// organizing team on its posts. Entries, members, start positions and draws are loaded once for the whole
/// program, not event by event.
struct GamesProgrammeService {
    let db: any Database
    let clock: PodiumClock

    struct Team {
        let id: Int
        let name: String
        /// Everyone on one of the team's entries, once each, by name.
        let athletes: [String]
    }

    struct Entry {
        let teamName: String
        let names: [String]
    }

    struct Event {
        let model: GamesEventModel
        /// By team, then the order they were entered.
        let entries: [Entry]
        /// Heats and lanes (or flights and order) once they are seeded.
        let startList: GamesStartListService.StartList?
        /// A head-to-head event's draw once it is made.
        let draw: GamesDrawService.Loaded?
    }

    struct Booklet {
        let runOfShow: RunOfShowDTO
        let schedule: GamesTimetableService.Schedule
        let teams: [Team]
        /// By category (competition, parent-child, fun), then the order they were added.
        let events: [Event]
        let roster: DutyRosterData
    }

    func booklet(programID: Int, words: Words) async throws -> Booklet {
        let teams = try await GamesTeamModel.query(on: db).filter(\.$program.$id == programID).sort(\.$name).sort(\.$id).all()
        let categoryOrder = Dictionary(uniqueKeysWithValues: EventCategory.allCases.enumerated().map { ($1.rawValue, $0) })
        let events = try await GamesEventModel.query(on: db).filter(\.$program.$id == programID).sort(\.$id).all()
            .enumerated().sorted { (categoryOrder[$0.element.category] ?? 0, $0.offset) < (categoryOrder[$1.element.category] ?? 0, $1.offset) }
            .map(\.element)
        let eventIDs = events.compactMap(\.id)
        let entries = eventIDs.isEmpty ? [] : try await GamesEntryModel.query(on: db).filter(\.$event.$id ~~ eventIDs).with(\.$team).sort(\.$id).all()
        let entryIDs = entries.compactMap(\.id)
        let members = entryIDs.isEmpty ? [] : try await GamesEntryMemberModel.query(on: db).filter(\.$entry.$id ~~ entryIDs)
            .sort(\.$position).with(\.$person).all()
        let entrants = GamesDrawService.entrants(entries: entries, members: members)
        let entriesByEvent = Dictionary(grouping: entries, by: { $0.$event.id })

        let seedable = events.filter { GamesStartListService.seedableFormats.contains($0.format) }.compactMap(\.id)
        let positions = seedable.isEmpty ? [] : try await GamesStartPositionModel.query(on: db).filter(\.$event.$id ~~ seedable).all()
        let positionsByEvent = Dictionary(grouping: positions, by: { $0.$event.id })

        let headToHead = events.filter { $0.format == EventFormat.headToHead.rawValue }.compactMap(\.id)
        let draws = headToHead.isEmpty ? [] : try await GamesDrawModel.query(on: db).filter(\.$event.$id ~~ headToHead).all()
        let drawByEvent = Dictionary(draws.map { ($0.$event.id, $0) }, uniquingKeysWith: { first, _ in first })
        let drawn = Array(drawByEvent.keys)
        let results = drawn.isEmpty ? [] : try await GamesMatchResultModel.query(on: db).filter(\.$event.$id ~~ drawn).all()
        let resultsByEvent = Dictionary(grouping: results, by: { $0.$event.id })

        let teamOrder = Dictionary(uniqueKeysWithValues: teams.enumerated().map { ($1.id!, $0) })
        let bookletEvents = events.map { event -> Event in
            let id = event.id!
            let own = entriesByEvent[id] ?? []
            let listed = own.sorted { (teamOrder[$0.$team.id] ?? .max, $0.id!) < (teamOrder[$1.$team.id] ?? .max, $1.id!) }
                .map { Entry(teamName: entrants[$0.id!]?.teamName ?? "", names: entrants[$0.id!]?.names ?? []) }
            var startList: GamesStartListService.StartList?
            if GamesStartListService.seedableFormats.contains(event.format) {
                let list = GamesStartListService.startList(event: event, entries: own, entrants: entrants, positions: positionsByEvent[id] ?? [])
                startList = list.isSeeded ? list : nil
            }
            // A draw that can no longer be built (entries withdrawn since) is left out, as the timetable does.
            let draw = drawByEvent[id].flatMap { model in
                try? GamesDrawService.loaded(event: event, model: model, results: resultsByEvent[id] ?? [], entrants: entrants)
            }
            return Event(model: event, entries: listed, startList: startList, draw: draw)
        }

        var athletes: [Int: [Int: String]] = [:]
        let teamOfEntry = Dictionary(uniqueKeysWithValues: entries.map { ($0.id!, $0.$team.id) })
        for member in members {
            guard let team = teamOfEntry[member.$entry.id] else { continue }
            athletes[team, default: [:]][member.$person.id] = member.person.name
        }
        let bookletTeams = teams.map { team in
            Team(id: team.id!, name: team.name, athletes: (athletes[team.id!] ?? [:]).sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.value))
        }

        return Booklet(runOfShow: try await RunOfShowService(db: db, clock: clock).runOfShow(programID: programID),
                       schedule: try await GamesTimetableService(db: db, clock: clock).schedule(programID: programID, words: words, checked: false),
                       teams: bookletTeams, events: bookletEvents,
                       roster: try await DutyService(db: db, clock: clock).roster(programID: programID))
    }
}
