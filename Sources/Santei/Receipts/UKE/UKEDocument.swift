import Foundation

/// A レセプト電算 file (医科 RECEIPTC.UKE) held as its original CP932 bytes: one record a line,
/// comma-separated, no quoting, CRLF, first field the 2-letter record ID (記録条件仕様 医科).
///
/// Codes, counts and points are ASCII, so the reader splits bytes and never decodes a field it
/// does not need; names are decoded on demand. Writing splices only the fields that changed, so
/// every other byte goes back as it came.
public struct UKEDocument: Sendable {
    public let bytes: [UInt8]
    /// Line `l` is `bytes[lineStart[l] ..< lineEnd[l]]` (without CR LF). Fields are split on demand
    /// (`UKEFields` for the hot path), so the document costs 8 bytes a line beyond its bytes.
    var lineStart: [Int32] = []
    var lineEnd: [Int32] = []
    /// Bytes after the last line break (e.g. the EOF mark 0x1A), kept for writing back.
    public private(set) var trailer: [UInt8] = []
    public let name: String
    /// Larger than `DomainLimit.maxUKEBytes`: no line is read and `structure` is one file-level fault.
    public private(set) var oversized = false
    /// Receipts, the IR and GO, and the structural faults, found when the document is read
    /// (`UKEStructure`: one pass over the record IDs).
    public private(set) var structure = UKEStructure()

    public var lineCount: Int { lineStart.count }

    /// A line without any byte, or only the EOF mark 0x1A (blank lines are not records; they are
    /// skipped by every reader).
    @inline(__always) func isBlank(_ line: Int) -> Bool {
        let s = Int(lineStart[line]), e = Int(lineEnd[line])
        return e <= s || (e - s == 1 && bytes[s] == 0x1A)
    }

