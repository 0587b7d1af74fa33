import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

/// Every page of the demo, public and back office, for each role and in both languages: labelled fields, named
/// links and buttons, images with alt text, unique ids, one h1 and an unbroken heading outline, data tables with
/// scoped header cells, the page's language declared, and no key, placeholder or English sentence left untranslated.
@Suite struct AccessibilityTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    @Test func everyPageOfTheDemoPassesTheAuditInBothLanguages() async throws {
        try await withPodium { app in
            try await DemoSeeder(db: app.db, clock: app.clock, hashing: PasswordHashing(app: app), words: Words(localizer: app.localizer, language: .en)).seed()
            let english = try Self.strings("en.json")
            let keys = Set(english.keys)
            let sentences = Self.sentences(english)
            var problems: [String] = []
            var visited = 0
            // Every event's results sheet and both draws, since their pages differ with the event's format.
            let events = try await API(app: app).send(.GET, "/api/v1/programs/workers-games-2023/events").decode([EventDTO].self)
            let sheets = events.map { "/admin/games/workers-games-2023/results/\($0.id)" }
            let drawn = events.filter { ["basketball", "table-tennis-singles"].contains($0.templateId) }
                .flatMap { ["/admin/games/workers-games-2023/draws/\($0.id)", "/p/workers-games-2023/brackets/\($0.id)"] }
            let visitors: [(String, (String, String)?, [String])] = [
                ("anonymous", nil, ["/", "/news", "/login", "/verify"] + drawn.filter { $0.hasPrefix("/p/") }),
                ("administrator", (TestUsers.adminEmail, TestUsers.adminPassword), ["/admin", "/account"] + sheets + drawn.filter { $0.hasPrefix("/admin") }),
                ("official", ("official@demo.podium", "demo-official"), ["/admin", "/account"]),
                ("team leader", ("leader@demo.podium", "demo-leader"), ["/admin", "/account"]),
                ("reviewer", ("reviewer@demo.podium", "demo-reviewer"), ["/admin", "/account"]),
            ]
            for (who, account, starts) in visitors {
                let browser = Browser(app)
                if let account { try await browser.signIn(account.0, account.1) }
                // The public site is audited once, anonymously; signed in, only the back office.
                let pages = try await Self.crawl(browser, from: starts, within: account == nil ? { !$0.hasPrefix("/admin") } : { $0.hasPrefix("/admin") || $0 == "/account" })
                if ProcessInfo.processInfo.environment["PODIUM_AUDIT_LIST"] != nil { print("\(who): \(pages.joined(separator: " "))") }
                for path in pages {
                    for language in ["en", "zh-Hans"] {
                        let response = try await browser.get(path, headers: ["Accept-Language": language])
                        guard response.status == .ok else { problems.append("\(who) \(language) \(path): \(response.status)"); continue }
                        visited += 1
                        let page = PageAudit(path: path, html: response.body.string)
                        problems += Self.audit(page, language: language, keys: keys, sentences: sentences).map { "\(who) \(language) \(path): \($0)" }
                    }
                }
            }
            print("audited \(visited) pages")
            #expect(visited > 250, "only \(visited) pages")
            #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.prefix(150).joined(separator: "\n"))")
        }
    }

    /// The audit itself: a page with each kind of mistake gets each named.
    @Test func theAuditNamesEachMistake() {
        let page = PageAudit(path: "/bad", html: """
            <html lang="en"><body><h1>One</h1><h3>Skipped</h3><h1>Two</h1>
            <input type="text" name="a"><label>B <input name="b"></label><input id="c" name="c"><label for="c">C</label>
            <input type="hidden" name="d"><select aria-label="E"></select><textarea id="f"></textarea>
            <img src="/x.png"><a href="/x"></a><a href="/y" aria-label="Y"></a><button><img src="/i.png" alt="Go"></button><button></button>
            <p id="c">again</p><nav></nav><table><tr><th>H</th></tr></table><table><tr><td>1</td></tr></table>
            <table><thead><tr><th scope="col">X</th></tr></thead></table><table aria-label="Y"><thead><tr><th scope="col">Y</th></tr></thead></table>
            <p>news.title {name} e.g. example.com</p></body></html>
            """)
        let problems = page.problems()
        for expected in ["field without a label: <input type=\"text\" name=\"a\">", "field without a label: <textarea id=\"f\">",
                         "image without alt: <img src=\"/x.png\">", "a without text: <a href=\"/x\">", "button without text: <button>",
                         "duplicate id “c”", "2 h1 elements, not one", "heading h3 after h1 (heading 2: Skipped)", "nav without a name: <nav>",
                         "table header cell without scope: <table>", "table without header cells: <table>",
                         "data table without a caption: <table>"] {
            #expect(problems.contains(expected), "\(expected) not in \(problems)")
        }
        #expect(problems.count == 12, "\(problems)")
        #expect(page.leakedKeys(["news.title"]) == ["news.title", "{name}"])
    }

    /// A form sent back with errors ties each message to its field, and marks the field invalid.
    @Test func aRejectedFormTiesEachMessageToItsField() async throws {
        try await withPodium { app in
            let browser = Browser(app)
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            let english = try Self.strings("en.json")
            for language in ["en", "zh-Hans"] {
                browser.cookies["lang"] = language
                let response = try await browser.post("/admin/units", [("name", ""), ("kind", "company")])
                let page = PageAudit(path: "/admin/units", html: response.body.string)
                #expect(page.language == language)
                #expect(Self.audit(page, language: language, keys: Set(english.keys), sentences: Self.sentences(english)).isEmpty)
                let name = try #require(page.tags("input").first { $0.attributes["name"] == "name" })
                #expect(name.attributes["aria-invalid"] == "true")
                let described = (name.attributes["aria-describedby"] ?? "").split(separator: " ").map(String.init)
                #expect(described.contains("f-name-error"), "\(name.source)")
                #expect(name.attributes["autofocus"] != nil, "the first field to correct has the focus: \(name.source)")
                #expect(page.markup.contains(#"<p class="error" id="f-name-error">"#))
            }
        }
    }

    /// Templates say nothing in English of their own: every word a reader sees comes through `#t` or from the data.
    @Test func templatesHaveNoHardCodedWords() throws {
        let folder = Self.root.appendingPathComponent("Resources/Views")
        var found: [String] = []
        for case let file as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! where file.pathExtension == "leaf" {
            let source = try String(contentsOf: file, encoding: .utf8)
            // Leaf tags with their arguments (one level of nested parentheses), then scripts, styles and comments.
            var text = source.replacing(#/#[A-Za-z]*\((?:[^()"]|"[^"]*"|\((?:[^()"]|"[^"]*")*\))*\):?|#(?:else|endif|endfor|endexport|endextend|endunless)\b:?/#, with: " ")
            // Examples of data (an import file in <pre>) are data, not words.
            text = text.replacing(#/(?s)<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->|<pre\b.*?</pre>/#, with: " ")
            let names = text.matches(of: #/\s(?:alt|title|aria-label|placeholder)="([^"]*)"/#).map { String($0.1) }
            text = text.replacing(#/<[^>]*>/#, with: "\n")
            for piece in [text] + names {
                // The product's name, the names of file formats, and the start of an address or a serial shown as an example.
                for word in piece.matches(of: #/[A-Za-z][A-Za-z']+(?: +[A-Za-z][A-Za-z']+)*/#) where !["Podium", "CSV", "JSON", "https", "OE"].contains(String(word.0)) {
                    found.append("\(file.path.replacingOccurrences(of: folder.path + "/", with: "")): “\(word.0)”")
                }
            }
        }
        #expect(found.isEmpty, "hard-coded words in templates:\n\(found.joined(separator: "\n"))")
    }

    static func audit(_ page: PageAudit, language: String, keys: Set<String>, sentences: [String]) -> [String] {
        var problems = page.problems()
        if page.language != language { problems.append("<html lang=\"\(page.language ?? "")\"> on a page asked for in \(language)") }
        problems += page.leakedKeys(keys).map { "untranslated “\($0)”" }
        if language == "zh-Hans" {
            // Text marked as English (the language switch, the English title of a bilingual certificate) is meant to be.
            let text = PageAudit(path: page.path, html: page.markup.replacing(#/(?s)<([a-z0-9]+)\b[^>]*\slang="en"[^>]*>.*?</\1>/#, with: "")).visibleText
            problems += sentences.filter { text.contains($0) && !demoData.contains($0) }.map { "English text “\($0)”" }
        }
        return problems
    }

    /// The pages reachable by links from `starts`, one of each kind: paths that differ only in numbers count once.
    static func crawl(_ browser: Browser, from starts: [String], within: (String) -> Bool) async throws -> [String] {
        // The starting pages are all visited; of the pages found by links, one of each kind.
        var queue = starts, seen = Set<String>(), pages: [String] = []
        while let path = queue.first, pages.count < 400 {
            queue.removeFirst()
            guard seen.insert(pattern(path)).inserted || starts.contains(path) else { continue }
            let response = try await browser.get(path, headers: ["Accept-Language": "en"])
            guard response.status == .ok, response.headers.contentType?.subType == "html" else { continue }
            pages.append(path)
            for match in response.body.string.matches(of: #/<a\b[^>]*\shref="([^"#]*)/#) {
                var link = String(match.1).decodingEntities
                if link.hasPrefix("?") { link = String(path.split(separator: "?")[0]) + link }
                guard link.hasPrefix("/"), !link.hasPrefix("//"), within(link), !seen.contains(pattern(link)) else { continue }
                let skipped = ["/api/", "/uploads/", "/css/", "/js/", "/logout", "/live/events"]
                guard !skipped.contains(where: link.contains), !link.hasSuffix(".xml"), !link.hasSuffix(".csv") else { continue }
                queue.append(link)
            }
        }
        return pages
    }

    /// `/admin/people/12?unit=3` and `/admin/people/40?unit=7` are the same page.
    static func pattern(_ path: String) -> String {
        let parts = path.split(separator: "?", maxSplits: 1)
        let segments = parts[0].split(separator: "/", omittingEmptySubsequences: false).map { segment in
            // Ids, and certificate serials such as 2020-OE-001-J.
            segment.allSatisfy(\.isNumber) && !segment.isEmpty ? "#" : String(segment).replacing(#/^[0-9]+-[A-Z]+-[-A-Z0-9]*$/#, with: "S")
        }
        // ?screen=big and ?by=unit are other pages; ?page=2 and ?team=6 are the same page with other data.
        let query = parts.count > 1 ? parts[1].split(separator: "&").map { $0.replacing(#/=.*[0-9].*/#, with: "=#") }.sorted() : []
        return segments.joined(separator: "/") + "?" + query.joined(separator: "&")
    }

    static func strings(_ file: String) throws -> [String: String] {
        let data = try Data(contentsOf: root.appendingPathComponent("Resources/Localization/\(file)"))
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    /// What the demo stores in English that happens to equal a string of the interface: data, not interface.
    static let demoData: Set<String> = ["National flag formation"]

    /// The English strings of three words or more, split at their placeholders: any of them on a Chinese page is a leak.
    static func sentences(_ english: [String: String]) -> [String] {
        let pieces = english.values.flatMap { $0.split(separator: #/\{[A-Za-z0-9_]+\}/#).map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) } }
        // A piece that starts in lower case is the middle of a sentence ("of the group award"), too common in any English text.
        return Array(Set(pieces.filter { $0.split(separator: " ").filter { $0.contains(where: \.isLetter) }.count >= 3 && $0.first?.isUppercase == true })).sorted()
    }
}
