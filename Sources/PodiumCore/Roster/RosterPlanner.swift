import Foundation

/// What the database holds for an employee today, reduced to the fields a roster can change.
public struct PersonSnapshot: Sendable, Equatable {
    public let employeeNumber: String
    public let name: String
    public let gender: Gender?
    public let birthDate: CalendarDate?
    public let unitID: Int?
    public let status: EmployeeStatus
    /// A record that is not (yet) an employee is always updated by a roster row, which makes it one.
    public let kind: PersonKind
    public let hireDate: CalendarDate?

    public init(employeeNumber: String, name: String, gender: Gender?, birthDate: CalendarDate?,
                unitID: Int?, status: EmployeeStatus, kind: PersonKind = .employee, hireDate: CalendarDate? = nil) {
        self.kind = kind
        self.hireDate = hireDate
        self.employeeNumber = employeeNumber
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.unitID = unitID
        self.status = status
    }
}

/// What importing one roster row will do, shown to the user before anything is written.
public enum RosterAction: Sendable, Equatable {
    case insert(RosterRow)
    case update(RosterRow, before: PersonSnapshot)
    case unchanged(RosterRow)
}

public enum RosterPlanner {
    /// One action per row, in row order. `existing` is keyed by employee number; `unitIDs` maps
    /// a row's unit path to its resolved unit, and a path absent from it is a unit still to be
    /// created, which no existing person can already belong to.
    public static func plan(rows: [RosterRow], existing: [String: PersonSnapshot],
                            unitIDs: [[String]: Int]) -> [RosterAction] {
        rows.map { row in
            guard let before = existing[row.employeeNumber] else { return .insert(row) }
            let unitID = unitIDs[row.unitPath]
            let same = unitID != nil && unitID == before.unitID
                && row.name == before.name && row.gender == before.gender
                && row.birthDate == before.birthDate && row.status == before.status
                && before.kind == .employee
                // A row without a hire date keeps the recorded one, so it changes nothing.
                && (row.hireDate == nil || row.hireDate == before.hireDate)
            return same ? .unchanged(row) : .update(row, before: before)
        }
    }
}
