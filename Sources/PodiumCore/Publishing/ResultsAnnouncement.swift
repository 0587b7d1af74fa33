import Foundation

/// Drafts the results announcement organizers publish after an occasion, from the results alone:
/// an opening paragraph (when, what, where, theme, who took part), the outcome in a sentence or two,
/// then the details as headed lists. Nothing is invented: a sentence whose facts are missing is left out.
/// The body uses only what `SafeMarkdown` renders (paragraphs, `#` headings, `-` lists), and every name is escaped.
public enum ResultsAnnouncement {
    /// The texts tell of an occasion that is over ("has come to a successful conclusion", "X wins"): they are
    /// drafted once the program is finished, or when its results are published.
    public static let allowedStatuses: Set<ProgramStatus> = [.finished, .published]

    /// Why there is nothing to announce yet, as a localization key.
    public static func missing(games facts: GamesAnnouncementFacts) -> String? {
        facts.events.isEmpty ? "error.announcement.noResults" : nil
    }

    public static func missing(relay facts: RelayAnnouncementFacts) -> String? {
        facts.finishers.isEmpty ? "error.announcement.noFinisher" : nil
    }

    public static func missing(recognition facts: RecognitionAnnouncementFacts) -> String? {
        facts.honoreeCount == 0 ? "error.announcement.noHonorees" : nil
    }

    private typealias W = AnnouncementWords

    /// A name as the composer writes it into Markdown: characters that would be markup are backslash-escaped.
    public static func escape(_ name: String) -> String { AnnouncementWords.text(name) }

    // MARK: Games

