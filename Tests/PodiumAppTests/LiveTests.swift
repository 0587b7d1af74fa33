import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Live pages: one hub for every program, resumable streams, ETags, the page cache")
struct LiveTests {
    /// A games program with one 100 m event and three one-runner teams, and an official's token.
    func games(_ app: Application) async throws -> (event: EventDTO, entries: [Int], official: API) {
        let (event, entries, programID) = try await GamesStartListTests().program(app, template: "100m-men", count: 3)
        let official = API(app: app, token: try await app.makeToken(.official, programID: programID))
        return (event, entries, official)
    }

    static func liveID(_ html: String) throws -> String {
        try #require(html.firstMatch(of: /data-live-id="([0-9a-f]{16})"/)?.1).description
    }

    @Test func aResultReachesTheStandingsPageThroughItsStream() async throws {
        try await withPodium { app in
            let g = try await games(app)
            let page = try await Browser(app).get("/p/games/standings")
            let html = page.body.string
            #expect(html.contains(#"data-live="/p/games/live/events?view=%2Fp%2Fgames%2Fstandings""#))
            let id = try Self.liveID(html)
            #expect(html.contains("/js/live-page.js"))

            // Opened with the id it was rendered at, the stream sends nothing until something changes…
            let quiet = try await Browser(app).get("/p/games/live/events?view=%2Fp%2Fgames%2Fstandings&since=\(id)")
            #expect(quiet.headers.contentType?.subType == "event-stream")
            #expect(!quiet.body.string.contains("event: page"))

            // …then a result written by an official arrives as the page's new content, with a new id. The stream is
            // kept open long enough for a busy test machine.
            app.podiumConfig.liveStreamSeconds = 4
            async let streamed = Browser(app).get("/p/games/live/events?view=%2Fp%2Fgames%2Fstandings&since=\(id)")
            try await Task.sleep(for: .milliseconds(300))
            let path = "/api/v1/programs/games/events/\(g.event.id)/results"
            #expect(try await g.official.send(.POST, path, json: #"{"entryId":\#(g.entries[1]),"mark":"11.90"}"#).status == .ok)
            let body = try await streamed.body.string
            app.podiumConfig.liveStreamSeconds = 1
            let event = try #require(body.components(separatedBy: "\n\n").first { $0.contains("event: page") })
            #expect(!event.contains("id: \(id)\n"))
            #expect(event.contains("Company 2"))
            #expect(!event.contains("<html") && !event.contains("site-header"))

            // The page read now carries the id the stream sent: a reconnect resumes from it.
            let newID = try #require(event.firstMatch(of: /id: ([0-9a-f]{16})/)?.1).description
            #expect(try Self.liveID(try await Browser(app).get("/p/games/standings").body.string) == newID)
            let resumed = try await Browser(app).get("/p/games/live/events?view=%2Fp%2Fgames%2Fstandings", headers: ["Last-Event-ID": newID])
            #expect(!resumed.body.string.contains("event: page"))
            // A reader who missed it (an old id) is sent the page at once.
            let behind = try await Browser(app).get("/p/games/live/events?view=%2Fp%2Fgames%2Fstandings", headers: ["Last-Event-ID": id])
            #expect(behind.body.string.contains("id: \(newID)\nevent: page"))
        }
    }

    @Test func aDecisionReachesTheHonorRollThroughItsStream() async throws {
        try await withPodium { app in
            let recognition = RecognitionPublicWebTests()
            let f = try await recognition.decided(app)
            let view = "%2Fp%2Frecognition-2020%2Fhonor-roll"
            let page = try await Browser(app).get(RecognitionPublicWebTests.roll).body.string
            #expect(page.contains("is not published yet"))
            let id = try Self.liveID(page)
            app.podiumConfig.liveStreamSeconds = 4
            async let streamed = Browser(app).get("/p/recognition-2020/live/events?view=\(view)&since=\(id)")
            try await Task.sleep(for: .milliseconds(300))
            // Opening the public notice makes the proposed honorees public: the honor roll shows them at once.
            try await recognition.startNotice(f)
            let body = try await streamed.body.string
            app.podiumConfig.liveStreamSeconds = 1
            let event = try #require(body.components(separatedBy: "\n\n").first { $0.contains("event: page") })
            #expect(event.contains("Worker a1") && !event.contains("is not published yet"))
            // Its objection form carries a stand-in for the form token, which each reader's page fills with its own.
            #expect(event.contains(#"name="_csrf" value="{{podium-csrf}}""#))
        }
    }

