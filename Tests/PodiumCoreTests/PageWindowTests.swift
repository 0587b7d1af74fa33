import Testing
@testable import PodiumCore

@Suite("Page windows")
struct PageWindowTests {
    @Test func pagesMapToRowOffsets() {
        #expect(PageWindow(page: 1, perPage: 50, maxPerPage: 500).rows == 0..<50)
        #expect(PageWindow(page: 3, perPage: 20, maxPerPage: 100).rows == 40..<60)
        #expect(PageWindow(page: 3, perPage: 20, maxPerPage: 100).firstRow(total: 45) == 41)
        #expect(PageWindow(page: 1, perPage: 20, maxPerPage: 100).firstRow(total: 0) == 0)
    }

    @Test func outlandishNumbersAreClampedInsteadOfOverflowing() {
        let far = PageWindow(page: 385_792_619_691_989_632, perPage: 483, maxPerPage: 500)
        #expect(far.page == PageWindow.lastPage)
        #expect(far.rows.lowerBound == (PageWindow.lastPage - 1) * 483)
        #expect(PageWindow(page: .max, perPage: .max, maxPerPage: 500).perPage == 500)
        #expect(PageWindow(page: .min, perPage: -4, maxPerPage: 500) == PageWindow(page: 1, perPage: 1, maxPerPage: 500))
    }
}
