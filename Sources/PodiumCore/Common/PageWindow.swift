/// The rows one page of a long list shows. Page numbers are clamped, so a page far past any real list
/// (`?page=385792619691989632`) is simply empty instead of overflowing the offset arithmetic.
public struct PageWindow: Sendable, Equatable {
    /// No list Podium keeps comes near a million pages.
    public static let lastPage = 1_000_000

    public let page: Int
    public let perPage: Int

    public init(page: Int, perPage: Int, maxPerPage: Int) {
        self.page = min(max(1, page), Self.lastPage)
        self.perPage = min(max(1, perPage), max(1, maxPerPage))
    }

    /// Zero-based row offsets of this page.
    public var rows: Range<Int> { (page - 1) * perPage ..< page * perPage }

    /// The 1-based number of the page's first row, or 0 when the list is empty.
    public func firstRow(total: Int) -> Int { total == 0 ? 0 : rows.lowerBound + 1 }
}
