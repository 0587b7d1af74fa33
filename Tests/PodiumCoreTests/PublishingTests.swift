import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PodiumCore

@Suite struct ArticleSlugTests {
    @Test func aLatinTitleBecomesWordsJoinedByHyphens() {
        #expect(ArticleSlug.base(title: "Jinggong Science & Technology held the 2020 Summary", date: nil)
            == "jinggong-science-technology-held-the-2020-summary")
        #expect(ArticleSlug.base(title: "  The 5th Workers' Games!  ", date: nil) == "the-5th-workers-games")
    }

    @Test func aLongTitleIsCutAtAWordNotInsideOne() {
        let slug = ArticleSlug.base(title: "Faster, farther, closer! The 5th Seiko Workers' Games has come to a successful conclusion", date: nil)
        #expect(slug == "faster-farther-closer-the-5th-seiko-workers-games-has-come")
        #expect(slug.count <= ArticleSlug.maxLength)
        #expect(Slug.issue(for: slug) == nil)
    }

    @Test func aChineseTitleFallsBackToTheReleaseDate() {
        let date = CalendarDate(year: 2023, month: 11, day: 21)
        #expect(ArticleSlug.base(title: "第五届职工运动会圆满落幕", date: date) == "news-2023-11-21")
        // A number or two among the characters is not enough to read.
        #expect(ArticleSlug.base(title: "2023年第5届职工运动会", date: date) == "news-2023-11-21")
        #expect(ArticleSlug.base(title: "精工 SmartGen 杯接力赛", date: date) == "smartgen")
        #expect(ArticleSlug.base(title: "新闻", date: nil) == "news")
    }

    @Test func aTakenSlugGetsTheFirstFreeNumber() {
        let taken: Set = ["news-2023-11-21", "news-2023-11-21-2"]
        #expect(ArticleSlug.unique("news-2023-11-21", isTaken: taken.contains) == "news-2023-11-21-3")
        #expect(ArticleSlug.unique("fresh", isTaken: taken.contains) == "fresh")
    }
}

@Suite struct ArticleRulesTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func scheduledArticlesGoPublicWhenTheirTimeComes() {
        let later = now.addingTimeInterval(3600)
        #expect(!ArticleStatus.isPublic(.scheduled, publishedAt: later, now: now))
        #expect(ArticleStatus.isPublic(.scheduled, publishedAt: later, now: later))
        #expect(ArticleStatus.effective(.scheduled, publishedAt: later, now: now) == .scheduled)
        #expect(ArticleStatus.effective(.scheduled, publishedAt: later, now: later.addingTimeInterval(1)) == .published)
        #expect(!ArticleStatus.isPublic(.draft, publishedAt: now.addingTimeInterval(-10), now: now))
        #expect(ArticleStatus.isPublic(.published, publishedAt: now.addingTimeInterval(-10), now: now))
        #expect(!ArticleStatus.isPublic(.published, publishedAt: nil, now: now))
    }

    @Test func theDraftNamesEveryProblem() {
        let draft = ArticleDraft(title: " ", slug: "Bad Slug", source: String(repeating: "x", count: 201), body: "", status: .scheduled, publishedAt: nil)
        let fields = draft.issues(now: now).map(\.field)
        #expect(fields == ["title", "slug", "source", "publishedAt", "body"])
        let past = ArticleDraft(title: "Games", slug: "", body: "Text", status: .scheduled, publishedAt: now.addingTimeInterval(-60))
        #expect(past.issues(now: now).map(\.message.key) == ["error.news.scheduleInPast"])
        let future = ArticleDraft(title: "Games", slug: "", body: "Text", status: .published, publishedAt: now.addingTimeInterval(60))
        #expect(future.issues(now: now).map(\.message.key) == ["error.news.publishInFuture"])
        let empty = ArticleDraft(title: "Games", slug: "games", body: "  ", status: .published, publishedAt: nil)
        #expect(empty.issues(now: now).map(\.message.key) == ["error.news.bodyRequired"])
        #expect(ArticleDraft(title: "Games", slug: "", body: "", status: .draft).issues(now: now).isEmpty)
    }
}

@Suite struct SafeMarkdownTests {
    let markdown = SafeMarkdown(imagePrefix: "/uploads/")

