import Foundation
import PodiumCore
import Vapor

/// An award category as the form sends it, every value as typed, so a rejected form comes back as it was left.
struct CategoryForm: Content {
    var code: String?
    var name: String?
    var kind: String?
    var quotaTotal: String?
    var quotaPerUnit: String?
    var method: String?
    var pickLimit: String?
    var criteria: String?
    var statusActive: String?
    var statusOnLeave: String?
    var statusRetired: String?
    var statusLeft: String?
    var minimumServiceYears: String?
    var serviceCountedOn: String?
    var excludePreviousWinners: String?
    var opensAt: String?
    var closesAt: String?
    var version: Int?

    static let blank = CategoryForm(kind: AwardCategoryKind.individual.rawValue, quotaTotal: "", method: ReviewMethod.approval.rawValue, statusActive: "on")

    init(code: String? = nil, name: String? = nil, kind: String? = nil, quotaTotal: String? = nil, method: String? = nil, statusActive: String? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.quotaTotal = quotaTotal
        self.method = method
        self.statusActive = statusActive
    }

    init(_ category: AwardCategoryDTO, zone: TimeZone) {
        code = category.code
        name = category.name
        kind = category.kind.rawValue
        quotaTotal = "\(category.quotaTotal)"
        quotaPerUnit = category.quotaPerUnit.map(String.init)
        method = category.method.rawValue
        pickLimit = category.method == .approval ? "\(category.pickLimit)" : nil
        criteria = category.criteria.map { "\($0.name), \($0.weight), \($0.maxScore)" }.joined(separator: "\n")
        let statuses = category.eligibility.allowedStatuses
        statusActive = statuses.contains(.active) ? "on" : nil
        statusOnLeave = statuses.contains(.onLeave) ? "on" : nil
        statusRetired = statuses.contains(.retired) ? "on" : nil
        statusLeft = statuses.contains(.left) ? "on" : nil
        minimumServiceYears = category.eligibility.minimumServiceYears.map(String.init)
        serviceCountedOn = category.eligibility.serviceCountedOn?.iso
        excludePreviousWinners = category.eligibility.excludePreviousWinners ? "on" : nil
        opensAt = RecognitionOffice.localValue(category.opensAt, zone: zone)
        closesAt = RecognitionOffice.localValue(category.closesAt, zone: zone)
        version = category.version
    }

