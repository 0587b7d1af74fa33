import Fluent
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("News: articles, scheduling, photos, feed and sitemap")
struct NewsTests {
    /// 2024-05-01 10:00 in Shanghai.
    static let start = ISO8601DateFormatter().date(from: "2024-05-01T02:00:00Z")!
    /// A real 1×1 PNG.
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!

    struct Part {
        var name: String
        var filename: String?
        var contentType: String?
        var data: Data
    }

    static func multipart(_ parts: [Part], headers base: HTTPHeaders = [:]) -> (HTTPHeaders, ByteBuffer) {
        let boundary = "----podium-news-test"
        var body = Data()
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let filename = part.filename { head += "; filename=\"\(filename)\"" }
            head += "\r\n"
            if let type = part.contentType { head += "Content-Type: \(type)\r\n" }
            body.append(Data((head + "\r\n").utf8))
            body.append(part.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var headers = base
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return (headers, ByteBuffer(data: body))
    }

    /// Sends files to the API with a Bearer token.
    static func upload(_ app: Application, token: String?, _ path: String, _ parts: [Part]) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        let (allHeaders, body) = multipart(parts, headers: headers)
        return try await app.testing().sendRequest(.POST, path, headers: allHeaders, body: body)
    }

    /// Posts a multipart form from a signed-in browser, with its CSRF token.
    static func upload(_ browser: Browser, _ path: String, _ parts: [Part]) async throws -> TestingHTTPResponse {
        let csrf = Part(name: "_csrf", data: Data((browser.cookies[CSRFMiddleware.cookieName] ?? "").utf8))
        let (headers, body) = multipart([csrf] + parts)
        return try await browser.send(.POST, path, headers: headers, body: body)
    }

