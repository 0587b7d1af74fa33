import Fluent
import Foundation

/// One item of the conference's running order: "14:00 · Work report · Wu Haixiang, general manager".
final class AgendaItemModel: Model, @unchecked Sendable {
    static let schema = "ceremony_agenda_items"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @Field(key: "position") var position: Int
    /// `HH:mm` in the program's time zone, or nil when the item just follows the previous one.
    @OptionalField(key: "starts_at") var startsAt: String?
    /// `report`, `commendation`, `speech`, `award`, `other`.
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @OptionalField(key: "speaker") var speaker: String?
    @Field(key: "version") var version: Int

    init() {}
}

/// Someone expected at the conference: a leader, a cadre representative, an honoree, a guest.
final class AttendeeModel: Model, @unchecked Sendable {
    static let schema = "ceremony_attendees"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @OptionalParent(key: "person_id") var person: PersonModel?
    @Field(key: "name") var name: String
    /// `leader`, `cadre`, `honoree`, `guest`.
    @Field(key: "attendee_group") var group: String
    @OptionalField(key: "unit_name") var unitName: String?
    @OptionalField(key: "seat") var seat: String?
    @OptionalField(key: "checked_in_at") var checkedInAt: Date?
    @OptionalField(key: "checked_in_by") var checkedInBy: String?
    @Field(key: "version") var version: Int

    init() {}
}
