import Foundation
import PodiumCore
import Vapor

/// The side-effect seams: tests fix the clock and the random source.
struct PodiumClock: Sendable {
    let now: @Sendable () -> Date
    static let system = PodiumClock { Date() }
}

/// Where draws by lot get their seed; tests fix it.
struct PodiumRandom: Sendable {
    let seed: @Sendable () -> UInt64
    static let system = PodiumRandom { UInt64.random(in: .min ... .max) }
}

extension Application {
    private struct RandomKey: StorageKey { typealias Value = PodiumRandom }

    var random: PodiumRandom {
        get { storage[RandomKey.self] ?? .system }
        set { storage[RandomKey.self] = newValue }
    }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = PodiumConfig }
    private struct LocalizerKey: StorageKey { typealias Value = Localizer }
    private struct ClockKey: StorageKey { typealias Value = PodiumClock }

    var podiumConfig: PodiumConfig {
        get { storage[ConfigKey.self] ?? PodiumConfig() }
        set { storage[ConfigKey.self] = newValue }
    }

    var localizer: Localizer {
        get {
            guard let localizer = storage[LocalizerKey.self] else { fatalError("The localizer is loaded in configure()") }
            return localizer
        }
        set { storage[LocalizerKey.self] = newValue }
    }

    var clock: PodiumClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }

    /// Today's date where the server runs; birth dates are checked against it.
    var today: CalendarDate { DateDisplay.calendarDate(clock.now(), timeZone: .current) }
}

extension Request {
    private struct ActorKey: StorageKey { typealias Value = RequestActor }
    private struct LanguageKey: StorageKey { typealias Value = Language }
    private struct CSRFKey: StorageKey { typealias Value = String }

    /// Who is asking, as resolved by `ActorMiddleware`; anonymous before it runs.
    var requestActor: RequestActor {
        get { storage[ActorKey.self] ?? RequestActor(actor: .anonymous, via: .none, userLanguage: nil) }
        set { storage[ActorKey.self] = newValue }
    }

    var actor: Actor { requestActor.actor }

    /// The user's setting, then the `lang` cookie, then `Accept-Language`, then English.
    var language: Language {
        if let cached = storage[LanguageKey.self] { return cached }
        let chosen = requestActor.userLanguage
            ?? cookies["lang"].flatMap { Language(rawValue: $0.string) }
            ?? Language.negotiate(acceptLanguage: headers.first(name: .acceptLanguage))
            ?? .en
        storage[LanguageKey.self] = chosen
        return chosen
    }

    var csrfToken: String {
        get { storage[CSRFKey.self] ?? "" }
        set { storage[CSRFKey.self] = newValue }
    }

    func t(_ key: String, _ args: [String: String] = [:]) -> String {
        application.localizer.string(key, language, args)
    }

    func t(_ message: LocalizedMessage) -> String {
        application.localizer.message(message, language)
    }

    /// "third prize" / "三等奖", for any number of group award prizes.
    func prizeName(_ prize: Int) -> String {
        prize <= 3 ? t("games.prize.\(prize)") : t("games.prize.nth", ["ordinal": NumberDisplay.englishOrdinal(prize), "cn": NumberDisplay.chinese(prize)])
    }

    var now: Date { application.clock.now() }

    /// Whether the caller wants JSON rather than a page: the API, or an explicit Accept header.
    var wantsJSON: Bool {
        if url.path.hasPrefix("/api/") { return true }
        // Browsers never send a Bearer token: whoever does is a machine, even on /healthz, and gets a problem document.
        if headers.bearerAuthorization != nil { return true }
        let accept = headers.first(name: .accept) ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }
}

/// The resolved actor plus how they proved who they are.
struct RequestActor: Sendable {
    enum Credential: Sendable { case none, session, bearer }
    let actor: Actor
    let via: Credential
    let userLanguage: Language?
}
