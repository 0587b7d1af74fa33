import Foundation
import PodiumCore
import Vapor

/// A post on the organizing team with its shifts, in the order the organizer keeps them.
struct DutyPostDTO: Content, Equatable {
    let id: Int
    let programId: Int
    let name: String
    let kind: DutyKind
    let venueName: String?
    /// 1 for the first post.
    let position: Int
    let version: Int
    /// By start time.
    let shifts: [DutyShiftDTO]
}

/// A post as an organizer sends it. On creation `name` and `kind` are needed; on an update the version is,
/// and omitted fields keep their value (send `""` to clear `venueName`). `position` (1-based) moves the post.
struct DutyPostInput: Content {
    var name: String?
    var kind: String?
    var venueName: String?
    var position: Int?
    var version: Int?
}

/// A stretch of the day a post needs people for, and how well it is staffed.
struct DutyShiftDTO: Content, Equatable {
    let id: Int
    let postId: Int
    /// `HH:mm` in the program's time zone.
    let starts: String
    let ends: String
    let needed: Int
    /// People on the post for the whole shift.
    let assignedPersonIds: [Int]
    /// People on the post for part of the shift only; they do not count towards `needed`.
    let partialPersonIds: [Int]
    /// How many more people the shift needs.
    let missing: Int
    let version: Int
}

struct DutyShiftInput: Content {
    var starts: String?
    var ends: String?
    var needed: Int?
}

/// One person on one post for a stretch of the day.
struct DutyAssignmentDTO: Content, Equatable {
    let id: Int
    let postId: Int
    let postName: String
    let personId: Int
    let personName: String
    let employeeNumber: String?
    /// The last two levels of the person's unit (`Jinghua Technology › Production`).
    let unitName: String?
    let starts: String
    let ends: String
    let note: String?
    let version: Int
}

/// Puts someone on a post: for a shift (`shiftId`: the post and the times come from it, `starts`/`ends` may
/// narrow them) or for `postId` with `starts` and `ends`. The person is `personId`, or `employeeNumber`.
struct DutyAssignmentInput: Content {
    var postId: Int?
    var shiftId: Int?
    var personId: Int?
    var employeeNumber: String?
    var starts: String?
    var ends: String?
    var note: String?
}

/// Fills the gaps from a pool of people: the active employees of `unitId` and the units under it, and/or the
/// people with the listed `employeeNumbers`. Athletes entered in the program stay out of the pool unless
/// `includeAthletes`. `postId` limits the fill to one post's shifts.
struct DutyFillInput: Content {
    var unitId: Int?
    var employeeNumbers: [String]?
    var includeAthletes: Bool?
    var postId: Int?
}

/// What a fill added, and the shifts still short of people.
struct DutyFillDTO: Content, Equatable {
    let added: [DutyAssignmentDTO]
    let unfilled: [DutyShiftDTO]
    /// How many people the pool held.
    let poolSize: Int
}
