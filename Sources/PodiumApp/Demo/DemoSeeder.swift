import Fluent
import Foundation
import PodiumCore

/// Fills an empty database with an invented company group modelled on the reference occasions:
/// sectors, companies, departments, outside organizations, employees with children, one program
/// of each kind, the news articles reporting on them, and demo users for each role. Deterministic, so every demo looks the same.
struct DemoSeeder {
    let db: any Database
    let clock: PodiumClock
    let hashing: PasswordHashing
    /// The timetable's item labels are worded when the day is planned.
    let words: Words

    static let companies: [(sector: String, companies: [String])] = [
        ("Green Building Sector", ["Jinghua Technology", "Jinghua Steel Structure"]),
        ("New Materials Sector", ["Jinghua New Materials"]),
        ("Intelligent Manufacturing Sector", ["Jinghua Robotics", "Jinghua Heavy Machinery"]),
        ("Clean Energy Sector", ["Jinghua Green Energy"]),
        ("Modern Services Sector", ["Jinghua Property Services"]),
    ]
    static let departments = ["Production", "R&D", "Marketing", "Finance & Administration"]
    static let externals: [(String, UnitKind)] = [
        ("Qingshan Community", .community), ("Zhijiang College", .college),
        ("High-tech Zone Market Supervision Team", .publicBody), ("Green Valley Running Association", .external),
    ]
    static let employeesPerCompany = 64

