import Foundation

/// Who may make up a relay team.
public struct RelayComposition: Sendable, Equatable, Codable {
    /// Runners in a team; each runs at least one leg.
    public var teamSize: Int
    public var minimumWomen: Int
    /// Runners must belong to the team's own organization unless marked as a guest.
    public var ownOrganizationOnly: Bool
    /// Guests a team may bring at most.
    public var maximumGuests: Int

    public init(teamSize: Int = 5, minimumWomen: Int = 1, ownOrganizationOnly: Bool = true, maximumGuests: Int = 1) {
        self.teamSize = teamSize
        self.minimumWomen = minimumWomen
        self.ownOrganizationOnly = ownOrganizationOnly
        self.maximumGuests = maximumGuests
    }

    /// This composition after the course was set to `legCount` legs: a team size left as it was stored (a new
    /// race's 5, say) comes down to the legs, and a women's or guests' limit left as stored comes down to the
    /// team. Only numbers the organizer changed are kept as typed, for `validate` to refuse.
    public func fitted(toLegs legCount: Int, stored: RelayComposition) -> RelayComposition {
        var fitted = self
        if legCount > 0, teamSize == stored.teamSize, teamSize > legCount { fitted.teamSize = legCount }
        if minimumWomen == stored.minimumWomen, minimumWomen > fitted.teamSize { fitted.minimumWomen = fitted.teamSize }
        if maximumGuests == stored.maximumGuests, maximumGuests > fitted.teamSize { fitted.maximumGuests = fitted.teamSize }
        return fitted
    }

    public func validate(legCount: Int) throws(PodiumError) {
        var issues = ValidationCollector()
        if teamSize < 1 || teamSize > 50 { issues.add("teamSize", "error.relay.teamSize", ["value": "\(teamSize)"]) }
        if legCount > 0, teamSize > legCount {
            issues.add("teamSize", "error.relay.teamSizeOverLegs", ["size": "\(teamSize)", "legs": "\(legCount)"])
        }
        if minimumWomen < 0 || minimumWomen > teamSize {
            issues.add("minimumWomen", "error.relay.minimumWomen", ["value": "\(minimumWomen)", "size": "\(teamSize)"])
        }
        if maximumGuests < 0 || maximumGuests > teamSize {
            issues.add("maximumGuests", "error.relay.maximumGuests", ["value": "\(maximumGuests)", "size": "\(teamSize)"])
        }
        try issues.check()
    }
}

/// The rule a line-up breaks, so the message and any later override name exactly one.
public enum RelayLineUpRule: String, Sendable, Codable, CaseIterable {
    case legWithoutRunner, teamSize, minimumWomen, ownOrganization, guests, otherTeam, unknownRunner
}

public struct RelayLineUpViolation: Sendable, Equatable {
    public let rule: RelayLineUpRule
    public let message: LocalizedMessage

    public init(_ rule: RelayLineUpRule, _ key: String, _ args: [String: String] = [:]) {
        self.rule = rule
        self.message = LocalizedMessage(key, args)
    }
}

/// A runner as the line-up check needs them.
public struct RelayRunner: Sendable, Equatable {
    public let personID: Int
    public let name: String
    public let gender: Gender?
    public let unitID: Int?
    public let guest: Bool

    public init(personID: Int, name: String, gender: Gender?, unitID: Int?, guest: Bool) {
        self.personID = personID
        self.name = name
        self.gender = gender
        self.unitID = unitID
        self.guest = guest
    }
}

/// Checks a team's line-up (a runner per leg) against the composition rules.
public struct RelayLineUpCheck: Sendable {
    public let composition: RelayComposition
    public let legCount: Int
    public let tree: UnitTree
    /// Person id → the name of the other team of this race they already run for.
    public let runnersOfOtherTeams: [Int: String]

    public init(composition: RelayComposition, legCount: Int, tree: UnitTree, runnersOfOtherTeams: [Int: String]) {
        self.composition = composition
        self.legCount = legCount
        self.tree = tree
        self.runnersOfOtherTeams = runnersOfOtherTeams
    }

    /// Every rule broken by `legs` (leg order → runner) for a team of `teamUnitID`, each in words naming the runner or leg.
    public func violations(teamName: String, teamUnitID: Int, legs: [Int: RelayRunner]) -> [RelayLineUpViolation] {
        var found: [RelayLineUpViolation] = []
        let missing = (1...max(1, legCount)).filter { legs[$0] == nil }
        if legCount > 0, !missing.isEmpty {
            found.append(RelayLineUpViolation(.legWithoutRunner, "rule.relay.legWithoutRunner",
                                              ["team": teamName, "legs": missing.map(String.init).joined(separator: ", ")]))
        }
        var runners: [RelayRunner] = []
        for order in legs.keys.sorted() where !runners.contains(where: { $0.personID == legs[order]!.personID }) {
            runners.append(legs[order]!)
        }
        if runners.count != composition.teamSize {
            found.append(RelayLineUpViolation(.teamSize, "rule.relay.teamSize",
                                              ["team": teamName, "count": "\(runners.count)", "size": "\(composition.teamSize)"]))
        }
        let women = runners.filter { $0.gender == .female }.count
        if women < composition.minimumWomen {
            found.append(RelayLineUpViolation(.minimumWomen, "rule.relay.minimumWomen",
                                              ["team": teamName, "count": "\(women)", "min": "\(composition.minimumWomen)"]))
        }
        let guests = runners.filter(\.guest)
        if guests.count > composition.maximumGuests {
            found.append(RelayLineUpViolation(.guests, "rule.relay.guests",
                                              ["team": teamName, "count": "\(guests.count)", "max": "\(composition.maximumGuests)"]))
        }
        if composition.ownOrganizationOnly {
            let organization = tree.nodes[teamUnitID]?.name ?? teamName
            for runner in runners where !runner.guest {
                let inside = runner.unitID.map { tree.isWithin($0, ancestorID: teamUnitID) } ?? false
                if !inside {
                    found.append(RelayLineUpViolation(.ownOrganization, "rule.relay.ownOrganization",
                                                      ["name": runner.name, "organization": organization]))
                }
            }
        }
        for runner in runners {
            if let other = runnersOfOtherTeams[runner.personID] {
                found.append(RelayLineUpViolation(.otherTeam, "rule.relay.otherTeam", ["name": runner.name, "team": other]))
            }
        }
        return found
    }
}
