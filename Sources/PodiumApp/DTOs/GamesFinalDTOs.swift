import PodiumCore
import Vapor

/// A track event's heats with their times, and its final when made.
struct HeatsDTO: Content {
    struct Runner: Content {
        let entryId: Int
        let lane: Int
        let label: String
        let status: ResultStatus?
        let mark: Int?
        /// The time as printed, a status in capitals, or empty before the heat is run.
        let display: String
        let version: Int?
    }

    struct Heat: Content {
        let number: Int
        let runners: [Runner]
    }

    struct Finalist: Content {
        let lane: Int
        let entryId: Int
        let label: String
        /// `Q` by place in the heat, `q` by time.
        let reason: String
        let heatTime: String
    }

    struct Final: Content {
        let byPlace: Int
        let byTime: Int
        let finalists: [Finalist]
        let version: Int
    }

    let eventId: Int
    let heats: [Heat]
    let final: Final?
    /// Once the event has results the final can no longer be remade or withdrawn.
    let hasResults: Bool
}

struct HeatTimesInput: Content {
    struct Row: Content {
        var entryId: Int
        var status: ResultStatus?
        var mark: String?
        var version: Int?
    }

    var times: [Row]
}

struct FinalInput: Content {
    var byPlace: Int
    var byTime: Int
    var lanes: Int?
    var laneOrder: String?
    /// Runners from a tie for the last place, as the referee picked them.
    var picks: [Int]?
    /// Settle a tie for the last place by lot instead.
    var drawLots: Bool?
    /// The final's version; 0 or absent to make the first one.
    var version: Int?
}

extension GamesFinalService.Loaded {
    var dto: HeatsDTO {
        let times = Dictionary(heats.flatMap(\.runners).map { ($0.entryID, $0.time) }, uniquingKeysWith: { a, _ in a })
        return HeatsDTO(
            eventId: event.id!,
            heats: heats.map { heat in
                HeatsDTO.Heat(number: heat.number, runners: heat.runners.map { runner in
                    HeatsDTO.Runner(entryId: runner.entryID, lane: runner.lane, label: runner.label,
                                    status: runner.time.flatMap { ResultStatus(rawValue: $0.status) }, mark: runner.time?.mark,
                                    display: runner.time.map(Self.display) ?? "", version: runner.time?.version)
                })
            },
            final: final.map { final in
                HeatsDTO.Final(byPlace: final.byPlace, byTime: final.byTime, finalists: lanes.map { lane in
                    HeatsDTO.Finalist(lane: lane.lane, entryId: lane.$entry.id, label: label(lane.$entry.id), reason: lane.reason,
                                      heatTime: times[lane.$entry.id]??.mark.map { MarkFormat.format($0, as: .time) } ?? "")
                }, version: final.version)
            },
            hasResults: hasFinalResults)
    }

    static func display(_ time: GamesHeatTimeModel) -> String {
        time.mark.map { MarkFormat.format($0, as: .time) } ?? time.status.uppercased()
    }
}
