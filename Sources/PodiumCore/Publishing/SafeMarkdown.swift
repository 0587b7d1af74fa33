/// The Markdown organizers write news in, rendered to HTML that is safe to put on a public page.
///
/// A deliberate subset: paragraphs, headings (`#` becomes `<h2>`, since the article title is the page's `<h1>`),
/// **bold**, *italic*, `code`, links to `http:`, `https:`, `mailto:` and site paths, images from the upload folder,
/// lists (numbered or not, nested by indenting), block quotes and rules. Everything else is text: HTML in the source
/// is escaped, a link to any other scheme (`javascript:`, `data:`…) keeps its words but loses its target, and
/// every URL that reaches an attribute is checked character by character and escaped.
public struct SafeMarkdown: Sendable {
    /// The only place images may come from, e.g. `/uploads/`.
    public let imagePrefix: String

    public init(imagePrefix: String = "/uploads/") {
        self.imagePrefix = imagePrefix
    }

    /// Nesting beyond this (quotes in quotes, lists in lists, emphasis in emphasis) is shown as text.
    static let maxDepth = 8

    public func html(_ source: String) -> String {
        var out = ""
        renderBlocks(Self.lines(source)[...], depth: 0, tight: false, into: &out)
        return out
    }

    /// The words alone, paragraphs separated by a space: for summaries and `<meta name="description">`.
    public func plainText(_ source: String) -> String {
        var parts: [String] = []
        collectText(Self.lines(source)[...], depth: 0, into: &parts)
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The opening words, cut at `limit` characters (at a space when there is one near) with an ellipsis.
    public func excerpt(_ source: String, limit: Int) -> String {
        let text = plainText(source)
        guard text.count > limit else { return text }
        var cut = String(text.prefix(limit))
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit * 2 / 3 {
            cut = String(cut[..<space])
        }
        while let last = cut.last, last == " " || last == "," || last == "，" || last == "、" { cut.removeLast() }
        return cut + "…"
    }

    // MARK: Escaping

    /// Text for an element's content or a quoted attribute: the same escaping as the feed and sitemap.
    public static func escape(_ text: String) -> String { XMLText.escape(text) }

    /// Characters a URL may hold here: RFC 3986's, minus the quote, so nothing can leave the attribute.
    private static func urlCharactersAreSafe(_ url: String) -> Bool {
        guard !url.isEmpty, url.count <= 2048 else { return false }
        return url.unicodeScalars.allSatisfy { scalar in
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) { return true }
            return "-._~:/?#[]@!$&()*+,;=%".unicodeScalars.contains(scalar)
        }
    }

