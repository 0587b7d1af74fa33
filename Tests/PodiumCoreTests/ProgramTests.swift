import Testing
@testable import PodiumCore

@Suite struct ProgramTests {
    // MARK: Status transitions

    @Test(arguments: [
        (ProgramStatus.draft, [ProgramStatus.open]),
        (.open, [.draft, .closed]),
        (.closed, [.open, .running]),
        (.running, [.closed, .finished]),
        (.finished, [.running, .published]),
        (.published, [.finished]),
    ])
    func allowedTransitions(status: ProgramStatus, expected: [ProgramStatus]) throws {
        #expect(status.allowedTransitions == expected)
        for target in ProgramStatus.allCases {
            #expect(status.canTransition(to: target) == expected.contains(target), "\(status) -> \(target)")
        }
        for target in expected {
            try ProgramTransition.check(from: status, to: target)
        }
    }

    @Test func statusOrder() {
        #expect(ProgramStatus.allCases == [.draft, .open, .closed, .running, .finished, .published])
        #expect(ProgramStatus.draft < .open)
        #expect(ProgramStatus.finished < .published)
        #expect(!(ProgramStatus.published < .draft))
        #expect(ProgramStatus.allCases.shuffled().sorted() == ProgramStatus.allCases)
    }

    @Test func sameStatusIsFine() throws {
        for status in ProgramStatus.allCases {
            #expect(!status.canTransition(to: status))
            try ProgramTransition.check(from: status, to: status)
        }
    }

