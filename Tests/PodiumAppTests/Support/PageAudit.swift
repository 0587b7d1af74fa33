import Foundation

/// Reads a rendered page the way an assistive technology would, with regular expressions: enough to find
/// unlabeled fields, nameless links and buttons, duplicate ids, a wrong heading outline and untranslated text.
struct PageAudit {
    let path: String
    let html: String
    /// The page without scripts, styles and comments.
    let markup: String

    init(path: String, html: String) {
        self.path = path
        self.html = html
        markup = html.replacing(#/(?s)<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->/#, with: "")
    }

    struct Tag {
        let name: String
        let attributes: [String: String]
        let range: Range<String.Index>
        /// The start tag as written, for messages.
        let source: String
    }

    var language: String? { html.firstMatch(of: #/<html\s+lang="([^"]*)"/#).map { String($0.1) } }

    func tags(_ names: String) -> [Tag] {
        let regex = try! Regex(#"<("# + names + #")\b([^>]*)>"#).ignoresCase()
        return markup.matches(of: regex).map { match in
            let name = String(match.output[1].substring ?? "").lowercased()
            let rest = String(match.output[2].substring ?? "")
            return Tag(name: name, attributes: Self.attributes(rest), range: match.range, source: String(markup[match.range].prefix(160)))
        }
    }

    static func attributes(_ text: String) -> [String: String] {
        var found: [String: String] = [:]
        for match in text.matches(of: #/([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/#) {
            found[match.1.lowercased()] = String(match.2 ?? match.3 ?? match.4 ?? "")
        }
        return found
    }

    /// The text between a start tag and its end tag, tags removed, with the alt text of images inside.
    func content(of tag: Tag) -> String {
        guard let end = markup.range(of: "</\(tag.name)", options: .caseInsensitive, range: tag.range.upperBound..<markup.endIndex) else { return "" }
        let inner = String(markup[tag.range.upperBound..<end.lowerBound])
        let alts = inner.matches(of: #/<img\b[^>]*\balt="([^"]+)"/#).map { String($0.1) }.joined(separator: " ")
        return (Self.text(inner) + " " + alts).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func text(_ markup: String) -> String {
        markup.replacing(#/<[^>]*>/#, with: " ").decodingEntities
    }

    /// What a reader sees or hears: the text, and the alt, title, aria-label and placeholder of elements.
    var visibleText: String {
        let names = markup.matches(of: #/\s(?:alt|title|aria-label|placeholder)="([^"]*)"/#).map { String($0.1).decodingEntities }
        return (Self.text(markup) + "\n" + names.joined(separator: "\n")).replacing(#/\s+/#, with: " ")
    }

    /// Every problem found on the page, each naming the element.
    func problems() -> [String] {
        var problems: [String] = []
        let labelFor = Set(tags("label").compactMap { $0.attributes["for"] })
        let labelRanges = markup.ranges(of: #/(?is)<label\b.*?</label>/#)
        for tag in tags("input|select|textarea") {
            let type = tag.attributes["type"]?.lowercased() ?? "text"
            if tag.name == "input", ["hidden", "submit", "button", "reset", "image"].contains(type) { continue }
            let labelled = tag.attributes["id"].map(labelFor.contains) == true
                || labelRanges.contains { $0.contains(tag.range.lowerBound) }
                || !(tag.attributes["aria-label"] ?? "").isEmpty || !(tag.attributes["aria-labelledby"] ?? "").isEmpty
            if !labelled { problems.append("field without a label: \(tag.source)") }
        }
        for tag in tags("img") where tag.attributes["alt"] == nil {
            problems.append("image without alt: \(tag.source)")
        }
        for tag in tags("button|a") {
            if tag.name == "a", tag.attributes["href"] == nil { continue }
            let named = !content(of: tag).isEmpty || !(tag.attributes["aria-label"] ?? "").isEmpty
                || !(tag.attributes["aria-labelledby"] ?? "").isEmpty
            if !named { problems.append("\(tag.name) without text: \(tag.source)") }
        }
        var seen = Set<String>()
        for match in markup.matches(of: #/<[a-zA-Z][^>]*\sid="([^"]*)"/#) where !seen.insert(String(match.1)).inserted {
            problems.append("duplicate id “\(match.1)”")
        }
        let headings = tags("h1|h2|h3|h4|h5|h6").map { Int($0.name.dropFirst())! }
        if headings.filter({ $0 == 1 }).count != 1 {
            problems.append("\(headings.filter { $0 == 1 }.count) h1 elements, not one")
        }
        var previous = 0
        for (index, level) in headings.enumerated() {
            if level > previous + 1 {
                problems.append("heading h\(level) after h\(previous) (heading \(index + 1): \(content(of: tags("h1|h2|h3|h4|h5|h6")[index]).prefix(60)))")
            }
            previous = level
        }
        for tag in tags("table") {
            guard let end = markup.range(of: "</table>", options: .caseInsensitive, range: tag.range.upperBound..<markup.endIndex) else { continue }
            let inner = markup[tag.range.upperBound..<end.lowerBound]
            let hasHeaders = inner.contains(#/<th\b/#)
            if !hasHeaders { problems.append("table without header cells: \(tag.source)") }
            if hasHeaders, inner.matches(of: #/<th\b(?![^>]*\bscope=)/#).count > 0 {
                problems.append("table header cell without scope: \(tag.source)")
            }
        }
        // A data table (one with column headers) on the public site says what it holds.
        if !path.hasPrefix("/admin") {
            for tag in tags("table") where !tag.attributes.keys.contains(where: { ["aria-label", "aria-labelledby"].contains($0) }) {
                let end = markup.range(of: "</table>", options: .caseInsensitive, range: tag.range.upperBound..<markup.endIndex)?.lowerBound ?? markup.endIndex
                let inner = markup[tag.range.upperBound..<end]
                if inner.contains("<thead"), !inner.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<caption") {
                    problems.append("data table without a caption: \(tag.source)")
                }
            }
        }
        for tag in tags("nav") where (tag.attributes["aria-label"] ?? tag.attributes["aria-labelledby"] ?? "").isEmpty {
            problems.append("nav without a name: \(tag.source)")
        }
        return problems
    }

    /// Localization keys shown as text, and `{placeholders}` left unfilled.
    func leakedKeys(_ keys: Set<String>) -> [String] {
        let text = visibleText
        let shownKeys = text.matches(of: #/[a-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)+/#).map { String($0.0) }.filter(keys.contains)
        let placeholders = text.matches(of: #/\{[A-Za-z][A-Za-z0-9_]*\}/#).map { String($0.0) }
        return Array(Set(shownKeys + placeholders)).sorted()
    }
}

extension String {
    var decodingEntities: String {
        var text = self
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&nbsp;", " ")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        text = text.replacing(#/&#(\d+);/#) { match in
            String(UnicodeScalar(UInt32(match.1) ?? 32).map(Character.init) ?? " ")
        }
        return text.replacingOccurrences(of: "&amp;", with: "&")
    }
}
