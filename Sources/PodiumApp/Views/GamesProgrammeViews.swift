import Foundation
import PodiumCore
import Vapor

/// `/p/{slug}/programme`: the programme booklet (秩序册) in the order a printed one has it — cover, contents,
/// opening ceremony, schedule, teams, events, organizing team. Sections with nothing in them are left out.
/// Only names, posts and times of the organizing team: no employee numbers, units or notes.
struct GamesProgrammeContext: Encodable {
    struct Link: Encodable {
        let href: String
        let label: String
        let children: [Link]
    }
    struct Team: Encodable {
        let anchor: String
        let name: String
        let count: String
        let athletes: [String]
    }
    struct Entry: Encodable {
        let team: String
        let names: String
    }
    struct Pairing: Encodable {
        let home: String
        let away: String
    }
    struct Group: Encodable {
        let name: String
        let members: [String]
    }
    /// A head-to-head event's draw, briefly: its groups, or the first round of the bracket.
    struct Draw: Encodable {
        let structure: String
        let groups: [Group]
        let pairingsTitle: String
        let pairings: [Pairing]
        /// Entrants the first round passes over, straight into the next.
        let byes: [String]
        let hasGroups: Bool
        let hasPairings: Bool
    }
    struct Event: Encodable {
        let anchor: String
        let name: String
        let category: String
        let categoryCode: String
        let rules: String
        /// "18 Nov 2023 · 09:00–10:20 · Main track".
        let when: String
        let entryCount: String
        let entries: [Entry]
        let hasEntries: Bool
        let noEntries: Bool
        let sheet: StartListSheet?
        let draw: Draw?
    }
    struct Shift: Encodable {
        let time: String
        let names: String
    }
    struct Post: Encodable {
        let name: String
        let kind: String
        let venue: String?
        let shifts: [Shift]
    }

    let page: PageContext
    let program: ProgramView
    let printed: String
    let venues: String
    let contents: [Link]
    let ceremonyTimes: String
    let ceremony: [RunOfShowRow]
    let hasCeremony: Bool
    let slots: [GamesScheduleContext.Slot]
    let hasSchedule: Bool
    let teams: [Team]
    let hasTeams: Bool
    let events: [Event]
    let hasEvents: Bool
    let posts: [Post]
    let hasPosts: Bool

