import Testing
@testable import PodiumCore

@Suite("Event templates")
struct EventTemplateTests {
    @Test func theCatalogueCoversTheEventsOrganizersAskFor() {
        let ids = Set(EventTemplate.catalogue.map(\.id))
        for required in ["60m-men", "100m-women", "400m-men", "1500m-women", "4x100m-relay", "long-jump-men", "standing-long-jump-women",
                         "shot-put-men", "rope-skipping", "shuttlecock-kicking", "tug-of-war", "basketball", "badminton-singles",
                         "table-tennis-singles", "three-legged", "fun-relay"] {
            #expect(ids.contains(required), "\(required)")
        }
        #expect(ids.count == EventTemplate.catalogue.count, "template ids are unique")
        #expect(Set(EventTemplate.catalogue.map(\.category)) == Set(EventCategory.allCases))
    }

    @Test func templatesAreInternallyConsistent() {
        for template in EventTemplate.catalogue {
            #expect(template.lineUpMin <= template.lineUpMax, "\(template.id)")
            #expect(template.minimumWomen <= template.lineUpMax, "\(template.id)")
            #expect(template.attempts >= 1, "\(template.id)")
            #expect(!template.nameZh.isEmpty && !template.nameEn.isEmpty)
            #expect(template.parentChild == (template.category == .parentChild), "\(template.id)")
            #expect(template.award == (template.parentChild ? .parentChild : (template.lineUpMax > 1 ? .collective : .individual)), "\(template.id)")
            #expect((template.format == .measured) == (template.attempts > 1), "\(template.id)")
        }
        #expect(EventTemplate.template("tug-of-war")?.name(.zhHans) == "拔河")
        #expect(EventTemplate.template("tug-of-war")?.isLineUp == true)
        #expect(EventTemplate.template("three-legged")?.isLineUp == false)
        #expect(EventFormat.timed.markKind == .time && EventFormat.headToHead.markKind == .place)
    }
}
