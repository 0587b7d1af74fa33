import Fluent
import Foundation
import PodiumCore
import Vapor

/// `/admin/games/{slug}/staff`: the organizing team of a games day. Organizers set up posts and their shifts,
/// put people from the roster on them (typed by employee number or name) or fill the gaps from a pool; the
/// program's officials see the roster. Every refusal comes back in place, a clash naming the person, the other
/// post and its time.
struct GamesStaffAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let staff = routes.grouped("admin", "games", ":slug", "staff")
        staff.get(use: overview)
        staff.post("posts", use: addPost)
        staff.post("posts", ":postId", use: updatePost)
        staff.post("posts", ":postId", "delete", use: deletePost)
        staff.post("posts", ":postId", "shifts", use: addShift)
        staff.post("shifts", ":shiftId", "delete", use: removeShift)
        staff.post("assignments", use: assign)
        staff.post("assignments", ":assignmentId", "delete", use: unassign)
        staff.post("fill", use: fill)
    }

    struct PostForm: Content {
        var name: String?
        var kind: String?
        var venueName: String?
        var version: Int?
    }

    struct ShiftForm: Content {
        var starts: String?
        var ends: String?
        var needed: String?
    }

    /// For a shift (`shiftId`) or for a post and times; `person` is an employee number or a full name.
    struct AssignForm: Content {
        var shiftId: String?
        var postId: String?
        var person: String?
        var starts: String?
        var ends: String?
        var note: String?
    }

    /// The pool: a unit's active employees and/or employee numbers one per line.
    struct FillForm: Content {
        var unitId: String?
        var employeeNumbers: String?
        var includeAthletes: String?
        var onlyPostId: String?
    }

    struct VersionForm: Content {
        var version: Int?
    }

    /// Where a refused form goes back, and what was typed in it.
    enum Place: Equatable {
        case top, addPost, assign, fill
        case post(Int), editPost(Int), addShift(Int), shiftAssign(Int)
    }

    struct Refusal {
        var place: Place = .top
        var issues: [FieldIssue] = []
        var message: String?
        var post: PostForm?
        var shift: ShiftForm?
        var assign: AssignForm?
        var fill: FillForm?
    }

    func overview(req: Request) async throws -> Response {
        try await render(req, program: try await GamesOffice.program(req))
    }

    func addPost(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let form = try req.content.decode(PostForm.self)
        do {
            let post = try await req.duties.createPost(program: program, DutyPostInput(name: form.name, kind: form.kind, venueName: form.venueName), by: req.actor)
            return req.redirect(to: "\(Self.base(program))#post-\(post.id)", flash: req.t("staff.postAdded", ["post": post.name]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, refusal: Refusal(place: .addPost, issues: issues, post: form), status: .unprocessableEntity)
        }
    }

    func updatePost(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let postID = try req.intParameter("postId")
        let form = try req.content.decode(PostForm.self)
        do {
            // A form always sends every field: an emptied venue is cleared.
            let post = try await req.duties.updatePost(program: program, postID: postID, DutyPostInput(
                name: form.name ?? "", kind: form.kind ?? "", venueName: form.venueName ?? "", version: form.version), by: req.actor)
            return req.redirect(to: "\(Self.base(program))#post-\(postID)", flash: req.t("staff.postSaved", ["post": post.name]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, refusal: Refusal(place: .editPost(postID), issues: issues, post: form), status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(place: .editPost(postID), issues: [FieldIssue("version", message)], post: form),
                                    status: .conflict)
        }
    }

    func deletePost(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let postID = try req.intParameter("postId")
        let name = try await req.duties.post(postID, programID: program.id!).name
        do {
            try await req.duties.deletePost(program: program, postID: postID, version: try req.content.decode(VersionForm.self).version, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(place: .post(postID), message: req.t(message)), status: .conflict)
        }
        return req.redirect(to: Self.base(program), flash: req.t("staff.postDeleted", ["post": name]))
    }

    func addShift(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let postID = try req.intParameter("postId")
        let form = try req.content.decode(ShiftForm.self)
        let neededText = form.needed?.trimmingCharacters(in: .whitespaces) ?? ""
        do {
            if !neededText.isEmpty, Int(neededText) == nil {
                // Say what is wrong with the times too, so one round trip shows every problem.
                var issues = ValidationCollector()
                _ = DutyService.time(form.starts, field: "starts", into: &issues)
                _ = DutyService.time(form.ends, field: "ends", into: &issues)
                issues.add("needed", "error.field.integer", ["value": neededText])
                try issues.check()
            }
            let shift = try await req.duties.addShift(program: program, postID: postID,
                                                      DutyShiftInput(starts: form.starts, ends: form.ends, needed: Int(neededText)), by: req.actor)
            return req.redirect(to: "\(Self.base(program))#post-\(postID)", flash: req.t("staff.shiftAdded", ["time": "\(shift.starts)–\(shift.ends)"]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, refusal: Refusal(place: .addShift(postID), issues: issues, shift: form), status: .unprocessableEntity)
        }
    }

    func removeShift(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let shiftID = try req.intParameter("shiftId")
        let (shift, post) = try await req.duties.shift(shiftID, programID: program.id!)
        do {
            try await req.duties.removeShift(program: program, shiftID: shiftID, version: try req.content.decode(VersionForm.self).version, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(place: .post(post.id!), message: req.t(message)), status: .conflict)
        }
        return req.redirect(to: "\(Self.base(program))#post-\(post.id!)",
                            flash: req.t("staff.shiftRemoved", ["post": post.name, "time": MinuteOfDay.span(shift.starts, shift.ends)]))
    }

    func assign(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let form = try req.content.decode(AssignForm.self)
        let shiftID = form.shiftId.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        var input = DutyAssignmentInput(postId: form.postId.flatMap { Int($0) }, shiftId: shiftID, starts: form.starts, ends: form.ends, note: form.note)
        var personIssues: [FieldIssue] = []
        let typed = form.person?.trimmingCharacters(in: .whitespaces) ?? ""
        if typed.isEmpty {
            personIssues = [FieldIssue("person", "error.staff.personRequired")]
        } else {
            do { input.personId = try await req.people.findEmployeeID(typed: typed) } catch PodiumError.validation(let found) {
                personIssues = found.map { FieldIssue("person", $0.message) }
            }
        }
        let place: Place = shiftID.map { .shiftAssign($0) } ?? .assign
        do {
            let assignment = try await req.dutyAssignments.assign(program: program, input, by: req.actor)
            return req.redirect(to: "\(Self.base(program))#post-\(assignment.postId)", flash: req.t("staff.assigned", [
                "name": assignment.personName, "post": assignment.postName, "time": "\(assignment.starts)–\(assignment.ends)"]))
        } catch PodiumError.validation(let issues) {
            // The person could not be found: say so instead of "choose someone".
            let all = personIssues.isEmpty ? issues : personIssues + issues.filter { $0.field != "personId" }
            return try await render(req, program: program, refusal: Refusal(place: place, issues: all, assign: form), status: .unprocessableEntity)
        }
    }

    func unassign(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let assignmentID = try req.intParameter("assignmentId")
        guard let before = try await req.dutyAssignments.assignments(programID: program.id!).first(where: { $0.id == assignmentID }) else {
            throw PodiumError.notFound(LocalizedMessage("error.staff.assignmentNotFound"))
        }
        do {
            try await req.dutyAssignments.unassign(program: program, assignmentID: assignmentID,
                                                   version: try req.content.decode(VersionForm.self).version, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(place: .post(before.postId), message: req.t(message)), status: .conflict)
        }
        return req.redirect(to: "\(Self.base(program))#post-\(before.postId)",
                            flash: req.t("staff.unassigned", ["name": before.personName, "post": before.postName]))
    }

    func fill(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let form = try req.content.decode(FillForm.self)
        let numbers = (form.employeeNumbers ?? "").split(whereSeparator: { $0.isNewline || $0 == "," || $0 == "，" || $0 == "、" || $0.isWhitespace })
            .map(String.init)
        let input = DutyFillInput(unitId: form.unitId.flatMap { Int($0) }, employeeNumbers: numbers, includeAthletes: form.includeAthletes != nil,
                                  postId: form.onlyPostId.flatMap { Int($0) })
        do {
            let fill = try await req.dutyAssignments.fill(program: program, input, by: req.actor)
            let short = fill.unfilled.reduce(0) { $0 + $1.missing }
            let message = short == 0 ? req.t("staff.filled", ["added": "\(fill.added.count)"])
                : req.t("staff.filledShort", ["added": "\(fill.added.count)", "short": "\(short)"])
            return req.redirect(to: "\(Self.base(program))#posts", flash: message)
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, refusal: Refusal(place: .fill, issues: issues, fill: form), status: .unprocessableEntity)
        }
    }

    static func base(_ program: ProgramModel) -> String { "/admin/games/\(program.slug)/staff" }

    // MARK: The page

    private func render(_ req: Request, program: ProgramModel, refusal: Refusal = Refusal(), status: HTTPResponseStatus = .ok) async throws -> Response {
        let programID = program.id!
        try await req.require(.officiate(programID: programID))
        let isOrganizer = req.allows(.managePrograms)
        let base = Self.base(program)
        let page = PageContext(req, title: "\(req.t("staff.title")) · \(program.name)", backOffice: true)
        let roster = try await req.duties.roster(programID: programID)
        let posts = roster.postDTOs()
        let assignments = roster.assignmentDTOs()
        let names = roster.personNames
        func listed(_ ids: [Int]) -> String { ids.compactMap { names[$0] }.joined(separator: "、") }
        func errors(_ field: String) -> String? {
            let found = refusal.issues.filter { $0.field == field }.map { req.t($0.message) }
            return found.isEmpty ? nil : found.joined(separator: " ")
        }

        let rows = posts.map { post -> GamesStaffContext.Post in
            let shifts = post.shifts.map { shift -> GamesStaffContext.Shift in
                let refused = refusal.place == .shiftAssign(shift.id)
                return .init(id: shift.id, time: "\(shift.starts)–\(shift.ends)",
                             coverage: req.t("staff.coverage", ["assigned": "\(shift.assignedPersonIds.count)", "needed": "\(shift.needed)"]),
                             short: shift.missing > 0, names: listed(shift.assignedPersonIds),
                             partial: shift.partialPersonIds.isEmpty ? nil : req.t("staff.partly", ["names": listed(shift.partialPersonIds)]),
                             version: shift.version,
                             assign: isOrganizer ? .init(action: "\(base)/assignments", shiftID: shift.id, person: refused ? refusal.assign?.person ?? "" : "",
                                                         error: refused ? refusal.issues.map { req.t($0.message) }.joined(separator: " ") : nil) : nil)
            }
            let people = assignments.filter { $0.postId == post.id }.map {
                GamesStaffContext.Person(id: $0.id, name: $0.personName, number: $0.employeeNumber, time: "\($0.starts)–\($0.ends)", note: $0.note, version: $0.version)
            }
            var edit: GamesStaffContext.PostForm?
            var addShift: GamesStaffContext.ShiftForm?
            if isOrganizer {
                let editing = refusal.place == .editPost(post.id)
                let typed = editing ? refusal.post : nil
                let kind = typed?.kind ?? post.kind.rawValue
                edit = .init(action: "\(base)/posts/\(post.id)", prefix: "post-\(post.id)", name: typed?.name ?? post.name,
                             kinds: DutyKind.allCases.map { RelayOption(value: $0.rawValue, label: req.t($0.localizationKey), selected: $0.rawValue == kind) },
                             venue: typed?.venueName ?? post.venueName ?? "", version: typed?.version ?? post.version,
                             nameError: editing ? errors("name") : nil, kindError: editing ? errors("kind") : nil,
                             venueError: editing ? errors("venueName") : nil,
                             errors: editing ? refusal.issues.filter { !["name", "kind", "venueName"].contains($0.field) }.map { req.t($0.message) } : [],
                             open: editing)
                let adding = refusal.place == .addShift(post.id)
                let shiftForm = adding ? refusal.shift : nil
                addShift = .init(action: "\(base)/posts/\(post.id)/shifts", prefix: "shift-\(post.id)", starts: shiftForm?.starts ?? "",
                                 ends: shiftForm?.ends ?? "", needed: shiftForm?.needed ?? "1",
                                 startsError: adding ? errors("starts") : nil, endsError: adding ? errors("ends") : nil,
                                 neededError: adding ? errors("needed") : nil,
                                 errors: adding ? refusal.issues.filter { !["starts", "ends", "needed"].contains($0.field) }.map { req.t($0.message) } : [],
                                 open: adding)
            }
            return .init(id: post.id, name: post.name, venue: post.venueName, version: post.version, shifts: shifts, people: people,
                         hasGaps: post.shifts.contains { $0.missing > 0 }, error: refusal.place == .post(post.id) ? refusal.message : nil,
                         edit: edit, addShift: addShift)
        }
        let byID = Dictionary(uniqueKeysWithValues: zip(posts.map(\.id), rows))
        let groups = DutyKind.allCases.compactMap { kind -> GamesStaffContext.Group? in
            let inKind = posts.filter { $0.kind == kind }.compactMap { byID[$0.id] }
            return inKind.isEmpty ? nil : .init(label: req.t(kind.localizationKey), code: kind.rawValue, posts: inKind)
        }

        let shifts = posts.flatMap(\.shifts)
        let gaps = shifts.reduce(0) { $0 + $1.missing }
        let stats: [GamesStaffContext.Stat] = [
            .init(label: req.t("staff.statPosts"), value: "\(posts.count)", warn: false),
            .init(label: req.t("staff.statPeople"), value: "\(Set(assignments.map(\.personId)).count)", warn: false),
            .init(label: req.t("staff.statShifts"), value: req.t("staff.coverage", ["assigned": "\(shifts.filter { $0.missing == 0 }.count)",
                                                                                   "needed": "\(shifts.count)"]), warn: false),
            .init(label: req.t("staff.statGaps"), value: "\(gaps)", warn: gaps > 0),
        ]

        var addPost: FormsBlock?, assign: FormsBlock?, fill: FormsBlock?
        if isOrganizer {
            let typedPost = refusal.place == .addPost ? refusal.post : nil
            var newPost = FormView(action: "\(base)/posts", submitLabel: req.t("staff.addPostButton"), title: req.t("staff.addPost"), fields: [
                FieldView(name: "name", label: req.t("staff.postName"), value: typedPost?.name ?? "", required: true, hint: req.t("staff.postNameHint"),
                          autocomplete: "off"),
                .select("kind", req.t("staff.kind"), options: DutyKind.allCases.map { ($0.rawValue, req.t($0.localizationKey)) },
                        selected: [typedPost?.kind ?? DutyKind.callRoom.rawValue], required: true),
                FieldView(name: "venueName", label: req.t("staff.venue"), value: typedPost?.venueName ?? "", autocomplete: "off"),
            ])
            if refusal.place == .addPost { newPost.attach(refusal.issues, req) }
            addPost = FormsBlock(page: page, forms: [newPost], open: refusal.place == .addPost || posts.isEmpty)

            let postOptions = posts.map { ("\($0.id)", $0.name) }
            let typed = refusal.place == .assign ? refusal.assign : nil
            var assignForm = FormView(action: "\(base)/assignments", submitLabel: req.t("staff.assignButton"), title: req.t("staff.assignTitle"), fields: [
                .select("postId", req.t("staff.post"), options: postOptions, selected: [typed?.postId ?? ""], required: true),
                FieldView(name: "person", label: req.t("staff.person"), value: typed?.person ?? "", required: true, hint: req.t("staff.personHint"),
                          autocomplete: "off", aliases: ["personId"]),
                FieldView(name: "starts", label: req.t("staff.starts"), value: typed?.starts ?? "", required: true, autocomplete: "off", inputmode: "numeric"),
                FieldView(name: "ends", label: req.t("staff.ends"), value: typed?.ends ?? "", required: true, autocomplete: "off", inputmode: "numeric"),
                FieldView(name: "note", label: req.t("staff.note"), value: typed?.note ?? "", autocomplete: "off"),
            ])
            if refusal.place == .assign { assignForm.attach(refusal.issues, req) }
            assign = FormsBlock(page: page, forms: [assignForm], open: refusal.place == .assign)

            let tree = roster.tree
            let units = try await UnitModel.query(on: req.db).all()
                .map { (id: $0.id!, path: tree.path(of: $0.id!)) }
                .sorted { $0.path.lexicographicallyPrecedes($1.path) }
                .map { ("\($0.id)", $0.path.joined(separator: " › ")) }
            let typedFill = refusal.place == .fill ? refusal.fill : nil
            var fillForm = FormView(action: "\(base)/fill", submitLabel: req.t("staff.fillButton"), title: req.t("staff.fillTitle"), fields: [
                .select("unitId", req.t("staff.fillUnit"), options: [("", req.t("staff.fillNoUnit"))] + units, selected: [typedFill?.unitId ?? ""],
                        hint: req.t("staff.fillUnitHint")),
                FieldView(name: "employeeNumbers", label: req.t("staff.fillNumbers"), type: "textarea", value: typedFill?.employeeNumbers ?? "",
                          hint: req.t("staff.fillNumbersHint")),
                FieldView(name: "includeAthletes", label: req.t("staff.fillAthletes"), type: "checkbox", checked: typedFill?.includeAthletes != nil),
                .select("onlyPostId", req.t("staff.fillPost"), options: [("", req.t("staff.fillEveryPost"))] + postOptions, selected: [typedFill?.onlyPostId ?? ""],
                        aliases: ["postId"]),
            ])
            if refusal.place == .fill { fillForm.attach(refusal.issues, req) }
            fill = FormsBlock(page: page, forms: [fillForm], open: refusal.place == .fill)
        }

        let context = GamesStaffContext(
            page: page, program: ProgramView(program.dto, req), back: "/admin/games/\(program.slug)", isOrganizer: isOrganizer,
            printLink: "\(base)/print", ceremonyLink: "/admin/games/\(program.slug)/opening-ceremony", stats: stats, groups: groups,
            errors: refusal.place == .top ? [refusal.message].compactMap { $0 } : [], addPost: addPost, assign: assign, fill: fill)
        return try await req.page("admin/games-staff", context, status: status)
    }
}
