import Foundation

/// A relay board kept up to date read by read: built once from a race, its teams, reads and corrections,
/// then `apply(read:)` and `apply(correction:)` work out again only the team the read or correction
/// touches, and move that team's leg ranks, positions, place and board position.
/// `board` is always exactly what `RelayTiming.board` gives for the same race, teams, reads (in the
/// order applied) and corrections. A change to the race (course, start, restarts, rules) or to the
/// teams needs a new state.
public struct RelayBoardState: Sendable {
    public let race: RelayRace
    public let teams: [RelayTeamInfo]
    /// The highest read id applied so far.
    public private(set) var lastReadID: Int?
    public private(set) var readCount = 0

    /// One value of a team in a ranking (leg time, cumulative time, total), kept sorted as `RelayTiming.places` sorts.
    struct Entry: Comparable {
        let value: Int64
        let index: Int
        static func < (a: Entry, b: Entry) -> Bool { (a.value, a.index) < (b.value, b.index) }
    }

    private let identifiers: [String: Int]
    /// Team index (in `teams`) by team id: the index of the first team with the id, whose bucket holds the reads.
    private let indexByID: [Int: Int]
    /// Per bucket: the teams reading from it (more than one only if team ids repeat, as the full board then gives them the same reads).
    private let sharers: [[Int]]
    /// Teams that are ranked on legs (not DNS or DQ).
    private let rankedOnLegs: [Bool]
    /// Every read with its place in the order applied.
    private var raw: [Int: (read: TimingRead, position: Int)] = [:]
    private var corrections: [Int: [ReadCorrection]] = [:]
    /// The team (index) whose reads include this read.
    private var placement: [Int: Int] = [:]
    /// Per team index: its plausible reads by point, after corrections.
    private var buckets: [[Int: [EffectiveRead]]]
    private var verdicts: [Int: ReadVerdict] = [:]
    /// Reads found suspect before any team looked at them, by position; `outsideOrder` holds the positions sorted.
    private var outsideReviews: [Int: RelayReviewItem] = [:]
    private var outsideOrder: [Int] = []
    private var teamReviews: [[RelayReviewItem]]
    private var results: [RelayTeamResult]
    private var legTimes: [[Entry]]
    private var legCumulatives: [[Entry]]
    private var totals: [Entry] = []
    /// Team indexes in board order.
    private var order: [Int] = []

    public init(race: RelayRace, teams: [RelayTeamInfo], reads: [TimingRead] = [], corrections: [ReadCorrection] = []) {
        self.race = race
        self.teams = teams
        identifiers = RelayTiming.identifiers(teams)
        var indexByID: [Int: Int] = [:]
        for (index, team) in teams.enumerated() where indexByID[team.id] == nil { indexByID[team.id] = index }
        self.indexByID = indexByID
        var sharers: [[Int]] = Array(repeating: [], count: teams.count)
        for (index, team) in teams.enumerated() { sharers[indexByID[team.id]!].append(index) }
        self.sharers = sharers
        rankedOnLegs = teams.map { $0.status != .dns && $0.status != .dq }
        buckets = Array(repeating: [:], count: teams.count)
        teamReviews = Array(repeating: [], count: teams.count)
        results = []
        let pointCount = race.course.pointCount
        legTimes = Array(repeating: [], count: pointCount)
        legCumulatives = Array(repeating: [], count: pointCount)
        corrections.forEach { self.corrections[$0.readID, default: []].append($0) }

        for read in reads where raw[read.id] == nil {
            raw[read.id] = (read, readCount)
            readCount += 1
            lastReadID = max(lastReadID ?? read.id, read.id)
            place(read.id)
        }
        outsideOrder = outsideReviews.keys.sorted()
        for index in teams.indices {
            results.append(RelayTiming.teamResult(teams[index], reads: buckets[indexByID[teams[index].id]!], race: race,
                                                  verdicts: &verdicts, reviews: &teamReviews[index]))
        }
        for index in teams.indices {
            if rankedOnLegs[index] {
                for leg in 0..<pointCount {
                    if let time = results[index].legs[leg].time { legTimes[leg].append(Entry(value: time, index: index)) }
                    if let cumulative = results[index].legs[leg].cumulative { legCumulatives[leg].append(Entry(value: cumulative, index: index)) }
                }
            }
            if let total = finishTotal(results[index]) { totals.append(Entry(value: total, index: index)) }
        }
        for leg in 0..<pointCount {
            legTimes[leg].sort()
            legCumulatives[leg].sort()
            assignLegRanks(leg)
            assignPositions(leg)
        }
        totals.sort()
        assignPlaces()
        order = teams.indices.sorted { boardPrecedes($0, $1) }
    }

