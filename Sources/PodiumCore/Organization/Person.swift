import Foundation

/// The gender recorded for a person; events and line-up rules read it.
public enum Gender: String, Sendable, Codable, CaseIterable {
    case male, female

    /// Reads what rosters write: `M`, `male`, `man`, `男`, `F`, `female`, `woman`, `女` (any case).
    public init?(parsing text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "m", "male", "man", "men", "男", "男性": self = .male
        case "f", "female", "woman", "women", "女", "女性": self = .female
        default: return nil
        }
    }

    public var localizationKey: String { "gender.\(rawValue)" }
}

public enum PersonKind: String, Sendable, Codable, CaseIterable {
    /// On the payroll, with an employee number.
    case employee
    /// A child or other relative, linked to an employee guardian (parent-child events).
    case family
    /// Someone from outside the group: a community runner, a college student, a guest.
    case external

    public var localizationKey: String { "person.kind.\(rawValue)" }
}

public enum EmployeeStatus: String, Sendable, Codable, CaseIterable {
    case active, onLeave = "on_leave", retired, left

    /// Reads roster values in English or Chinese; an empty cell means active.
    public init?(parsing text: String) {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch value {
        case "", "active", "employed", "在职", "在岗", "正式": self = .active
        case "on leave", "on_leave", "leave", "休假", "停薪留职", "病假": self = .onLeave
        case "retired", "退休": self = .retired
        case "left", "resigned", "terminated", "离职", "辞职": self = .left
        default: return nil
        }
    }

    public var localizationKey: String { "person.status.\(rawValue)" }
}

/// The fields of a person that a form or an import may set, checked as a whole.
public struct PersonDraft: Sendable, Equatable {
    public var kind: PersonKind
    public var employeeNumber: String?
    public var name: String
    public var gender: Gender?
    public var birthDate: CalendarDate?
    public var unitID: Int?
    public var status: EmployeeStatus
    public var guardianID: Int?
    /// The day the person joined; years of service for award eligibility count from it.
    public var hireDate: CalendarDate?

    public init(kind: PersonKind, employeeNumber: String? = nil, name: String, gender: Gender?, birthDate: CalendarDate?,
                unitID: Int?, status: EmployeeStatus = .active, guardianID: Int? = nil, hireDate: CalendarDate? = nil) {
        self.kind = kind
        self.employeeNumber = employeeNumber
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.unitID = unitID
        self.status = status
        self.guardianID = guardianID
        self.hireDate = hireDate
    }

    public static let maxNameLength = 100
    public static let maxEmployeeNumberLength = 32
    /// No roster of a living workforce goes further back; earlier dates are typing errors.
    public static let earliestHireDate = CalendarDate(year: 1950, month: 1, day: 1)!

    /// What can be wrong with a hire date.
    public enum HireDateProblem: Sendable, Equatable {
        case inFuture, beforeEarliest, beforeBirth
    }

    /// What is wrong with a hire date, if anything: after `today`, before 1950, or before the birth date.
    /// One rule for the person form and the roster import.
    public static func hireDateProblem(_ hireDate: CalendarDate, birthDate: CalendarDate?, today: CalendarDate) -> HireDateProblem? {
        if hireDate > today { return .inFuture }
        if hireDate < earliestHireDate { return .beforeEarliest }
        if let birthDate, hireDate < birthDate { return .beforeBirth }
        return nil
    }

    /// Field problems of this draft. `today` bounds birth dates; `guardianIsEmployee` tells whether
    /// the chosen guardian is an employee (nil when no guardian was found).
    public func issues(today: CalendarDate, guardianIsEmployee: Bool? = nil) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmedName.isEmpty {
            issues.append(FieldIssue("name", "error.person.nameRequired"))
        } else if trimmedName.count > Self.maxNameLength {
            issues.append(FieldIssue("name", "error.person.nameTooLong", ["max": "\(Self.maxNameLength)"]))
        }
        if gender == nil { issues.append(FieldIssue("gender", "error.person.genderRequired")) }
        if let birthDate, birthDate > today {
            issues.append(FieldIssue("birthDate", "error.person.birthDateInFuture", ["value": birthDate.iso]))
        } else if let birthDate, birthDate.year < 1900 {
            issues.append(FieldIssue("birthDate", "error.person.birthDateTooEarly", ["value": birthDate.iso]))
        }
        if let hireDate, let problem = Self.hireDateProblem(hireDate, birthDate: birthDate, today: today) {
            switch problem {
            case .inFuture: issues.append(FieldIssue("hireDate", "error.person.hireDateInFuture", ["value": hireDate.iso]))
            case .beforeEarliest: issues.append(FieldIssue("hireDate", "error.person.hireDateTooEarly", ["value": hireDate.iso]))
            case .beforeBirth:
                issues.append(FieldIssue("hireDate", "error.person.hireDateBeforeBirth", ["value": hireDate.iso, "birthDate": birthDate?.iso ?? ""]))
            }
        }
        let number = employeeNumber?.trimmingCharacters(in: .whitespaces) ?? ""
        switch kind {
        case .employee:
            if number.isEmpty {
                issues.append(FieldIssue("employeeNumber", "error.person.employeeNumberRequired"))
            } else if number.count > Self.maxEmployeeNumberLength {
                issues.append(FieldIssue("employeeNumber", "error.person.employeeNumberTooLong", ["max": "\(Self.maxEmployeeNumberLength)"]))
            }
            if unitID == nil { issues.append(FieldIssue("unitId", "error.person.unitRequired")) }
        case .family:
            if guardianID == nil {
                issues.append(FieldIssue("guardianId", "error.person.guardianRequired"))
            } else if guardianIsEmployee == false {
                issues.append(FieldIssue("guardianId", "error.person.guardianNotEmployee"))
            }
            if birthDate == nil { issues.append(FieldIssue("birthDate", "error.person.birthDateRequiredForFamily")) }
        case .external:
            break
        }
        return issues
    }
}
