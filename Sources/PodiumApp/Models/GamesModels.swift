import Fluent
import Foundation

/// A unit's representative team in a games program. Its leaders are the unit's team leaders.
final class GamesTeamModel: Model, @unchecked Sendable {
    static let schema = "games_teams"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "name") var name: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class GamesEventModel: Model, @unchecked Sendable {
    static let schema = "games_events"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @OptionalField(key: "template_id") var templateID: String?
    @Field(key: "name") var name: String
    @Field(key: "category") var category: String
    @Field(key: "format") var format: String
    @Field(key: "gender") var gender: String
    @OptionalField(key: "age_min") var ageMin: Int?
    @OptionalField(key: "age_max") var ageMax: Int?
    @Field(key: "attempts") var attempts: Int
    @Field(key: "line_up_min") var lineUpMin: Int
    @Field(key: "line_up_max") var lineUpMax: Int
    @Field(key: "minimum_women") var minimumWomen: Int
    @Field(key: "parent_child") var parentChild: Bool
    @OptionalField(key: "child_age_min") var childAgeMin: Int?
    @OptionalField(key: "child_age_max") var childAgeMax: Int?
    @OptionalField(key: "team_quota") var teamQuota: Int?
    @Field(key: "counts_toward_limit") var countsTowardLimit: Bool
    @OptionalField(key: "deadline") var deadline: Date?
    @Field(key: "event_date") var eventDate: String
    @Field(key: "venue") var venue: String
    @Field(key: "award_kind") var awardKind: String
    @Field(key: "award_top_n") var awardTopN: Int
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class GamesEntryModel: Model, @unchecked Sendable {
    static let schema = "games_entries"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "event_id") var event: GamesEventModel
    @Parent(key: "team_id") var team: GamesTeamModel
    /// Comma-separated rule names an organizer overrode for this entry.
    @Field(key: "overridden_rules") var overriddenRules: String
    @OptionalField(key: "override_reason") var overrideReason: String?
    /// The entry mark heats and flights are seeded from (a best time or distance), in the event's units.
    @OptionalField(key: "seed_mark") var seedMark: Int?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class GamesEntryMemberModel: Model, @unchecked Sendable {
    static let schema = "games_entry_members"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "entry_id") var entry: GamesEntryModel
    @Parent(key: "person_id") var person: PersonModel
    @Field(key: "position") var position: Int

    init() {}
}

/// An entry's result: provisional until an official confirms it. Corrections are audited with before and after.
final class GamesResultModel: Model, @unchecked Sendable {
    static let schema = "games_results"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "entry_id") var entry: GamesEntryModel
    @Field(key: "status") var status: String
    @OptionalField(key: "mark") var mark: Int?
    /// Valid attempts as comma-separated marks; failed attempts are not stored.
    @OptionalField(key: "attempts") var attempts: String?
    @Field(key: "official") var official: Bool
    @Field(key: "version") var version: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A games program's scoring: points tables per kind of event, tied places, prizes, the person limit.
/// Programs without a row use `GamesScoring.standard`.
final class GamesSettingsModel: Model, @unchecked Sendable {
    static let schema = "games_settings"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @Field(key: "individual_points") var individualPoints: String
    @Field(key: "collective_points") var collectivePoints: String
    @Field(key: "parent_child_points") var parentChildPoints: String
    @Field(key: "tie_policy") var tiePolicy: String
    @Field(key: "prizes") var prizes: Int
    @OptionalField(key: "person_event_limit") var personEventLimit: Int?
    @Field(key: "version") var version: Int

    init() {}
}

/// Where an entry starts: its heat (or flight) and lane (or place in the order of competition).
final class GamesStartPositionModel: Model, @unchecked Sendable {
    static let schema = "games_start_positions"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "event_id") var event: GamesEventModel
    @Parent(key: "entry_id") var entry: GamesEntryModel
    @Field(key: "heat") var heat: Int
    @Field(key: "position") var position: Int

    init() {}
}

/// A runner's time in their heat, typed by an official; the final is made from these.
final class GamesHeatTimeModel: Model, @unchecked Sendable {
    static let schema = "games_heat_times"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "event_id") var event: GamesEventModel
    @Parent(key: "entry_id") var entry: GamesEntryModel
    @Field(key: "status") var status: String
    @OptionalField(key: "mark") var mark: Int?
    @Field(key: "version") var version: Int

    init() {}
}

/// A track event's final, made from the heat times by a qualifying rule.
final class GamesFinalModel: Model, @unchecked Sendable {
    static let schema = "games_finals"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "event_id") var event: GamesEventModel
    @Field(key: "by_place") var byPlace: Int
    @Field(key: "by_time") var byTime: Int
    @Field(key: "version") var version: Int

    init() {}
}

/// A finalist's lane and why they are in the final (`Q` or `q`).
final class GamesFinalLaneModel: Model, @unchecked Sendable {
    static let schema = "games_final_lanes"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "event_id") var event: GamesEventModel
    @Parent(key: "entry_id") var entry: GamesEntryModel
    @Field(key: "lane") var lane: Int
    @Field(key: "reason") var reason: String

    init() {}
}
