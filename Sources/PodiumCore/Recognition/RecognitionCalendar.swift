import Foundation

/// Where a recognition program stands, from set-up to the published honor roll.
public enum RecognitionStage: String, Sendable, Codable, CaseIterable {
    case setUp = "set_up", nominating, reviewing, decided, notice, noticeOver = "notice_over", published

    public var localizationKey: String { "recognition.stage.\(rawValue)" }

    /// What a category contributes to the stage.
    public struct CategoryState: Sendable {
        public let nominationsOpen: Bool
        public let decided: Bool

        public init(nominationsOpen: Bool, decided: Bool) {
            self.nominationsOpen = nominationsOpen
            self.decided = decided
        }
    }

    /// Publication and the notice decide first; before them, the categories: any still nominating, else all decided or not.
    public static func of(published: Bool, noticeEndsAt: Date?, categories: [CategoryState], now: Date) -> RecognitionStage {
        if published { return .published }
        if let ends = noticeEndsAt { return now < ends ? .notice : .noticeOver }
        if categories.isEmpty { return .setUp }
        if categories.allSatisfy(\.decided) { return .decided }
        if categories.contains(where: \.nominationsOpen) { return .nominating }
        return .reviewing
    }
}

/// The public notice (公示) and publication: when each may happen.
public enum PublicNotice {
    /// The shortest notice accepted; anything shorter is surely a typing slip.
    public static let minimumLength: TimeInterval = 3600

    /// Why the notice cannot start (or move its end) now, or nil.
    public static func startProblem(endsAt: Date, now: Date, approvedAwards: Int, published: Bool, timeZone: TimeZone) -> PodiumError? {
        if published { return .conflict(LocalizedMessage("error.decision.published")) }
        if approvedAwards == 0 { return .conflict(LocalizedMessage("error.notice.nothingApproved")) }
        if endsAt <= now.addingTimeInterval(minimumLength) {
            return .invalid("endsAt", "error.notice.endTooSoon", ["value": DateDisplay.isoMinute(endsAt, timeZone: timeZone)])
        }
        return nil
    }

    /// Why the honor roll cannot be published now, or nil: it needs a notice that has ended and every objection answered.
    public static func publishProblem(noticeEndsAt: Date?, now: Date, openObjections: Int, published: Bool, timeZone: TimeZone) -> PodiumError? {
        if published { return .conflict(LocalizedMessage("error.decision.published")) }
        guard let ends = noticeEndsAt else { return .conflict(LocalizedMessage("error.publish.noNotice")) }
        if now < ends { return .conflict(LocalizedMessage("error.publish.noticeRunning", ["ends": DateDisplay.isoMinute(ends, timeZone: timeZone)])) }
        if openObjections > 0 { return .conflict(LocalizedMessage("error.publish.openObjections", ["count": "\(openObjections)"])) }
        return nil
    }

    /// Objections are taken only while the notice runs.
    public static func takesObjections(noticeEndsAt: Date?, published: Bool, now: Date) -> Bool {
        guard let ends = noticeEndsAt, !published else { return false }
        return now < ends
    }
}

/// An objection as anyone may lodge it during the notice: a name (no anonymous objections), an optional contact, and what is wrong.
public struct ObjectionDraft: Sendable, Equatable {
    public var name: String
    public var contact: String?
    public var text: String

    public init(name: String, contact: String?, text: String) {
        self.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let contact = contact?.trimmingCharacters(in: .whitespacesAndNewlines)
        self.contact = contact?.isEmpty == false ? contact : nil
        self.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static let maxName = 100
    public static let maxContact = 200
    public static let minText = 10
    public static let maxText = 4000

    public func issues() -> [FieldIssue] {
        var collector = ValidationCollector()
        if name.isEmpty { collector.add("name", "error.objection.nameRequired") } else if name.count > Self.maxName { collector.add("name", "error.objection.nameLong") }
        if text.count < Self.minText { collector.add("text", "error.objection.textShort") } else if text.count > Self.maxText { collector.add("text", "error.objection.textLong") }
        if (contact?.count ?? 0) > Self.maxContact { collector.add("contact", "error.objection.contactLong") }
        return collector.issues
    }
}

extension AwardProposal {
    /// The quotas checked once more on what would be stored: the awards already approved plus the new ones.
    /// Nil when they hold; else the first quota broken, naming the organization.
    public static func quotaProblem(awarded: [Int], seats: Int, perUnitQuota: Int?, quotaUnit: [Int: Int], categoryName: String,
                                    unitName: (Int) -> String) -> LocalizedMessage? {
        if awarded.count > seats { return LocalizedMessage("error.decision.overQuota", ["category": categoryName, "quota": "\(seats)"]) }
        guard let perUnit = perUnitQuota else { return nil }
        let counts = Dictionary(grouping: awarded.compactMap { quotaUnit[$0] }, by: { $0 }).mapValues(\.count)
        guard let (unit, count) = counts.sorted(by: { $0.key < $1.key }).first(where: { $0.value > perUnit }) else { return nil }
        return LocalizedMessage("error.decision.overUnitQuota", ["unit": unitName(unit), "count": "\(count)", "quota": "\(perUnit)"])
    }
}