    /// The service input, and the problems of values that could not even be read.
    func input(zone: TimeZone) -> (AwardCategoryInput, [FieldIssue]) {
        var issues: [FieldIssue] = []
        func number(_ field: String, _ text: String?) -> Int? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = Int(text) else { issues.append(FieldIssue(field, "error.field.integer", ["value": text])); return nil }
            return value
        }
        func instant(_ field: String, _ text: String?) -> Date? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let date = RecognitionOffice.parseLocal(text, zone: zone) else {
                issues.append(FieldIssue(field, "recognition.office.endsAtInvalid", ["value": text])); return nil
            }
            return date
        }
        var criteriaList: [RubricCriterion] = []
        if method == ReviewMethod.rubric.rawValue {
            do { criteriaList = try AwardCategoryDraft.parseCriteria(criteria ?? "") } catch {
                if case .validation(let found) = error { issues += found }
            }
        }
        var serviceDay: CalendarDate?
        if let text = serviceCountedOn?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            serviceDay = CalendarDate(parsing: text)
            if serviceDay == nil { issues.append(FieldIssue("serviceCountedOn", "error.field.date", ["value": text])) }
        }
        let total = number("quotaTotal", quotaTotal)
        if total == nil, !issues.contains(where: { $0.field == "quotaTotal" }) { issues.append(FieldIssue("quotaTotal", "error.award.quotaTotal", ["value": "", "max": "\(AwardCategoryDraft.maxQuota)"])) }
        var statuses: [EmployeeStatus] = []
        if statusActive != nil { statuses.append(.active) }
        if statusOnLeave != nil { statuses.append(.onLeave) }
        if statusRetired != nil { statuses.append(.retired) }
        if statusLeft != nil { statuses.append(.left) }
        let input = AwardCategoryInput(
            code: code ?? "", name: name ?? "", kind: AwardCategoryKind(rawValue: kind ?? "") ?? .individual, quotaTotal: total ?? 0,
            quotaPerUnit: number("quotaPerUnit", quotaPerUnit), method: ReviewMethod(rawValue: method ?? "") ?? .approval,
            pickLimit: number("pickLimit", pickLimit), criteria: criteriaList, allowedStatuses: statuses,
            minimumServiceYears: number("minimumServiceYears", minimumServiceYears), serviceCountedOn: serviceDay,
            excludePreviousWinners: excludePreviousWinners != nil, opensAt: instant("opensAt", opensAt), closesAt: instant("closesAt", closesAt),
            version: version)
        return (input, issues)
    }

    /// The input, or every problem at once: values that could not be read, and the rules the readable ones break.
    func checkedInput(zone: TimeZone) throws(PodiumError) -> AwardCategoryInput {
        let (input, unreadable) = input(zone: zone)
        guard !unreadable.isEmpty else { return input }
        let unreadableFields = Set(unreadable.map(\.field))
        throw .validation(unreadable + RecognitionService.draft(input).issues().filter { !unreadableFields.contains($0.field) })
    }

    func formView(_ req: Request, action: String, zone: TimeZone, submit: String) -> FormView {
        var form = FormView(action: action, submitLabel: submit, fields: [
            FieldView(name: "name", label: req.t("recognition.category.name"), value: name ?? "", required: true),
            FieldView(name: "code", label: req.t("recognition.category.code"), value: code ?? "", required: true, hint: req.t("recognition.category.codeHint")),
            .select("kind", req.t("recognition.category.kind"), options: AwardCategoryKind.allCases.map { ($0.rawValue, req.t($0.localizationKey)) },
                    selected: [kind ?? ""]),
            FieldView(name: "quotaTotal", label: req.t("recognition.category.quotaTotal"), type: "number", value: quotaTotal ?? "", required: true, inputmode: "numeric"),
            FieldView(name: "quotaPerUnit", label: req.t("recognition.category.quotaPerUnit"), type: "number", value: quotaPerUnit ?? "",
                      hint: req.t("recognition.category.quotaPerUnitHint"), inputmode: "numeric"),
            .select("method", req.t("recognition.category.method"), options: ReviewMethod.allCases.map { ($0.rawValue, req.t($0.localizationKey)) },
                    selected: [method ?? ""]),
            FieldView(name: "pickLimit", label: req.t("recognition.category.pickLimit"), type: "number", value: pickLimit ?? "",
                      hint: req.t("recognition.category.pickLimitHint"), inputmode: "numeric"),
            FieldView(name: "criteria", label: req.t("recognition.category.criteria"), type: "textarea", value: criteria ?? "",
                      hint: req.t("recognition.category.criteriaHint")),
            FieldView(name: "statusActive", label: req.t("recognition.category.mayNominate", ["status": req.t(EmployeeStatus.active.localizationKey)]),
                      type: "checkbox", checked: statusActive != nil, aliases: ["allowedStatuses"]),
            FieldView(name: "statusOnLeave", label: req.t("recognition.category.mayNominate", ["status": req.t(EmployeeStatus.onLeave.localizationKey)]),
                      type: "checkbox", checked: statusOnLeave != nil),
            FieldView(name: "statusRetired", label: req.t("recognition.category.mayNominate", ["status": req.t(EmployeeStatus.retired.localizationKey)]),
                      type: "checkbox", checked: statusRetired != nil),
            FieldView(name: "statusLeft", label: req.t("recognition.category.mayNominate", ["status": req.t(EmployeeStatus.left.localizationKey)]),
                      type: "checkbox", checked: statusLeft != nil),
            FieldView(name: "minimumServiceYears", label: req.t("recognition.category.serviceYears"), type: "number", value: minimumServiceYears ?? "",
                      inputmode: "numeric"),
            FieldView(name: "serviceCountedOn", label: req.t("recognition.category.serviceCountedOn"), type: "date", value: serviceCountedOn ?? ""),
            FieldView(name: "excludePreviousWinners", label: req.t("recognition.category.excludePreviousWinners"), type: "checkbox",
                      checked: excludePreviousWinners != nil),
            FieldView(name: "opensAt", label: req.t("recognition.category.opensAt"), type: "datetime-local", value: opensAt ?? ""),
            FieldView(name: "closesAt", label: req.t("recognition.category.closesAt"), type: "datetime-local", value: closesAt ?? "",
                      hint: req.t("recognition.category.windowHint", ["timeZone": zone.identifier])),
        ])
        if let version { form.hidden.append(.init(name: "version", value: "\(version)")) }
        return form
    }
}
