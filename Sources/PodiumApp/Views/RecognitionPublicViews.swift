import Foundation
import PodiumCore
import Vapor

/// `/p/{slug}/honor-roll`: the published honor roll by award or by organization, the public notice with its
/// objection form, or a note that nothing is published yet.
struct HonorRollContext: Encodable {
    struct Honoree: Encodable {
        let name: String
        /// The organization (list by award) or the award (list by organization).
        let detail: String
        let certificate: String?
    }
    struct Group: Encodable {
        let anchor: String
        let title: String
        let count: String
        let special: Bool
        let honorees: [Honoree]
    }
    struct Count: Encodable {
        let label: String
        let value: Int
        let anchor: String
    }

    let page: PageContext
    let program: ProgramView
    /// `published`, `notice`, `noticeOver` or `pending`.
    let state: String
    let heading: String
    let lead: String
    let stage: String
    let byUnit: Bool
    let byAwardURL: String
    let byUnitURL: String
    let summary: String
    let counts: [Count]
    let groups: [Group]
    let hasGroups: Bool
    /// The objection form, during the notice only.
    let forms: [FormView]
}

extension HonorRollContext {
    static func make(_ roll: AwardDecisionService.HonorRoll, program: ProgramView, byUnit: Bool, objection: FormView?, _ req: Request) -> HonorRollContext {
        let base = "\(program.url)/honor-roll"
        let state: String, heading: String, lead: String
        switch roll.stage {
        case .published:
            state = "published"
            heading = req.t("honor.roll.title")
            lead = req.t("honor.roll.publishedOn", ["date": roll.publishedAt.map {
                DateDisplay.date(DateDisplay.calendarDate($0, timeZone: roll.timeZone), req.language)
            } ?? ""])
        case .notice:
            state = "notice"
            heading = req.t("honor.notice.title")
            lead = req.t("honor.notice.until", ["date": roll.noticeEndsAt.map { DateDisplay.dateTime($0, timeZone: roll.timeZone, req.language) } ?? "",
                                                "zone": roll.timeZone.identifier])
        case .noticeOver:
            state = "noticeOver"
            heading = req.t("honor.notice.proposed")
            lead = req.t("honor.notice.over", ["date": roll.noticeEndsAt.map { DateDisplay.dateTime($0, timeZone: roll.timeZone, req.language) } ?? ""])
        default:
            state = "pending"
            heading = req.t("honor.roll.title")
            lead = req.t("honor.roll.notYet", ["program": roll.programName])
        }
        let showList = state != "pending"
        func certificate(_ decision: AwardDecisionDTO) -> String? {
            state == "published" ? "\(program.url)/certificates/\(decision.serial)" : nil
        }
        func count(_ number: Int) -> String { req.t(number == 1 ? "honor.roll.countOne" : "honor.roll.count", ["count": "\(number)"]) }
        var groups: [Group] = []
        if showList, byUnit {
            let byOrganization = Dictionary(grouping: roll.honorees, by: \.organization)
            let names = byOrganization.keys.sorted { (roll.organizationOrder[$0] ?? Int.max, $0) < (roll.organizationOrder[$1] ?? Int.max, $1) }
            for (index, name) in names.enumerated() {
                let honorees = byOrganization[name] ?? []
                groups.append(Group(anchor: "org-\(index + 1)", title: name.isEmpty ? "—" : name, count: count(honorees.count), special: false,
                                    honorees: honorees.map { Honoree(name: $0.nominee, detail: $0.categoryName, certificate: certificate($0)) }))
            }
        } else if showList {
            for category in roll.categories {
                let honorees = roll.honorees.filter { $0.category == category.code }
                groups.append(Group(anchor: "award-\(category.code.lowercased())", title: category.name, count: count(honorees.count),
                                    special: category.special,
                                    honorees: honorees.map { Honoree(name: $0.nominee, detail: $0.organization, certificate: certificate($0)) }))
            }
        }
        let counts = showList ? roll.categories.map { category in
            Count(label: category.name, value: roll.honorees.filter { $0.category == category.code }.count, anchor: "award-\(category.code.lowercased())")
        } : []
        return HonorRollContext(
            page: PageContext(req, title: state == "notice" ? "\(heading) — \(lead)" : "\(program.name) · \(heading)"), program: program,
            state: state, heading: heading, lead: lead, stage: req.t(roll.stage.localizationKey), byUnit: byUnit && showList,
            byAwardURL: base, byUnitURL: "\(base)?by=unit",
            summary: showList ? req.t("honor.roll.summary", ["count": "\(roll.honorees.count)", "categories": "\(roll.categories.count)"]) : "",
            counts: counts, groups: groups, hasGroups: !groups.isEmpty, forms: state == "notice" ? objection.map { [$0] } ?? [] : [])
    }

