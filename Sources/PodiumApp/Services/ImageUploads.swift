import Foundation
import PodiumCore

/// Checking and storing uploaded images, for every feature that takes them (news photos and covers, program
/// partners' logos and galleries): the bytes decide, not the name or the claimed type.
struct ImageUploads {
    let store: UploadStore
    let maxBytes: Int

    /// A file as sent: the name only names it in messages.
    struct Upload: Sendable {
        var fileName: String
        var data: Data
        var caption: String = ""
    }

    /// A checked file written under its new name, with the size its header declares.
    struct Stored: Sendable {
        let name: String
        let kind: ImageKind
        let size: ImageSize?
        let upload: Upload
    }

    /// JPEG, PNG, WebP or GIF by its first bytes, not empty, not over the limit; the message names the file.
    func check(_ upload: Upload, field: String) throws(PodiumError) -> ImageKind {
        let name = Self.displayName(upload.fileName)
        guard !upload.data.isEmpty else { throw .invalid(field, "error.upload.empty", ["name": name]) }
        guard upload.data.count <= maxBytes else {
            throw .invalid(field, "error.upload.tooLarge", ["name": name, "max": ImageKind.describe(bytes: maxBytes),
                                                            "size": ImageKind.describe(bytes: upload.data.count)])
        }
        guard let kind = ImageKind.detect(upload.data) else { throw .invalid(field, "error.upload.notImage", ["name": name]) }
        return kind
    }

    /// The sender's file name, for messages only: its last part, printable, not too long.
    static func displayName(_ fileName: String) -> String {
        let last = fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let printable = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        let trimmed = printable.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "(unnamed)" : String(trimmed.prefix(80))
    }

    /// Checks every file first (one bad file stores nothing), writes them, then runs `change`; if anything fails, the
    /// files written are removed and nothing changes.
    func storing<T>(_ uploads: [Upload], field: String, _ change: @escaping @Sendable ([Stored]) async throws -> T) async throws -> T {
        var kinds: [ImageKind] = []
        for upload in uploads { kinds.append(try check(upload, field: field)) }
        var written: [Stored] = []
        do {
            for (upload, kind) in zip(uploads, kinds) {
                written.append(Stored(name: try store.write(upload.data, kind: kind), kind: kind, size: ImageSize.read(upload.data), upload: upload))
            }
            let stored = written
            return try await change(stored)
        } catch {
            store.remove(written.map(\.name))
            throw error
        }
    }
}