    /// The board as `RelayTiming.board` computes it.
    public var board: RelayBoard {
        var reviews = outsideOrder.map { outsideReviews[$0]! }
        for items in teamReviews where !items.isEmpty { reviews.append(contentsOf: items) }
        reviews.sort { ($0.at ?? Int64.max, $0.point) < ($1.at ?? Int64.max, $1.point) }
        return RelayBoard(teams: order.map { results[$0] }, verdicts: verdicts, reviews: reviews)
    }

    /// Adds a read after those already applied. A read whose id is already here changes nothing and gives false.
    @discardableResult
    public mutating func apply(read: TimingRead) -> Bool {
        guard raw[read.id] == nil else { return false }
        raw[read.id] = (read, readCount)
        readCount += 1
        lastReadID = max(lastReadID ?? read.id, read.id)
        let touched = place(read.id)
        if outsideReviews[readCount - 1] != nil { outsideOrder.append(readCount - 1) }
        if let touched { recompute(touched) }
        return true
    }

    /// Adds an official's correction after those already applied (a correction of a read not yet here
    /// waits for it).
    public mutating func apply(correction: ReadCorrection) {
        corrections[correction.readID, default: []].append(correction)
        guard let (read, position) = raw[correction.readID] else { return }
        let before = placement[read.id]
        if let before {
            buckets[before][read.point]!.removeAll { $0.read.id == read.id }
            if buckets[before][read.point]!.isEmpty { buckets[before][read.point] = nil }
            placement[read.id] = nil
        }
        let wasOutside = outsideReviews[position] != nil
        verdicts[read.id] = nil
        outsideReviews[position] = nil
        let after = place(read.id)
        let isOutside = outsideReviews[position] != nil
        if wasOutside != isOutside {
            if isOutside {
                outsideOrder.insert(position, at: outsideOrder.partitioningIndex { $0 >= position })
            } else {
                outsideOrder.remove(at: outsideOrder.partitioningIndex { $0 >= position })
            }
        }
        for bucket in Set([before, after].compactMap { $0 }).sorted() { recompute(bucket) }
    }

    // MARK: - Reads to teams

    /// Files one read: into its team's reads (returning the team index) or straight to a verdict.
    @discardableResult
    private mutating func place(_ readID: Int) -> Int? {
        let (read, position) = raw[readID]!
        let effective = EffectiveRead(read, corrections: corrections[readID] ?? [])
        switch RelayTiming.classify(effective, race: race, identifiers: identifiers) {
        case .team(let id):
            let index = indexByID[id]!
            buckets[index][read.point, default: []].append(effective)
            placement[readID] = index
            return index
        case .verdict(let verdict):
            verdicts[readID] = verdict
            if case .suspect(let reason) = verdict {
                outsideReviews[position] = RelayTiming.suspectReview(read, reason: reason, corrections: corrections[readID] ?? [],
                                                                     identifiers: identifiers)
            }
            return nil
        }
    }

    /// Works out again the team whose reads changed (every team with its id, if ids repeat) and moves it in
    /// the rankings and the board order.
    private mutating func recompute(_ bucket: Int) {
        for index in sharers[bucket] { recomputeTeam(index, reads: buckets[bucket]) }
    }

