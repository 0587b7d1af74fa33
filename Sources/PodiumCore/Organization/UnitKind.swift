/// Where a unit sits: inside the group's own tree, or an outside organization that can still field teams.
public enum UnitKind: String, Sendable, Codable, CaseIterable {
    case group, sector, company, department
    case community, college, publicBody = "public_body", external

    public var isExternal: Bool {
        switch self {
        case .group, .sector, .company, .department: return false
        case .community, .college, .publicBody, .external: return true
        }
    }

    /// The kind a new child of this unit gets when none is given (a roster path creating units).
    public var defaultChildKind: UnitKind {
        switch self {
        case .group: return .sector
        case .sector: return .company
        case .company, .department, .community, .college, .publicBody, .external: return .department
        }
    }

    /// The kinds a child of this unit may have. The group's tree goes downwards only;
    /// outside organizations may have departments of their own.
    public var allowedChildKinds: [UnitKind] {
        switch self {
        case .group: return [.sector, .company, .department]
        case .sector: return [.company, .department]
        case .company, .department: return [.department]
        case .community, .college, .publicBody, .external: return [.department]
        }
    }

    public var localizationKey: String { "unit.kind.\(rawValue)" }
}

/// A unit as the domain sees it: enough to walk the tree without a database.
public struct UnitNode: Sendable, Hashable {
    public let id: Int
    public let parentID: Int?
    public let name: String
    public let kind: UnitKind

    public init(id: Int, parentID: Int?, name: String, kind: UnitKind) {
        self.id = id
        self.parentID = parentID
        self.name = name
        self.kind = kind
    }
}

/// The whole unit tree in memory, for scope checks and path display.
public struct UnitTree: Sendable {
    public let nodes: [Int: UnitNode]
    private let children: [Int: [Int]]

    public init(_ units: [UnitNode]) {
        var nodes: [Int: UnitNode] = [:]
        var children: [Int: [Int]] = [:]
        for unit in units {
            nodes[unit.id] = unit
            if let parent = unit.parentID { children[parent, default: []].append(unit.id) }
        }
        self.nodes = nodes
        self.children = children
    }

    /// The unit and its ancestors, nearest first. Stops on a cycle rather than looping.
    public func ancestry(of id: Int) -> [UnitNode] {
        var chain: [UnitNode] = []
        var seen: Set<Int> = []
        var current = nodes[id]
        while let unit = current, !seen.contains(unit.id) {
            chain.append(unit)
            seen.insert(unit.id)
            current = unit.parentID.flatMap { nodes[$0] }
        }
        return chain
    }

    /// `Group / Sector / Company`, root first.
    public func path(of id: Int) -> [String] {
        ancestry(of: id).reversed().map(\.name)
    }

    /// True when `id` is `ancestorID` itself or lies below it.
    public func isWithin(_ id: Int, ancestorID: Int) -> Bool {
        ancestry(of: id).contains { $0.id == ancestorID }
    }

    /// The unit and everything below it.
    public func subtree(of id: Int) -> Set<Int> {
        var result: Set<Int> = []
        var stack = [id]
        while let next = stack.popLast() {
            guard result.insert(next).inserted else { continue }
            stack.append(contentsOf: children[next] ?? [])
        }
        return result
    }

    public func children(of id: Int?) -> [UnitNode] {
        if let id { return (children[id] ?? []).compactMap { nodes[$0] } }
        return nodes.values.filter { $0.parentID == nil }
    }

    /// Whether moving `id` under `newParentID` would make the unit its own ancestor.
    public func wouldCreateCycle(moving id: Int, under newParentID: Int) -> Bool {
        isWithin(newParentID, ancestorID: id)
    }
}
