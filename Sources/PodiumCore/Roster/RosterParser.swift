import Foundation

/// One valid employee line of a roster file.
public struct RosterRow: Sendable, Equatable {
    public let line: Int
    public let employeeNumber: String
    public let name: String
    public let gender: Gender
    public let birthDate: CalendarDate
    /// Root first, e.g. `["Group", "Sector", "Company"]`.
    public let unitPath: [String]
    public let status: EmployeeStatus
    /// Nil when the file has no hire date column or the cell is empty: the date already recorded, if any, stays.
    public let hireDate: CalendarDate?

    public init(line: Int, employeeNumber: String, name: String, gender: Gender, birthDate: CalendarDate,
                unitPath: [String], status: EmployeeStatus, hireDate: CalendarDate? = nil) {
        self.line = line
        self.employeeNumber = employeeNumber
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.unitPath = unitPath
        self.status = status
        self.hireDate = hireDate
    }
}

/// A line that could not be imported, with every problem found on it so one round of fixes suffices.
public struct RosterRejection: Sendable, Equatable {
    public let line: Int
    public let reasons: [LocalizedMessage]

    public init(line: Int, reasons: [LocalizedMessage]) {
        self.line = line
        self.reasons = reasons
    }
}

public struct RosterParseResult: Sendable, Equatable {
    public let rows: [RosterRow]
    public let rejections: [RosterRejection]
    public let ignoredColumns: [String]

    public init(rows: [RosterRow], rejections: [RosterRejection], ignoredColumns: [String]) {
        self.rows = rows
        self.rejections = rejections
        self.ignoredColumns = ignoredColumns
    }
}

/// Turns a roster CSV into checked rows. File-level problems (encoding, columns) throw;
/// row-level problems become rejections so the good rows can still be imported.
public enum RosterParser {
    public static let maxEmployeeNumberLength = PersonDraft.maxEmployeeNumberLength
    public static let maxNameLength = PersonDraft.maxNameLength
    static let earliestBirthDate = CalendarDate(year: 1900, month: 1, day: 1)!

    public static func parse(_ data: Data, today: CalendarDate) throws(PodiumError) -> RosterParseResult {
        let table = try CSVReader.read(data)
        let columns = try RosterColumnMap(header: table.header)
        let named = namedColumnCount(table.header)
        var rows: [RosterRow] = []
        var rejections: [RosterRejection] = []
        var firstLineOf: [String: Int] = [:]
        var memo = Memo()
        rows.reserveCapacity(table.records.count)
        for record in table.records {
            if let problem = fieldCountProblem(record.fields, expected: named) {
                rejections.append(RosterRejection(line: record.line, reasons: [problem]))
                continue
            }
            var reasons: [LocalizedMessage] = []
            let row = parseRow(record, columns: columns, today: today, memo: &memo, reasons: &reasons)
            if let number = row.employeeNumber, !number.isEmpty {
                if let first = firstLineOf[number] {
                    reasons.append(LocalizedMessage("error.roster.duplicateEmployeeNumber",
                                                    ["value": number, "firstLine": "\(first)"]))
                } else {
                    firstLineOf[number] = record.line
                }
            }
            if reasons.isEmpty, let valid = row.complete(line: record.line) {
                rows.append(valid)
            } else {
                rejections.append(RosterRejection(line: record.line, reasons: reasons))
            }
        }
        return RosterParseResult(rows: rows, rejections: rejections, ignoredColumns: columns.ignoredColumns)
    }

    /// Header columns up to the last named one: trailing empty headers are spreadsheet residue.
    private static func namedColumnCount(_ header: [String]) -> Int {
        (header.lastIndex { !$0.isEmpty } ?? -1) + 1
    }

    /// A record must fill every named column; extra fields are tolerated only when empty
    /// (trailing delimiters), because anything else means the columns have shifted.
    private static func fieldCountProblem(_ fields: [String], expected: Int) -> LocalizedMessage? {
        let filled = (fields.lastIndex { !$0.isEmpty } ?? -1) + 1
        guard fields.count < expected || filled > expected else { return nil }
        let found = fields.count < expected ? fields.count : filled
        return LocalizedMessage("error.roster.fieldCount", ["expected": "\(expected)", "found": "\(found)"])
    }

    /// The fields of a row as far as they could be read; nil where a rule failed.
    private struct Partial {
        var employeeNumber: String?
        var name: String?
        var gender: Gender?
        var birthDate: CalendarDate?
        var unitPath: [String]?
        var status: EmployeeStatus?
        var hireDate: CalendarDate?

        func complete(line: Int) -> RosterRow? {
            guard let employeeNumber, let name, let gender, let birthDate, let unitPath, let status else { return nil }
            return RosterRow(line: line, employeeNumber: employeeNumber, name: name, gender: gender,
                             birthDate: birthDate, unitPath: unitPath, status: status, hireDate: hireDate)
        }
    }

