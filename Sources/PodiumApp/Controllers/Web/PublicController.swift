import PodiumCore
import Vapor

/// The public site: home (programs and the latest news), program pages, and the language switch.
struct PublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("p", ":slug", use: program)
        routes.post("language", use: switchLanguage)
    }

    func home(req: Request) async throws -> Response {
        let programs = try await req.programs.list(publicOnly: true)
        let active: Set<ProgramStatus> = [.open, .closed, .running]
        let context = HomeContext(
            page: PageContext(req, title: req.t("home.title")),
            current: programs.filter { active.contains($0.status) }.map { ProgramView($0, req) },
            past: programs.filter { !active.contains($0.status) }.map { ProgramView($0, req) },
            articles: try await req.news.latest(3).map(req.newsCard))
        return try await req.page("public/home", context)
    }

    func program(req: Request) async throws -> Response {
        let dto = try await req.programs.get(slug: req.parameters.get("slug") ?? "")
        // Drafts exist only for organizers until they open them.
        if dto.status == .draft, !req.allows(.managePrograms) {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        var context = ProgramHomeContext(page: PageContext(req, title: dto.name), program: ProgramView(dto, req), isDraft: dto.status == .draft)
        if dto.kind == .recognition { context.agenda = req.publicAgenda(try await req.ceremony.agenda(programID: dto.id)) }
        context.partnerGroups = PublicPartnerGroup.groups(try await req.programMedia.partners(programID: dto.id), req)
        context.photos = PublicGalleryPhoto.list(try await req.programMedia.photos(programID: dto.id), programName: dto.name, req)
        return try await req.page("public/program", context)
    }

    struct LanguageForm: Content {
        var language: String
        var next: String?
    }

    /// Remembers the choice in a cookie, and in the profile of a signed-in user.
    func switchLanguage(req: Request) async throws -> Response {
        let form = try req.content.decode(LanguageForm.self)
        guard let language = Language(rawValue: form.language) else {
            throw PodiumError.invalid("language", "error.language.unknown", ["value": form.language])
        }
        if req.actor.kind == .user, let id = req.actor.id {
            try await req.users.setLanguage(userID: id, language)
        }
        let next = form.next.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? "/"
        let response = req.redirect(to: next)
        response.cookies["lang"] = HTTPCookies.Value(string: language.rawValue, expires: Date().addingTimeInterval(365 * 86400),
                                                     path: "/", isSecure: false, isHTTPOnly: true, sameSite: .lax)
        return response
    }
}
