import PodiumCore
import Vapor

struct UnitDTO: Content, Equatable {
    let id: Int
    let parentId: Int?
    let name: String
    let kind: UnitKind
    let code: String?
    /// Names from the root down to this unit.
    let path: [String]
    let version: Int
}

struct UnitInput: Content {
    var parentId: Int?
    var name: String
    var kind: UnitKind
    var code: String?
    /// Required when updating: the version that was read.
    var version: Int?
}

struct PersonDTO: Content, Equatable {
    let id: Int
    let kind: PersonKind
    let employeeNumber: String?
    let name: String
    let gender: Gender?
    let birthDate: CalendarDate?
    let unitId: Int?
    let unitPath: [String]
    let status: EmployeeStatus
    let guardianId: Int?
    let hireDate: CalendarDate?
    let version: Int
}

struct PersonInput: Content {
    var kind: PersonKind
    var employeeNumber: String?
    var name: String
    var gender: Gender?
    var birthDate: CalendarDate?
    var unitId: Int?
    var status: EmployeeStatus?
    var guardianId: Int?
    var hireDate: CalendarDate?
    var version: Int?

    var draft: PersonDraft {
        PersonDraft(kind: kind, employeeNumber: employeeNumber?.trimmingCharacters(in: .whitespaces).nilIfEmpty,
                    name: name.collapsingWhitespace, gender: gender, birthDate: birthDate, unitID: unitId,
                    status: status ?? .active, guardianID: guardianId, hireDate: hireDate)
    }
}

struct Page<Item: Content>: Content {
    let items: [Item]
    let total: Int
    let page: Int
    let perPage: Int
}

struct ImportReportDTO: Content {
    struct Rejection: Content {
        let line: Int
        let reasons: [String]
    }
    let imported: Int
    let updated: Int
    let unchanged: Int
    let rejected: Int
    let unitsCreated: Int
    let ignoredColumns: [String]
    let rejections: [Rejection]
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }

    /// Trimmed, with runs of whitespace folded to one space (names pasted from spreadsheets).
    var collapsingWhitespace: String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
