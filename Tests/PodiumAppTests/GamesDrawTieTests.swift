import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games: group ties settled by drawing lots or by the referee")
struct GamesDrawTieTests {
    typealias Fixture = GamesDrawTests.Fixture

    func tiePath(_ f: Fixture, group: Int = 1) -> String { "/api/v1/programs/games/events/\(f.event.id)/draw/groups/\(group)/tie" }
    func drawPath(_ f: Fixture) -> String { "/api/v1/programs/games/events/\(f.event.id)/draw" }
    func pagePath(_ f: Fixture) -> String { "/admin/games/games/draws/\(f.event.id)" }

    /// Eight table-tennis players in two groups of four, two through from each. Group A: its first player beats
    /// everyone, the other three beat each other in a circle, every match 3–0 by 11-5: level for 2nd on every rule.
    /// Group B: the better seed wins. Returns the group A players in group order.
    func tiedGroups(_ app: Application) async throws -> (Fixture, [Int]) {
        let f = try await GamesDrawTests().fixture(app, template: "table-tennis-singles", count: 8)
        let made = try await f.organizer.send(.PUT, drawPath(f), json: #"{"structure":"groups_knockout","groupCount":2,"qualifiersPerGroup":2,"thirdPlace":false,"seeding":"entered","version":0}"#)
        #expect(made.status == .ok, "\(made.body.string)")
        let draw = try made.decode(DrawDTO.self)
        let a = draw.groups[0], b = draw.groups[1]
        let circle: [Set<Int>: Int] = [[a[1], a[2]]: a[1], [a[2], a[3]]: a[2], [a[1], a[3]]: a[3]]
        for match in draw.matches where match.stage == "group" {
            let home = match.homeEntryId!, away = match.awayEntryId!
            let winner: Int
            if let w = circle[[home, away]] { winner = w } else {
                let order = a.contains(home) ? a : b
                winner = order.firstIndex(of: home)! < order.firstIndex(of: away)! ? home : away
            }
            let score = winner == home ? "11-5 11-5 11-5" : "5-11 5-11 5-11"
            let saved = try await f.official.send(.PUT, "/api/v1/programs/games/events/\(f.event.id)/matches/\(match.key)", json: #"{"score":"\#(score)","official":true}"#)
            #expect(saved.status == .ok, "\(saved.body.string)")
        }
        return (f, a)
    }

    func current(_ app: Application, _ f: Fixture) async throws -> DrawDTO {
        try await API(app: app).send(.GET, drawPath(f)).decode(DrawDTO.self)
    }

    @Test func anOpenTieBlocksTheBracketUntilTheRefereeOrdersIt() async throws {
        try await withPodium { app in
            let (f, a) = try await tiedGroups(app)
            let open = try await current(app, f)
            let tied = [a[1], a[2], a[3]]
            #expect(open.ties.count == 1)
            let tie = try #require(open.ties.first)
            #expect(tie.group == 1 && tie.name == "Group A" && tie.rank == 2 && tie.lastRank == 4 && tie.open && tie.atQualifyingLine && tie.method == nil)
            #expect(Set(tie.entryIds) == Set(tied) && tie.labels.count == 3)
            #expect(open.tables[0].rows.map(\.rank) == [1, 2, 2, 2])
            // The bracket waits: no knockout match has its sides.
            #expect(open.matches.filter { $0.stage == "knockout" }.allSatisfy { $0.homeEntryId == nil && $0.awayEntryId == nil })

            // Only organizers settle ties.
            let body = #"{"order":[\#(a[3]),\#(a[1]),\#(a[2])],"method":"referee","version":\#(open.version)}"#
            #expect(try await f.official.send(.PUT, tiePath(f), json: body).status == .forbidden)
            #expect(try await API(app: app).send(.PUT, tiePath(f), json: body).status == .unauthorized)

            // Bad orders say what is wrong, field by field.
            func problem(_ json: String, group: Int = 1) async throws -> (HTTPStatus, ProblemDetails) {
                let response = try await f.organizer.send(.PUT, tiePath(f, group: group), json: json)
                return (response.status, try response.decode(ProblemDetails.self))
            }
            let notTied = try await problem(#"{"order":[\#(a[0]),\#(a[1]),\#(a[2]),\#(a[3])],"method":"referee","version":\#(open.version)}"#)
            #expect(notTied.0 == .unprocessableEntity && notTied.1.errors?.map(\.field) == ["order[0]"])
            #expect(notTied.1.errors?.first?.message.contains("is not level with anyone in group A") == true)
            let partial = try await problem(#"{"order":[\#(a[1]),\#(a[2])],"method":"referee","version":\#(open.version)}"#)
            #expect(partial.0 == .unprocessableEntity && partial.1.errors?.first?.message.contains("is missing") == true)
            #expect(partial.1.errors?.first?.message.contains("places 2–4") == true)
            let foreign = try await problem(#"{"order":[\#(a[1]),\#(a[2]),\#(f.entries[1])],"method":"referee","version":\#(open.version)}"#)
            #expect(foreign.0 == .unprocessableEntity && foreign.1.errors?.map(\.field) == ["order[2]"])
            #expect(foreign.1.errors?.first?.message.contains("does not play in group A") == true)
            let twice = try await problem(#"{"order":[\#(a[1]),\#(a[1]),\#(a[2])],"method":"referee","version":\#(open.version)}"#)
            #expect(twice.0 == .unprocessableEntity && twice.1.errors?.first?.message.contains("more than once") == true)
            let noMethod = try await problem(#"{"order":[\#(a[1]),\#(a[2]),\#(a[3])],"version":\#(open.version)}"#)
            #expect(noMethod.0 == .unprocessableEntity && noMethod.1.errors?.map(\.field) == ["method"])
            let coin = try await problem(#"{"order":[\#(a[1]),\#(a[2]),\#(a[3])],"method":"coin","version":\#(open.version)}"#)
            #expect(coin.0 == .unprocessableEntity && coin.1.errors?.first?.message.contains("“coin”") == true)
            let refereeWithoutOrder = try await problem(#"{"method":"referee","version":\#(open.version)}"#)
            #expect(refereeWithoutOrder.0 == .unprocessableEntity && refereeWithoutOrder.1.errors?.map(\.field) == ["order"])
            let noGroup = try await problem(body, group: 3)
            #expect(noGroup.0 == .notFound && noGroup.1.detail?.contains("no group 3") == true)
            let clear = try await problem(#"{"order":[\#(open.groups[1][0]),\#(open.groups[1][1])],"method":"lots","version":\#(open.version)}"#, group: 2)
            #expect(clear.0 == .unprocessableEntity)
            // A stale draw version.
            let stale = try await f.organizer.send(.PUT, tiePath(f), json: #"{"order":[\#(a[3]),\#(a[1]),\#(a[2])],"method":"referee","version":99}"#)
            #expect(stale.status == .conflict)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "groupTie").count() == 0)

            // The referee orders them: the bracket is drawn with group A's winner and the referee's second.
            let settled = try await f.organizer.send(.PUT, tiePath(f), json: body)
            #expect(settled.status == .ok, "\(settled.body.string)")
            let draw = try settled.decode(DrawDTO.self)
            #expect(draw.version == open.version + 1)
            #expect(draw.ties.count == 1 && draw.ties[0].open == false && draw.ties[0].method == .referee && draw.ties[0].entryIds == [a[3], a[1], a[2]])
            #expect(draw.tables[0].rows.map(\.entryId) == [a[0], a[3], a[1], a[2]])
            #expect(draw.tables[0].rows.map(\.rank) == [1, 2, 3, 4])
            #expect(draw.tables[0].rows.map(\.separatedBy) == [nil, "refereeDecision", "refereeDecision", nil])
            let knockout = draw.matches.filter { $0.stage == "knockout" }
            let b = open.groups[1]
            #expect(Set(knockout.prefix(2).flatMap { [$0.homeEntryId, $0.awayEntryId] }.compactMap { $0 }) == [a[0], a[3], b[0], b[1]])
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "groupTie").all()
            #expect(audit.count == 1 && audit[0].action == "create" && audit[0].summary.contains("(referee)"))
            let label = try #require(open.entrants.first { $0.entryId == a[3] }?.label)
            #expect(audit[0].after?.contains(label) == true && audit[0].summary.contains(label))

            // The public bracket says how the tie was settled.
            let page = try await Browser(app).get("/p/games/brackets/\(f.event.id)")
            #expect(page.status == .ok && page.body.string.contains("Referee decision") && page.body.string.contains("settled by referee decision"))
            #expect(!page.body.string.contains("Withdraw this decision"))

            // Withdrawn: open again, the bracket waits again.
            let withdrawn = try await f.organizer.send(.DELETE, tiePath(f) + "?version=\(draw.version)")
            #expect(withdrawn.status == .ok, "\(withdrawn.body.string)")
            let reopened = try withdrawn.decode(DrawDTO.self)
            #expect(reopened.ties.first?.open == true && reopened.matches.filter { $0.stage == "knockout" }.allSatisfy { $0.homeEntryId == nil })
            #expect(try await f.organizer.send(.DELETE, tiePath(f) + "?version=\(reopened.version)").status == .notFound)
            #expect(try await f.official.send(.DELETE, tiePath(f) + "?version=\(reopened.version)").status == .forbidden)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "groupTie").filter(\.$action == "delete").count() == 1)
        }
    }

    @Test func lotsDrawnByTheAppFollowTheRandomSeamAndHoldOnceTheKnockoutStarts() async throws {
        try await withPodium { app in
            let (f, a) = try await tiedGroups(app)
            app.random = PodiumRandom { 7 }
            let expected = GroupTieDecision.drawingLots(group: 1, entries: [a[1], a[2], a[3]], seed: 7).order
            var draw = try await current(app, f)
            let drawn = try await f.organizer.send(.PUT, tiePath(f), json: #"{"method":"lots","version":\#(draw.version)}"#)
            #expect(drawn.status == .ok, "\(drawn.body.string)")
            draw = try drawn.decode(DrawDTO.self)
            #expect(draw.ties[0].entryIds == expected && draw.ties[0].method == .lots)
            #expect(draw.tables[0].rows.map(\.separatedBy) == [nil, "drawingOfLots", "drawingOfLots", nil])
            let audit = try #require(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "groupTie").first())
            #expect(audit.after?.contains(#""seed":"7""#) == true)
            // Drawn again with the same seed: the same order.
            draw = try await f.organizer.send(.DELETE, tiePath(f) + "?version=\(draw.version)").decode(DrawDTO.self)
            draw = try await f.organizer.send(.PUT, tiePath(f), json: #"{"method":"lots","rank":2,"version":\#(draw.version)}"#).decode(DrawDTO.self)
            #expect(draw.ties[0].entryIds == expected)
            // Nothing left open to draw for.
            #expect(try await f.organizer.send(.PUT, tiePath(f), json: #"{"method":"lots","version":\#(draw.version)}"#).status == .conflict)

            // The knockout starts: the qualifiers and their seeds are settled, decision included.
            let k1 = try #require(draw.matches.first { $0.key == "k1" })
            #expect(k1.ready)
            #expect(try await f.official.send(.PUT, "/api/v1/programs/games/events/\(f.event.id)/matches/k1", json: #"{"score":"11-5 11-5 11-5"}"#).status == .ok)
            let withdraw = try await f.organizer.send(.DELETE, tiePath(f) + "?version=\(draw.version)")
            #expect(withdraw.status == .conflict && withdraw.body.string.contains("knockout they seeded has started"))
            let other = [expected[1], expected[0], expected[2]].map(String.init).joined(separator: ",")
            let change = try await f.organizer.send(.PUT, tiePath(f), json: #"{"order":[\#(other)],"method":"referee","version":\#(draw.version)}"#)
            #expect(change.status == .conflict)
            let page = try await Browser(app).get("/p/games/brackets/\(f.event.id)")
            #expect(page.body.string.contains("Drawing of lots"))
        }
    }

    @Test func aCorrectedGroupScoreMakesTheDecisionStale() async throws {
        try await withPodium { app in
            let (f, a) = try await tiedGroups(app)
            var draw = try await current(app, f)
            draw = try await f.organizer.send(.PUT, tiePath(f), json: #"{"order":[\#(a[1]),\#(a[2]),\#(a[3])],"method":"referee","version":\#(draw.version)}"#).decode(DrawDTO.self)
            #expect(draw.ties.first?.open == false)
            // The circle is broken: a[1] also beats a[3]. No tie any more; the stored decision is ignored, nothing crashes.
            let match = try #require(draw.matches.first { $0.stage == "group" && Set([$0.homeEntryId, $0.awayEntryId]) == Set([a[1], a[3]]) })
            let score = match.homeEntryId == a[1] ? "11-5 11-5 11-5" : "5-11 5-11 5-11"
            let corrected = try await f.official.send(.PUT, "/api/v1/programs/games/events/\(f.event.id)/matches/\(match.key)", json: #"{"score":"\#(score)","version":\#(match.version!)}"#)
            #expect(corrected.status == .ok, "\(corrected.body.string)")
            draw = try await current(app, f)
            #expect(draw.ties.isEmpty)
            #expect(draw.tables[0].rows.map(\.entryId) == [a[0], a[1], a[2], a[3]])
            #expect(!draw.tables[0].rows.contains { $0.separatedBy == "refereeDecision" })
            #expect(draw.matches.first { $0.key == "k1" }?.ready == true)
        }
    }

    @Test func theOrganizersPageSettlesATieInPlace() async throws {
        try await withPodium { app in
            let (f, a) = try await tiedGroups(app)
            let programID = try await ProgramModel.query(on: app.db).first()!.id!
            _ = try await app.makeUser("organizer@example.com", grants: [RoleGrant(role: .organizer)])
            _ = try await app.makeUser("official@example.com", grants: [RoleGrant(role: .official, programID: programID)])
            let organizer = Browser(app)
            try await organizer.signIn("organizer@example.com", "password-123")
            let draw = try await current(app, f)
            let labels = Dictionary(uniqueKeysWithValues: draw.entrants.map { ($0.entryId, $0.label) })
            let page = try await organizer.get(pagePath(f))
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Group A: \(labels[draw.ties[0].entryIds[0]]!), \(labels[draw.ties[0].entryIds[1]]!) and \(labels[draw.ties[0].entryIds[2]]!) are level on every tie-break for places 2–4."))
            #expect(html.contains("The knockout waits") && html.contains("Draw lots") && html.contains("name=\"place[3]\""))

            // A player chosen twice: the form comes back in place, with the message and the choices kept.
            let tieAction = pagePath(f) + "/groups/1/tie"
            let twice = try await organizer.post(tieAction, [("method", "referee"), ("rank", "2"), ("version", "\(draw.version)"),
                                                             ("place[1]", "\(a[2])"), ("place[2]", "\(a[2])"), ("place[3]", "\(a[1])")])
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.body.string.contains("is named more than once"))
            #expect(twice.body.string.contains("tie-box open has-error"))
            let secondSelect = try #require(twice.body.string.range(of: "name=\"place[2]\"")).upperBound
            let rest = twice.body.string[secondSelect...]
            let selectEnd = try #require(rest.range(of: "</select>")).lowerBound
            #expect(rest[..<selectEnd].contains("value=\"\(a[2])\" selected"))
            let stale = try await organizer.post(tieAction, [("method", "referee"), ("rank", "2"), ("version", "42"),
                                                             ("place[1]", "\(a[3])"), ("place[2]", "\(a[2])"), ("place[3]", "\(a[1])")])
            #expect(stale.status == .conflict && stale.body.string.contains("tie-box open has-error"))

            // Officials see the tie but cannot settle it.
            let official = Browser(app)
            try await official.signIn("official@example.com", "password-123")
            let officialPage = try await official.get(pagePath(f))
            #expect(officialPage.body.string.contains("are level on every tie-break") && !officialPage.body.string.contains("Draw lots"))
            #expect(try await official.post(tieAction, [("method", "lots"), ("rank", "2"), ("version", "\(draw.version)")]).status == .forbidden)

            let saved = try await organizer.post(tieAction, [("method", "referee"), ("rank", "2"), ("version", "\(draw.version)"),
                                                             ("place[1]", "\(a[3])"), ("place[2]", "\(a[2])"), ("place[3]", "\(a[1])")])
            #expect(saved.status == .seeOther)
            var after = try await current(app, f)
            #expect(after.ties[0].entryIds == [a[3], a[2], a[1]] && after.ties[0].method == .referee)
            let settledPage = try await organizer.get(pagePath(f))
            #expect(settledPage.body.string.contains("settled by referee decision") && settledPage.body.string.contains("Withdraw this decision"))

            let withdrawn = try await organizer.post(tieAction + "/withdraw", [("rank", "2"), ("version", "\(after.version)")])
            #expect(withdrawn.status == .seeOther)
            after = try await current(app, f)
            #expect(after.ties[0].open)
            app.random = PodiumRandom { 11 }
            let lots = try await organizer.post(tieAction, [("method", "lots"), ("rank", "2"), ("version", "\(after.version)")])
            #expect(lots.status == .seeOther)
            after = try await current(app, f)
            #expect(after.ties[0].method == .lots && after.ties[0].entryIds == GroupTieDecision.drawingLots(group: 1, entries: [a[1], a[2], a[3]], seed: 11).order)
            let staleWithdraw = try await organizer.post(tieAction + "/withdraw", [("rank", "2"), ("version", "1")])
            #expect(staleWithdraw.status == .conflict)
        }
    }
}
