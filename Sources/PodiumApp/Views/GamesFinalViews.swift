import PodiumCore
import Vapor

/// `/admin/games/{slug}/start-lists/{eventId}/final`: one sheet per heat for the times, and the final.
struct GamesFinalContext: Encodable {
    struct Runner: Encodable {
        let entryID: Int
        let lane: Int
        let label: String
        let mark: String
        let statuses: [FieldView.Option]
        let version: String
        /// Place in the heat, and `Q`/`q` once the final is made.
        let heatPlace: String
        let qualified: String
        let error: String?
    }
    struct Heat: Encodable {
        let number: Int
        let title: String
        let runners: [Runner]
        let hasErrors: Bool
        let errors: [String]
    }
    struct Finalist: Encodable {
        let lane: Int
        let label: String
        let heat: String
        let heatTime: String
        let reason: String
    }
    struct TiedRunner: Encodable {
        let entryID: Int
        let label: String
        let heatTime: String
        let checked: Bool
    }
    let page: PageContext
    let program: ProgramView
    let eventID: Int
    let eventName: String
    let heats: [Heat]
    let hasHeats: Bool
    let canMakeFinal: Bool
    let hasFinal: Bool
    let finalists: [Finalist]
    let finalRule: String
    let finalVersion: Int
    let hasResults: Bool
    // The form that makes (or remakes) the final.
    let byPlace: String
    let byTime: String
    let lanes: String
    let laneOrder: String
    let tie: [TiedRunner]
    let tieHint: String
    let hasTie: Bool
    let finalErrors: [String]
    let hasFinalErrors: Bool
}