    @Test func everyPublicPageOfAProgramIsLiveAndOnlyThose() async throws {
        try await withPodium { app in
            _ = try await games(app)
            for path in ["/p/games", "/p/games/results", "/p/games/standings", "/p/games/awards", "/p/games/schedule"] {
                let html = try await Browser(app).get(path).body.string
                #expect(html.contains(#"id="live-region""#), "\(path) should be live")
                _ = try Self.liveID(html)
            }
            for path in ["/", "/news", "/p/games/programme", "/login"] {
                #expect(try await Browser(app).get(path).body.string.contains(#"id="live-region""#) == false, "\(path) is not live")
            }
            // The big-screen mode of a live page follows the same stream, and links back.
            let big = try await Browser(app).get("/p/games/standings?screen=big").body.string
            #expect(big.contains(#"class="big-screen live-screen""#))
            #expect(big.contains(#"data-live="/p/games/live/events?view=%2Fp%2Fgames%2Fstandings""#))
            #expect(big.contains(#"<a href="/p/games/standings">Normal view</a>"#))
            #expect(try await Browser(app).get("/p/games/standings").body.string.contains(#"<a href="/p/games/standings?screen=big">Big screen</a>"#))
            // Errors are never live, even at a live address.
            let missing = try await Browser(app).get("/p/nothing-here/standings")
            #expect(missing.status == .notFound && !missing.body.string.contains("live-region"))
        }
    }

    @Test func aStreamOnlyFollowsThePublicPagesOfItsOwnProgram() async throws {
        try await withPodium { app in
            _ = try await games(app)
            for view in ["/admin", "/p/other/results", "/p/games/live/events", "/p/games/results?x=%3Cscript%3E", "/p/games/programme"] {
                let response = try await Browser(app).get("/p/games/live/events?view=\(view.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect(response.status == .unprocessableEntity, "\(view)")
                #expect(response.body.string.contains("is not a page of this program that can be followed live"))
            }
            // Without a view, a games program follows its home page.
            #expect(try await Browser(app).get("/p/games/live/events").body.string.contains("event: page"))
            #expect(try await Browser(app).get("/p/nothing/live/events").status == .notFound)
            // A draft program is not followed by the public.
            let organizer = API(app: app, token: try await app.makeToken(.organizer))
            _ = try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"games","slug":"draft","name":"Draft","startDate":"2024-11-18"}"#)
            #expect(try await Browser(app).get("/p/draft/live/events").status == .notFound)
        }
    }

