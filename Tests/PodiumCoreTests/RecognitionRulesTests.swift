import Foundation
import Testing
@testable import PodiumCore

@Suite("Recognition: ballots, eligibility, nominations, conflicts of interest, categories, certificate serials")
struct RecognitionRulesTests {
    let criteria = [RubricCriterion(name: "Achievements", weight: 40, maxScore: 10),
                    RubricCriterion(name: "Leadership", weight: 60, maxScore: 5)]
    let candidates = [1: "Ann", 2: "Bo", 3: "Cy"]

    func check(_ method: ReviewMethod, pickLimit: Int = 2, barred: Set<Int> = [3]) -> BallotCheck {
        BallotCheck(method: method, criteria: criteria, pickLimit: pickLimit, candidates: candidates, barred: barred)
    }

    // MARK: Ballot checks

    @Test func approvalBallotsKeepToThePickLimit() {
        #expect(check(.approval, pickLimit: 1).judged == [1, 2])
        #expect(check(.approval, pickLimit: 1).issues(.approval([1])).isEmpty)
        #expect(check(.approval, pickLimit: 1).issues(.approval([])).isEmpty)
        let issues = check(.approval, pickLimit: 1).issues(.approval([1, 2]))
        #expect(issues == [FieldIssue("ballot", "error.ballot.tooManyPicks", ["count": "2", "limit": "1"])])
        #expect(issues.first?.field == "ballot")
        #expect(issues.first?.message.key == "error.ballot.tooManyPicks")
        #expect(issues.first?.message.args["limit"] == "1")
    }

    @Test func aBallotMayNotPickABarredOrUnknownNominee() {
        let conflicted = check(.approval).issues(.approval([3]))
        #expect(conflicted.map(\.message.key) == ["error.ballot.conflicted"])
        #expect(conflicted.first?.message.args == ["name": "Cy"])
        let unknown = check(.approval).issues(.approval([1, 9]))
        #expect(unknown == [FieldIssue("ballot", "error.ballot.unknownNomination", ["id": "9"])])
        // A barred nominee is refused on every kind of ballot.
        #expect(check(.borda).issues(.ranking([2, 1, 3])).map(\.message.key) == ["error.ballot.conflicted"])
        #expect(check(.rubric).issues(.rubric([1: [5, 5], 2: [5, 5], 3: [5, 5]])).map(\.message.key) == ["error.ballot.conflicted"])
    }

