import Testing
@testable import PodiumCore

@Suite("Live regions, content fingerprints, live pages")
struct LiveRegionTests {
    @Test func theFingerprintIsStableAndTellsContentApart() {
        #expect(ContentHash.hex("") == "cbf29ce484222325")
        #expect(ContentHash.hex("a") == "af63dc4c8601ec8c")
        #expect(ContentHash.hex("团体总分") == ContentHash.hex("团体总分"))
        #expect(ContentHash.hex("1st") != ContentHash.hex("2nd"))
        #expect(ContentHash.hex("x").count == 16)
        #expect(ContentHash.combined(["ab", "c"]) != ContentHash.combined(["a", "bc"]))
    }

    @Test func theRegionIsStampedWithTheFingerprintOfItsContentWithoutTheReadersToken() {
        let page = { (token: String) in
            #"<main><p class="flash">Saved</p><div id="live-region" data-live-id=""><!--live--><h1>Standings</h1><input name="_csrf" value="\#(token)"><!--/live--></div></main>"#
        }
        let one = LiveRegion.stamp(page("token-of-reader-one-0123456789abcdef"), token: "token-of-reader-one-0123456789abcdef")
        let two = LiveRegion.stamp(page("token-of-reader-two-0123456789abcdef"), token: "token-of-reader-two-0123456789abcdef")
        #expect(one.id != nil && one.id == two.id)
        #expect(one.html.contains(#"data-live-id="\#(one.id!)""#))
        #expect(one.html.contains("token-of-reader-one"))
        let content = LiveRegion.content(of: one.html, token: "token-of-reader-one-0123456789abcdef")
        #expect(content == #"<h1>Standings</h1><input name="_csrf" value="{{podium-csrf}}">"#)
        #expect(LiveRegion.id(ofContent: content!) == one.id)
        // Other content, another id; a page without a region is left alone.
        #expect(LiveRegion.stamp(page("t").replacingOccurrences(of: "Standings", with: "Results"), token: "t").id != LiveRegion.stamp(page("t"), token: "t").id)
        #expect(LiveRegion.stamp("<main>plain</main>", token: "t") == ("<main>plain</main>", nil))
        #expect(LiveRegion.content(of: "<!--live-->never closed", token: "") == nil)
    }

    @Test func onlyThePublicPagesOfTheProgramCanBeWatched() {
        #expect(LivePage.canonical("/p/games", slug: "games") == "/p/games")
        #expect(LivePage.canonical("/p/games/", slug: "games") == "/p/games")
        #expect(LivePage.canonical("/p/games/standings", slug: "games") == "/p/games/standings")
        #expect(LivePage.canonical("/p/games/brackets/12", slug: "games") == "/p/games/brackets/12")
        #expect(LivePage.canonical("/p/games/schedule?venue=2", slug: "games") == "/p/games/schedule?venue=2")
        #expect(LivePage.canonical("/p/r/honor-roll?by=unit", slug: "r") == "/p/r/honor-roll?by=unit")
        #expect(LivePage.canonical("/p/games/standings?screen=big", slug: "games") == "/p/games/standings")
        for refused in ["/admin", "/p/other/results", "/p/games-2/results", "/p/games/programme", "/p/games/live/events",
                        "/p/games/brackets/x", "/p/games/brackets/1/2", "/p/games/results?x=1", "/p/games/schedule?venue=%3Cb%3E",
                        "/p/games/results/../../admin", String(repeating: "a", count: 400)] {
            #expect(LivePage.canonical(refused, slug: "games") == nil, "\(refused)")
        }
        #expect(LivePage.slug(ofPath: "/p/games/results") == "games")
        #expect(LivePage.slug(ofPath: "/news/x") == nil)
        #expect(LivePage.slug(ofPath: "/p/") == nil)
    }
}
