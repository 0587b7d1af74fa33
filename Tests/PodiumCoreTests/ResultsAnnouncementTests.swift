import Foundation
import Testing
@testable import PodiumCore

@Suite struct ResultsAnnouncementTests {
    let games = AnnouncementOccasion(name: "5th Jinghua Workers' Games", edition: 5, theme: "Faster, farther, closer",
                                     startDate: CalendarDate(year: 2023, month: 11, day: 18), venue: "Zhijiang College Sports Ground")

    var gamesFacts: GamesAnnouncementFacts {
        GamesAnnouncementFacts(
            teams: 3, athletes: 42,
            events: [
                .init(name: "100 m men", category: .competition, winners: [.init(names: ["王强"], team: "Jinghua Technology")]),
                .init(name: "Tug of war", category: .fun, awardKind: .collective, winners: [.init(names: ["A", "B"], team: "New Materials")]),
                .init(name: "Parent-child relay", category: .parentChild, awardKind: .parentChild,
                      winners: [.init(names: ["李华", "李小明"], team: "Robotics")]),
            ],
            awardPlaces: [.individual: [1, 2, 3], .collective: [1, 2, 3], .parentChild: [1, 2]],
            standings: [.init(rank: 1, team: "Jinghua Technology", points: "21", prize: 1),
                        .init(rank: 2, team: "New Materials", points: "15", prize: 2),
                        .init(rank: 3, team: "Robotics", points: "10.5", prize: 3)])
    }

    @Test func gamesInEnglishReadLikeTheReport() {
        let text = ResultsAnnouncement.games(games, gamesFacts, .en)
        #expect(text.title == "The 5th Jinghua Workers' Games have come to a successful conclusion")
        #expect(text.body.hasPrefix("On 18 Nov 2023, the 5th Jinghua Workers' Games were held at Zhijiang College Sports Ground under the theme “Faster, farther, closer”. 3 representative teams and 42 athletes competed in 3 events: 1 competition event, 1 parent-child event and 1 fun event."))
        #expect(text.body.contains("The Games produced a total of 3 individual awards, 3 collective awards and 2 parent-child awards. Jinghua Technology won the first prize of the group award, New Materials the second prize and Robotics the third prize."))
        #expect(text.body.contains("# Group ranking\n\n- 1st: Jinghua Technology, 21 points (first prize)\n- 2nd: New Materials, 15 points (second prize)\n- 3rd: Robotics, 10.5 points (third prize)"))
        #expect(text.body.contains("- Individual awards: 3 (1 first place, 1 second place, 1 third place)"))
        #expect(text.body.contains("- Fun events (1): Tug of war"))
        #expect(text.body.contains("- Tug of war: New Materials"))
        #expect(text.body.contains("- Parent-child relay: 李华 and 李小明 (Robotics)"))
        #expect(!text.body.contains("record"))
    }

    @Test func gamesInChineseUseTheGlossaryWords() {
        let occasion = AnnouncementOccasion(name: "精华集团职工运动会", edition: 5, theme: "更快、更远、更近",
                                            startDate: CalendarDate(year: 2023, month: 11, day: 18), venue: "之江学院体育场")
        let text = ResultsAnnouncement.games(occasion, gamesFacts, .zhHans)
        #expect(text.title == "第五届精华集团职工运动会圆满落幕")
        #expect(text.body.hasPrefix("2023年11月18日，第五届精华集团职工运动会在之江学院体育场举行，主题为“更快、更远、更近”。共有3支代表队、42名运动员参加了3个项目的比赛，其中竞技类项目1个、亲子类项目1个、趣味类项目1个。"))
        #expect(text.body.contains("本届运动会共产生个人奖3个、集体奖3个、亲子奖2个。Jinghua Technology 获得团体奖一等奖，New Materials 获得二等奖，Robotics 获得三等奖。"))
        #expect(text.body.contains("# 团体总分\n\n- 第1名：Jinghua Technology，21分（一等奖）"))
        #expect(text.body.contains("- 个人奖：3个（第一名1个、第二名1个、第三名1个）"))
        #expect(text.body.contains("- 亲子类项目（1个）：Parent-child relay"))
    }

    @Test func missingFactsLeaveTheirSentencesOut() {
        let bare = AnnouncementOccasion(name: "Spring Games")
        let facts = GamesAnnouncementFacts(teams: 0, athletes: 0, events: [.init(name: "Chess", category: .fun)], awardPlaces: [:], standings: [])
        let en = ResultsAnnouncement.games(bare, facts, .en)
        #expect(en.body == "The Spring Games were held. 1 event was held.\n\n# Events\n\n- Fun events (1): Chess")
        #expect(!en.body.contains("theme"))
        #expect(!en.body.contains("award"))
        let zh = ResultsAnnouncement.games(bare, facts, .zhHans)
        #expect(zh.body.hasPrefix("Spring Games 举行。共进行了1个项目的比赛。"))
        #expect(!zh.body.contains("主题"))
        #expect(!zh.body.contains("团体"))
    }

