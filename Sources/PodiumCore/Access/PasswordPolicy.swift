/// Rules for passwords people choose. Long enough to resist guessing, short enough for bcrypt (72 bytes).
public enum PasswordPolicy {
    public static let minLength = 10
    public static let maxBytes = 72

    public static func issues(password: String, confirmation: String? = nil, field: String = "newPassword") -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if password.count < minLength {
            issues.append(FieldIssue(field, "error.password.tooShort", ["min": "\(minLength)"]))
        } else if password.utf8.count > maxBytes {
            issues.append(FieldIssue(field, "error.password.tooLong", ["max": "\(maxBytes)"]))
        }
        if let confirmation, confirmation != password {
            issues.append(FieldIssue("confirmPassword", "error.password.mismatch"))
        }
        return issues
    }
}
