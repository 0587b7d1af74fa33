import Foundation
import PodiumCore
import Testing

/// The colours of Public/css/podium.css, read from the file, in the pairs the pages use them in, against WCAG AA:
/// 4.5:1 for text, 3:1 for large text, the borders of controls and the focus ring.
@Suite struct ColourContrastTests {
    static let css = try! String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Public/css/podium.css").standardized, encoding: .utf8)

    /// A colour: `--name` from :root, `selector|property` for the first colour in that rule's property, or `#hex`.
    static func colour(_ spec: String) -> SRGBColor? {
        if spec.hasPrefix("#") { return SRGBColor(hex: spec) }
        if spec.hasPrefix("--") { return variable(spec) }
        let parts = spec.split(separator: "|").map(String.init)
        guard parts.count == 2, let body = rule(parts[0]),
              let value = body.firstMatch(of: try! Regex("(?:^|[;{\\s])" + NSRegularExpression.escapedPattern(for: parts[1]) + #"\s*:\s*([^;}]*)"#)) else { return nil }
        return firstColour(String(value.output[1].substring ?? ""))
    }

    static func variable(_ name: String) -> SRGBColor? {
        guard let root = rule(":root"), let match = root.firstMatch(of: try! Regex(NSRegularExpression.escapedPattern(for: name) + #"\s*:\s*([^;]*)"#)) else { return nil }
        return firstColour(String(match.output[1].substring ?? ""))
    }

    static func firstColour(_ value: String) -> SRGBColor? {
        if let hex = value.firstMatch(of: #/#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b/#) { return SRGBColor(hex: String(hex.0)) }
        if let name = value.firstMatch(of: #/var\((--[a-z-]+)/#) { return variable(String(name.1)) }
        return nil
    }

    /// The declarations of the first rule whose selector list is exactly `selector`.
    static func rule(_ selector: String) -> String? {
        let pattern = #"(?:^|[}\n])\s*"# + NSRegularExpression.escapedPattern(for: selector) + #"\s*\{([^}]*)\}"#
        return css.firstMatch(of: try! Regex(pattern)).map { String($0.output[1].substring ?? "") }
    }

    /// (what, foreground, background, use)
    static let pairs: [(String, String, String, ContrastUse)] = [
        ("text", "--ink", "--bg", .text),
        ("muted text, hints, dates", "--muted", "--bg", .text),
        ("muted text on cards", "--muted", "--card", .text),
        ("table header cells", "th|color", "th|background", .text),
        ("links", "--accent", "--bg", .text),
        ("links on cards", "--accent", "--card", .text),
        ("the public header", ".brand|color", "--brand", .text),
        ("the back office header", ".user-nav a, .user-nav button.link|color", ".back-office .site-header|background", .text),
        ("primary buttons", "button.primary, .button.primary|color", "button.primary, .button.primary|background", .text),
        ("buttons", "button, .button|color", "button, .button|background", .text),
        ("danger buttons", "button.danger|color", "--card", .text),
        ("messages", ".flash|color", ".flash|background", .text),
        ("alerts", ".alert|color", ".alert|background", .text),
        ("errors", ".error|color", "--card", .text),
        ("badges", ".badge|color", ".badge|background", .text),
        ("status pills", ".status|color", ".status|background", .text),
        ("open and running", ".status-open, .status-running|color", ".status-open, .status-running|background", .text),
        ("closed", ".status-closed|color", ".status-closed|background", .text),
        ("published", ".status-published|color", ".status-published|background", .text),
        ("draft", ".status-draft|color", ".status-draft|background", .text),
        ("scheduled", ".status-scheduled|color", ".status-scheduled|background", .text),
        ("award badges", ".badge.kind-commendation, .badge.kind-award|color", ".badge.kind-commendation, .badge.kind-award|background", .text),
        ("warning badges", ".badge.warn|color", ".badge.warn|background", .text),
        ("gap badges", ".badge.gap-badge|color", ".badge.gap-badge|background", .text),
        ("the live note", "--ok", "--bg", .text),
        ("provisional marks", ".provisional|color", "--card", .text),
        ("the current team", ".team-switch a[aria-current=\"page\"]|color", ".team-switch a[aria-current=\"page\"]|background", .text),
        ("the honor roll switch", ".honor-switch a|color", ".honor-switch a|background", .text),
        ("the notice deadline", ".notice-until|color", ".notice-until|background", .text),
        ("certificate serials", ".hc-serial|color", ".honor-cert|background", .text),
        ("certificate program", ".hc-program|color", ".honor-cert|background", .text),
        ("the tap button", "button.tap|color", "button.tap|background", .largeText),
        ("the door button", "button.door-button|color", "button.door-button|background", .largeText),
        ("big screen text", "body.big-screen|color", "body.big-screen|background", .text),
        ("big screen header cells", "body.big-screen th|color", "body.big-screen|background", .text),
        ("big screen runners", "body.big-screen .runner|color", "body.big-screen|background", .text),
        ("big screen links", "body.big-screen a|color", "body.big-screen|background", .text),
        ("finishers' places on the live board", ".live-board tr.state-finished td.pos|color", "--card", .text),
        ("finishers' places on the big screen", "body.big-screen .live-board tr.state-finished td.pos|color", "body.big-screen|background", .largeText),
        ("teams out of the race on the big screen", "body.big-screen .live-board tr.state-dnf, body.big-screen .live-board tr.state-dq, body.big-screen .live-board tr.state-dns|color", "body.big-screen|background", .text),
        ("a row that changed on the big screen", "body.big-screen|color", "#3b4d12", .text),
        ("field borders", "--control", "--card", .component),
        ("button borders on the page", "--control", "--bg", .component),
        ("the focus ring on the page", "--focus-inner", "--bg", .component),
        ("the focus ring on cards", "--focus-inner", "--card", .component),
        ("the focus ring on the public header", "--focus", "--brand", .component),
        ("the focus ring on the back office header", "--focus", ".back-office .site-header|background", .component),
        ("the focus ring on the big screen", "--focus", "body.big-screen|background", .component),
        ("the two rings of the focus indicator", "--focus", "--focus-inner", .component),
    ]

    @Test func everyPairMeetsWCAGAA() throws {
        var report: [String] = [], failures: [String] = []
        for (what, foreground, background, use) in Self.pairs {
            let fg = try #require(Self.colour(foreground), "\(what): no colour for \(foreground)")
            let bg = try #require(Self.colour(background), "\(what): no colour for \(background)")
            let ratio = fg.contrast(with: bg)
            let line = String(format: "%@ %@ on %@: %.2f:1 (%@, needs %.1f)", what, fg.description, bg.description, ratio, use.rawValue, use.minimum)
            report.append(line)
            if ratio < use.minimum { failures.append(line) }
        }
        print(report.joined(separator: "\n"))
        #expect(failures.isEmpty, "too little contrast:\n\(failures.joined(separator: "\n"))")
    }
}
