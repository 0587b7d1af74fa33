import Foundation

/// The rules a new nomination must pass, checked together so the nominator sees every problem.
public struct NominationCheck: Sendable {
    public let categoryName: String
    public let window: NominationWindow
    public let eligibility: Eligibility
    public let quotaPerUnit: Int?

    public init(categoryName: String, window: NominationWindow, eligibility: Eligibility, quotaPerUnit: Int?) {
        self.categoryName = categoryName
        self.window = window
        self.eligibility = eligibility
        self.quotaPerUnit = quotaPerUnit
    }

    public static let maxCitationLength = 4000
    public static let minCitationLength = 20

    public struct Attempt: Sendable {
        public let nominee: NomineeFacts
        /// The person the nominator is, when the nominator is on the roster.
        public let nominatorPersonID: Int?
        public let nomineePersonID: Int?
        public let citation: String
        /// True when this person or unit already has a nomination in the category.
        public let alreadyNominated: Bool
        /// The organization the quota counts against, and how many it already has in the category.
        public let quotaUnitName: String
        public let nominationsOfQuotaUnit: Int
        public let now: Date

        public init(nominee: NomineeFacts, nominatorPersonID: Int?, nomineePersonID: Int?, citation: String,
                    alreadyNominated: Bool, quotaUnitName: String, nominationsOfQuotaUnit: Int, now: Date) {
            self.nominee = nominee
            self.nominatorPersonID = nominatorPersonID
            self.nomineePersonID = nomineePersonID
            self.citation = citation
            self.alreadyNominated = alreadyNominated
            self.quotaUnitName = quotaUnitName
            self.nominationsOfQuotaUnit = nominationsOfQuotaUnit
            self.now = now
        }
    }

    /// Every broken rule, by field. `skipWindow` lets an organizer file a late nomination on purpose.
    public func issues(_ attempt: Attempt, skipWindow: Bool = false) -> [FieldIssue] {
        var collector = ValidationCollector()
        let category = ["category": categoryName]
        if !skipWindow {
            switch window.state(at: attempt.now) {
            case .notYetOpen: collector.add("category", "error.nomination.notOpen", category)
            case .closed: collector.add("category", "error.nomination.closed", category)
            case .open: break
            }
        }
        if let me = attempt.nominatorPersonID, me == attempt.nomineePersonID {
            collector.add("nominee", "error.nomination.self")
        }
        if attempt.alreadyNominated {
            collector.add("nominee", "error.nomination.duplicate", category.merging(["name": attempt.nominee.name]) { $1 })
        }
        for problem in eligibility.problems(for: attempt.nominee) { collector.add(FieldIssue("nominee", problem)) }
        if let quota = quotaPerUnit, attempt.nominationsOfQuotaUnit >= quota {
            collector.add("nominee", "error.nomination.quota",
                          category.merging(["unit": attempt.quotaUnitName, "quota": "\(quota)"]) { $1 })
        }
        let citation = attempt.citation.trimmingCharacters(in: .whitespacesAndNewlines)
        if citation.count < Self.minCitationLength {
            collector.add("citation", "error.nomination.citationShort", ["min": "\(Self.minCitationLength)"])
        } else if citation.count > Self.maxCitationLength {
            collector.add("citation", "error.nomination.citationLong", ["max": "\(Self.maxCitationLength)"])
        }
        return collector.issues
    }
}

extension UnitTree {
    /// The organization a unit belongs to for quotas and conflicts of interest: its nearest company or
    /// outside organization, else the unit itself (a sector or the group office).
    public func homeOrganization(of id: Int) -> Int {
        ancestry(of: id).first { $0.kind == .company || $0.kind.isExternal }?.id ?? id
    }

    /// `Jinghua Green Energy › Marketing`: the path from the unit's organization down, short enough for a table.
    public func organizationPath(of id: Int) -> String {
        let organization = homeOrganization(of: id)
        var names: [String] = []
        for unit in ancestry(of: id) {
            names.insert(unit.name, at: 0)
            if unit.id == organization { break }
        }
        return names.joined(separator: " › ")
    }
}

/// A reviewer never judges a nominee from their own organization.
public enum ConflictOfInterest {
    /// True when the reviewer's home unit and the nominee's unit share an organization, or one lies within the other.
    public static func conflicts(reviewerUnitID: Int?, nomineeUnitID: Int?, tree: UnitTree) -> Bool {
        guard let reviewer = reviewerUnitID, let nominee = nomineeUnitID else { return false }
        if tree.isWithin(nominee, ancestorID: reviewer) && tree.nodes[reviewer]?.parentID != nil { return true }
        if tree.isWithin(reviewer, ancestorID: nominee) && tree.nodes[nominee]?.parentID != nil { return true }
        return tree.homeOrganization(of: reviewer) == tree.homeOrganization(of: nominee)
    }
}
