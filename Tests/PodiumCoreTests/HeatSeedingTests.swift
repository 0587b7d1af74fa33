import Foundation
import Testing
@testable import PodiumCore

@Suite("Lane orders, heats and qualification for the final")
struct HeatSeedingTests {
    /// A tiny seeded generator so draws are reproducible.
    func issues(_ body: () throws -> Void) -> [FieldIssue] {
        do { try body() } catch { if case .validation(let issues)? = error as? PodiumError { return issues } }
        return []
    }

    /// Entry `id` has the `id`-th best time.
    func seeded(_ count: Int) -> [SeedEntry] { (1...count).map { SeedEntry(entryID: $0, mark: 10_000 + $0 * 10) } }

    func heats(_ entries: [SeedEntry], lanes: Int = 8, kind: MarkKind = .time, seed: UInt64 = 7) throws -> [Heat] {
        var rng = SeededGenerator(seed: seed)
        return HeatSeeding.seed(entries: entries, lanes: try LaneOrder.standard(lanes: lanes), kind: kind, rng: &rng)
    }

    func members(_ heat: Heat) -> Set<Int> { Set(heat.lanes.map(\.entryID)) }
    func lane(of id: Int, in heat: Heat) -> Int? { heat.lanes.first { $0.entryID == id }?.lane }

    // MARK: Lane orders

    @Test func standardOrdersStartInTheMiddleAndAlternateOutwardInnerFirst() throws {
        #expect(try LaneOrder.standard(lanes: 8).order == [4, 5, 3, 6, 2, 7, 1, 8])
        #expect(try LaneOrder.standard(lanes: 6).order == [3, 4, 2, 5, 1, 6])
        #expect(try LaneOrder.standard(lanes: 7).order == [4, 3, 5, 2, 6, 1, 7])
        #expect(try LaneOrder.standard(lanes: 4).order == [2, 3, 1, 4])
        #expect(try LaneOrder.standard(lanes: 10).order == [5, 6, 4, 7, 3, 8, 2, 9, 1, 10])
        #expect(try LaneOrder.standard(lanes: 8).text == "4 5 3 6 2 7 1 8")
        #expect(issues { _ = try LaneOrder.standard(lanes: 3) } == [FieldIssue("lanes", "error.lanes.count", ["lanes": "3", "min": "4", "max": "10"])])
        #expect(issues { _ = try LaneOrder.standard(lanes: 11) }.map(\.message.key) == ["error.lanes.count"])
    }

    @Test func savedOrdersAreReadWithSpacesCommasAndChineseSeparators() throws {
        let eight = try LaneOrder.standard(lanes: 8)
        #expect(try LaneOrder.parse("4 5 3 6 2 7 1 8", lanes: 8) == eight)
        #expect(try LaneOrder.parse(" 4,5,3,6, 2,7,1,8 ", lanes: 8) == eight)
        #expect(try LaneOrder.parse(eight.text, lanes: 8) == eight)
        #expect(try LaneOrder.parse("3，4、2, 5  1\t6", lanes: 6).order == [3, 4, 2, 5, 1, 6])
        #expect(try LaneOrder.parse("３　４　２　５　１　６", lanes: 6).order == [3, 4, 2, 5, 1, 6])
        #expect(try LaneOrder.parse("1 2 3 4 5 6", lanes: 6).text == "1 2 3 4 5 6")
    }

