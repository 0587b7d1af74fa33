import Testing
@testable import PodiumCore

@Suite struct RosterPlannerTests {
    static let birth = CalendarDate(year: 1990, month: 5, day: 17)!
    static let row = RosterRow(line: 2, employeeNumber: "E1", name: "张伟", gender: .male, birthDate: birth,
                               unitPath: ["集团", "机械公司"], status: .active)
    static let same = PersonSnapshot(employeeNumber: "E1", name: "张伟", gender: .male, birthDate: birth,
                                     unitID: 7, status: .active)
    static let units: [[String]: Int] = [["集团", "机械公司"]: 7, ["集团", "电子公司"]: 8]

    @Test func newEmployeeIsInserted() {
        let actions = RosterPlanner.plan(rows: [Self.row], existing: ["E2": Self.same], unitIDs: Self.units)
        #expect(actions == [.insert(Self.row)])
    }

    @Test func identicalEmployeeIsUnchanged() {
        let actions = RosterPlanner.plan(rows: [Self.row], existing: ["E1": Self.same], unitIDs: Self.units)
        #expect(actions == [.unchanged(Self.row)])
    }

    @Test(arguments: [
        PersonSnapshot(employeeNumber: "E1", name: "张 伟", gender: .male, birthDate: birth, unitID: 7, status: .active),
        PersonSnapshot(employeeNumber: "E1", name: "张伟", gender: .female, birthDate: birth, unitID: 7, status: .active),
        PersonSnapshot(employeeNumber: "E1", name: "张伟", gender: .male, birthDate: nil, unitID: 7, status: .active),
        PersonSnapshot(employeeNumber: "E1", name: "张伟", gender: .male,
                       birthDate: CalendarDate(year: 1990, month: 5, day: 18), unitID: 7, status: .active),
        PersonSnapshot(employeeNumber: "E1", name: "张伟", gender: .male, birthDate: birth, unitID: 8, status: .active),
        PersonSnapshot(employeeNumber: "E1", name: "张伟", gender: .male, birthDate: birth, unitID: nil, status: .active),
        PersonSnapshot(employeeNumber: "E1", name: "张伟", gender: .male, birthDate: birth, unitID: 7, status: .left),
    ])
    func anyDifferenceIsAnUpdate(before: PersonSnapshot) {
        let actions = RosterPlanner.plan(rows: [Self.row], existing: ["E1": before], unitIDs: Self.units)
        #expect(actions == [.update(Self.row, before: before)])
    }

    @Test func aRowWithoutAHireDateKeepsTheRecordedOne() {
        let recorded = PersonSnapshot(employeeNumber: "E1", name: "张伟", gender: .male, birthDate: Self.birth, unitID: 7, status: .active,
                                      hireDate: CalendarDate(year: 2012, month: 7, day: 1))
        #expect(RosterPlanner.plan(rows: [Self.row], existing: ["E1": recorded], unitIDs: Self.units) == [.unchanged(Self.row)])
        let same = RosterRow(line: 2, employeeNumber: "E1", name: "张伟", gender: .male, birthDate: Self.birth, unitPath: ["集团", "机械公司"],
                             status: .active, hireDate: CalendarDate(year: 2012, month: 7, day: 1))
        #expect(RosterPlanner.plan(rows: [same], existing: ["E1": recorded], unitIDs: Self.units) == [.unchanged(same)])
        let other = RosterRow(line: 2, employeeNumber: "E1", name: "张伟", gender: .male, birthDate: Self.birth, unitPath: ["集团", "机械公司"],
                              status: .active, hireDate: CalendarDate(year: 2013, month: 7, day: 1))
        #expect(RosterPlanner.plan(rows: [other], existing: ["E1": recorded], unitIDs: Self.units) == [.update(other, before: recorded)])
        #expect(RosterPlanner.plan(rows: [other], existing: ["E1": Self.same], unitIDs: Self.units) == [.update(other, before: Self.same)])
    }

    @Test func unitStillToBeCreatedIsAnUpdate() {
        let moved = RosterRow(line: 3, employeeNumber: "E1", name: "张伟", gender: .male, birthDate: Self.birth,
                              unitPath: ["集团", "新公司"], status: .active)
        let actions = RosterPlanner.plan(rows: [moved], existing: ["E1": Self.same], unitIDs: Self.units)
        #expect(actions == [.update(moved, before: Self.same)])
    }

    @Test func actionsFollowRowOrder() {
        let other = RosterRow(line: 3, employeeNumber: "E9", name: "李娜", gender: .female, birthDate: Self.birth,
                              unitPath: ["集团", "电子公司"], status: .onLeave)
        let actions = RosterPlanner.plan(rows: [other, Self.row], existing: ["E1": Self.same], unitIDs: Self.units)
        #expect(actions == [.insert(other), .unchanged(Self.row)])
    }

    @Test func employeeNumbersMatchExactly() {
        let lower = RosterRow(line: 2, employeeNumber: "e1", name: "张伟", gender: .male, birthDate: Self.birth,
                              unitPath: ["集团", "机械公司"], status: .active)
        let actions = RosterPlanner.plan(rows: [lower], existing: ["E1": Self.same], unitIDs: Self.units)
        #expect(actions == [.insert(lower)])
    }
}
