import PodiumCore
import Vapor

/// A form described as data, rendered by `partials/forms.leaf`: every field with a label,
/// its value and its error in place, so a rejected form comes back as the user left it.
struct FormView: Encodable {
    var action: String
    var submitLabel: String
    var title: String?
    var fields: [FieldView]
    var multipart = false
    var hidden: [HiddenField] = []
    /// Problems that belong to no single field (a stale version, a throttle).
    var generalErrors: [String] = []
    var hasGeneralErrors: Bool { !generalErrors.isEmpty }

    enum CodingKeys: String, CodingKey {
        case action, submitLabel, title, fields, multipart, hidden, generalErrors, hasGeneralErrors
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(action, forKey: .action)
        try c.encode(submitLabel, forKey: .submitLabel)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encode(fields, forKey: .fields)
        try c.encode(multipart, forKey: .multipart)
        try c.encode(hidden, forKey: .hidden)
        try c.encode(generalErrors, forKey: .generalErrors)
        try c.encode(hasGeneralErrors, forKey: .hasGeneralErrors)
    }

    struct HiddenField: Encodable {
        let name: String
        let value: String
    }

    /// Puts each issue next to its field; issues for fields the form does not show are listed on top.
    mutating func attach(_ issues: [FieldIssue], _ request: Request) {
        for issue in issues {
            let message = request.t(issue.message)
            if let index = fields.firstIndex(where: { $0.name == issue.field || $0.aliases.contains(issue.field) }) {
                fields[index].error = [fields[index].error, message].compactMap { $0 }.joined(separator: " ")
            } else {
                generalErrors.append(message)
            }
        }
        // The form comes back with the cursor in the first field to correct, its label and message read out.
        if generalErrors.isEmpty, let first = fields.firstIndex(where: { $0.error != nil }) { fields[first].autofocus = true }
    }
}

struct FieldView: Encodable {
    struct Option: Encodable {
        let value: String
        let label: String
        var selected: Bool
    }

    var name: String
    var label: String
    var type: String = "text"
    var value: String = ""
    var options: [Option] = []
    var error: String?
    var required = false
    var hint: String?
    var autocomplete: String?
    var inputmode: String?
    var checked = false
    var autofocus = false
    /// Other names the domain uses for this field (e.g. `unitId` for the `unit` select).
    var aliases: [String] = []

    var id: String { "f-" + name.replacingOccurrences(of: "[", with: "-").replacingOccurrences(of: "]", with: "") }

    /// The ids of the error and the hint under the field, the error first, for `aria-describedby`.
    var describedBy: String? {
        let ids = [error.map { _ in id + "-error" }, hint.map { _ in id + "-hint" }].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    enum CodingKeys: String, CodingKey {
        case name, label, type, value, options, error, required, hint, autocomplete, inputmode, checked, id, describedBy, autofocus
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(label, forKey: .label)
        try c.encode(type, forKey: .type)
        try c.encode(value, forKey: .value)
        try c.encode(options, forKey: .options)
        try c.encodeIfPresent(error, forKey: .error)
        try c.encode(required, forKey: .required)
        try c.encodeIfPresent(hint, forKey: .hint)
        try c.encodeIfPresent(autocomplete, forKey: .autocomplete)
        try c.encodeIfPresent(inputmode, forKey: .inputmode)
        try c.encode(checked, forKey: .checked)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(describedBy, forKey: .describedBy)
        try c.encode(autofocus, forKey: .autofocus)
    }

    static func select(_ name: String, _ label: String, options: [(String, String)], selected: [String], required: Bool = false,
                       multiple: Bool = false, hint: String? = nil, aliases: [String] = []) -> FieldView {
        FieldView(name: name, label: label, type: multiple ? "multiselect" : "select",
                  options: options.map { Option(value: $0.0, label: $0.1, selected: selected.contains($0.0)) },
                  required: required, hint: hint, aliases: aliases)
    }
}

struct FieldErrorView: Encodable {
    let field: String
    let message: String
}
