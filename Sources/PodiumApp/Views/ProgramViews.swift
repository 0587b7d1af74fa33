import PodiumCore
import Vapor

/// A program as the pages show it, with every label already in the reader's language.
struct ProgramView: Encodable {
    let id: Int
    let slug: String
    let url: String
    let name: String
    let edition: String?
    let theme: String
    let dates: String
    let startDateISO: String
    let venue: String
    let timeZone: String
    let kind: String
    let kindCode: String
    let status: String
    let statusCode: String
    let version: Int

    init(_ dto: ProgramDTO, _ request: Request) {
        id = dto.id
        slug = dto.slug
        url = dto.url
        name = dto.name
        edition = dto.edition.map { NumberDisplay.edition($0, request.language) }
        theme = dto.theme
        dates = DateDisplay.dateRange(dto.startDate, dto.endDate, request.language)
        startDateISO = dto.startDate.iso
        venue = dto.venue
        timeZone = dto.timeZone
        kind = request.t(dto.kind.localizationKey)
        kindCode = dto.kind.rawValue
        status = request.t(dto.status.localizationKey)
        statusCode = dto.status.rawValue
        version = dto.version
    }
}

struct HomeContext: Encodable {
    let page: PageContext
    let current: [ProgramView]
    let past: [ProgramView]
    /// The latest published news.
    var articles: [NewsCard] = []
}

struct ProgramHomeContext: Encodable {
    let page: PageContext
    let program: ProgramView
    let isDraft: Bool
    /// The conference's running order, for a recognition program.
    var agenda: [PublicAgendaRow] = []
    /// Organizers, host, co-organizers and sponsors, by role.
    var partnerGroups: [PublicPartnerGroup] = []
    var photos: [PublicGalleryPhoto] = []
}