    public init(bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
        guard bytes.count <= DomainLimit.maxUKEBytes else {
            oversized = true
            structure = UKEStructure.scan(self)
            return
        }
        var starts: [Int32] = [], ends: [Int32] = []
        starts.reserveCapacity(bytes.count / 60)
        ends.reserveCapacity(bytes.count / 60)
        var start = 0
        let n = bytes.count
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            while start < n, let hit = memchr(base + start, 10, n - start) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                starts.append(Int32(start))
                ends.append(Int32(i > start && b[i - 1] == 13 ? i - 1 : i))
                start = i + 1
            }
        }
        // A last line without a line break, unless it is only an EOF mark.
        let rest = bytes[start...]
        if !rest.isEmpty && !(rest.allSatisfy { $0 == 0x1A || $0 == 13 }) {
            starts.append(Int32(start)); ends.append(Int32(n))
        } else {
            trailer = Array(rest)
        }
        lineStart = starts
        lineEnd = ends
        structure = UKEStructure.scan(self)
    }

    /// Reads a file straight into one buffer.
    public static func read(path: String) throws(UKEReadError) -> UKEDocument {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw UKEReadError(file: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw UKEReadError(file: path, reason: "cannot stat") }
        let size = Int(st.st_size)
        guard size <= DomainLimit.maxUKEBytes else {
            throw UKEReadError(file: path, reason: "\(size) bytes, more than the \(DomainLimit.maxUKEBytes) a RECEIPTC.UKE may have")
        }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var done = 0
            while done < size {
                let got = Glibc.read(fd, buffer.baseAddress! + done, size - done)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { failed = true; break }
                done += got
            }
            count = done
        }
        if failed { throw UKEReadError(file: path, reason: "read failed") }
        return UKEDocument(bytes: bytes, name: (path as NSString).lastPathComponent)
    }

    /// Splits a line into fields (slow path for occasional access; workers use `UKEFields`).
    func starts(_ line: Int) -> [Int] {
        var out = [Int(lineStart[line])]
        for i in Int(lineStart[line])..<Int(lineEnd[line]) where bytes[i] == UInt8(ascii: ",") { out.append(i + 1) }
        return out
    }

    public func fieldCount(_ line: Int) -> Int {
        var n = 1
        for i in Int(lineStart[line])..<Int(lineEnd[line]) where bytes[i] == UInt8(ascii: ",") { n += 1 }
        return n
    }

    /// Byte range of field `f` (0-based; field 0 is the record ID); empty if the line is shorter.
    /// Scans the line once without allocating (`UKEStructure.check` asks for several fields of every record).
    public func field(_ line: Int, _ f: Int) -> Range<Int> {
        let end = Int(lineEnd[line])
        var start = Int(lineStart[line]), k = 0
        return bytes.withUnsafeBufferPointer { b -> Range<Int> in
            var i = start
            while i < end {
                if b[i] == UInt8(ascii: ",") {
                    if k == f { return start..<i }
                    k += 1
                    start = i + 1
                }
                i += 1
            }
            return k == f ? start..<end : end..<end
        }
    }

    /// The 2-letter record ID as a 16-bit value ("SI" → 0x5349).
    @inline(__always) public func recordID(_ line: Int) -> UInt16 {
        let s = Int(lineStart[line]), n = Int(lineEnd[line]) - s
        // The レコード識別情報 is two characters, then a comma (or the end of the line): "SI " is no record kind
        // (review 129 U92: it was read as SI).
        guard n >= 2, n == 2 || bytes[s + 2] == 0x2C else { return 0 }
        return UInt16(bytes[s]) << 8 | UInt16(bytes[s + 1])
    }

    public static func id(_ s: StaticString) -> UInt16 {
        let p = s.utf8Start
        return UInt16(p[0]) << 8 | UInt16(p[1])
    }


    /// A digits-only field as an integer; nil when empty or not digits.
    public func integer(_ line: Int, _ f: Int) -> Int? { UKEFields.integer(bytes, field(line, f)) }

    /// A decimal field ("1.5", "20") in 1/100000 (UKE 使用量: 整数5桁.小数5桁); nil when not a number.
    public func decimal5(_ line: Int, _ f: Int) -> Int? { UKEFields.decimal5(bytes, field(line, f)) }

    /// Line `l` rebuilt with some fields replaced (fields past the end are added), without CR LF.
    func rebuilt(_ l: Int, _ changes: some BidirectionalCollection<(field: Int, value: String)>, into out: inout [UInt8]) {
        let fieldStarts = starts(l)
        let maxField = max(fieldStarts.count - 1, changes.map(\.field).max() ?? 0)
        for f in 0...maxField {
            if f > 0 { out.append(UInt8(ascii: ",")) }
            if let change = changes.last(where: { $0.field == f }) {
                out.append(contentsOf: change.value.utf8)
            } else if f < fieldStarts.count {
                out.append(contentsOf: bytes[fieldStarts[f]..<(f + 1 < fieldStarts.count ? fieldStarts[f + 1] - 1 : Int(lineEnd[l]))])
            }
        }
    }

    /// Visits the file as spans: unchanged byte ranges and rebuilt lines, in order.
    /// `changes` must be sorted by line.
    func spans(_ changes: [(line: Int32, field: Int32, value: Int)], _ emit: (UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { raw in
            var cursor = 0, k = 0
            var line: [UInt8] = []
            while k < changes.count {
                let l = Int(changes[k].line)
                var j = k
                while j < changes.count && Int(changes[j].line) == l { j += 1 }
                emit(UnsafeRawBufferPointer(rebasing: raw[cursor..<Int(lineStart[l])]))
                line.removeAll(keepingCapacity: true)
                rebuilt(l, changes[k..<j].map { (Int($0.field), String($0.value)) }, into: &line)
                line.withUnsafeBytes { emit($0) }
                cursor = Int(lineEnd[l])
                k = j
            }
            emit(UnsafeRawBufferPointer(rebasing: raw[cursor...]))
        }
    }

    /// The file with fields replaced (sorted by line); unchanged spans copied whole.
    func writing(sortedChanges changes: [(line: Int32, field: Int32, value: Int)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + changes.count * 4 + 16)
        spans(changes) { out.append(contentsOf: $0) }
        return out
    }

    /// The same, written straight to a file descriptor: unchanged spans go from the input buffer.
    func write(sortedChanges changes: [(line: Int32, field: Int32, value: Int)], to fd: Int32) -> Bool {
        var ok = true
        spans(changes) { p in
            var done = 0
            while ok && done < p.count {
                let n = Glibc.write(fd, p.baseAddress! + done, p.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { ok = false } else { done += n }
            }
        }
        return ok
    }

    /// The file with some fields replaced (ASCII values, any line order), every other byte as it was.
    public func writing(_ replacements: [Int: [(field: Int, value: String)]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1024)
        var cursor = 0
        for l in replacements.keys.sorted() {
            out.append(contentsOf: bytes[cursor..<Int(lineStart[l])])
            rebuilt(l, replacements[l]!, into: &out)
            cursor = Int(lineEnd[l])
        }
        out.append(contentsOf: bytes[cursor...])
        return out
    }
}

/// 診療年月 in either form of the 記録条件仕様: 西暦 YYYYMM, or 和暦 GYYMM (年号区分 1 明治, 2 大正,
/// 3 昭和, 4 平成, 5 令和).
public enum UKEDate {
    /// 元号区分 (記録条件仕様 別表: 1 明治, 2 大正, 3 昭和, 4 平成, 5 令和) → the year before its year 1.
    static func eraBase(_ digit: Int) -> Int? {
        switch digit { case 1: 1867; case 2: 1911; case 3: 1925; case 4: 1988; case 5: 2018; default: nil }
    }

    /// The days of a 元号 (改元: 大正 1912-07-30, 昭和 1926-12-25, 平成 1989-01-08, 令和 2019-05-01; 明治 from its 元年's
    /// 1 January as 明治元年 counts): a 和暦 date outside them never existed (昭和64年1月8日, 令和元年4月30日; review 218 BM-4).
    static func eraDays(_ digit: Int) -> ClosedRange<UInt32> {
        switch digit {
        case 1: 1868_01_01...1912_07_29
        case 2: 1912_07_30...1926_12_24
        case 3: 1926_12_25...1989_01_07
        case 4: 1989_01_08...2019_04_30
        default: 2019_05_01...9999_12_31
        }
    }

    /// 診療年月: 西暦 YYYYMM or 和暦 GYYMM.
    public static func yearMonth(_ text: some Collection<UInt8>) -> (year: Int, month: Int)? {
        guard text.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let d = text.map { Int($0 - 48) }
        switch d.count {
        case 6:
            let y = d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3], m = d[4] * 10 + d[5]
            return (1...12).contains(m) ? (y, m) : nil
        case 5:
            guard let base = eraBase(d[0]) else { return nil }
            let yy = d[1] * 10 + d[2], m = d[3] * 10 + d[4]
            return yy >= 1 && (1...12).contains(m) ? (base + yy, m) : nil
        default:
            return nil
        }
    }

    /// A date: 西暦 YYYYMMDD or 和暦 GYYMMDD (生年月日, 診療開始日, コメントの年月日).
    public static func date(_ text: some Collection<UInt8>) -> ServiceDate? {
        guard text.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let d = text.map { Int($0 - 48) }
        switch d.count {
        case 8:
            return ServiceDate(year: d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3], month: d[4] * 10 + d[5], day: d[6] * 10 + d[7])
        case 7:
            guard let base = eraBase(d[0]), d[1] * 10 + d[2] >= 1,
                  let date = ServiceDate(year: base + d[1] * 10 + d[2], month: d[3] * 10 + d[4], day: d[5] * 10 + d[6]),
                  eraDays(d[0]).contains(date.yyyymmdd) else { return nil }
            return date
        default:
            return nil
        }
    }
}

