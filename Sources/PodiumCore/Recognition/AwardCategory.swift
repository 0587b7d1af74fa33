import Foundation

/// Who an award goes to: one person, a team (a unit), or a leader singled out by the group.
public enum AwardCategoryKind: String, Sendable, Codable, CaseIterable {
    case individual, team, special

    /// Team awards name a unit; the others name a person from the roster.
    public var nomineeIsUnit: Bool { self == .team }
    public var localizationKey: String { "award.categoryKind.\(rawValue)" }
}

/// How a panel judges the nominations of a category.
public enum ReviewMethod: String, Sendable, Codable, CaseIterable {
    /// Each reviewer scores each nominee on weighted criteria; the mean of the weighted scores ranks.
    case rubric
    /// Each reviewer picks at most N nominees; the share of possible approvals ranks.
    case approval
    /// Each reviewer ranks every nominee they may judge; Borda points (k-1 for first) rank.
    case borda

    public var localizationKey: String { "review.method.\(rawValue)" }
}

/// One line of a scoring rubric: "Achievements, weight 40, scored 0-10".
public struct RubricCriterion: Sendable, Hashable, Codable {
    public let name: String
    public let weight: Int
    public let maxScore: Int

    public init(name: String, weight: Int, maxScore: Int) {
        self.name = name
        self.weight = weight
        self.maxScore = maxScore
    }
}

/// The settings of an award category as an organizer types them, checked as a whole.
public struct AwardCategoryDraft: Sendable, Equatable {
    public var name: String
    public var code: String
    public var kind: AwardCategoryKind
    public var quotaTotal: Int
    public var quotaPerUnit: Int?
    public var method: ReviewMethod
    public var pickLimit: Int?
    public var criteria: [RubricCriterion]
    public var eligibility: Eligibility
    public var window: NominationWindow

    public init(name: String, code: String, kind: AwardCategoryKind, quotaTotal: Int, quotaPerUnit: Int? = nil,
                method: ReviewMethod, pickLimit: Int? = nil, criteria: [RubricCriterion] = [],
                eligibility: Eligibility = Eligibility(), window: NominationWindow = NominationWindow()) {
        self.name = name
        self.code = code
        self.kind = kind
        self.quotaTotal = quotaTotal
        self.quotaPerUnit = quotaPerUnit
        self.method = method
        self.pickLimit = pickLimit
        self.criteria = criteria
        self.eligibility = eligibility
        self.window = window
    }

    public static let maxNameLength = 80
    public static let maxQuota = 500

    /// How many picks an approval ballot may hold: the limit set, else the number of awards.
    public var effectivePickLimit: Int { pickLimit ?? quotaTotal }

    public func issues() -> [FieldIssue] {
        var collector = ValidationCollector()
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { collector.add("name", "error.award.nameRequired") }
        else if trimmed.count > Self.maxNameLength { collector.add("name", "error.award.nameTooLong", ["max": "\(Self.maxNameLength)"]) }
        if !CertificateSerial.isValidCode(code) { collector.add("code", "error.award.codeInvalid", ["value": code]) }
        if !(1...Self.maxQuota).contains(quotaTotal) {
            collector.add("quotaTotal", "error.award.quotaTotal", ["value": "\(quotaTotal)", "max": "\(Self.maxQuota)"])
        }
        if let perUnit = quotaPerUnit, !(1...max(quotaTotal, 1)).contains(perUnit) {
            collector.add("quotaPerUnit", "error.award.quotaPerUnit", ["value": "\(perUnit)", "total": "\(quotaTotal)"])
        }
        if method == .approval, let pickLimit, pickLimit < 1 {
            collector.add("pickLimit", "error.award.pickLimit", ["value": "\(pickLimit)"])
        }
        if method == .rubric {
            if criteria.isEmpty { collector.add("criteria", "error.award.criteriaRequired") }
            for (index, criterion) in criteria.enumerated() {
                let line = ["line": "\(index + 1)", "name": criterion.name]
                if criterion.name.trimmingCharacters(in: .whitespaces).isEmpty { collector.add("criteria", "error.award.criterionName", line) }
                if !(1...100).contains(criterion.weight) { collector.add("criteria", "error.award.criterionWeight", line.merging(["value": "\(criterion.weight)"]) { $1 }) }
                if !(1...100).contains(criterion.maxScore) { collector.add("criteria", "error.award.criterionMax", line.merging(["value": "\(criterion.maxScore)"]) { $1 }) }
            }
            if Set(criteria.map { $0.name.lowercased() }).count != criteria.count { collector.add("criteria", "error.award.criterionRepeated") }
        }
        for issue in eligibility.issues() { collector.add(issue) }
        for issue in window.issues() { collector.add(issue) }
        return collector.issues
    }

    /// Reads a rubric typed one criterion per line: `Achievements, 40, 10` (name, weight, top score).
    /// Chinese commas and tabs work too. Errors name the line.
    public static func parseCriteria(_ text: String) throws(PodiumError) -> [RubricCriterion] {
        var criteria: [RubricCriterion] = []
        var collector = ValidationCollector()
        // Split on any line break: "\r\n" (as a browser sends a textarea) is a single Character, not "\n".
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let parts = line.split(whereSeparator: { ",，\t;；".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3, let weight = Int(parts[1]), let max = Int(parts[2]) else {
                collector.add("criteria", "error.award.criterionLine", ["line": "\(index + 1)", "text": line])
                continue
            }
            criteria.append(RubricCriterion(name: parts[0], weight: weight, maxScore: max))
        }
        try collector.check()
        return criteria
    }
}
