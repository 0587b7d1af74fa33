import Foundation

/// A unit a roster import has to create, in order, each one the parent of the next.
public struct UnitToCreate: Sendable, Hashable {
    public let name: String
    public let kind: UnitKind

    public init(name: String, kind: UnitKind) {
        self.name = name
        self.kind = kind
    }
}

/// Where a roster unit path lands in the existing tree.
public struct UnitPathResolution: Sendable, Equatable {
    /// The deepest existing unit the path matched; the parent of the first unit to create.
    /// Nil when nothing matched and the path starts a new root.
    public let existingID: Int?
    /// The rest of the path, to create below `existingID`. Empty when the whole path exists.
    public let toCreate: [UnitToCreate]

    public init(existingID: Int?, toCreate: [UnitToCreate]) {
        self.existingID = existingID
        self.toCreate = toCreate
    }
}

/// Matches roster unit paths (`Group/Sector/Company/Department`) against the unit tree.
public enum UnitPathResolver {
    public static func resolve(_ path: [String], in tree: [UnitNode]) -> UnitPathResolution {
        Index(tree).resolve(path)
    }

    /// Resolves many paths against one index of the tree (a roster has thousands of rows
    /// but few distinct paths).
    public static func resolveAll(_ paths: Set<[String]>, in tree: [UnitNode]) -> [[String]: UnitPathResolution] {
        let index = Index(tree)
        var result: [[String]: UnitPathResolution] = [:]
        for path in paths { result[path] = index.resolve(path) }
        return result
    }

    /// Names compare trimmed and ASCII-case-insensitively: `ACME` is `Acme`, but full-width
    /// `ＡＣＭＥ` stays distinct, since folding it could merge units HR keeps apart.
    static func key(_ name: String) -> String {
        let scalars = name.trimmingCharacters(in: .whitespaces).unicodeScalars.map { scalar in
            ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
        }
        return String(String.UnicodeScalarView(scalars))
    }

    private struct Index {
        /// Children by parent (nil for roots) and name key; on equal names the lowest id wins,
        /// so the answer does not depend on the order units were loaded in.
        var children: [Int?: [String: UnitNode]] = [:]
        /// Every unit by name key, to find where a path that omits the upper levels belongs.
        var byName: [String: [UnitNode]] = [:]

        init(_ tree: [UnitNode]) {
            for unit in tree {
                let name = UnitPathResolver.key(unit.name)
                if children[unit.parentID]?[name].map({ $0.id > unit.id }) ?? true {
                    children[unit.parentID, default: [:]][name] = unit
                }
                byName[name, default: []].append(unit)
            }
        }

        func resolve(_ path: [String]) -> UnitPathResolution {
            guard let first = path.first else { return UnitPathResolution(existingID: nil, toCreate: []) }
            let firstKey = UnitPathResolver.key(first)
            let anchor: UnitNode? = children[nil]?[firstKey]
                ?? (byName[firstKey]?.count == 1 ? byName[firstKey]![0] : nil)
            guard var current = anchor else {
                return UnitPathResolution(existingID: nil, toCreate: plan(path[...], parentKind: nil))
            }
            var rest = path.dropFirst()
            while let next = rest.first, let child = children[current.id]?[UnitPathResolver.key(next)] {
                current = child
                rest = rest.dropFirst()
            }
            return UnitPathResolution(existingID: current.id, toCreate: plan(rest, parentKind: current.kind))
        }

        /// Kinds follow the tree's defaults downwards; a new root is a group.
        private func plan(_ names: ArraySlice<String>, parentKind: UnitKind?) -> [UnitToCreate] {
            var kind = parentKind
            return names.map { name in
                let next = kind?.defaultChildKind ?? .group
                kind = next
                return UnitToCreate(name: name.trimmingCharacters(in: .whitespaces), kind: next)
            }
        }
    }
}