/// 負担区分 (記録条件仕様 別表): which payers a line is charged to, as bits: 0 医保, 1–4 第1–第4公費.
public enum BurdenClass {
    /// (code, payer bits) of every 負担区分 of the 別表.
    static let classes: [(Character, UInt8)] = [
        ("1", 0b00001), ("5", 0b00010), ("6", 0b00100), ("B", 0b01000), ("C", 0b10000),
        ("2", 0b00011), ("3", 0b00101), ("E", 0b01001), ("G", 0b10001), ("7", 0b00110), ("H", 0b01010),
        ("I", 0b10010), ("J", 0b01100), ("K", 0b10100), ("L", 0b11000),
        ("4", 0b00111), ("M", 0b01011), ("N", 0b10011), ("O", 0b01101), ("P", 0b10101), ("Q", 0b11001),
        ("R", 0b01110), ("S", 0b10110), ("T", 0b11010), ("U", 0b11100),
        ("V", 0b01111), ("W", 0b10111), ("X", 0b11011), ("Y", 0b11101), ("Z", 0b11110), ("9", 0b11111),
    ]
    /// The classes by byte (0 = no class): one load per line of the hot path, no `Character` made.
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for (c, bits) in classes { t[Int(c.asciiValue!)] = bits }
        return t
    }()

    public static func payers(_ code: UInt8) -> UInt8? {
        let bits = table[Int(code)]
        return bits == 0 ? nil : bits
    }

    /// What a blank 負担区分 names on a receipt of this レセプト種別 (4 digits, checked at the door): the receipt's one payer
    /// when it has one (3桁目 1 単独: 医保単独 → 医保, 公費単独 → 第1公費), nil when it has more — a line of a 併用 receipt
    /// names its payers (別表 負担区分コード), and every door refuses a blank one there (review 386 HZ-2: recalc read blank as
    /// 医保 and left a 公費単独 unit out of the KO 合計点数, while audit counted it).
    public static func blank(kind: ArraySlice<UInt8>) -> UInt8? {
        let s = kind.startIndex   // no copy: asked once per receipt on the recalc path
        guard kind.count == 4, kind[s + 2] == UInt8(ascii: "1") else { return nil }
        return kind[s + 1] == UInt8(ascii: "2") ? 0b10 : 0b1
    }
}

