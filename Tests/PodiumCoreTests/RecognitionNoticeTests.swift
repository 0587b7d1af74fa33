import Foundation
import Testing
@testable import PodiumCore

@Suite("Recognition: stages, public notice, publication, objections, decision quotas")
struct RecognitionNoticeTests {
    let zone = TimeZone(identifier: "Asia/Shanghai")!
    let now = ISO8601DateFormatter().date(from: "2021-01-20T02:00:00Z")!
    func at(_ hours: Double) -> Date { now.addingTimeInterval(hours * 3600) }

    @Test func theStageFollowsPublicationThenTheNoticeThenTheCategories() {
        let open = RecognitionStage.CategoryState(nominationsOpen: true, decided: false)
        let reviewing = RecognitionStage.CategoryState(nominationsOpen: false, decided: false)
        let decided = RecognitionStage.CategoryState(nominationsOpen: false, decided: true)
        #expect(RecognitionStage.of(published: false, noticeEndsAt: nil, categories: [], now: now) == .setUp)
        #expect(RecognitionStage.of(published: false, noticeEndsAt: nil, categories: [open, decided], now: now) == .nominating)
        #expect(RecognitionStage.of(published: false, noticeEndsAt: nil, categories: [reviewing, decided], now: now) == .reviewing)
        #expect(RecognitionStage.of(published: false, noticeEndsAt: nil, categories: [decided, decided], now: now) == .decided)
        #expect(RecognitionStage.of(published: false, noticeEndsAt: at(1), categories: [decided], now: now) == .notice)
        // The notice ends at its exact minute.
        #expect(RecognitionStage.of(published: false, noticeEndsAt: now, categories: [decided], now: now) == .noticeOver)
        #expect(RecognitionStage.of(published: true, noticeEndsAt: at(1), categories: [reviewing], now: now) == .published)
    }

    @Test func theNoticeNeedsApprovedAwardsAndMoreThanAnHour() {
        #expect(PublicNotice.startProblem(endsAt: at(24), now: now, approvedAwards: 0, published: false, timeZone: zone)
                == .conflict(LocalizedMessage("error.notice.nothingApproved")))
        // 2021-01-20 10:00 Shanghai is now; an hour later is refused, an hour and a minute is fine.
        #expect(PublicNotice.startProblem(endsAt: at(1), now: now, approvedAwards: 3, published: false, timeZone: zone)
                == .invalid("endsAt", "error.notice.endTooSoon", ["value": "2021-01-20 11:00"]))
        #expect(PublicNotice.startProblem(endsAt: at(1 + 1.0 / 60), now: now, approvedAwards: 3, published: false, timeZone: zone) == nil)
        #expect(PublicNotice.startProblem(endsAt: at(24), now: now, approvedAwards: 3, published: true, timeZone: zone)
                == .conflict(LocalizedMessage("error.decision.published")))
    }

    @Test func publicationWaitsForTheEndOfTheNoticeAndEveryAnswer() {
        #expect(PublicNotice.publishProblem(noticeEndsAt: nil, now: now, openObjections: 0, published: false, timeZone: zone)
                == .conflict(LocalizedMessage("error.publish.noNotice")))
        #expect(PublicNotice.publishProblem(noticeEndsAt: at(2), now: now, openObjections: 0, published: false, timeZone: zone)
                == .conflict(LocalizedMessage("error.publish.noticeRunning", ["ends": "2021-01-20 12:00"])))
        #expect(PublicNotice.publishProblem(noticeEndsAt: at(-1), now: now, openObjections: 2, published: false, timeZone: zone)
                == .conflict(LocalizedMessage("error.publish.openObjections", ["count": "2"])))
        #expect(PublicNotice.publishProblem(noticeEndsAt: now, now: now, openObjections: 0, published: false, timeZone: zone) == nil)
        #expect(PublicNotice.publishProblem(noticeEndsAt: at(-1), now: now, openObjections: 0, published: true, timeZone: zone) != nil)
    }

    @Test func objectionsAreTakenOnlyWhileTheNoticeRuns() {
        #expect(PublicNotice.takesObjections(noticeEndsAt: at(1), published: false, now: now))
        #expect(!PublicNotice.takesObjections(noticeEndsAt: now, published: false, now: now))
        #expect(!PublicNotice.takesObjections(noticeEndsAt: nil, published: false, now: now))
        #expect(!PublicNotice.takesObjections(noticeEndsAt: at(1), published: true, now: now))
    }

    @Test func anObjectionNeedsANameAndSaysWhatIsWrong() {
        #expect(ObjectionDraft(name: "  ", contact: nil, text: "too short").issues().map(\.field) == ["name", "text"])
        let draft = ObjectionDraft(name: " 王芳 ", contact: "  ", text: "The safety record cited is from 2019.")
        #expect(draft.issues().isEmpty)
        #expect(draft.name == "王芳" && draft.contact == nil)
        #expect(ObjectionDraft(name: String(repeating: "a", count: 101), contact: String(repeating: "b", count: 201), text: String(repeating: "c", count: 4001))
            .issues().map(\.message.key) == ["error.objection.nameLong", "error.objection.textLong", "error.objection.contactLong"])
    }

    @Test func decisionQuotasAreCheckedOnWhatWouldBeStored() {
        // Nominations 1, 2, 3 from organization 10; 4 from 20.
        let units = [1: 10, 2: 10, 3: 10, 4: 20]
        func problem(_ awarded: [Int], seats: Int = 3, perUnit: Int? = 2) -> LocalizedMessage? {
            AwardProposal.quotaProblem(awarded: awarded, seats: seats, perUnitQuota: perUnit, quotaUnit: units, categoryName: "OE",
                                       unitName: { $0 == 10 ? "New Materials" : "Robotics" })
        }
        #expect(problem([1, 2, 4]) == nil)
        #expect(problem([1, 2, 3]) == LocalizedMessage("error.decision.overUnitQuota", ["unit": "New Materials", "count": "3", "quota": "2"]))
        #expect(problem([1, 2, 4, 3], seats: 3, perUnit: nil) == LocalizedMessage("error.decision.overQuota", ["category": "OE", "quota": "3"]))
        #expect(problem([1, 2, 3], perUnit: nil) == nil)
    }

    @Test func localDateTimesAreReadInTheProgramsZone() {
        let expected = ISO8601DateFormatter().date(from: "2021-01-27T10:00:00Z")
        #expect(DateDisplay.parseLocal("2021-01-27T18:00", timeZone: zone) == expected)
        #expect(DateDisplay.parseLocal(" 2021-01-27 18:00 ", timeZone: zone) == expected)
        #expect(DateDisplay.parseLocal("2021-01-27T18:00:00", timeZone: zone) == expected)
        #expect(DateDisplay.parseLocal("2021-01-27", timeZone: zone) == ISO8601DateFormatter().date(from: "2021-01-26T16:00:00Z"))
        for bad in ["", "tomorrow", "2021-01-27T24:00", "2021-01-27T18:60", "2021-02-30T10:00", "2021-01-27 18", "2021-01-27 18:00 extra"] {
            #expect(DateDisplay.parseLocal(bad, timeZone: zone) == nil, "\(bad)")
        }
    }
}
