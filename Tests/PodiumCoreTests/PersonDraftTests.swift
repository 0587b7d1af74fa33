import Testing
@testable import PodiumCore

@Suite struct PersonDraftTests {
    private static let today = CalendarDate(year: 2024, month: 6, day: 1)!
    private static let childBirth = CalendarDate(year: 2015, month: 3, day: 9)!

    // MARK: Gender

    @Test(arguments: ["M", "m", "male", "Male", "MALE", "man", "men", "男", "男性", " 男 "])
    func parsesMale(_ text: String) {
        #expect(Gender(parsing: text) == .male)
    }

    @Test(arguments: ["F", "f", "female", "Female", "FEMALE", "woman", "women", "女", "女性", " F "])
    func parsesFemale(_ text: String) {
        #expect(Gender(parsing: text) == .female)
    }

    @Test(arguments: ["", "x", "unknown", "其他", "boy", "mf", "M F"])
    func unknownGender(_ text: String) {
        #expect(Gender(parsing: text) == nil)
    }

    // MARK: EmployeeStatus

    @Test(arguments: [
        ("", EmployeeStatus.active), ("  ", .active), ("active", .active), ("Active", .active), ("employed", .active),
        ("在职", .active), ("在岗", .active), ("正式", .active),
        ("on leave", .onLeave), ("on_leave", .onLeave), ("Leave", .onLeave), ("休假", .onLeave), ("病假", .onLeave),
        ("停薪留职", .onLeave),
        ("retired", .retired), ("退休", .retired),
        ("left", .left), ("resigned", .left), ("Terminated", .left), ("离职", .left), ("辞职", .left),
    ])
    func parsesStatus(text: String, expected: EmployeeStatus) {
        #expect(EmployeeStatus(parsing: text) == expected)
    }

    @Test(arguments: ["fired", "unknown", "试用"])
    func unknownStatus(_ text: String) {
        #expect(EmployeeStatus(parsing: text) == nil)
    }

    @Test func statusRawValues() {
        #expect(EmployeeStatus.onLeave.rawValue == "on_leave")
        #expect(EmployeeStatus.onLeave.localizationKey == "person.status.on_leave")
        #expect(Gender.female.localizationKey == "gender.female")
        #expect(PersonKind.family.localizationKey == "person.kind.family")
    }

    // MARK: PersonDraft per kind

    private func employee(number: String? = "E001", unitID: Int? = 3) -> PersonDraft {
        PersonDraft(kind: .employee, employeeNumber: number, name: "张伟", gender: .male, birthDate: nil, unitID: unitID)
    }

    @Test func validEmployee() {
        #expect(employee().issues(today: Self.today) == [])
    }