    init(program dto: ProgramDTO, booklet: GamesProgrammeService.Booklet, _ req: Request) {
        let title = "\(dto.name) · \(req.t("programme.title"))"
        page = PageContext(req, title: title)
        program = ProgramView(dto, req)
        let timeZone = TimeZone(identifier: dto.timeZone) ?? .current
        printed = req.t("programme.printed", ["date": DateDisplay.date(DateDisplay.calendarDate(req.application.clock.now(), timeZone: timeZone), req.language)])
        let schedule = booklet.schedule
        venues = schedule.day.venues.map(\.name).joined(separator: " · ")

        ceremony = booklet.runOfShow.segments.map(req.runOfShowRow)
        hasCeremony = !ceremony.isEmpty
        ceremonyTimes = "\(booklet.runOfShow.startsAt)–\(booklet.runOfShow.endsAt)"

        slots = GamesScheduleContext.slots(schedule.rows, req)
        hasSchedule = !slots.isEmpty

        teams = booklet.teams.filter { !$0.athletes.isEmpty }.map { team in
            Team(anchor: "team-\(team.id)", name: team.name, count: req.t("programme.athleteCount", ["count": "\(team.athletes.count)"]),
                 athletes: team.athletes)
        }
        hasTeams = !teams.isEmpty

        let rowsByEvent = Dictionary(grouping: schedule.rows, by: { $0.model.$event.id })
        events = booklet.events.map { event in
            let model = event.model
            let dto = model.dto
            var when = [DateDisplay.date(dto.eventDate, req.language)]
            if let rows = rowsByEvent[model.id!], let first = rows.map(\.model.startsAt).min(), let last = rows.map(\.model.endsAt).max() {
                when.append(MinuteOfDay.span(first, last))
                var places: [String] = []
                for row in rows where !places.contains(row.venue.name) { places.append(row.venue.name) }
                when.append(places.joined(separator: "、"))
            } else if !dto.venue.isEmpty {
                when.append(dto.venue)
            }
            let sheet = event.startList.map { StartListSheet($0, req) }
            let entries = sheet == nil ? event.entries.map { Entry(team: $0.teamName, names: $0.names.joined(separator: "、")) } : []
            return Event(anchor: "event-\(model.id!)", name: model.name, category: req.t(dto.category.localizationKey), categoryCode: dto.category.rawValue,
                         rules: req.eventRules(dto), when: when.joined(separator: " · "),
                         entryCount: req.t("programme.entryCount", ["count": "\(event.entries.count)"]),
                         entries: entries, hasEntries: !entries.isEmpty, noEntries: event.entries.isEmpty, sheet: sheet,
                         draw: event.draw.map { Self.draw($0, req) })
        }
        hasEvents = !events.isEmpty

        // Posts in the order of the printed duty list, with who stands on them shift by shift; posts nobody is on yet are left out.
        let assignments = booklet.roster.assignmentDTOs()
        let posts = booklet.roster.postDTOs()
        self.posts = DutyKind.allCases.flatMap { kind in posts.filter { $0.kind == kind } }.compactMap { post in
            var shifts: [Shift] = []
            for duty in assignments where duty.postId == post.id {
                let time = "\(duty.starts)–\(duty.ends)"
                if let index = shifts.firstIndex(where: { $0.time == time }) {
                    shifts[index] = Shift(time: time, names: "\(shifts[index].names)、\(duty.personName)")
                } else {
                    shifts.append(Shift(time: time, names: duty.personName))
                }
            }
            return shifts.isEmpty ? nil : Post(name: post.name, kind: req.t(post.kind.localizationKey), venue: post.venueName, shifts: shifts)
        }
        hasPosts = !self.posts.isEmpty

        var contents: [Link] = []
        if hasCeremony { contents.append(Link(href: "#ceremony", label: req.t("runOfShow.title"), children: [])) }
        if hasSchedule { contents.append(Link(href: "#schedule", label: req.t("games.schedule"), children: [])) }
        if hasTeams {
            contents.append(Link(href: "#teams", label: req.t("programme.teams"), children: teams.map { Link(href: "#\($0.anchor)", label: $0.name, children: []) }))
        }
        if hasEvents {
            contents.append(Link(href: "#events", label: req.t("programme.events"), children: events.map { Link(href: "#\($0.anchor)", label: $0.name, children: []) }))
        }
        if hasPosts { contents.append(Link(href: "#organizing-team", label: req.t("programme.organizingTeam"), children: [])) }
        self.contents = contents
    }

    /// Groups for a round robin or a group stage; the first round's pairings for a knockout.
    private static func draw(_ loaded: GamesDrawService.Loaded, _ req: Request) -> Draw {
        let dto = loaded.dto(req)
        let labels = Dictionary(uniqueKeysWithValues: dto.entrants.map { ($0.entryId, $0.label) })
        var groups: [Group] = []
        var pairings: [Pairing] = []
        var byes: [String] = []
        var pairingsTitle = ""
        switch dto.structure {
        case .roundRobin:
            groups = dto.groups.map { Group(name: "", members: $0.compactMap { labels[$0] }) }
        case .groupsKnockout:
            groups = dto.groups.enumerated().map { index, members in
                Group(name: req.t("draw.group", ["group": GroupsToKnockout.groupName(index)]), members: members.compactMap { labels[$0] })
            }
        case .singleElimination:
            let knockout = dto.matches.filter { $0.stage == MatchRef.Stage.knockout.rawValue }
            if let first = knockout.map(\.round).min() {
                let round = knockout.filter { $0.round == first }.sorted { $0.number < $1.number }
                pairingsTitle = round.first?.roundLabel ?? ""
                pairings = round.map { Pairing(home: $0.home, away: $0.away) }
                let playing = Set(round.flatMap { [$0.homeEntryId, $0.awayEntryId] }.compactMap { $0 })
                byes = dto.entrants.filter { !playing.contains($0.entryId) }.map(\.label)
            }
        }
        groups = groups.filter { !$0.members.isEmpty }
        return Draw(structure: req.t(dto.structure.localizationKey), groups: groups, pairingsTitle: pairingsTitle, pairings: pairings,
                    byes: byes, hasGroups: !groups.isEmpty, hasPairings: !pairings.isEmpty)
    }
}
