/// One entry's performance in an event, as ranking needs it.
public struct Performance: Sendable, Equatable {
    public let entryID: Int
    public let status: ResultStatus
    /// The deciding mark (best attempt for field events); nil unless status is ok.
    public let mark: Int?
    /// Every valid attempt, for breaking ties on the next-best attempt.
    public let attempts: [Int]

    public init(entryID: Int, status: ResultStatus, mark: Int?, attempts: [Int] = []) {
        self.entryID = entryID
        self.status = status
        self.mark = mark
        self.attempts = attempts
    }
}

/// A ranked line: a place for valid marks (shared when tied), none for DNS, DNF, DQ and NM.
public struct RankedPerformance: Sendable, Equatable {
    public let performance: Performance
    public let place: Int?
    public let tied: Bool
}

public enum Ranking {
    /// Ranks an event. Equal performances share a place and the next place is skipped (1, 1, 3).
    /// With `breakTiesOnAttempts`, equal best marks are separated by the next-best attempt, then the
    /// one after (field events). Entries without a valid mark follow, ordered NM, DNF, DQ, DNS.
    public static func rank(_ performances: [Performance], kind: MarkKind, breakTiesOnAttempts: Bool = false) -> [RankedPerformance] {
        let valid = performances.filter { $0.status == .ok && $0.mark != nil }
        let invalid = performances.filter { !($0.status == .ok && $0.mark != nil) }
        let sorted = valid.sorted { a, b in
            let order = compare(a, b, kind: kind, breakTiesOnAttempts: breakTiesOnAttempts)
            return order != 0 ? order < 0 : a.entryID < b.entryID
        }
        var ranked: [RankedPerformance] = []
        var index = 0
        while index < sorted.count {
            var end = index + 1
            while end < sorted.count, compare(sorted[index], sorted[end], kind: kind, breakTiesOnAttempts: breakTiesOnAttempts) == 0 { end += 1 }
            for performance in sorted[index..<end] {
                ranked.append(RankedPerformance(performance: performance, place: index + 1, tied: end - index > 1))
            }
            index = end
        }
        let rest = invalid.sorted {
            ($0.status.orderAfterValidMarks, $0.entryID) < ($1.status.orderAfterValidMarks, $1.entryID)
        }
        return ranked + rest.map { RankedPerformance(performance: $0, place: nil, tied: false) }
    }

    /// Negative when `a` is better.
    static func compare(_ a: Performance, _ b: Performance, kind: MarkKind, breakTiesOnAttempts: Bool) -> Int {
        let better: (Int, Int) -> Int = { x, y in
            if x == y { return 0 }
            return (kind.lowerIsBetter ? x < y : x > y) ? -1 : 1
        }
        let first = better(a.mark!, b.mark!)
        guard first == 0, breakTiesOnAttempts else { return first }
        let order: (Int, Int) -> Bool = { kind.lowerIsBetter ? $0 < $1 : $0 > $1 }
        let restA = a.attempts.sorted(by: order).dropFirst(), restB = b.attempts.sorted(by: order).dropFirst()
        for (x, y) in zip(restA, restB) where x != y { return better(x, y) }
        // More valid attempts beats fewer when everything else is equal.
        return restA.count == restB.count ? 0 : (restA.count > restB.count ? -1 : 1)
    }
}