    static func files(_ app: Application) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: app.podiumConfig.uploadsDirectory)) ?? []).sorted()
    }

    static func organizerBrowser(_ app: Application) async throws -> Browser {
        try await app.makeUser("editor@test.podium", grants: [RoleGrant(role: .organizer)])
        let browser = Browser(app)
        try await browser.signIn("editor@test.podium", "password-123")
        return browser
    }

    static func json(_ value: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    @discardableResult
    static func create(_ api: API, _ fields: [String: Any]) async throws -> NewsArticleDTO {
        let response = try await api.send(.POST, "/api/v1/news", json: json(fields))
        #expect(response.status == .created, "\(response.body.string)")
        return try response.decode(NewsArticleDTO.self)
    }

    // MARK: Writing and publishing

    @Test func organizersDraftPublishAndEditThroughTheAPI() async throws {
        try await withPodium { app in
            app.clock = TestClock(Self.start).seam
            let organizer = API(app: app, token: try await app.makeToken(.organizer))
            let draft = try await Self.create(organizer, ["title": "Faster, farther, closer! The 5th Workers' Games", "source": "Jinghua Group Trade Union",
                                                          "body": "The **5th** Games."])
            #expect(draft.slug == "faster-farther-closer-the-5th-workers-games")
            #expect(draft.status == .draft && !draft.visible && draft.publishedAt == nil)
            #expect(draft.html == "<p>The <strong>5th</strong> Games.</p>\n")

            // A draft exists only for organizers.
            #expect(try await API(app: app).send(.GET, "/api/v1/news/\(draft.slug)").status == .notFound)
            #expect(try await Browser(app).get("/news/\(draft.slug)").status == .notFound)
            #expect(try await API(app: app).send(.GET, "/api/v1/news").decode(NewsPageDTO.self).total == 0)
            #expect(try await organizer.send(.GET, "/api/v1/news").decode(NewsPageDTO.self).total == 1)
            #expect(try await organizer.send(.GET, "/api/v1/news/\(draft.slug)").status == .ok)

            var fields: [String: Any] = ["title": draft.title, "source": draft.source, "body": draft.body, "status": "published", "version": 1]
            let published = try await organizer.send(.PUT, "/api/v1/news/\(draft.slug)", json: Self.json(fields))
            #expect(published.status == .ok, "\(published.body.string)")
            let article = try published.decode(NewsArticleDTO.self)
            #expect(article.visible && article.status == .published && article.publishedAt == Self.start && article.version == 2)

            let page = try await Browser(app).get("/news/\(article.slug)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("<h1>Faster, farther, closer! The 5th Workers&#39; Games</h1>") || html.contains("<h1>Faster, farther, closer! The 5th Workers&#x27; Games</h1>"), "\(html)")
            #expect(html.contains("Jinghua Group Trade Union"))
            #expect(html.contains("1 May 2024, 10:00"), "the release time in Shanghai time")
            #expect(html.contains("<meta property=\"og:type\" content=\"article\">"))
            #expect(html.contains("<meta name=\"description\" content=\"The 5th Games.\">"))
            #expect(try await API(app: app).send(.GET, "/api/v1/news").decode(NewsPageDTO.self).items.map(\.slug) == [article.slug])

            // Someone who read version 1 cannot overwrite version 2.
            fields["title"] = "An old edit"
            let stale = try await organizer.send(.PUT, "/api/v1/news/\(article.slug)", json: Self.json(fields))
            #expect(stale.status == .conflict)
            #expect(try await organizer.send(.GET, "/api/v1/news/\(article.slug)").decode(NewsArticleDTO.self).title == draft.title)

            // A release time cannot be in the future for a published article.
            let future = try await organizer.send(.PUT, "/api/v1/news/\(article.slug)", json: Self.json([
                "title": draft.title, "body": "x", "status": "published", "publishedAt": "2024-06-01T00:00:00Z", "version": 2]))
            #expect(future.status == .unprocessableEntity)
            #expect(((future.json["errors"] as? [[String: Any]])?.first?["field"] as? String) == "publishedAt")

            // Chinese titles get a slug from the release date; a second one on the same day a number.
            let chinese: [String: Any] = ["title": "第五届职工运动会圆满落幕", "status": "published", "publishedAt": "2023-11-21T02:00:00Z", "body": "运动会圆满落幕。"]
            #expect(try await Self.create(organizer, chinese).slug == "news-2023-11-21")
            #expect(try await Self.create(organizer, chinese).slug == "news-2023-11-21-2")
            let taken = try await organizer.send(.POST, "/api/v1/news", json: Self.json(["title": "Again", "slug": "news-2023-11-21"]))
            #expect(taken.status == .unprocessableEntity && taken.body.string.contains("already has the address"))

            // Deleting needs the version read.
            #expect(try await organizer.send(.DELETE, "/api/v1/news/\(article.slug)?version=1").status == .conflict)
            #expect(try await organizer.send(.DELETE, "/api/v1/news/\(article.slug)?version=2").status == .noContent)
            #expect(try await Browser(app).get("/news/\(article.slug)").status == .notFound)
        }
    }

    @Test func aScheduledArticleAppearsWhenItsTimeComes() async throws {
        try await withPodium { app in
            let clock = TestClock(Self.start)
            app.clock = clock.seam
            let organizer = API(app: app, token: try await app.makeToken(.organizer))
            let past = try await organizer.send(.POST, "/api/v1/news", json: Self.json([
                "title": "Too late", "body": "x", "status": "scheduled", "publishedAt": "2024-05-01T01:00:00Z"]))
            #expect(past.status == .unprocessableEntity && past.body.string.contains("This time has passed"))

            let scheduled = try await Self.create(organizer, ["title": "Relay results", "source": "Green Valley Running Association", "body": "All seven teams finished.",
                                                              "status": "scheduled", "publishedAt": "2024-05-01T03:00:00Z"])
            #expect(scheduled.status == .scheduled && !scheduled.visible)
            let reader = Browser(app)
            #expect(try await reader.get("/news/\(scheduled.slug)").status == .notFound)
            #expect(try await API(app: app).send(.GET, "/api/v1/news/\(scheduled.slug)").status == .notFound)
            #expect(!(try await reader.get("/news").body.string.contains("Relay results")))
            #expect(!(try await reader.get("/feed.xml").body.string.contains("Relay results")))
            #expect(!(try await reader.get("/sitemap.xml").body.string.contains(scheduled.slug)))

            // Organizers see it, with a word on when readers will.
            let organizerPage = try await Self.organizerBrowser(app).get("/news/\(scheduled.slug)")
            #expect(organizerPage.status == .ok)
            #expect(organizerPage.body.string.contains("readers will see it from 1 May 2024, 11:00"))

            clock.advance(days: 1.5 / 24)
            #expect(try await reader.get("/news/\(scheduled.slug)").status == .ok)
            let dto = try await API(app: app).send(.GET, "/api/v1/news/\(scheduled.slug)").decode(NewsArticleDTO.self)
            #expect(dto.status == .published && dto.visible)
            #expect(try await reader.get("/news").body.string.contains("Relay results"))
            #expect(try await reader.get("/feed.xml").body.string.contains("Relay results"))
            #expect(try await reader.get("/").body.string.contains("Relay results"))

            // Saved again after its time, it stays published.
            let saved = try await organizer.send(.PUT, "/api/v1/news/\(scheduled.slug)", json: Self.json([
                "title": "Relay results", "body": "All seven teams finished, in the rain.", "status": "scheduled",
                "publishedAt": "2024-05-01T03:00:00Z", "version": dto.version]))
            #expect(saved.status == .ok, "\(saved.body.string)")
            #expect(try saved.decode(NewsArticleDTO.self).visible)
        }
    }

    @Test func onlyOrganizersWrite() async throws {
        try await withPodium { app in
            let organizer = API(app: app, token: try await app.makeToken(.organizer))
            let unit = try await app.makeUnit("Jinghua Technology")
            let program = try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"games","slug":"games-2024","name":"Games","startDate":"2024-05-01"}"#)
                .decode(ProgramDTO.self)
            let article = try await Self.create(organizer, ["title": "Union news", "body": "Text"])
            let leader = try await app.makeToken(.teamLeader, unitID: unit.id)
            let official = try await app.makeToken(.official, programID: program.id)
            for token in [nil, leader, official] {
                let api = API(app: app, token: token)
                let expected: HTTPResponseStatus = token == nil ? .unauthorized : .forbidden
                #expect(try await api.send(.POST, "/api/v1/news", json: #"{"title":"Mine"}"#).status == expected)
                #expect(try await api.send(.PUT, "/api/v1/news/\(article.slug)", json: #"{"title":"Mine","version":1}"#).status == expected)
                #expect(try await api.send(.DELETE, "/api/v1/news/\(article.slug)?version=1").status == expected)
                let photo = try await Self.upload(app, token: token, "/api/v1/news/\(article.slug)/photos",
                                                  [Part(name: "file", filename: "a.png", contentType: "image/png", data: Self.png)])
                #expect(photo.status == expected)
                // Nor do they see drafts.
                #expect(try await api.send(.GET, "/api/v1/news/\(article.slug)").status == .notFound)
            }
            try await app.makeUser("leader@test.podium", grants: [RoleGrant(role: .teamLeader, unitID: unit.id)])
            try await app.makeUser("official@test.podium", grants: [RoleGrant(role: .official, programID: program.id)])
            for email in ["leader@test.podium", "official@test.podium"] {
                let browser = Browser(app)
                try await browser.signIn(email, "password-123")
                #expect(try await browser.get("/admin/news").status == .forbidden)
                #expect(try await browser.get("/admin/news/\(article.id)").status == .forbidden)
                #expect(try await browser.post("/admin/news", [("title", "Mine"), ("body", "x")]).status == .forbidden)
                #expect(try await browser.post("/admin/news/\(article.id)/status", [("status", "published"), ("version", "1")]).status == .forbidden)
                #expect(try await browser.get("/admin/news/\(article.id)/preview").status == .forbidden)
            }
            #expect(try await Browser(app).get("/admin/news").status != .ok)
            #expect(try await NewsArticleModel.query(on: app.db).count() == 1)
            #expect(try await NewsArticleModel.query(on: app.db).first()?.status == "draft")
        }
    }

    @Test func theBackOfficeFormKeepsWhatWasTypedAndPublishes() async throws {
        try await withPodium { app in
            app.clock = TestClock(Self.start).seam
            let browser = try await Self.organizerBrowser(app)
            let list = try await browser.get("/admin/news")
            #expect(list.status == .ok && list.body.string.contains("href=\"/admin/news/new\""))
            #expect(try await browser.get("/admin/news/new").status == .ok)

            let bad = try await browser.post("/admin/news", [("title", ""), ("source", "Jinghua Group Trade Union"), ("slug", "Bad Slug"),
                                                             ("publishedAt", "next Tuesday"), ("programId", ""), ("body", "Kept *text*")])
            #expect(bad.status == .unprocessableEntity)
            let html = bad.body.string
            #expect(html.contains("value=\"Jinghua Group Trade Union\""))
            #expect(html.contains("Kept *text*</textarea>"))
            #expect(html.contains("A title is required."))
            #expect(html.contains("may use only lowercase letters"))
            #expect(html.contains("is not a date and time"))
            #expect(try await NewsArticleModel.query(on: app.db).count() == 0)

            let created = try await browser.post("/admin/news", [("title", "Relay day"), ("source", "Green Valley Running Association"), ("slug", ""),
                                                                 ("publishedAt", ""), ("programId", ""), ("body", "Rain did not stop us.")])
            #expect(created.status == .seeOther)
            let article = try #require(try await NewsArticleModel.query(on: app.db).first())
            #expect(created.headers.first(name: .location) == "/admin/news/\(article.id!)")
            #expect(article.slug == "relay-day" && article.status == "draft")
            let edit = try await browser.get("/admin/news/\(article.id!)")
            #expect(edit.status == .ok && edit.body.string.contains("Publish now"))

            let form: [(String, String)] = [("title", "Relay day in the rain"), ("source", "Green Valley Running Association"), ("slug", "relay-day"),
                                            ("publishedAt", ""), ("programId", ""), ("body", "Rain did not stop us."), ("version", "1")]
            #expect(try await browser.post("/admin/news/\(article.id!)", form).status == .seeOther)
            let stale = try await browser.post("/admin/news/\(article.id!)", form.map { $0.0 == "title" ? ($0.0, "Lost edit") : $0 })
            #expect(stale.status == .conflict)
            #expect(stale.body.string.contains("Someone else changed this"))
            #expect(stale.body.string.contains("value=\"Lost edit\""), "the typed title is kept")

            #expect(try await Browser(app).get("/news/relay-day").status == .notFound)
            let preview = try await browser.get("/admin/news/\(article.id!)/preview").body.string
            #expect(preview.contains("only organizers can see it"))
            #expect(preview.contains("<dt>Source</dt>") && !preview.contains("<dt>Release time</dt>"), "a draft without a release time shows none")
            let publish = try await browser.post("/admin/news/\(article.id!)/status", [("status", "published"), ("version", "2")])
            #expect(publish.status == .seeOther)
            #expect(try await Browser(app).get("/news/relay-day").status == .ok)

            #expect(try await browser.post("/admin/news/\(article.id!)/status", [("status", "draft"), ("version", "3")]).status == .seeOther)
            #expect(try await Browser(app).get("/news/relay-day").status == .notFound)

            let past = try await browser.post("/admin/news/\(article.id!)/status", [("status", "scheduled"), ("publishedAt", "2024-04-30T08:00"), ("version", "4")])
            #expect(past.status == .unprocessableEntity && past.body.string.contains("This time has passed"))
            let staleStatus = try await browser.post("/admin/news/\(article.id!)/status", [("status", "published"), ("version", "1")])
            #expect(staleStatus.status == .conflict)
            let scheduled = try await browser.post("/admin/news/\(article.id!)/status", [("status", "scheduled"), ("publishedAt", "2024-05-02T08:00"), ("version", "4")])
            #expect(scheduled.status == .seeOther)
            let saved = try #require(try await NewsArticleModel.find(article.id, on: app.db))
            #expect(saved.status == "scheduled" && saved.publishedAt == ISO8601DateFormatter().date(from: "2024-05-02T00:00:00Z"))
            #expect(try await Browser(app).get("/news/relay-day").status == .notFound)
            #expect(try await browser.get("/admin/news").body.string.contains("Scheduled"))

            let delete = try await browser.post("/admin/news/\(article.id!)/delete", [("version", "5")])
            #expect(delete.status == .seeOther)
            #expect(try await NewsArticleModel.query(on: app.db).count() == 0)
        }
    }

    // MARK: Photos

    @Test func photosAreCheckedByTheirBytesAndBadUploadsChangeNothing() async throws {
        try await withPodium { app in
            let token = try await app.makeToken(.organizer)
            let organizer = API(app: app, token: token)
            let article = try await Self.create(organizer, ["title": "Tug of war", "body": "Pull!", "status": "published"])
            let path = "/api/v1/news/\(article.slug)/photos"

            let added = try await Self.upload(app, token: token, path, [Part(name: "file", filename: "tug.png", contentType: "image/png", data: Self.png),
                                                                        Part(name: "caption", data: Data("The final pull".utf8))])
            #expect(added.status == .created, "\(added.body.string)")
            let photo = try added.decode(NewsPhotoDTO.self)
            #expect(photo.caption == "The final pull" && photo.contentType == "image/png" && photo.position == 1)
            #expect(photo.url.hasPrefix("/uploads/") && !photo.url.contains("tug"))
            #expect(Self.files(app).count == 1)
            let served = try await Browser(app).get(photo.url)
            #expect(served.status == .ok && served.headers.contentType == .png)
            #expect(Data(buffer: served.body) == Self.png)

            // Text named .png and sent as image/png is still text.
            let text = try await Self.upload(app, token: token, path, [Part(name: "file", filename: "notes.png", contentType: "image/png",
                                                                            data: Data("just some notes, honestly".utf8))])
            #expect(text.status == .unprocessableEntity)
            let message = (text.json["errors"] as? [[String: Any]])?.first?["message"] as? String
            #expect(message == "“notes.png” is not a JPEG, PNG, WebP or GIF image.")

            // Over the limit: the message names the file and the limit.
            app.podiumConfig.uploadMaxBytes = 1_048_576
            var big = Self.png
            big.append(Data(count: 1_600_000))
            let tooLarge = try await Self.upload(app, token: token, path, [Part(name: "file", filename: "big.png", contentType: "image/png", data: big)])
            #expect(tooLarge.status == .unprocessableEntity)
            #expect(tooLarge.body.string.contains("“big.png” is 1.5 MB; photos may be at most 1 MB."), "\(tooLarge.body.string)")
            #expect(Self.files(app).count == 1)
            #expect(try await NewsPhotoModel.query(on: app.db).count() == 1)

            // The back office: one bad file among good ones refuses them all and stores nothing.
            let browser = try await Self.organizerBrowser(app)
            let mixed = try await Self.upload(browser, "/admin/news/\(article.id)/photos", [
                Part(name: "photos[]", filename: "good.png", contentType: "image/png", data: Self.png),
                Part(name: "photos[]", filename: "evil.png", contentType: "image/png", data: Data("<script>alert(1)</script>".utf8)),
            ])
            #expect(mixed.status == .unprocessableEntity)
            #expect(mixed.body.string.contains("“evil.png” is not a JPEG, PNG, WebP or GIF image."))
            #expect(Self.files(app).count == 1)
            #expect(try await NewsPhotoModel.query(on: app.db).count() == 1)

            let two = try await Self.upload(browser, "/admin/news/\(article.id)/photos", [
                Part(name: "photos[]", filename: "a.png", contentType: "image/png", data: Self.png),
                Part(name: "photos[]", filename: "b.gif", contentType: "image/gif", data: Data("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8)),
            ])
            #expect(two.status == .seeOther)
            #expect(Self.files(app).count == 3)
            let cover = try await Self.upload(browser, "/admin/news/\(article.id)/cover", [Part(name: "cover", filename: "cover.png", contentType: "image/png", data: Self.png)])
            #expect(cover.status == .seeOther)
            #expect(Self.files(app).count == 4)
            #expect(try await browser.get("/admin/news/\(article.id)").body.string.contains("<code>![The final pull](/uploads/"), "how to show a photo in the text")

            // Reordering moves the others out of the way.
            let photos = try await organizer.send(.GET, "/api/v1/news/\(article.slug)").decode(NewsArticleDTO.self).photos
            #expect(photos.map(\.position) == [1, 2, 3])
            let moved = try await organizer.send(.PUT, "/api/v1/news/\(article.slug)/photos/\(photos[2].id)", json: #"{"position":1,"caption":"Cheering squad"}"#)
            #expect(moved.status == .ok)
            let reordered = try await organizer.send(.GET, "/api/v1/news/\(article.slug)").decode(NewsArticleDTO.self)
            #expect(reordered.photos.map(\.id) == [photos[2].id, photos[0].id, photos[1].id])
            #expect(reordered.photos.map(\.position) == [1, 2, 3])
            #expect(reordered.photos[0].caption == "Cheering squad")
            #expect(reordered.coverUrl != nil)

            // The page shows the cover and the gallery with alternative texts.
            let page = try await Browser(app).get("/news/\(article.slug)").body.string
            #expect(page.contains("<img src=\"\(reordered.coverUrl!)\" alt=\"Tug of war\" width=\"1\" height=\"1\">"), "the size read from the cover's header")
            #expect(page.contains("alt=\"Cheering squad\""))
            #expect(page.contains("alt=\"The final pull\""))
            #expect(page.contains("<figcaption>The final pull</figcaption>"))
            #expect(page.contains("og:image"))
            #expect(!page.contains("<figcaption></figcaption>"), "a photo without a caption has none")
            #expect(!page.contains("<dt>Source</dt>"), "an article without a source does not show the label")

            let traversal = try await Browser(app).get("/uploads/..%2F..%2Fetc%2Fpasswd")
            #expect([.notFound, .forbidden].contains(traversal.status) && !traversal.body.string.contains("root:"), "\(traversal.status)")
            #expect(try await Browser(app).get("/uploads/0123456789abcdef0123456789abcdef.png").status == .notFound)

            // Moving on the web: a direction other than up or down, or past the end, moves nothing.
            let first = reordered.photos[0].id
            let sideways = try await browser.post("/admin/news/\(article.id)/photos/\(first)", [("move", "sideways")])
            #expect(sideways.status == .unprocessableEntity && sideways.body.string.contains("“sideways”"))
            let pastTop = try await browser.post("/admin/news/\(article.id)/photos/\(first)", [("move", "up")])
            #expect(pastTop.status == .conflict && pastTop.body.string.contains("already first"))
            #expect(try await browser.post("/admin/news/\(article.id)/photos/\(first)", [("move", "down")]).status == .seeOther)
            let afterMove = try await organizer.send(.GET, "/api/v1/news/\(article.slug)").decode(NewsArticleDTO.self)
            #expect(afterMove.photos.map(\.id) == [photos[0].id, photos[2].id, photos[1].id])

            // A photo another article's text shows is not removed, and keeps its file when its own article goes.
            let shown = photos[1]
            _ = try await Self.create(organizer, ["title": "Looking back", "body": "![The pull](\(shown.url))"])
            let inUse = try await organizer.send(.DELETE, "/api/v1/news/\(article.slug)/photos/\(shown.id)")
            #expect(inUse.status == .conflict)
            #expect(inUse.body.string.contains("This photo is shown in the text of “Looking back”. Nothing was removed"))
            #expect(Self.files(app).count == 4)

            // Removing a photo removes its file; deleting the article removes the rest, except what other text shows.
            #expect(try await organizer.send(.DELETE, "/api/v1/news/\(article.slug)/photos/\(photos[0].id)").status == .noContent)
            #expect(Self.files(app).count == 3)
            #expect(try await organizer.send(.DELETE, "/api/v1/news/\(article.slug)?version=\(afterMove.version)").status == .noContent)
            #expect(Self.files(app).count == 1)
            #expect(try await Browser(app).get(shown.url).status == .ok)
            #expect(try await NewsPhotoModel.query(on: app.db).count() == 0)
        }
    }

    // MARK: Feed and sitemap

    /// Collects what a feed or sitemap holds, as any XML reader would.
    final class XMLCollector: NSObject, XMLParserDelegate {
        var path: [String] = []
        var text = ""
        var entryTitles: [String] = []
        var links: [String] = []
        var locs: [String] = []
        var lastmods = 0
        var contents: [String] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            path.append(name)
            text = ""
            if name == "link", let href = attributes["href"] { links.append(href) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "title", path.dropLast().last == "entry" { entryTitles.append(text) }
            if name == "content" { contents.append(text) }
            if name == "loc" { locs.append(text) }
            if name == "lastmod" { lastmods += 1 }
            path.removeLast()
        }

        static func parse(_ xml: String) -> XMLCollector? {
            let collector = XMLCollector()
            let parser = XMLParser(data: Data(xml.utf8))
            parser.delegate = collector
            return parser.parse() ? collector : nil
        }
    }

    @Test func theFeedIsValidAtomOfPublishedArticlesOnly() async throws {
        try await withPodium { app in
            app.clock = TestClock(Self.start).seam
            let organizer = API(app: app, token: try await app.makeToken(.organizer))
            try await Self.create(organizer, ["title": "Tom & Jerry <win> the relay", "source": "Union \"office\"", "status": "published",
                                              "body": "Read [the results](/p/relay) & cheer.\n\n<script>alert(1)</script>"])
            try await Self.create(organizer, ["title": "Secret draft", "body": "x"])
            try await Self.create(organizer, ["title": "Later news", "body": "x", "status": "scheduled", "publishedAt": "2024-05-02T00:00:00Z"])

            let response = try await Browser(app).get("/feed.xml", headers: ["Host": "union.example.org"])
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType)?.hasPrefix("application/atom+xml") == true)
            let feed = try #require(XMLCollector.parse(response.body.string), "the feed parses as XML")
            #expect(feed.entryTitles == ["Tom & Jerry <win> the relay"])
            #expect(!feed.links.isEmpty && feed.links.allSatisfy { $0.hasPrefix("http://union.example.org/") }, "\(feed.links)")
            #expect(feed.contents.first?.contains("<a href=\"http://union.example.org/p/relay\">the results</a>") == true, "\(feed.contents)")
            #expect(feed.contents.first?.contains("&lt;script&gt;") == true)
            #expect(response.body.string.contains("<name>Union &quot;office&quot;</name>"))

            app.podiumConfig.publicURL = "https://sports.example.com"
            let configured = try #require(XMLCollector.parse(try await Browser(app).get("/feed.xml").body.string))
            #expect(configured.links.allSatisfy { $0.hasPrefix("https://sports.example.com/") }, "\(configured.links)")
        }
    }

    @Test func theSitemapListsEveryPublicPageAndNoDraft() async throws {
        try await withPodium { app in
            app.clock = TestClock(Self.start).seam
            let organizer = API(app: app, token: try await app.makeToken(.organizer))
            for (kind, slug) in [("games", "games-2024"), ("relay", "relay-2024"), ("recognition", "awards-2024"), ("games", "secret-games")] {
                let program = try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"\#(kind)","slug":"\#(slug)","name":"\#(slug)","startDate":"2024-05-01"}"#)
                    .decode(ProgramDTO.self)
                if slug != "secret-games" {
                    #expect(try await organizer.send(.POST, "/api/v1/programs/\(slug)/status", json: #"{"status":"open","version":\#(program.version)}"#).status == .ok)
                }
            }
            let visible = try await Self.create(organizer, ["title": "Visible news", "body": "x", "status": "published"])
            try await Self.create(organizer, ["title": "Hidden draft", "body": "x"])

            let response = try await Browser(app).get("/sitemap.xml", headers: ["Host": "union.example.org"])
            #expect(response.status == .ok)
            let sitemap = try #require(XMLCollector.parse(response.body.string))
            let base = "http://union.example.org"
            let paths = sitemap.locs.map { $0.hasPrefix(base) ? String($0.dropFirst(base.count)) : $0 }
            for expected in ["/", "/news", "/news/\(visible.slug)", "/p/games-2024", "/p/games-2024/results", "/p/games-2024/standings",
                             "/p/games-2024/schedule", "/p/relay-2024", "/p/relay-2024/live", "/p/relay-2024/results", "/p/awards-2024/honor-roll"] {
                #expect(paths.contains(expected), "\(expected) in \(paths)")
            }
            #expect(!paths.contains { $0.contains("secret-games") || $0.contains("hidden-draft") }, "\(paths)")
            #expect(!paths.contains("/p/relay-2024/honor-roll") && !paths.contains("/p/awards-2024/results"))
            #expect(sitemap.lastmods >= 2)
            // Every page listed opens for a reader who is not signed in.
            let reader = Browser(app)
            for path in paths {
                #expect(try await reader.get(path).status == .ok, "\(path)")
            }
        }
    }

    // MARK: Public pages and audit

    @Test func theNewsPagesPaginateLinkFromHomeAndEscapeHTML() async throws {
        try await withPodium { app in
            let clock = TestClock(Self.start)
            app.clock = clock.seam
            let organizer = API(app: app, token: try await app.makeToken(.organizer))
            for number in 1...12 {
                let minute = String(format: "%02d", number)
                try await Self.create(organizer, ["title": "Report \(number)", "body": "Text \(number) <script>alert('x')</script> [bad](javascript:alert(1))",
                                                  "status": "published", "publishedAt": "2024-04-30T10:\(minute):00Z"])
            }
            let reader = Browser(app)
            let first = try await reader.get("/news").body.string
            #expect(first.contains("Report 12") && first.contains("Report 3") && !first.contains("Report 2<"))
            #expect(first.contains("rel=\"next\" href=\"/news?page=2\""))
            #expect(first.contains("Page 1 of 2"))
            let second = try await reader.get("/news?page=2").body.string
            #expect(second.contains("Report 2<") && second.contains("Report 1<") && !second.contains("Report 3<"))
            #expect(second.contains("rel=\"prev\""))

            let home = try await reader.get("/").body.string
            #expect(home.contains("Latest news") && home.contains("Report 12") && !home.contains("Report 9<"))
            #expect(home.contains("<a href=\"/news\""), "the public navigation links the news")
            #expect(home.contains("application/atom+xml"))

            let article = try await reader.get("/news/report-5").body.string
            #expect(article.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
            #expect(!article.contains("<script>alert"))
            #expect(!article.contains("javascript:alert"))
            #expect(article.contains("<p>Text 5"))
            let chinese = try await reader.get("/news", headers: ["Accept-Language": "zh-CN"]).body.string
            #expect(chinese.contains("新闻动态") && chinese.contains("2024年4月30日"))
        }
    }

    @Test func everyChangeIsAudited() async throws {
        try await withPodium { app in
            let token = try await app.makeToken(.organizer)
            let organizer = API(app: app, token: token)
            let article = try await Self.create(organizer, ["title": "Audited", "body": "x"])
            _ = try await organizer.send(.PUT, "/api/v1/news/\(article.slug)", json: #"{"title":"Audited","body":"y","version":1}"#)
            _ = try await organizer.send(.PUT, "/api/v1/news/\(article.slug)", json: #"{"title":"Audited","body":"y","status":"published","version":2}"#)
            let photo = try await Self.upload(app, token: token, "/api/v1/news/\(article.slug)/photos", [Part(name: "file", filename: "p.png", contentType: "image/png", data: Self.png)])
                .decode(NewsPhotoDTO.self)
            _ = try await organizer.send(.PUT, "/api/v1/news/\(article.slug)/photos/\(photo.id)", json: #"{"caption":"Pull"}"#)
            _ = try await Self.upload(app, token: token, "/api/v1/news/\(article.slug)/cover", [Part(name: "file", filename: "c.png", contentType: "image/png", data: Self.png)])
            _ = try await organizer.send(.DELETE, "/api/v1/news/\(article.slug)/photos/\(photo.id)")
            // A refused change leaves no trace.
            _ = try await organizer.send(.PUT, "/api/v1/news/\(article.slug)", json: #"{"title":"","version":3}"#)
            _ = try await organizer.send(.DELETE, "/api/v1/news/\(article.slug)?version=3")
            let entries = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "article").sort(\.$id).all()
            #expect(entries.map(\.action) == ["create", "update", "publish", "photo_add", "photo_update", "cover", "photo_remove", "delete"])
            #expect(entries.allSatisfy { $0.entityID == "\(article.id)" })
            #expect(entries[1].before?.contains("\"body\":\"x\"") == true && entries[1].after?.contains("\"body\":\"y\"") == true)
            #expect(entries.last?.before?.contains("Audited") == true)
        }
    }
}