    public static func games(_ occasion: AnnouncementOccasion, _ facts: GamesAnnouncementFacts, _ language: Language) -> Announcement {
        let en = language == .en
        let title = en ? W.occasionName(occasion, .en, capitalized: true) + " " + (W.isPlural(occasion.name) ? "have" : "has") + " come to a successful conclusion"
                       : W.occasionName(occasion, .zhHans, capitalized: true) + "圆满落幕"
        var paragraphs: [String] = []

        var opening = W.opening(occasion, language)
        let byCategory = EventCategory.allCases.map { category in (category, facts.events.filter { $0.category == category }) }
            .filter { !$0.1.isEmpty }
        let categoryCounts = byCategory.map { category, events in
            en ? W.count(events.count, "\(W.category(category, .en)) event", "\(W.category(category, .en)) events")
               : "\(W.category(category, .zhHans))项目\(events.count)个"
        }
        if en {
            var who: [String] = []
            if facts.teams > 0 { who.append(W.count(facts.teams, "representative team", "representative teams")) }
            if facts.athletes > 0 { who.append(W.count(facts.athletes, "athlete", "athletes")) }
            let events = W.count(facts.events.count, "event", "events")
            var sentence = who.isEmpty ? "\(events.prefix(1).uppercased() + events.dropFirst()) were held" : "\(W.list(who, .en)) competed in \(events)"
            if facts.events.count == 1 && who.isEmpty { sentence = "1 event was held" }
            if byCategory.count > 1 { sentence += ": " + W.list(categoryCounts, .en) }
            opening += " " + sentence + "."
        } else {
            var who: [String] = []
            if facts.teams > 0 { who.append("\(facts.teams)支代表队") }
            if facts.athletes > 0 { who.append("\(facts.athletes)名运动员") }
            var sentence = who.isEmpty ? "共进行了\(facts.events.count)个项目的比赛" : "共有\(who.joined(separator: "、"))参加了\(facts.events.count)个项目的比赛"
            if byCategory.count > 1 { sentence += "，其中" + W.series(categoryCounts, .zhHans) }
            opening += sentence + "。"
        }
        paragraphs.append(opening)

        // The outcome: awards by kind, then the group award, as the seed reports put it.
        var outcome = ""
        let kinds = AwardKind.allCases.filter { facts.awards($0) > 0 }
        if !kinds.isEmpty {
            if en {
                let parts = kinds.map { W.count(facts.awards($0), "\(W.awardKind($0, .en)) award", "\(W.awardKind($0, .en)) awards") }
                outcome = "The \(W.isPlural(occasion.name) ? "Games" : "event") produced a total of \(W.list(parts, .en))."
            } else {
                outcome = "本届\(occasion.name.contains("运动会") || W.isPlural(occasion.name) ? "运动会" : "比赛")共产生" + W.series(kinds.map { "\(W.awardKind($0, .zhHans))\(facts.awards($0))个" }, .zhHans) + "。"
            }
        }
        let prizeGroups = Dictionary(grouping: facts.standings.filter { $0.prize != nil }, by: { $0.prize! }).sorted { $0.key < $1.key }
        if !prizeGroups.isEmpty {
            let parts = prizeGroups.enumerated().map { index, group -> String in
                let teams = W.list(group.value.map { W.text($0.team) }, language)
                if en { return index == 0 ? "\(teams) won the \(W.prize(group.key, .en)) of the group award" : "\(teams) the \(W.prize(group.key, .en))" }
                return index == 0 ? "\(teams)获得团体奖\(W.prize(group.key, .zhHans))" : "\(teams)获得\(W.prize(group.key, .zhHans))"
            }
            let sentence = en ? W.list(parts, .en) + "." : parts.joined(separator: "，") + "。"
            outcome += outcome.isEmpty ? sentence : (en ? " " : "") + sentence
        }
        if !outcome.isEmpty { paragraphs.append(outcome) }

        if !facts.standings.isEmpty {
            let lines = facts.standings.map { row -> String in
                var line = en ? "- \(W.place(row.rank, tied: row.tied, .en)): \(W.text(row.team)), \(row.points) \(row.points == "1" ? "point" : "points")"
                              : "- \(W.place(row.rank, tied: row.tied, .zhHans))：\(W.text(row.team))，\(row.points)分"
                if let prize = row.prize { line += en ? " (\(W.prize(prize, .en)))" : "（\(W.prize(prize, .zhHans))）" }
                return line
            }
            paragraphs.append((en ? "# Group ranking" : "# 团体总分") + "\n\n" + lines.joined(separator: "\n"))
        }

        if !kinds.isEmpty {
            let lines = kinds.map { kind -> String in
                let places = facts.awardPlaces[kind] ?? []
                let byPlace = Dictionary(grouping: places, by: { $0 }).mapValues(\.count).sorted { $0.key < $1.key }
                let detail = byPlace.count > 1 ? byPlace.map { place, count in
                    en ? W.count(count, W.placeName(place, .en), W.placeName(place, .en) + "s") : "\(W.placeName(place, .zhHans))\(count)个"
                } : []
                if en {
                    let label = W.awardKind(kind, .en).prefix(1).uppercased() + W.awardKind(kind, .en).dropFirst() + " awards"
                    return "- \(label): \(places.count)" + (detail.isEmpty ? "" : " (\(W.series(detail, .en)))")
                }
                return "- \(W.awardKind(kind, .zhHans))：\(places.count)个" + (detail.isEmpty ? "" : "（\(W.series(detail, .zhHans))）")
            }
            paragraphs.append((en ? "# Awards" : "# 获奖情况") + "\n\n" + lines.joined(separator: "\n"))
        }

        let eventLines = byCategory.map { category, events -> String in
            let names = W.series(events.map { W.text($0.name) }, language)
            return en ? "- \(W.category(category, .en).prefix(1).uppercased() + W.category(category, .en).dropFirst()) events (\(events.count)): \(names)"
                      : "- \(W.category(category, .zhHans))项目（\(events.count)个）：\(names)"
        }
        if !eventLines.isEmpty { paragraphs.append((en ? "# Events" : "# 比赛项目") + "\n\n" + eventLines.joined(separator: "\n")) }

        let winnerLines = facts.events.filter { !$0.winners.isEmpty }.map { event -> String in
            let winners = event.winners.map { winner -> String in
                let team = W.text(winner.team)
                let names = winner.names.map(W.text)
                if event.awardKind == .collective || names.isEmpty { return team }
                let who = W.list(names, language)
                guard !team.isEmpty else { return who }
                return en ? "\(who) (\(team))" : "\(who)（\(team)）"
            }
            return "- \(W.text(event.name))\(en ? ": " : "：")\(winners.joined(separator: en ? "; " : "；"))"
        }
        if !winnerLines.isEmpty { paragraphs.append((en ? "# Event winners" : "# 各项目第一名") + "\n\n" + winnerLines.joined(separator: "\n")) }

        return finished(title, paragraphs, language)
    }

