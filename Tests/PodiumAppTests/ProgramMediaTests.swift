import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Program partners and photo gallery")
struct ProgramMediaTests {
    typealias Part = NewsTests.Part

    /// The head of a PNG of the given size: enough for the byte check and the size reader.
    static func png(width: UInt32, height: UInt32) -> Data {
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + be(width) + be(height)
            + [8, 6, 0, 0, 0, 0, 0, 0, 0] + Array(repeating: 0, count: 64))
    }

    static let organizerEmail = "editor@test.podium"

    struct Fixture {
        let app: Application
        let organizer: API
        let token: String
        let program: ProgramDTO
        let draft: ProgramDTO
        let unit: UnitDTO
    }

    static func fixture(_ app: Application) async throws -> Fixture {
        let token = try await app.makeToken(.organizer)
        let organizer = API(app: app, token: token)
        let program = try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"games","slug":"games-2023","name":"5th Workers' Games","startDate":"2023-11-18"}"#)
            .decode(ProgramDTO.self)
        #expect(try await organizer.send(.POST, "/api/v1/programs/games-2023/status", json: #"{"status":"open","version":\#(program.version)}"#).status == .ok)
        let draft = try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"relay","slug":"secret-relay","name":"Secret relay","startDate":"2024-09-25"}"#)
            .decode(ProgramDTO.self)
        let unit = try await app.makeUnit("Jinghua Technology")
        return Fixture(app: app, organizer: organizer, token: token, program: program, draft: draft, unit: unit)
    }

    static func partner(_ api: API, _ slug: String, _ fields: [String: Any]) async throws -> TestingHTTPResponse {
        try await api.send(.POST, "/api/v1/programs/\(slug)/partners", json: NewsTests.json(fields))
    }

    // MARK: API

    @Test func organizersKeepPartnersThroughTheAPI() async throws {
        try await withPodium { app in
            let f = try await Self.fixture(app)
            let created = try await Self.partner(f.organizer, "games-2023", ["role": "organizer", "name": " Jinghua Holdings Group Trade Union Federation ",
                                                                          "website": "https://union.example.org"])
            #expect(created.status == .created, "\(created.body.string)")
            let union = try created.decode(ProgramPartnerDTO.self)
            #expect(union.name == "Jinghua Holdings Group Trade Union Federation" && union.role == .organizer && union.position == 1 && union.version == 1)
            let host = try await Self.partner(f.organizer, "games-2023", ["role": "host", "name": "Jinghua Technology Trade Union Committee"]).decode(ProgramPartnerDTO.self)
            let second = try await Self.partner(f.organizer, "games-2023", ["role": "organizer", "name": "Second organizer"]).decode(ProgramPartnerDTO.self)
            #expect(host.position == 1 && second.position == 2)
            let sponsor = try await Self.partner(f.organizer, "games-2023", ["role": "sponsor", "name": "SmartGen"]).decode(ProgramPartnerDTO.self)

            // Bad input is refused field by field, and nothing is stored.
            let bad = try await Self.partner(f.organizer, "games-2023", ["role": "patron", "name": "  ", "website": "javascript:alert(1)"])
            #expect(bad.status == .unprocessableEntity)
            let fields = ((bad.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
            #expect(Set(fields) == ["role", "name", "website"], "\(bad.body.string)")
            #expect(bad.body.string.contains("is not a web address; it must start with http:"))
            let ftp = try await Self.partner(f.organizer, "games-2023", ["role": "sponsor", "name": "X", "website": "ftp://example.org"])
            #expect(ftp.status == .unprocessableEntity)

            // Everyone reads them, by role then position.
            let listed = try await API(app: app).send(.GET, "/api/v1/programs/games-2023/partners").decode([ProgramPartnerDTO].self)
            #expect(listed.map(\.name) == [union.name, second.name, host.name, sponsor.name])

            // A change carries the version read; a stale one is refused.
            let moved = try await f.organizer.send(.PUT, "/api/v1/programs/games-2023/partners/\(second.id)",
                                                   json: #"{"role":"organizer","name":"Second organizer","position":1,"version":1}"#)
            #expect(moved.status == .ok, "\(moved.body.string)")
            #expect(try moved.decode(ProgramPartnerDTO.self).position == 1)
            let stale = try await f.organizer.send(.PUT, "/api/v1/programs/games-2023/partners/\(second.id)",
                                                   json: #"{"role":"co-organizer","name":"An old edit","version":1}"#)
            #expect(stale.status == .conflict)
            let noVersion = try await f.organizer.send(.PUT, "/api/v1/programs/games-2023/partners/\(second.id)", json: #"{"role":"sponsor","name":"x"}"#)
            #expect(noVersion.status == .unprocessableEntity)
            let after = try await API(app: app).send(.GET, "/api/v1/programs/games-2023/partners").decode([ProgramPartnerDTO].self)
            #expect(after.filter { $0.role == .organizer }.map(\.name) == ["Second organizer", union.name])
            #expect(after.filter { $0.role == .organizer }.map(\.position) == [1, 2])

            // A role change puts it at the end of its new role and closes the gap it leaves.
            let regrouped = try await f.organizer.send(.PUT, "/api/v1/programs/games-2023/partners/\(second.id)",
                                                       json: #"{"role":"sponsor","name":"Second organizer","version":2}"#).decode(ProgramPartnerDTO.self)
            #expect(regrouped.role == .sponsor && regrouped.position == 2)
            let unionNow = try await API(app: app).send(.GET, "/api/v1/programs/games-2023/partners").decode([ProgramPartnerDTO].self).first { $0.id == union.id }
            #expect(unionNow?.position == 1)

            // The logo: an image by its bytes, with the size its header declares.
            let logo = try await NewsTests.upload(app, token: f.token, "/api/v1/programs/games-2023/partners/\(union.id)/logo",
                                                  [Part(name: "file", filename: "union.png", contentType: "image/png", data: Self.png(width: 240, height: 80))])
            #expect(logo.status == .ok, "\(logo.body.string)")
            let withLogo = try logo.decode(ProgramPartnerDTO.self)
            #expect(withLogo.logoWidth == 240 && withLogo.logoHeight == 80 && withLogo.logoUrl?.hasPrefix("/uploads/") == true)
            let fake = try await NewsTests.upload(app, token: f.token, "/api/v1/programs/games-2023/partners/\(union.id)/logo",
                                                  [Part(name: "file", filename: "logo.png", contentType: "image/png", data: Data("<svg/>".utf8))])
            #expect(fake.status == .unprocessableEntity && fake.body.string.contains("“logo.png” is not a JPEG, PNG, WebP or GIF image."))
            #expect(NewsTests.files(app).count == 1)
            let served = try await Browser(app).get(withLogo.logoUrl!)
            #expect(served.status == .ok && served.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            #expect(served.headers.contentType?.description == "image/png")
            let removed = try await f.organizer.send(.DELETE, "/api/v1/programs/games-2023/partners/\(union.id)/logo")
            let withoutLogo = try removed.decode(ProgramPartnerDTO.self)
            #expect(removed.status == .ok && withoutLogo.logoUrl == nil)
            #expect(NewsTests.files(app).isEmpty)

            // Removal with a stale version is refused; with the current one it goes.
            #expect(try await f.organizer.send(.DELETE, "/api/v1/programs/games-2023/partners/\(host.id)?version=7").status == .conflict)
            #expect(try await f.organizer.send(.DELETE, "/api/v1/programs/games-2023/partners/\(host.id)?version=1").status == .noContent)
            #expect(try await f.organizer.send(.DELETE, "/api/v1/programs/games-2023/partners/\(host.id)").status == .notFound)
            // A partner of another program is not found through this one.
            #expect(try await f.organizer.send(.PUT, "/api/v1/programs/secret-relay/partners/\(union.id)",
                                               json: #"{"role":"organizer","name":"x","version":3}"#).status == .notFound)
        }
    }

    @Test func organizersKeepTheGalleryThroughTheAPI() async throws {
        try await withPodium { app in
            let f = try await Self.fixture(app)
            let path = "/api/v1/programs/games-2023/photos"
            var photos: [ProgramPhotoDTO] = []
            for (index, size) in [(1200, 800), (800, 1200), (1024, 768)].enumerated() {
                let response = try await NewsTests.upload(app, token: f.token, path, [
                    Part(name: "file", filename: "team-\(index).png", contentType: "image/png", data: Self.png(width: UInt32(size.0), height: UInt32(size.1))),
                    Part(name: "caption", data: Data("Team photo \(index + 1)".utf8)),
                ])
                #expect(response.status == .created, "\(response.body.string)")
                photos.append(try response.decode(ProgramPhotoDTO.self))
            }
            #expect(photos.map(\.position) == [1, 2, 3] && photos[1].width == 800 && photos[1].height == 1200 && photos[0].caption == "Team photo 1")

            let updated = try await f.organizer.send(.PUT, "\(path)/\(photos[2].id)", json: #"{"caption":"The winners","position":1,"version":1}"#)
            #expect(updated.status == .ok, "\(updated.body.string)")
            let listed = try await API(app: app).send(.GET, path).decode([ProgramPhotoDTO].self)
            #expect(listed.map(\.caption) == ["The winners", "Team photo 1", "Team photo 2"])
            #expect(try await f.organizer.send(.PUT, "\(path)/\(photos[2].id)", json: #"{"caption":"Old","version":1}"#).status == .conflict)
            #expect(try await f.organizer.send(.PUT, "\(path)/\(photos[2].id)", json: #"{"caption":"No version"}"#).status == .unprocessableEntity)
            let long = String(repeating: "长", count: ArticleDraft.maxCaptionLength + 1)
            #expect(try await f.organizer.send(.PUT, "\(path)/\(photos[0].id)", json: #"{"caption":"\#(long)","version":1}"#).status == .unprocessableEntity)

            // A file that is not an image, or is too large, is refused by name; nothing is stored.
            let before = NewsTests.files(app)
            let text = try await NewsTests.upload(app, token: f.token, path, [Part(name: "file", filename: "notes.jpg", contentType: "image/jpeg", data: Data("hello".utf8))])
            #expect(text.status == .unprocessableEntity && text.body.string.contains("“notes.jpg” is not a JPEG, PNG, WebP or GIF image."))
            app.podiumConfig.uploadMaxBytes = 1_048_576
            var big = Self.png(width: 4000, height: 3000)
            big.append(Data(count: 1_572_864))
            let tooLarge = try await NewsTests.upload(app, token: f.token, path, [Part(name: "file", filename: "big.png", contentType: "image/png", data: big)])
            #expect(tooLarge.status == .unprocessableEntity && tooLarge.body.string.contains("“big.png” is 1.5 MB; photos may be at most 1 MB."), "\(tooLarge.body.string)")
            #expect(NewsTests.files(app) == before)
            let nothing = try await NewsTests.upload(app, token: f.token, path, [])
            #expect([.badRequest, .unprocessableEntity].contains(nothing.status), "\(nothing.status) \(nothing.body.string)")

            #expect(try await f.organizer.send(.DELETE, "\(path)/\(photos[0].id)?version=9").status == .conflict)
            #expect(try await f.organizer.send(.DELETE, "\(path)/\(photos[0].id)?version=1").status == .noContent)
            let left = try await API(app: app).send(.GET, path).decode([ProgramPhotoDTO].self)
            #expect(left.map(\.position) == [1, 2] && NewsTests.files(app).count == 2)
        }
    }

    @Test func onlyOrganizersWriteAndDraftsStayHidden() async throws {
        try await withPodium { app in
            let f = try await Self.fixture(app)
            let partner = try await Self.partner(f.organizer, "games-2023", ["role": "organizer", "name": "Union"]).decode(ProgramPartnerDTO.self)
            let photo = try await NewsTests.upload(app, token: f.token, "/api/v1/programs/games-2023/photos",
                                                   [Part(name: "file", filename: "a.png", contentType: "image/png", data: Self.png(width: 10, height: 10))])
                .decode(ProgramPhotoDTO.self)
            #expect(try await Self.partner(f.organizer, "secret-relay", ["role": "organizer", "name": "Hidden"]).status == .created)
            let leader = try await app.makeToken(.teamLeader, unitID: f.unit.id)
            let official = try await app.makeToken(.official, programID: f.program.id)
            for token in [nil, leader, official] {
                let api = API(app: app, token: token)
                let expected: HTTPResponseStatus = token == nil ? .unauthorized : .forbidden
                #expect(try await Self.partner(api, "games-2023", ["role": "organizer", "name": "Mine"]).status == expected)
                #expect(try await api.send(.PUT, "/api/v1/programs/games-2023/partners/\(partner.id)", json: #"{"role":"organizer","name":"Mine","version":1}"#).status == expected)
                #expect(try await api.send(.DELETE, "/api/v1/programs/games-2023/partners/\(partner.id)").status == expected)
                #expect(try await api.send(.DELETE, "/api/v1/programs/games-2023/partners/\(partner.id)/logo").status == expected)
                let logo = try await NewsTests.upload(app, token: token, "/api/v1/programs/games-2023/partners/\(partner.id)/logo",
                                                      [Part(name: "file", filename: "a.png", contentType: "image/png", data: Self.png(width: 10, height: 10))])
                #expect(logo.status == expected)
                let upload = try await NewsTests.upload(app, token: token, "/api/v1/programs/games-2023/photos",
                                                        [Part(name: "file", filename: "a.png", contentType: "image/png", data: Self.png(width: 10, height: 10))])
                #expect(upload.status == expected)
                #expect(try await api.send(.PUT, "/api/v1/programs/games-2023/photos/\(photo.id)", json: #"{"caption":"x","version":1}"#).status == expected)
                #expect(try await api.send(.DELETE, "/api/v1/programs/games-2023/photos/\(photo.id)").status == expected)
                // They read the open program's, not the draft's.
                #expect(try await api.send(.GET, "/api/v1/programs/games-2023/partners").status == .ok)
                #expect(try await api.send(.GET, "/api/v1/programs/secret-relay/partners").status == .notFound)
                #expect(try await api.send(.GET, "/api/v1/programs/secret-relay/photos").status == .notFound)
            }
            #expect(try await f.organizer.send(.GET, "/api/v1/programs/secret-relay/partners").decode([ProgramPartnerDTO].self).count == 1)

            try await app.makeUser("leader@test.podium", grants: [RoleGrant(role: .teamLeader, unitID: f.unit.id)])
            try await app.makeUser("official@test.podium", grants: [RoleGrant(role: .official, programID: f.program.id)])
            for email in ["leader@test.podium", "official@test.podium"] {
                let browser = Browser(app)
                try await browser.signIn(email, "password-123")
                #expect(try await browser.post("/admin/programs/\(f.program.id)/partners/\(partner.id)/move", [("direction", "down"), ("version", "1")]).status == .forbidden)
                #expect(try await browser.post("/admin/programs/\(f.program.id)/partners/\(partner.id)/delete", [("version", "1")]).status == .forbidden)
                #expect(try await browser.post("/admin/programs/\(f.program.id)/photos/\(photo.id)", [("caption", "x"), ("version", "1")]).status == .forbidden)
                #expect(try await browser.post("/admin/programs/\(f.program.id)/photos/\(photo.id)/delete", [("version", "1")]).status == .forbidden)
                let added = try await NewsTests.upload(browser, "/admin/programs/\(f.program.id)/photos",
                                                       [Part(name: "photos[]", filename: "a.png", contentType: "image/png", data: Self.png(width: 10, height: 10))])
                #expect(added.status == .forbidden)
                let created = try await NewsTests.upload(browser, "/admin/programs/\(f.program.id)/partners",
                                                         [Part(name: "role", data: Data("sponsor".utf8)), Part(name: "name", data: Data("Mine".utf8))])
                #expect(created.status == .forbidden)
            }
            #expect(try await ProgramPartnerModel.query(on: app.db).count() == 2)
            #expect(try await ProgramPhotoModel.query(on: app.db).count() == 1)
            // The draft's public page stays hidden, partners or not.
            #expect(try await Browser(app).get("/p/secret-relay").status == .notFound)
        }
    }

    // MARK: Back office

    @Test func theProgramPageTakesPartnersWithLogosAndRefusesBadInputInPlace() async throws {
        try await withPodium { app in
            let f = try await Self.fixture(app)
            let browser = try await NewsTests.organizerBrowser(app)
            let base = "/admin/programs/\(f.program.id)"
            let page = try await browser.get(base)
            #expect(page.status == .ok && page.body.string.contains("Organizers and sponsors") && page.body.string.contains("Photo gallery"))

            // A missing name and a bad website come back in place, with what was typed.
            let refused = try await NewsTests.upload(browser, "\(base)/partners", [
                Part(name: "role", data: Data("sponsor".utf8)), Part(name: "name", data: Data(" ".utf8)),
                Part(name: "website", data: Data("www.smartgen.example".utf8)),
                Part(name: "logo", filename: "", contentType: "application/octet-stream", data: Data()),
            ])
            #expect(refused.status == .unprocessableEntity)
            let html = refused.body.string
            #expect(html.contains("Name: enter the name of the organizer or sponsor."), "\(html)")
            #expect(html.contains("Website: “www.smartgen.example” is not a web address; it must start with http:// or https://."))
            #expect(html.contains("value=\"www.smartgen.example\"") && html.contains("<option value=\"sponsor\" selected>"))
            #expect(try await ProgramPartnerModel.query(on: app.db).count() == 0)

            // A bad logo is named, and nothing is kept.
            let badLogo = try await NewsTests.upload(browser, "\(base)/partners", [
                Part(name: "role", data: Data("sponsor".utf8)), Part(name: "name", data: Data("SmartGen".utf8)),
                Part(name: "logo", filename: "logo.pdf", contentType: "application/pdf", data: Data("%PDF-1.4".utf8)),
            ])
            #expect(badLogo.status == .unprocessableEntity && badLogo.body.string.contains("“logo.pdf” is not a JPEG, PNG, WebP or GIF image."))
            #expect(try await ProgramPartnerModel.query(on: app.db).count() == 0 && NewsTests.files(app).isEmpty)

            for (role, name) in [("organizer", "精工控股集团工会联合会"), ("organizer", "Second union"), ("sponsor", "SmartGen")] {
                var parts = [Part(name: "role", data: Data(role.utf8)), Part(name: "name", data: Data(name.utf8))]
                if role == "sponsor" {
                    parts.append(Part(name: "website", data: Data("https://www.smartgen.example/".utf8)))
                    parts.append(Part(name: "logo", filename: "smartgen.png", contentType: "image/png", data: Self.png(width: 300, height: 100)))
                }
                let added = try await NewsTests.upload(browser, "\(base)/partners", parts)
                #expect(added.status == .seeOther, "\(added.body.string)")
            }
            let partners = try await ProgramPartnerModel.query(on: app.db).sort(\.$id).all()
            #expect(partners.map(\.position) == [1, 2, 1] && partners[2].logoWidth == 300 && partners[2].website == "https://www.smartgen.example/")

            // Up and down within the role, with the version read.
            #expect(try await browser.post("\(base)/partners/\(partners[1].id!)/move", [("direction", "up"), ("version", "1")]).status == .seeOther)
            let stale = try await browser.post("\(base)/partners/\(partners[1].id!)/move", [("direction", "down"), ("version", "1")])
            #expect(stale.status == .conflict && stale.body.string.contains("Someone else changed this since you opened it."))
            let first = try await browser.post("\(base)/partners/\(partners[1].id!)/move", [("direction", "up"), ("version", "2")])
            #expect(first.status == .conflict && first.body.string.contains("Second union is already first."))
            #expect(try await browser.post("\(base)/partners/\(partners[1].id!)/move", [("direction", "sideways"), ("version", "2")]).status == .unprocessableEntity)

            // Editing keeps the logo unless a new one is sent; a new one replaces the old file.
            let oldLogo = partners[2].logoFile!
            let edited = try await NewsTests.upload(browser, "\(base)/partners/\(partners[2].id!)", [
                Part(name: "role", data: Data("sponsor".utf8)), Part(name: "name", data: Data("SmartGen Technology".utf8)),
                Part(name: "website", data: Data("".utf8)), Part(name: "version", data: Data("1".utf8)),
                Part(name: "logo", filename: "new.png", contentType: "image/png", data: Self.png(width: 120, height: 120)),
            ])
            #expect(edited.status == .seeOther, "\(edited.body.string)")
            let sponsor = try await ProgramPartnerModel.find(partners[2].id, on: app.db)!
            #expect(sponsor.name == "SmartGen Technology" && sponsor.website == nil && sponsor.logoWidth == 120 && sponsor.logoFile != oldLogo)
            #expect(NewsTests.files(app) == [sponsor.logoFile!])
            let staleEdit = try await NewsTests.upload(browser, "\(base)/partners/\(partners[2].id!)", [
                Part(name: "role", data: Data("sponsor".utf8)), Part(name: "name", data: Data("Old name".utf8)), Part(name: "version", data: Data("1".utf8)),
            ])
            #expect(staleEdit.status == .conflict && staleEdit.body.string.contains("value=\"Old name\""))

            #expect(try await browser.post("\(base)/partners/\(partners[2].id!)/logo/delete", [("version", "2")]).status == .seeOther)
            #expect(NewsTests.files(app).isEmpty)
            #expect(try await browser.post("\(base)/partners/\(partners[0].id!)/delete", [("version", "1")]).status == .seeOther)
            #expect(try await ProgramPartnerModel.find(partners[1].id, on: app.db)?.position == 1)

            let entries = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == ProgramMediaService.partnerEntity).sort(\.$id).all()
            #expect(entries.map(\.action) == ["create", "create", "create", "move", "update", "logo", "delete"])
        }
    }

    @Test func theGalleryTakesSeveralPhotosAtOnceAndABadOneStoresNone() async throws {
        try await withPodium { app in
            let f = try await Self.fixture(app)
            let browser = try await NewsTests.organizerBrowser(app)
            let base = "/admin/programs/\(f.program.id)"
            let mixed = try await NewsTests.upload(browser, "\(base)/photos", [
                Part(name: "photos[]", filename: "podium.png", contentType: "image/png", data: Self.png(width: 1600, height: 1200)),
                Part(name: "photos[]", filename: "virus.exe", contentType: "image/png", data: Data("MZ".utf8)),
            ])
            #expect(mixed.status == .unprocessableEntity && mixed.body.string.contains("“virus.exe” is not a JPEG, PNG, WebP or GIF image."))
            #expect(try await ProgramPhotoModel.query(on: app.db).count() == 0 && NewsTests.files(app).isEmpty)

            let two = try await NewsTests.upload(browser, "\(base)/photos", [
                Part(name: "photos[]", filename: "podium.png", contentType: "image/png", data: Self.png(width: 1600, height: 1200)),
                Part(name: "photos[]", filename: "teams.png", contentType: "image/png", data: Self.png(width: 1200, height: 1600)),
                Part(name: "caption", data: Data("ignored for several".utf8)),
            ])
            #expect(two.status == .seeOther)
            let photos = try await ProgramPhotoModel.query(on: app.db).sort(\.$position).all()
            #expect(photos.count == 2 && photos.allSatisfy { $0.caption.isEmpty } && photos[1].width == 1200 && photos[1].height == 1600)

            #expect(try await browser.post("\(base)/photos/\(photos[1].id!)", [("caption", "The winning teams"), ("version", "1")]).status == .seeOther)
            let stale = try await browser.post("\(base)/photos/\(photos[1].id!)", [("caption", "Old"), ("version", "1")])
            #expect(stale.status == .conflict && stale.body.string.contains("Someone else changed this"))
            #expect(try await browser.post("\(base)/photos/\(photos[1].id!)/move", [("direction", "up"), ("version", "2")]).status == .seeOther)
            let moved = try await ProgramPhotoModel.query(on: app.db).sort(\.$position).all()
            #expect(moved.map(\.caption) == ["The winning teams", ""])
            let last = try await browser.post("\(base)/photos/\(photos[0].id!)/move", [("direction", "down"), ("version", "1")])
            #expect(last.status == .conflict && last.body.string.contains("This photo is already last."))
            #expect(try await browser.post("\(base)/photos/\(photos[0].id!)/delete", [("version", "1")]).status == .seeOther)
            #expect(try await ProgramPhotoModel.query(on: app.db).count() == 1 && NewsTests.files(app).count == 1)
            let entries = try await AuditEntryModel.query(on: app.db).filter(\.$action ~~ ["photo_add", "photo_update", "move", "photo_remove"]).count()
            #expect(entries == 4)
        }
    }

    // MARK: Public page

    @Test func theProgramPageShowsPartnersByRoleAndTheGallery() async throws {
        try await withPodium { app in
            let f = try await Self.fixture(app)
            let union = try await Self.partner(f.organizer, "games-2023", ["role": "organizer", "name": "Jinghua Holdings Group Trade Union Federation",
                                                                        "website": "https://union.example.org/"]).decode(ProgramPartnerDTO.self)
            _ = try await Self.partner(f.organizer, "games-2023", ["role": "host", "name": "Jinghua Technology Trade Union Committee"])
            _ = try await Self.partner(f.organizer, "games-2023", ["role": "sponsor", "name": "SmartGen <Cup>"])
            let logo = try await NewsTests.upload(app, token: f.token, "/api/v1/programs/games-2023/partners/\(union.id)/logo",
                                                  [Part(name: "file", filename: "u.png", contentType: "image/png", data: Self.png(width: 240, height: 80))])
                .decode(ProgramPartnerDTO.self)
            let photo = try await NewsTests.upload(app, token: f.token, "/api/v1/programs/games-2023/photos", [
                Part(name: "file", filename: "p.png", contentType: "image/png", data: Self.png(width: 1600, height: 1200)),
                Part(name: "caption", data: Data("Group award ceremony".utf8)),
            ]).decode(ProgramPhotoDTO.self)

            let html = try await Browser(app).get("/p/games-2023").body.string
            #expect(html.contains("Organized by") && html.contains("Hosted by") && html.contains("Sponsored by") && !html.contains("Co-organized by"))
            // The name is written next to the logo, so the logo itself is decorative: a screen reader says the name once.
            #expect(html.contains("<a href=\"https://union.example.org/\" rel=\"noopener noreferrer\"><img src=\"\(logo.logoUrl!)\" alt=\"\" width=\"240\" height=\"80\""), "\(html)")
            #expect(html.contains("<span class=\"partner-name\">Jinghua Holdings Group Trade Union Federation</span></a>"))
            #expect(html.contains("<span class=\"partner-name\">Jinghua Holdings Group Trade Union Federation</span>"))
            #expect(html.contains("SmartGen &lt;Cup&gt;") && !html.contains("SmartGen <Cup>"))
            #expect(html.range(of: "Organized by")!.lowerBound < html.range(of: "Hosted by")!.lowerBound)
            #expect(html.contains("<a href=\"\(photo.url)\"><img src=\"\(photo.url)\" alt=\"Group award ceremony\" loading=\"lazy\" width=\"1600\" height=\"1200\"></a>"), "\(html)")
            #expect(html.contains("<figcaption>Group award ceremony</figcaption>"))

            let chinese = try await Browser(app).get("/p/games-2023", headers: ["Accept-Language": "zh-CN"]).body.string
            #expect(chinese.contains("主办单位") && chinese.contains("承办单位") && chinese.contains("赞助单位") && chinese.contains("精彩瞬间"))

            // News covers keep their size on the cards too.
            let article = try await NewsTests.create(f.organizer, ["title": "Awards day", "body": "x", "status": "published"])
            _ = try await NewsTests.upload(app, token: f.token, "/api/v1/news/\(article.slug)/cover",
                                           [Part(name: "file", filename: "c.png", contentType: "image/png", data: Self.png(width: 1280, height: 720))])
            let news = try await Browser(app).get("/news").body.string
            #expect(news.contains("alt=\"Awards day\" loading=\"lazy\" width=\"1280\" height=\"720\">"), "\(news)")

            // A program without partners or photos shows neither section.
            _ = try await f.organizer.send(.POST, "/api/v1/programs/secret-relay/status", json: #"{"status":"open","version":1}"#)
            let plain = try await Browser(app).get("/p/secret-relay").body.string
            #expect(!plain.contains("partner-list") && !plain.contains("class=\"gallery\""))
            // A relay's page links its live board and results.
            #expect(plain.contains("href=\"/p/secret-relay/live\"") && plain.contains("href=\"/p/secret-relay/results\""))
        }
    }
}
