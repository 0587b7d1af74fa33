import Fluent
import Foundation

/// A head-to-head event's draw: how it is played and scored, the entries in seed order, the groups.
final class GamesDrawModel: Model, @unchecked Sendable {
    static let schema = "games_draws"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "event_id") var event: GamesEventModel
    /// `single_elimination`, `round_robin` or `groups_knockout`.
    @Field(key: "structure") var structure: String
    /// `points` or `games`.
    @Field(key: "scoring") var scoring: String
    @Field(key: "best_of") var bestOf: Int
    @Field(key: "game_points") var gamePoints: Int
    @OptionalField(key: "game_cap") var gameCap: Int?
    @Field(key: "allow_draw") var allowDraw: Bool
    @Field(key: "third_place") var thirdPlace: Bool
    @Field(key: "group_count") var groupCount: Int
    @Field(key: "qualifiers_per_group") var qualifiersPerGroup: Int
    @Field(key: "win_points") var winPoints: Int
    @Field(key: "draw_points") var drawPoints: Int
    @Field(key: "loss_points") var lossPoints: Int
    /// Tie-break names in order, comma-separated.
    @Field(key: "tie_breaks") var tieBreaks: String
    /// Entry ids in seed order, comma-separated.
    @Field(key: "seeds") var seeds: String
    /// Entry ids per group, groups separated by `|`; empty for a plain knockout or round robin.
    @Field(key: "groups") var groups: String
    /// Decisions on group ties left open by every tie-break (drawing of lots, referee), as a JSON array of
    /// `GroupTieDecision`; nil or empty for none. Kept while they no longer fit the table, which then ignores them.
    @OptionalField(key: "group_ties") var groupTies: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// One match's result. The sides are stored as they were when it was entered, for the record; the draw
/// decides who plays, and a result whose sides no longer match the draw is refused on the way in.
final class GamesMatchResultModel: Model, @unchecked Sendable {
    static let schema = "games_match_results"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "event_id") var event: GamesEventModel
    /// `knockout` or `group` (a plain round robin is group 1).
    @Field(key: "stage") var stage: String
    @Field(key: "group_number") var groupNumber: Int
    @Field(key: "number") var number: Int
    @Field(key: "home_entry_id") var homeEntryID: Int
    @Field(key: "away_entry_id") var awayEntryID: Int
    /// Games or totals as `11-7 9-11 11-5`.
    @Field(key: "score") var score: String
    @Field(key: "ending") var ending: String
    /// `home`, `away`, or nil for a draw.
    @OptionalField(key: "winner") var winner: String?
    @Field(key: "official") var official: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
