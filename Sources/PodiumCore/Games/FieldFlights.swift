import Foundation

/// Flights and the order of attempts in field events (long jump, shot put).
public enum FieldFlights {
    /// Flights of at most `flightSize`, sizes differing by at most one (13 by 6 → 5, 4, 4; larger ones first).
    /// The best seeds compete in the last flight and, within each flight, the weakest first and the best
    /// last, as is the custom; unseeded entries open the first flight. Equal and missing marks are drawn
    /// with `rng`. Returns entry ids in order of competition, flight by flight.
    public static func make(entries: [SeedEntry], flightSize: Int, kind: MarkKind,
                            rng: inout some RandomNumberGenerator) throws(PodiumError) -> [[Int]] {
        guard flightSize >= 1 else { throw .invalid("flightSize", "error.flights.size", ["size": "\(flightSize)"]) }
        let weakestFirst = HeatSeeding.seedOrder(entries, kind: kind, rng: &rng).reversed().map(\.entryID)
        let count = (weakestFirst.count + flightSize - 1) / flightSize
        var flights: [[Int]] = [], start = 0
        for index in 0..<count {
            let size = weakestFirst.count / count + (index < weakestFirst.count % count ? 1 : 0)
            flights.append(Array(weakestFirst[start..<start + size]))
            start += size
        }
        return flights
    }

    /// The order for rounds 4–6. `order` is the order of rounds 1–3 (flights one after another) and
    /// `bestMarks` the best valid attempt of each entry so far (absent: no valid attempt). The best
    /// `finalists` with a valid mark go on, all of them when tied for the last place, in reverse order of
    /// standing (the leader last); tied entries keep their order from `order`. With `finalists` entries or
    /// fewer everyone goes on, those without a valid mark first, in their original order.
    public static func attemptOrder(order: [Int], bestMarks: [Int: Int], finalists: Int = 8,
                                    kind: MarkKind = .distance) throws(PodiumError) -> [Int] {
        guard finalists >= 1 else { throw .invalid("finalists", "error.flights.finalists", ["finalists": "\(finalists)"]) }
        let better: (Int, Int) -> Bool = { kind.lowerIsBetter ? $0 < $1 : $0 > $1 }
        let valid = order.enumerated().compactMap { index, id in bestMarks[id].map { (index: index, id: id, mark: $0) } }
        let standing = valid.sorted { $0.mark != $1.mark ? better($0.mark, $1.mark) : $0.index < $1.index }
        var cut = min(finalists, standing.count)
        if order.count <= finalists {
            cut = standing.count
        } else {
            while cut > 0, cut < standing.count, standing[cut].mark == standing[cut - 1].mark { cut += 1 }
        }
        let reversed = standing.prefix(cut).sorted { $0.mark != $1.mark ? better($1.mark, $0.mark) : $0.index < $1.index }
        let withoutMark = order.count <= finalists ? order.filter { bestMarks[$0] == nil } : []
        return withoutMark + reversed.map(\.id)
    }
}