    /// A roster repeats the same few genders, statuses, units and dates thousands of times,
    /// so each distinct text is interpreted once.
    private struct Memo {
        var genders: [String: Gender?] = [:]
        var statuses: [String: EmployeeStatus?] = [:]
        var dates: [String: CalendarDate?] = [:]
        var paths: [String: [String]?] = [:]

        mutating func gender(_ text: String) -> Gender? { Self.cached(&genders, text, Gender.init(parsing:)) }
        mutating func status(_ text: String) -> EmployeeStatus? { Self.cached(&statuses, text, EmployeeStatus.init(parsing:)) }
        mutating func date(_ text: String) -> CalendarDate? { Self.cached(&dates, text, CalendarDate.init(parsing:)) }
        mutating func path(_ text: String) -> [String]? { Self.cached(&paths, text, RosterParser.unitPath) }

        private static func cached<T>(_ cache: inout [String: T?], _ text: String, _ make: (String) -> T?) -> T? {
            if let hit = cache[text] { return hit }
            let value = make(text)
            cache[text] = .some(value)
            return value
        }
    }

    private static func parseRow(_ record: CSVRecord, columns: RosterColumnMap, today: CalendarDate,
                                 memo: inout Memo, reasons: inout [LocalizedMessage]) -> Partial {
        func value(_ column: RosterColumn) -> String {
            guard let index = columns.indices[column], index < record.fields.count else { return "" }
            return trimmed(record.fields[index])
        }
        func reject(_ key: String, _ args: [String: String] = [:]) { reasons.append(LocalizedMessage(key, args)) }
        var row = Partial()

        let number = value(.employeeNumber)
        if number.isEmpty {
            reject("error.roster.employeeNumberMissing")
        } else if exceeds(number, maxEmployeeNumberLength) {
            reject("error.roster.employeeNumberTooLong", ["value": number, "max": "\(maxEmployeeNumberLength)"])
        }
        row.employeeNumber = number

        let name = collapseWhitespace(value(.name))
        if name.isEmpty {
            reject("error.roster.nameMissing")
        } else if exceeds(name, maxNameLength) {
            reject("error.roster.nameTooLong", ["max": "\(maxNameLength)"])
        } else {
            row.name = name
        }

        let genderText = value(.gender)
        if genderText.isEmpty {
            reject("error.roster.genderMissing")
        } else if let gender = memo.gender(genderText) {
            row.gender = gender
        } else {
            reject("error.roster.genderUnknown", ["value": genderText])
        }

        let dateText = value(.birthDate)
        if dateText.isEmpty {
            reject("error.roster.birthDateMissing")
        } else if let date = memo.date(dateText) {
            if date > today || date < earliestBirthDate {
                reject("error.roster.birthDateOutOfRange", ["value": dateText])
            } else {
                row.birthDate = date
            }
        } else {
            reject("error.roster.birthDateInvalid", ["value": dateText])
        }

        let unitText = value(.unit)
        if unitText.isEmpty {
            reject("error.roster.unitMissing")
        } else if let path = memo.path(unitText) {
            row.unitPath = path
        } else {
            reject("error.roster.unitPathInvalid", ["value": unitText])
        }

        let statusText = value(.status)
        if let status = memo.status(statusText) {
            row.status = status
        } else {
            reject("error.roster.statusUnknown", ["value": statusText])
        }

        let hireText = value(.hireDate)
        if !hireText.isEmpty {
            if let date = memo.date(hireText) {
                switch PersonDraft.hireDateProblem(date, birthDate: row.birthDate, today: today) {
                case nil: row.hireDate = date
                case .inFuture?, .beforeEarliest?: reject("error.roster.hireDateOutOfRange", ["value": hireText])
                case .beforeBirth?: reject("error.roster.hireDateBeforeBirth", ["value": hireText, "birthDate": row.birthDate?.iso ?? ""])
                }
            } else {
                reject("error.roster.hireDateInvalid", ["value": hireText])
            }
        }
        return row
    }

    /// `Group / Sector/Company` -> `["Group", "Sector", "Company"]`; nil when a segment is empty.
    static func unitPath(_ text: String) -> [String]? {
        let segments = text.split(omittingEmptySubsequences: false) { "/／>＞".contains($0) }
            .map { trimmed(String($0)) }
        return segments.contains(where: \.isEmpty) ? nil : segments
    }

    /// Trims and turns internal whitespace runs (including ideographic spaces) into one space.
    static func collapseWhitespace(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isSpace) else { return text }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Trims whitespace and newlines; skips Foundation (slow on Linux) when there is nothing to trim,
    /// which is almost always since the CSV reader already trimmed unquoted fields.
    static func trimmed(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              isSpace(first) || isSpace(last) else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Unicode whitespace, with the ASCII answer computed directly: the property table is slow per scalar.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// Character count above a limit, counting graphemes only when the bytes could exceed it.
    private static func exceeds(_ text: String, _ limit: Int) -> Bool {
        text.utf8.count > limit && text.count > limit
    }
}