    func seed() async throws {
        guard try await PersonModel.query(on: db).count() == 0, try await ProgramModel.query(on: db).count() == 0 else {
            throw DemoError(description: "--demo fills a fresh database, but this one already holds people or programs. Start without --database to use \(PodiumConfig.demoDatabasePath), or point --database at a new file.")
        }
        let actor = Actor.system("demo data")
        try await db.transaction { tx in
            let units = UnitService(db: tx, clock: clock)
            let people = PersonService(db: tx, clock: clock, today: DateDisplay.calendarDate(clock.now(), timeZone: .current))
            var names = NameGenerator(seed: 2023)
            // Hire dates from a source of their own, so the names stay those of earlier demos.
            var hires = NameGenerator(seed: 2020)
            let group = try await units.create(UnitInput(name: "Jinghua Holdings Group", kind: .group, code: "JH"), by: actor)
            var companyIDs: [Int] = []
            var companies: [DemoGames.Company] = []
            var employeeNumber = 100_000
            for (sectorIndex, entry) in Self.companies.enumerated() {
                let sector = try await units.create(UnitInput(parentId: group.id, name: entry.sector, kind: .sector, code: "S\(sectorIndex + 1)"), by: actor)
                for company in entry.companies {
                    let companyUnit = try await units.create(UnitInput(parentId: sector.id, name: company, kind: .company), by: actor)
                    companyIDs.append(companyUnit.id)
                    var departmentIDs: [Int] = []
                    for department in Self.departments {
                        departmentIDs.append(try await units.create(UnitInput(parentId: companyUnit.id, name: department, kind: .department), by: actor).id)
                    }
                    var employees: [PersonDTO] = [], children: [PersonDTO] = []
                    for index in 0..<Self.employeesPerCompany {
                        employeeNumber += 1
                        let gender: Gender = index % 3 == 0 ? .female : .male
                        let birth = CalendarDate(year: 1970 + names.next(28), month: 1 + names.next(12), day: 1 + names.next(28))!
                        let employee = try await people.create(PersonInput(
                            kind: .employee, employeeNumber: "JH\(employeeNumber)", name: names.name(gender), gender: gender, birthDate: birth,
                            unitId: departmentIDs[index % departmentIDs.count], status: index == 7 ? .onLeave : .active,
                            hireDate: Self.hireDate(birth: birth, index: index, random: &hires)), by: actor)
                        employees.append(employee)
                        // Every eighth employee brings a child for the parent-child events.
                        if index % 8 == 3 {
                            let childGender: Gender = index % 16 == 3 ? .female : .male
                            let childBirth = CalendarDate(year: 2013 + names.next(8), month: 1 + names.next(12), day: 1 + names.next(28))!
                            children.append(try await people.create(PersonInput(kind: .family, name: names.name(childGender, surnameOf: employee.name),
                                                                                 gender: childGender, birthDate: childBirth, guardianId: employee.id), by: actor))
                        }
                    }
                    companies.append(DemoGames.Company(unitID: companyUnit.id, employees: employees, children: children))
                }
            }
            var externals: [String: DemoRelay.Club] = [:]
            for (name, kind) in Self.externals {
                let unit = try await units.create(UnitInput(name: name, kind: kind), by: actor)
                var members: [PersonDTO] = []
                for index in 0..<6 {
                    let gender: Gender = index % 2 == 0 ? .female : .male
                    members.append(try await people.create(PersonInput(kind: .external, name: names.name(gender), gender: gender,
                                                            birthDate: CalendarDate(year: 1985 + names.next(18), month: 1 + names.next(12), day: 1 + names.next(28)),
                                                            unitId: unit.id), by: actor))
                }
                externals[name] = DemoRelay.Club(unitID: unit.id, name: nil, people: members)
            }
            let programs = ProgramService(db: tx, clock: clock)
            let games = try await programs.create(ProgramInput(
                kind: .games, slug: "workers-games-2023", edition: 5, name: "5th Jinghua Workers' Games", theme: "Faster, farther, closer",
                startDate: CalendarDate(year: 2023, month: 11, day: 18), endDate: nil, venue: "Zhijiang College Sports Ground", timeZone: "Asia/Shanghai"), by: actor)
            let relay = try await programs.create(ProgramInput(
                kind: .relay, slug: "quality-month-relay-2021", edition: 1, name: "Green Valley Quality Month Relay",
                theme: "44 km for the 44th Quality Month", startDate: CalendarDate(year: 2021, month: 9, day: 25), endDate: nil,
                venue: "Green Valley High-tech Zone", timeZone: "Asia/Shanghai"), by: actor)
            let recognition = try await programs.create(ProgramInput(
                kind: .recognition, slug: "recognition-2020", edition: nil, name: "2020 Annual Summary and Recognition Conference",
                theme: "Opening a new journey, seeking new development", startDate: CalendarDate(year: 2021, month: 2, day: 2), endDate: nil,
                venue: "Jinghua Technology Conference Hall", timeZone: "Asia/Shanghai"), by: actor)
            try await DemoCeremony(db: tx, clock: clock, actor: actor).seed(program: try await ProgramModel.find(recognition.id, on: tx)!, companies: companies)
            let demoGames = DemoGames(db: tx, clock: clock, actor: actor)
            // The 5th Games is run from entries to results while open, then taken through to published.
            let openGames = try await programs.changeStatus(games.id, to: .open, expectedVersion: games.version, by: actor)
            try await demoGames.seedFinished(program: try await ProgramModel.find(games.id, on: tx)!, companies: companies)
            try await DemoGamesDay(db: tx, clock: clock, actor: actor).seed(programID: games.id, companies: companies)
            try await demoGames.planTheDay(programID: games.id, words: words)
            // Four companies, a community, a college and the municipal supervisory team, as on the day.
            let relayClubs = [0, 3, 5, 2].map { DemoRelay.Club(unitID: companies[$0].unitID, name: nil, people: companies[$0].employees.filter { $0.status == .active }) }
                + ["Qingshan Community", "Zhijiang College", "High-tech Zone Market Supervision Team"].compactMap { externals[$0] }
            try await DemoRelay(db: tx, clock: clock, actor: actor).seed(program: try await ProgramModel.find(relay.id, on: tx)!, clubs: relayClubs)
            try await DemoRecognition(db: tx, hashing: hashing, actor: actor).seed(program: try await ProgramModel.find(recognition.id, on: tx)!, companies: companies)
            for program in [openGames, relay, recognition] {
                var current = program
                for status in ProgramStatus.allCases where status > current.status {
                    current = try await programs.changeStatus(current.id, to: status, expectedVersion: current.version, by: actor)
                }
            }
            let upcoming = try await programs.create(ProgramInput(
                kind: .games, slug: "workers-games-2026", edition: 6, name: "6th Jinghua Workers' Games", theme: "Stronger together",
                startDate: CalendarDate(year: 2026, month: 11, day: 21), endDate: nil, venue: "Zhijiang College Sports Ground", timeZone: "Asia/Shanghai"), by: actor)
            _ = try await programs.changeStatus(upcoming.id, to: .open, expectedVersion: upcoming.version, by: actor)
            try await demoGames.seedOpen(program: try await ProgramModel.find(upcoming.id, on: tx)!, companies: companies)
            // The organizers' reports of the three occasions, as published.
            try await DemoNews(db: tx, clock: clock, actor: actor).seed()
            try await DemoPartners(db: tx, clock: clock, actor: actor).seed()

            let users = UserService(db: tx, clock: clock, hashing: hashing)
            let demoUsers: [(String, String, String, [RoleGrant])] = [
                ("organizer@demo.podium", "Organizer (demo)", "demo-organizer", [RoleGrant(role: .organizer)]),
                ("leader@demo.podium", "Team leader, Jinghua Technology (demo)", "demo-leader", [RoleGrant(role: .teamLeader, unitID: companyIDs[0])]),
                ("official@demo.podium", "Official (demo)", "demo-official", [RoleGrant(role: .official, programID: games.id), RoleGrant(role: .official, programID: relay.id)]),
                ("reviewer@demo.podium", "Reviewer (demo)", "demo-reviewer", [RoleGrant(role: .reviewer, programID: recognition.id)]),
            ]
            for (email, name, password, grants) in demoUsers {
                // reviewer@demo.podium was made with the recognition panels (DemoRecognition).
                if try await UserModel.query(on: tx).filter(\.$email == email).first() != nil { continue }
                // The team leader is on the roster too: the recognition office refuses their own nomination.
                _ = try await users.create(UserInput(email: email, displayName: name, password: password, isActive: true,
                                                     grants: grants.map(GrantDTO.init),
                                                     personId: email.hasPrefix("leader@") ? companies[0].employees.first?.id : nil), by: actor)
            }
        }
    }
}