    /// The objection form of the notice: the honoree, a name, an optional contact and the text, with any problems by their fields.
    static func objectionForm(_ roll: AwardDecisionService.HonorRoll, action: String, form: RecognitionPublicController.ObjectionForm?,
                              issues: [FieldIssue], _ req: Request) -> FormView {
        var objection = FormView(
            action: action, submitLabel: req.t("honor.objection.submit"), title: req.t("honor.objection.title"),
            fields: [
                .select("decisionId", req.t("honor.objection.honoree"),
                        options: [("", req.t("honor.objection.chooseHonoree"))] + roll.honorees.map {
                            ("\($0.id)", req.t("honor.objection.option", ["name": $0.nominee, "award": $0.categoryName, "organization": $0.organization]))
                        },
                        selected: [form?.decisionId ?? ""], required: true),
                FieldView(name: "name", label: req.t("honor.objection.name"), value: form?.name ?? "", required: true,
                          hint: req.t("honor.objection.nameHint"), autocomplete: "name"),
                FieldView(name: "contact", label: req.t("honor.objection.contact"), value: form?.contact ?? "", hint: req.t("honor.objection.contactHint")),
                FieldView(name: "text", label: req.t("honor.objection.text"), type: "textarea", value: form?.text ?? "", required: true,
                          hint: req.t("honor.objection.textHint")),
            ])
        objection.attach(issues, req)
        return objection
    }
}

/// One certificate of honor, every line already in the reader's language.
struct HonorCertificateView: Encodable {
    let serial: String
    let title: String
    let titleAlt: String
    /// The language of `titleAlt`, the other one, so a screen reader reads it as such.
    let titleAltLang: String
    /// 1 on the certificate's own page, 2 among the certificates of the print page (which has its own h1).
    let heading: Int
    let lead: String
    let nominee: String
    let organization: String
    /// Chinese puts the citation before the award, English after it.
    let citationFirst: Bool
    let citation: String
    let award: String
    let closing: String
    let program: String
    let issuer: String
    let date: String
    let serialLine: String
    let verifyLine: String
    let verifyURL: String
    let draft: Bool

    static func make(_ decision: AwardDecisionDTO, roll: AwardDecisionService.HonorRoll, issuedOn: Date, draft: Bool, heading: Int = 1,
                     _ req: Request) -> HonorCertificateView {
        let zh = req.language == .zhHans
        let other: Language = zh ? .en : .zhHans
        let day = DateDisplay.calendarDate(issuedOn, timeZone: roll.timeZone)
        let verifyURL = req.siteOrigin + "/verify/" + decision.serial
        return HonorCertificateView(
            serial: decision.serial, title: req.t("honor.certificate.title"),
            titleAlt: req.application.localizer.string("honor.certificate.title", other), titleAltLang: other.rawValue, heading: heading,
            lead: req.t("honor.certificate.lead"), nominee: req.t("honor.certificate.name", ["name": decision.nominee]),
            organization: decision.organization, citationFirst: zh,
            citation: req.t("honor.certificate.citation", ["year": "\(roll.awardYear)"]),
            award: req.t("honor.certificate.award", ["award": decision.categoryName]),
            closing: req.t("honor.certificate.closing"), program: roll.programName, issuer: roll.issuer,
            date: DateDisplay.date(day, req.language),
            serialLine: req.t("honor.certificate.serial", ["serial": decision.serial]),
            verifyLine: req.t("honor.certificate.verifyAt", ["url": verifyURL]), verifyURL: verifyURL, draft: draft)
    }
}

