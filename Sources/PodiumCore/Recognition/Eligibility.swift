import Foundation

/// Who may be nominated for a category: employment status, years of service on a date, and
/// whether last edition's winners of the same award must sit this one out.
public struct Eligibility: Sendable, Hashable, Codable {
    public var allowedStatuses: Set<EmployeeStatus>
    public var minimumServiceYears: Int?
    /// The day on which service is counted (usually the last day of the award year).
    public var serviceCountedOn: CalendarDate?
    public var excludePreviousWinners: Bool

    public init(allowedStatuses: Set<EmployeeStatus> = [.active], minimumServiceYears: Int? = nil,
                serviceCountedOn: CalendarDate? = nil, excludePreviousWinners: Bool = false) {
        self.allowedStatuses = allowedStatuses
        self.minimumServiceYears = minimumServiceYears
        self.serviceCountedOn = serviceCountedOn
        self.excludePreviousWinners = excludePreviousWinners
    }

    public func issues() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if allowedStatuses.isEmpty { issues.append(FieldIssue("allowedStatuses", "error.award.noStatus")) }
        if let years = minimumServiceYears {
            if !(1...50).contains(years) { issues.append(FieldIssue("minimumServiceYears", "error.award.serviceYears", ["value": "\(years)"])) }
            if serviceCountedOn == nil { issues.append(FieldIssue("serviceCountedOn", "error.award.serviceDateRequired")) }
        }
        return issues
    }

    /// Why a nominee may not be nominated, in words; empty when eligible.
    public func problems(for nominee: NomineeFacts) -> [LocalizedMessage] {
        var problems: [LocalizedMessage] = []
        let name = ["name": nominee.name]
        if let status = nominee.status, !allowedStatuses.contains(status) {
            problems.append(LocalizedMessage("error.nomination.status.\(status.rawValue)", name))
        }
        // Teams have no status or hire date; service years apply to people only.
        if let years = minimumServiceYears, let day = serviceCountedOn, nominee.status != nil {
            if let hired = nominee.hireDate {
                let served = hired.age(on: day)
                if served < years {
                    problems.append(LocalizedMessage("error.nomination.service",
                                                     name.merging(["years": "\(years)", "date": day.iso, "hired": hired.iso]) { $1 }))
                }
            } else {
                problems.append(LocalizedMessage("error.nomination.noHireDate", name.merging(["years": "\(years)"]) { $1 }))
            }
        }
        if excludePreviousWinners, let award = nominee.wonSameAwardLastEdition {
            problems.append(LocalizedMessage("error.nomination.previousWinner", name.merging(["program": award]) { $1 }))
        }
        return problems
    }
}

/// What eligibility needs to know about a nominee.
public struct NomineeFacts: Sendable, Equatable {
    public let name: String
    /// Nil for a team nominee.
    public let status: EmployeeStatus?
    public let hireDate: CalendarDate?
    /// The name of the previous edition in which the nominee won this award, if they did.
    public let wonSameAwardLastEdition: String?

    public init(name: String, status: EmployeeStatus?, hireDate: CalendarDate?, wonSameAwardLastEdition: String? = nil) {
        self.name = name
        self.status = status
        self.hireDate = hireDate
        self.wonSameAwardLastEdition = wonSameAwardLastEdition
    }
}

/// When nominations are taken. Either end may be open.
public struct NominationWindow: Sendable, Hashable, Codable {
    public var opensAt: Date?
    public var closesAt: Date?

    public init(opensAt: Date? = nil, closesAt: Date? = nil) {
        self.opensAt = opensAt
        self.closesAt = closesAt
    }

    public func issues() -> [FieldIssue] {
        if let opensAt, let closesAt, closesAt <= opensAt { return [FieldIssue("closesAt", "error.award.windowOrder")] }
        return []
    }

    public enum State: Sendable, Equatable { case notYetOpen, open, closed }

    public func state(at now: Date) -> State {
        if let opensAt, now < opensAt { return .notYetOpen }
        if let closesAt, now >= closesAt { return .closed }
        return .open
    }
}
