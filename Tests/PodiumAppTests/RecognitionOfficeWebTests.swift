import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Recognition back office: office, category, nomination and review pages")
struct RecognitionOfficeWebTests {
    static let office = "/admin/recognition/recognition-2020"

    func organizer(_ app: Application) async throws -> Browser {
        try await app.makeUser("organizer@test.podium", grants: [RoleGrant(role: .organizer)])
        let browser = Browser(app)
        try await browser.signIn("organizer@test.podium", "password-123")
        return browser
    }

    @Test func anOrganizerSetsUpAnAwardAndBadInputComesBackInPlace() async throws {
        try await withPodium { app in
            let f = try await RecognitionTests().fixture(app)
            let browser = try await organizer(app)
            let page = try await browser.get(Self.office)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Outstanding Employee"))
            let bad = try await browser.post("\(Self.office)/categories", [("name", "Technological Innovation Model"), ("code", "T I"), ("kind", "individual"),
                                                                            ("quotaTotal", "six"), ("method", "rubric"), ("criteria", "Patents 40 10")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("is not a whole number"))
            // Every problem at once: the unreadable number and rubric line, and the rules the rest breaks.
            #expect(bad.body.string.contains("is not a usable code"))
            #expect(bad.body.string.contains("should read: name, weight, top score"))
            #expect(bad.body.string.contains("Patents 40 10"))
            #expect(bad.body.string.contains("Technological Innovation Model"))
            let good = try await browser.post("\(Self.office)/categories", [("name", "Technological Innovation Model"), ("code", "ti"), ("kind", "individual"),
                                                                             ("quotaTotal", "6"), ("method", "rubric"), ("statusActive", "on"),
                                                                             ("criteria", "Patents, 40, 10\r\nSavings，60，5")])
            #expect(good.status == .seeOther)
            #expect(good.headers.first(name: .location) == "\(Self.office)/categories/TI")
            let category = try await browser.get("\(Self.office)/categories/TI")
            #expect(category.status == .ok)
            #expect(category.body.string.contains("Savings"))
            // The panel form adds a reviewer of the program.
            let added = try await browser.post("\(Self.office)/categories/TI/panel", [("userId", "\(f.reviewerIDs["b"]!)"), ("homeUnitId", "\(f.units["B"]!)")])
            #expect(added.status == .seeOther)
            // Team leaders and reviewers may not open the category page.
            #expect(try await f.reviewers["a"]!.get("\(Self.office)/categories/TI").status == .forbidden)
            let anonymous = try await Browser(app).get("\(Self.office)/categories/TI")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers.first(name: .location)?.hasPrefix("/login") == true)
        }
    }

    @Test func nominatingThroughTheFormFindsThePersonAndRefusesBadInput() async throws {
        try await withPodium { app in
            let f = try await RecognitionTests().fixture(app)
            let browser = try await organizer(app)
            let unknown = try await browser.post("\(Self.office)/nominations", [("category", "OE"), ("nominee", "Nobody"), ("citation", "x")])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains("Nobody"))
            let short = try await browser.post("\(Self.office)/nominations", [("category", "OE"), ("nominee", "A1"), ("citation", "Good.")])
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.string.contains("at least 20"))
            let ok = try await browser.post("\(Self.office)/nominations", [("category", "OE"), ("nominee", "worker a1"),
                                                                            ("citation", "Kept the kiln running through the winter shutdown.")])
            #expect(ok.status == .seeOther)
            let list = try await f.organizer.send(.GET, "\(RecognitionTests.path)/nominations").decode([NominationDTO].self)
            #expect(list.map(\.nominee) == ["Worker a1"])
            let detail = try await browser.get("\(Self.office)/nominations/\(list[0].id)")
            #expect(detail.body.string.contains("Kept the kiln"))
            let noReason = try await browser.post("\(Self.office)/nominations/\(list[0].id)/withdraw", [("reason", ""), ("version", "0")])
            #expect(noReason.status == .unprocessableEntity)
            #expect(try await browser.post("\(Self.office)/nominations/\(list[0].id)/withdraw", [("reason", "Asked to be left out"), ("version", "0")]).status == .seeOther)
            #expect(try await browser.get(Self.office).body.string.contains("Asked to be left out"))
        }
    }

    @Test func aReviewerVotesOnTheirPageAndTheOrganizerApprovesNoticesAndPublishes() async throws {
        try await withPodium { app in
            let f = try await RecognitionTests().fixture(app)
            for key in ["a1", "b1", "c1"] { #expect(try await RecognitionTests().nominate(f, key).status == .created) }
            let ids = try await RecognitionTests().nominationIDs(f)
            let reviewer = f.reviewers["a"]!
            let page = try await reviewer.get("\(Self.office)/review")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Same organization as you"))
            #expect(!page.body.string.contains(RecognitionTests().citation("a1")))
            // Too many picks come back with the message and the ticks as they were.
            let tooMany = try await reviewer.post("\(Self.office)/review/OE/ballot", [("round", "1"), ("pick[\(ids["b1"]!)]", "on"), ("pick[\(ids["c1"]!)]", "on"),
                                                                                    ("pick[\(ids["a1"]!)]", "on")])
            #expect(tooMany.status == .unprocessableEntity)
            for (key, picks) in [("a", ["b1", "c1"]), ("b", ["a1", "c1"]), ("g", ["a1", "c1"])] {
                let form = [("round", "1")] + picks.map { ("pick[\(ids[$0]!)]", "on") }
                #expect(try await f.reviewers[key]!.post("\(Self.office)/review/OE/ballot", form).status == .seeOther)
            }
            #expect(try await reviewer.get("\(Self.office)/review").body.string.contains("Your ballot was saved"))
            let browser = try await organizer(app)
            let category = try await browser.get("\(Self.office)/categories/OE")
            #expect(category.body.string.contains("100.00"))
            #expect(try await browser.post("\(Self.office)/categories/OE/decisions", []).status == .seeOther)
            let notice = try await browser.post("\(Self.office)/notice", [("endsAt", "2021-01-17T18:00")])
            #expect(notice.status == .seeOther)
            #expect(try await browser.post("\(Self.office)/publish", []).status == .conflict)
            f.clock.advance(days: 8)
            try await browser.signIn("organizer@test.podium", "password-123")
            let published = try await browser.post("\(Self.office)/publish", [])
            #expect(published.status == .seeOther, "\(published.body.string.prefix(600))")
            #expect(try await browser.get(Self.office).body.string.contains("Published on"))
        }
    }
}
