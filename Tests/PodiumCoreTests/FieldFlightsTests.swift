import Testing
@testable import PodiumCore

@Suite("Field event flights and order of attempts")
struct FieldFlightsTests {
    func flights(_ entries: [SeedEntry], size: Int, seed: UInt64 = 3) throws(PodiumError) -> [[Int]] {
        var rng = SeededGenerator(seed: seed)
        return try FieldFlights.make(entries: entries, flightSize: size, kind: .distance, rng: &rng)
    }

    /// Entry `id` has the `id`-th best distance.
    func seeded(_ count: Int) -> [SeedEntry] { (1...count).map { SeedEntry(entryID: $0, mark: 7_000 - $0 * 100) } }

    @Test func flightsAreEvenTheBestCompeteLastAndWeakestFirst() throws {
        #expect(try flights(seeded(13), size: 6) == [[13, 12, 11, 10, 9], [8, 7, 6, 5], [4, 3, 2, 1]])
        #expect(try flights(seeded(12), size: 6) == [[12, 11, 10, 9, 8, 7], [6, 5, 4, 3, 2, 1]])
        #expect(try flights(seeded(7), size: 6).map(\.count) == [4, 3])
        #expect(try flights(seeded(5), size: 8) == [[5, 4, 3, 2, 1]])
        #expect(try flights([], size: 6).isEmpty)
        let times = (1...4).map { SeedEntry(entryID: $0, mark: 9_000 + $0) }
        var rng = SeededGenerator(seed: 1)
        #expect(try FieldFlights.make(entries: times, flightSize: 2, kind: .time, rng: &rng) == [[4, 3], [2, 1]])
    }

    @Test func entrantsWithoutAMarkOpenTheFirstFlight() throws {
        let entries = (1...13).map { SeedEntry(entryID: $0, mark: $0 <= 10 ? 7_000 - $0 * 100 : nil) }
        let result = try flights(entries, size: 6)
        #expect(Set(result[0].prefix(3)) == [11, 12, 13])
        #expect(result[0].suffix(2) == [10, 9])
        #expect(result[2] == [4, 3, 2, 1])
    }

    @Test func equalMarksAreDrawnReproducibly() throws {
        let entries = (1...6).map { SeedEntry(entryID: $0, mark: 5_000) }
        let first = try flights(entries, size: 6, seed: 9)
        #expect(try flights(entries.reversed(), size: 6, seed: 9) == first)
        let lastToJump = try Set((1...20).map { try flights(entries, size: 6, seed: UInt64($0))[0].last! })
        #expect(lastToJump.count > 1)
    }

    @Test func aFlightSizeBelowOneIsRefused() {
        #expect(throws: PodiumError.invalid("flightSize", "error.flights.size", ["size": "0"])) { try flights(seeded(3), size: 0) }
        #expect(throws: PodiumError.invalid("finalists", "error.flights.finalists", ["finalists": "0"])) {
            try FieldFlights.attemptOrder(order: [1, 2], bestMarks: [:], finalists: 0)
        }
    }

    @Test func theBestEightJumpAgainInReverseOrderWithTiesInTheirOriginalOrder() throws {
        let order = Array(101...112)
        var marks: [Int: Int] = [101: 6_000, 102: 6_500, 104: 5_800, 105: 6_200, 106: 6_200, 107: 7_000,
                                 108: 5_000, 109: 5_500, 110: 6_100, 111: 4_000, 112: 5_900]
        #expect(try FieldFlights.attemptOrder(order: order, bestMarks: marks) == [104, 112, 101, 110, 105, 106, 102, 107])

        // Tied for eighth: both go on.
        marks[109] = 5_800
        #expect(try FieldFlights.attemptOrder(order: order, bestMarks: marks) == [104, 109, 112, 101, 110, 105, 106, 102, 107])

        // Ties keep the given order, whichever entry was first.
        #expect(try FieldFlights.attemptOrder(order: order.reversed(), bestMarks: marks).prefix(2) == [109, 104])
    }

    @Test func aSmallFieldKeepsEveryoneWithTheMarklessFirst() throws {
        let marks = [1: 5_000, 3: 5_500, 5: 5_000]
        #expect(try FieldFlights.attemptOrder(order: [1, 2, 3, 4, 5], bestMarks: marks) == [2, 4, 1, 5, 3])
        #expect(try FieldFlights.attemptOrder(order: [1, 2, 3, 4, 5], bestMarks: [1: 5_000, 2: 6_000, 3: 5_500, 5: 4_000], finalists: 3) == [1, 3, 2])
        #expect(try FieldFlights.attemptOrder(order: [1, 2, 3, 4], bestMarks: [:], finalists: 3).isEmpty)
        #expect(try FieldFlights.attemptOrder(order: [], bestMarks: [:]).isEmpty)
    }
}