    private mutating func recomputeTeam(_ index: Int, reads: [Int: [EffectiveRead]]) {
        let old = results[index]
        var reviews: [RelayReviewItem] = []
        var new = RelayTiming.teamResult(teams[index], reads: reads, race: race, verdicts: &verdicts, reviews: &reviews)
        teamReviews[index] = reviews
        var timesChanged: [Int] = [], cumulativesChanged: [Int] = []
        for leg in new.legs.indices {
            let (was, now) = (old.legs[leg], new.legs[leg])
            if was.time != now.time {
                timesChanged.append(leg)
            } else {
                new.legs[leg].rank = was.rank
                new.legs[leg].rankTied = was.rankTied
            }
            if was.cumulative != now.cumulative {
                cumulativesChanged.append(leg)
            } else {
                new.legs[leg].position = was.position
                new.legs[leg].positionTied = was.positionTied
                new.legs[leg].gapToLeader = was.gapToLeader
                new.legs[leg].gapToAhead = was.gapToAhead
            }
        }
        let (oldTotal, newTotal) = (finishTotal(old), finishTotal(new))
        if oldTotal == newTotal {
            new.place = old.place
            new.placeTied = old.placeTied
            new.gapToWinner = old.gapToWinner
        }
        results[index] = new
        if rankedOnLegs[index] {
            for leg in timesChanged {
                Self.move(&legTimes[leg], index: index, from: old.legs[leg].time, to: new.legs[leg].time)
                assignLegRanks(leg)
            }
            for leg in cumulativesChanged {
                Self.move(&legCumulatives[leg], index: index, from: old.legs[leg].cumulative, to: new.legs[leg].cumulative)
                assignPositions(leg)
            }
        }
        if oldTotal != newTotal {
            Self.move(&totals, index: index, from: oldTotal, to: newTotal)
            assignPlaces()
        }
        order.remove(at: order.firstIndex(of: index)!)
        order.insert(index, at: order.partitioningIndex { boardPrecedes(index, $0) })
    }

    // MARK: - Rankings

    private func finishTotal(_ result: RelayTeamResult) -> Int64? {
        result.progress == .finished ? result.total : nil
    }

    private static func move(_ entries: inout [Entry], index: Int, from old: Int64?, to new: Int64?) {
        if let old {
            let entry = Entry(value: old, index: index)
            let at = entries.partitioningIndex { $0 >= entry }
            if at < entries.count, entries[at] == entry { entries.remove(at: at) }
        }
        if let new {
            let entry = Entry(value: new, index: index)
            entries.insert(entry, at: entries.partitioningIndex { $0 >= entry })
        }
    }

    /// Calls `body(entry, place, tied, previous value)` for sorted entries, places shared by equal values (1, 1, 3).
    private static func forEachPlace(_ entries: [Entry], _ body: (Entry, Int, Bool, Int64?) -> Void) {
        var start = 0
        var previous: Int64?
        while start < entries.count {
            var end = start + 1
            while end < entries.count, entries[end].value == entries[start].value { end += 1 }
            for entry in entries[start..<end] { body(entry, start + 1, end - start > 1, previous) }
            previous = entries[start].value
            start = end
        }
    }

    private mutating func assignLegRanks(_ leg: Int) {
        var results = self.results
        self.results = []
        Self.forEachPlace(legTimes[leg]) { entry, place, tied, _ in
            if results[entry.index].legs[leg].rank != place { results[entry.index].legs[leg].rank = place }
            if results[entry.index].legs[leg].rankTied != tied { results[entry.index].legs[leg].rankTied = tied }
        }
        self.results = results
    }

    private mutating func assignPositions(_ leg: Int) {
        var results = self.results
        self.results = []
        let leader = legCumulatives[leg].first?.value
        Self.forEachPlace(legCumulatives[leg]) { entry, place, tied, ahead in
            let gapToLeader = leader.map { entry.value - $0 }, gapToAhead = ahead.map { entry.value - $0 } ?? 0
            let split = results[entry.index].legs[leg]
            if split.position != place || split.positionTied != tied || split.gapToLeader != gapToLeader || split.gapToAhead != gapToAhead {
                results[entry.index].legs[leg].position = place
                results[entry.index].legs[leg].positionTied = tied
                results[entry.index].legs[leg].gapToLeader = gapToLeader
                results[entry.index].legs[leg].gapToAhead = gapToAhead
            }
        }
        self.results = results
    }

    private mutating func assignPlaces() {
        var results = self.results
        self.results = []
        let winner = totals.first?.value
        Self.forEachPlace(totals) { entry, place, tied, _ in
            let gap = winner.map { entry.value - $0 }
            if results[entry.index].place != place || results[entry.index].placeTied != tied || results[entry.index].gapToWinner != gap {
                results[entry.index].place = place
                results[entry.index].placeTied = tied
                results[entry.index].gapToWinner = gap
            }
        }
        self.results = results
    }

    /// Board order, equal teams in the order given (as the full board's stable sort leaves them).
    private func boardPrecedes(_ a: Int, _ b: Int) -> Bool {
        if RelayTiming.precedes(results[a], results[b]) { return true }
        if RelayTiming.precedes(results[b], results[a]) { return false }
        return a < b
    }
}

extension Array {
    /// The first index whose element satisfies `belongs`, for a predicate false then true along the array.
    func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
