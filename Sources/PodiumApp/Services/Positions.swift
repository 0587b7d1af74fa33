import Fluent

/// Rows a program keeps in an order of its own (agenda items, duty posts, run-of-show segments).
protocol PositionedModel: Model where IDValue == Int {
    var position: Int { get set }
}

enum Positions {
    /// Saves `order` (ids) as positions 1, 2, …; only rows whose position changes are written.
    static func renumber<Row: PositionedModel>(_ rows: [Row], order: [Int], on db: any Database) async throws {
        let byID = Dictionary(rows.compactMap { row in row.id.map { ($0, row) } }, uniquingKeysWith: { first, _ in first })
        for (index, id) in order.enumerated() {
            guard let row = byID[id], row.position != index + 1 else { continue }
            row.position = index + 1
            try await row.save(on: db)
        }
    }
}

extension AgendaItemModel: PositionedModel {}
extension DutyPostModel: PositionedModel {}
extension RunOfShowSegmentModel: PositionedModel {}
extension NewsPhotoModel: PositionedModel {}