    // MARK: Relay

    public static func relay(_ occasion: AnnouncementOccasion, _ facts: RelayAnnouncementFacts, _ language: Language) -> Announcement {
        let en = language == .en
        let winners = facts.finishers.filter { $0.place == 1 }
        let winnerNames = W.list(winners.map { W.text($0.team) }, language)
        var title = en ? W.occasionName(occasion, .en, capitalized: true) + " has come to a successful conclusion"
                       : W.occasionName(occasion, .zhHans, capitalized: true) + "圆满落幕"
        if let first = winners.first {
            title = en ? "\(winnerNames) \(winners.count > 1 ? "win" : "wins") \(W.occasionName(occasion, .en, capitalized: false)) in \(RelayClock.duration(first.totalMs))"
                       : "\(title)，\(winnerNames)夺冠"
        }
        var paragraphs: [String] = []
        var opening = W.opening(occasion, language)
        let meters = facts.legMeters.reduce(0, +)
        let runners = facts.teams.reduce(0) { $0 + $1.runners }
        let women = facts.teams.reduce(0) { $0 + $1.women }
        if en {
            var who = W.count(facts.teams.count, "team", "teams")
            if runners > 0 {
                who += " of \(W.count(runners, "runner", "runners"))"
                if women > 0 { who += women == 1 ? ", one of them a woman," : ", \(women) of them women," }
            }
            var course = ""
            if meters > 0 { course = " the \(W.distance(meters, .en)) course" }
            if !facts.legMeters.isEmpty { course += " in \(W.count(facts.legMeters.count, "leg", "legs"))" }
            if !facts.teams.isEmpty { opening += " " + who.prefix(1).uppercased() + who.dropFirst() + (course.isEmpty ? " took part." : " ran" + course + ".") }
        } else if !facts.teams.isEmpty {
            var who = "\(facts.teams.count)支队伍"
            if runners > 0 { who += "、\(runners)名运动员" + (women > 0 ? "（其中女运动员\(women)名）" : "") }
            var course: [String] = []
            if meters > 0 { course.append("全程\(W.distance(meters, .zhHans))") }
            if !facts.legMeters.isEmpty { course.append("共\(facts.legMeters.count)棒") }
            opening += "共有\(who)参加了" + (course.isEmpty ? "比赛" : course.joined(separator: "、") + "的接力比赛") + "。"
        }
        paragraphs.append(opening)

        if let first = winners.first {
            // Second and third place, every team that shares one of them.
            let chasers = facts.finishers.filter { $0.place == 2 || $0.place == 3 }
            var sentence: String
            if en {
                sentence = "\(winnerNames) won the race in \(RelayClock.duration(first.totalMs))"
                if !chasers.isEmpty {
                    sentence += ", followed by " + W.list(chasers.map { "\(W.text($0.team)) (\(RelayClock.duration($0.totalMs)))" }, .en)
                }
                sentence += "."
                let total = facts.teams.count
                if total > 0 {
                    sentence += facts.finishers.count == total ? (total > 2 ? " All \(total) teams finished." : total == 2 ? " Both teams finished." : "")
                        : " \(facts.finishers.count) of the \(total) teams finished."
                }
            } else {
                sentence = "\(winnerNames)以\(W.spokenDuration(first.totalMs, .zhHans))的成绩夺得冠军"
                if !chasers.isEmpty {
                    let names = W.list(chasers.map { "\(W.text($0.team))（\(W.spokenDuration($0.totalMs, .zhHans))）" }, .zhHans)
                    let places = chasers.map { NumberDisplay.chinese($0.place) }
                    if chasers.count == 1 {
                        sentence += "，\(names)获得第\(places[0])名"
                    } else if Set(places).count == chasers.count {
                        sentence += "，\(names)分获第\(places.joined(separator: "、"))名"
                    } else {
                        // A tie: say place by place who shares it.
                        let byPlace = Dictionary(grouping: chasers, by: \.place).sorted { $0.key < $1.key }
                        sentence += byPlace.map { place, rows in
                            let who = W.list(rows.map { "\(W.text($0.team))（\(W.spokenDuration($0.totalMs, .zhHans))）" }, .zhHans)
                            return "，\(who)\(rows.count > 1 ? "并列" : "获得")第\(NumberDisplay.chinese(place))名"
                        }.joined()
                    }
                }
                sentence += "。"
                let total = facts.teams.count
                if total > 0 {
                    sentence += facts.finishers.count == total ? (total > 1 ? "\(total)支队伍全部完赛。" : "") : "\(total)支队伍中有\(facts.finishers.count)支完赛。"
                }
            }
            paragraphs.append(sentence)
        }

        var results = facts.finishers.map { row in
            en ? "- \(W.place(row.place, tied: row.tied, .en)): \(W.text(row.team)), \(RelayClock.duration(row.totalMs))"
               : "- \(W.place(row.place, tied: row.tied, .zhHans))：\(W.text(row.team))，\(RelayClock.duration(row.totalMs))"
        }
        results += facts.unplaced.map { row in
            let reason: String
            switch (row.reason, language) {
            case (.dns, .en): reason = "did not start"
            case (.dnf, .en): reason = "did not finish"
            case (.dq, .en): reason = "disqualified"
            case (.dns, .zhHans): reason = "弃权"
            case (.dnf, .zhHans): reason = "未完成"
            case (.dq, .zhHans): reason = "取消资格"
            }
            return en ? "- \(W.text(row.team)): \(reason)" : "- \(W.text(row.team))：\(reason)"
        }
        if !results.isEmpty { paragraphs.append((en ? "# Results" : "# 比赛成绩") + "\n\n" + results.joined(separator: "\n")) }

        let classes = Dictionary(grouping: facts.teams, by: \.classLabel)
        let classOrder = facts.teams.map(\.classLabel).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if !facts.teams.isEmpty {
            let lines: [String]
            if classOrder.count > 1 || classOrder.first?.isEmpty == false {
                lines = classOrder.map { label in
                    let teams = classes[label] ?? []
                    let names = W.series(teams.map { W.text($0.name) }, language)
                    let shown = label.isEmpty ? (en ? "Other" : "其他") : W.text(label)
                    return en ? "- \(shown) (\(teams.count)): \(names)" : "- \(shown)（\(teams.count)支）：\(names)"
                }
            } else {
                lines = ["- " + W.series(facts.teams.map { W.text($0.name) }, language)]
            }
            paragraphs.append((en ? "# Teams" : "# 参赛队伍") + "\n\n" + lines.joined(separator: "\n"))
        }

        if !facts.fastestLegs.isEmpty {
            // Runners who share the fastest time of a leg are named on one line.
            let legs = facts.fastestLegs.reduce(into: [Int]()) { if !$0.contains($1.leg) { $0.append($1.leg) } }
            let lines = legs.map { leg -> String in
                let sharing = facts.fastestLegs.filter { $0.leg == leg }
                let best = sharing[0]
                let named = W.list(sharing.map { best -> String in
                    let who = [W.text(best.runner), W.text(best.team)].filter { !$0.isEmpty }
                    return who.count == 2 ? (en ? "\(who[0]) (\(who[1]))" : "\(who[0])（\(who[1])）") : (who.first ?? "")
                }, language)
                return en ? "- Leg \(best.leg) (\(W.distance(best.meters, .en))): \(named), \(RelayClock.duration(best.timeMs))"
                          : "- 第\(best.leg)棒（\(W.distance(best.meters, .zhHans))）：\(named)，\(RelayClock.duration(best.timeMs))"
            }
            paragraphs.append((en ? "# Fastest legs" : "# 各棒最快") + "\n\n" + lines.joined(separator: "\n"))
        }
        return finished(title, paragraphs, language)
    }