    @Test func paragraphsHeadingsAndEmphasis() {
        let html = markdown.html("# Opening\n\nThe **5th** Games were *held* on\nNovember 18.\n\nSecond paragraph.")
        #expect(html == "<h2>Opening</h2>\n<p>The <strong>5th</strong> Games were <em>held</em> on\nNovember 18.</p>\n<p>Second paragraph.</p>\n")
        #expect(markdown.html("###### Deep") == "<h6>Deep</h6>\n")
        #expect(markdown.html("#hashtag is text") == "<p>#hashtag is text</p>\n")
        #expect(markdown.html("***both*** and __strong__ and _em_") == "<p><strong><em>both</em></strong> and <strong>strong</strong> and <em>em</em></p>\n")
        #expect(markdown.html("snake_case_name and 2 * 3 * 4") == "<p>snake_case_name and 2 * 3 * 4</p>\n")
        #expect(markdown.html("line one  \nline two") == "<p>line one<br>\nline two</p>\n")
        #expect(markdown.html("use `a < b` here") == "<p>use <code>a &lt; b</code> here</p>\n")
    }

    @Test func listsQuotesAndRules() {
        #expect(markdown.html("- one\n- two **bold**\n") == "<ul>\n<li>one</li>\n<li>two <strong>bold</strong></li>\n</ul>\n")
        #expect(markdown.html("3. third\n4. fourth") == "<ol start=\"3\">\n<li>third</li>\n<li>fourth</li>\n</ol>\n")
        #expect(markdown.html("- parent\n  - child\n- next") == "<ul>\n<li>parent<ul>\n<li>child</li>\n</ul>\n</li>\n<li>next</li>\n</ul>\n")
        #expect(markdown.html("> quoted\n> still\n\nafter") == "<blockquote>\n<p>quoted\nstill</p>\n</blockquote>\n<p>after</p>\n")
        #expect(markdown.html("above\n\n---\n\nbelow") == "<p>above</p>\n<hr>\n<p>below</p>\n")
    }

    @Test func linksAndImages() {
        #expect(markdown.html("[Results](https://example.com/r?a=1&b=2)")
            == "<p><a href=\"https://example.com/r?a=1&amp;b=2\" rel=\"noopener noreferrer\">Results</a></p>\n")
        #expect(markdown.html("[Games](/p/workers-games-2023) and [mail](mailto:union@example.com)")
            == "<p><a href=\"/p/workers-games-2023\">Games</a> and <a href=\"mailto:union@example.com\">mail</a></p>\n")
        #expect(markdown.html("<https://example.com>") == "<p><a href=\"https://example.com\" rel=\"noopener noreferrer\">https://example.com</a></p>\n")
        #expect(markdown.html("![Tug of war](/uploads/ab12.jpg)") == "<p><img src=\"/uploads/ab12.jpg\" alt=\"Tug of war\" loading=\"lazy\"></p>\n")
        #expect(markdown.html("![The **final** & *lap*](/uploads/ab12.jpg)").contains(#"alt="The final &amp; lap""#))
        #expect(markdown.html("![The **final** & *lap*](/uploads/ab12.jpg)") == "<p><img src=\"/uploads/ab12.jpg\" alt=\"The final &amp; lap\" loading=\"lazy\"></p>\n")
        // Images from anywhere else keep their words only.
        #expect(markdown.html("![tracker](https://evil.example/pixel.gif)") == "<p>tracker</p>\n")
        #expect(markdown.html("![up](/uploads/../secret)") == "<p>up</p>\n")
    }

    @Test func htmlInTheSourceIsEscaped() {
        #expect(markdown.html("<script>alert('x')</script>") == "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>\n")
        #expect(markdown.html("<img src=x onerror=alert(1)>") == "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n")
        #expect(markdown.html("# <b>bold</b> & \"quotes\"") == "<h2>&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot;</h2>\n")
    }

    @Test(arguments: [
        "[click](javascript:alert(1))",
        "[click](JavaScript:alert(1))",
        "[click](  javascript:alert(1))",
        "[click](jav&#x61;script:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox)",
        "[click](//evil.example/x)",
        "[click](/\\evil.example)",
        "<javascript:alert(1)>",
    ])
    func dangerousLinksLoseTheirTarget(source: String) {
        let html = markdown.html(source)
        #expect(!html.contains("href"), "\(html)")
        #expect(!html.lowercased().contains("<a"), "\(html)")
    }

    @Test func attributesCannotBeBrokenOutOf() {
        let html = markdown.html("[x](https://ok.example/\"onmouseover=\"alert(1)) ![a\" onerror=\"alert(1)](/uploads/a.png)")
        #expect(!html.contains("onmouseover=\""))
        #expect(!html.contains("\" onerror"))
        #expect(html.contains("alt=\"a&quot; onerror=&quot;alert(1)\""))
        let quoted = markdown.html("[x](https://ok.example/a'b)")
        #expect(!quoted.contains("href"), "a quote never reaches an attribute: \(quoted)")
    }

    @Test func pathologicalInputStaysFast() {
        let stars = String(repeating: "*a ", count: 20_000) + String(repeating: "[", count: 20_000) + String(repeating: "`", count: 5000)
        let started = Date()
        _ = markdown.html(stars)
        _ = markdown.html(String(repeating: ">", count: 10_000) + " deep")
        // Images nested in image labels, safe and unsafe: bounded depth, no crash, no quadratic re-reading.
        _ = markdown.html(String(repeating: "![", count: 15_000) + "x" + String(repeating: "](/uploads/a.png)", count: 15_000))
        _ = markdown.html(String(repeating: "![", count: 15_000) + "x" + String(repeating: "](javascript:x)", count: 15_000))
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func plainTextAndExcerpts() {
        let source = "# Opening\n\nThe **5th** Games, with [results](https://x.example).\n\n- tug of war\n\n<b>not html</b>"
        #expect(markdown.plainText(source) == "Opening The 5th Games, with results. tug of war <b>not html</b>")
        #expect(markdown.excerpt("one two three four five six", limit: 14) == "one two three…")
        #expect(markdown.excerpt("short", limit: 14) == "short")
    }
}

