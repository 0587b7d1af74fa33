import Foundation

/// A column of a roster file, recognised by any of the header names HR offices use.
public enum RosterColumn: String, CaseIterable, Sendable {
    case employeeNumber, name, gender, birthDate, unit, status, hireDate

    /// Header names that mean this column, English and Chinese.
    public var aliases: [String] {
        switch self {
        case .employeeNumber:
            return ["employee number", "employee no", "employee no.", "employee id", "staff id", "staff number",
                    "emp no", "工号", "员工编号", "职工编号", "员工号"]
        case .name: return ["name", "full name", "姓名", "名字", "员工姓名"]
        case .gender: return ["gender", "sex", "性别"]
        case .birthDate: return ["birth date", "date of birth", "birthday", "dob", "出生日期", "生日", "出生年月日"]
        case .unit:
            return ["unit", "department", "dept", "organization", "organisation", "unit path",
                    "部门", "单位", "所属单位", "所属部门", "组织"]
        case .status: return ["status", "employment status", "状态", "在职状态", "员工状态"]
        case .hireDate: return ["hire date", "date of hire", "start date", "joined", "入职日期", "入职时间", "参加工作时间"]
        }
    }

    /// The English name used in messages about this column.
    public var englishName: String {
        switch self {
        case .employeeNumber: return "employee number"
        case .name: return "name"
        case .gender: return "gender"
        case .birthDate: return "birth date"
        case .unit: return "unit"
        case .status: return "status"
        case .hireDate: return "hire date"
        }
    }

    /// The usual Chinese header, shown next to the English one when a column is missing.
    public var chineseName: String {
        switch self {
        case .employeeNumber: return "工号"
        case .name: return "姓名"
        case .gender: return "性别"
        case .birthDate: return "出生日期"
        case .unit: return "部门"
        case .status: return "状态"
        case .hireDate: return "入职日期"
        }
    }

    /// Status may be left out (everyone in the file is then active), and so may the hire date
    /// (the dates already recorded are kept).
    public var isRequired: Bool { self != .status && self != .hireDate }

    /// The column a header names, if any. Case, spaces, underscores and hyphens do not matter,
    /// so `Employee_No`, `employeeNo` and `EMPLOYEE-NO` all match.
    public init?(header: String) {
        let key = Self.normalize(header)
        guard let column = Self.byAlias[key] else { return nil }
        self = column
    }

    static func normalize(_ header: String) -> String {
        String(String.UnicodeScalarView(header.lowercased().unicodeScalars.filter {
            !$0.properties.isWhitespace && $0 != "_" && $0 != "-"
        }))
    }

    private static let byAlias: [String: RosterColumn] = {
        var map: [String: RosterColumn] = [:]
        for column in allCases {
            for alias in column.aliases { map[normalize(alias)] = column }
            map[normalize(column.rawValue)] = column
        }
        return map
    }()
}

/// Where each known column sits in a roster header.
public struct RosterColumnMap: Sendable, Equatable {
    public let indices: [RosterColumn: Int]
    /// Non-empty headers that name no known column, as written, so the UI can list them.
    public let ignoredColumns: [String]

    /// Maps a header row. Throws when a column appears twice (which one to believe is a guess)
    /// or when required columns are missing (all of them reported at once).
    public init(header: [String]) throws(PodiumError) {
        var indices: [RosterColumn: Int] = [:]
        var ignored: [String] = []
        for (index, raw) in header.enumerated() {
            let text = raw.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            guard let column = RosterColumn(header: text) else {
                ignored.append(text)
                continue
            }
            if indices[column] != nil {
                throw .badRequest(LocalizedMessage("error.import.duplicateColumn", ["column": text]))
            }
            indices[column] = index
        }
        let missing = RosterColumn.allCases.filter { $0.isRequired && indices[$0] == nil }
        if !missing.isEmpty {
            throw .validation(missing.map {
                FieldIssue("file", "error.import.missingColumn",
                           ["column": $0.englishName, "aliases": "\($0.chineseName) / \($0.englishName)"])
            })
        }
        self.indices = indices
        self.ignoredColumns = ignored
    }
}
