import Fluent
import Foundation

final class NewsArticleModel: Model, @unchecked Sendable {
    static let schema = "news_articles"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Field(key: "slug") var slug: String
    @Field(key: "title") var title: String
    @Field(key: "source") var source: String
    /// Markdown, rendered by PodiumCore's `SafeMarkdown`.
    @Field(key: "body") var body: String
    @Field(key: "status") var status: String
    /// The release time; a scheduled article goes public when it comes.
    @OptionalField(key: "published_at") var publishedAt: Date?
    /// A file name in the upload folder.
    @OptionalField(key: "cover_file") var coverFile: String?
    /// The cover's pixel size, read from its header (nil for covers from before it was kept).
    @OptionalField(key: "cover_width") var coverWidth: Int?
    @OptionalField(key: "cover_height") var coverHeight: Int?
    @OptionalParent(key: "program_id") var program: ProgramModel?
    @Field(key: "version") var version: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

final class NewsPhotoModel: Model, @unchecked Sendable {
    static let schema = "news_photos"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "article_id") var article: NewsArticleModel
    /// 1, 2, 3… in gallery order.
    @Field(key: "position") var position: Int
    @Field(key: "file") var file: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "size") var size: Int
    @Field(key: "caption") var caption: String
    /// The pixel size, read from the file's header (nil for photos from before it was kept).
    @OptionalField(key: "width") var width: Int?
    @OptionalField(key: "height") var height: Int?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
