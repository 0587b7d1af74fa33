import Foundation
import NIOPosix
import Vapor

/// bcrypt off the event loop. For an unknown account a hash of equal cost is computed, so that a
/// wrong e-mail address takes as long as a wrong password.
struct PasswordHashing: Sendable {
    let cost: Int
    let threadPool: NIOThreadPool

    init(app: Application) {
        self.cost = app.podiumConfig.bcryptCost
        self.threadPool = app.threadPool
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await threadPool.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String?) async throws -> Bool {
        let cost = self.cost
        return try await threadPool.runIfActive {
            guard let hash else {
                _ = try Bcrypt.hash(password, cost: cost)
                return false
            }
            return (try? Bcrypt.verify(password, created: hash)) ?? false
        }
    }
}
