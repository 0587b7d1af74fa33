/// Who is making a request: a signed-in user, a machine token, or nobody.
public struct Actor: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable { case user, token, system, anonymous }

    public let kind: Kind
    public let id: Int?
    public let displayName: String
    public let grants: [RoleGrant]

    public init(kind: Kind, id: Int?, displayName: String, grants: [RoleGrant]) {
        self.kind = kind
        self.id = id
        self.displayName = displayName
        self.grants = grants
    }

    public static let anonymous = Actor(kind: .anonymous, id: nil, displayName: "anonymous", grants: [])
    /// Writes made by the software itself: first-start set-up, demo data, the import command.
    public static func system(_ name: String) -> Actor { Actor(kind: .system, id: nil, displayName: name, grants: [RoleGrant(role: .administrator)]) }

    public var isAuthenticated: Bool { kind != .anonymous }
    public var isAdministrator: Bool { grants.contains { $0.role == .administrator } }
    public var isOrganizer: Bool { isAdministrator || grants.contains { $0.role == .organizer } }

    public func has(_ role: Role) -> Bool { grants.contains { $0.role == role } }

    /// Units this actor leads a team for.
    public var ledUnitIDs: Set<Int> { Set(grants.filter { $0.role == .teamLeader }.compactMap(\.unitID)) }

    /// Programs this actor officiates or reviews.
    public func programIDs(for role: Role) -> Set<Int> { Set(grants.filter { $0.role == role }.compactMap(\.programID)) }
}