extension DemoSeeder {
    /// A plausible hire date: at 20 or later, up to 2019; one employee in sixteen joined in 2020, too recently for
    /// awards that ask for a year of service on 31 December 2020.
    static func hireDate(birth: CalendarDate, index: Int, random: inout NameGenerator) -> CalendarDate {
        if index % 16 == 13 { return CalendarDate(year: 2020, month: 1 + random.next(12), day: 1 + random.next(28))! }
        let earliest = max(birth.year + 20, 1988)
        let year = earliest + random.next(max(1, 2019 - earliest + 1))
        return CalendarDate(year: min(year, 2019), month: 1 + random.next(12), day: 1 + random.next(28))!
    }
}

struct DemoError: Error, CustomStringConvertible {
    let description: String
}

/// Invented Chinese names from common surnames and given-name characters, reproducible from a seed.
struct NameGenerator {
    private var state: UInt64
    private static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    private static let male = Array("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国志文海峰永")
    private static let female = Array("芳娜敏静丽艳娟霞秀玲婷雪慧莹倩琳晶颖洁佳琪梅兰红燕萍晨悦欣怡璐瑶")

    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func name(_ gender: Gender, surnameOf parent: String? = nil) -> String {
        let surname = parent.flatMap(\.first) ?? Self.surnames[next(Self.surnames.count)]
        let pool = gender == .male ? Self.male : Self.female
        let given = next(3) == 0 ? String(pool[next(pool.count)]) : String(pool[next(pool.count)]) + String(pool[next(pool.count)])
        return String(surname) + given
    }
}
