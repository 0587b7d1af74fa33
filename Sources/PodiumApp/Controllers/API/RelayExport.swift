import Foundation
import PodiumCore

/// The relay results as a spreadsheet: one row per team, then its legs side by side.
enum RelayExport {
    static func resultsCSV(_ snapshot: RelayTimingService.Snapshot, words: Words) -> String {
        let legs = snapshot.course.legs
        var header = [words.t("relay.csv.place"), words.t("relay.csv.bib"), words.t("relay.csv.team"), words.t("relay.csv.class"),
                      words.t("relay.csv.status"), words.t("relay.csv.total"), words.t("relay.csv.gap")]
        for leg in legs {
            header += [words.t("relay.csv.legRunner", ["leg": "\(leg.order)"]), words.t("relay.csv.legTime", ["leg": "\(leg.order)"]),
                       words.t("relay.csv.legRank", ["leg": "\(leg.order)"]), words.t("relay.csv.legPosition", ["leg": "\(leg.order)"])]
        }
        var csv = CSVWriter(header: header)
        for result in snapshot.board.teams {
            let team = snapshot.teams.first { $0.id == result.team.id }
            var row: [String] = [result.place.map(String.init) ?? "", result.team.bib, result.team.name,
                       team.map { words.t("relay.class.\($0.teamClass)") } ?? "", words.progress(result, reason: team?.statusReason, separator: ": "),
                       result.total.map(RelayClock.duration) ?? "", result.gapToWinner.map { $0 > 0 ? RelayClock.duration($0) : "" } ?? ""]
            for split in result.legs {
                let runner: String = team?.runners.first { $0.leg == split.order }?.name ?? ""
                let time: String = split.time.map(RelayClock.duration) ?? ""
                let rank: String = split.rank.map(String.init) ?? ""
                let position: String = split.position.map(String.init) ?? ""
                row += [runner, time, rank, position]
            }
            csv.append(row)
        }
        return csv.text
    }
}

/// A review item in a sentence: "Read at Exchange 2, 09:41:07: bib 99 belongs to no team."
struct RelayReviewWords {
    let message: String

    init(item: RelayReviewItem, snapshot: RelayTimingService.Snapshot, words: Words) {
        let point = snapshot.course.leg(item.point)?.exchangePoint ?? "\(item.point)"
        let team = item.teamID.flatMap { id in snapshot.teams.first { $0.id == id } }
        let args = ["point": point, "time": item.at.map { RelayClock.clock($0, timeZone: snapshot.timeZone, tenths: true) } ?? "",
                    "bib": item.bib ?? "—", "team": team?.name ?? ""]
        switch item.kind {
        case .suspectRead(_, let reason): message = words.t("relay.review.\(reason.rawValue)", args)
        case .missingRead: message = words.t("relay.review.missingRead", args)
        }
    }
}
