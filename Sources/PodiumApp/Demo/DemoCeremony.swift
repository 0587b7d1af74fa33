import Fluent
import Foundation
import PodiumCore

/// The 2020 annual summary and recognition conference of 2 February 2021, as the reference article tells it:
/// the general manager's work report, the commendation of the year's advanced individuals, special awards
/// for industry leaders, speeches by an industry leader and two advanced representatives, and the chairman's
/// speech. Attendance was streamlined for epidemic control: company leaders and cadre representatives
/// (the honorees join the list from the award decisions), most of them checked in before 14:00.
/// Every name is an invented one from the demo roster.
struct DemoCeremony {
    let db: any Database
    let clock: PodiumClock
    let actor: Actor

    func seed(program: ProgramModel, companies: [DemoGames.Company]) async throws {
        let service = CeremonyService(db: db, clock: clock)
        // Active employees only, and never the same person twice.
        var taken = Set<Int>()
        func pick(_ company: Int, _ index: Int) -> PersonDTO {
            let pool = companies[company % companies.count].employees.filter { $0.status == .active && !taken.contains($0.id) }
            let person = pool[index % pool.count]
            taken.insert(person.id)
            return person
        }
        let chairman = pick(0, 1), generalManager = pick(0, 2)
        let steelStructure = pick(1, 1), newMaterials = pick(2, 1), robotics = pick(3, 1)
        let representatives = [pick(4, 9), pick(5, 10)]
        let cadres = (0..<companies.count).map { pick($0, 5) }

        let agenda: [(String?, AgendaItemKind, String, String?)] = [
            ("14:00", .report, "Work report: “Opening a new journey, seeking new development, innovating again”",
             "\(generalManager.name), General Manager"),
            ("14:50", .commendation, "Commendation of the 2020 Outstanding Employees, Technological Innovation Models and Market Expansion Models", nil),
            ("15:10", .award, "Special Encouragement, Special Innovation and Special Contribution Awards for industry leaders", nil),
            ("15:25", .speech, "Speech on behalf of the industry leaders", "\(steelStructure.name), General Manager, Jinghua Steel Structure"),
            ("15:35", .speech, "Speech on behalf of the advanced individuals", "\(representatives[0].name), Technological Innovation Model"),
            (nil, .speech, "Speech on behalf of the advanced individuals", "\(representatives[1].name), Outstanding Employee"),
            ("15:55", .speech, "Speech by the Chairman: the 2021 outlook and New Year wishes", "\(chairman.name), Chairman"),
        ]
        for (time, kind, title, speaker) in agenda {
            _ = try await service.addAgendaItem(program: program, AgendaItemInput(startsAt: time, kind: kind.rawValue, title: title, speaker: speaker),
                                                by: actor)
        }

        var attendees: [(AttendeeDTO, checkedIn: Bool)] = []
        let seats = ["A-1", "A-2", "A-3", "A-4", "A-5"]
        for (index, leader) in [chairman, generalManager, newMaterials, robotics, steelStructure].enumerated() {
            let added = try await service.addAttendee(program: program, AttendeeInput(personId: leader.id, group: AttendeeGroup.leader.rawValue,
                                                                                      seat: seats[index]), by: actor)
            attendees.append((added, index != 3))
        }
        for (index, cadre) in cadres.enumerated() {
            let added = try await service.addAttendee(program: program, AttendeeInput(personId: cadre.id, group: AttendeeGroup.cadre.rawValue,
                                                                                      seat: "B-\(index + 1)"), by: actor)
            attendees.append((added, index % 3 != 2))
        }
        let guest = try await service.addAttendee(program: program, AttendeeInput(
            name: "程立新", group: AttendeeGroup.guest.rawValue, unitName: "High-tech Zone Federation of Trade Unions", seat: "A-6"), by: actor)
        attendees.append((guest, false))

        // The registration desk opened at 13:30 Beijing time; one arrival a minute or so.
        let desk = Actor(kind: .system, id: nil, displayName: "Registration desk (demo)", grants: [RoleGrant(role: .administrator)])
        let opening = RelayClock.instant(CalendarDate(year: 2021, month: 2, day: 2)!, hours: 13, minutes: 30, seconds: 0, millis: 0,
                                         timeZone: program.zone)!
        for (offset, entry) in attendees.filter(\.checkedIn).enumerated() {
            let at = RelayService.date(opening + Int64(offset) * 97_000)
            _ = try await CeremonyService(db: db, clock: PodiumClock { at }).checkIn(program: program, attendeeID: entry.0.id, version: nil, by: desk)
        }
    }
}
