import Foundation
import PodiumCore
import Vapor

/// `/api/v1/news`: published articles for everyone, every article for organizers, who write them.
struct NewsAPIController: RouteCollection {
    /// The largest photo, from the configuration; a request may carry a little more (the form around the file).
    let maxUploadBytes: Int

    func boot(routes: any RoutesBuilder) throws {
        let news = routes.grouped("api", "v1", "news")
        news.get(use: list)
        news.post(use: create)
        news.get(":slug", use: get)
        news.put(":slug", use: update)
        news.delete(":slug", use: delete)
        let limit = ByteCount(value: maxUploadBytes + 1_048_576)
        news.upload(":slug", "photos", maxSize: limit, use: addPhoto)
        news.put(":slug", "photos", ":photoId", use: updatePhoto)
        news.delete(":slug", "photos", ":photoId", use: removePhoto)
        news.upload(":slug", "cover", maxSize: limit, use: setCover)
        news.delete(":slug", "cover", use: removeCover)
    }

    struct PhotoForm: Content {
        var file: File?
        var caption: String?
    }

    func list(req: Request) async throws -> NewsPageDTO {
        let (page, perPage) = try req.pageRequest(defaultPerPage: 20, maxPerPage: 100)
        let result = try await req.news.list(includeHidden: req.allows(.managePrograms), page: page, perPage: perPage)
        return NewsPageDTO(items: try await req.news.dtos(result.items), total: result.total, page: page, perPage: perPage)
    }

    func get(req: Request) async throws -> NewsArticleDTO {
        let model = try await req.news.visibleArticle(slug: req.parameters.get("slug") ?? "", canSeeHidden: req.allows(.managePrograms))
        return try await req.news.dto(model)
    }

    func create(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let article = try await req.news.create(try req.content.decode(NewsArticleInput.self), by: req.actor)
        return try await article.encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> NewsArticleDTO {
        try await req.require(.managePrograms)
        let model = try await article(req)
        return try await req.news.update(model.id!, try req.content.decode(NewsArticleInput.self), by: req.actor)
    }

    func delete(req: Request) async throws -> HTTPStatus {
        try await req.require(.managePrograms)
        let model = try await article(req)
        try await req.news.delete(model.id!, expectedVersion: try req.queryVersion(), by: req.actor)
        return .noContent
    }

    func addPhoto(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let model = try await article(req)
        let form = try req.content.decode(PhotoForm.self)
        guard let file = form.file else { throw PodiumError.invalid("file", "error.upload.noFile") }
        let added = try await req.news.addPhotos(articleID: model.id!, [.init(fileName: file.filename, data: Data(buffer: file.data), caption: form.caption ?? "")],
                                                 by: req.actor)
        return try await added[0].encodeResponse(status: .created, for: req)
    }

    func updatePhoto(req: Request) async throws -> NewsPhotoDTO {
        try await req.require(.managePrograms)
        let model = try await article(req)
        return try await req.news.updatePhoto(articleID: model.id!, photoID: try req.intParameter("photoId"),
                                              try req.content.decode(NewsPhotoUpdateInput.self), by: req.actor)
    }

    func removePhoto(req: Request) async throws -> HTTPStatus {
        try await req.require(.managePrograms)
        let model = try await article(req)
        try await req.news.removePhoto(articleID: model.id!, photoID: try req.intParameter("photoId"), by: req.actor)
        return .noContent
    }

    func setCover(req: Request) async throws -> NewsArticleDTO {
        try await req.require(.managePrograms)
        let model = try await article(req)
        let form = try req.content.decode(PhotoForm.self)
        guard let file = form.file else { throw PodiumError.invalid("file", "error.upload.noFile") }
        return try await req.news.setCover(articleID: model.id!, .init(fileName: file.filename, data: Data(buffer: file.data)), field: "file", by: req.actor)
    }

    func removeCover(req: Request) async throws -> NewsArticleDTO {
        try await req.require(.managePrograms)
        return try await req.news.removeCover(articleID: try await article(req).id!, by: req.actor)
    }

    private func article(_ req: Request) async throws -> NewsArticleModel {
        try await req.news.article(slug: req.parameters.get("slug") ?? "")
    }
}
