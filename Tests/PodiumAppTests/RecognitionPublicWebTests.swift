import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

/// The public pages of a recognition program: the honor roll before, during and after the public notice,
/// objections through the form, certificates of honor in both languages, the verify page, and the organizers' print.
@Suite("Recognition public pages: honor roll, notice and objections, certificates, verify")
struct RecognitionPublicWebTests {
    static let api = RecognitionTests.path
    static let roll = "/p/recognition-2020/honor-roll"
    let base = RecognitionTests()

    /// OE (2 awards) with a1, b1 and c1 nominated, plus a special award SCA (made before ME, shown after it) and ME,
    /// one award each: ballots make a1 and c1 Outstanding Employees, b2 the special award and a3 the Market Expansion Model.
    func decided(_ app: Application) async throws -> RecognitionTests.Fixture {
        let f = try await base.fixture(app)
        for (code, name, kind) in [("SCA", "Special Contribution Award", "special"), ("ME", "Market Expansion Model", "individual")] {
            let created = try await f.organizer.send(.POST, "\(Self.api)/categories", json: #"""
                {"code":"\#(code)","name":"\#(name)","kind":"\#(kind)","quotaTotal":1,"method":"approval","pickLimit":1}
                """#)
            #expect(created.status == .created, "\(created.body.string)")
            #expect(try await f.organizer.send(.POST, "\(Self.api)/categories/\(code)/panel",
                                               json: #"{"userId":\#(f.reviewerIDs["g"]!),"homeUnitId":\#(f.units["group"]!),"isChair":true}"#).status == .ok)
        }
        for key in ["a1", "b1", "c1"] { #expect(try await base.nominate(f, key).status == .created) }
        #expect(try await base.nominate(f, "b2", category: "SCA").status == .created)
        #expect(try await base.nominate(f, "a3", category: "ME").status == .created)
        let ids = try await nominations(f)
        let g = f.reviewers["g"]!
        #expect(try await g.json(.PUT, "\(Self.api)/categories/OE/ballot", #"{"picks":[\#(ids["OE a1"]!),\#(ids["OE b1"]!)]}"#).status == .ok)
        #expect(try await f.reviewers["a"]!.json(.PUT, "\(Self.api)/categories/OE/ballot", #"{"picks":[\#(ids["OE c1"]!)]}"#).status == .ok)
        #expect(try await f.reviewers["b"]!.json(.PUT, "\(Self.api)/categories/OE/ballot", #"{"picks":[\#(ids["OE c1"]!),\#(ids["OE a1"]!)]}"#).status == .ok)
        #expect(try await g.json(.PUT, "\(Self.api)/categories/SCA/ballot", #"{"picks":[\#(ids["SCA b2"]!)]}"#).status == .ok)
        #expect(try await g.json(.PUT, "\(Self.api)/categories/ME/ballot", #"{"picks":[\#(ids["ME a3"]!)]}"#).status == .ok)
        for code in ["OE", "SCA", "ME"] {
            let approved = try await f.organizer.send(.POST, "\(Self.api)/categories/\(code)/decisions")
            #expect(approved.status == .ok, "\(approved.body.string)")
        }
        return f
    }

    /// Nomination ids by "CODE key".
    func nominations(_ f: RecognitionTests.Fixture) async throws -> [String: Int] {
        let list = try await f.organizer.send(.GET, "\(Self.api)/nominations").decode([NominationDTO].self)
        return Dictionary(uniqueKeysWithValues: list.compactMap { n in
            f.people.first { $0.value.id == n.personId }.map { ("\(n.categoryCode) \($0.key)", n.id) }
        })
    }

    func decisions(_ f: RecognitionTests.Fixture) async throws -> [AwardDecisionDTO] {
        try await f.organizer.send(.GET, "\(Self.api)/decisions").decode([AwardDecisionDTO].self)
    }

    func startNotice(_ f: RecognitionTests.Fixture) async throws {
        #expect(try await f.organizer.send(.POST, "\(Self.api)/notice", json: #"{"endsAt":"2021-01-17T10:00:00Z"}"#).status == .ok)
    }

    /// Through the notice, an upheld objection that withdraws a1's award (the seat goes to b1), and publication on 18 January.
    func published(_ app: Application) async throws -> (RecognitionTests.Fixture, revoked: AwardDecisionDTO) {
        let f = try await decided(app)
        try await startNotice(f)
        let a1 = try await decisions(f).first { $0.nominee == "Worker a1" }!
        let objection = try await API(app: app).send(.POST, "\(Self.api)/objections",
                                                     json: #"{"decisionId":\#(a1.id),"name":"A colleague","text":"The safety record cited is from 2019."}"#)
        #expect(objection.status == .created)
        f.clock.advance(days: 8)
        let id = try objection.decode(ObjectionReceiptDTO.self).id
        #expect(try await f.organizer.send(.POST, "\(Self.api)/objections/\(id)/resolution",
                                           json: #"{"outcome":"upheld","reason":"The record is from 2019."}"#).status == .ok)
        #expect(try await f.organizer.send(.POST, "\(Self.api)/categories/OE/decisions").status == .ok)
        #expect(try await f.organizer.send(.POST, "\(Self.api)/publish").status == .ok)
        return (f, a1)
    }

    @Test func beforeTheNoticeTheHonorRollSaysItIsNotPublishedAndDraftsAreHidden() async throws {
        try await withPodium { app in
            let f = try await base.fixture(app)
            let page = try await Browser(app).get(Self.roll)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("is not published yet"))
            #expect(page.body.string.contains("Taking nominations"))
            #expect(!page.body.string.contains("honor-group"))
            let chinese = try await Browser(app).get(Self.roll, headers: ["Accept-Language": "zh-CN"])
            #expect(chinese.body.string.contains("光荣榜尚未发布"))
            // The program home links the honor roll.
            #expect(try await Browser(app).get("/p/recognition-2020").body.string.contains("href=\"/p/recognition-2020/honor-roll\""))
            // A draft program does not exist for the public, nor do its certificates.
            #expect(try await f.organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"recognition","slug":"recognition-2021","name":"2021 Recognition","startDate":"2022-01-20","timeZone":"Asia/Shanghai"}"#).status == .created)
            #expect(try await Browser(app).get("/p/recognition-2021/honor-roll").status == .notFound)
            #expect(try await Browser(app).get("/p/recognition-2021/certificates/2021-OE-001-A").status == .notFound)
            #expect(try await Browser(app).post("/p/recognition-2021/honor-roll/objections", [("name", "x")]).status == .notFound)
            #expect(try await f.organizer.send(.GET, "/p/recognition-2021/honor-roll").status == .ok)
            // A games or relay slug has no honor roll.
            #expect(try await Browser(app).get("/p/nothing-here/honor-roll").status == .notFound)
        }
    }

    @Test func theNoticeListsTheProposedHonoreesAndTakesObjectionsThroughTheForm() async throws {
        try await withPodium { app in
            let f = try await decided(app)
            // Approved but not on notice yet: still nothing public.
            #expect(try await Browser(app).get(Self.roll).body.string.contains("is not published yet"))
            try await startNotice(f)
            let visitor = Browser(app)
            let page = try await visitor.get(Self.roll)
            let html = page.body.string
            #expect(page.status == .ok)
            #expect(html.contains("Public notice of the proposed honorees"))
            #expect(html.contains("Objections until 17 Jan 2021, 18:00 (Asia/Shanghai time)"))
            for name in ["Worker a1", "Worker c1", "Worker b2", "Worker a3"] { #expect(html.contains(name), "\(name)") }
            #expect(!html.contains("/certificates/"))
            #expect(html.contains(#"action="/p/recognition-2020/honor-roll/objections#objection""#))
            #expect(html.contains(#"name="_csrf""#))
            #expect(html.contains("Worker a1 — Outstanding Employee, New Materials"))
            let chinese = try await Browser(app).get(Self.roll, headers: ["Accept-Language": "zh-CN"]).body.string
            #expect(chinese.contains("拟表彰人选公示"))
            #expect(chinese.contains("2021年1月17日 18:00"))
            #expect(chinese.contains("提出异议"))

            // Bad input: every message by its field, what was typed kept, nothing stored.
            let bad = try await visitor.post("\(Self.roll)/objections", [("decisionId", ""), ("name", " "), ("contact", ""), ("text", "Too short")])
            #expect(bad.status == .unprocessableEntity)
            let body = bad.body.string
            #expect(body.contains("Choose the honoree your objection is about."))
            #expect(body.contains("Give your name: anonymous objections are not recorded."))
            #expect(body.contains("Say what the objection is about"))
            #expect(body.contains(">Too short</textarea>"))
            #expect(body.contains(#"id="f-decisionId-error""#) && body.contains(#"id="f-name-error""#) && body.contains(#"id="f-text-error""#))
            #expect(try await ObjectionModel.query(on: app.db).count() == 0)
            // Without the CSRF field the post is refused.
            #expect(try await visitor.post("\(Self.roll)/objections", [("name", "x")], csrf: false).status == .forbidden)
            // Unpublished certificate numbers are unknown to the verify page.
            let serial = try await decisions(f)[0].serial
            #expect(try await Browser(app).get("/verify/\(serial)").body.string.contains("Certificate not found"))

            let c1 = try await decisions(f).first { $0.nominee == "Worker c1" }!
            let good = try await visitor.post("\(Self.roll)/objections", [("decisionId", "\(c1.id)"), ("name", "李明"), ("contact", "13800000000"),
                                                                      ("text", "The project cited was led by another team.")])
            #expect(good.status == .seeOther)
            #expect(good.headers.first(name: .location) == "\(Self.roll)#objection")
            #expect(try await visitor.get(Self.roll).body.string.contains("Your objection was recorded and will be answered by the organizers."))
            let stored = try await f.organizer.send(.GET, "\(Self.api)/objections").decode([ObjectionDTO].self)
            #expect(stored.count == 1)
            #expect(stored.first?.decisionId == c1.id && stored.first?.submitterName == "李明" && stored.first?.contact == "13800000000")

            // After the notice: the list stays, the form goes, and posts are refused.
            f.clock.advance(days: 8)
            let over = try await visitor.get(Self.roll).body.string
            #expect(over.contains("The public notice ended on"))
            #expect(!over.contains("honor-roll/objections"))
            #expect(try await visitor.post("\(Self.roll)/objections", [("decisionId", "\(c1.id)"), ("name", "x"), ("text", "Late objection text")]).status == .conflict)
        }
    }

    @Test func thePublishedHonorRollGroupsByAwardOrByOrganization() async throws {
        try await withPodium { app in
            let (f, revoked) = try await published(app)
            let page = try await Browser(app).get(Self.roll)
            let html = page.body.string
            #expect(page.status == .ok)
            #expect(html.contains("<h1>Honor roll</h1>"))
            #expect(html.contains("Published on 18 Jan 2021"))
            #expect(html.contains("Honorees: 4 · Awards: 3"))
            // Categories in order, the special award last although it was made before ME.
            let oe = html.range(of: #"id="award-oe-heading""#)!, me = html.range(of: #"id="award-me-heading""#)!, sca = html.range(of: #"id="award-sca-heading""#)!
            #expect(oe.lowerBound < me.lowerBound && me.lowerBound < sca.lowerBound)
            #expect(html.contains("2 honorees"))
            #expect(!html.contains("Worker a1"))
            let current = try await decisions(f).filter { $0.status == "approved" }
            #expect(current.count == 4)
            for decision in current {
                #expect(html.contains(#"href="/p/recognition-2020/certificates/\#(decision.serial)">\#(decision.nominee)</a>"#), "\(decision.nominee)")
            }
            #expect(!html.contains(revoked.serial))
            #expect(html.contains(#"aria-current="page">By award"#))

            let byUnit = try await Browser(app).get("\(Self.roll)?by=unit").body.string
            #expect(byUnit.contains(#"aria-current="page">By organization"#))
            // Organizations in the order of the unit tree, each honoree with the award.
            let a = byUnit.range(of: ">New Materials<")!, b = byUnit.range(of: ">Robotics<")!, c = byUnit.range(of: ">Steel Structure<")!
            #expect(a.lowerBound < b.lowerBound && b.lowerBound < c.lowerBound)
            #expect(byUnit.contains(#"Worker b2</a> <span class="honoree-detail">Special Contribution Award</span>"#))
            #expect(byUnit.contains(#"Worker a3</a> <span class="honoree-detail">Market Expansion Model</span>"#))
            let chinese = try await Browser(app).get(Self.roll, headers: ["Accept-Language": "zh-CN"]).body.string
            #expect(chinese.contains("光荣榜") && chinese.contains("2021年1月18日发布") && chinese.contains("按单位"))
            // Objections are over once published.
            #expect(try await Browser(app).post("\(Self.roll)/objections", [("decisionId", "\(current[0].id)"), ("name", "x"), ("text", "Late objection text")]).status == .conflict)
        }
    }

    @Test func certificatesPrintInTheReadersLanguageAndWithdrawnOnesSaySo() async throws {
        try await withPodium { app in
            let (f, revoked) = try await published(app)
            let c1 = try await decisions(f).first { $0.nominee == "Worker c1" && $0.status == "approved" }!
            let english = try await Browser(app).get("/p/recognition-2020/certificates/\(c1.serial)", headers: ["Accept-Language": "en"])
            #expect(english.status == .ok)
            let en = english.body.string
            for text in ["Certificate of Honor", "荣誉证书", "This certificate is presented to", "Worker c1", "Steel Structure", "Outstanding Employee",
                         "in recognition of outstanding contribution in 2020", "2020 Recognition", "Jinghua Group", "18 Jan 2021",
                         "Certificate No. \(c1.serial)", "/verify/\(c1.serial)", "class=\"no-print breadcrumb\""] {
                #expect(en.contains(text), "\(text)")
            }
            #expect(!en.contains("hc-draft"))
            let chinese = try await Browser(app).get("/p/recognition-2020/certificates/\(c1.serial.lowercased())", headers: ["Accept-Language": "zh-CN,zh;q=0.9"])
            #expect(chinese.status == .ok)
            let zh = chinese.body.string
            for text in ["<html lang=\"zh-Hans\">", "荣誉证书", "Certificate of Honor", "Worker c1 同志：", "在2020年度工作中成绩突出、贡献显著，荣获",
                         "“Outstanding Employee”", "特发此证，以资鼓励。", "2021年1月18日", "证书编号：\(c1.serial)", "证书查验："] {
                #expect(zh.contains(text), "\(text)")
            }
            // Withdrawn after the upheld objection: a clear page, not a certificate.
            let withdrawn = try await Browser(app).get("/p/recognition-2020/certificates/\(revoked.serial)")
            #expect(withdrawn.status == .gone)
            #expect(withdrawn.body.string.contains("This certificate was withdrawn"))
            #expect(!withdrawn.body.string.contains("honor-cert"))
            // Unknown, mistyped and foreign numbers are not found.
            let unknown = CertificateSerial(year: 2020, code: "OE", sequence: 99).description
            #expect(try await Browser(app).get("/p/recognition-2020/certificates/\(unknown)").status == .notFound)
            #expect(try await Browser(app).get("/p/recognition-2020/certificates/\(String(c1.serial.dropLast()))Q").status == .notFound)
            #expect(try await Browser(app).get("/p/recognition-2020/certificates/7").status == .notFound)
        }
    }

    @Test func theVerifyPageTellsValidWithdrawnUnknownAndMistypedNumbersApart() async throws {
        try await withPodium { app in
            let (f, revoked) = try await published(app)
            let b2 = try await decisions(f).first { $0.nominee == "Worker b2" }!
            let valid = try await Browser(app).get("/verify/\(b2.serial)")
            #expect(valid.status == .ok)
            for text in ["state-valid", "Valid certificate", "Worker b2", "Special Contribution Award", "2020 Recognition", "Robotics", "18 Jan 2021",
                         #"href="/p/recognition-2020/certificates/\#(b2.serial)""#] {
                #expect(valid.body.string.contains(text), "\(text)")
            }
            let zh = try await Browser(app).get("/verify/\(b2.serial.lowercased())", headers: ["Accept-Language": "zh-CN"]).body.string
            #expect(zh.contains("证书有效") && zh.contains("2021年1月18日"))
            let withdrawn = try await Browser(app).get("/verify/\(revoked.serial)").body.string
            #expect(withdrawn.contains("state-revoked") && withdrawn.contains("Certificate withdrawn") && withdrawn.contains("Worker a1"))
            let unknownSerial = CertificateSerial(year: 2020, code: "OE", sequence: 99).description
            let unknown = try await Browser(app).get("/verify/\(unknownSerial)").body.string
            #expect(unknown.contains("state-unknown") && unknown.contains("Certificate not found"))
            let letters = Array("ABCDEFGHJKLMNPQRSTVWXYZ").map(String.init)
            let wrongLetter = letters.first { $0 != String(b2.serial.last!) }!
            let typo = String(b2.serial.dropLast()) + wrongLetter
            let mistyped = try await Browser(app).get("/verify/\(typo)").body.string
            #expect(mistyped.contains("state-mistyped") && mistyped.contains("Check the number you typed"))
            #expect(!mistyped.contains("Worker b2"))
            let garbage = try await Browser(app).get("/verify/hello").body.string
            #expect(garbage.contains("state-malformed") && garbage.contains("Not a certificate number"))

            // JSON for machines.
            let json = try await Browser(app).get("/verify/\(b2.serial)", headers: ["Accept": "application/json"]).decode(CertificateCheckDTO.self)
            #expect(json.valid && json.status == "approved" && json.nominee == "Worker b2" && json.issuedOn == "2021-01-18")
            let typoJSON = try await Browser(app).get("/verify/\(typo)", headers: ["Accept": "application/json"]).decode(CertificateCheckDTO.self)
            #expect(!typoJSON.valid && typoJSON.status == "mistyped")
            let revokedJSON = try await Browser(app).get("/verify/\(revoked.serial)", headers: ["Accept": "application/json"]).decode(CertificateCheckDTO.self)
            #expect(!revokedJSON.valid && revokedJSON.status == "revoked")

            // The form: typed numbers go to their page; no number shows the empty form.
            let form = try await Browser(app).get("/verify?serial=%20\(b2.serial.lowercased())%20")
            #expect(form.status == .seeOther)
            #expect(form.headers.first(name: .location) == "/verify/\(b2.serial.lowercased())")
            let empty = try await Browser(app).get("/verify")
            #expect(empty.status == .ok && empty.body.string.contains("Verify a certificate") && empty.body.string.contains(#"action="/verify""#))
        }
    }

    @Test func organizersPrintEveryApprovedCertificateOnePerPage() async throws {
        try await withPodium { app in
            let f = try await decided(app)
            let path = "/admin/recognition/recognition-2020/certificates"
            let anonymous = try await Browser(app).get(path)
            #expect(anonymous.status == .seeOther || anonymous.status == .found)
            #expect(anonymous.headers.first(name: .location)?.hasPrefix("/login") == true)
            #expect(try await Browser(app).get(path, headers: ["Accept": "application/json"]).status == .unauthorized)
            #expect(try await f.reviewers["a"]!.get(path).status == .forbidden)
            // Before publication: every approved certificate, marked as a draft on screen.
            let draft = try await f.organizer.send(.GET, path)
            #expect(draft.status == .ok)
            let html = draft.body.string
            #expect(html.components(separatedBy: #"<article class="honor-cert""#).count - 1 == 4)
            #expect(html.components(separatedBy: "Draft — not yet published").count - 1 >= 4)
            #expect(html.contains("4 certificates, one per A4 page (landscape)."))
            // Published: no draft marks.
            try await startNotice(f)
            f.clock.advance(days: 8)
            #expect(try await f.organizer.send(.POST, "\(Self.api)/publish").status == .ok)
            let final = try await f.organizer.send(.GET, path).body.string
            #expect(!final.contains("hc-draft"))
            #expect(final.contains("18 Jan 2021"))
            #expect(final.components(separatedBy: #"<article class="honor-cert""#).count - 1 == 4)
        }
    }
}
