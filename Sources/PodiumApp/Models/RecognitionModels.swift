import Fluent
import Foundation
import PodiumCore

/// A recognition program's notice period and publication.
final class RecognitionSettingsModel: Model, @unchecked Sendable {
    static let schema = "recognition_settings"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @OptionalField(key: "notice_starts_at") var noticeStartsAt: Date?
    @OptionalField(key: "notice_ends_at") var noticeEndsAt: Date?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}

final class AwardCategoryModel: Model, @unchecked Sendable {
    static let schema = "award_categories"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @Field(key: "position") var position: Int
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "kind") var kind: String
    @Field(key: "quota_total") var quotaTotal: Int
    @OptionalField(key: "quota_per_unit") var quotaPerUnit: Int?
    @Field(key: "method") var method: String
    @OptionalField(key: "pick_limit") var pickLimit: Int?
    /// JSON array of `RubricCriterion`.
    @Field(key: "criteria") var criteria: String
    /// Comma-separated `EmployeeStatus` raw values.
    @Field(key: "allowed_statuses") var allowedStatuses: String
    @OptionalField(key: "minimum_service_years") var minimumServiceYears: Int?
    @OptionalField(key: "service_counted_on") var serviceCountedOn: String?
    @Field(key: "exclude_previous_winners") var excludePreviousWinners: Bool
    @OptionalField(key: "opens_at") var opensAt: Date?
    @OptionalField(key: "closes_at") var closesAt: Date?
    @Field(key: "review_closed") var reviewClosed: Bool
    @Field(key: "version") var version: Int

    init() {}
}

final class PanelMemberModel: Model, @unchecked Sendable {
    static let schema = "panel_members"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "category_id") var category: AwardCategoryModel
    @Parent(key: "user_id") var user: UserModel
    /// The reviewer's own unit, for conflicts of interest; nil for an outside reviewer.
    @OptionalParent(key: "home_unit_id") var homeUnit: UnitModel?
    @Field(key: "is_chair") var isChair: Bool

    init() {}
}

final class NominationModel: Model, @unchecked Sendable {
    static let schema = "nominations"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "category_id") var category: AwardCategoryModel
    /// The nominee; nil for a team nomination.
    @OptionalParent(key: "person_id") var person: PersonModel?
    /// The nominee's unit (a person's unit when nominated, or the team's unit).
    @Parent(key: "unit_id") var unit: UnitModel
    @OptionalField(key: "team_name") var teamName: String?
    @OptionalParent(key: "nominating_unit_id") var nominatingUnit: UnitModel?
    @Field(key: "nominated_by") var nominatedBy: String
    @OptionalField(key: "nominated_by_user_id") var nominatedByUserID: Int?
    @Field(key: "citation") var citation: String
    /// `submitted`, `withdrawn` or `ineligible`.
    @Field(key: "status") var status: String
    @OptionalField(key: "status_reason") var statusReason: String?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class EvidenceModel: Model, @unchecked Sendable {
    static let schema = "nomination_evidence"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "nomination_id") var nomination: NominationModel
    @Field(key: "file_name") var fileName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "data") var data: Data
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class RecusalModel: Model, @unchecked Sendable {
    static let schema = "recusals"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "nomination_id") var nomination: NominationModel
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "reason") var reason: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// Round 1 is every nomination; later rounds are run-offs among tied nominees for the seats left.
final class ReviewRoundModel: Model, @unchecked Sendable {
    static let schema = "review_rounds"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "category_id") var category: AwardCategoryModel
    @Field(key: "number") var number: Int
    /// JSON array of nomination ids.
    @Field(key: "candidates") var candidates: String
    @Field(key: "seats") var seats: Int
    @Field(key: "closed") var closed: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class BallotModel: Model, @unchecked Sendable {
    static let schema = "ballots"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "category_id") var category: AwardCategoryModel
    @Field(key: "round") var round: Int
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "reviewer_name") var reviewerName: String
    /// JSON of `BallotContent`.
    @Field(key: "content") var content: String
    @Field(key: "version") var version: Int
    @Field(key: "submitted_at") var submittedAt: Date

    init() {}
}

final class ChairDecisionModel: Model, @unchecked Sendable {
    static let schema = "chair_decisions"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "category_id") var category: AwardCategoryModel
    /// JSON array of nomination ids, best first.
    @Field(key: "ordering") var ordering: String
    @Field(key: "reason") var reason: String
    @Field(key: "decided_by") var decidedBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

final class AwardDecisionModel: Model, @unchecked Sendable {
    static let schema = "award_decisions"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "category_id") var category: AwardCategoryModel
    @Parent(key: "nomination_id") var nomination: NominationModel
    @Field(key: "place") var place: Int
    @Field(key: "serial") var serial: String
    /// `approved` or `revoked` (after an upheld objection).
    @Field(key: "status") var status: String
    @Field(key: "approved_by") var approvedBy: String
    @Field(key: "approved_at") var approvedAt: Date
    @OptionalField(key: "revoked_reason") var revokedReason: String?

    init() {}
}

final class ObjectionModel: Model, @unchecked Sendable {
    static let schema = "objections"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "decision_id") var decision: AwardDecisionModel
    @Field(key: "submitter_name") var submitterName: String
    @OptionalField(key: "contact") var contact: String?
    @Field(key: "text") var text: String
    /// `open`, `upheld` or `dismissed`.
    @Field(key: "status") var status: String
    @OptionalField(key: "resolution") var resolution: String?
    @OptionalField(key: "resolved_by") var resolvedBy: String?
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
