import Fluent
import Foundation

/// A body named on a program's pages: organizer, host, co-organizer or sponsor, in order within its role.
final class ProgramPartnerModel: Model, @unchecked Sendable {
    static let schema = "program_partners"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    /// A `PartnerRole` raw value.
    @Field(key: "role") var role: String
    /// 1, 2, 3… within the role.
    @Field(key: "position") var position: Int
    @Field(key: "name") var name: String
    @OptionalField(key: "website") var website: String?
    /// A file name in the upload folder.
    @OptionalField(key: "logo_file") var logoFile: String?
    @OptionalField(key: "logo_width") var logoWidth: Int?
    @OptionalField(key: "logo_height") var logoHeight: Int?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A photo in a program's gallery.
final class ProgramPhotoModel: Model, @unchecked Sendable {
    static let schema = "program_photos"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    /// 1, 2, 3… in gallery order.
    @Field(key: "position") var position: Int
    @Field(key: "file") var file: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @OptionalField(key: "width") var width: Int?
    @OptionalField(key: "height") var height: Int?
    @Field(key: "caption") var caption: String
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

extension ProgramPartnerModel: PositionedModel {}
extension ProgramPhotoModel: PositionedModel {}
