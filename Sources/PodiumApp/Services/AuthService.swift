import Fluent
import PodiumCore

/// Signing in, with guessing slowed down per account and per address.
struct AuthService {
    let db: any Database
    let clock: PodiumClock
    let hashing: PasswordHashing
    let throttle: LoginThrottle

    /// Returns the user's id and a new session cookie value.
    func signIn(email rawEmail: String, password: String, clientAddress: String) async throws -> (userID: Int, cookie: String) {
        let email = EmailAddress.normalize(rawEmail)
        let now = clock.now()
        let windowStart = now.addingTimeInterval(-throttle.windowSeconds)
        let recentFailures = try await LoginAttemptModel.query(on: db)
            .filter(\.$succeeded == false)
            .filter(\.$at >= windowStart)
            .group(.or) { $0.filter(\.$email == email).filter(\.$clientAddress == clientAddress) }
            .all()
        let byEmail = recentFailures.filter { $0.email == email }.map { $0.at.timeIntervalSince1970 }
        let byAddress = recentFailures.filter { $0.clientAddress == clientAddress }.map { $0.at.timeIntervalSince1970 }
        let wait = max(throttle.waitSeconds(failures: byEmail, now: now.timeIntervalSince1970),
                       throttle.waitSeconds(failures: byAddress, now: now.timeIntervalSince1970))
        if wait > 0 {
            throw PodiumError.tooManyRequests(LocalizedMessage("error.login.throttled", ["seconds": "\(wait)"]), retryAfterSeconds: wait)
        }
        let user = try await UserModel.query(on: db).filter(\.$email == email).first()
        let matches = try await hashing.verify(password, against: user?.passwordHash)
        let attempt = LoginAttemptModel()
        attempt.email = email
        attempt.clientAddress = clientAddress
        attempt.at = now
        attempt.succeeded = matches && user?.isActive == true
        try await attempt.create(on: db)
        guard let user, matches, user.isActive else {
            throw PodiumError.validation([FieldIssue("password", "error.login.failed")])
        }
        let cookie = try await SessionService(db: db, clock: clock).start(userID: user.id!)
        return (user.id!, cookie)
    }
}
