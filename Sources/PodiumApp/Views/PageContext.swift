import PodiumCore
import Vapor

/// What the layout needs on every page: language, title, the signed-in user, the CSRF token,
/// and which back-office sections to show.
struct PageContext: Encodable {
    struct NavLink: Encodable {
        let href: String
        let label: String
        let current: Bool
    }

    let lang: String
    let title: String
    let csrf: String
    let path: String
    let userName: String?
    let flash: String?
    let backOffice: Bool
    let adminLinks: [NavLink]
    let showAdminNav: Bool
    let switchLanguage: String
    let switchLanguageLabel: String
    /// Description and `og:` tags, for pages worth sharing (news articles).
    var meta: PageMeta?
    /// Whether the news section is the current one, for the public navigation.
    let inNews: Bool
    /// The event stream that keeps this page's content current, for the public pages that follow the data.
    var live: String?
    /// A live page shown on a projector or a screen at the venue (`?screen=big`): large type, dark, no site chrome.
    let bigScreen: Bool
    /// The same page in the other mode.
    let screenSwitch: String

    init(_ request: Request, title: String, backOffice: Bool = false) {
        let actor = request.actor
        let policy = AccessPolicy()
        lang = request.language.htmlTag
        self.title = title
        csrf = request.csrfToken
        path = request.url.path
        userName = actor.kind == .user ? actor.displayName : nil
        flash = request.cookies[Flash.cookieName].flatMap { Flash.decode($0.string) }
        self.backOffice = backOffice
        var links: [(String, String, Bool)] = []
        if policy.allows(actor, .useBackOffice) { links.append(("/admin", "nav.dashboard", true)) }
        if policy.allows(actor, .managePrograms) {
            links.append(("/admin/programs", "nav.programs", true))
            links.append(("/admin/news", "nav.news", true))
        }
        if policy.allows(actor, .viewDirectory) || !actor.ledUnitIDs.isEmpty {
            links.append(("/admin/units", "nav.units", true))
            links.append(("/admin/people", "nav.people", true))
        }
        if policy.allows(actor, .manageOrganization) { links.append(("/admin/import", "nav.import", true)) }
        if policy.allows(actor, .administer) {
            links.append(("/admin/users", "nav.users", true))
            links.append(("/admin/tokens", "nav.tokens", true))
            links.append(("/admin/audit", "nav.audit", true))
        }
        let currentPath = request.url.path
        adminLinks = links.map { href, key, _ in
            let isCurrent = href == "/admin" ? currentPath == "/admin" : currentPath.hasPrefix(href)
            return NavLink(href: href, label: request.t(key), current: isCurrent)
        }
        showAdminNav = backOffice && !links.isEmpty
        let other: Language = request.language == .en ? .zhHans : .en
        switchLanguage = other.rawValue
        switchLanguageLabel = other == .en ? "English" : "中文"
        inNews = currentPath == "/news" || currentPath.hasPrefix("/news/")
        // A live page of a program read with GET follows `/p/{slug}/live/events?view=…`; other pages are not live.
        let slug = request.method == .GET ? LivePage.slug(ofPath: request.url.path) : nil
        let view = slug.flatMap { LivePage.canonical(request.url.string, slug: $0) }
        live = view.map { view in
            "/p/\(slug!)/live/events?view=" + (view.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? view)
        }
        bigScreen = view != nil && request.query[String.self, at: "screen"] == "big"
        let current = view ?? ""
        screenSwitch = bigScreen ? current : current + (current.contains("?") ? "&" : "?") + "screen=big"
    }
}

/// A one-line confirmation shown on the page after a redirect ("Saved."), carried in a short cookie.
enum Flash {
    static let cookieName = "podium_flash"

    static func set(_ message: String, on response: Response) {
        let encoded = Data(message.utf8).base64EncodedString()
        response.cookies[cookieName] = HTTPCookies.Value(string: encoded, expires: nil, maxAge: 60, path: "/", isSecure: false, isHTTPOnly: true, sameSite: .lax)
    }

    static func decode(_ value: String) -> String? {
        Data(base64Encoded: value).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Removes the message once the page showing it has been rendered.
    static func clear(on response: Response, for request: Request) {
        if request.cookies[cookieName] != nil { response.cookies[cookieName] = .expired }
    }
}

extension Request {
    /// Renders a page and clears a shown flash message.
    func page(_ template: String, _ context: some Encodable, status: HTTPResponseStatus = .ok) async throws -> Response {
        let response = try await view.render(template, context).encodeResponse(for: self)
        response.status = status
        Flash.clear(on: response, for: self)
        return response
    }

    /// Redirects after a successful form post, with a confirmation for the next page.
    func redirect(to location: String, flash: String) -> Response {
        let response = redirect(to: location, redirectType: .normal)
        Flash.set(flash, on: response)
        return response
    }
}

struct ErrorPageContext: Encodable {
    let page: PageContext
    let status: Int
    let title: String
    let detail: String?
    let issues: [FieldErrorView]
}