    @Test func badOrdersNameEveryMissingRepeatedOrStrayLane() {
        #expect(issues { _ = try LaneOrder.parse("4 5 3 6 2 7", lanes: 8) }
            == [FieldIssue("laneOrder", "error.lanes.missing", ["lanes": "1, 8"])])
        #expect(issues { _ = try LaneOrder.parse("4 5 3 6 2 7 1 4 4", lanes: 8) }
            == [FieldIssue("laneOrder", "error.lanes.repeated", ["lane": "4"]), FieldIssue("laneOrder", "error.lanes.missing", ["lanes": "8"])])
        #expect(issues { _ = try LaneOrder.parse("4 5 3 6 2 7 1 9", lanes: 8) }
            == [FieldIssue("laneOrder", "error.lanes.outOfRange", ["lane": "9", "lanes": "8"]), FieldIssue("laneOrder", "error.lanes.missing", ["lanes": "8"])])
        #expect(issues { _ = try LaneOrder.parse("3 4 2 5 1 6 0", lanes: 6) }
            == [FieldIssue("laneOrder", "error.lanes.outOfRange", ["lane": "0", "lanes": "6"])])
        #expect(issues { _ = try LaneOrder.parse("3 4 x 5 1 6 2", lanes: 6) } == [FieldIssue("laneOrder", "error.lanes.invalid", ["value": "x"])])
        #expect(issues { _ = try LaneOrder.parse("", lanes: 4) } == [FieldIssue("laneOrder", "error.lanes.missing", ["lanes": "1, 2, 3, 4"])])
        #expect(issues { _ = try LaneOrder.parse("1 2 3", lanes: 3) }.map(\.message.key) == ["error.lanes.count"])
        #expect(issues { _ = try LaneOrder([2, 2, 1, 3]) }
            == [FieldIssue("laneOrder", "error.lanes.repeated", ["lane": "2"]), FieldIssue("laneOrder", "error.lanes.missing", ["lanes": "4"])])
    }

    @Test func laneOrdersSurviveJSONAndRefuseABrokenOne() throws {
        let order = try LaneOrder.parse("3 4 2 5 1 6", lanes: 6)
        let data = try JSONEncoder().encode(order)
        #expect(try JSONDecoder().decode(LaneOrder.self, from: data) == order)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LaneOrder.self, from: Data(#"{"order":[1,1,2,3]}"#.utf8)) }
    }

    // MARK: Heats

    @Test func everyoneFitsInOneHeatWithTheBestSeedInTheBestLane() throws {
        let five = try heats(seeded(5))
        #expect(five == [Heat(number: 1, lanes: [
            LaneAssignment(lane: 2, entryID: 5), LaneAssignment(lane: 3, entryID: 3), LaneAssignment(lane: 4, entryID: 1),
            LaneAssignment(lane: 5, entryID: 2), LaneAssignment(lane: 6, entryID: 4),
        ])])
        let eight = try heats(seeded(8))
        #expect(eight.count == 1)
        #expect(eight[0].lanes.map(\.entryID) == [7, 5, 3, 1, 2, 4, 6, 8])
        #expect(try heats([]).isEmpty)
    }

    @Test func heatSizesAreEvenAndSeedsAreDealtSerpentine() throws {
        let nine = try heats(seeded(9))
        #expect(nine.map(\.number) == [1, 2])
        #expect(nine.map(members) == [[1, 4, 5, 8, 9], [2, 3, 6, 7]])

        let ten = try heats(seeded(10))
        #expect(ten.map(\.lanes.count) == [5, 5])
        #expect(ten.map(members) == [[1, 4, 5, 8, 9], [2, 3, 6, 7, 10]])
        #expect(ten[1].lanes.map(\.lane) == [2, 3, 4, 5, 6])

        let seventeen = try heats(seeded(17))
        #expect(seventeen.map(members) == [[1, 6, 7, 12, 13], [2, 5, 8, 11, 14, 17], [3, 4, 9, 10, 15, 16]])
        #expect(seventeen[0].lanes == [
            LaneAssignment(lane: 2, entryID: 13), LaneAssignment(lane: 3, entryID: 7), LaneAssignment(lane: 4, entryID: 1),
            LaneAssignment(lane: 5, entryID: 6), LaneAssignment(lane: 6, entryID: 12),
        ])

        let twentyFour = try heats(seeded(24))
        #expect(twentyFour.map(\.lanes.count) == [8, 8, 8])
        #expect(twentyFour.map(members) == [[1, 6, 7, 12, 13, 18, 19, 24], [2, 5, 8, 11, 14, 17, 20, 23], [3, 4, 9, 10, 15, 16, 21, 22]])
        #expect(twentyFour[2].lanes.map(\.entryID) == [21, 15, 9, 3, 4, 10, 16, 22])

        for (heatsOf, bestSeeds) in [(nine, [1, 2]), (ten, [1, 2]), (seventeen, [1, 2, 3]), (twentyFour, [1, 2, 3])] {
            #expect(zip(heatsOf, bestSeeds).allSatisfy { lane(of: $1, in: $0) == 4 })
        }
    }

    @Test func higherDistancesSeedFirstAndAShortTrackUsesItsOwnOrder() throws {
        let entries = (1...7).map { SeedEntry(entryID: $0, mark: 8_000 - $0 * 100) }
        let sixLanes = try heats(entries, lanes: 6, kind: .distance)
        #expect(sixLanes.map(members) == [[1, 4, 5], [2, 3, 6, 7]])
        #expect(sixLanes[0].lanes == [LaneAssignment(lane: 2, entryID: 5), LaneAssignment(lane: 3, entryID: 1), LaneAssignment(lane: 4, entryID: 4)])
        #expect(sixLanes[1].lanes == [LaneAssignment(lane: 2, entryID: 6), LaneAssignment(lane: 3, entryID: 2),
                                      LaneAssignment(lane: 4, entryID: 3), LaneAssignment(lane: 5, entryID: 7)])
    }

    @Test func entrantsWithoutAMarkAreSeededLast() throws {
        let entries = (1...10).map { SeedEntry(entryID: $0, mark: $0 <= 8 ? 12_000 + $0 : nil) }.reversed()
        let result = try heats(Array(entries))
        #expect(result.map(members) == [[1, 4, 5, 8, lane2(result[0])], [2, 3, 6, 7, lane2(result[1])]])
        #expect(Set([lane2(result[0]), lane2(result[1])]) == [9, 10])
        #expect(lane(of: 1, in: result[0]) == 4 && lane(of: 2, in: result[1]) == 4)
    }

    func lane2(_ heat: Heat) -> Int { heat.lanes.first { $0.lane == 2 }!.entryID }

    @Test func equalMarksAreDrawnButTheSameGeneratorGivesTheSameHeats() throws {
        let equal = (1...8).map { SeedEntry(entryID: $0, mark: 12_000) }
        let first = try heats(equal, seed: 42)
        #expect(try heats(equal, seed: 42) == first)
        #expect(try heats(equal.reversed(), seed: 42) == first)
        let inLaneFour = try Set((1...20).map { try lane4(heats(equal, seed: UInt64($0))[0]) })
        #expect(inLaneFour.count > 1)

        // A draw only among equals: 2 and 3 share the best time, 1 and 4 keep their places.
        let mixed = [SeedEntry(entryID: 1, mark: 12_000), SeedEntry(entryID: 2, mark: 11_000),
                     SeedEntry(entryID: 3, mark: 11_000), SeedEntry(entryID: 4, mark: 13_000)]
        var leaders = Set<Int>()
        for seed in 1...20 {
            let heat = try heats(mixed, seed: UInt64(seed))[0]
            #expect(Set([lane4(heat), lane(of: 2, in: heat) == 4 ? 3 : 2]) == [2, 3])
            #expect(lane(of: 1, in: heat) == 3 && lane(of: 4, in: heat) == 6)
            leaders.insert(lane4(heat))
        }
        #expect(leaders == [2, 3])
    }

    func lane4(_ heat: Heat) -> Int { heat.lanes.first { $0.lane == 4 }!.entryID }

    // MARK: Qualification

    func ok(_ id: Int, _ heat: Int, _ mark: Int) -> HeatTime { HeatTime(entryID: id, heat: heat, status: .ok, mark: mark) }

    func threeHeats(entry14: Int = 12_900, entry23: Int = 12_400) -> [[HeatTime]] {
        [
            [ok(11, 1, 12_000), ok(12, 1, 12_300), ok(13, 1, 12_500), ok(14, 1, entry14), HeatTime(entryID: 15, heat: 1, status: .dnf, mark: nil)],
            [ok(21, 2, 12_100), ok(22, 2, 12_200), ok(23, 2, entry23), HeatTime(entryID: 24, heat: 2, status: .dq, mark: nil),
             HeatTime(entryID: 25, heat: 2, status: .dns, mark: nil)],
            [HeatTime(entryID: 31, heat: 3, status: .dq, mark: 11_900), ok(32, 3, 12_600), ok(33, 3, 12_700), ok(34, 3, 12_450)],
        ]
    }

    @Test func theFirstOfEachHeatAndTheFastestOthersReachTheFinal() throws {
        let result = HeatQualification.qualify(heats: threeHeats(), byPlace: 2, byTime: 2, kind: .time)
        #expect(result.qualifiers.map(\.entryID) == [11, 21, 22, 12, 34, 32, 23, 13])
        #expect(result.qualifiers.map(\.reason.rawValue).joined() == "QQQQQQqq")
        #expect(result.qualifiers[4] == Qualifier(entryID: 34, heat: 3, mark: 12_450, reason: .place))
        #expect(result.tieAtBoundary.isEmpty && result.tieSpots == 0)

        let lanes = try HeatQualification.finalLanes(qualifiers: result.qualifiers, lanes: LaneOrder.standard(lanes: 8))
        #expect(lanes.map(\.lane) == Array(1...8))
        #expect(lanes.map(\.entryID) == [23, 34, 22, 11, 21, 12, 32, 13])

        let seven = try HeatQualification.finalLanes(qualifiers: Array(result.qualifiers.prefix(7)), lanes: LaneOrder.standard(lanes: 8))
        #expect(seven.map(\.lane) == Array(1...7))
    }

    @Test func aTieForTheLastTimePlaceGoesToTheReferee() {
        let tie = HeatQualification.qualify(heats: threeHeats(entry14: 12_500), byPlace: 2, byTime: 2, kind: .time)
        #expect(tie.qualifiers.map(\.entryID) == [11, 21, 22, 12, 34, 32, 23])
        #expect(tie.tieAtBoundary == [13, 14])
        #expect(tie.tieSpots == 1)

        let threeWay = HeatQualification.qualify(heats: threeHeats(entry14: 12_500, entry23: 12_500), byPlace: 2, byTime: 2, kind: .time)
        #expect(threeWay.qualifiers.count == 6)
        #expect(threeWay.tieAtBoundary == [13, 14, 23])
        #expect(threeWay.tieSpots == 2)

        // Equal times that all fit are no tie to decide.
        let fits = HeatQualification.qualify(heats: threeHeats(entry23: 12_500), byPlace: 2, byTime: 2, kind: .time)
        #expect(fits.qualifiers.suffix(2).map(\.entryID) == [13, 23])
        #expect(fits.tieAtBoundary.isEmpty && fits.tieSpots == 0)
    }

    @Test func equalTimesAtAHeatsLastQPlaceAllQualifyAndCostATimePlace() {
        var heats = threeHeats()
        heats[0][2] = ok(13, 1, 12_300)
        let result = HeatQualification.qualify(heats: heats, byPlace: 2, byTime: 2, kind: .time)
        #expect(result.qualifiers.filter { $0.reason == .place }.map(\.entryID) == [11, 21, 22, 12, 13, 34, 32])
        #expect(result.qualifiers.filter { $0.reason == .time }.map(\.entryID) == [23])
    }

    @Test func statusesNeverQualifyAndAnEmptyPlaceIsNotPassedOn() {
        let heats = [[ok(1, 1, 12_000), HeatTime(entryID: 2, heat: 1, status: .dnf, mark: nil), HeatTime(entryID: 3, heat: 1, status: .dq, mark: 11_000)],
                     [ok(4, 2, 12_500), ok(5, 2, 12_600), ok(6, 2, 12_700), ok(7, 2, 12_800)]]
        let result = HeatQualification.qualify(heats: heats, byPlace: 2, byTime: 1, kind: .time)
        #expect(result.qualifiers.map(\.entryID) == [1, 4, 5, 6])
        #expect(result.qualifiers.map(\.reason) == [.place, .place, .place, .time])
        #expect(HeatQualification.qualify(heats: [], byPlace: 2, byTime: 2, kind: .time).qualifiers.isEmpty)
    }

    @Test func aFinalMustFitTheTrack() throws {
        let eight = try LaneOrder.standard(lanes: 8)
        #expect(issues { try HeatQualification.checkPlan(heatCount: 3, byPlace: 2, byTime: 2, lanes: eight) }.isEmpty)
        #expect(issues { try HeatQualification.checkPlan(heatCount: 3, byPlace: 3, byTime: 0, lanes: eight) }
            == [FieldIssue("qualifiers", "error.heats.tooManyQualifiers", ["count": "9", "lanes": "8"])])
        #expect(issues { try HeatQualification.checkPlan(heatCount: 2, byPlace: 0, byTime: 0, lanes: eight) }
            == [FieldIssue("byPlace", "error.heats.rule", ["byPlace": "0", "byTime": "0"])])
        #expect(issues { try HeatQualification.checkPlan(heatCount: 2, byPlace: -1, byTime: 4, lanes: eight) }.map(\.message.key) == ["error.heats.rule"])
        let nine = (1...9).map { Qualifier(entryID: $0, heat: 1, mark: 12_000 + $0, reason: .time) }
        #expect(issues { _ = try HeatQualification.finalLanes(qualifiers: nine, lanes: eight) }
            == [FieldIssue("qualifiers", "error.heats.tooManyQualifiers", ["count": "9", "lanes": "8"])])
    }

    @Test func nonFinalistsRankAfterTheFinalByHeatTime() {
        let finalists: Set<Int> = [11, 21, 22, 12, 34, 32, 23, 13]
        let order = HeatQualification.nonFinalistOrder(heats: threeHeats(), finalists: finalists, kind: .time)
        #expect(order.map(\.performance.entryID) == [33, 14, 15, 24, 31, 25])
        #expect(order.map(\.place) == [9, 10, nil, nil, nil, nil])
        #expect(order[4].performance.mark == nil)

        var heats = threeHeats()
        heats[0][3] = ok(14, 1, 12_700)
        let shared = HeatQualification.nonFinalistOrder(heats: heats, finalists: finalists, kind: .time)
        #expect(shared.prefix(2).map(\.place) == [9, 9])
        #expect(shared.prefix(2).map(\.tied) == [true, true])
    }

    @Test func aBoundaryTieIsSettledByPicksOrByLettingAllThrough() throws {
        let label: (Int) -> String = { "#\($0)" }
        let tie = HeatQualification.qualify(heats: threeHeats(entry14: 12_500), byPlace: 2, byTime: 2, kind: .time)
        let picked = try HeatQualification.finalists(tie, picks: [14], laneCount: 8, label: label)
        #expect(picked.map(\.entryID) == [11, 21, 22, 12, 34, 32, 23, 14])
        #expect(picked.last == Qualifier(entryID: 14, heat: 1, mark: 12_500, reason: .time))
        // Nine lanes take both tied runners; eight do not.
        #expect(try HeatQualification.finalists(tie, picks: [13, 14], laneCount: 9, label: label).count == 9)
        #expect(issues { _ = try HeatQualification.finalists(tie, picks: [13, 14], laneCount: 8, label: label) }
            == [FieldIssue("picks", "error.final.pickCount", ["spots": "1", "count": "2", "tied": "#13, #14"])])
        #expect(issues { _ = try HeatQualification.finalists(tie, picks: [], laneCount: 9, label: label) }
            == [FieldIssue("picks", "error.final.pickCountOrAll", ["spots": "1", "count": "2", "tied": "#13, #14"])])
        #expect(issues { _ = try HeatQualification.finalists(tie, picks: [14, 14], laneCount: 8, label: label) }.map(\.message.key) == ["error.final.pickCount"])
        #expect(issues { _ = try HeatQualification.finalists(tie, picks: [33], laneCount: 8, label: label) }
            == [FieldIssue("picks", "error.final.pickNotTied", ["runner": "#33", "tied": "#13, #14"])])

        let clear = HeatQualification.qualify(heats: threeHeats(), byPlace: 2, byTime: 2, kind: .time)
        #expect(try HeatQualification.finalists(clear, picks: [], laneCount: 8, label: label) == clear.qualifiers)
        #expect(issues { _ = try HeatQualification.finalists(clear, picks: [13], laneCount: 8, label: label) }.map(\.message.key) == ["error.final.noTie"])
    }

    @Test func aCorrectedHeatTimeKeepsTheFinalOnlyWhenTheSameRunnersQualify() throws {
        let clear = HeatQualification.qualify(heats: threeHeats(), byPlace: 2, byTime: 2, kind: .time)
        let final = Set(clear.qualifiers.map(\.entryID))
        #expect(HeatQualification.finalStands(final, clear))
        // A non-finalist's typo fixed: same final.
        #expect(HeatQualification.finalStands(final, HeatQualification.qualify(heats: threeHeats(entry14: 13_100), byPlace: 2, byTime: 2, kind: .time)))
        // 14 now beats 13 for the last q place: the final would change.
        let overtaken = HeatQualification.qualify(heats: threeHeats(entry14: 12_480), byPlace: 2, byTime: 2, kind: .time)
        #expect(!HeatQualification.finalStands(final, overtaken))
        // Now 13 and 14 tie: the final made with 13 still follows, as one pick of the tie.
        let tie = HeatQualification.qualify(heats: threeHeats(entry14: 12_500), byPlace: 2, byTime: 2, kind: .time)
        #expect(HeatQualification.finalStands(final, tie))
        #expect(HeatQualification.finalStands(final.union([14]), tie))
        // Without either tied runner the final is a runner short.
        #expect(!HeatQualification.finalStands(final.subtracting([13]), tie))
    }

    @Test func theUsualRuleFillsEightLanes() {
        #expect(HeatQualification.usualRule(heats: 2, lanes: 8) == (3, 2))
        #expect(HeatQualification.usualRule(heats: 3, lanes: 8) == (2, 2))
        #expect(HeatQualification.usualRule(heats: 4, lanes: 8) == (1, 4))
        #expect(HeatQualification.usualRule(heats: 5, lanes: 8) == (1, 3))
        #expect(HeatQualification.usualRule(heats: 9, lanes: 8) == (1, 0))
        #expect(HeatQualification.usualRule(heats: 0, lanes: 8) == (2, 2))
    }
}
