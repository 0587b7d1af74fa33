import Foundation

/// What one reviewer hands in for one category and round.
public enum BallotContent: Sendable, Hashable, Codable {
    /// Scores per nomination, one per rubric criterion in rubric order.
    case rubric([Int: [Int]])
    /// The nominations picked.
    case approval(Set<Int>)
    /// Every nomination the reviewer may judge, best first.
    case ranking([Int])

    public var method: ReviewMethod {
        switch self {
        case .rubric: return .rubric
        case .approval: return .approval
        case .ranking: return .borda
        }
    }

    /// The nominations this ballot says anything about.
    public var mentioned: Set<Int> {
        switch self {
        case .rubric(let scores): return Set(scores.keys)
        case .approval(let picks): return picks
        case .ranking(let order): return Set(order)
        }
    }
}

/// Checks a ballot against the round it is cast in, so that nothing invalid is ever stored.
public struct BallotCheck: Sendable {
    public let method: ReviewMethod
    public let criteria: [RubricCriterion]
    public let pickLimit: Int
    /// Nominations in the round, by id, with the nominee's name for messages.
    public let candidates: [Int: String]
    /// Candidates this reviewer may not judge (conflict of interest or their own recusal).
    public let barred: Set<Int>

    public init(method: ReviewMethod, criteria: [RubricCriterion], pickLimit: Int, candidates: [Int: String], barred: Set<Int>) {
        self.method = method
        self.criteria = criteria
        self.pickLimit = pickLimit
        self.candidates = candidates
        self.barred = barred
    }

    /// The candidates this reviewer judges.
    public var judged: Set<Int> { Set(candidates.keys).subtracting(barred) }

    public func issues(_ ballot: BallotContent) -> [FieldIssue] {
        var collector = ValidationCollector()
        guard ballot.method == method else {
            collector.add("ballot", "error.ballot.wrongMethod", ["method": method.rawValue])
            return collector.issues
        }
        for id in ballot.mentioned.sorted() {
            if let name = candidates[id] {
                if barred.contains(id) { collector.add("ballot", "error.ballot.conflicted", ["name": name]) }
            } else {
                collector.add("ballot", "error.ballot.unknownNomination", ["id": "\(id)"])
            }
        }
        switch ballot {
        case .rubric(let scores):
            for id in judged.sorted() {
                let name = candidates[id] ?? "#\(id)"
                guard let row = scores[id] else {
                    collector.add("ballot", "error.ballot.unscored", ["name": name])
                    continue
                }
                if row.count != criteria.count {
                    collector.add("ballot", "error.ballot.scoreCount", ["name": name, "count": "\(criteria.count)"])
                    continue
                }
                for (criterion, score) in zip(criteria, row) where !(0...criterion.maxScore).contains(score) {
                    collector.add("ballot", "error.ballot.scoreRange",
                                  ["name": name, "criterion": criterion.name, "value": "\(score)", "max": "\(criterion.maxScore)"])
                }
            }
        case .approval(let picks):
            if picks.count > pickLimit {
                collector.add("ballot", "error.ballot.tooManyPicks", ["count": "\(picks.count)", "limit": "\(pickLimit)"])
            }
        case .ranking(let order):
            if Set(order).count != order.count { collector.add("ballot", "error.ballot.rankedTwice") }
            let missing = judged.subtracting(order)
            for id in missing.sorted() { collector.add("ballot", "error.ballot.unranked", ["name": candidates[id] ?? "#\(id)"]) }
        }
        return collector.issues
    }
}