    @Test func pagesAndJSONAnswerIfNoneMatchWith304UntilTheDataChanges() async throws {
        try await withPodium { app in
            let g = try await games(app)
            let reader = Browser(app)
            let first = try await reader.get("/p/games/results")
            let etag = try #require(first.headers.first(name: .eTag))
            #expect(etag.hasPrefix("W/\""))
            #expect(first.headers.first(name: .cacheControl) == "no-cache")
            let again = try await reader.get("/p/games/results", headers: ["If-None-Match": etag])
            #expect(again.status == .notModified && again.body.readableBytes == 0)
            #expect(again.headers.first(name: .eTag) == etag)
            // A list of tags, one of them current, also matches.
            #expect(try await reader.get("/p/games/results", headers: ["If-None-Match": #"W/"0000000000000000", \#(etag)"#]).status == .notModified)

            let json = try await reader.get("/api/v1/programs/games/standings")
            let jsonTag = try #require(json.headers.first(name: .eTag))
            #expect(try await reader.get("/api/v1/programs/games/standings", headers: ["If-None-Match": jsonTag]).status == .notModified)
            // JSON carries no form token: a machine without cookies gets the same tag, and its 304.
            #expect(try await API(app: app).send(.GET, "/api/v1/programs/games/standings").headers.first(name: .eTag) == jsonTag)

            let path = "/api/v1/programs/games/events/\(g.event.id)/results"
            _ = try await g.official.send(.POST, path, json: #"{"entryId":\#(g.entries[0]),"mark":"12.00"}"#)
            let changed = try await reader.get("/p/games/results", headers: ["If-None-Match": etag])
            #expect(changed.status == .ok && changed.body.string.contains("12.00"))
            #expect(changed.headers.first(name: .eTag) != etag)
            #expect(try await reader.get("/api/v1/programs/games/standings", headers: ["If-None-Match": jsonTag]).status == .ok)
            // Back-office pages are never stored or revalidated.
            #expect(try await reader.get("/login").headers.first(name: .eTag) == nil)
        }
    }

    @Test func anonymousReadersAreServedFromTheCacheUntilAChangeSignal() async throws {
        try await withPodium { app in
            let g = try await games(app)
            app.podiumConfig.pageCacheSeconds = 60
            app.publicPageCache = PublicPageCache(lifetime: .seconds(60))
            let first = Browser(app), second = Browser(app)
            let one = try await first.get("/p/games").body.string
            // A change that sends no signal (as if by hand in the database) is not seen while the copy is fresh…
            let program = try await ProgramModel.query(on: app.db).filter(\.$slug == "games").first()!
            program.name = "Renamed Games"
            try await program.save(on: app.db)
            let two = try await second.get("/p/games").body.string
            #expect(!two.contains("Renamed Games"))
            #expect(app.publicPageCache.count >= 1)
            // …and each reader still gets their own form token.
            let token = { (html: String) in html.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1.description }
            #expect(token(one) != nil && token(two) != nil && token(one) != token(two))
            #expect(!two.contains(LiveRegion.tokenPlaceholder))
            // A signed-in organizer is never served a reader's copy.
            _ = try await app.makeUser("boss@example.com", grants: [RoleGrant(role: .organizer)])
            let boss = Browser(app)
            try await boss.signIn("boss@example.com", "password-123")
            #expect(try await boss.get("/p/games").body.string.contains("Renamed Games"))
            // A copy made for one Host (the feed's links come from it) is never served to another.
            let forged = try await Browser(app).get("/feed.xml", headers: ["Host": "evil.example"]).body.string
            #expect(forged.contains("evil.example"))
            let honest = try await Browser(app).get("/feed.xml", headers: ["Host": "podium.example"]).body.string
            #expect(honest.contains("podium.example") && !honest.contains("evil.example"))
            // A write through the app signals the change: the next reader sees it.
            _ = try await g.official.send(.POST, "/api/v1/programs/games/events/\(g.event.id)/results", json: #"{"entryId":\#(g.entries[0]),"mark":"12.00"}"#)
            #expect(try await Browser(app).get("/p/games").body.string.contains("Renamed Games"))
        }
    }

    /// Two apps on one PostgreSQL, as two nodes behind a load balancer: a result written through the first
    /// reaches a watcher of the second through NOTIFY. (e2e/two_nodes.py proves it with two real processes.)
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PODIUM_TEST_DATABASE_URL"] != nil, "needs PostgreSQL"))
    func aWriteOnOneNodeReachesAWatcherOfAnother() async throws {
        try await withPodium { app in
            let g = try await games(app)
            let other = try await Application.make(.testing)
            var config = app.podiumConfig
            config.liveListen = true
            // No heartbeat refresh during the test: only NOTIFY can bring the change across.
            config.liveRefreshSeconds = 600
            try await configure(other, config: config)
            try await other.asyncBoot()
            do {
                let hub = other.liveHub
                // The listener signals once when it is connected.
                for _ in 0..<100 where hub.currentGeneration == 0 { try await Task.sleep(for: .milliseconds(50)) }
                #expect(hub.currentGeneration > 0)
                let key = LiveHub.Key(kind: .page, target: "/p/games/results", language: "en")
                let (id, stream) = await hub.subscribe(key)
                let reader = Task { () -> [LiveHub.Frame] in
                    var seen: [LiveHub.Frame] = []
                    for await frame in stream {
                        seen.append(frame)
                        if frame.id != seen[0].id { break }
                    }
                    return seen
                }
                try await Task.sleep(for: .milliseconds(200))
                _ = try await g.official.send(.POST, "/api/v1/programs/games/events/\(g.event.id)/results", json: #"{"entryId":\#(g.entries[2]),"mark":"11.87"}"#)
                // Ending the subscription ends the reader, should the change never arrive.
                let deadline = Task { try await Task.sleep(for: .seconds(10)); await hub.unsubscribe(key, id: id) }
                let seen = await reader.value
                deadline.cancel()
                #expect(seen.first?.data.contains("11.87") == false)
                #expect(seen.count > 1 && seen.last?.data.contains("11.87") == true)
                await hub.unsubscribe(key, id: id)
            } catch {
                Issue.record(error)
            }
            try await other.asyncShutdown()
        }
    }

    @Test func theSharedCopyExpiresAndNeverGrowsWithoutBound() async throws {
        let headers = HTTPHeaders()
        let entry = { PublicPageCache.Entry(template: "x", templateHash: "h", headers: headers, generation: 1, storedAt: .now) }
        let small = PublicPageCache(lifetime: .seconds(60), capacity: 2)
        for key in ["a", "b", "c"] { small.store(key, entry()) }
        #expect(small.count <= 2 && small.entry("c", generation: 1) != nil)
        // Another generation (a change signal) or an old copy is a miss.
        #expect(small.entry("c", generation: 2) == nil)
        let brief = PublicPageCache(lifetime: .milliseconds(20))
        brief.store("a", entry())
        #expect(brief.entry("a", generation: 1) != nil)
        try await Task.sleep(for: .milliseconds(40))
        #expect(brief.entry("a", generation: 1) == nil)
    }

    @Test func oneRenderServesEveryWatcherOfAView() async throws {
        try await withPodium { app in
            _ = try await games(app)
            let renders = Counter()
            let hub = LiveHub(refreshInterval: .seconds(60), coalesce: .milliseconds(5)) { key in
                await renders.add()
                return try? await LivePageRenderer.render(path: key.target, language: key.language, app: app)
            }
            let key = LiveHub.Key(kind: .page, target: "/p/games/standings", language: "zh-Hans")
            var streams: [(UUID, AsyncStream<LiveHub.Frame>)] = []
            for _ in 0..<50 { streams.append(await hub.subscribe(key)) }
            #expect(await renders.value == 1)
            #expect(await hub.watcherCount == 50)
            var iterator = streams[7].1.makeAsyncIterator()
            let frame = try #require(await iterator.next())
            #expect(frame.event == "page" && frame.data.contains("团体总分"))
            hub.changed()
            try await Task.sleep(for: .milliseconds(200))
            // Nothing changed in the data, so nothing new is sent, and the view was rendered once more for all fifty.
            #expect(await renders.value == 2)
            for (id, _) in streams { await hub.unsubscribe(key, id: id) }
            #expect(await hub.watcherCount == 0)
            // This hub is the test's own: stop it before the app (and its database) goes away.
            await hub.stop()
        }
    }
}

actor Counter {
    private(set) var value = 0
    func add() { value += 1 }
}
