import Foundation
import PodiumCore
import Vapor

/// `/admin/recognition/{slug}/certificates`: every approved certificate of a program, one per printed A4 page,
/// for the organizers to print before the conference. Before publication each is marked as a draft on screen.
struct RecognitionCertificatePrintController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "recognition", ":slug", "certificates", use: print)
    }

    func print(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.recognition.program(slug: req.parameters.get("slug") ?? "")
        let roll = try await req.awards.honorRoll(program: program)
        let published = roll.publishedAt
        let certificates = roll.honorees.map { HonorCertificateView.make($0, roll: roll, issuedOn: published ?? req.now, draft: published == nil, heading: 2, req) }
        let context = CertificatePrintContext(
            page: PageContext(req, title: "\(program.name) · \(req.t("honor.print.title"))", backOffice: true),
            program: ProgramView(program.dto, req),
            summary: req.t("honor.print.summary", ["count": "\(certificates.count)"]), published: published != nil,
            certificates: certificates, hasCertificates: !certificates.isEmpty, officeURL: "/admin/recognition/\(program.slug)")
        return try await req.page("recognition/certificates-print", context)
    }
}
