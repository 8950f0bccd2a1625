/// The records of one master file: quoted CSV, comma separated, CRLF (LF accepted), no header.
///
/// The whole file is held once as UTF-8 bytes; each field is a byte range into it (a field with
/// doubled quotes is unescaped into the tail of the same buffer). No `String` is made per field.
struct CSVRecords {
    var bytes: [UInt8]
    var fieldStart: [UInt32] = []
    var fieldEnd: [UInt32] = []
    /// Row `r` has fields `rowFirstField[r] ..< rowFirstField[r + 1]`.
    var rowFirstField: [UInt32] = [0]
    /// Source line number (1-based) of each row.
    var rowLine: [UInt32] = []

    var rowCount: Int { rowLine.count }
    func fieldCount(row r: Int) -> Int { Int(rowFirstField[r + 1] - rowFirstField[r]) }

    /// Field `c` (0-based) of row `r`; empty when the row has fewer fields.
    @inline(__always) func field(_ r: Int, _ c: Int) -> Range<Int> {
        let first = Int(rowFirstField[r])
        guard c < Int(rowFirstField[r + 1]) - first else { return 0..<0 }
        return Int(fieldStart[first + c])..<Int(fieldEnd[first + c])
    }

    func string(_ r: Int, _ c: Int) -> String { String(decoding: bytes[field(r, c)], as: UTF8.self) }

    /// Parses decoded UTF-8 bytes. Blank lines are skipped.
    static func parse(_ input: [UInt8], file: String) throws(MasterLoadError) -> CSVRecords {
        var out = CSVRecords(bytes: input)
        let n = input.count
        out.fieldStart.reserveCapacity(n / 4)
        out.fieldEnd.reserveCapacity(n / 4)
        var extra: [UInt8] = []
        var extraFields: [(index: Int, bytes: [UInt8])] = []
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr: UInt8 = 13, lf: UInt8 = 10
        var i = 0
        var line = 1
        try input.withUnsafeBufferPointer { (b) throws(MasterLoadError) in
            while i < n {
                // Blank line.
                if b[i] == lf { i += 1; line += 1; continue }
                if b[i] == cr && i + 1 < n && b[i + 1] == lf { i += 2; line += 1; continue }
                let rowLine = line
                var column = 1
                while true {
                    if i < n && b[i] == quote {
                        i += 1
                        let start = i
                        var escaped = false
                        while true {
                            guard i < n else {
                                throw MasterLoadError(file: file, line: rowLine, column: column, reason: "unterminated quoted field")
                            }
                            if b[i] == quote {
                                if i + 1 < n && b[i + 1] == quote { escaped = true; i += 2; continue }
                                break
                            }
                            if b[i] == lf { line += 1 }
                            i += 1
                        }
                        if escaped {
                            var v: [UInt8] = []
                            var j = start
                            while j < i { v.append(b[j]); j += (b[j] == quote) ? 2 : 1 }
                            extraFields.append((out.fieldStart.count, v))
                        }
                        out.fieldStart.append(UInt32(start))
                        out.fieldEnd.append(UInt32(i))
                        i += 1 // closing quote
                    } else {
                        let start = i
                        while i < n && b[i] != comma && b[i] != cr && b[i] != lf {
                            if b[i] == quote {
                                throw MasterLoadError(file: file, line: rowLine, column: column, reason: "stray quote inside an unquoted field")
                            }
                            i += 1
                        }
                        out.fieldStart.append(UInt32(start))
                        out.fieldEnd.append(UInt32(i))
                    }
                    if i >= n { break }
                    if b[i] == comma { i += 1; column += 1; continue }
                    if b[i] == cr && i + 1 < n && b[i + 1] == lf { i += 2; line += 1; break }
                    if b[i] == lf || b[i] == cr { i += 1; line += 1; break }
                    throw MasterLoadError(file: file, line: rowLine, column: column, reason: "unexpected character after a closing quote")
                }
                out.rowFirstField.append(UInt32(out.fieldStart.count))
                out.rowLine.append(UInt32(rowLine))
            }
        }
        if !extraFields.isEmpty {
            for (index, v) in extraFields {
                out.fieldStart[index] = UInt32(out.bytes.count + extra.count)
                extra += v
                out.fieldEnd[index] = UInt32(out.bytes.count + extra.count)
            }
            out.bytes += extra
        }
        return out
    }

    /// Line (1-based) and column (1-based) of a byte offset in raw file bytes, for decode errors.
    /// CP932 trail bytes are 0x40–0xFC, never `"` `,` or LF, so counting ASCII is exact.
    static func locate(offset: Int, in raw: UnsafeRawBufferPointer) -> (line: Int, column: Int) {
        var line = 1, column = 1, inQuotes = false
        var i = 0
        while i < offset && i < raw.count {
            let c = raw[i]
            if c == UInt8(ascii: "\"") { inQuotes.toggle() }
            else if c == 10 { line += 1; column = 1; inQuotes = false }
            else if c == UInt8(ascii: ",") && !inQuotes { column += 1 }
            i += 1
        }
        return (line, column)
    }
}