    @Test func rubricBallotsScoreEveryJudgedNomineeWithinEachTopScore() {
        #expect(check(.rubric).issues(.rubric([1: [10, 5], 2: [0, 0]])).isEmpty)
        // Leadership is scored 0-5: a 6 is out of range, and so is a negative score.
        #expect(check(.rubric).issues(.rubric([1: [8, 6], 2: [-1, 3]])) == [
            FieldIssue("ballot", "error.ballot.scoreRange", ["name": "Ann", "criterion": "Leadership", "value": "6", "max": "5"]),
            FieldIssue("ballot", "error.ballot.scoreRange", ["name": "Bo", "criterion": "Achievements", "value": "-1", "max": "10"]),
        ])
        // No row for Bo; Cy is barred and needs none.
        #expect(check(.rubric).issues(.rubric([1: [8, 4]])) == [FieldIssue("ballot", "error.ballot.unscored", ["name": "Bo"])])
        // A row with the wrong number of scores.
        #expect(check(.rubric).issues(.rubric([1: [8], 2: [1, 1]])) == [FieldIssue("ballot", "error.ballot.scoreCount", ["name": "Ann", "count": "2"])])
    }

    @Test func rankingsNameEveryJudgedNomineeOnce() {
        #expect(check(.borda).issues(.ranking([2, 1])).isEmpty)
        #expect(check(.borda).issues(.ranking([1])) == [FieldIssue("ballot", "error.ballot.unranked", ["name": "Bo"])])
        #expect(check(.borda).issues(.ranking([1, 2, 1])) == [FieldIssue("ballot", "error.ballot.rankedTwice")])
        // With nobody barred, all three must be ranked.
        #expect(check(.borda, barred: []).issues(.ranking([2, 1])) == [FieldIssue("ballot", "error.ballot.unranked", ["name": "Cy"])])
    }

    @Test func aBallotOfTheWrongMethodIsRefusedAlone() {
        // Only the method is reported, even though the picks would also be too many and barred.
        #expect(check(.rubric).issues(.approval([1, 2, 3])) == [FieldIssue("ballot", "error.ballot.wrongMethod", ["method": "rubric"])])
        #expect(check(.approval).issues(.ranking([1, 2])).map(\.message.key) == ["error.ballot.wrongMethod"])
        #expect(BallotContent.ranking([1]).method == .borda)
    }

    // MARK: Eligibility

    func person(hired: CalendarDate? = nil, status: EmployeeStatus? = .active, won: String? = nil) -> NomineeFacts {
        NomineeFacts(name: "Ann", status: status, hireDate: hired, wonSameAwardLastEdition: won)
    }
    func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

    @Test func aStatusNotAllowedIsAProblem() {
        let rule = Eligibility(allowedStatuses: [.active, .onLeave])
        #expect(rule.problems(for: person(status: .retired)) == [LocalizedMessage("error.nomination.status.retired", ["name": "Ann"])])
        #expect(rule.problems(for: person(status: .onLeave)).isEmpty)
        // A team has no status and is not refused for it.
        #expect(rule.problems(for: person(status: nil)).isEmpty)
    }

    @Test func serviceYearsAreCountedOnTheGivenDayInWholeYears() {
        let rule = Eligibility(minimumServiceYears: 5, serviceCountedOn: day(2024, 12, 31))
        // Hired 2019-12-31: 2024 - 2019 = 5, and 31 Dec has been reached -> 5 years, enough.
        #expect(rule.problems(for: person(hired: day(2019, 12, 31))).isEmpty)
        // Hired a day later, 2020-01-01: 2024 - 2020 = 4 -> one day short of 5 years.
        #expect(rule.problems(for: person(hired: day(2020, 1, 1))) == [
            LocalizedMessage("error.nomination.service", ["name": "Ann", "years": "5", "date": "2024-12-31", "hired": "2020-01-01"]),
        ])
        // Counted one day earlier, 2024-12-30, the 2019-12-31 hire is short too: 2024 - 2019 - 1 = 4.
        let earlier = Eligibility(minimumServiceYears: 5, serviceCountedOn: day(2024, 12, 30))
        #expect(earlier.problems(for: person(hired: day(2019, 12, 31))).map(\.key) == ["error.nomination.service"])
    }

    @Test func aMissingHireDateFailsARequiredServicePeriod() {
        let rule = Eligibility(minimumServiceYears: 3, serviceCountedOn: day(2024, 12, 31))
        #expect(rule.problems(for: person(hired: nil)) == [LocalizedMessage("error.nomination.noHireDate", ["name": "Ann", "years": "3"])])
        #expect(Eligibility().problems(for: person(hired: nil)).isEmpty)
    }

    @Test func lastEditionsWinnersSitOutWhenTheCategorySaysSo() {
        let won = person(won: "Annual Awards 2023")
        #expect(Eligibility(excludePreviousWinners: true).problems(for: won) == [
            LocalizedMessage("error.nomination.previousWinner", ["name": "Ann", "program": "Annual Awards 2023"]),
        ])
        #expect(Eligibility(excludePreviousWinners: false).problems(for: won).isEmpty)
        #expect(Eligibility(excludePreviousWinners: true).problems(for: person()).isEmpty)
    }

    @Test func eligibilitySettingsAreChecked() {
        #expect(Eligibility(allowedStatuses: []).issues().map(\.message.key) == ["error.award.noStatus"])
        #expect(Eligibility(minimumServiceYears: 5).issues() == [FieldIssue("serviceCountedOn", "error.award.serviceDateRequired")])
        #expect(Eligibility(minimumServiceYears: 0, serviceCountedOn: day(2024, 12, 31)).issues()
                == [FieldIssue("minimumServiceYears", "error.award.serviceYears", ["value": "0"])])
    }

    // MARK: Nomination window and check

    let opens = Date(timeIntervalSince1970: 1_700_000_000)
    var closes: Date { opens.addingTimeInterval(14 * 86_400) }

    @Test func theWindowIsOpenFromItsOpeningUntilJustBeforeItsClosing() {
        let window = NominationWindow(opensAt: opens, closesAt: closes)
        #expect(window.state(at: opens.addingTimeInterval(-1)) == .notYetOpen)
        #expect(window.state(at: opens) == .open)
        #expect(window.state(at: closes.addingTimeInterval(-1)) == .open)
        #expect(window.state(at: closes) == .closed)
        #expect(NominationWindow().state(at: opens) == .open)
        #expect(NominationWindow(closesAt: closes).state(at: .distantPast) == .open)
        #expect(NominationWindow(opensAt: opens).state(at: .distantFuture) == .open)
        #expect(window.issues().isEmpty)
        #expect(NominationWindow(opensAt: closes, closesAt: opens).issues() == [FieldIssue("closesAt", "error.award.windowOrder")])
        #expect(NominationWindow(opensAt: opens, closesAt: opens).issues().count == 1)
    }

    var nominationCheck: NominationCheck {
        NominationCheck(categoryName: "Outstanding Employee", window: NominationWindow(opensAt: opens, closesAt: closes),
                        eligibility: Eligibility(), quotaPerUnit: 2)
    }
    let citation = "Led the plant through its safest year on record."

    func attempt(nominator: Int? = 1, nominee: Int? = 2, citation: String? = nil, already: Bool = false,
                 ofUnit: Int = 0, at now: Date? = nil, facts: NomineeFacts? = nil) -> NominationCheck.Attempt {
        .init(nominee: facts ?? NomineeFacts(name: "Ann", status: .active, hireDate: nil), nominatorPersonID: nominator,
              nomineePersonID: nominee, citation: citation ?? self.citation, alreadyNominated: already,
              quotaUnitName: "Acme", nominationsOfQuotaUnit: ofUnit, now: now ?? opens.addingTimeInterval(3_600))
    }

    @Test func aGoodNominationPasses() {
        #expect(nominationCheck.issues(attempt()).isEmpty)
        // A unit nominated by someone off the roster: no person ids at all, not a self-nomination.
        #expect(nominationCheck.issues(attempt(nominator: nil, nominee: nil)).isEmpty)
    }

    @Test func nobodyNominatesThemselvesOrTheSameNomineeTwice() {
        #expect(nominationCheck.issues(attempt(nominator: 2, nominee: 2)) == [FieldIssue("nominee", "error.nomination.self")])
        #expect(nominationCheck.issues(attempt(already: true)) == [
            FieldIssue("nominee", "error.nomination.duplicate", ["category": "Outstanding Employee", "name": "Ann"]),
        ])
    }

    @Test func anOrganizationAtItsQuotaMayNotNominateMore() {
        #expect(nominationCheck.issues(attempt(ofUnit: 1)).isEmpty)   // 1 < 2: the second one is fine
        #expect(nominationCheck.issues(attempt(ofUnit: 2)) == [        // 2 >= 2: a third is refused
            FieldIssue("nominee", "error.nomination.quota", ["category": "Outstanding Employee", "unit": "Acme", "quota": "2"]),
        ])
    }

    @Test func theCitationHasAMinimumAndAMaximumLength() {
        let nineteen = String(repeating: "x", count: 19), twenty = String(repeating: "x", count: 20)
        // Surrounding spaces do not count.
        #expect(nominationCheck.issues(attempt(citation: "   \(nineteen)  \n")) == [FieldIssue("citation", "error.nomination.citationShort", ["min": "20"])])
        #expect(nominationCheck.issues(attempt(citation: twenty)).isEmpty)
        // Counted in characters, so 20 Chinese characters are enough.
        #expect(nominationCheck.issues(attempt(citation: String(repeating: "优", count: 20))).isEmpty)
        #expect(nominationCheck.issues(attempt(citation: String(repeating: "x", count: 4000))).isEmpty)
        #expect(nominationCheck.issues(attempt(citation: String(repeating: "x", count: 4001)))
                == [FieldIssue("citation", "error.nomination.citationLong", ["max": "4000"])])
    }

    @Test func outsideTheWindowOnlyAnOrganizerSkippingItMayNominate() {
        let late = attempt(at: closes)
        #expect(nominationCheck.issues(late) == [FieldIssue("category", "error.nomination.closed", ["category": "Outstanding Employee"])])
        #expect(nominationCheck.issues(late, skipWindow: true).isEmpty)
        #expect(nominationCheck.issues(attempt(at: opens.addingTimeInterval(-60))).map(\.message.key) == ["error.nomination.notOpen"])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let check = NominationCheck(categoryName: "Outstanding Employee", window: NominationWindow(opensAt: opens, closesAt: closes),
                                    eligibility: Eligibility(allowedStatuses: [.active]), quotaPerUnit: 1)
        let issues = check.issues(attempt(nominator: 2, nominee: 2, citation: "Good", already: true, ofUnit: 1, at: closes,
                                          facts: NomineeFacts(name: "Ann", status: .left, hireDate: nil)))
        #expect(issues.map(\.field) == ["category", "nominee", "nominee", "nominee", "nominee", "citation"])
        #expect(issues.map(\.message.key) == ["error.nomination.closed", "error.nomination.self", "error.nomination.duplicate",
                                              "error.nomination.status.left", "error.nomination.quota", "error.nomination.citationShort"])
    }

    // MARK: Conflicts of interest

    // Group(1) ─┬─ North(2, sector) ─┬─ Acme(3, company) ─┬─ Finance(4)
    //           │                    │                    └─ Sales(5)
    //           │                    └─ Beta(6, company) ── Works(7)
    //           └─ South(8, sector) ── Gamma(9, company) ── Lab(10)
    // Riverside(20, community, a root) ── Youth(21)
    let tree = UnitTree([
        UnitNode(id: 1, parentID: nil, name: "Group", kind: .group),
        UnitNode(id: 2, parentID: 1, name: "North", kind: .sector),
        UnitNode(id: 3, parentID: 2, name: "Acme", kind: .company),
        UnitNode(id: 4, parentID: 3, name: "Finance", kind: .department),
        UnitNode(id: 5, parentID: 3, name: "Sales", kind: .department),
        UnitNode(id: 6, parentID: 2, name: "Beta", kind: .company),
        UnitNode(id: 7, parentID: 6, name: "Works", kind: .department),
        UnitNode(id: 8, parentID: 1, name: "South", kind: .sector),
        UnitNode(id: 9, parentID: 8, name: "Gamma", kind: .company),
        UnitNode(id: 10, parentID: 9, name: "Lab", kind: .department),
        UnitNode(id: 20, parentID: nil, name: "Riverside", kind: .community),
        UnitNode(id: 21, parentID: 20, name: "Youth", kind: .department),
    ])

    func conflicts(_ reviewer: Int?, _ nominee: Int?) -> Bool {
        ConflictOfInterest.conflicts(reviewerUnitID: reviewer, nomineeUnitID: nominee, tree: tree)
    }

    @Test func theHomeOrganizationIsTheNearestCompanyOrOutsideOrganization() {
        #expect(tree.homeOrganization(of: 4) == 3)
        #expect(tree.homeOrganization(of: 3) == 3)
        #expect(tree.homeOrganization(of: 21) == 20)
        #expect(tree.homeOrganization(of: 2) == 2)     // a sector is its own
        #expect(tree.homeOrganization(of: 1) == 1)     // so is the group office
        #expect(tree.homeOrganization(of: 99) == 99)   // an unknown unit stands for itself
    }

    @Test func colleaguesInTheSameCompanyConflict() {
        #expect(conflicts(4, 5))      // Finance and Sales of Acme
        #expect(conflicts(5, 4))
        #expect(conflicts(4, 3))      // a department and its company
        #expect(conflicts(3, 4))
        #expect(!conflicts(4, 7))     // Acme and Beta, same sector, different companies
        #expect(!conflicts(4, 10))
    }

    @Test func theGroupOfficeConflictsWithNobodyBelowIt() {
        for nominee in [2, 3, 4, 7, 8, 9, 10, 21] { #expect(!conflicts(1, nominee), "nominee unit \(nominee)") }
    }

    @Test func aSectorReviewerConflictsWithTheCompaniesOfThatSector() {
        #expect(conflicts(2, 3))
        #expect(conflicts(2, 4))
        #expect(conflicts(2, 7))
        #expect(!conflicts(2, 9))
        #expect(!conflicts(2, 10))
        // ... and, one lying within the other, a company's reviewer with a team nomination of its sector.
        #expect(conflicts(4, 2))
    }

    @Test func outsideOrganizationsDoNotConflictWithTheGroup() {
        #expect(!conflicts(3, 21))
        #expect(!conflicts(21, 3))
        #expect(!conflicts(4, 20))
        #expect(conflicts(20, 21))    // within the same community they do
        #expect(!conflicts(nil, 4))
        #expect(!conflicts(4, nil))
    }

    // MARK: Award category settings

    var goodDraft: AwardCategoryDraft {
        AwardCategoryDraft(name: "Outstanding Employee", code: "OE", kind: .individual, quotaTotal: 3, quotaPerUnit: 1,
                           method: .rubric, criteria: criteria)
    }

    @Test func aSensibleCategoryHasNoIssues() {
        #expect(goodDraft.issues().isEmpty)
        #expect(goodDraft.effectivePickLimit == 3)
        var approval = goodDraft
        approval.method = .approval
        approval.criteria = []
        approval.pickLimit = 2
        #expect(approval.issues().isEmpty)
        #expect(approval.effectivePickLimit == 2)
    }

    @Test func categoryCodesAreShortAndStartWithALetter() {
        var draft = goodDraft
        draft.code = "7UP"
        #expect(draft.issues() == [FieldIssue("code", "error.award.codeInvalid", ["value": "7UP"])])
        for bad in ["", "O-E", "OUTSTAND", "ÉE", "O E"] { #expect(!CertificateSerial.isValidCode(bad), "\(bad)") }
        for good in ["OE", "Y2K", "TEAM24", "x"] { #expect(CertificateSerial.isValidCode(good), "\(good)") }
    }

    @Test func aPerUnitQuotaMayNotExceedTheTotal() {
        var draft = goodDraft
        draft.quotaPerUnit = 4
        #expect(draft.issues() == [FieldIssue("quotaPerUnit", "error.award.quotaPerUnit", ["value": "4", "total": "3"])])
        draft.quotaPerUnit = 3
        #expect(draft.issues().isEmpty)
    }

    @Test func aRubricNeedsCriteriaWithPositiveWeights() {
        var draft = goodDraft
        draft.criteria = []
        #expect(draft.issues() == [FieldIssue("criteria", "error.award.criteriaRequired")])
        draft.criteria = [criteria[0], RubricCriterion(name: "Leadership", weight: 0, maxScore: 5)]
        #expect(draft.issues() == [FieldIssue("criteria", "error.award.criterionWeight", ["line": "2", "name": "Leadership", "value": "0"])])
        draft.criteria = [criteria[0], RubricCriterion(name: "achievements", weight: 10, maxScore: 5)]
        #expect(draft.issues().map(\.message.key) == ["error.award.criterionRepeated"])
    }

    @Test func criteriaAreReadOnePerLineWithEnglishOrChineseCommas() throws {
        let parsed = try AwardCategoryDraft.parseCriteria("Achievements, 40, 10\n\n领导力，60，5\nTeamwork\t20\t3\n")
        #expect(parsed == [RubricCriterion(name: "Achievements", weight: 40, maxScore: 10),
                           RubricCriterion(name: "领导力", weight: 60, maxScore: 5),
                           RubricCriterion(name: "Teamwork", weight: 20, maxScore: 3)])
    }

    @Test func criteriaPastedFromAFormWithWindowsLineEndingsAreRead() throws {
        // A browser sends a textarea's lines separated by CR LF.
        let parsed = try AwardCategoryDraft.parseCriteria("Achievements, 40, 10\r\nLeadership, 60, 5\r\n")
        #expect(parsed.map(\.name) == ["Achievements", "Leadership"])
    }

    @Test func aBadCriteriaLineIsNamedByItsNumber() {
        // Line 2 is empty and skipped but still counted.
        #expect(throws: PodiumError.validation([
            FieldIssue("criteria", "error.award.criterionLine", ["line": "3", "text": "Leadership 60 5"]),
            FieldIssue("criteria", "error.award.criterionLine", ["line": "4", "text": "Teamwork, many, 5"]),
        ])) {
            try AwardCategoryDraft.parseCriteria("Achievements, 40, 10\n\nLeadership 60 5\nTeamwork, many, 5")
        }
    }

    // MARK: Certificate serials

    @Test func aSerialCarriesACheckLetter() {
        // "2020-OE-007": sum of (position * ASCII code)
        //   1*'2'50 + 2*'0'48 + 3*50 + 4*48 + 5*'-'45 + 6*'O'79 + 7*'E'69 + 8*45 + 9*48 + 10*48 + 11*'7'55
        //   = 50 + 96 + 150 + 192 + 225 + 474 + 483 + 360 + 432 + 480 + 605 = 3547;  3547 mod 23 = 5
        //   ABCDEFGHJKLMNPQRSTVWXYZ[5] = F
        let serial = CertificateSerial(year: 2020, code: "oe", sequence: 7)
        #expect(serial.description == "2020-OE-007-F")
        #expect(CertificateSerial(year: 2021, code: "TEAM", sequence: 1234).description.hasPrefix("2021-TEAM-1234-"))
    }

    @Test func aSerialIsReadBackInAnyCaseWithSpacesAround() {
        #expect(CertificateSerial(parsing: "  2020-oe-007-f \n") == CertificateSerial(year: 2020, code: "OE", sequence: 7))
        let long = CertificateSerial(year: 2021, code: "team", sequence: 1234)
        #expect(CertificateSerial(parsing: long.description.lowercased()) == long)
        for bad in ["2020-OE-07-F", "2020-OE-007", "20-OE-007-F", "2020-7E-007-F", "2020-OE-007-FF", "2020 OE 007 F"] {
            #expect(CertificateSerial(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func aMistypedDigitOrTwoSwappedDigitsAreCaught() {
        // A changed digit: "2020-OE-008" adds 11*1 -> 3558 mod 23 = 16 = S, so ...-F no longer checks.
        #expect(CertificateSerial(parsing: "2020-OE-008-F") == nil)
        #expect(CertificateSerial(parsing: "2020-OE-008-S") == CertificateSerial(year: 2020, code: "OE", sequence: 8))
        // "2021-OE-007": 4*1 more -> 3551 mod 23 = 9 = K.
        #expect(CertificateSerial(parsing: "2021-OE-007-F") == nil)
        // Swapping neighbours at positions p, p+1 holding a, b changes the sum by a - b:
        // "2020-OE-070": 10*55 + 11*48 - (10*48 + 11*55) = -7 -> 3540 mod 23 = 21 = Y.
        #expect(CertificateSerial(parsing: "2020-OE-070-F") == nil)
        // "2002-OE-007": 3*48 + 4*50 - (3*50 + 4*48) = +2 -> 3549 mod 23 = 7 = H.
        #expect(CertificateSerial(parsing: "2002-OE-007-F") == nil)
        // Swapped code letters "EO": 6*69 + 7*79 - (6*79 + 7*69) = +10 -> 3557 mod 23 = 15 = R.
        #expect(CertificateSerial(parsing: "2020-EO-007-F") == nil)
    }

    @Test func everySingleDigitErrorAndAdjacentDigitSwapIsCaught() {
        // Why it always works for this body length: a changed digit at position p (1...11) moves the sum by p*d with
        // 1 <= |d| <= 9, and a swap of different neighbouring digits by a-b with 1 <= |a-b| <= 9; 23 is prime
        // and larger than all of these, so the sum mod 23 (and so the letter) always changes.
        let original = CertificateSerial(year: 2020, code: "OE", sequence: 7).description
        let body = Array(original.dropLast(2)), letter = original.last!
        let digitPositions = body.indices.filter { body[$0].isNumber }
        func rejected(_ mutated: [Character]) -> Bool {
            let text = String(mutated)
            let parts = text.split(separator: "-")
            // The mutated body with its own letter is a valid serial, so only the check letter refuses it.
            let honest = CertificateSerial(year: Int(parts[0])!, code: String(parts[1]), sequence: Int(parts[2])!)
            #expect(CertificateSerial(parsing: honest.description) == honest)
            return CertificateSerial(parsing: text + "-" + String(letter)) == nil
        }
        var tried = 0
        for position in digitPositions {
            for digit in "0123456789" where digit != body[position] {
                var mutated = body
                mutated[position] = digit
                #expect(rejected(mutated), "\(String(mutated))")
                tried += 1
            }
        }
        for position in digitPositions where digitPositions.contains(position + 1) && body[position] != body[position + 1] {
            var mutated = body
            mutated.swapAt(position, position + 1)
            #expect(rejected(mutated), "\(String(mutated))")
            tried += 1
        }
        // 7 digits * 9 changes + swaps "20|02", "02|20", "20|02" in the year and "07" in the sequence.
        #expect(tried == 7 * 9 + 4)
    }
}