    /// A link target: `http:`, `https:`, `mailto:`, or a path on this site (`/news`, not `//elsewhere`).
    public static func isSafeLink(_ url: String) -> Bool {
        guard urlCharactersAreSafe(url) else { return false }
        let lower = url.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return url.count > 8 }
        if lower.hasPrefix("mailto:") { return url.count > 7 }
        return url.hasPrefix("/") && !url.hasPrefix("//")
    }

    /// An image source: a file straight under the upload folder.
    public func isSafeImage(_ url: String) -> Bool {
        guard url.hasPrefix(imagePrefix) else { return false }
        let name = url.dropFirst(imagePrefix.count)
        return !name.isEmpty && !name.hasPrefix(".") && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" || $0 == "_"
        }
    }

    // MARK: Blocks

    private static func lines(_ source: String) -> [String] {
        source.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).replacingOccurrences(of: "\t", with: "    ") }
    }

    private static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " } }

    private static func indentation(_ line: String) -> Int { line.prefix { $0 == " " }.count }

    private static func heading(_ line: String) -> (level: Int, text: String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)
        // A closing run of #s is decoration: "## Results ##".
        while text.hasSuffix("#") { text.removeLast() }
        return (hashes, text.trimmingCharacters(in: .whitespaces))
    }

    private static func isRule(_ line: String) -> Bool {
        let compact = line.filter { $0 != " " }
        guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
        return compact.allSatisfy { $0 == first }
    }

    private struct ListMarker {
        let ordered: Bool
        let start: Int
        let symbol: Character
        /// Where the item's text begins.
        let contentIndent: Int
        let text: String
    }

    private static func listMarker(_ line: String) -> ListMarker? {
        let indent = indentation(line)
        guard indent < 4 else { return nil }
        let body = line.dropFirst(indent)
        if let first = body.first, "-*+".contains(first) {
            let rest = body.dropFirst()
            guard rest.isEmpty || rest.first == " " else { return nil }
            let spaces = min(max(rest.prefix { $0 == " " }.count, 1), 4)
            return ListMarker(ordered: false, start: 1, symbol: first, contentIndent: indent + 1 + spaces,
                              text: rest.trimmingCharacters(in: .whitespaces))
        }
        let digits = body.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count), let number = Int(digits) else { return nil }
        let afterDigits = body.dropFirst(digits.count)
        guard let delimiter = afterDigits.first, delimiter == "." || delimiter == ")" else { return nil }
        let rest = afterDigits.dropFirst()
        guard rest.isEmpty || rest.first == " " else { return nil }
        let spaces = min(max(rest.prefix { $0 == " " }.count, 1), 4)
        return ListMarker(ordered: true, start: number, symbol: delimiter, contentIndent: indent + digits.count + 1 + spaces,
                          text: rest.trimmingCharacters(in: .whitespaces))
    }

    private static func startsBlock(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return heading(trimmed) != nil || trimmed.hasPrefix(">") || isRule(trimmed) || listMarker(line) != nil
    }

    /// A quote: consecutive lines starting with `>`, without it.
    private static func quoteLines(_ lines: ArraySlice<String>, from start: Int) -> (lines: [String], end: Int) {
        var collected: [String] = []
        var index = start
        while index < lines.endIndex {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix(">") else { break }
            var rest = trimmed.dropFirst()
            if rest.first == " " { rest = rest.dropFirst() }
            collected.append(String(rest))
            index += 1
        }
        return (collected, index)
    }

    private struct ListBlock {
        var ordered: Bool
        var start: Int
        var items: [[String]]
        var loose: Bool
        var end: Int
    }

    /// A list: items of the same kind, each with the lines indented under it (blank lines between items make it loose).
    private static func listBlock(_ lines: ArraySlice<String>, from start: Int, first: ListMarker) -> ListBlock {
        var block = ListBlock(ordered: first.ordered, start: first.start, items: [[first.text]], loose: false, end: start + 1)
        var indent = first.contentIndent
        var index = start + 1
        var pendingBlank = false
        while index < lines.endIndex {
            let line = lines[index]
            if isBlank(line) {
                pendingBlank = true
                index += 1
                continue
            }
            if let marker = listMarker(line), marker.ordered == first.ordered, marker.symbol == first.symbol, indentation(line) < indent {
                if pendingBlank { block.loose = true }
                block.items.append([marker.text])
                indent = marker.contentIndent
                pendingBlank = false
                index += 1
                continue
            }
            if indentation(line) >= indent {
                if pendingBlank { block.items[block.items.count - 1].append("") }
                block.items[block.items.count - 1].append(String(line.dropFirst(indent)))
                pendingBlank = false
                index += 1
                continue
            }
            // A line that just carries on the item's text, unless a blank line or another block came first.
            if !pendingBlank, !startsBlock(line) {
                block.items[block.items.count - 1].append(line.trimmingCharacters(in: .whitespaces))
                index += 1
                continue
            }
            break
        }
        block.end = index
        return block
    }

    private func renderBlocks(_ lines: ArraySlice<String>, depth: Int, tight: Bool, into out: inout String) {
        var paragraph: [String] = []
        func flush() {
            guard !paragraph.isEmpty else { return }
            let text = inline(paragraph.joined(separator: "\n"), html: true)
            out += tight ? text : "<p>\(text)</p>\n"
            paragraph.removeAll()
        }
        var index = lines.startIndex
        while index < lines.endIndex {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if Self.isBlank(line) {
                flush()
                index += 1
                continue
            }
            if let heading = Self.heading(trimmed) {
                flush()
                let level = min(heading.level + 1, 6)
                out += "<h\(level)>\(inline(heading.text, html: true))</h\(level)>\n"
                index += 1
                continue
            }
            if Self.isRule(trimmed) {
                flush()
                out += "<hr>\n"
                index += 1
                continue
            }
            if trimmed.hasPrefix(">"), depth < Self.maxDepth {
                flush()
                let quote = Self.quoteLines(lines, from: index)
                out += "<blockquote>\n"
                renderBlocks(quote.lines[...], depth: depth + 1, tight: false, into: &out)
                out += "</blockquote>\n"
                index = quote.end
                continue
            }
            if let marker = Self.listMarker(line), depth < Self.maxDepth, paragraph.isEmpty || !marker.ordered || marker.start == 1 {
                flush()
                let list = Self.listBlock(lines, from: index, first: marker)
                let tag = list.ordered ? "ol" : "ul"
                out += list.ordered && list.start != 1 ? "<ol start=\"\(list.start)\">\n" : "<\(tag)>\n"
                for item in list.items {
                    out += "<li>"
                    renderBlocks(item[...], depth: depth + 1, tight: !list.loose && !item.contains(""), into: &out)
                    out += "</li>\n"
                }
                out += "</\(tag)>\n"
                index = list.end
                continue
            }
            paragraph.append(trimmed.isEmpty ? line : String(line.drop { $0 == " " }))
            index += 1
        }
        flush()
    }

    private func collectText(_ lines: ArraySlice<String>, depth: Int, into parts: inout [String]) {
        var paragraph: [String] = []
        func flush() {
            guard !paragraph.isEmpty else { return }
            parts.append(inline(paragraph.joined(separator: " "), html: false))
            paragraph.removeAll()
        }
        for line in lines {
            var trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || Self.isRule(trimmed) { flush(); continue }
            if let heading = Self.heading(trimmed) { flush(); parts.append(inline(heading.text, html: false)); continue }
            while trimmed.hasPrefix(">") { trimmed = String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces) }
            if let marker = Self.listMarker(trimmed) { flush(); parts.append(inline(marker.text, html: false)); continue }
            paragraph.append(trimmed)
        }
        flush()
    }

    // MARK: Inline

    private func inline(_ text: String, html: Bool) -> String {
        var scanner = InlineScanner(chars: Array(text), markdown: self, html: html)
        return scanner.render(0..<scanner.chars.count, depth: 0, inLink: false)
    }
}

