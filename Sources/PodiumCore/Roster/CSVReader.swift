import Foundation

/// One data record of a CSV file.
public struct CSVRecord: Sendable, Equatable {
    /// 1-based physical line where the record starts (the header is line 1), so error
    /// messages point at the line a spreadsheet or editor shows.
    public let line: Int
    public let fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A parsed CSV file: the header row and the data records below it.
public struct CSVTable: Sendable, Equatable {
    public let header: [String]
    public let records: [CSVRecord]
    public let delimiter: Character

    public init(header: [String], records: [CSVRecord], delimiter: Character) {
        self.header = header
        self.records = records
        self.delimiter = delimiter
    }
}

/// Reads the CSV files HR offices export: UTF-8 (with or without BOM), comma, semicolon or tab
/// separated, RFC 4180 quoting, any line ending. Works on bytes because rosters can be large.
public enum CSVReader {
    public static func read(_ data: Data) throws(PodiumError) -> CSVTable {
        let bytes = [UInt8](data)
        guard isValidUTF8(bytes) else { throw .badRequest(LocalizedMessage("error.import.notUTF8")) }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let delimiter = detectDelimiter(bytes, from: start)
        var parser = Parser(bytes: bytes, delimiter: delimiter)
        let records = try parser.parse(from: start)
        guard records.count >= 2 else { throw .badRequest(LocalizedMessage("error.import.empty")) }
        return CSVTable(header: records[0].fields, records: Array(records.dropFirst()),
                        delimiter: Character(Unicode.Scalar(delimiter)))
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Counts candidate delimiters outside quotes on the first non-blank line; comma wins ties
    /// because it is the format's default.
    static func detectDelimiter(_ bytes: [UInt8], from start: Int) -> UInt8 {
        var counts: [UInt8: Int] = [Byte.comma: 0, Byte.semicolon: 0, Byte.tab: 0]
        var inQuotes = false
        var sawContent = false
        for byte in bytes[start...] {
            if byte == Byte.quote { inQuotes.toggle(); sawContent = true; continue }
            if inQuotes { continue }
            if byte == Byte.lf || byte == Byte.cr {
                if sawContent { break }
                continue
            }
            if counts[byte] != nil { counts[byte]! += 1 }
            if byte != Byte.space { sawContent = true }
        }
        let best = [Byte.comma, Byte.semicolon, Byte.tab].max { counts[$0]! < counts[$1]! }!
        return counts[best]! > counts[Byte.comma]! ? best : Byte.comma
    }
}

private enum Byte {
    static let comma = UInt8(ascii: ",")
    static let semicolon = UInt8(ascii: ";")
    static let tab = UInt8(ascii: "\t")
    static let quote = UInt8(ascii: "\"")
    static let space = UInt8(ascii: " ")
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
}

/// The byte-level state machine. Fields are built in one reused buffer so a large file costs
/// one String per field and nothing more.
private struct Parser {
    let bytes: [UInt8]
    let delimiter: UInt8
    var records: [CSVRecord] = []
    var fields: [String] = []
    var field: [UInt8] = []
    /// Bytes at the start of `field` that came from inside quotes and must survive trimming.
    var protectedCount = 0
    /// Whether the current field has begun (content or an opening quote), so leading spaces are dropped.
    var started = false
    var line = 1
    var recordLine = 1

    init(bytes: [UInt8], delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
        field.reserveCapacity(64)
    }

    mutating func parse(from start: Int) throws(PodiumError) -> [CSVRecord] {
        var i = start
        let n = bytes.count
        var inQuotes = false
        var quoteLine = 0
        while i < n {
            let byte = bytes[i]
            i += 1
            if inQuotes {
                switch byte {
                case Byte.quote:
                    if i < n, bytes[i] == Byte.quote {
                        field.append(Byte.quote)
                        i += 1
                    } else {
                        inQuotes = false
                        protectedCount = field.count
                    }
                case Byte.cr, Byte.lf:
                    // Newlines inside a field are kept as LF whatever the file used.
                    if byte == Byte.cr, i < n, bytes[i] == Byte.lf { i += 1 }
                    field.append(Byte.lf)
                    line += 1
                default:
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case delimiter:
                endField()
            case Byte.cr, Byte.lf:
                if byte == Byte.cr, i < n, bytes[i] == Byte.lf { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            case Byte.quote where !started:
                inQuotes = true
                started = true
                quoteLine = line
            case Byte.space where !started, Byte.tab where !started:
                break
            default:
                started = true
                field.append(byte)
            }
        }
        if inQuotes {
            throw .badRequest(LocalizedMessage("error.import.unterminatedQuote", ["line": "\(quoteLine)"]))
        }
        if started || !fields.isEmpty { endRecord() }
        return records
    }

    private mutating func endField() {
        var end = field.count
        while end > protectedCount, field[end - 1] == Byte.space || field[end - 1] == Byte.tab { end -= 1 }
        fields.append(String(decoding: field[..<end], as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        protectedCount = 0
        started = false
    }

    private mutating func endRecord() {
        endField()
        // Blank lines, and the delimiter-only rows spreadsheets leave below the data, carry nothing.
        if fields.contains(where: { !$0.isEmpty }) {
            records.append(CSVRecord(line: recordLine, fields: fields))
        }
        fields.removeAll(keepingCapacity: true)
    }
}
