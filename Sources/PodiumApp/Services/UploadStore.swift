import Fluent
import Foundation
import PodiumCore
import Vapor

/// Uploaded images on disk, under random names the app makes (the sender's file name never becomes a path),
/// served at `/uploads/{name}`.
struct UploadStore: Sendable {
    let directory: URL

    static let publicPrefix = "/uploads/"

    static func url(_ name: String) -> String { publicPrefix + name }

    /// Titles of the articles whose text shows the file (organizers paste `![…](/uploads/…)` into the body):
    /// removing it would leave a broken picture on a published page.
    static func articlesShowing(_ name: String, on db: any Database) async throws -> [String] {
        try await NewsArticleModel.query(on: db).filter(\.$body ~~ url(name)).all(\.$title)
    }

    /// Refuses to remove a photo that an article's text still shows, naming the articles.
    static func refuseIfShown(_ name: String, on db: any Database) async throws {
        let titles = try await articlesShowing(name, on: db)
        guard titles.isEmpty else {
            throw PodiumError.conflict(LocalizedMessage("error.upload.inUse", ["titles": titles.map { "“\($0)”" }.joined(separator: ", ")]))
        }
    }

    /// Only names this store makes: 32 hex digits and an image extension.
    static func isValidName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 32, ImageKind(fileExtension: String(parts[1])) != nil else { return false }
        return parts[0].unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }

    /// Writes the data under a fresh random name and returns the name.
    func write(_ data: Data, kind: ImageKind) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let name = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
            + "." + kind.fileExtension
        try data.write(to: directory.appendingPathComponent(name), options: .withoutOverwriting)
        return name
    }

    /// Removes files, ignoring ones already gone: used to clean up after a failed change and after deletions.
    func remove(_ names: [String]) {
        for name in names where Self.isValidName(name) {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// The file's path when the name is one of ours and the file exists.
    func path(of name: String) -> String? {
        guard Self.isValidName(name) else { return nil }
        let path = directory.appendingPathComponent(name).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
}

extension Application {
    var uploads: UploadStore {
        UploadStore(directory: URL(fileURLWithPath: podiumConfig.uploadsDirectory, isDirectory: true))
    }
}
