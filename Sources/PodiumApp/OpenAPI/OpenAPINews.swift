import PodiumCore

/// News articles in the API description: reading for everyone, writing, photos and cover for organizers.
extension OpenAPIDocument {
    private static let slug = path("slug", string)
    private static let photoID = path("photoId", integer)

    /// An operation whose body is a `multipart/form-data` upload with these fields.
    static func multipart(_ operation: JSONValue, _ properties: KeyValuePairs<String, JSONValue>, required: [String]) -> JSONValue {
        guard case .object(let pairs) = operation else { return operation }
        let body: JSONValue = ["required": true, "content": ["multipart/form-data": ["schema": object(properties, required: required)]]]
        return .object(pairs.map { $0.0 == "requestBody" ? ($0.0, body) : $0 })
    }

    static let imageFile: JSONValue = [
        "type": "string", "contentMediaType": "application/octet-stream",
        "description": "A JPEG, PNG, WebP or GIF image, recognized by its content (not its name or stated type), up to the configured limit (10 MB unless PODIUM_UPLOAD_MAX_MB says otherwise)",
    ]

    static let newsPaths: [(String, JSONValue)] = [
        ("/api/v1/news", [
            "get": op("listNews", "News articles, newest release first: those readers see now (drafts and articles scheduled for later only for organizers)",
                      auth: false, params: [query("page", ["type": "integer", "minimum": 1]), query("perPage", ["type": "integer", "minimum": 1, "maximum": 100])],
                      responses: [("200", ref("NewsPage"))]),
            "post": op("createNews", "Write an article (organizer). Without a slug one is made from the title (a Chinese title gives `news-<release date>`); without a status it is a draft. `published` without publishedAt releases it now; `scheduled` needs a future publishedAt and goes public by itself then.",
                       body: "NewsArticleInput", responses: [("201", ref("NewsArticle"))]),
        ]),
        ("/api/v1/news/{slug}", [
            "get": op("getNews", "One article (a draft, or one scheduled for later, is 404 except for organizers)", auth: false, params: [slug],
                      responses: [("200", ref("NewsArticle"))]),
            "put": op("updateNews", "Replace an article's fields (organizer), with the version read; omitted status and slug keep theirs. A stale version gets 409.",
                      params: [slug], body: "NewsArticleInput", responses: [("200", ref("NewsArticle"))]),
            "delete": op("deleteNews", "Delete an article with its photos (organizer), with the version read", params: [slug, query("version", integer)],
                         responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
        ("/api/v1/news/{slug}/photos", [
            "post": multipart(op("addNewsPhoto", "Add a photo at the end of the article's gallery (organizer). A file that is not an image or is too large gets 422 naming it; nothing is stored.",
                                 params: [slug], rawBody: "multipart/form-data", responses: [("201", ref("NewsPhoto"))]),
                              ["file": imageFile, "caption": string], required: ["file"]),
        ]),
        ("/api/v1/news/{slug}/photos/{photoId}", [
            "put": op("updateNewsPhoto", "Change a photo's caption or move it to another place in the gallery (organizer)", params: [slug, photoID],
                      body: "NewsPhotoUpdate", responses: [("200", ref("NewsPhoto"))]),
            "delete": op("deleteNewsPhoto", "Remove a photo (organizer); the others close up", params: [slug, photoID], responses: [("204", noContent), ("409", ref("Problem"))]),
        ]),
        ("/api/v1/news/{slug}/cover", [
            "post": multipart(op("setNewsCover", "Set or replace the article's cover image (organizer)", params: [slug], rawBody: "multipart/form-data",
                                 responses: [("200", ref("NewsArticle"))]),
                              ["file": imageFile], required: ["file"]),
            "delete": op("deleteNewsCover", "Remove the cover image (organizer)", params: [slug], responses: [("200", ref("NewsArticle")), ("409", ref("Problem"))]),
        ]),
        ("/api/v1/programs/{slug}/announcement", [
            "post": op("draftAnnouncement", "Draft the program's results announcement (organizer) as a new draft article linked to the program, written from its results: for games the awards by kind, the events and the group ranking with its prizes; for a relay the course, the teams, the winner's time, the podium and the fastest legs; for recognition the honorees by award category. The organizer edits and publishes it like any article. `language` is `en` or `zh-Hans` (default: the request's language). A program that is not running, finished or published, or that has nothing to announce yet (no result, no finished team, no honoree), gets 422 naming it; nothing is created. Each call makes a new draft.",
                       params: [slug], body: "AnnouncementInput", responses: [("201", ref("NewsArticle"))]),
        ]),
    ]

    private static let articleStatus = enumeration(ArticleStatus.allCases.map(\.rawValue))

    static let newsSchemas: [(String, JSONValue)] = [
        ("NewsPhoto", object([
            "id": integer, "position": integer, "url": string, "caption": string, "contentType": string, "size": integer,
        ], required: ["id", "position", "url", "caption", "contentType", "size"])),
        ("NewsArticle", object([
            "id": integer, "slug": string, "title": string, "source": string,
            "status": ["type": "string", "enum": .array(ArticleStatus.allCases.map { .string($0.rawValue) }),
                       "description": "As readers would say now: a scheduled article whose time has come is `published`"],
            "visible": ["type": "boolean", "description": "Whether the public sees it now"],
            "publishedAt": ["type": "string", "format": "date-time", "description": "The release time"],
            "body": ["type": "string", "description": "Markdown: paragraphs, # headings, **bold**, *italic*, links (http, https, mailto, site paths), lists, > quotes, images from /uploads/"],
            "html": ["type": "string", "description": "The body rendered to safe HTML"],
            "coverUrl": string, "photos": array("NewsPhoto"), "programId": integer, "programSlug": string, "url": string, "version": integer,
            "createdAt": dateTime, "updatedAt": dateTime,
        ], required: ["id", "slug", "title", "source", "status", "visible", "body", "html", "photos", "url", "version"])),
        ("NewsArticleInput", object([
            "title": string, "slug": string, "source": string, "body": string, "status": articleStatus,
            "publishedAt": dateTime, "programId": integer, "version": integer,
        ], required: ["title"])),
        ("NewsPhotoUpdate", object(["caption": string, "position": ["type": "integer", "minimum": 1]], required: [])),
        ("NewsPage", page("NewsArticle")),
        ("AnnouncementInput", object(["language": enumeration(Language.allCases.map(\.rawValue))], required: [])),
    ]
}
