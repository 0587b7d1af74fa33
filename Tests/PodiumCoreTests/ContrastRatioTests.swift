import Testing
@testable import PodiumCore

@Suite struct ContrastRatioTests {
    @Test func ratiosMatchTheWCAGFormula() throws {
        let black = try #require(SRGBColor(hex: "#000")), white = try #require(SRGBColor(hex: "#ffffff"))
        #expect(abs(black.contrast(with: white) - 21) < 0.001)
        #expect(white.contrast(with: white) == 1)
        // The reference values of WebAIM's checker.
        let grey = try #require(SRGBColor(hex: "#767676"))
        #expect((grey.contrast(with: white) * 100).rounded() / 100 == 4.54)
        #expect(try #require(SRGBColor(hex: "#0b57d0")).contrast(with: white) > 6.3)
        #expect(SRGBColor(hex: "red") == nil && SRGBColor(hex: "#12345") == nil)
        #expect(SRGBColor(hex: "#ABC")?.description == "#aabbcc")
        #expect(ContrastUse.text.minimum == 4.5 && ContrastUse.component.minimum == 3)
    }
}