/// One paragraph's inline syntax. Searches for closing delimiters remember where they failed, so a paragraph full
/// of stray `*` or `[` still renders in linear time.
private struct InlineScanner {
    let chars: [Character]
    let markdown: SafeMarkdown
    /// Off while an image's label is read as its alt text.
    var html: Bool
    /// For each delimiter kind, the position from which a search for its closer already failed.
    var failedFrom: [String: Int] = [:]
    /// For each `[`, where its `]` is (nil when it has none).
    lazy var closingBracket: [Int: Int] = {
        var result: [Int: Int] = [:]
        var stack: [Int] = []
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c == "\\" { index += 2; continue }
            if c == "[" { stack.append(index) } else if c == "]", let open = stack.popLast() { result[open] = index }
            index += 1
        }
        return result
    }()

    init(chars: [Character], markdown: SafeMarkdown, html: Bool) {
        self.chars = chars
        self.markdown = markdown
        self.html = html
    }

    private func emit(_ c: Character, into out: inout String) {
        if html { out += SafeMarkdown.escape(String(c)) } else if c != "\n" { out.append(c) } else { out.append(" ") }
    }

    private static func isPunctuation(_ c: Character) -> Bool {
        c.isASCII && (c.isPunctuation || c.isSymbol)
    }

    mutating func render(_ range: Range<Int>, depth: Int, inLink: Bool) -> String {
        var out = ""
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = chars[i]
            switch c {
            case "\\":
                if i + 1 < end, chars[i + 1] == "\n" {
                    out += html ? "<br>\n" : " "
                    i += 2
                    continue
                }
                if i + 1 < end, Self.isPunctuation(chars[i + 1]) {
                    emit(chars[i + 1], into: &out)
                    i += 2
                    continue
                }
            case " ":
                // Two spaces at the end of a line break it.
                var j = i
                while j < end, chars[j] == " " { j += 1 }
                if j < end, chars[j] == "\n", j - i >= 2 {
                    out += html ? "<br>\n" : " "
                    i = j + 1
                    continue
                }
                if j == end { i = j; continue }
                out += String(repeating: " ", count: j - i)
                i = j
                continue
            case "`":
                var run = 0
                while i + run < end, chars[i + run] == "`" { run += 1 }
                if let close = closingBackticks(after: i + run, run: run, end: end) {
                    var code = String(chars[(i + run)..<close]).replacingOccurrences(of: "\n", with: " ")
                    if code.count > 2, code.hasPrefix(" "), code.hasSuffix(" ") { code = String(code.dropFirst().dropLast()) }
                    out += html ? "<code>\(SafeMarkdown.escape(code))</code>" : code
                    i = close + run
                    continue
                }
                for _ in 0..<run { emit("`", into: &out) }
                i += run
                continue
            case "!" where i + 1 < end && chars[i + 1] == "[" && depth < SafeMarkdown.maxDepth:
                if let link = linkParts(at: i + 1, end: end) {
                    if markdown.isSafeImage(link.url) {
                        if html {
                            // The label as plain text, with the same depth limit as everything else inside it.
                            html = false
                            let altText = render(link.label, depth: depth + 1, inLink: true)
                            html = true
                            out += "<img src=\"\(SafeMarkdown.escape(link.url))\" alt=\"\(SafeMarkdown.escape(altText))\" loading=\"lazy\">"
                        }
                    } else {
                        out += render(link.label, depth: depth + 1, inLink: inLink)
                    }
                    i = link.end
                    continue
                }
            case "[" where !inLink && depth < SafeMarkdown.maxDepth:
                if let link = linkParts(at: i, end: end) {
                    let label = render(link.label, depth: depth + 1, inLink: true)
                    if html, SafeMarkdown.isSafeLink(link.url) {
                        let external = link.url.lowercased().hasPrefix("http")
                        out += "<a href=\"\(SafeMarkdown.escape(link.url))\"\(external ? " rel=\"noopener noreferrer\"" : "")>\(label)</a>"
                    } else {
                        out += label
                    }
                    i = link.end
                    continue
                }
            case "<" where !inLink:
                // <https://example.com> and <mailto:…>
                if let close = (i + 1..<min(end, i + 2050)).first(where: { chars[$0] == ">" || chars[$0] == " " || chars[$0] == "<" || chars[$0] == "\n" }),
                   chars[close] == ">" {
                    let url = String(chars[(i + 1)..<close])
                    let lower = url.lowercased()
                    if SafeMarkdown.isSafeLink(url), lower.hasPrefix("http") || lower.hasPrefix("mailto:") {
                        let shown = lower.hasPrefix("mailto:") ? String(url.dropFirst(7)) : url
                        out += html ? "<a href=\"\(SafeMarkdown.escape(url))\" rel=\"noopener noreferrer\">\(SafeMarkdown.escape(shown))</a>" : shown
                        i = close + 1
                        continue
                    }
                }
            case "*", "_":
                if depth < SafeMarkdown.maxDepth, let span = emphasis(at: i, end: end) {
                    let inner = render(span.inner, depth: depth + 1, inLink: inLink)
                    if html {
                        out += span.strong ? "<strong>\(inner)</strong>" : "<em>\(inner)</em>"
                    } else {
                        out += inner
                    }
                    i = span.end
                    continue
                }
                // A run that opens nothing is text.
                var j = i
                while j < end, chars[j] == c { emit(c, into: &out); j += 1 }
                i = j
                continue
            default:
                break
            }
            emit(c, into: &out)
            i += 1
        }
        return out
    }

    private mutating func closingBackticks(after start: Int, run: Int, end: Int) -> Int? {
        let key = "`\(run)@\(end)"
        if let failed = failedFrom[key], failed <= start { return nil }
        var j = start
        while j < end {
            if chars[j] == "`" {
                var length = 0
                while j + length < end, chars[j + length] == "`" { length += 1 }
                if length == run { return j }
                j += length
            } else {
                j += 1
            }
        }
        failedFrom[key] = start
        return nil
    }

    /// `[label](url)` or `[label](url "title")` starting at the `[`.
    private mutating func linkParts(at open: Int, end: Int) -> (label: Range<Int>, url: String, end: Int)? {
        guard let close = closingBracket[open], close < end, close + 1 < end, chars[close + 1] == "(" else { return nil }
        var j = close + 2
        while j < end, chars[j] == " " { j += 1 }
        let urlStart = j
        var parens = 0
        while j < end, j - urlStart <= 2048 {
            let c = chars[j]
            if c == " " || c == "\n" { break }
            if c == "(" { parens += 1 }
            if c == ")" { if parens == 0 { break }; parens -= 1 }
            j += 1
        }
        let url = String(chars[urlStart..<j])
        while j < end, chars[j] == " " || chars[j] == "\n" { j += 1 }
        // An optional title, which is dropped.
        if j < end, chars[j] == "\"" {
            guard let quote = (j + 1..<min(end, j + 300)).first(where: { chars[$0] == "\"" }) else { return nil }
            j = quote + 1
            while j < end, chars[j] == " " { j += 1 }
        }
        guard j < end, chars[j] == ")" else { return nil }
        return ((open + 1)..<close, url, j + 1)
    }

    /// `**strong**`, `__strong__`, `*em*`, `_em_` opening at `start`. Underscores do not work inside words (snake_case).
    private mutating func emphasis(at start: Int, end: Int) -> (inner: Range<Int>, strong: Bool, end: Int)? {
        let c = chars[start]
        var run = 0
        while start + run < end, chars[start + run] == c { run += 1 }
        guard start + run < end, !chars[start + run].isWhitespace else { return nil }
        if c == "_", start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber { return nil }
        if run >= 2, let close = closer(of: c, double: true, from: start + 2, end: end) {
            return ((start + 2)..<close, true, close + 2)
        }
        if let close = closer(of: c, double: false, from: start + 1, end: end) {
            return ((start + 1)..<close, false, close + 1)
        }
        return nil
    }

    private mutating func closer(of c: Character, double: Bool, from start: Int, end: Int) -> Int? {
        let key = "\(c)\(double ? 2 : 1)@\(end)"
        if let failed = failedFrom[key], failed <= start { return nil }
        var j = start + 1
        while j < end {
            if chars[j] == c {
                var run = 0
                while j + run < end, chars[j + run] == c { run += 1 }
                let width = double ? 2 : 1
                let followedByWord = j + run < end && (chars[j + run].isLetter || chars[j + run].isNumber)
                if run >= width, !chars[j - 1].isWhitespace, !(c == "_" && followedByWord), double || run != 2 {
                    // In a run like `***`, the closer is its last characters: `***both***`.
                    return j + run - width
                }
                j += run
            } else {
                j += 1
            }
        }
        failedFrom[key] = start
        return nil
    }
}