/// `/p/{slug}/certificates/{serial}`.
struct HonorCertificateContext: Encodable {
    let page: PageContext
    let program: ProgramView
    let certificates: [HonorCertificateView]
    let honorRollURL: String
}

/// `/p/{slug}/certificates/{serial}` for an award withdrawn after an objection.
struct WithdrawnCertificateContext: Encodable {
    let page: PageContext
    let program: ProgramView
    let serial: String
    let message: String
    let honorRollURL: String
}

/// `/verify/{serial}`: what a typed certificate number is, and a form to type another.
struct VerifyContext: Encodable {
    struct Fact: Encodable {
        let label: String
        let value: String
    }
    let page: PageContext
    let serial: String
    /// Empty before a number is typed; else `valid`, `revoked`, `unknown`, `mistyped` or `malformed`.
    let state: String
    let heading: String
    let message: String
    let facts: [Fact]
    let certificateURL: String?
}

extension VerifyContext {
    /// The page for a checked number; `state` is `valid`, `revoked`, `unknown`, `mistyped` or `malformed`.
    static func make(_ check: CertificateCheckDTO, typed: String, certificateURL: String?, _ req: Request) -> VerifyContext {
        let state: String
        switch check.status {
        case "approved": state = "valid"
        case "revoked": state = "revoked"
        case "mistyped": state = "mistyped"
        case "malformed": state = "malformed"
        default: state = "unknown"
        }
        var facts: [Fact] = []
        if state == "valid" || state == "revoked" {
            let issued = check.issuedOn.flatMap(CalendarDate.init(parsing:)).map { DateDisplay.date($0, req.language) }
            let rows: [(String, String?)] = [
                ("honor.verify.name", check.nominee), ("honor.verify.award", check.award), ("honor.verify.program", check.program),
                ("honor.verify.organization", check.organization), ("honor.verify.issuedOn", issued),
            ]
            facts = rows.compactMap { key, value in value.map { Fact(label: req.t(key), value: $0) } }
        }
        let shown = check.serial.isEmpty ? typed : check.serial
        let heading = req.t("honor.verify.\(state).heading")
        return VerifyContext(page: PageContext(req, title: "\(heading) · \(shown)"), serial: shown, state: state, heading: heading,
                             message: req.t("honor.verify.\(state).message", ["serial": shown]), facts: facts,
                             certificateURL: state == "valid" ? certificateURL : nil)
    }

    /// The empty form.
    static func form(_ req: Request) -> VerifyContext {
        VerifyContext(page: PageContext(req, title: req.t("honor.verify.title")), serial: "", state: "", heading: req.t("honor.verify.title"),
                      message: req.t("honor.verify.intro"), facts: [], certificateURL: nil)
    }
}

/// `/admin/recognition/{slug}/certificates`: every approved certificate, one per printed page.
struct CertificatePrintContext: Encodable {
    let page: PageContext
    let program: ProgramView
    let summary: String
    let published: Bool
    let certificates: [HonorCertificateView]
    let hasCertificates: Bool
    let officeURL: String
}

extension Request {
    /// `https://podium.example.org`: the address the reader used, for links printed on paper.
    var siteOrigin: String {
        let forwarded = application.podiumConfig.trustProxy ? headers.first(name: "X-Forwarded-Proto") : nil
        let scheme = forwarded ?? (application.podiumConfig.secureCookies ? "https" : "http")
        let host = headers.first(name: .host) ?? "localhost"
        return "\(scheme)://\(host)"
    }
}
