import SQLKit
import Vapor

/// `/healthz`: 200 only while the database answers, for load balancers and monitors.
struct HealthController: RouteCollection {
    struct Status: Content {
        let status: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz", use: health)
    }

    func health(req: Request) async throws -> Response {
        let healthy: Bool
        do {
            _ = try await (req.db as! any SQLDatabase).raw("SELECT 1 AS ok").first()
            healthy = true
        } catch {
            req.logger.warning("health check: database unreachable: \(String(reflecting: error))")
            healthy = false
        }
        let response = try await Status(status: healthy ? "ok" : "unavailable").encodeResponse(for: req)
        response.status = healthy ? .ok : .serviceUnavailable
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
