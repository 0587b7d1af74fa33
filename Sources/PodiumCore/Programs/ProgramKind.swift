/// The three kinds of occasion Podium runs.
public enum ProgramKind: String, Sendable, Codable, CaseIterable {
    case games, relay, recognition

    public var localizationKey: String { "program.kind.\(rawValue)" }
}

/// A program's lifecycle: prepared, open for entries or nominations, closed, under way, finished,
/// and finally published with its results.
public enum ProgramStatus: String, Sendable, Codable, CaseIterable, Comparable {
    case draft, open, closed, running, finished, published

    private var order: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: ProgramStatus, rhs: ProgramStatus) -> Bool { lhs.order < rhs.order }

    /// Forward one step at a time; back one step to reopen entries or correct a finished program.
    /// Going back from published to finished withdraws the results for correction.
    public var allowedTransitions: [ProgramStatus] {
        let all = Self.allCases
        var next: [ProgramStatus] = []
        if order > 0 { next.append(all[order - 1]) }
        if order + 1 < all.count { next.append(all[order + 1]) }
        return next
    }

    public func canTransition(to target: ProgramStatus) -> Bool {
        allowedTransitions.contains(target)
    }

    /// Whether the public may see the program at all. Drafts are for organizers only.
    public var isPublic: Bool { self != .draft }

    public var localizationKey: String { "program.status.\(rawValue)" }
}

public enum ProgramTransition {
    public static func check(from current: ProgramStatus, to target: ProgramStatus) throws(PodiumError) {
        guard current != target else { return }
        guard current.canTransition(to: target) else {
            throw .validation([FieldIssue("status", "error.program.transition", ["from": current.rawValue, "to": target.rawValue])])
        }
    }
}