public struct UKEReadError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var reason: String
    public var description: String { "\(file): \(reason)" }
}

/// The fields of one line, split once into a reusable buffer (the hot path: no allocation per line).
public struct UKEFields {
    /// Start of each field: the first `count` entries hold; there is room for one field per byte of the longest
    /// line loaded so far, so loading a line writes in place without a check per comma.
    private var starts = [Int](repeating: 0, count: 256)
    public private(set) var count = 0
    private var end = 0
    public private(set) var line = -1

    public init() {}

    public mutating func load(_ doc: UKEDocument, _ line: Int) {
        self.line = line
        let s = Int(doc.lineStart[line]), e = Int(doc.lineEnd[line])
        end = e
        if e - s + 1 > starts.count { starts = [Int](repeating: 0, count: e - s + 1) }
        count = doc.bytes.withUnsafeBufferPointer { b in
            starts.withUnsafeMutableBufferPointer { st in
                st[0] = s
                var k = 1, i = s
                while i < e {
                    if b[i] == UInt8(ascii: ",") { st[k] = i + 1; k += 1 }
                    i += 1
                }
                return k
            }
        }
    }

    @inline(__always) public func range(_ f: Int) -> Range<Int> {
        guard f < count else { return end..<end }
        return starts[f]..<(f + 1 < count ? starts[f + 1] - 1 : end)
    }

    /// `integer` of each of the fields `first..<first + out.count` (0 where it is nil), read in one pass
    /// with the buffers held once: the 算定日 fields (1日〜31日) of an SI/IY/TO record.
    public func integers(_ bytes: [UInt8], from first: Int, into out: UnsafeMutableBufferPointer<Int>) {
        bytes.withUnsafeBufferPointer { b in
            starts.withUnsafeBufferPointer { st in
                for k in 0..<out.count {
                    let f = first + k
                    guard f < count else { out[k] = 0; continue }
                    let lo = st[f], hi = f + 1 < count ? st[f + 1] - 1 : end
                    var v = 0, ok = lo < hi
                    var i = lo
                    while i < hi {
                        let c = b[i]
                        guard c >= 48 && c <= 57 else { ok = false; break }
                        v = v &* 10 &+ Int(c &- 48)
                        i += 1
                    }
                    out[k] = ok ? v : 0
                }
            }
        }
    }

    @inline(__always) public static func integer(_ bytes: [UInt8], _ r: Range<Int>) -> Int? {
        guard !r.isEmpty else { return nil }
        var v = 0
        for i in r {
            let c = bytes[i]
            guard c >= 48 && c <= 57 else { return nil }
            v = v &* 10 &+ Int(c &- 48)
        }
        return v
    }