    @Test func employeeNeedsNumberAndUnit() {
        #expect(employee(number: nil, unitID: nil).issues(today: Self.today) == [
            FieldIssue("employeeNumber", "error.person.employeeNumberRequired"),
            FieldIssue("unitId", "error.person.unitRequired"),
        ])
        #expect(employee(number: "   ").issues(today: Self.today)
            == [FieldIssue("employeeNumber", "error.person.employeeNumberRequired")])
        #expect(employee(unitID: nil).issues(today: Self.today) == [FieldIssue("unitId", "error.person.unitRequired")])
    }

    @Test func employeeNumberLength() {
        #expect(employee(number: String(repeating: "9", count: 32)).issues(today: Self.today) == [])
        #expect(employee(number: String(repeating: "9", count: 33)).issues(today: Self.today)
            == [FieldIssue("employeeNumber", "error.person.employeeNumberTooLong", ["max": "32"])])
    }

    private func family(guardianID: Int? = 42, birthDate: CalendarDate? = Self.childBirth) -> PersonDraft {
        PersonDraft(kind: .family, name: "张小明", gender: .male, birthDate: birthDate, unitID: nil, guardianID: guardianID)
    }

    @Test func validFamilyMember() {
        #expect(family().issues(today: Self.today, guardianIsEmployee: true) == [])
    }

    @Test func familyNeedsGuardianAndBirthDate() {
        #expect(family(guardianID: nil, birthDate: nil).issues(today: Self.today) == [
            FieldIssue("guardianId", "error.person.guardianRequired"),
            FieldIssue("birthDate", "error.person.birthDateRequiredForFamily"),
        ])
        #expect(family(birthDate: nil).issues(today: Self.today, guardianIsEmployee: true)
            == [FieldIssue("birthDate", "error.person.birthDateRequiredForFamily")])
    }

    @Test func familyGuardianMustBeEmployee() {
        #expect(family().issues(today: Self.today, guardianIsEmployee: false)
            == [FieldIssue("guardianId", "error.person.guardianNotEmployee")])
    }

    @Test func familyNeedsNoEmployeeNumberOrUnit() {
        let draft = family()
        #expect(draft.employeeNumber == nil)
        #expect(draft.unitID == nil)
        #expect(draft.issues(today: Self.today, guardianIsEmployee: true) == [])
    }

    @Test func externalNeedsNeither() {
        let draft = PersonDraft(kind: .external, name: "Jane Doe", gender: .female, birthDate: nil, unitID: nil)
        #expect(draft.issues(today: Self.today) == [])
        let withUnit = PersonDraft(kind: .external, name: "Jane Doe", gender: .female, birthDate: Self.childBirth, unitID: 20)
        #expect(withUnit.issues(today: Self.today) == [])
    }

    @Test func genderRequired() {
        let draft = PersonDraft(kind: .external, name: "Jane Doe", gender: nil, birthDate: nil, unitID: nil)
        #expect(draft.issues(today: Self.today) == [FieldIssue("gender", "error.person.genderRequired")])
    }

    // MARK: Birth date and name

    private func day(_ year: Int, _ month: Int, _ day: Int) throws -> CalendarDate {
        try #require(CalendarDate(year: year, month: month, day: day))
    }

    @Test func birthDateInFuture() throws {
        var draft = employee()
        draft.birthDate = try day(2024, 6, 2)
        #expect(draft.issues(today: Self.today)
            == [FieldIssue("birthDate", "error.person.birthDateInFuture", ["value": "2024-06-02"])])
        draft.birthDate = Self.today
        #expect(draft.issues(today: Self.today) == [])
    }

    @Test func birthDateTooEarly() throws {
        var draft = employee()
        draft.birthDate = try day(1899, 12, 31)
        #expect(draft.issues(today: Self.today)
            == [FieldIssue("birthDate", "error.person.birthDateTooEarly", ["value": "1899-12-31"])])
        draft.birthDate = try day(1900, 1, 1)
        #expect(draft.issues(today: Self.today) == [])
    }

    // MARK: Hire date

    @Test func hireDateIsOptional() {
        #expect(employee().hireDate == nil)
        #expect(employee().issues(today: Self.today) == [])
    }

    @Test func hireDateWithinItsBounds() throws {
        var draft = employee()
        draft.birthDate = try day(1985, 3, 12)
        for date in [try day(1985, 3, 12), try day(2007, 7, 1), Self.today] {
            draft.hireDate = date
            #expect(draft.issues(today: Self.today) == [], "\(date)")
        }
    }

    @Test func hireDateNotInTheFuture() throws {
        var draft = employee()
        draft.hireDate = try day(2024, 6, 2)
        #expect(draft.issues(today: Self.today) == [FieldIssue("hireDate", "error.person.hireDateInFuture", ["value": "2024-06-02"])])
        #expect(PersonDraft.hireDateProblem(try day(2024, 6, 2), birthDate: nil, today: Self.today) == .inFuture)
    }

    @Test func hireDateNotBefore1950() throws {
        var draft = employee()
        draft.hireDate = try day(1949, 12, 31)
        #expect(draft.issues(today: Self.today) == [FieldIssue("hireDate", "error.person.hireDateTooEarly", ["value": "1949-12-31"])])
        draft.hireDate = try day(1950, 1, 1)
        #expect(draft.issues(today: Self.today) == [])
    }

    @Test func hireDateNotBeforeTheBirthDate() throws {
        var draft = employee()
        draft.birthDate = try day(1990, 5, 17)
        draft.hireDate = try day(1990, 5, 16)
        #expect(draft.issues(today: Self.today)
            == [FieldIssue("hireDate", "error.person.hireDateBeforeBirth", ["value": "1990-05-16", "birthDate": "1990-05-17"])])
        // Without a birth date only the fixed bounds apply.
        draft.birthDate = nil
        #expect(draft.issues(today: Self.today) == [])
    }

    @Test func aFutureBirthDateAndAnEarlierHireDateAreBothReported() throws {
        var draft = employee()
        draft.birthDate = try day(2025, 1, 1)
        draft.hireDate = try day(2020, 1, 1)
        #expect(draft.issues(today: Self.today).map(\.field) == ["birthDate", "hireDate"])
    }

    @Test(arguments: ["", " ", "   ", "\u{3000}\u{3000}", "\t\n"])
    func blankNameIsRequired(_ name: String) {
        var draft = employee()
        draft.name = name
        #expect(draft.issues(today: Self.today) == [FieldIssue("name", "error.person.nameRequired")])
    }

    @Test(arguments: ["张伟", "欧阳娜娜", "José Álvarez", "Zoë Müller-Lüdenscheidt", "Nguyễn Thị Minh Khai", "O'Brien", "李 Lee"])
    func internationalNamesAreValid(_ name: String) {
        var draft = employee()
        draft.name = name
        #expect(draft.issues(today: Self.today) == [])
    }

    @Test func nameTooLong() {
        var draft = employee()
        draft.name = String(repeating: "张", count: 100)
        #expect(draft.issues(today: Self.today) == [])
        draft.name = String(repeating: "张", count: 101)
        #expect(draft.issues(today: Self.today) == [FieldIssue("name", "error.person.nameTooLong", ["max": "100"])])
        // Surrounding spaces do not count.
        draft.name = "  " + String(repeating: "张", count: 100) + "  "
        #expect(draft.issues(today: Self.today) == [])
    }
}
