/// Everything an organizer decides about a head-to-head event before the first match.
public struct DrawSettings: Sendable, Equatable {
    public var structure: DrawStructure
    public var scoring: MatchScoring
    public var thirdPlaceMatch: Bool
    public var groupCount: Int
    public var qualifiersPerGroup: Int
    public var rules: RoundRobinRules

    public init(structure: DrawStructure, scoring: MatchScoring, thirdPlaceMatch: Bool = true, groupCount: Int = 1,
                qualifiersPerGroup: Int = 2, rules: RoundRobinRules = .standard) {
        self.structure = structure
        self.scoring = scoring
        self.thirdPlaceMatch = thirdPlaceMatch
        self.groupCount = groupCount
        self.qualifiersPerGroup = qualifiersPerGroup
        self.rules = rules
    }

    /// What the sport usually plays: basketball a knockout with a third-place game, table tennis (best of
    /// five to 11) and badminton (best of three to 21, up to 30) a round robin, tug of war best-of-three pulls.
    public static func defaults(templateID: String?) -> DrawSettings {
        switch templateID ?? "" {
        case "basketball": return DrawSettings(structure: .singleElimination, scoring: .basketball)
        case "table-tennis-singles": return DrawSettings(structure: .roundRobin, scoring: .tableTennis)
        case let id where id.hasPrefix("badminton"): return DrawSettings(structure: .roundRobin, scoring: .badminton)
        default: return DrawSettings(structure: .singleElimination, scoring: .points(allowDraw: false))
        }
    }

    /// Knockout matches need a winner whatever the group stage allows.
    public var knockoutScoring: MatchScoring {
        if case .points = scoring { return .points(allowDraw: false) }
        return scoring
    }

    /// Problems with the settings for `entrants` entries, all at once.
    public func issues(entrants: Int) -> [FieldIssue] {
        var issues = scoring.issues + rules.issues
        if entrants < 2 { issues.append(FieldIssue("seeds", "error.draw.tooFew", ["count": "\(entrants)"])) }
        if structure == .groupsKnockout, entrants >= 2 {
            if groupCount < 2 || groupCount > entrants / 2 {
                issues.append(FieldIssue("groupCount", "error.roundRobin.groupCount", ["count": "\(groupCount)", "entrants": "\(entrants)", "max": "\(max(entrants / 2, 1))"]))
            } else if qualifiersPerGroup < 1 || qualifiersPerGroup > entrants / groupCount {
                issues.append(FieldIssue("qualifiersPerGroup", "error.draw.qualifiers", ["value": "\(qualifiersPerGroup)", "max": "\(entrants / groupCount)"]))
            }
        }
        return issues
    }
}
