import Foundation
import PodiumCore
import Vapor

/// A games program's opening ceremony: the start time and every segment with its clock times.
struct RunOfShowDTO: Content, Equatable {
    let programId: Int
    /// `HH:mm` in the program's time zone.
    let startsAt: String
    let endsAt: String
    /// The start time's version; 0 while the default start applies.
    let version: Int
    let segments: [RunOfShowSegmentDTO]
}

struct RunOfShowSegmentDTO: Content, Equatable {
    let id: Int
    /// 1 for the first segment.
    let position: Int
    let kind: RunOfShowKind
    let title: String
    /// Minutes as typed.
    let duration: Int
    /// Minutes the segment takes: `duration`, or for a march-in with formations, the formations' time rounded up.
    let minutes: Int
    let performer: String?
    /// In marching order.
    let formations: [String]
    let secondsPerFormation: Int
    let startsAt: String
    let endsAt: String
    /// When each formation passes the stand, for the announcer.
    let cues: [MarchInCueDTO]
    let version: Int
}

struct MarchInCueDTO: Content, Equatable {
    let formation: String
    /// `HH:mm:ss`.
    let at: String
}

/// The ceremony's start time; version 0 while the default start applies.
struct RunOfShowStartInput: Content {
    var startsAt: String?
    var version: Int?
}

/// A segment as an organizer sends it. On creation `kind` and `title` are needed, and `duration` unless it is a
/// march-in with formations; on an update the version is, and omitted fields keep their value (`""` clears the
/// performer). `position` (1-based) moves it; `fromTeams` fills a march-in's formations from the program's teams.
struct RunOfShowSegmentInput: Content {
    var kind: String?
    var title: String?
    var duration: Int?
    var performer: String?
    var formations: [String]?
    var secondsPerFormation: Int?
    var position: Int?
    var fromTeams: MarchInFromTeamsInput?
    var version: Int?
}

/// The march-in from the program's teams: in the order of `teamIds` (default: every team by name), after the
/// national flag and the group flag formations (default names in the caller's language; `""` leaves one out).
struct MarchInFromTeamsInput: Content {
    var teamIds: [Int]?
    var nationalFlag: String?
    var groupFlag: String?
}