    // MARK: Recognition

    public static func recognition(_ occasion: AnnouncementOccasion, _ facts: RecognitionAnnouncementFacts, _ language: Language) -> Announcement {
        let en = language == .en
        let categories = facts.categories.filter { !$0.honorees.isEmpty }
        // Someone honored in two categories is one honoree: count names with their units, not awards.
        func distinct(_ list: [RecognitionAnnouncementFacts.Category]) -> Int {
            Set(list.flatMap { $0.honorees.map { "\($0.name)\u{1F}\($0.unit)" } }).count
        }
        let teams = distinct(categories.filter { $0.kind == .team })
        let people = distinct(categories.filter { $0.kind != .team })
        let title: String
        if en {
            title = W.occasionName(occasion, .en, capitalized: true) + " commends " + W.count(people + teams, "honoree", "honorees")
        } else {
            title = W.occasionName(occasion, .zhHans, capitalized: true) + "隆重召开"
        }
        var paragraphs: [String] = []
        var opening = W.opening(occasion, language)
        if !categories.isEmpty {
            if en {
                var who: [String] = []
                if people > 0 { who.append(W.count(people, "individual", "individuals")) }
                if teams > 0 { who.append(W.count(teams, "team", "teams")) }
                opening += " The conference commended \(W.list(who, .en)) in \(W.count(categories.count, "award category", "award categories"))."
            } else {
                var who: [String] = []
                if people > 0 { who.append("先进个人\(people)名") }
                if teams > 0 { who.append("先进集体\(teams)个") }
                opening += "大会共表彰\(who.joined(separator: "、"))，涉及\(categories.count)个奖项。"
            }
        }
        paragraphs.append(opening)

        if !categories.isEmpty {
            let counts = categories.map { category -> String in
                let name = W.text(category.name)
                return en ? "“\(name)” (\(category.honorees.count))" : "“\(name)”\(category.honorees.count)\(category.kind == .team ? "个" : "名")"
            }
            paragraphs.append(en ? "The honors went as follows: \(W.list(counts, .en))." : "其中，\(W.series(counts, .zhHans))。")
        }

        // Special awards are named in a sentence, as the reports do, when there are only a few.
        let special = categories.filter { $0.kind == .special && $0.honorees.count <= 3 }
        if !special.isEmpty {
            let parts = special.map { category -> String in
                let whom = W.list(category.honorees.map { honoree(of: $0, language) }, language)
                return en ? "the “\(W.text(category.name))” to \(whom)" : "向\(whom)颁发了“\(W.text(category.name))”"
            }
            paragraphs.append(en ? "The conference also presented \(W.list(parts, .en))." : "大会还" + parts.joined(separator: "，") + "。")
        }

        for category in categories {
            let measure = category.kind == .team ? "个" : "名"
            let heading = en ? "# \(W.text(category.name)) (\(category.honorees.count))" : "# \(W.text(category.name))（\(category.honorees.count)\(measure)）"
            paragraphs.append(heading + "\n\n" + category.honorees.map { "- " + honoree(of: $0, language) }.joined(separator: "\n"))
        }
        return finished(title, paragraphs, language)
    }

    private static func finished(_ title: String, _ paragraphs: [String], _ language: Language) -> Announcement {
        // Names are escaped for the Markdown body; the title is plain text, so it is read back without the escapes.
        let title = SafeMarkdown(imagePrefix: "/").plainText(title)
        let body = paragraphs.joined(separator: "\n\n")
        return language == .zhHans ? Announcement(title: W.spaced(title), body: W.spaced(body)) : Announcement(title: title, body: body)
    }

    private static func honoree(of honoree: RecognitionAnnouncementFacts.Honoree, _ language: Language) -> String {
        let name = W.text(honoree.name), unit = W.text(honoree.unit)
        guard !unit.isEmpty, unit != name else { return name }
        return language == .en ? "\(name) (\(unit))" : "\(name)（\(unit)）"
    }
}
