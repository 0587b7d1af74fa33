import Foundation

/// A nomination as the tally sees it: who may judge it.
public struct TallyCandidate: Sendable, Hashable, Codable {
    public let id: Int
    public let name: String
    /// Reviewers who may judge this nominee: the panel, less conflicts of interest and recusals.
    public let eligibleReviewers: Set<Int>

    public init(id: Int, name: String, eligibleReviewers: Set<Int>) {
        self.id = id
        self.name = name
        self.eligibleReviewers = eligibleReviewers
    }
}

public struct CastBallot: Sendable, Hashable, Codable {
    public let reviewerID: Int
    public let content: BallotContent

    public init(reviewerID: Int, content: BallotContent) {
        self.reviewerID = reviewerID
        self.content = content
    }
}

/// One nominee's line in a tally. `score` runs from 0 to 100 for every method:
/// rubric — mean weighted score as a percentage of the top score;
/// approval — approvals as a percentage of the ballots that could approve;
/// Borda — mean of each ballot's points as a share of that ballot's top points.
public struct TallyLine: Sendable, Hashable, Codable {
    public let nominationID: Int
    public let name: String
    public let score: Score
    /// Ballots from reviewers who could judge this nominee.
    public let ballots: Int
    /// Approvals (approval) or Borda points (Borda); nil for rubric.
    public let points: Int?
    /// Shared by equal scores; nil when nobody judged the nominee.
    public let rank: Int?
    public let tied: Bool
}

public struct Tally: Sendable, Hashable, Codable {
    public let method: ReviewMethod
    /// Best first; nominees nobody judged come last, without a rank.
    public let lines: [TallyLine]

    /// Judged nominees grouped by equal score, best group first.
    public var scoreGroups: [[Int]] {
        var groups: [[Int]] = []
        var previous: Score?
        for line in lines where line.rank != nil {
            if line.score == previous { groups[groups.count - 1].append(line.nominationID) } else { groups.append([line.nominationID]) }
            previous = line.score
        }
        return groups
    }

    /// Groups of two or more with the same score.
    public var ties: [[Int]] { scoreGroups.filter { $0.count > 1 } }
}

public enum Tallying {
    /// Counts the ballots of one round. Ballot parts about a nominee the reviewer may not judge are ignored
    /// (they are refused when cast; this keeps an exported file with a tampered line from counting).
    public static func tally(method: ReviewMethod, criteria: [RubricCriterion], candidates: [TallyCandidate],
                             ballots: [CastBallot]) -> Tally {
        let usable = latestBallots(ballots.filter { $0.content.method == method })
        let judges = Dictionary(candidates.map { ($0.id, $0.eligibleReviewers) }, uniquingKeysWith: { first, _ in first })
        var lines: [TallyLine] = []
        for candidate in candidates {
            let counted = usable.filter { candidate.eligibleReviewers.contains($0.reviewerID) }
            var total = Score.zero
            var judged = 0
            var points = 0
            for ballot in counted {
                switch ballot.content {
                case .rubric(let scores):
                    guard let row = scores[candidate.id], row.count == criteria.count else { continue }
                    total = total + weightedPercent(row, criteria)
                    judged += 1
                case .approval(let picks):
                    if picks.contains(candidate.id) { points += 1; total = total + Score(100, 1) }
                    judged += 1
                case .ranking(let order):
                    let judgedHere = order.filter { judges[$0]?.contains(ballot.reviewerID) ?? false }
                    guard let position = judgedHere.firstIndex(of: candidate.id) else { continue }
                    let top = judgedHere.count - 1
                    let earned = top - position
                    points += earned
                    total = total + (top == 0 ? Score(100, 1) : Score(100 * earned, top))
                    judged += 1
                }
            }
            let score = judged == 0 ? Score.zero : total.divided(by: judged)
            lines.append(TallyLine(nominationID: candidate.id, name: candidate.name, score: score, ballots: judged,
                                   points: method == .rubric ? nil : points, rank: judged == 0 ? nil : 0, tied: false))
        }
        return Tally(method: method, lines: ranked(lines))
    }

    /// Mean of the criteria scores, each as a share of its top score, weighted, as a percentage.
    public static func weightedPercent(_ row: [Int], _ criteria: [RubricCriterion]) -> Score {
        let weights = criteria.reduce(0) { $0 + $1.weight }
        guard weights > 0 else { return .zero }
        var sum = Score.zero
        for (score, criterion) in zip(row, criteria) { sum = sum + Score(100 * criterion.weight * score, criterion.maxScore) }
        return sum.divided(by: weights)
    }

    /// One ballot per reviewer: the last one given wins, as a re-submitted ballot replaces the earlier one.
    static func latestBallots(_ ballots: [CastBallot]) -> [CastBallot] {
        var byReviewer: [Int: CastBallot] = [:]
        var order: [Int] = []
        for ballot in ballots {
            if byReviewer[ballot.reviewerID] == nil { order.append(ballot.reviewerID) }
            byReviewer[ballot.reviewerID] = ballot
        }
        return order.compactMap { byReviewer[$0] }
    }

    static func ranked(_ lines: [TallyLine]) -> [TallyLine] {
        let judged = lines.filter { $0.rank != nil }.sorted { ($0.score, $1.nominationID) > ($1.score, $0.nominationID) }
        let unjudged = lines.filter { $0.rank == nil }.sorted { $0.nominationID < $1.nominationID }
        var result: [TallyLine] = []
        for (index, line) in judged.enumerated() {
            let rank = index > 0 && judged[index - 1].score == line.score ? result[index - 1].rank! : index + 1
            let tied = judged.contains { $0.nominationID != line.nominationID && $0.score == line.score }
            result.append(TallyLine(nominationID: line.nominationID, name: line.name, score: line.score, ballots: line.ballots,
                                    points: line.points, rank: rank, tied: tied))
        }
        return result + unjudged
    }
}
