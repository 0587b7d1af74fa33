import Foundation

/// An entry that exists already, for quotas and limits.
public struct ExistingEntry: Sendable, Equatable {
    public let entryID: Int
    public let eventID: Int
    public let teamID: Int
    public let personIDs: [Int]

    public init(entryID: Int, eventID: Int, teamID: Int, personIDs: [Int]) {
        self.entryID = entryID
        self.eventID = eventID
        self.teamID = teamID
        self.personIDs = personIDs
    }
}

/// Which rule an entry breaks, so an organizer can override exactly that one with a reason.
public enum EntryRule: String, Sendable, Codable, CaseIterable {
    case deadline, team, gender, age, lineUpSize, minimumWomen, parentChild, teamQuota, personLimit, duplicate
}

public struct RuleViolation: Sendable, Equatable {
    public let rule: EntryRule
    public let message: LocalizedMessage

    public init(_ rule: EntryRule, _ key: String, _ args: [String: String] = [:]) {
        self.rule = rule
        self.message = LocalizedMessage(key, args)
    }
}

/// Checks an entry against its event's rules, stating each violation in words.
public struct EntryCheck: Sendable {
    public let rules: [Int: EventRules]
    public let existing: [ExistingEntry]
    /// Events one person may enter at most (counting only events that count towards the limit).
    public let personEventLimit: Int?

    public init(rules: [EventRules], existing: [ExistingEntry], personEventLimit: Int?) {
        self.rules = Dictionary(uniqueKeysWithValues: rules.map { ($0.eventID, $0) })
        self.existing = existing
        self.personEventLimit = personEventLimit
    }

    /// Every rule the entry breaks. `replacing` is the entry being edited (or re-checked), left out of
    /// quotas and limits. Ask with `now` for the deadline; re-checks after a rule change pass nil.
    /// With `onlyEarlier`, quotas and limits count only entries made before this one, so that a re-check
    /// flags the entries beyond a quota rather than all of them.
    public func violations(eventID: Int, teamID: Int, members: [Athlete], replacing entryID: Int? = nil, now: Date?,
                           onlyEarlier: Bool = false) -> [RuleViolation] {
        guard let event = rules[eventID] else { return [] }
        var found: [RuleViolation] = []
        let others = existing.filter { other in
            guard let entryID else { return true }
            return onlyEarlier ? other.entryID < entryID : other.entryID != entryID
        }

        if let now, let deadline = event.deadline, now > deadline {
            found.append(RuleViolation(.deadline, "rule.deadline", ["event": event.name]))
        }
        let adults = event.parentChild ? members.filter { $0.kind != .family } : members
        let children = event.parentChild ? members.filter { $0.kind == .family } : []

        let size = event.parentChild ? (adults.count == 1 && children.count == 1 ? 1 : 0) : members.count
        if event.parentChild {
            if adults.count != 1 || children.count != 1 {
                found.append(RuleViolation(.parentChild, "rule.parentChild.pair", ["event": event.name]))
            }
        } else if size < event.lineUpMin || size > event.lineUpMax {
            let key = event.lineUpMin == event.lineUpMax ? "rule.lineUp.exact" : "rule.lineUp.range"
            found.append(RuleViolation(.lineUpSize, key, ["event": event.name, "count": "\(size)", "min": "\(event.lineUpMin)", "max": "\(event.lineUpMax)"]))
        }
        var seen = Set<Int>()
        for member in members where !seen.insert(member.personID).inserted {
            found.append(RuleViolation(.duplicate, "rule.duplicateMember", ["name": member.name]))
        }
        for adult in adults where adult.teamID != teamID {
            found.append(RuleViolation(.team, "rule.notInTeam", ["name": adult.name]))
        }
        for adult in adults where !event.gender.admits(adult.gender) {
            found.append(RuleViolation(.gender, event.gender == .men ? "rule.gender.menOnly" : "rule.gender.womenOnly",
                                       ["name": adult.name, "event": event.name]))
        }
        for adult in adults {
            guard event.age != .any else { break }
            guard let birth = adult.birthDate else {
                found.append(RuleViolation(.age, "rule.age.unknown", ["name": adult.name]))
                continue
            }
            let age = birth.age(on: event.date)
            if !event.age.admits(age: age) {
                found.append(RuleViolation(.age, "rule.age.outside", ageArgs(adult.name, age, event.age)))
            }
        }
        if event.minimumWomen > 0 {
            let women = adults.filter { $0.gender == .female }.count
            if women < event.minimumWomen {
                found.append(RuleViolation(.minimumWomen, "rule.minimumWomen", ["event": event.name, "count": "\(women)", "min": "\(event.minimumWomen)"]))
            }
        }
        if event.parentChild, adults.count == 1, children.count == 1 {
            let parent = adults[0], child = children[0]
            if parent.kind != .employee {
                found.append(RuleViolation(.parentChild, "rule.parentChild.parentNotEmployee", ["name": parent.name]))
            }
            if child.guardianID != parent.personID {
                found.append(RuleViolation(.parentChild, "rule.parentChild.notTheirChild", ["child": child.name, "parent": parent.name]))
            }
            if let birth = child.birthDate {
                let age = birth.age(on: event.date)
                if !event.childAge.admits(age: age) {
                    found.append(RuleViolation(.parentChild, "rule.parentChild.childAge", ageArgs(child.name, age, event.childAge)))
                }
            } else {
                found.append(RuleViolation(.parentChild, "rule.age.unknown", ["name": child.name]))
            }
        }
        if let quota = event.teamQuota {
            let used = others.filter { $0.eventID == eventID && $0.teamID == teamID }.count
            if used >= quota {
                found.append(RuleViolation(.teamQuota, "rule.teamQuota", ["event": event.name, "quota": "\(quota)"]))
            }
        }
        for member in members {
            if others.contains(where: { $0.eventID == eventID && $0.personIDs.contains(member.personID) }) {
                found.append(RuleViolation(.duplicate, "rule.alreadyEntered", ["name": member.name, "event": event.name]))
            }
        }
        if let limit = personEventLimit, event.countsTowardPersonLimit {
            for adult in adults {
                let counted = Set(others.filter { entry in
                    entry.personIDs.contains(adult.personID) && entry.eventID != eventID && (rules[entry.eventID]?.countsTowardPersonLimit ?? true)
                }.map(\.eventID))
                if counted.count >= limit {
                    found.append(RuleViolation(.personLimit, "rule.personLimit", ["name": adult.name, "limit": "\(limit)"]))
                }
            }
        }
        return found
    }

    /// Re-checks every existing entry after a rule changed: the entries that now break a rule, and how.
    public func recheckAll(members: [Int: [Athlete]]) -> [(entryID: Int, violations: [RuleViolation])] {
        existing.compactMap { entry in
            let found = violations(eventID: entry.eventID, teamID: entry.teamID, members: members[entry.entryID] ?? [], replacing: entry.entryID,
                                    now: nil, onlyEarlier: true)
            return found.isEmpty ? nil : (entry.entryID, found)
        }
    }

    private func ageArgs(_ name: String, _ age: Int, _ rule: AgeRule) -> [String: String] {
        ["name": name, "age": "\(age)", "min": rule.minimum.map(String.init) ?? "—", "max": rule.maximum.map(String.init) ?? "—"]
    }
}
