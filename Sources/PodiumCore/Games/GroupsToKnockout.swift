/// A group stage feeding a single-elimination bracket: the top `qualifiersPerGroup` of every group go
/// through. Groups are given in group order (A, B, C ...), each as its entry ids in final group order.
public enum GroupsToKnockout {
    /// Group names as the draw sheet shows them: A ... Z, then 27, 28 ...
    public static func groupName(_ index: Int) -> String {
        index < 26 ? String(UnicodeScalar(UInt8(65 + index))) : "\(index + 1)"
    }

    /// The knockout seed order: group winners first in group order (A1, B1, C1 ...), then the runners-up,
    /// and so on. Within each later tier the groups are arranged so that teammates from one group meet as
    /// late as the standard bracket allows: never in the first round when avoidable, then as rarely as
    /// possible in round 2, and so on (two groups: A1 v B2, B1 v A2; four groups: the runners-up go to the
    /// half away from their group winner). Equal arrangements prefer the earlier group on the better seed.
    public static func seeding(groups: [[Int]], qualifiersPerGroup: Int) throws(PodiumError) -> [Int] {
        try validate(groups: groups, qualifiersPerGroup: qualifiersPerGroup)
        let groupCount = groups.count, total = groupCount * qualifiersPerGroup
        var size = 2
        while size < total { size *= 2 }
        var line = [Int](repeating: 0, count: size + 1)
        for (index, seed) in SingleElimination.drawOrder(size: size).enumerated() { line[seed] = index }
        var rounds = 0
        while 1 << rounds < size { rounds += 1 }

        // groupOfSeed[seed - 1]; tier 0 is fixed: group winners in group order.
        var groupOfSeed = Array(0..<groupCount)
        for tier in stride(from: 1, to: qualifiersPerGroup, by: 1) {
            // Cost of giving tier seed `i` to group `g`: how many of g's earlier qualifiers it could meet in
            // each round. It depends only on earlier tiers, so the tier is an assignment problem.
            let cost: [[[Int]]] = (0..<groupCount).map { i in
                let seed = tier * groupCount + i + 1
                return (0..<groupCount).map { group in
                    var meetings = [Int](repeating: 0, count: rounds)
                    for earlier in 0..<tier * groupCount where groupOfSeed[earlier] == group {
                        meetings[meetingRound(line[seed], line[earlier + 1]) - 1] += 1
                    }
                    return meetings
                }
            }
            groupOfSeed += assign(cost)
        }
        return groupOfSeed.enumerated().map { seedIndex, group in groups[group][seedIndex / groupCount] }
    }

    /// The bracket for the qualifiers, seeded by `seeding(groups:qualifiersPerGroup:)`.
    public static func bracket(groups: [[Int]], qualifiersPerGroup: Int, thirdPlaceMatch: Bool) throws(PodiumError) -> SingleElimination {
        try SingleElimination(entrants: seeding(groups: groups, qualifiersPerGroup: qualifiersPerGroup), thirdPlaceMatch: thirdPlaceMatch)
    }

    /// Final places for the whole event: the knockout's places (as far as decided) for the qualifiers, then
    /// the rest by group position: every team placed just below the qualifiers in its group shares the next
    /// place, the next position the place after them, and so on (place = 1 + entrants certainly ahead).
    public static func places(groups: [[Int]], qualifiersPerGroup: Int, knockout: BracketState) -> [BracketPlace] {
        var places = knockout.places
        var ahead = groups.reduce(0) { $0 + min($1.count, qualifiersPerGroup) }
        let deepest = groups.map(\.count).max() ?? 0
        for position in stride(from: qualifiersPerGroup, to: deepest, by: 1) {
            let placed = groups.compactMap { position < $0.count ? $0[position] : nil }
            places += placed.map { BracketPlace(entryID: $0, place: ahead + 1) }
            ahead += placed.count
        }
        return places
    }

    static func validate(groups: [[Int]], qualifiersPerGroup: Int) throws(PodiumError) {
        var issues = ValidationCollector()
        if qualifiersPerGroup < 1 {
            issues.add("qualifiersPerGroup", "error.bracket.qualifiers", ["value": "\(qualifiersPerGroup)"])
        } else if groups.count * qualifiersPerGroup < 2 {
            issues.add("groups", "error.bracket.tooFew", ["count": "\(groups.count * qualifiersPerGroup)", "minimum": "2"])
        }
        for (index, group) in groups.enumerated() where group.count < qualifiersPerGroup {
            issues.add("groups", "error.bracket.groupTooSmall",
                       ["group": groupName(index), "count": "\(group.count)", "needed": "\(qualifiersPerGroup)"])
        }
        var seen = Set<Int>()
        for entry in groups.joined() where !seen.insert(entry).inserted {
            issues.add("groups", "error.bracket.duplicateEntrant", ["entry": "\(entry)"])
        }
        try issues.check()
    }

    /// The round (1-based) in which the entrants on two draw lines would meet.
    static func meetingRound(_ a: Int, _ b: Int) -> Int {
        var round = 0, differ = a ^ b
        while differ > 0 { differ >>= 1; round += 1 }
        return round
    }

    /// The group for each tier seed minimising the summed cost (compared round by round, earliest first),
    /// by dynamic programming over sets of used groups; beyond 12 groups, greedily seed by seed.
    static func assign(_ cost: [[[Int]]]) -> [Int] {
        let count = cost.count
        let add: ([Int], [Int]) -> [Int] = { zip($0, $1).map(+) }
        let less: ([Int], [Int]) -> Bool = { $0.lexicographicallyPrecedes($1) }
        guard count <= 12 else {
            var used = Set<Int>(), result: [Int] = []
            for i in 0..<count {
                let group = (0..<count).filter { !used.contains($0) }.min { less(cost[i][$0], cost[i][$1]) }!
                used.insert(group)
                result.append(group)
            }
            return result
        }
        // best[mask]: least cost of seeding the remaining tier seeds with the groups not in mask.
        let full = (1 << count) - 1
        let zero = [Int](repeating: 0, count: cost.first?.first?.count ?? 0)
        var best = [[Int]](repeating: zero, count: full + 1)
        for mask in stride(from: full - 1, through: 0, by: -1) {
            let seed = mask.nonzeroBitCount
            var found: [Int]?
            for group in 0..<count where mask & (1 << group) == 0 {
                let total = add(cost[seed][group], best[mask | 1 << group])
                if found == nil || less(total, found!) { found = total }
            }
            best[mask] = found!
        }
        // Walk forward taking the first (lowest) group that stays optimal.
        var mask = 0, result: [Int] = []
        for seed in 0..<count {
            let group = (0..<count).first { mask & (1 << $0) == 0 && add(cost[seed][$0], best[mask | 1 << $0]) == best[mask] }!
            result.append(group)
            mask |= 1 << group
        }
        return result
    }
}
