/// How a games program turns places into team points and prizes, and how many events one person may enter.
public struct GamesScoring: Sendable, Equatable, Codable {
    public var individual: PointsTable
    public var collective: PointsTable
    public var parentChild: PointsTable
    public var tiePolicy: TiePointsPolicy
    /// How many group award prizes go to the top teams (first, second, third prize …).
    public var prizes: Int
    /// Events one person may enter at most, not counting events set aside from the limit; nil for no limit.
    public var personEventLimit: Int?

    public init(individual: PointsTable = .individualDefault, collective: PointsTable = .collectiveDefault,
                parentChild: PointsTable = .individualDefault, tiePolicy: TiePointsPolicy = .shared, prizes: Int = 3,
                personEventLimit: Int? = nil) {
        self.individual = individual
        self.collective = collective
        self.parentChild = parentChild
        self.tiePolicy = tiePolicy
        self.prizes = prizes
        self.personEventLimit = personEventLimit
    }

    public static let standard = GamesScoring()

    public func table(for kind: AwardKind) -> PointsTable {
        switch kind {
        case .individual: return individual
        case .collective: return collective
        case .parentChild: return parentChild
        }
    }

    public var issues: [FieldIssue] {
        var issues: [FieldIssue] = []
        if prizes < 0 || prizes > 20 { issues.append(FieldIssue("prizes", "error.scoring.prizes", ["value": "\(prizes)"])) }
        if let limit = personEventLimit, limit < 1 || limit > 50 {
            issues.append(FieldIssue("personEventLimit", "error.scoring.personLimit", ["value": "\(limit)"]))
        }
        return issues
    }
}

extension PointsTable {
    /// Collective events usually score double: 14-10-8-6-4-2.
    public static let collectiveDefault = PointsTable([14, 10, 8, 6, 4, 2])

    /// `7-5-4-3-2-1` as organizers write it.
    public var text: String { points.map(String.init).joined(separator: "-") }

    /// Reads `7-5-4-3-2-1`, `7,5,4,3,2,1`, `7 5 4 3 2 1` or `7、5、4`. Points may not rise from one place
    /// to the next, and at most 16 places score.
    public static func parse(_ text: String, field: String) throws(PodiumError) -> PointsTable {
        let separators: Set<Character> = ["-", ",", " ", "、", "，", "/"]
        let parts = text.split(whereSeparator: { separators.contains($0) }).map(String.init)
        guard !parts.isEmpty else { throw .invalid(field, "error.scoring.tableRequired") }
        var values: [Int] = []
        for part in parts {
            guard part.allSatisfy(\.isASCIIDigit), let value = Int(part), value <= 1000 else {
                throw .invalid(field, "error.scoring.tableNumber", ["value": part])
            }
            values.append(value)
        }
        guard values.count <= 16 else { throw .invalid(field, "error.scoring.tableLength", ["count": "\(values.count)"]) }
        for index in values.indices.dropFirst() where values[index] > values[index - 1] {
            throw .invalid(field, "error.scoring.tableOrder", ["place": "\(index + 1)", "value": "\(values[index])", "previous": "\(values[index - 1])"])
        }
        return PointsTable(values)
    }
}
