import Foundation

/// One entry's result in a heat. Only `.ok` with a mark can qualify.
public struct HeatTime: Sendable, Equatable, Codable {
    public let entryID: Int
    public let heat: Int
    public let status: ResultStatus
    public let mark: Int?

    public init(entryID: Int, heat: Int, status: ResultStatus, mark: Int?) {
        self.entryID = entryID
        self.heat = heat
        self.status = status
        self.mark = mark
    }

    var isValid: Bool { status == .ok && mark != nil }
}

/// Why an entry reached the final, as results sheets print it.
public enum QualificationReason: String, Sendable, Codable, CaseIterable {
    /// Among the first of its heat.
    case place = "Q"
    /// Among the fastest of the rest.
    case time = "q"
}

public struct Qualifier: Sendable, Equatable, Codable {
    public let entryID: Int
    public let heat: Int
    public let mark: Int
    public let reason: QualificationReason

    public init(entryID: Int, heat: Int, mark: Int, reason: QualificationReason) {
        self.entryID = entryID
        self.heat = heat
        self.mark = mark
        self.reason = reason
    }
}

public struct QualificationResult: Sendable, Equatable, Codable {
    /// In final seeding order: Q by time, then q by time (equal times by heat, then entry).
    public let qualifiers: [Qualifier]
    /// Entries with equal times straddling the last q place. None of them is in `qualifiers`: the app shows
    /// them to the referee, who picks `tieSpots` of them (photo finish, lots) or lets all through if lanes allow.
    public let tieAtBoundary: [Int]
    /// How many of `tieAtBoundary` can still go to the final; 0 when there is no tie.
    public let tieSpots: Int
    /// The heat times of `tieAtBoundary`, for a pick to become a qualifier.
    public var tiedTimes: [HeatTime] = []
}

/// "First `byPlace` of each heat (Q) plus the `byTime` fastest others (q)".
public enum HeatQualification {
    /// The usual rule for a final on `lanes` lanes: as many by place as fill the lanes evenly with room for
    /// some by time (2 heats: 3 + 2, 3 heats: 2 + 2, 4 heats: 1 + 4), the rest by time.
    public static func usualRule(heats: Int, lanes: Int) -> (byPlace: Int, byTime: Int) {
        guard heats > 0, lanes > 0 else { return (2, 2) }
        let perHeat = lanes / heats
        let byPlace = max(1, lanes % heats == 0 ? perHeat - 1 : perHeat)
        return (byPlace, max(0, lanes - byPlace * heats))
    }

    /// Checks a qualifying rule before the heats run, so a final can never need more lanes than the track has.
    public static func checkPlan(heatCount: Int, byPlace: Int, byTime: Int, lanes: LaneOrder) throws(PodiumError) {
        guard byPlace >= 0, byTime >= 0, byPlace + byTime > 0 else {
            throw .invalid("byPlace", "error.heats.rule", ["byPlace": "\(byPlace)", "byTime": "\(byTime)"])
        }
        let planned = byPlace * max(heatCount, 0) + byTime
        if planned > lanes.laneCount { throw tooMany(planned, lanes) }
    }

    /// Equal times at a heat's last Q place all qualify (they share the place), and the extra Q places come
    /// off the q places so the final keeps its planned size. A tie for the last q place is not decided here:
    /// see `QualificationResult.tieAtBoundary`. DNS, DNF, DQ and entries without a time never qualify.
    public static func qualify(heats: [[HeatTime]], byPlace: Int, byTime: Int, kind: MarkKind) -> QualificationResult {
        let before: (HeatTime, HeatTime) -> Bool = { a, b in
            if a.mark! != b.mark! { return kind.lowerIsBetter ? a.mark! < b.mark! : a.mark! > b.mark! }
            return (a.heat, a.entryID) < (b.heat, b.entryID)
        }
        var byPlaceQualified: [HeatTime] = [], others: [HeatTime] = [], extra = 0
        for heat in heats {
            let valid = heat.filter(\.isValid).sorted(by: before)
            let planned = min(max(byPlace, 0), valid.count)
            var taken = planned
            while taken > 0, taken < valid.count, valid[taken].mark == valid[taken - 1].mark { taken += 1 }
            extra += taken - planned
            byPlaceQualified += valid[..<taken]
            others += valid[taken...]
        }
        let spots = max(0, max(byTime, 0) - extra)
        let pool = others.sorted(by: before)
        var byTimeQualified = Array(pool.prefix(spots)), tied: [HeatTime] = []
        if spots > 0, pool.count > spots, pool[spots].mark == pool[spots - 1].mark {
            let tiedMark = pool[spots - 1].mark
            byTimeQualified = Array(pool.prefix { $0.mark != tiedMark })
            tied = pool.filter { $0.mark == tiedMark }
        }
        let qualifiers = byPlaceQualified.sorted(by: before).map { qualifier($0, .place) }
            + byTimeQualified.map { qualifier($0, .time) }
        return QualificationResult(qualifiers: qualifiers, tieAtBoundary: tied.map(\.entryID),
                                   tieSpots: tied.isEmpty ? 0 : spots - byTimeQualified.count, tiedTimes: tied)
    }

