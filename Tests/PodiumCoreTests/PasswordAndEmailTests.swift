import Testing
@testable import PodiumCore

@Suite struct PasswordAndEmailTests {
    // MARK: PasswordPolicy

    @Test func acceptableLengths() {
        #expect(PasswordPolicy.issues(password: "abcdefghij") == [])
        #expect(PasswordPolicy.issues(password: String(repeating: "a", count: 72)) == [])
        // 24 Chinese characters are 72 bytes in UTF-8: exactly the limit.
        #expect(PasswordPolicy.issues(password: String(repeating: "密", count: 24)) == [])
    }

    @Test func tooShort() {
        #expect(PasswordPolicy.issues(password: "") == [FieldIssue("newPassword", "error.password.tooShort", ["min": "10"])])
        #expect(PasswordPolicy.issues(password: "abcdefghi") == [FieldIssue("newPassword", "error.password.tooShort", ["min": "10"])])
        // Length counts characters, not bytes: nine Chinese characters are 27 bytes but still too short.
        #expect(PasswordPolicy.issues(password: String(repeating: "密", count: 9))
            == [FieldIssue("newPassword", "error.password.tooShort", ["min": "10"])])
        #expect(PasswordPolicy.issues(password: "short", field: "password")
            == [FieldIssue("password", "error.password.tooShort", ["min": "10"])])
    }

    @Test func tooLongInBytes() {
        #expect(PasswordPolicy.issues(password: String(repeating: "a", count: 73))
            == [FieldIssue("newPassword", "error.password.tooLong", ["max": "72"])])
        // 25 Chinese characters: only 25 characters, but 75 bytes.
        let chinese = String(repeating: "密", count: 25)
        #expect(chinese.count == 25)
        #expect(chinese.utf8.count == 75)
        #expect(PasswordPolicy.issues(password: chinese) == [FieldIssue("newPassword", "error.password.tooLong", ["max": "72"])])
    }

    @Test func mismatch() {
        #expect(PasswordPolicy.issues(password: "correct horse", confirmation: "correct horse") == [])
        #expect(PasswordPolicy.issues(password: "correct horse", confirmation: "correct house")
            == [FieldIssue("confirmPassword", "error.password.mismatch")])
        #expect(PasswordPolicy.issues(password: "short", confirmation: "other") == [
            FieldIssue("newPassword", "error.password.tooShort", ["min": "10"]),
            FieldIssue("confirmPassword", "error.password.mismatch"),
        ])
        // No confirmation given: nothing to compare.
        #expect(PasswordPolicy.issues(password: "correct horse", confirmation: nil) == [])
    }

    // MARK: EmailAddress

    @Test(arguments: [
        ("Alice@Example.COM", "alice@example.com"),
        ("  bob@example.com\n", "bob@example.com"),
        ("\tCAROL@EXAMPLE.CN ", "carol@example.cn"),
        ("already@fine.org", "already@fine.org"),
    ])
    func normalizes(input: String, expected: String) {
        #expect(EmailAddress.normalize(input) == expected)
    }

    @Test(arguments: ["a@b.co", "alice@example.com", "first.last+tag@mail.example.cn", "张伟@例子.中国"])
    func plausible(_ text: String) {
        #expect(EmailAddress.isPlausible(text))
    }

    @Test(arguments: [
        "", "alice", "alice@", "@example.com", "alice@example", "alice@@example.com", "a@b@example.com",
        "alice@.example.com", "alice@example.com.", "alice smith@example.com", " alice@example.com", "alice@exa mple.com",
    ])
    func implausible(_ text: String) {
        #expect(!EmailAddress.isPlausible(text))
    }

    @Test func lengthLimit() {
        let domain = "@example.com" // 12 characters
        #expect(EmailAddress.isPlausible(String(repeating: "a", count: 242) + domain))
        #expect(!EmailAddress.isPlausible(String(repeating: "a", count: 243) + domain))
    }

    @Test func normalizedAddressIsPlausible() {
        #expect(!EmailAddress.isPlausible("  Alice@Example.com "))
        #expect(EmailAddress.isPlausible(EmailAddress.normalize("  Alice@Example.com ")))
    }
}