    @Test func nothingToAnnounceIsNamed() {
        #expect(ResultsAnnouncement.missing(games: GamesAnnouncementFacts(teams: 2, athletes: 5, events: [], awardPlaces: [:], standings: [])) == "error.announcement.noResults")
        #expect(ResultsAnnouncement.missing(games: gamesFacts) == nil)
        #expect(ResultsAnnouncement.missing(relay: RelayAnnouncementFacts(legMeters: [5000], teams: [.init(name: "A")], finishers: [])) == "error.announcement.noFinisher")
        #expect(ResultsAnnouncement.missing(recognition: RecognitionAnnouncementFacts(categories: [.init(name: "X", kind: .individual, honorees: [])]))
            == "error.announcement.noHonorees")
    }

    @Test func namesWithMarkdownCharactersStayText() {
        var facts = gamesFacts
        facts.standings[0].team = "*Stars* [club](javascript:x) <b>"
        facts.events[0].name = "1. 100 m_dash"
        facts.events[0].winners = [.init(names: ["# Boss", "- Dash"], team: "`Code`")]
        let text = ResultsAnnouncement.games(games, facts, .en)
        let html = SafeMarkdown().html(text.body)
        #expect(text.body.contains("\\*Stars\\* \\[club\\](javascript:x) \\<b>"))
        #expect(html.contains("*Stars* [club](javascript:x) &lt;b&gt;"))
        #expect(!html.contains("<em>"))
        #expect(!html.contains("<a "))
        #expect(!html.contains("<code>"))
        #expect(html.contains("1. 100 m_dash"))
        #expect(html.contains("# Boss and - Dash (`Code`)"))
        // Every paragraph and list survives: the names did not open a heading or a list of their own.
        #expect(html.components(separatedBy: "<h2>").count == 5)
    }

    @Test func aNameStartingLikeAListStaysInItsParagraph() {
        #expect(AnnouncementWords.text("1. Team") == "1\\. Team")
        #expect(AnnouncementWords.text("- Team") == "\\- Team")
        #expect(AnnouncementWords.text("# Team\nTwo") == "\\# Team Two")
        #expect(AnnouncementWords.text("Zhang_San") == "Zhang\\_San")
        #expect(SafeMarkdown().html(AnnouncementWords.text("1. Team")) == SafeMarkdown().html("1\\. Team"))
        #expect(!SafeMarkdown().html(AnnouncementWords.text("1. Team")).contains("<ol"))
    }

    // MARK: Relay

    let relay = AnnouncementOccasion(name: "Green Valley Quality Month Relay", edition: 1, theme: "44 km for the 44th Quality Month",
                                     startDate: CalendarDate(year: 2021, month: 9, day: 25), venue: "Green Valley High-tech Zone")

    var relayFacts: RelayAnnouncementFacts {
        RelayAnnouncementFacts(
            legMeters: [8800, 8800, 8800, 8800, 8800],
            teams: [.init(name: "Jinghua Technology", classLabel: "Enterprise", runners: 5, women: 1),
                    .init(name: "Qingshan Community", classLabel: "Community", runners: 5, women: 2),
                    .init(name: "Zhijiang College", classLabel: "College", runners: 5, women: 1)],
            finishers: [.init(place: 1, team: "Zhijiang College", totalMs: 10_453_000),
                        .init(place: 2, team: "Jinghua Technology", totalMs: 10_862_400)],
            unplaced: [.init(team: "Qingshan Community", reason: .dnf)],
            fastestLegs: [.init(leg: 1, meters: 8800, runner: "Chen Li", team: "Zhijiang College", timeMs: 2_287_000)])
    }

    @Test func relayInEnglishNamesTheWinnerAndTheTime() {
        let text = ResultsAnnouncement.relay(relay, relayFacts, .en)
        #expect(text.title == "Zhijiang College wins the 1st Green Valley Quality Month Relay in 2:54:13")
        #expect(text.body.hasPrefix("On 25 Sep 2021, the 1st Green Valley Quality Month Relay was held at Green Valley High-tech Zone under the theme “44 km for the 44th Quality Month”. 3 teams of 15 runners, 4 of them women, ran the 44 km course in 5 legs."))
        #expect(text.body.contains("Zhijiang College won the race in 2:54:13, followed by Jinghua Technology (3:01:03). 2 of the 3 teams finished."))
        #expect(text.body.contains("# Results\n\n- 1st: Zhijiang College, 2:54:13\n- 2nd: Jinghua Technology, 3:01:03\n- Qingshan Community: did not finish"))
        #expect(text.body.contains("- Enterprise (1): Jinghua Technology"))
        #expect(text.body.contains("- Leg 1 (8.8 km): Chen Li (Zhijiang College), 38:07"))
    }

    @Test func relayInChinese() {
        let text = ResultsAnnouncement.relay(relay, relayFacts, .zhHans)
        #expect(text.title == "第一届 Green Valley Quality Month Relay 圆满落幕，Zhijiang College 夺冠")
        #expect(text.body.contains("共有3支队伍、15名运动员（其中女运动员4名）参加了全程44公里、共5棒的接力比赛。"))
        #expect(text.body.contains("Zhijiang College 以2小时54分13秒的成绩夺得冠军，Jinghua Technology（3小时01分03秒）获得第二名。3支队伍中有2支完赛。"))
        #expect(text.body.contains("- 第1棒（8.8公里）：Chen Li（Zhijiang College），38:07"))
        #expect(text.body.contains("- Qingshan Community：未完成"))
    }

    @Test func relayWithoutClassesOrSplitsOmitsThoseParts() {
        let facts = RelayAnnouncementFacts(legMeters: [], teams: [.init(name: "A"), .init(name: "B")],
                                           finishers: [.init(place: 1, team: "A", totalMs: 60_000), .init(place: 2, team: "B", totalMs: 61_000)])
        let text = ResultsAnnouncement.relay(AnnouncementOccasion(name: "Night Relay"), facts, .en)
        #expect(text.body.hasPrefix("The Night Relay was held. 2 teams took part.\n\nA won the race in 1:00, followed by B (1:01). Both teams finished."))
        #expect(text.body.contains("# Teams\n\n- A, B"))
        #expect(!text.body.contains("Fastest"))
        #expect(!text.body.contains("km"))
    }

    @Test func relayTiesOddDistancesAndEscapedNamesReadRight() {
        let facts = RelayAnnouncementFacts(
            legMeters: [10_001, 5_000],
            teams: [.init(name: "Team_A", runners: 2, women: 1), .init(name: "B", runners: 2), .init(name: "C", runners: 2), .init(name: "D", runners: 2)],
            finishers: [.init(place: 1, team: "Team_A", totalMs: 3_600_000), .init(place: 2, tied: true, team: "B", totalMs: 3_700_000),
                        .init(place: 2, tied: true, team: "C", totalMs: 3_700_000), .init(place: 4, team: "D", totalMs: 3_800_000)],
            fastestLegs: [.init(leg: 1, meters: 10_001, runner: "X", team: "B", timeMs: 2_000_000),
                          .init(leg: 1, meters: 10_001, runner: "Y", team: "C", timeMs: 2_000_000)])
        let en = ResultsAnnouncement.relay(AnnouncementOccasion(name: "Night Relay"), facts, .en)
        // The title is plain text: no Markdown escapes; the body keeps them.
        #expect(en.title == "Team_A wins the Night Relay in 1:00:00")
        #expect(en.body.contains("Team\\_A won the race"))
        #expect(en.body.contains("4 teams of 8 runners, one of them a woman, ran the 15.001 km course in 2 legs."))
        // Both teams tied for second are named; the fourth is not a runner-up.
        #expect(en.body.contains("followed by B (1:01:40) and C (1:01:40). All 4 teams finished."))
        #expect(en.body.contains("- Leg 1 (10.001 km): X (B) and Y (C), 33:20"))
        let zh = ResultsAnnouncement.relay(AnnouncementOccasion(name: "夜间接力赛"), facts, .zhHans)
        #expect(zh.body.contains("B（1小时01分40秒）和 C（1小时01分40秒）并列第二名。"), "\(zh.body)")
        #expect(!zh.title.contains("\\"))
    }

    @Test func onlyAFinishedProgramIsAnnounced() {
        #expect(ResultsAnnouncement.allowedStatuses == [.finished, .published])
        #expect(!ResultsAnnouncement.allowedStatuses.contains(.running))
    }

    // MARK: Recognition

    let conference = AnnouncementOccasion(name: "2020 Annual Summary and Recognition Conference", startDate: CalendarDate(year: 2021, month: 2, day: 2),
                                          venue: "Jinghua Technology Conference Hall")

    var honors: RecognitionAnnouncementFacts {
        RecognitionAnnouncementFacts(categories: [
            .init(name: "Outstanding Employee", kind: .individual, honorees: [.init(name: "Fu Chunfeng", unit: "Steel Structure"), .init(name: "Tan Yuli", unit: "Robotics")]),
            .init(name: "Advanced Team", kind: .team, honorees: [.init(name: "Assembly Workshop", unit: "Robotics")]),
            .init(name: "Special Contribution Award", kind: .special, honorees: [.init(name: "Xia Rongxiang", unit: "Steel Structure Machinery Branch")]),
            .init(name: "Empty", kind: .individual, honorees: []),
        ])
    }

    @Test func recognitionGroupsHonoreesByCategory() {
        let text = ResultsAnnouncement.recognition(conference, honors, .en)
        #expect(text.title == "The 2020 Annual Summary and Recognition Conference commends 4 honorees")
        #expect(text.body.hasPrefix("On 2 Feb 2021, the 2020 Annual Summary and Recognition Conference was held at Jinghua Technology Conference Hall. The conference commended 3 individuals and 1 team in 3 award categories."))
        #expect(text.body.contains("The honors went as follows: “Outstanding Employee” (2), “Advanced Team” (1) and “Special Contribution Award” (1)."))
        #expect(text.body.contains("The conference also presented the “Special Contribution Award” to Xia Rongxiang (Steel Structure Machinery Branch)."))
        #expect(text.body.contains("# Outstanding Employee (2)\n\n- Fu Chunfeng (Steel Structure)\n- Tan Yuli (Robotics)"))
        #expect(!text.body.contains("Empty"))
    }

    @Test func someoneHonoredTwiceIsOneHonoree() {
        var facts = honors
        facts.categories[2].honorees.append(.init(name: "Fu Chunfeng", unit: "Steel Structure"))
        let text = ResultsAnnouncement.recognition(conference, facts, .en)
        #expect(text.title.hasSuffix("commends 4 honorees"))
        #expect(text.body.contains("commended 3 individuals and 1 team"))
        #expect(text.body.contains("“Special Contribution Award” (2)"))
    }

    @Test func recognitionInChinese() {
        let text = ResultsAnnouncement.recognition(AnnouncementOccasion(name: "2020年度总结表彰大会", startDate: CalendarDate(year: 2021, month: 2, day: 2)), honors, .zhHans)
        #expect(text.title == "2020年度总结表彰大会隆重召开")
        #expect(text.body.hasPrefix("2021年2月2日，2020年度总结表彰大会举行。大会共表彰先进个人3名、先进集体1个，涉及3个奖项。"))
        #expect(text.body.contains("其中，“Outstanding Employee”2名、“Advanced Team”1个、“Special Contribution Award”1名。"))
        #expect(text.body.contains("大会还向 Xia Rongxiang（Steel Structure Machinery Branch）颁发了“Special Contribution Award”。"))
        #expect(text.body.contains("# Advanced Team（1个）\n\n- Assembly Workshop（Robotics）"))
    }

    @Test func theOutputUsesOnlyTheSafeSubset() {
        for body in [ResultsAnnouncement.games(games, gamesFacts, .en).body, ResultsAnnouncement.relay(relay, relayFacts, .zhHans).body,
                     ResultsAnnouncement.recognition(conference, honors, .en).body] {
            let html = SafeMarkdown().html(body)
            #expect(html.contains("<h2>"))
            #expect(html.contains("<ul>"))
            #expect(!html.contains("|"))
        }
    }

    @Test func chineseSpacesLatinNamesFromChineseWords() {
        #expect(AnnouncementWords.spaced("在Zhijiang College举行") == "在 Zhijiang College 举行")
        #expect(AnnouncementWords.spaced("2023年11月18日，第5名（Robotics），38:07") == "2023年11月18日，第5名（Robotics），38:07")
        #expect(AnnouncementWords.spaced("精华科技获得一等奖") == "精华科技获得一等奖")
    }

    @Test func datesAndEditions() {
        let start = CalendarDate(year: 2023, month: 11, day: 18)!
        #expect(AnnouncementWords.dates(start, CalendarDate(year: 2023, month: 11, day: 19), .en) == "From 18 to 19 Nov 2023")
        #expect(AnnouncementWords.dates(start, CalendarDate(year: 2023, month: 11, day: 19), .zhHans) == "2023年11月18日至19日")
        #expect(AnnouncementWords.dates(start, CalendarDate(year: 2023, month: 12, day: 1), .zhHans) == "2023年11月18日至12月1日")
        #expect(AnnouncementWords.occasionName(AnnouncementOccasion(name: "第五届职工运动会", edition: 5), .zhHans, capitalized: true) == "第五届职工运动会")
        #expect(AnnouncementWords.occasionName(AnnouncementOccasion(name: "The Annual Relay", edition: 3), .en, capitalized: false) == "the 3rd Annual Relay")
    }
}