    @Test(arguments: [
        (ProgramStatus.draft, ProgramStatus.closed),
        (.draft, .published),
        (.open, .running),
        (.published, .draft),
        (.finished, .closed),
        (.running, .open),
    ])
    func skippingThrowsValidation(from: ProgramStatus, to: ProgramStatus) {
        #expect(throws: PodiumError.validation([
            FieldIssue("status", "error.program.transition", ["from": from.rawValue, "to": to.rawValue]),
        ])) {
            try ProgramTransition.check(from: from, to: to)
        }
    }

    @Test func statusVisibilityAndKeys() {
        #expect(!ProgramStatus.draft.isPublic)
        #expect(ProgramStatus.allCases.filter(\.isPublic) == [.open, .closed, .running, .finished, .published])
        #expect(ProgramStatus.running.localizationKey == "program.status.running")
        #expect(ProgramKind.relay.localizationKey == "program.kind.relay")
    }

    // MARK: ProgramDraft

    private func day(_ text: String) throws -> CalendarDate {
        try #require(CalendarDate(parsing: text))
    }

    private func validDraft() throws -> ProgramDraft {
        ProgramDraft(kind: .games, slug: "games-2024", edition: 5, name: "Spring Games",
                     startDate: try day("2024-04-20"),
                     endDate: try day("2024-04-21"),
                     timeZone: "Asia/Shanghai")
    }

    @Test func validDraftHasNoIssues() throws {
        var draft = try validDraft()
        #expect(draft.issues() == [])
        // A one-day program, no end date, no edition: still fine.
        draft.endDate = draft.startDate
        #expect(draft.issues() == [])
        draft.endDate = nil
        draft.edition = nil
        #expect(draft.issues() == [])
        draft.edition = 1000
        draft.timeZone = "UTC"
        #expect(draft.issues() == [])
    }

    @Test func badSlug() throws {
        var draft = try validDraft()
        draft.slug = "Games 2024"
        #expect(draft.issues() == [FieldIssue("slug", "error.slug.format", ["value": "Games 2024"])])
        draft.slug = ""
        #expect(draft.issues() == [FieldIssue("slug", "error.slug.required")])
    }

    @Test(arguments: ["", "   ", "\n\t "])
    func emptyName(_ name: String) throws {
        var draft = try validDraft()
        draft.name = name
        #expect(draft.issues() == [FieldIssue("name", "error.program.nameRequired")])
    }

    @Test func nameTooLong() throws {
        var draft = try validDraft()
        draft.name = String(repeating: "运", count: 200)
        #expect(draft.issues() == [])
        draft.name = String(repeating: "运", count: 201)
        #expect(draft.issues() == [FieldIssue("name", "error.program.nameTooLong", ["max": "200"])])
    }

    @Test func themeAndVenueTooLong() throws {
        var draft = try validDraft()
        draft.theme = String(repeating: "a", count: 501)
        draft.venue = String(repeating: "b", count: 501)
        #expect(draft.issues() == [
            FieldIssue("theme", "error.text.tooLong", ["max": "500"]),
            FieldIssue("venue", "error.text.tooLong", ["max": "500"]),
        ])
    }

    @Test func endBeforeStart() throws {
        var draft = try validDraft()
        draft.endDate = try day("2024-04-19")
        #expect(draft.issues() == [
            FieldIssue("endDate", "error.program.endBeforeStart", ["start": "2024-04-20", "end": "2024-04-19"]),
        ])
    }

    @Test(arguments: ["Mars/Olympus_Mons", "Not a zone", ""])
    func unknownTimeZone(_ zone: String) throws {
        var draft = try validDraft()
        draft.timeZone = zone
        #expect(draft.issues() == [FieldIssue("timeZone", "error.program.timeZoneUnknown", ["value": zone])])
    }

    @Test(arguments: [0, -1, 1001])
    func editionOutOfRange(_ edition: Int) throws {
        var draft = try validDraft()
        draft.edition = edition
        #expect(draft.issues() == [FieldIssue("edition", "error.program.editionRange")])
    }

    @Test func missingStartDate() throws {
        var draft = try validDraft()
        draft.startDate = nil
        #expect(draft.issues() == [FieldIssue("startDate", "error.program.startDateRequired")])
    }

    @Test func reportsEveryIssueAtOnce() throws {
        let draft = ProgramDraft(kind: .recognition, slug: "-x", edition: 0, name: " ",
                                 startDate: nil, endDate: nil, timeZone: "Nowhere/Town")
        #expect(draft.issues().map(\.field) == ["slug", "name", "edition", "startDate", "timeZone"])
    }

    // MARK: Slug

    @Test(arguments: ["a", "games-2024", "2024", "a-b-c", String(repeating: "x", count: 64)])
    func validSlugs(_ slug: String) {
        #expect(Slug.issue(for: slug) == nil)
    }

    @Test(arguments: ["Games", "games 2024", "-games", "games-", "games--2024", "运动会", "café", "games_2024", "games/2024"])
    func badSlugFormat(_ slug: String) {
        #expect(Slug.issue(for: slug) == FieldIssue("slug", "error.slug.format", ["value": slug]))
    }

    @Test func slugRequiredAndLength() {
        #expect(Slug.issue(for: "") == FieldIssue("slug", "error.slug.required"))
        #expect(Slug.issue(for: String(repeating: "x", count: 65)) == FieldIssue("slug", "error.slug.tooLong", ["max": "64"]))
        #expect(Slug.issue(for: "", field: "articleSlug") == FieldIssue("articleSlug", "error.slug.required"))
    }

    @Test(arguments: [
        ("Spring Games 2024", "spring-games-2024"),
        ("  Spring   Games!! ", "spring-games"),
        ("2024 春季运动会 Relay", "2024-relay"),
        ("Café Relay", "caf-relay"),
        ("---", ""),
        ("运动会", ""),
        ("already-a-slug", "already-a-slug"),
    ])
    func suggest(name: String, expected: String) {
        #expect(Slug.suggest(from: name) == expected)
    }

    @Test func suggestionIsCappedAtMaxLength() {
        let long = String(repeating: "a", count: 100)
        #expect(Slug.suggest(from: long) == String(repeating: "a", count: 64))
    }

    @Test func suggestionCutAtHyphenIsStillValid() {
        // 63 letters, then a word break that lands on the 64th character.
        let name = String(repeating: "a", count: 63) + " bcd"
        let slug = Slug.suggest(from: name)
        #expect(slug == String(repeating: "a", count: 63))
        #expect(Slug.issue(for: slug) == nil)
    }

    @Test func suggestionsAreValidSlugs() {
        for name in ["Spring Games 2024", "The 5th Annual Relay — 2024", "A & B", "x" + String(repeating: " y", count: 40)] {
            let slug = Slug.suggest(from: name)
            #expect(Slug.issue(for: slug) == nil, "\(name) -> \(slug)")
        }
    }
}
