import Foundation
import PodiumCore
import Vapor

/// One segment of the opening ceremony as the pages show it, with a march-in's formations and when each passes the stand.
struct RunOfShowRow: Encodable {
    struct Formation: Encodable {
        let name: String
        let at: String
    }
    let id: Int
    let time: String
    let kind: String
    let kindCode: String
    let title: String
    let performer: String?
    /// "5 min".
    let length: String
    let formations: [Formation]
    let hasFormations: Bool
}

/// `/admin/games/{slug}/opening-ceremony`: the running sheet with its editing tools.
struct OpeningCeremonyContext: Encodable {
    struct Segment: Encodable {
        let row: RunOfShowRow
        let version: Int
        let isFirst: Bool
        let isLast: Bool
        let isMarchIn: Bool
        let error: String?
        let fromTeams: FromTeams?
    }
    /// The march-in helper: the flags' names and each team's place in the order.
    struct FromTeams: Encodable {
        struct Team: Encodable {
            let id: Int
            let name: String
            let order: String
        }
        let action: String
        let prefix: String
        let nationalFlag: String
        let groupFlag: String
        let teams: [Team]
        let hasTeams: Bool
        let errors: [String]
        let open: Bool
    }

    let page: PageContext
    let program: ProgramView
    let back: String
    let isOrganizer: Bool
    let publicLink: String
    let staffLink: String
    let startsAt: String
    let endsAt: String
    let segments: [Segment]
    let errors: [String]
    let start: FormsBlock?
    let addSegment: FormsBlock?
}

/// `/p/{slug}/opening-ceremony`: the public running order.
struct PublicRunOfShowContext: Encodable {
    let page: PageContext
    let program: ProgramView
    let startsAt: String
    let endsAt: String
    let segments: [RunOfShowRow]
    let hasSegments: Bool
}

extension Request {
    func runOfShowRow(_ segment: RunOfShowSegmentDTO) -> RunOfShowRow {
        let formations = segment.cues.map { RunOfShowRow.Formation(name: $0.formation, at: $0.at) }
        return RunOfShowRow(id: segment.id, time: "\(segment.startsAt)–\(segment.endsAt)",
                            kind: t(segment.kind.localizationKey), kindCode: segment.kind.rawValue, title: segment.title, performer: segment.performer,
                            length: t("runOfShow.minutes", ["minutes": "\(segment.minutes)"]), formations: formations, hasFormations: !formations.isEmpty)
    }
}