@Suite struct ImageKindTests {
    @Test func theFirstBytesDecideNotTheName() {
        #expect(ImageKind.detect(Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10])) == .jpeg)
        #expect(ImageKind.detect(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D])) == .png)
        #expect(ImageKind.detect(Data("GIF89a....".utf8)) == .gif)
        #expect(ImageKind.detect(Data("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(ImageKind.detect(Data("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8)) == nil)
        #expect(ImageKind.detect(Data("hello, I am text".utf8)) == nil)
        #expect(ImageKind.detect(Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)) == nil)
        #expect(ImageKind.detect(Data()) == nil)
        #expect(ImageKind(fileExtension: "JPG") == .jpeg)
    }

    @Test func limitsAreWrittenForPeople() {
        #expect(ImageKind.describe(bytes: 10 * 1_048_576) == "10 MB")
        #expect(ImageKind.describe(bytes: 1_572_864) == "1.5 MB")
        #expect(ImageKind.describe(bytes: 2048) == "2 KB")
    }
}

@Suite struct PublishingXMLTests {
    @Test func theFeedEscapesEverythingAndParses() throws {
        let date = Date(timeIntervalSince1970: 1_700_553_600)
        let feed = AtomFeed(id: "https://news.example/feed.xml", title: "News & notices", language: "en", baseURL: "https://news.example/",
                            selfURL: "https://news.example/feed.xml", siteURL: "https://news.example/news", author: "Podium",
                            fallbackUpdated: date, entries: [
                                .init(id: "https://news.example/news/a", title: "Tom & Jerry <win>", url: "https://news.example/news/a?x=1&y=2",
                                      published: date, updated: date, author: "Union \u{1}office", summary: "\"quoted\"",
                                      contentHTML: "<p>Hello &amp; <em>welcome</em></p>"),
                            ])
        let xml = feed.xml
        #expect(xml.contains("<title type=\"text\">Tom &amp; Jerry &lt;win&gt;</title>"))
        #expect(xml.contains("href=\"https://news.example/news/a?x=1&amp;y=2\""))
        #expect(xml.contains("<content type=\"html\">&lt;p&gt;Hello &amp;amp; &lt;em&gt;welcome&lt;/em&gt;&lt;/p&gt;</content>"))
        #expect(xml.contains("<name>Union office</name>"))
        #expect(xml.contains("<updated>2023-11-21T08:00:00Z</updated>"))
        #expect(XMLParser(data: Data(xml.utf8)).parse())
    }

    @Test func theSitemapListsPagesWithTheirDates() {
        let sitemap = Sitemap(pages: [.init(url: "https://x.example/", lastModified: nil),
                                      .init(url: "https://x.example/news?a=1&b=2", lastModified: Date(timeIntervalSince1970: 0))])
        #expect(sitemap.xml.contains("<url><loc>https://x.example/</loc></url>"))
        #expect(sitemap.xml.contains("<loc>https://x.example/news?a=1&amp;b=2</loc><lastmod>1970-01-01T00:00:00Z</lastmod>"))
        #expect(XMLParser(data: Data(sitemap.xml.utf8)).parse())
    }
}
