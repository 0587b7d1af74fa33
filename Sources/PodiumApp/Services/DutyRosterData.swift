import Foundation
import PodiumCore

/// One program's duty roster as stored: posts, shifts, assignments and the people on them, loaded once and
/// turned into PodiumCore's values and into DTOs.
struct DutyRosterData {
    let programID: Int
    /// By position.
    let posts: [DutyPostModel]
    let shifts: [DutyShiftModel]
    let assignments: [DutyAssignmentModel]
    let people: [Int: PersonModel]
    let tree: UnitTree

    var postNames: [Int: String] { Dictionary(uniqueKeysWithValues: posts.map { ($0.id!, $0.name) }) }
    var personNames: [Int: String] { people.mapValues(\.name) }

    var coreAssignments: [DutyAssignment] {
        assignments.map { DutyAssignment(personID: $0.$person.id, postID: $0.$post.id, start: $0.starts, end: $0.ends) }
    }

    /// Shifts by start, end, then id, as the pages list them.
    var sortedShifts: [DutyShiftModel] { shifts.sorted { ($0.starts, $0.ends, $0.id!) < ($1.starts, $1.ends, $1.id!) } }

    /// Each shift's coverage by shift id.
    var coverage: [Int: ShiftCoverage] {
        let ordered = sortedShifts
        let covered = DutyRoster.coverage(shifts: ordered.map(\.core), assignments: coreAssignments)
        return Dictionary(uniqueKeysWithValues: zip(ordered.map { $0.id! }, covered))
    }

    func postDTOs() -> [DutyPostDTO] {
        let coverage = coverage
        let byPost = Dictionary(grouping: sortedShifts, by: { $0.$post.id })
        return posts.map { post in
            DutyPostDTO(id: post.id!, programId: programID, name: post.name, kind: DutyKind(rawValue: post.kind) ?? .other, venueName: post.venueName,
                        position: post.position, version: post.version,
                        shifts: (byPost[post.id!] ?? []).map { $0.dto(coverage[$0.id!]) })
        }
    }

    func shiftDTO(_ id: Int) -> DutyShiftDTO? {
        shifts.first { $0.id == id }.map { $0.dto(coverage[id]) }
    }

    /// Every assignment, by start, then the post's position, then name.
    func assignmentDTOs() -> [DutyAssignmentDTO] {
        let positions = Dictionary(uniqueKeysWithValues: posts.map { ($0.id!, $0.position) })
        return assignments
            .sorted { ($0.starts, positions[$0.$post.id] ?? 0, people[$0.$person.id]?.name ?? "", $0.id!)
                < ($1.starts, positions[$1.$post.id] ?? 0, people[$1.$person.id]?.name ?? "", $1.id!) }
            .map(assignmentDTO)
    }

    func assignmentDTO(_ model: DutyAssignmentModel) -> DutyAssignmentDTO {
        let person = people[model.$person.id]
        return DutyAssignmentDTO(id: model.id!, postId: model.$post.id, postName: postNames[model.$post.id] ?? "", personId: model.$person.id,
                                 personName: person?.name ?? "\(model.$person.id)", employeeNumber: person?.employeeNumber,
                                 unitName: person?.$unit.id.flatMap { AttendeeDraft.unitName(path: tree.path(of: $0)) },
                                 starts: MinuteOfDay.text(model.starts), ends: MinuteOfDay.text(model.ends), note: model.note, version: model.version)
    }
}

extension DutyShiftModel {
    var core: DutyShift { DutyShift(postID: $post.id, start: starts, end: ends, needed: needed) }

    func dto(_ coverage: ShiftCoverage?) -> DutyShiftDTO {
        DutyShiftDTO(id: id!, postId: $post.id, starts: MinuteOfDay.text(starts), ends: MinuteOfDay.text(ends), needed: needed,
                     assignedPersonIds: coverage?.assigned ?? [], partialPersonIds: coverage?.partial ?? [],
                     missing: coverage?.missing ?? needed, version: version)
    }
}
