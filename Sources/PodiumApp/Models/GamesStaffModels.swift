import Fluent
import Foundation

/// A place on the organizing team of a games program: the call room, the long-jump judges, the first-aid tent.
final class DutyPostModel: Model, @unchecked Sendable {
    static let schema = "games_duty_posts"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @Field(key: "name") var name: String
    /// A `DutyKind`: `callRoom`, `judge`, `timekeeper`, `logistics`, `firstAid`, `cheering`, `other`.
    @Field(key: "kind") var kind: String
    @OptionalField(key: "venue_name") var venueName: String?
    @Field(key: "position") var position: Int
    @Field(key: "version") var version: Int

    init() {}
}

/// A stretch of the day a post needs `needed` people for; minutes from midnight, end exclusive.
final class DutyShiftModel: Model, @unchecked Sendable {
    static let schema = "games_duty_shifts"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "post_id") var post: DutyPostModel
    @Field(key: "starts") var starts: Int
    @Field(key: "ends") var ends: Int
    @Field(key: "needed") var needed: Int
    @Field(key: "version") var version: Int

    init() {}
}

/// One person from the roster on one post for a stretch of the day.
final class DutyAssignmentModel: Model, @unchecked Sendable {
    static let schema = "games_duty_assignments"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "post_id") var post: DutyPostModel
    @Parent(key: "person_id") var person: PersonModel
    @Field(key: "starts") var starts: Int
    @Field(key: "ends") var ends: Int
    @OptionalField(key: "note") var note: String?
    @Field(key: "version") var version: Int

    init() {}
}

/// One part of a games program's opening ceremony, in running order.
final class RunOfShowSegmentModel: Model, @unchecked Sendable {
    static let schema = "games_run_of_show"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @Field(key: "position") var position: Int
    /// A `RunOfShowKind`: `marchIn`, `flag`, `speech`, `performance`, `declaration`, `other`.
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    /// Minutes as typed; a march-in with formations takes its length from them.
    @Field(key: "duration") var duration: Int
    @OptionalField(key: "performer") var performer: String?
    /// Formation names, one per line, in marching order.
    @Field(key: "formations") var formations: String
    @Field(key: "seconds_per_formation") var secondsPerFormation: Int
    @Field(key: "version") var version: Int

    init() {}
}

/// When a games program's opening ceremony starts.
final class CeremonySettingsModel: Model, @unchecked Sendable {
    static let schema = "games_ceremony_settings"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    /// Minutes from midnight in the program's time zone.
    @Field(key: "starts_at") var startsAt: Int
    @Field(key: "version") var version: Int

    init() {}
}
