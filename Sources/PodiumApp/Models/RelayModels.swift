import Fluent
import Foundation
import PodiumCore

extension ProgramModel {
    /// The program's own clock: race times are shown and typed in it.
    var zone: TimeZone { TimeZone(identifier: timeZone) ?? .current }
    /// The first day of the program: clock times typed for a relay are on this day.
    var firstDay: CalendarDate { CalendarDate(parsing: startDate) ?? CalendarDate(year: 2000, month: 1, day: 1)! }
}

/// A relay program's settings, start and live revision. The revision goes up with every change the
/// live board shows, in the same transaction, so watchers can resume from the one they last saw.
final class RelayRaceModel: Model, @unchecked Sendable {
    static let schema = "relay_races"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @Field(key: "team_size") var teamSize: Int
    @Field(key: "minimum_women") var minimumWomen: Int
    @Field(key: "own_organization_only") var ownOrganizationOnly: Bool
    @Field(key: "maximum_guests") var maximumGuests: Int
    @Field(key: "dead_time_ms") var deadTimeMs: Int64
    @Field(key: "minimum_pace_ms") var minimumPaceMs: Int64
    @OptionalField(key: "start_at") var startAt: Int64?
    @Field(key: "revision") var revision: Int64
    @Field(key: "version") var version: Int

    init() {}
}

final class RelayLegModel: Model, @unchecked Sendable {
    static let schema = "relay_legs"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @Field(key: "leg_order") var order: Int
    @Field(key: "distance_m") var distanceMeters: Int
    @Field(key: "exchange_point") var exchangePoint: String

    init() {}
}

final class RelayRestartModel: Model, @unchecked Sendable {
    static let schema = "relay_restarts"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @Field(key: "point") var point: Int
    @Field(key: "at_ms") var atMs: Int64

    init() {}
}

final class RelayTeamModel: Model, @unchecked Sendable {
    static let schema = "relay_teams"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @Parent(key: "unit_id") var unit: UnitModel
    @Field(key: "bib") var bib: String
    @Field(key: "name") var name: String
    /// Enterprise, community, college, public body: the class a team runs in.
    @Field(key: "class") var teamClass: String
    @Field(key: "status") var status: String
    @OptionalField(key: "status_reason") var statusReason: String?
    /// Comma-separated line-up rules an organizer set aside for this team.
    @Field(key: "overridden_rules") var overriddenRules: String
    @OptionalField(key: "override_reason") var overrideReason: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class RelayRunnerModel: Model, @unchecked Sendable {
    static let schema = "relay_runners"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "team_id") var team: RelayTeamModel
    @Field(key: "leg_order") var legOrder: Int
    @Parent(key: "person_id") var person: PersonModel
    @Field(key: "guest") var guest: Bool
    @OptionalField(key: "chip") var chip: String?

    init() {}
}

/// One raw read, as it came. Never updated or deleted.
final class TimingReadModel: Model, @unchecked Sendable {
    static let schema = "timing_reads"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @OptionalField(key: "bib") var bib: String?
    @Field(key: "point") var point: Int
    @Field(key: "at_ms") var atMs: Int64
    @Field(key: "source") var source: String
    @Field(key: "device") var device: String
    @Field(key: "client_read_id") var clientReadID: String
    @Field(key: "received_at") var receivedAt: Date
    @Field(key: "recorded_by") var recordedBy: String

    init() {}
}

/// An official's correction of a read: who, when, why. The read itself stays as it came.
final class TimingCorrectionModel: Model, @unchecked Sendable {
    static let schema = "timing_corrections"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "read_id") var read: TimingReadModel
    @Field(key: "kind") var kind: String
    @OptionalField(key: "bib") var bib: String?
    @OptionalField(key: "at_ms") var atMs: Int64?
    @Field(key: "reason") var reason: String
    @Field(key: "actor_name") var actorName: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
