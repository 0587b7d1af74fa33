import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Sign-in, sessions, CSRF")
struct AuthTests {
    @Test func signInSetsAnHttpOnlyLaxSessionCookieAndOpensTheBackOffice() async throws {
        try await withPodium { app in
            let browser = Browser(app)
            let response = try await browser.post("/login", [("email", TestUsers.adminEmail), ("password", TestUsers.adminPassword)])
            #expect(response.status == .seeOther)
            let setCookie = response.headers[.setCookie].first { $0.hasPrefix(ActorMiddleware.sessionCookie) } ?? ""
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            let admin = try await browser.get("/admin")
            #expect(admin.status == .ok)
            #expect(admin.body.string.contains("Overview"))
        }
    }

    @Test func wrongPasswordIsRefusedWithAMessageAndNoSession() async throws {
        try await withPodium { app in
            let browser = Browser(app)
            let response = try await browser.post("/login", [("email", TestUsers.adminEmail), ("password", "not-the-password")])
            #expect(response.status == .unauthorized)
            #expect(response.body.string.contains("The e-mail address or the password is wrong."))
            #expect(browser.cookies[ActorMiddleware.sessionCookie] == nil)
            #expect(try await browser.get("/admin").status == .seeOther)
        }
    }

    @Test func repeatedFailuresAreSlowedDown() async throws {
        try await withPodium { app in
            let browser = Browser(app)
            for _ in 0..<app.podiumConfig.loginThrottle.freeAttempts {
                let response = try await browser.post("/login", [("email", TestUsers.adminEmail), ("password", "guess-guess")])
                #expect(response.status == .unauthorized)
            }
            let throttled = try await browser.post("/login", [("email", TestUsers.adminEmail), ("password", TestUsers.adminPassword)])
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers.first(name: .retryAfter).flatMap { Int($0) } ?? 0 > 0)
            #expect(throttled.body.string.contains("Too many failed sign-ins"))
            #expect(browser.cookies[ActorMiddleware.sessionCookie] == nil)
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await withPodium { app in
            let browser = Browser(app)
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            let forged = try await browser.post("/admin/units", [("name", "Forged"), ("kind", "group")], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(forged.body.string.contains("This form has expired"))
            browser.cookies[CSRFMiddleware.cookieName] = String(repeating: "x", count: 43)
            let mismatched = try await browser.post("/admin/units", [("name", "Forged"), ("kind", "group"), ("_csrf", "y")], csrf: false)
            #expect(mismatched.status == .forbidden)
            #expect(try await UnitModel.query(on: app.db).count() == 0)
        }
    }

    @Test func signOutEndsTheSession() async throws {
        try await withPodium { app in
            let browser = Browser(app)
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            let session = browser.cookies[ActorMiddleware.sessionCookie]!
            _ = try await browser.post("/logout", [])
            browser.cookies[ActorMiddleware.sessionCookie] = session
            #expect(try await browser.get("/admin").status == .seeOther)
        }
    }

    /// A browser still holding a cookie of an ended session signs in on the first try: the new session cookie is kept.
    @Test func signingInOverADeadSessionCookieWorksTheFirstTime() async throws {
        try await withPodium { app in
            let browser = Browser(app)
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            let session = browser.cookies[ActorMiddleware.sessionCookie]!
            _ = try await browser.post("/logout", [])
            browser.cookies[ActorMiddleware.sessionCookie] = session
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            #expect(browser.cookies[ActorMiddleware.sessionCookie] != session)
            #expect(try await browser.get("/admin").status == .ok)
        }
    }

    @Test func changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() async throws {
        try await withPodium { app in
            let phone = Browser(app), laptop = Browser(app)
            try await phone.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            try await laptop.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            let wrong = try await laptop.post("/account/password", [("currentPassword", "nope-nope-nope"), ("newPassword", "brand-new-pass"), ("confirmPassword", "brand-new-pass")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("The current password is wrong."))
            let short = try await laptop.post("/account/password", [("currentPassword", TestUsers.adminPassword), ("newPassword", "short"), ("confirmPassword", "short")])
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.string.contains("at least 10 characters"))
            let ok = try await laptop.post("/account/password", [("currentPassword", TestUsers.adminPassword), ("newPassword", "brand-new-pass"), ("confirmPassword", "brand-new-pass")])
            #expect(ok.status == .seeOther)
            #expect(try await laptop.get("/account").status == .ok)
            #expect(try await phone.get("/account").status == .seeOther)
            try await Browser(app).signIn(TestUsers.adminEmail, "brand-new-pass")
            let hash = try await UserModel.query(on: app.db).filter(\.$email == TestUsers.adminEmail).first()!.passwordHash
            #expect(hash.hasPrefix("$2"))
        }
    }

    @Test func theFirstStartCreatesExactlyOneAdministrator() async throws {
        try await withPodium { app in
            let users = try await UserService(db: app.db, clock: app.clock, hashing: PasswordHashing(app: app)).list()
            #expect(users.map(\.email) == [TestUsers.adminEmail])
            #expect(users.first?.grants.map(\.role) == [.administrator])
            let again = try await UserService(db: app.db, clock: app.clock, hashing: PasswordHashing(app: app)).bootstrapAdministrator(email: nil, password: nil)
            #expect(again == nil)
        }
    }

    @Test func withoutConfiguredCredentialsARandomPasswordIsReturnedOnce() async throws {
        try await withPodium { app in
            try await UserModel.query(on: app.db).delete()
            let created = try await UserService(db: app.db, clock: app.clock, hashing: PasswordHashing(app: app)).bootstrapAdministrator(email: nil, password: nil)
            let password = try #require(created?.password)
            #expect(password.count >= 16)
            try await Browser(app).signIn("admin@podium.local", password)
        }
    }

    @Test func loginRedirectsOnlyToLocalPaths() {
        #expect(AuthController.safeNext("/admin/people") == "/admin/people")
        #expect(AuthController.safeNext("//evil.example") == nil)
        #expect(AuthController.safeNext("https://evil.example") == nil)
        #expect(AuthController.safeNext("/\\evil.example") == nil)
    }
}
