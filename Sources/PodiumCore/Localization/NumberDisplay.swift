/// Numbers as organizers write them in titles: "5th", "第五届".
public enum NumberDisplay {
    public static func englishOrdinal(_ n: Int) -> String {
        let tens = (n / 10) % 10
        let suffix: String
        if tens == 1 { suffix = "th" } else {
            switch n % 10 {
            case 1: suffix = "st"
            case 2: suffix = "nd"
            case 3: suffix = "rd"
            default: suffix = "th"
            }
        }
        return "\(n)\(suffix)"
    }

    /// Chinese numerals for 0...9999 (一, 十, 十一, 二十一, 一百零五); larger numbers stay in digits.
    public static func chinese(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n >= 0, n < 10000 else { return "\(n)" }
        if n < 10 { return digits[n] }
        if n < 20 { return "十" + (n % 10 == 0 ? "" : digits[n % 10]) }
        let units = ["", "十", "百", "千"]
        var result = ""
        var pendingZero = false
        let parts = String(n).compactMap { Int(String($0)) }
        for (index, digit) in parts.enumerated() {
            let position = parts.count - 1 - index
            if digit == 0 {
                pendingZero = !result.isEmpty
            } else {
                if pendingZero { result += "零" }
                result += digits[digit] + units[position]
                pendingZero = false
            }
        }
        return result
    }

    /// "5th edition" or "第五届".
    public static func edition(_ n: Int, _ language: Language) -> String {
        switch language {
        case .en: return "\(englishOrdinal(n)) edition"
        case .zhHans: return "第\(chinese(n))届"
        }
    }
}