    /// A 使用量 (decimal, up to 5 decimals) in 1/100000; nil when not such a number or over the limit.
    public static func decimal5(_ bytes: [UInt8], _ r: Range<Int>) -> Int? {
        if case .value(let v) = quantity(bytes, r, integerOnly: false) { return v }
        return nil
    }

    /// How a 数量データ (SI: an integer) or 使用量 (IY/TO: up to 5 decimals) field reads.
    public enum Quantity: Equatable, Sendable {
        /// In 1/100000 (`UnitItem.quantityScale`), at most `DomainLimit.maxQuantityScaled`.
        case value(Int)
        /// Not a number of that form (letters, two points, more than 5 decimals).
        case malformed
        /// A number over `DomainLimit.maxQuantityScaled`.
        case outOfRange
    }

    /// Parses a quantity field with checked bounds: never overflows, whatever its length.
    public static func quantity(_ bytes: [UInt8], _ r: Range<Int>, integerOnly: Bool) -> Quantity {
        guard !r.isEmpty else { return .malformed }
        var integer = 0, fraction = 0, decimals = -1, tooLarge = false, digits = 0
        let maxInteger = DomainLimit.maxQuantityScaled / UnitItem.quantityScale
        for i in r {
            let c = bytes[i]
            if c != UInt8(ascii: ".") { digits += 1 }
            if c == UInt8(ascii: ".") {
                guard decimals < 0, !integerOnly else { return .malformed }
                decimals = 0; continue
            }
            guard c >= 48 && c <= 57 else { return .malformed }
            if decimals >= 0 {
                guard decimals < 5 else { return .malformed }   // more than 5 decimals: not a 使用量
                fraction = fraction * 10 + Int(c &- 48)
                decimals += 1
            } else if !tooLarge {
                integer = integer * 10 + Int(c &- 48)
                if integer > maxInteger { tooLarge = true }
            }
        }
        // A point alone is no number (review 118: 使用量 "." was read as 0), nor is a point without a digit before or after
        // it (review 129 U66/U67: "1." and ".5" were read as 1 and 0.5; the 記録条件仕様 writes 整数部 and 小数部).
        if digits == 0 || bytes[r.lowerBound] == UInt8(ascii: ".") || bytes[r.upperBound - 1] == UInt8(ascii: ".") { return .malformed }
        if tooLarge { return .outOfRange }
        while decimals < 5 { fraction *= 10; decimals += 1 }
        let v = integer * UnitItem.quantityScale + fraction
        return v <= DomainLimit.maxQuantityScaled ? .value(v) : .outOfRange
    }

    /// A digits-only field as an integer no larger than `max`; nil when empty, not digits or larger.
    /// Never overflows, whatever the field's length.
    public static func bounded(_ bytes: [UInt8], _ r: Range<Int>, max: Int) -> Int? {
        guard !r.isEmpty else { return nil }
        var v = 0
        for i in r {
            let c = bytes[i]
            guard c >= 48 && c <= 57, v <= (Int.max - 9) / 10 else { return nil }
            v = v * 10 + Int(c &- 48)
            guard v <= max else { return nil }
        }
        return v
    }

    /// Field bytes as text for a message: ASCII as it is, else CP932 decoded, control bytes as \\xNN;
    /// at most 40 bytes, then "…".
    public static func printable(_ bytes: some Collection<UInt8>) -> String {
        // Most fields (a receipt number, a code) are short printable ASCII: as they are, without a copy.
        if bytes.count <= 40, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(decoding: bytes, as: UTF8.self) }
        let head = Array(bytes.prefix(40))
        let more = bytes.count > 40 ? "…" : ""
        func escaped(_ b: [UInt8]) -> String {
            var s = ""
            for c in b {
                if c >= 0x20 && c < 0x7F { s.unicodeScalars.append(Unicode.Scalar(c)) }
                else { s += "\\x" + (c < 16 ? "0" : "") + String(c, radix: 16, uppercase: true) }
            }
            return s
        }
        if head.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return escaped(head) + more }
        if let utf8 = try? CP932.decode(head), !utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            return String(decoding: utf8, as: UTF8.self) + more
        }
        return escaped(head) + more
    }
}