    /// The final's field: the qualifiers plus the runners picked from a boundary tie (photo finish, lots, or all
    /// of them when the lanes allow). Picks are q, after the other q in heat then entry order. `label` names
    /// runners in the refusals, which list every tied runner so the referee sees whom to choose from.
    public static func finalists(_ result: QualificationResult, picks: [Int], laneCount: Int,
                                 label: (Int) -> String) throws(PodiumError) -> [Qualifier] {
        let tied = result.tieAtBoundary
        let tiedNames = tied.map(label).joined(separator: ", ")
        if tied.isEmpty {
            guard picks.isEmpty else { throw .invalid("picks", "error.final.noTie") }
            return result.qualifiers
        }
        let chosen = Set(picks)
        if let stranger = picks.first(where: { !tied.contains($0) }) {
            throw .invalid("picks", "error.final.pickNotTied", ["runner": label(stranger), "tied": tiedNames])
        }
        let allFit = result.qualifiers.count + tied.count <= laneCount
        guard chosen.count == picks.count, chosen.count == result.tieSpots || (chosen.count == tied.count && allFit) else {
            throw .invalid("picks", allFit ? "error.final.pickCountOrAll" : "error.final.pickCount",
                           ["spots": "\(result.tieSpots)", "count": "\(tied.count)", "tied": tiedNames])
        }
        return result.qualifiers + tied.filter(chosen.contains).map { id in
            let time = result.tiedTimes.first { $0.entryID == id }!
            return Qualifier(entryID: id, heat: time.heat, mark: time.mark!, reason: .time)
        }
    }

    /// Whether a final made earlier still follows from the heat times: every qualifier is in it, and anyone
    /// else in it comes from a boundary tie. A correction that fails this changes who runs the final.
    public static func finalStands(_ finalists: Set<Int>, _ result: QualificationResult) -> Bool {
        let qualified = Set(result.qualifiers.map(\.entryID))
        let extra = finalists.subtracting(qualified)
        return qualified.isSubset(of: finalists) && extra.isSubset(of: Set(result.tieAtBoundary))
            && (extra.count == result.tieSpots || extra.count == result.tieAtBoundary.count)
    }

    /// Lanes for the final: qualifiers in the order given (best first) take the lane order in turn.
    public static func finalLanes(qualifiers: [Qualifier], lanes: LaneOrder) throws(PodiumError) -> [LaneAssignment] {
        guard qualifiers.count <= lanes.laneCount else { throw tooMany(qualifiers.count, lanes) }
        return zip(lanes.order, qualifiers).map { LaneAssignment(lane: $0, entryID: $1.entryID) }.sorted { $0.lane < $1.lane }
    }

    /// The event ranking below the final: everyone not in `finalists` by heat time, equal times sharing a
    /// place, places counting on from `finalists.count` (the final ranks 1…F itself); DNF, DQ, DNS follow unplaced.
    public static func nonFinalistOrder(heats: [[HeatTime]], finalists: Set<Int>, kind: MarkKind) -> [RankedPerformance] {
        let performances = heats.joined().filter { !finalists.contains($0.entryID) }.map {
            Performance(entryID: $0.entryID, status: $0.status, mark: $0.isValid ? $0.mark : nil)
        }
        return Ranking.rank(performances, kind: kind).map {
            RankedPerformance(performance: $0.performance, place: $0.place.map { $0 + finalists.count }, tied: $0.tied)
        }
    }

    private static func qualifier(_ time: HeatTime, _ reason: QualificationReason) -> Qualifier {
        Qualifier(entryID: time.entryID, heat: time.heat, mark: time.mark!, reason: reason)
    }

    private static func tooMany(_ count: Int, _ lanes: LaneOrder) -> PodiumError {
        .invalid("qualifiers", "error.heats.tooManyQualifiers", ["count": "\(count)", "lanes": "\(lanes.laneCount)"])
    }
}
