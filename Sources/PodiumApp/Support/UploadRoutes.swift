import Vapor

/// Routes that take files declare their body limit here, once: the route collects up to it, and the CSRF check,
/// which reads form bodies before the route runs, reads the same limit from the route instead of the default.
enum UploadLimit {
    static let key: AnySendableHashable = "podium.uploadLimit"

    /// The limit of the route this request was routed to, if it takes uploads.
    static func of(_ request: Request) -> Int? {
        request.route?.userInfo[key] as? Int
    }
}

extension RoutesBuilder {
    @discardableResult
    func upload<Response: AsyncResponseEncodable>(_ path: PathComponent..., maxSize: ByteCount,
                                                  use closure: @Sendable @escaping (Request) async throws -> Response) -> Route {
        let route = on(.POST, path, body: .collect(maxSize: maxSize), use: closure)
        route.userInfo[UploadLimit.key] = maxSize.value
        return route
    }
}
