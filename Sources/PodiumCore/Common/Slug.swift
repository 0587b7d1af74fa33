/// URL slugs for programs and articles: lowercase ASCII letters, digits and single hyphens.
public enum Slug {
    public static let maxLength = 64

    public static func issue(for slug: String, field: String = "slug") -> FieldIssue? {
        if slug.isEmpty { return FieldIssue(field, "error.slug.required") }
        if slug.count > maxLength { return FieldIssue(field, "error.slug.tooLong", ["max": "\(maxLength)"]) }
        let allowed = slug.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if !allowed || slug.hasPrefix("-") || slug.hasSuffix("-") || slug.contains("--") {
            return FieldIssue(field, "error.slug.format", ["value": slug])
        }
        return nil
    }

    /// Suggests a slug from a name: ASCII letters and digits kept, everything else folded to hyphens.
    public static func suggest(from name: String) -> String {
        var out = ""
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out.append("-")
            }
        }
        out = String(out.prefix(maxLength))
        while out.hasSuffix("-") { out.removeLast() }
        return out
    }
}
