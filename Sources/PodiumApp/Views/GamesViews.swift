import PodiumCore
import Vapor

struct GamesResultsContext: Encodable {
    struct Line: Encodable {
        let place: String
        let names: String
        let team: String
        let mark: String
        let points: String
        let award: Bool
        let provisional: Bool
        /// Placed by the heat time, not in the final.
        let fromHeat: Bool
    }
    struct Event: Encodable {
        let id: Int
        let name: String
        let category: String
        let lines: [Line]
        let hasLines: Bool
    }
    let page: PageContext
    let program: ProgramView
    let events: [Event]
    let hasEvents: Bool
}

struct GamesStandingsContext: Encodable {
    struct Row: Encodable {
        let rank: String
        let team: String
        let points: String
        let firsts: Int
        let seconds: Int
        let thirds: Int
        let prize: String?
    }
    let page: PageContext
    let program: ProgramView
    let rows: [Row]
    let hasRows: Bool
}

struct GamesAwardsContext: Encodable {
    struct Event: Encodable {
        let name: String
        let kind: String
        let awardees: [String]
        let hasAwardees: Bool
    }
    let page: PageContext
    let program: ProgramView
    let summary: String
    let prizes: [String]
    let medals: [AwardsDTO.Medals]
    let hasMedals: Bool
    let events: [Event]
}
