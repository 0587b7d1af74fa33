import Fluent
import PodiumCore
import Vapor

/// The back office's first page: what there is, and what changed lately.
struct AdminDashboardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", use: dashboard)
    }

    func dashboard(req: Request) async throws -> Response {
        try await req.require(.useBackOffice)
        var stats: [DashboardContext.Stat] = []
        if req.allows(.viewDirectory) {
            stats.append(.init(label: req.t("nav.programs"), value: try await ProgramModel.query(on: req.db).count(), href: "/admin/programs"))
            stats.append(.init(label: req.t("nav.units"), value: try await UnitModel.query(on: req.db).count(), href: "/admin/units"))
            stats.append(.init(label: req.t("nav.people"), value: try await PersonModel.query(on: req.db).count(), href: "/admin/people"))
        }
        if req.allows(.administer) {
            stats.append(.init(label: req.t("nav.users"), value: try await UserModel.query(on: req.db).count(), href: "/admin/users"))
        }
        let all = try await req.units.all()
        let led = all.filter { req.actor.ledUnitIDs.contains($0.id) }.map {
            UnitRow(id: $0.id, name: $0.name, path: $0.path.joined(separator: " › "), kind: req.t($0.kind.localizationKey),
                    depth: 0, code: $0.code, external: $0.kind.isExternal)
        }
        var recent: [AuditRow] = []
        if req.allows(.administer) {
            recent = try await AuditEntryModel.query(on: req.db).sort(\.$id, .descending).limit(8).all().map { AuditAdminController.row($0.dto, req) }
        }
        var context = DashboardContext(page: PageContext(req, title: req.t("dashboard.title"), backOffice: true), stats: stats,
                                       ledUnits: led, recent: recent, adminHint: nil)
        context.games = try await gamesLinks(req)
        var full = DashboardWithRelayContext(base: context, relay: try await relayLinks(req))
        full.recognition = try await recognitionLinks(req)
        return try await req.page("admin/dashboard", full)
    }

    /// The relay races this person works on: the race office for organizers and officials, their own teams' pages for team leaders.
    private func relayLinks(_ req: Request) async throws -> [DashboardWithRelayContext.Link] {
        let programs = try await ProgramModel.query(on: req.db).filter(\.$kind == ProgramKind.relay.rawValue).sort(\.$startDate, .descending).all()
        var links: [DashboardWithRelayContext.Link] = []
        var policy: AccessPolicy?
        for program in programs {
            let view = ProgramView(program.dto, req)
            if req.allows(.officiate(programID: program.id!)) {
                links.append(.init(href: "/admin/relay/\(program.slug)", name: program.name, status: view.status))
            } else if !req.actor.ledUnitIDs.isEmpty {
                if policy == nil { policy = AccessPolicy(tree: try await req.units.tree()) }
                for team in try await req.relay.teams(programID: program.id!) where policy!.allows(req.actor, .enterTeam(unitID: team.unitId)) {
                    links.append(.init(href: "/admin/relay/\(program.slug)/teams/\(team.id)", name: "\(program.name) · \(team.bib) \(team.name)", status: view.status))
                }
            }
        }
        return links
    }

    /// The recognition programs this person works on: the office for organizers and unit heads, the ballot page for reviewers.
    private func recognitionLinks(_ req: Request) async throws -> [DashboardWithRelayContext.Link] {
        let programs = try await ProgramModel.query(on: req.db).filter(\.$kind == ProgramKind.recognition.rawValue).sort(\.$startDate, .descending).all()
        var links: [DashboardWithRelayContext.Link] = []
        for program in programs {
            let view = ProgramView(program.dto, req)
            if req.allows(.managePrograms) || !req.actor.ledUnitIDs.isEmpty {
                links.append(.init(href: "/admin/recognition/\(program.slug)", name: program.name, status: view.status))
            }
            if !req.allows(.managePrograms), req.allows(.officiate(programID: program.id!)) {
                links.append(.init(href: "/admin/recognition/\(program.slug)/check-in", name: "\(program.name) · \(req.t("recognition.office.checkIn"))", status: view.status))
            }
            if req.allows(.review(programID: program.id!)) {
                links.append(.init(href: "/admin/recognition/\(program.slug)/review", name: "\(program.name) · \(req.t("recognition.review.title"))", status: view.status))
            }
        }
        return links
    }

    /// The games programs this person works on: all for organizers, those they officiate, and the open ones
    /// for team leaders whose unit fields a team.
    private func gamesLinks(_ req: Request) async throws -> [DashboardContext.GamesLink] {
        let programs = try await ProgramModel.query(on: req.db).filter(\.$kind == ProgramKind.games.rawValue).sort(\.$startDate, .descending).all()
        var links: [DashboardContext.GamesLink] = []
        for program in programs {
            let view = ProgramView(program.dto, req)
            if req.allows(.managePrograms) || req.allows(.officiate(programID: program.id!)) {
                links.append(.init(href: "/admin/games/\(program.slug)", name: program.name, status: view.status))
            } else if !req.actor.ledUnitIDs.isEmpty, !(try await GamesOffice.access(req, program: program).ledTeams.isEmpty) {
                links.append(.init(href: "/admin/games/\(program.slug)/entries", name: program.name, status: view.status))
            }
        }
        return links
    }
}
