import Foundation

/// The small pieces of language the announcement composer builds sentences from, in English and Chinese.
enum AnnouncementWords {
    /// Backslash-escapes what `SafeMarkdown` would read as markup in a name, event, team or unit,
    /// and folds line breaks, so a name stays text wherever it lands in a sentence, a list or a heading.
    static func text(_ raw: String) -> String {
        let folded = raw.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        var out = ""
        for c in folded {
            if "\\`*_[]<".contains(c) { out.append("\\") }
            out.append(c)
        }
        // At the start of a line, these would make a heading, a list item, a quote or a rule.
        if let first = out.first, "#-+>=|~".contains(first) { out.insert("\\", at: out.startIndex) }
        let digits = out.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let next = out.dropFirst(digits.count).first, next == "." || next == ")" {
            out.insert("\\", at: out.index(out.startIndex, offsetBy: digits.count))
        }
        return out
    }

    /// Chinese text with Latin names, spaced as Chinese typesetting does: a space between a Latin letter and a
    /// Chinese character ("在 Zhijiang College 举行"), none around digits ("2023年") or punctuation ("（Robotics）").
    static func spaced(_ text: String) -> String {
        func isHan(_ c: Character) -> Bool {
            c.unicodeScalars.first.map { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) } ?? false
        }
        func isLatin(_ c: Character) -> Bool { c.isASCII && c.isLetter }
        var out = ""
        var previous: Character?
        for c in text {
            if let p = previous, (isLatin(p) && isHan(c)) || (isHan(p) && isLatin(c)) { out.append(" ") }
            out.append(c)
            previous = c
        }
        return out
    }

    /// "A", "A and B", "A, B and C"; "A", "A和B", "A、B和C".
    static func list(_ items: [String], _ language: Language) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default:
            let head = items.dropLast()
            switch language {
            case .en: return head.joined(separator: ", ") + " and " + items.last!
            case .zhHans: return head.joined(separator: "、") + "和" + items.last!
            }
        }
    }

    static func series(_ items: [String], _ language: Language) -> String {
        items.joined(separator: language == .en ? ", " : "、")
    }

    /// "1 team", "7 teams".
    static func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }

    /// "44 km", "8.8 km"; "44公里".
    static func distance(_ meters: Int, _ language: Language) -> String {
        let km = RelayCourse.kilometres(meters)
        return language == .en ? "\(km) km" : "\(km)公里"
    }

    /// `2:54:13` in lists for both languages; in a Chinese sentence `2小时54分13秒`.
    static func spokenDuration(_ ms: Int64, _ language: Language) -> String {
        guard language == .zhHans else { return RelayClock.duration(ms) }
        let seconds = (max(0, ms) + 999) / 1000
        let h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60
        let ss = s < 10 ? "0\(s)" : "\(s)"
        return h > 0 ? "\(h)小时\(m < 10 ? "0\(m)" : "\(m)")分\(ss)秒" : "\(m)分\(ss)秒"
    }

    /// "1st", "2nd (tied)"; "第1名", "并列第2名".
    static func place(_ place: Int, tied: Bool, _ language: Language) -> String {
        switch language {
        case .en: return NumberDisplay.englishOrdinal(place) + (tied ? " (tied)" : "")
        case .zhHans: return (tied ? "并列" : "") + "第\(place)名"
        }
    }

    /// "first prize", "一等奖".
    static func prize(_ prize: Int, _ language: Language) -> String {
        switch language {
        case .en:
            let words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
            return (prize >= 1 && prize <= words.count ? words[prize - 1] : NumberDisplay.englishOrdinal(prize)) + " prize"
        case .zhHans: return NumberDisplay.chinese(prize) + "等奖"
        }
    }

    /// "first places", "second places"…; "第一名".
    static func placeName(_ place: Int, _ language: Language) -> String {
        switch language {
        case .en:
            let words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]
            return (place >= 1 && place <= words.count ? words[place - 1] : NumberDisplay.englishOrdinal(place)) + " place"
        case .zhHans: return "第\(NumberDisplay.chinese(place))名"
        }
    }

    static func category(_ category: EventCategory, _ language: Language) -> String {
        switch (category, language) {
        case (.competition, .en): return "competition"
        case (.parentChild, .en): return "parent-child"
        case (.fun, .en): return "fun"
        case (.competition, .zhHans): return "竞技类"
        case (.parentChild, .zhHans): return "亲子类"
        case (.fun, .zhHans): return "趣味类"
        }
    }

    static func awardKind(_ kind: AwardKind, _ language: Language) -> String {
        switch (kind, language) {
        case (.individual, .en): return "individual"
        case (.collective, .en): return "collective"
        case (.parentChild, .en): return "parent-child"
        case (.individual, .zhHans): return "个人奖"
        case (.collective, .zhHans): return "集体奖"
        case (.parentChild, .zhHans): return "亲子奖"
        }
    }

    /// The dates an occasion was held: "On 18 Nov 2023", "From 18 to 19 Nov 2023"; "2023年11月18日", "2023年11月18日至19日".
    static func dates(_ start: CalendarDate, _ end: CalendarDate?, _ language: Language) -> String {
        guard let end, end > start else {
            return language == .en ? "On \(DateDisplay.date(start, .en))" : DateDisplay.date(start, .zhHans)
        }
        switch language {
        case .en:
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            if start.year == end.year && start.month == end.month {
                return "From \(start.day) to \(end.day) \(months[end.month - 1]) \(end.year)"
            }
            if start.year == end.year { return "From \(start.day) \(months[start.month - 1]) to \(DateDisplay.date(end, .en))" }
            return "From \(DateDisplay.date(start, .en)) to \(DateDisplay.date(end, .en))"
        case .zhHans:
            if start.year == end.year && start.month == end.month { return "\(DateDisplay.date(start, .zhHans))至\(end.day)日" }
            if start.year == end.year { return "\(DateDisplay.date(start, .zhHans))至\(end.month)月\(end.day)日" }
            return "\(DateDisplay.date(start, .zhHans))至\(DateDisplay.date(end, .zhHans))"
        }
    }

    /// The occasion's name as a sentence names it, with its edition unless the name already says it:
    /// "the 5th Jinghua Workers' Games", "第五届职工运动会".
    static func occasionName(_ occasion: AnnouncementOccasion, _ language: Language, capitalized: Bool) -> String {
        let name = text(occasion.name)
        var edition = ""
        if let n = occasion.edition, !mentionsEdition(occasion.name, n) {
            edition = language == .en ? NumberDisplay.englishOrdinal(n) + " " : "第\(NumberDisplay.chinese(n))届"
            if language == .zhHans, let first = occasion.name.first, first.isASCII { edition += " " }
        }
        guard language == .en else { return edition + name }
        let startsWithThe = occasion.name.lowercased().hasPrefix("the ")
        let article = startsWithThe ? "" : (capitalized ? "The " : "the ")
        if startsWithThe && !edition.isEmpty {
            // "The Annual Relay", 3rd edition: "the 3rd Annual Relay".
            return (capitalized ? "The " : "the ") + edition + text(String(occasion.name.dropFirst(4)))
        }
        return article + edition + name
    }

    static func mentionsEdition(_ name: String, _ n: Int) -> Bool {
        let lower = name.lowercased()
        return lower.contains(NumberDisplay.englishOrdinal(n)) || name.contains("第\(NumberDisplay.chinese(n))届") || name.contains("第\(n)届")
            || (n == 1 && lower.contains("first"))
    }

    /// Whether English takes a plural verb: "the Games were held", "the relay was held".
    static func isPlural(_ name: String) -> Bool {
        let lower = name.lowercased().trimmingCharacters(in: .whitespaces)
        return lower.hasSuffix("games") || lower.hasSuffix("championships") || lower.hasSuffix("olympics")
    }

    /// The opening sentence: when, what, where, under which theme. Missing pieces are left out.
    static func opening(_ occasion: AnnouncementOccasion, _ language: Language) -> String {
        let venue = text(occasion.venue)
        let theme = text(occasion.theme)
        switch language {
        case .en:
            let verb = isPlural(occasion.name) ? "were held" : "was held"
            var sentence: String
            if let start = occasion.startDate {
                sentence = dates(start, occasion.endDate, .en) + ", " + occasionName(occasion, .en, capitalized: false) + " " + verb
            } else {
                sentence = occasionName(occasion, .en, capitalized: true) + " " + verb
            }
            if !venue.isEmpty { sentence += " at \(venue)" }
            if !theme.isEmpty { sentence += " under the theme “\(theme)”" }
            return sentence + "."
        case .zhHans:
            var sentence = ""
            if let start = occasion.startDate { sentence += dates(start, occasion.endDate, .zhHans) + "，" }
            sentence += occasionName(occasion, .zhHans, capitalized: false)
            sentence += venue.isEmpty ? "举行" : "在\(venue)举行"
            if !theme.isEmpty { sentence += "，主题为“\(theme)”" }
            return sentence + "。"
        }
    }
}
