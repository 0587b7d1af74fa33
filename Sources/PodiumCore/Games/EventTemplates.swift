/// How an event produces its result.
public enum EventFormat: String, Sendable, Codable, CaseIterable {
    /// A time; lower wins (track, relays, fun races).
    case timed
    /// A distance from the best of several attempts; higher wins (jumps, throws).
    case measured
    /// A count in a set time; higher wins (rope skipping, shuttlecock kicking).
    case counted
    /// A score from judges; higher wins.
    case judged
    /// Matches between two sides (tug of war, basketball, badminton, table tennis).
    case headToHead = "head_to_head"

    /// The mark kind results are typed in; head-to-head events get the final places their matches decided.
    public var markKind: MarkKind {
        switch self {
        case .timed: return .time
        case .measured: return .distance
        case .counted: return .count
        case .judged: return .score
        case .headToHead: return .place
        }
    }

    public var localizationKey: String { "event.format.\(rawValue)" }
}

/// A ready-made event an organizer adds with one click and adjusts, so that a 20-event programme
/// takes minutes. Names in both shipped languages, as organizers write them.
public struct EventTemplate: Sendable, Equatable, Identifiable {
    public let id: String
    public let nameEn: String
    public let nameZh: String
    public let category: EventCategory
    public let format: EventFormat
    public let gender: EventGender
    public let attempts: Int
    public let lineUpMin: Int
    public let lineUpMax: Int
    public let minimumWomen: Int
    public let parentChild: Bool
    public let childAge: AgeRule
    public let award: AwardKind
    public let awardTopN: Int

    public func name(_ language: Language) -> String { language == .zhHans ? nameZh : nameEn }

    public var isLineUp: Bool { lineUpMax > 1 && !parentChild }

    static func individual(_ id: String, _ en: String, _ zh: String, _ format: EventFormat, _ gender: EventGender = .open,
                           attempts: Int = 1, category: EventCategory = .competition) -> EventTemplate {
        EventTemplate(id: id, nameEn: en, nameZh: zh, category: category, format: format, gender: gender, attempts: attempts,
                      lineUpMin: 1, lineUpMax: 1, minimumWomen: 0, parentChild: false, childAge: .any, award: .individual, awardTopN: 6)
    }

    static func team(_ id: String, _ en: String, _ zh: String, _ format: EventFormat, size: ClosedRange<Int>, women: Int,
                     category: EventCategory = .competition, topN: Int = 6) -> EventTemplate {
        EventTemplate(id: id, nameEn: en, nameZh: zh, category: category, format: format, gender: .mixed, attempts: 1,
                      lineUpMin: size.lowerBound, lineUpMax: size.upperBound, minimumWomen: women, parentChild: false, childAge: .any,
                      award: .collective, awardTopN: topN)
    }

    static func parentChild(_ id: String, _ en: String, _ zh: String, _ format: EventFormat, childAge: AgeRule) -> EventTemplate {
        EventTemplate(id: id, nameEn: en, nameZh: zh, category: .parentChild, format: format, gender: .open, attempts: 1,
                      lineUpMin: 2, lineUpMax: 2, minimumWomen: 0, parentChild: true, childAge: childAge, award: .parentChild, awardTopN: 3)
    }

    /// The catalogue. Gendered track and field events come as a men's and a women's version.
    public static let catalogue: [EventTemplate] = [
        individual("60m-men", "Men's 60 m", "男子60米", .timed, .men),
        individual("60m-women", "Women's 60 m", "女子60米", .timed, .women),
        individual("100m-men", "Men's 100 m", "男子100米", .timed, .men),
        individual("100m-women", "Women's 100 m", "女子100米", .timed, .women),
        individual("400m-men", "Men's 400 m", "男子400米", .timed, .men),
        individual("400m-women", "Women's 400 m", "女子400米", .timed, .women),
        individual("1500m-men", "Men's 1500 m", "男子1500米", .timed, .men),
        individual("1500m-women", "Women's 1500 m", "女子1500米", .timed, .women),
        individual("long-jump-men", "Men's long jump", "男子跳远", .measured, .men, attempts: 3),
        individual("long-jump-women", "Women's long jump", "女子跳远", .measured, .women, attempts: 3),
        individual("standing-long-jump-men", "Men's standing long jump", "男子立定跳远", .measured, .men, attempts: 3),
        individual("standing-long-jump-women", "Women's standing long jump", "女子立定跳远", .measured, .women, attempts: 3),
        individual("shot-put-men", "Men's shot put", "男子铅球", .measured, .men, attempts: 3),
        individual("shot-put-women", "Women's shot put", "女子铅球", .measured, .women, attempts: 3),
        individual("rope-skipping", "Rope skipping (1 minute)", "一分钟跳绳", .counted),
        individual("shuttlecock-kicking", "Shuttlecock kicking (1 minute)", "一分钟踢毽子", .counted),
        individual("badminton-singles", "Badminton singles", "羽毛球单打", .headToHead),
        individual("table-tennis-singles", "Table tennis singles", "乒乓球单打", .headToHead),
        team("4x100m-relay", "Mixed 4 × 100 m relay", "男女混合4×100米接力", .timed, size: 4...4, women: 2),
        team("tug-of-war", "Tug of war", "拔河", .headToHead, size: 8...10, women: 2),
        team("basketball", "Basketball", "篮球", .headToHead, size: 5...12, women: 0, topN: 4),
        team("badminton-mixed-doubles", "Badminton mixed doubles", "羽毛球混合双打", .headToHead, size: 2...2, women: 1),
        team("fun-relay", "Fun relay", "趣味接力", .timed, size: 6...6, women: 2, category: .fun),
        team("centipede-race", "Centipede race", "毛毛虫竞速", .timed, size: 5...5, women: 1, category: .fun),
        team("group-rope-skipping", "Group rope skipping", "集体跳长绳", .counted, size: 8...12, women: 2, category: .fun),
        parentChild("three-legged", "Parent-child three-legged race", "亲子两人三足", .timed, childAge: AgeRule(minimum: 6, maximum: 12)),
        parentChild("kangaroo-jump", "Parent-child kangaroo jump", "亲子袋鼠跳", .timed, childAge: AgeRule(minimum: 5, maximum: 12)),
        parentChild("ball-carry", "Parent-child ball carry", "亲子运球接力", .timed, childAge: AgeRule(minimum: 4, maximum: 10)),
    ]

    public static func template(_ id: String) -> EventTemplate? { catalogue.first { $0.id == id } }
}
