import Foundation

/// What a body does for a program, in the order notices list them: 主办单位, 承办单位, 协办单位, 赞助单位.
public enum PartnerRole: String, Sendable, Codable, CaseIterable, Comparable {
    case organizer
    case host
    case coOrganizer = "co-organizer"
    case sponsor

    public var localizationKey: String { "partner.role.\(rawValue)" }
    /// The heading over a group of partners ("Organizers" / "主办单位").
    public var headingKey: String { "partner.heading.\(rawValue)" }

    public static func < (lhs: PartnerRole, rhs: PartnerRole) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A partner as typed: role, name, website; checked field by field.
public struct PartnerDraft: Sendable, Equatable {
    public static let maxNameLength = 120
    public static let maxWebsiteLength = 500

    public var role: String
    public var name: String
    public var website: String

    public init(role: String, name: String, website: String) {
        self.role = role
        self.name = name
        self.website = website
    }

    public struct Checked: Sendable, Equatable {
        public let role: PartnerRole
        public let name: String
        /// Nil when no website is given.
        public let website: String?
    }

    /// Every problem at once, under the fields `role`, `name` and `website`.
    public func issues() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if PartnerRole(rawValue: role.trimmingCharacters(in: .whitespaces)) == nil {
            issues.append(FieldIssue("role", "error.field.oneOf", ["value": role, "allowed": PartnerRole.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        let name = Self.folded(name)
        if name.isEmpty {
            issues.append(FieldIssue("name", "error.partner.nameRequired"))
        } else if name.count > Self.maxNameLength {
            issues.append(FieldIssue("name", "error.text.tooLong", ["max": "\(Self.maxNameLength)"]))
        }
        let website = website.trimmingCharacters(in: .whitespacesAndNewlines)
        if !website.isEmpty {
            if website.count > Self.maxWebsiteLength {
                issues.append(FieldIssue("website", "error.text.tooLong", ["max": "\(Self.maxWebsiteLength)"]))
            } else if !Self.isWebAddress(website) {
                issues.append(FieldIssue("website", "error.partner.website", ["value": website]))
            }
        }
        return issues
    }

    public func checked() throws(PodiumError) -> Checked {
        let found = issues()
        guard found.isEmpty, let role = PartnerRole(rawValue: role.trimmingCharacters(in: .whitespaces)) else { throw .validation(found) }
        let website = website.trimmingCharacters(in: .whitespacesAndNewlines)
        return Checked(role: role, name: Self.folded(name), website: website.isEmpty ? nil : website)
    }

    /// An absolute `http:` or `https:` address with a host and nothing a link should not carry (spaces, quotes, angle brackets).
    public static func isWebAddress(_ text: String) -> Bool {
        guard text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !"\"'<>\\`".unicodeScalars.contains($0) }),
              let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty, components.user == nil, components.password == nil else { return false }
        return text.lowercased().hasPrefix(scheme + "://")
    }

    /// Trimmed (ideographic spaces too), inner runs of whitespace as one space.
    static func folded(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
