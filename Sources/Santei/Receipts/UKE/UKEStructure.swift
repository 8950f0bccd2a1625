import Foundation

/// A fault of a RECEIPTC.UKE: where (file, 1-based line, and the 1-based 項目 of the 記録条件仕様
/// when it is one field) and why. Every UKE door (`uke recalc`, `audit`, `revalue`) reports the
/// same faults with the same words.
public struct UKEError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    /// 1-based line of the record.
    public var line: Int
    /// 1-based field number as the 記録条件仕様 counts it (1 is the record ID), when one field is at fault.
    public var field: Int?
    /// The field's name in the 記録条件仕様 (e.g. "回数").
    public var fieldName: String?
    /// The レセプト番号 of the receipt at fault, when the fault is in a receipt.
    public var receipt: String?
    public var reason: String
    /// The fault puts the receipt's HO/KO in doubt (their order, number or shape): its stated 合計点数 cannot be taken for
    /// the GO either (review 124 B9: an HO shifted by a field gave its 実日数 to the GO as the receipt's total).
    public var totalUntrusted = false

    public init(file: String, line: Int, field: Int? = nil, fieldName: String? = nil, receipt: String? = nil, reason: String) {
        self.file = file; self.line = line; self.field = field; self.fieldName = fieldName; self.receipt = receipt; self.reason = reason
    }

    /// The record ID of the line at fault ("SI", "HO" …) when a field of a record inside a receipt is named: the field is said to be
    /// that record's, not the RE's the message begins with (review 375 HO-3: "RE 1: field 7 (回数)" of an SI read as RE 項目7).
    public var record: String?

    /// "field 7 (回数) of the SI record", or nil when no one field is at fault.
    public var fieldLabel: String? {
        field.map { "field \($0)" + (fieldName.map { " (\($0))" } ?? "") + (record.map { " of the \($0) record" } ?? "") }
    }

    /// The place without the file name: "line 12: field 7 (回数) of the SI record: …".
    public var located: String {
        var s = "line \(line)"
        if let fieldLabel { s += ": " + fieldLabel }
        return s + ": " + reason
    }

    /// The receipt and place without the file name: "RE 3: line 12: field 7 (回数): …".
    public var message: String { (receipt.map { "RE \($0): " } ?? "") + located }

    public var description: String {
        "\(file):\(line): " + (receipt.map { "RE \($0): " } ?? "") + (fieldLabel.map { $0 + ": " } ?? "") + reason
    }
}

/// The record structure of a RECEIPTC.UKE, found once when the document is read (one pass over the
/// record IDs) and checked at the door for every reader — `UKERecalc` (uke recalc, revalue) and
/// `UKEClaims` (audit) see the same receipts and the same faults.
///
/// The 記録条件仕様 structure is: IR (once, first) → per receipt RE and its records → GO (once, last).
///
/// - **File-level faults** (the whole file is one error; no receipt is read, because nothing in it
///   can be trusted to belong to this 請求): the file is empty (or only an EOF mark), it is larger
///   than `DomainLimit.maxUKEBytes`, it holds no IR record, or the first IR's 請求年月 (項目 8) is
///   not a month.
/// - **Receipt-level faults** (that receipt — RE up to the next RE, IR or GO — becomes one error
///   naming its first faulty line; every other receipt is processed): an RE before the IR, after
///   the GO (a GO that is not last, e.g. two files concatenated) or after a second IR (still a receipt
///   of the file: its stated 合計点数 counts in the GO); a record
///   type the 記録条件仕様 does not define; and the field faults of `check(_:_:fields:)`
///   (レセプト種別 not 4 digits, 診療年月 not a month or after the IR's 請求年月, 入院年月日 stated but not a date, HO/KO 食事療養・生活療養
///   回数 or 合計金額 not a number within its limit, 算定日 beyond the month, 回数 0 or over 999,
///   an unknown 負担区分, 数量/使用量/点数/合計点数 over their `DomainLimit`, a code that is not 9 digits
///   (診療行為/医薬品/特定器材/コメント), a 傷病名コード that is not 7 digits, 修飾語 not 4-digit groups).
/// - **Records outside any receipt** (between the IR and the first RE, before the IR, after the GO,
///   a second IR or GO): one error per run of such lines, naming its first line.
///
/// A receipt at fault is never dropped silently: it is counted, reported, and its stated 合計点数
/// still counts in the GO 総合計点数 (it is left as it is).
public struct UKEStructure: Sendable {
    public enum Place: Sendable, Equatable {
        /// Between the IR and the GO that closes the file: a receipt of this 請求.
        case body
        /// Before the IR or after the GO: not a receipt of this file (one after a second IR and before the GO is a
        /// receipt of the file at fault).
        case outside
    }

    public struct Receipt: Sendable {
        /// RE line up to (not including) the next RE, IR or GO, or the end of the file.
        public var lines: Range<Int>
        public var place: Place
        /// The structural fault of the receipt (where it stands, an unknown record type), if any.
        public var fault: UKEError?
    }

    /// The whole file refused (see the type's documentation); `receipts` is empty then.
    public var fileError: UKEError?
    public var receipts: [Receipt] = []
    /// Runs of records outside any receipt (not counting receipts at fault, which carry their own).
    public var strays: [UKEError] = []
    /// The IR record and the GO that closes the file (the first GO after the IR).
    public var irLine: Int?
    public var goLine: Int?
    /// A second IR record before the GO (two files concatenated, the first cut before its GO), if any.
    public var secondIRLine: Int?

    /// Every fault that is not a receipt's: the file's, or stray records'.
    public var errors: [UKEError] { (fileError.map { [$0] } ?? []) + strays }

    static let IR = UKEDocument.id("IR"), RE = UKEDocument.id("RE"), GO = UKEDocument.id("GO"), SJ = UKEDocument.id("SJ")
    static let HO = UKEDocument.id("HO"), KO = UKEDocument.id("KO"), SI = UKEDocument.id("SI"), IY = UKEDocument.id("IY")
    static let TO = UKEDocument.id("TO"), CO = UKEDocument.id("CO")

    /// Record types of the 記録条件仕様 医科 that may stand inside a receipt (domain-facts C.1–C.8):
    /// HO KO KH GR SY SI IY TO CO SJ TI TR TS SN JD MF NI.
    static let receiptRecords: Set<UInt16> = Set(["HO", "KO", "KH", "GR", "SY", "SI", "IY", "TO", "CO", "SJ", "TI", "TR", "TS", "SN", "JD", "MF", "NI"]
        .map { (s: String) in UInt16(s.utf8.first!) << 8 | UInt16(s.utf8.dropFirst().first!) })

    static func idText(_ doc: UKEDocument, _ l: Int) -> String {
        // The first field, up to its comma (at most 8 bytes): "SI " is shown as it is, not as "SI".
        let start = Int(doc.lineStart[l]), end = min(Int(doc.lineEnd[l]), start + 8)
        let comma = doc.bytes[start..<end].firstIndex(of: 0x2C) ?? end
        return UKEFields.printable(doc.bytes[start..<comma])
    }

    /// One pass over the record IDs.
    static func scan(_ doc: UKEDocument) -> UKEStructure {
        var s = UKEStructure()
        let name = doc.name
        if doc.oversized {
            s.fileError = UKEError(file: name, line: 1, reason: "the file has \(doc.bytes.count) bytes, more than the \(DomainLimit.maxUKEBytes) a RECEIPTC.UKE may have")
            return s
        }
        let n = doc.lineCount
        var firstRecord: Int?
        for l in 0..<n where !doc.isBlank(l) { firstRecord = l; break }
        guard let first = firstRecord else {
            s.fileError = UKEError(file: name, line: 1, reason: "empty file: no record")
            return s
        }
        if doc.bytes[Int(doc.lineStart[first])...].starts(with: [0xEF, 0xBB, 0xBF]) {
            s.fileError = UKEError(file: name, line: first + 1, reason: "the file starts with a UTF-8 byte order mark (EF BB BF): a RECEIPTC.UKE is CP932 text without one (saved as UTF-8?)")
            return s
        }
        if holdsCR(doc, first) {
            // A file that does not start with a record ID is no UKE at all, whatever its line ends (review 397 IK-5: 500 MB of
            // random bytes was told its records end with CR alone).
            let b = doc.bytes[Int(doc.lineStart[first])...].prefix(3)
            let isRecord = b.count == 3 && b.prefix(2).allSatisfy { (65...90).contains($0) } && b.last == UInt8(ascii: ",")
            s.fileError = UKEError(file: name, line: first + 1, reason: isRecord
                ? "records end with CR alone (no LF): a RECEIPTC.UKE ends each record with CR LF (記録条件仕様); convert the line ends to CR LF and read it again"
                : "not a RECEIPTC.UKE: the file does not start with a record (a record ID such as IR followed by a comma)")
            return s
        }
        if let l = strayCR(doc) {
            // Review 168 N1: one CR alone joined a record with the next receipt's RE, which was lost, and the GO was
            // rewritten to the one receipt left.
            s.fileError = UKEError(file: name, line: l + 1, reason: "a CR (0D) alone inside the record, not followed by LF: a RECEIPTC.UKE ends each record with CR LF (記録条件仕様), so the records around it cannot be told apart")
            return s
        }
        guard let ir = (first..<n).first(where: { doc.recordID($0) == IR }) else {
            s.fileError = UKEError(file: name, line: first + 1, reason: "no IR record (医療機関情報レコード): not a RECEIPTC.UKE")
            return s
        }
        let claimMonth = doc.field(ir, 7)
        guard let claimed = UKEDate.yearMonth(doc.bytes[claimMonth]), DomainLimit.yearRange.contains(claimed.year) else {
            s.fileError = UKEError(file: name, line: ir + 1, field: 8, fieldName: "請求年月",
                                   reason: "\"\(UKEFields.printable(doc.bytes[claimMonth]))\" is neither YYYYMM nor GYYMM: the IR record is broken")
            return s
        }
        // A RECEIPTC.UKE is CP932: an IR (医療機関名称) or a first RE (氏名) that reads as UTF-8 Japanese (at least two 3-byte sequences, every
        // byte valid UTF-8) was saved in the wrong encoding, and its names would be read as other characters.
        let firstRE = ((ir + 1)..<min(n, ir + 64)).first { doc.recordID($0) == RE }
        if looksLikeUTF8Japanese(doc, ir) || firstRE.map({ looksLikeUTF8Japanese(doc, $0) }) == true {
            s.fileError = UKEError(file: name, line: ir + 1, reason: "the file is UTF-8 text, not CP932 (Shift_JIS) as a RECEIPTC.UKE is (記録条件仕様): convert it back to CP932")
            return s
        }
        s.irLine = ir
        // The IR's own fields (記録条件仕様 医科 IR: 項目 3 都道府県 01–47, 項目 4 点数表 1 医科) and its text (review 412 IZ-4, IZ-5: a 点数表
        // 3 歯科 file was priced with the 医科 masters; bytes of no CP932 character passed in the IR and the GO). Another 点数表 is no file
        // Santei reads; a bad 都道府県 or byte is told and the receipts are read.
        let table = doc.field(ir, 3)
        guard UKEFields.printable(doc.bytes[table]) == "1" else {
            s.fileError = UKEError(file: name, line: ir + 1, field: 4, fieldName: "点数表",
                                   reason: "\"\(UKEFields.printable(doc.bytes[table]))\" is not 1 (医科): Santei reads 医科 receipts only (点数表 1 医科, 3 歯科)")
            return s
        }
        let prefecture = doc.field(ir, 2)
        if prefecture.count != 2 || !(1...47).contains(UKEFields.bounded(doc.bytes, prefecture, max: 99) ?? 0) {
            s.strays.append(UKEError(file: name, line: ir + 1, field: 3, fieldName: "都道府県",
                                     reason: "\"\(UKEFields.printable(doc.bytes[prefecture]))\" is not a 都道府県番号 01–47 (記録条件仕様 IR 項目 3): the receipts are read, the IR left as it is"))
        }
        if let f = recordTextFault(doc, ir) { s.strays.append(f) }
        var go: Int?
        for l in (ir + 1)..<max(ir + 1, n) where doc.recordID(l) == GO { go = l; break }
        s.goLine = go

        // Walk the lines: receipts, and runs of records outside any receipt.
        var open: Receipt?
        var strayStart: Int?, strayCount = 0, strayWhy = ""
        var secondIR: Int?
        func closeReceipt(_ end: Int) {
            guard var r = open else { return }
            r.lines = r.lines.lowerBound..<end
            s.receipts.append(r)
            open = nil
        }
        func closeStray() {
            guard let start = strayStart else { return }
            s.strays.append(UKEError(file: name, line: start + 1, reason: strayCount == 1 ? strayWhy : "\(strayWhy) (and \(strayCount - 1) more records after it)"))
            strayStart = nil; strayCount = 0
        }
        func stray(_ l: Int, _ why: @autoclosure () -> String) {
            if strayStart == nil { strayStart = l; strayWhy = why() }
            strayCount += 1
        }
        for l in 0..<n {
            if doc.isBlank(l) { continue }
            let id = doc.recordID(l)
            let before = l < ir, after = go.map { l > $0 } ?? false
            switch id {
            case RE:
                closeReceipt(l); closeStray()
                var r = Receipt(lines: l..<(l + 1), place: .body, fault: nil)
                var number: String { UKEFields.printable(doc.bytes[doc.field(l, 1)]) }
                if before {
                    r.place = .outside
                    r.fault = UKEError(file: name, line: l + 1, receipt: number, reason: "receipt before the IR record (line \(ir + 1))")
                } else if after, let go {
                    r.place = .outside
                    r.fault = UKEError(file: name, line: l + 1, receipt: number, reason: "receipt after the GO record (line \(go + 1)): the GO is not the last record (two files concatenated?)")
                } else if let second = secondIR {
                    // Still before the file's GO: a receipt of this 請求 at fault (review 103: taken as outside the file,
                    // its 合計点数 left the GO, which `uke recalc` then wrote as 0 for a file of 225 points).
                    r.fault = UKEError(file: name, line: l + 1, receipt: number, reason: "receipt after a second IR record (line \(second + 1)): two files concatenated?")
                } else if let month = UKEDate.yearMonth(doc.bytes[doc.field(l, 3)]), month.year * 12 + month.month > claimed.year * 12 + claimed.month {
                    // Review 189 AJ-7: a 診療年月 after the IR's 請求年月 is a month not yet over when the file was claimed (a
                    // typo in either): the receipt cannot be priced for this 請求. (An earlier month is a 月遅れ請求, and the
                    // same month is read as it is.)
                    r.fault = UKEError(file: name, line: l + 1, field: 4, fieldName: "診療年月", receipt: number,
                                       reason: "\(month.year)-\(month.month < 10 ? "0" : "")\(month.month) is after the file's 請求年月 \(claimed.year)-\(claimed.month < 10 ? "0" : "")\(claimed.month) (IR line \(ir + 1)): the receipt would be claimed before its 診療年月 is over")
                }
                open = r
            case IR where l == ir:
                closeReceipt(l); closeStray()
            case IR:
                closeReceipt(l)
                if !after && secondIR == nil { secondIR = l }
                stray(l, "a second IR record (the file's IR is line \(ir + 1)): two files concatenated?")
            case GO where l == go:
                closeReceipt(l); closeStray()
            case GO:
                closeReceipt(l)
                stray(l, "a second GO record (the file's GO is line \((go ?? l) + 1))")
            default:
                if let current = open {
                    if current.fault == nil && !receiptRecords.contains(id) {
                        open?.fault = UKEError(file: name, line: l + 1, field: 1, fieldName: "レコード識別情報",
                                               receipt: UKEFields.printable(doc.bytes[doc.field(current.lines.lowerBound, 1)]),
                                               reason: "unknown record type \"\(idText(doc, l))\"")
                    }
                } else if before {
                    stray(l, "record \"\(idText(doc, l))\" before the IR record (line \(ir + 1))")
                } else if after, let go {
                    stray(l, "record \"\(idText(doc, l))\" after the GO record (line \(go + 1)): the GO is not the last record")
                } else {
                    stray(l, "record \"\(idText(doc, l))\" outside a receipt (no RE before it)")
                }
            }
        }
        closeReceipt(n); closeStray()
        s.secondIRLine = secondIR
        if go == nil {
            var last = n - 1
            while last > ir && doc.isBlank(last) { last -= 1 }
            s.strays.append(UKEError(file: name, line: last + 1, reason: "no GO record (請求書情報) after the receipts: the file is incomplete (cut short?); its receipts are read, the file's 総件数 and 総合計点数 cannot be checked"))
        }
        return s
    }

    /// GO 項目 2 総件数: the number of the file's receipts (checked for one volume: マルチボリューム識別情報 99 or blank);
    /// nil when it holds.
    /// A GO of another shape than 4 fields (レコード識別情報, 総件数, 総合計点数, マルチボリューム識別情報; 記録条件仕様 別表)
    /// is a fault of its own: a file cut short inside its last record reads as a GO of 3 fields.
    static func goCountFault(_ doc: UKEDocument, goLine go: Int, receipts: Int) -> UKEError? {
        let fields = doc.fieldCount(go)
        guard fields == 4 else {
            return UKEError(file: doc.name, line: go + 1, reason: "the GO record has \(fields) field\(fields == 1 ? "" : "s"), a GO has 4 (レコード識別情報, 総件数, 総合計点数, マルチボリューム識別情報): \(fields < 4 ? "the file is cut short inside its last record?" : "a broken GO")")
        }
        if let f = recordTextFault(doc, go) { return f }
        let count = doc.field(go, 1), volume = doc.field(go, 3)
        // マルチボリューム識別情報: 01… for each volume of a set, 99 for the last or only one (記録条件仕様 GO 項目 4).
        if !volume.isEmpty, !(volume.count == 2 && (1...99).contains(UKEFields.bounded(doc.bytes, volume, max: 99) ?? 0)) {
            return UKEError(file: doc.name, line: go + 1, field: 4, fieldName: "マルチボリューム識別情報",
                            reason: "\"\(UKEFields.printable(doc.bytes[volume]))\" is not a volume number 01–99 (99: the last or only volume): the GO is left as it is")
        }
        guard let stated = UKEFields.bounded(doc.bytes, count, max: 999_999) else {
            return UKEError(file: doc.name, line: go + 1, field: 2, fieldName: "総件数", reason: "\"\(UKEFields.printable(doc.bytes[count]))\" is not a count of at most 6 digits")
        }
        let total = doc.field(go, 2)
        if !total.isEmpty && UKEFields.bounded(doc.bytes, total, max: DomainLimit.maxFilePoints) == nil {
            let text = UKEFields.printable(doc.bytes[total])
            return UKEError(file: doc.name, line: go + 1, field: 3, fieldName: "総合計点数",
                            reason: "\"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\" is not a number of points of at most \(DomainLimit.maxFilePoints)")
        }
        guard stated != receipts, volume.isEmpty || UKEFields.printable(doc.bytes[volume]) == "99" else { return nil }
        // Receipts missing or added: which ones the stated 総合計点数 totals cannot be told, so it is not rewritten either (review 349
        // GO-3: "left as it is" was said of a GO whose total was rewritten).
        return UKEError(file: doc.name, line: go + 1, field: 2, fieldName: "総件数", reason: "\(stated) receipts stated, the file has \(receipts) (receipts missing or added?): the GO, its 総合計点数 too, is left as it is")
    }

    /// Whether line `l` has at least two UTF-8 3-byte sequences (E0–EF 80–BF 80–BF: kana and kanji in UTF-8) and is valid
    /// UTF-8 throughout — CP932 kanji and kana (a lead 81–9F/E0–FC, then 40–FC) almost never are.
    static func looksLikeUTF8Japanese(_ doc: UKEDocument, _ l: Int) -> Bool {
        let s = Int(doc.lineStart[l]), e = Int(doc.lineEnd[l])
        let b = doc.bytes[s..<e]
        var threes = 0, i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            if (0xE0...0xEF).contains(c), i + 2 < b.endIndex, (0x80...0xBF).contains(b[i + 1]), (0x80...0xBF).contains(b[i + 2]) { threes += 1; i += 3; continue }
            i += 1
        }
        return threes >= 2 && UTF8Check.isValid(b)
    }

    /// The line holding a CR that is not followed by LF (one pass with memchr); nil when every CR ends a record or is in
    /// the trailer after the last record.
    static func strayCR(_ doc: UKEDocument) -> Int? {
        let n = doc.bytes.count, lines = doc.lineCount
        guard lines > 0 else { return nil }
        return doc.bytes.withUnsafeBufferPointer { b -> Int? in
            guard let base = b.baseAddress else { return nil }
            var i = 0
            while i < n, let hit = memchr(base + i, 13, n - i) {
                let k = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if k + 1 < n && b[k + 1] != 10 {
                    // The last line starting at or before byte k.
                    var lo = 0, hi = lines - 1
                    while lo < hi {
                        let mid = (lo + hi + 1) / 2
                        if Int(doc.lineStart[mid]) <= k { lo = mid } else { hi = mid - 1 }
                    }
                    if Int(doc.lineStart[lo]) <= k && k < Int(doc.lineEnd[lo]) { return lo }
                }
                i = k + 1
            }
            return nil
        }
    }

    /// Whether line `l` holds a CR byte (lines are split on LF, and a CR LF's CR is not part of the line).
    static func holdsCR(_ doc: UKEDocument, _ l: Int) -> Bool {
        let s = Int(doc.lineStart[l]), e = Int(doc.lineEnd[l])
        return doc.bytes[s..<e].contains(13)
    }

    // MARK: field checks

    /// Why 4 digits are not a 医科 レセプト種別 of the 記録条件仕様 (別表 レセプト種別コード), nil when they are one:
    /// 1桁目 1 医科; 2桁目 1 医保, 2 公費単独, 3 後期高齢者, 4 退職者; 3桁目 1 単独 … 5 (公費の併用数 + 1; 公費単独: 公費の数,
    /// 1–4); 4桁目 0–9 (奇数 入院, 偶数 入院外; 1/2 本人, 3/4 未就学者, 5/6 家族, 7/8 高齢受給者一般・低所得, 9/0 高齢受給者7割),
    /// of which 公費単独 has 1/2 only and 後期高齢者 7/8 (一般・低所得) and 9/0 (7割) only. The 4桁目 says 入院 or not: a code
    /// outside the table would be read as one or the other for nothing (../shared/docs/domain-facts.md, レセプト種別).
    static func receiptKindFault(_ kind: ArraySlice<UInt8>) -> String? {
        guard kind.count == 4 else { return "is not 4 digits" }
        let at = kind.startIndex   // digits read in place: this runs on every receipt
        let d = (Int(kind[at]) - 48, Int(kind[at + 1]) - 48, Int(kind[at + 2]) - 48, Int(kind[at + 3]) - 48)
        guard d.0 == 1 else { return "is not a 医科 レセプト種別 (1桁目 \(d.0); 医科 is 1)" }
        guard (1...4).contains(d.1) else { return "has no 保険 of 2桁目 \(d.1) (1 医保, 2 公費単独, 3 後期高齢者, 4 退職者)" }
        let most = d.1 == 2 ? 4 : 5
        guard (1...most).contains(d.2) else { return "has no 併用 of 3桁目 \(d.2) (1…\(most))" }
        if d.1 == 2 && d.3 != 1 && d.3 != 2 { return "is 公費単独 with 4桁目 \(d.3) (1 入院, 2 入院外 only)" }
        if d.1 == 3 && d.3 != 0 && d.3 < 7 { return "is 後期高齢者 with 4桁目 \(d.3) (7/8 一般・低所得, 9/0 7割 only)" }
        return nil
    }

    /// Days of a month (Gregorian).
    static func days(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The service month of a receipt's RE, checked (診療年月, 項目 4), or the fault.
    static func serviceMonth(_ doc: UKEDocument, _ re: Int) -> Result<(year: Int, month: Int), UKEError> {
        let r = doc.field(re, 3)
        if let ym = UKEDate.yearMonth(doc.bytes[r]), DomainLimit.yearRange.contains(ym.year) { return .success(ym) }
        return .failure(UKEError(file: doc.name, line: re + 1, field: 4, fieldName: "診療年月",
                                 receipt: UKEFields.printable(doc.bytes[doc.field(re, 1)]),
                                 reason: "\"\(UKEFields.printable(doc.bytes[r]))\" is neither YYYYMM nor GYYMM"))
    }

    /// 2012-04 (as year × 12 + month): the 診療年月 from which SI/IY/TO state their 算定日情報 (記録条件仕様 医科, 平成24年4月診療分);
    /// an older file's records may leave every day blank (`UKEClaims` puts such a unit on the month's first day).
    static let daysRecordedFrom = 2012 * 12 + 4

    /// The RE dates `check` reads (0-based field, name, what an after-the-month date means), once (no array per receipt).
    static let datedREFields: [(Int, String, String)] = [(6, "生年月日", ""), (8, "入院年月日", ": the receipt bills days of a stay that had not begun")]

    /// The field faults of one receipt (`lines` from its RE): the first one found, or nil. Run by
    /// every reader before it reads the receipt, so that everything below takes checked values.
    /// `daysSumToTimes`: a record whose 算定日情報 do not add up to its 回数 is a fault (記録条件仕様); `santei
    /// aggregate`, which counts such a unit on its first day, reads it as it is.
    public static func check(_ doc: UKEDocument, _ lines: Range<Int>, fields: inout UKEFields, daysSumToTimes: Bool = true) -> UKEError? {
        guard !lines.isEmpty else { return nil }
        let re = lines.lowerBound
        let bytes = doc.bytes
        // The receipt number is read for a fault only (this runs on every receipt).
        var number: String { UKEFields.printable(bytes[doc.field(re, 1)]) }
        func fault(_ l: Int, _ f: Int, _ name: String, _ why: String) -> UKEError {
            // A '"' in the record: UKE has no quoting (記録条件仕様; domain-facts C.1), so a quoted comma shifts every field after it
            // (review 412 IZ-9 b: `"テ,スト"` was told as a 男女区分 of "スト").
            let quoted = bytes[Int(doc.lineStart[l])..<Int(doc.lineEnd[l])].contains(UInt8(ascii: "\""))
            var e = UKEError(file: doc.name, line: l + 1, field: f + 1, fieldName: name, receipt: number,
                             reason: quoted ? why + " (the record holds a '\"': UKE fields have no quoting, so a comma inside one shifts the fields after it)" : why)
            // A record other than the RE the message names first (SI, IY, TO, HO, KO, SY, CO …) is named with its field.
            let id = doc.field(l, 0)
            if !bytes[id].elementsEqual("RE".utf8) { e.record = String(decoding: bytes[id], as: UTF8.self) }
            return e
        }
        func text(_ r: Range<Int>) -> String { UKEFields.printable(bytes[r]) }
        func isCode(_ r: Range<Int>, _ n: Int) -> Bool { UKEStructure.isCode(r, n, in: bytes) }
        func untrusted(_ e: UKEError) -> UKEError { var e = e; e.totalUntrusted = true; return e }
        // RE: レセプト種別 (4 digits), 診療年月.
        // RE has 38 項目 (記録条件仕様, H30-04〜); more were not written by the layout.
        if filledFields(doc, re) > 38 {
            return UKEError(file: doc.name, line: re + 1, receipt: number, reason: "RE record has \(filledFields(doc, re)) 項目; the 記録条件仕様 gives it 38")
        }
        // 男女区分 (項目 6): 1 男, 2 女, as the JSON door's patient.sex (review 124: 3 was read by uke recalc and audit).
        let sex = doc.field(re, 5)
        if !sex.isEmpty && !(sex.count == 1 && (bytes[sex.lowerBound] == UInt8(ascii: "1") || bytes[sex.lowerBound] == UInt8(ascii: "2"))) {
            return fault(re, 5, "男女区分", "\"\(text(sex))\" is not 1 (男) or 2 (女)")
        }
        let kind = doc.field(re, 2)
        guard kind.count == 4, bytes[kind].allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return fault(re, 2, "レセプト種別", "\"\(text(kind))\" is not 4 digits")
        }
        if let why = receiptKindFault(bytes[kind]) { return fault(re, 2, "レセプト種別", "\"\(text(kind))\" \(why)") }
        let year: Int, month: Int
        switch serviceMonth(doc, re) {
        case .success(let ym): (year, month) = ym
        case .failure(let e): return e
        }
        let monthDays = days(year, month)
        // RE 生年月日 (項目 7) and 入院年月日 (項目 9, blank on 入院外 receipts): when stated, a date (西暦 YYYYMMDD or 和暦
        // GYYMMDD) not after the 診療年月 — read alike by every door (review 152 W-2: audit refused "19910231" while uke recalc
        // and revalue read the receipt); a stay the receipt bills began in its 診療年月 or before.
        for (f, name, after) in datedREFields {
            let stated = doc.field(re, f)
            // 生年月日 is a required 項目 of RE (記録条件仕様); 入院年月日 is blank on an 入院外 receipt (review 218 BM-2: a blank
            // 生年月日 was a fault in `audit` only).
            if stated.isEmpty {
                if f == 6 { return fault(re, f, name, "is blank: the 記録条件仕様 requires it") }
                continue
            }
            guard let d = UKEDate.date(bytes[stated]) else { return fault(re, f, name, "\"\(text(stated))\" is not a date (YYYYMMDD, or GYYMMDD of 元号 1–5)") }
            if d.year * 12 + d.month > year * 12 + month {
                return fault(re, f, name, "\(d) is after the 診療年月 \(year)-\(month < 10 ? "0" : "")\(month)" + after)
            }
        }
        var statedSum = 0
        var sawItem = false
        // 記録条件仕様: RE, then the HO (医保) and the KO (one per 公費, 第1〜第4) before the receipt's other records; the
        // レセプト種別 says how many (review 122: a KO before its HO, a KO without HO, a KO twice were read as they came and
        // GO lost a receipt's 合計点数).
        var hoCount = 0, koCount = 0, sawBody = false
        // レセプト種別 (checked above): 2桁目 2 公費単独 has no HO and 3桁目 KO; otherwise one HO and 3桁目 − 1 KO. Their number
        // is final when the receipt's other records begin (HO and KO come first).
        let publicOnly = bytes[kind.lowerBound + 1] == UInt8(ascii: "2")
        let programs = Int(bytes[kind.lowerBound + 2]) - 48
        let wantHO = publicOnly ? 0 : 1, wantKO = publicOnly ? programs : programs - 1
        func countFault() -> UKEError? {
            guard hoCount != wantHO || koCount != wantKO else { return nil }
            // Without the HO it should have, the receipt's total would be read from a KO: not the receipt's.
            let e = fault(re, 2, "レセプト種別", "\(text(kind)) gives \(wantHO) HO and \(wantKO) KO; the receipt has \(hoCount) HO and \(koCount) KO")
            return hoCount != wantHO ? untrusted(e) : e
        }
        // The payers the receipt has (bit 0 医保, bits 1–4 第1〜第4公費): those a 負担区分 may name. A 負担区分 naming another
        // is reported after the receipt's HO/KO order and number (an HO after the records names its own fault).
        var present: UInt8 = 0
        var burdenFault: UKEError?
        // Every byte of the receipt's records is CP932 text (review 388 IB-1, IB-2: 81 FF in a name and a NUL in a SY record passed).
        if let bad = textFault(doc, lines) {
            var f = 0
            for i in Int(doc.lineStart[bad.line])..<(Int(doc.lineStart[bad.line]) + bad.offset) where bytes[i] == UInt8(ascii: ",") { f += 1 }
            return fault(bad.line, f, UKEFieldNames.label(bytes[doc.field(bad.line, 0)], f), bad.what)
        }
        for l in lines {
            let id = doc.recordID(l)
            if l != re {
                if id == HO || id == KO {
                    if sawBody {
                        return UKEError(file: doc.name, line: l + 1, receipt: number, reason: "\(idText(doc, l)) record after the receipt's other records: HO and KO come right after RE (記録条件仕様: RE, HO, KO…)")
                    }
                    if id == HO && (hoCount > 0 || koCount > 0) {
                        return UKEError(file: doc.name, line: l + 1, receipt: number, reason: hoCount > 0 ? "a second HO record in one receipt" : "HO record after a KO: the HO comes first (記録条件仕様: RE, HO, KO…)")
                    }
                    if id == HO { hoCount += 1 } else { koCount += 1 }
                } else if !sawBody {
                    sawBody = true
                    present = UInt8(min(hoCount, 1)) | UInt8(((1 << min(koCount, 4)) - 1) << 1)
                }
            }
            // A field's size (limits.md: free text 1,024 bytes; SJ 症状詳記データ ≤ 2,400 bytes, 記録条件仕様): only a
            // record longer than that can hold such a field, so only those are split here.
            if Int(doc.lineEnd[l] - doc.lineStart[l]) > DomainLimit.maxTextBytes {
                // One pass over the line (a field look-up per 項目 was quadratic in their number; review 158 D1).
                var f = 0, start = Int(doc.lineStart[l])
                let end = Int(doc.lineEnd[l])
                for i in start...end where i == end || doc.bytes[i] == UInt8(ascii: ",") {
                    let size = i - start
                    let limit = id == SJ && f == 2 ? 2_400 : DomainLimit.maxTextBytes
                    if size > limit { return fault(l, f, UKEFieldNames.label(bytes[doc.field(l, 0)], f), "\(size) bytes, over the limit of \(limit) bytes of a UKE field") }
                    f += 1; start = i + 1
                }
            }
            switch id {
            case HO, KO:
                fields.load(doc, l)
                // HO has 15 項目, KO 12 (記録条件仕様; trailing empty ones may be left off), up to 合計点数 (項目 6) at least.
                let most = id == HO ? 15 : 12
                if fields.count < 6 || filledFields(doc, l) > most {
                    return untrusted(UKEError(file: doc.name, line: l + 1, receipt: number,
                                    reason: "\(idText(doc, l)) record has \(fields.count < 6 ? fields.count : filledFields(doc, l)) 項目; the 記録条件仕様 gives it \(most) (at least up to 項目 6 合計点数)"))
                }
                // 診療実日数 (項目 5): days of one month (review 122: an HO without its 記号 moved the 合計点数 there).
                let days = fields.range(4)
                if !days.isEmpty && UKEFields.bounded(bytes, days, max: 31) == nil {
                    return untrusted(fault(l, 4, "診療実日数", "\"\(text(days))\" is not a number of days of a month (0…31): is a field missing or added before it?"))
                }
                let r = fields.range(5)
                if !r.isEmpty {
                    guard let v = UKEFields.bounded(bytes, r, max: DomainLimit.maxReceiptPoints) else {
                        return fault(l, 5, "合計点数", "\"\(text(r))\" is not a number of at most \(DomainLimit.maxReceiptPoints) points")
                    }
                    _ = v
                }
                // 食事療養・生活療養 回数 and 合計金額 (yen): HO 項目 8・9, KO 項目 11・12.
                let meals = id == HO ? 7 : 10
                let count = fields.range(meals), yen = fields.range(meals + 1)
                if !count.isEmpty && UKEFields.bounded(bytes, count, max: DomainLimit.maxReceiptMeals) == nil {
                    return fault(l, meals, "食事療養・生活療養 回数", "\"\(text(count))\" is not a number of at most \(DomainLimit.maxReceiptMeals) meals")
                }
                if !yen.isEmpty && UKEFields.bounded(bytes, yen, max: DomainLimit.maxReceiptMealYen) == nil {
                    return fault(l, meals + 1, "食事療養・生活療養 合計金額", "\"\(text(yen))\" is not a number of at most \(DomainLimit.maxReceiptMealYen) yen")
                }
            case SY:
                fields.load(doc, l)
                if filledFields(doc, l) > 8 {
                    return UKEError(file: doc.name, line: l + 1, receipt: number, reason: "SY record has \(filledFields(doc, l)) 項目; the 記録条件仕様 gives it 8")
                }
                let code = fields.range(1)
                guard isCode(code, DomainLimit.diseaseCodeLength) else {
                    return fault(l, 1, "傷病名コード", "\"\(text(code))\" is not a 7-digit code")
                }
                // 診療開始日 (項目3): a real date, 西暦 YYYYMMDD or 和暦 GYYMMDD (limits.md "dates"); the audit reads it (SA-D006,
                // SA-D007) — review 152 BUG-1: "20211301" was read as no date and switched SA-D007 off without a word.
                let start = fields.range(2)
                if !start.isEmpty && UKEDate.date(bytes[start]) == nil {
                    return fault(l, 2, "診療開始日", "\"\(text(start))\" is not a date (YYYYMMDD or GYYMMDD)")
                }
                let modifiers = fields.range(4)
                guard modifiers.count % DomainLimit.modifierCodeLength == 0, modifiers.count <= 20 * DomainLimit.modifierCodeLength,
                      bytes[modifiers].allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                    return fault(l, 4, "修飾語コード", "\"\(text(modifiers))\" is not up to 20 codes of 4 digits")
                }
            case SI, IY, TO, CO:
                fields.load(doc, l)
                // 記録条件仕様: SI and IY have 44 項目, TO 48, CO 5; a record cut short of its 回数 (項目 7) or longer than
                // its layout was not written by the layout (a shifted field would be read as another).
                if id != CO {
                    let most = id == TO ? 48 : 44
                    if fields.count < 7 || fields.count > most {
                        return UKEError(file: doc.name, line: l + 1, receipt: number,
                                        reason: "\(idText(doc, l)) record has \(fields.count) 項目; the 記録条件仕様 gives it \(most) (at least up to 項目 7 回数)")
                    }
                    sawItem = true
                } else if filledFields(doc, l) > 5 {
                    return UKEError(file: doc.name, line: l + 1, receipt: number, reason: "CO record has \(filledFields(doc, l)) 項目; the 記録条件仕様 gives it 5")
                }
                let cat = fields.range(1)
                if !cat.isEmpty && (cat.count != 2 || UKEFields.bounded(bytes, cat, max: 99) == nil) {
                    return fault(l, 1, "診療識別", "\"\(text(cat))\" is not a 2-digit 診療識別")
                }
                // A code the 別表「診療識別コード」 lists (01 全体 on a CO record only), as the JSON door asks of `category`
                // (review 218 BM-1: SI 診療識別 15, 0, 5 were re-priced).
                if !cat.isEmpty, let c = UKEFields.bounded(bytes, cat, max: 99) {
                    if !ServiceCategory.knownByValue[c] || (id != CO && c < 11) {
                        return fault(l, 1, "診療識別", "\(text(cat)) is not a 診療識別 of the 別表 (11 初診, 12 再診, 13 医学管理 … 80 その他, 90, 92, 97, 99\(id == CO ? "; 01 全体 on a CO record" : ""))")
                    }
                }
                let burden = fields.range(2)
                if !burden.isEmpty && (burden.count != 1 || BurdenClass.payers(bytes[burden.lowerBound]) == nil) {
                    return fault(l, 2, "負担区分", "\"\(text(burden))\" is not a 負担区分 code")
                }
                // A blank 負担区分 is the receipt's one payer; on a receipt of more than one it names none (review 386 HZ-2).
                if burdenFault == nil, id != CO, burden.isEmpty, BurdenClass.blank(kind: bytes[kind]) == nil {
                    burdenFault = fault(l, 2, "負担区分", "blank, but receipt \(number) (レセプト種別 \(text(kind))) has more than one payer: each SI/IY/TO line names its payers (別表 負担区分コード: 1 医保, 2 医保＋第1公費, 5 第1公費のみ …)")
                }
                // A 負担区分 names only payers the receipt has (review 124 B8: 5 第1公費のみ on a receipt without KO was read, and
                // the HO 合計点数 rewritten without those points).
                if burdenFault == nil, id != CO, !burden.isEmpty, let mask = BurdenClass.payers(bytes[burden.lowerBound]), mask & ~present != 0 {
                    let bit = (0..<5).first { mask & ~present & (1 << $0) != 0 }!
                    let payer = bit == 0 ? "医療保険 (HO)" : "第\(bit)公費 (KO)"
                    burdenFault = fault(l, 2, "負担区分", "\"\(text(burden))\" names \(payer), which receipt \(number) (レセプト種別 \(text(kind))) does not have")
                }
                if id == CO {
                    let comment = fields.range(3)
                    if !comment.isEmpty && !isCode(comment, 9) { return fault(l, 3, "コメントコード", "\"\(text(comment))\" is not a 9-digit code") }
                    continue
                }
                let firstComment = id == TO ? 11 : 7
                for c in 0..<3 {
                    let comment = fields.range(firstComment + 2 * c)
                    if !comment.isEmpty && !isCode(comment, 9) {
                        return fault(l, firstComment + 2 * c, "コメントコード", "\"\(text(comment))\" is not a 9-digit code")
                    }
                }
                let code = fields.range(3)
                guard code.count == DomainLimit.itemCodeLength, bytes[code].allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                    return fault(l, 3, id == SI ? "診療行為コード" : id == IY ? "医薬品コード" : "特定器材コード", "\"\(text(code))\" is not a 9-digit code")
                }
                let q = fields.range(4)
                // A drug is priced from its 使用量 (F200, G100 …: 薬価 × 使用量): a blank or 0 使用量 on an IY record is no drug
                // given, and would still price 1点 (15円以下 1点) — a fault, as the JSON door refuses it (review 371 HK-1).
                if id == IY && (q.isEmpty || UKEFields.quantity(bytes, q, integerOnly: false) == .value(0)) {
                    return fault(l, 4, "使用量", q.isEmpty ? "blank: a drug (医薬品) is priced from its 使用量 (薬価 × 使用量)"
                                                            : "\"\(text(q))\" is 0: a drug (医薬品) is priced from its 使用量 and 0 gives none — leave a drug not given out of the unit")
                }
                if !q.isEmpty {
                    switch UKEFields.quantity(bytes, q, integerOnly: id == SI) {
                    case .outOfRange:
                        return fault(l, 4, id == SI ? "数量データ" : "使用量",
                                     "\"\(text(q))\" is over the limit (\(DomainLimit.maxQuantityScaled / UnitItem.quantityScale) with 5 decimals)")
                    case .malformed:
                        return fault(l, 4, id == SI ? "数量データ" : "使用量",
                                     id == SI ? "\"\(text(q))\" is not a whole number (数量データ: 数字 8桁)" : "\"\(text(q))\" is not a number of at most 5 decimals (使用量: 整数部5桁, 小数部5桁)")
                    default:
                        // IY/TO 使用量 is 整数部5桁 (記録条件仕様): 100000 and more is a fault, not a quantity the JSON limit still
                        // holds (review 366 HF-3).
                        if id != SI {
                            let integer = bytes[q].prefix { $0 != UInt8(ascii: ".") }.drop { $0 == UInt8(ascii: "0") }
                            if integer.count > 5 {
                                return fault(l, 4, "使用量", "\"\(text(q))\" has more than 5 integer digits (使用量: 整数部5桁, 小数部5桁)")
                            }
                        }
                    }
                }
                let p = fields.range(5)
                if !p.isEmpty && UKEFields.bounded(bytes, p, max: DomainLimit.maxUnitPoints) == nil {
                    // On a 食事療養・生活療養 unit (診療識別 97) the field holds yen: the message names both (review 317 FH-3).
                    return fault(l, 5, "点数", "\"\(text(p))\" is not a whole number of at most \(DomainLimit.maxUnitPoints) (points; yen on a 食事・生活療養 unit, 診療識別 97)")
                }
                let t = fields.range(6)
                var times = 1
                if !t.isEmpty {
                    guard let v = UKEFields.bounded(bytes, t, max: Int.max >> 1), DomainLimit.timesRange.contains(v) else {
                        return fault(l, 6, "回数", "\"\(text(t))\" is not a 回数 (\(DomainLimit.timesRange.lowerBound)…\(DomainLimit.timesRange.upperBound))")
                    }
                    times = v
                }
                // Stated 点数 × 回数 (both bounded above: the product fits) and their sum stay within the
                // 8-digit 合計点数 a receipt can state.
                if let points = UKEFields.bounded(bytes, p, max: DomainLimit.maxUnitPoints) {
                    let amount = points * times
                    guard amount <= DomainLimit.maxReceiptPoints else {
                        return fault(l, 5, "点数", "\(points) × 回数 \(times) passes the 合計点数 limit (\(DomainLimit.maxReceiptPoints) points)")
                    }
                    statedSum += amount
                    guard statedSum <= DomainLimit.maxReceiptPoints else {
                        return UKEError(file: doc.name, line: l + 1, receipt: number,
                                        reason: "the stated 点数 × 回数 of the receipt add up to more than \(DomainLimit.maxReceiptPoints) points")
                    }
                }
                let firstDay = id == TO ? 17 : 13
                var daySum = 0
                for d in 0..<31 {
                    let r = fields.range(firstDay + d)
                    if r.isEmpty { continue }
                    guard let count = UKEFields.bounded(bytes, r, max: DomainLimit.timesRange.upperBound) else {
                        return fault(l, firstDay + d, "算定日情報 \(d + 1)日", "\"\(text(r))\" is not a count of at most \(DomainLimit.timesRange.upperBound)")
                    }
                    if count > 0 && d + 1 > monthDays {
                        return fault(l, firstDay + d, "算定日情報 \(d + 1)日", "算定日 \(d + 1) is not a day of \(year)-\(month < 10 ? "0" : "")\(month)")
                    }
                    daySum += count
                }
                // 記録条件仕様 (SI/IY/TO 回数): the 回数 is the sum of the 算定日情報 of the record. A record that states
                // its days and a different 回数 (or none) would be priced on a count its days contradict; from 2012-04 (the
                // 算定日情報 recorded since 平成24年4月診療分) one with a 回数 and no day at all would be priced on a day the file
                // never states (review 361 HA-3).
                if daysSumToTimes && (daySum > 0 || year * 12 + month >= Self.daysRecordedFrom) && daySum != times {
                    // Both blank (review 396 IJ-1: "blank, but the 算定日情報 count 0" read as a contradiction): every record of a
                    // 算定単位 states them, a continuation record too.
                    return fault(l, 6, "回数", t.isEmpty && daySum == 0
                                 ? "blank, and so is every 算定日情報: each record of a 算定単位, a continuation record too, states its 回数 and its 算定日 (記録条件仕様)"
                                 : t.isEmpty
                                 ? "blank, but the 算定日情報 count \(daySum) (the 回数 is the sum of the 算定日情報)"
                                 : "\(times) is not the sum of the 算定日情報 (\(daySum))")
                }
            default:
                continue
            }
        }
        // A receipt states what was done (記録条件仕様: SI 診療行為, IY 医薬品, TO 特定器材): one with none of them cannot
        // be re-priced, and would be rewritten with a 合計点数 of 0.
        if !sawItem {
            return UKEError(file: doc.name, line: re + 1, receipt: number, reason: "the receipt has no SI, IY or TO record (診療行為・医薬品・特定器材): nothing to price")
        }
        return countFault() ?? burdenFault
    }

    static let SY = UKEDocument.id("SY")

    /// A fault of the text of one record outside the receipts (IR, GO): the first byte that is no CP932 text, named by its 項目.
    static func recordTextFault(_ doc: UKEDocument, _ l: Int) -> UKEError? {
        guard let bad = textFault(doc, l..<(l + 1)) else { return nil }
        var f = 0
        for i in Int(doc.lineStart[l])..<(Int(doc.lineStart[l]) + bad.offset) where doc.bytes[i] == UInt8(ascii: ",") { f += 1 }
        return UKEError(file: doc.name, line: l + 1, field: f + 1, fieldName: UKEFieldNames.label(doc.bytes[doc.field(l, 0)], f), reason: bad.what)
    }

    /// The first byte of the receipt's records (`lines`) that is no CP932 text, with its line and its offset in the line, or nil
    /// (one pass over the receipt, not a closure per record). A RECEIPTC.UKE holds JIS X 0201
    /// (ASCII 0x20–0x7E, 半角カナ 0xA1–0xDF) and JIS X 0208 characters in Shift_JIS (CP932) bytes — a lead byte 0x81–0x9F or
    /// 0xE0–0xFC and a trail byte 0x40–0x7E or 0x80–0xFC — and no control byte; CR LF ends the record (記録条件仕様 医科
    /// 「記録形式」「文字コード」). Eight bytes at a time while none is ≥ 0x80 or < 0x20 (the common record), then by character.
    static func textFault(_ doc: UKEDocument, _ lines: Range<Int>) -> (line: Int, offset: Int, what: String)? {
        doc.lineStart.withUnsafeBufferPointer { starts -> (line: Int, offset: Int, what: String)? in
            doc.lineEnd.withUnsafeBufferPointer { ends -> (line: Int, offset: Int, what: String)? in
                doc.bytes.withUnsafeBufferPointer { b -> (line: Int, offset: Int, what: String)? in
                    for l in lines {
                        if let bad = textFault(b, Int(starts[l]), Int(ends[l])) { return (l, bad.offset, bad.what) }
                    }
                    return nil
                }
            }
        }
    }

    /// `textFault` of the bytes `s..<e` of one record.
    @inline(__always)
    static func textFault(_ b: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (offset: Int, what: String)? {
        guard let base = b.baseAddress else { return nil }
        var i = s
        while i < e {
            while i + 8 <= e {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // A byte ≥ 0x80, or one < 0x20 (the classic "has a byte less than n" test; a false hit only takes the slow step).
                if (w | ((w &- 0x2020_2020_2020_2020) & ~w)) & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < e else { break }
            let c = b[i]
            func hex(_ x: UInt8) -> String { "0x" + String(x, radix: 16, uppercase: true) }
            switch c {
            case 0x20...0x7E, 0xA1...0xDF:
                i += 1
            case 0x81...0x9F, 0xE0...0xFC:
                guard i + 1 < e, case let t = b[i + 1], (0x40...0x7E).contains(t) || (0x80...0xFC).contains(t) else {
                    let next = i + 1 < e ? " \(hex(b[i + 1]))" : " at the end of the record"
                    return (i - s, "bytes \(hex(c))\(next) at byte \(i - s + 1) of the record are no CP932 character (記録条件仕様: JIS X 0208 and JIS X 0201 characters in Shift_JIS; was the file saved in another encoding?)")
                }
                // The user-defined area (外字, F040–F9FC) is no character another system can read (記録条件仕様: 外字は使用しない; review
                // 412 IZ-6). The NEC and IBM extensions (87xx, EDxx–EExx, FAxx–FCxx: ①, 髙) are CP932 characters and pass.
                if (0xF0...0xF9).contains(c) {
                    return (i - s, "bytes \(hex(c)) \(hex(b[i + 1])) at byte \(i - s + 1) of the record are a 外字 (user-defined character, F040–F9FC): the 記録条件仕様 allows none — write the character another way")
                }
                i += 2
            case 0x00..<0x20, 0x7F:
                return (i - s, "control byte \(hex(c)) at byte \(i - s + 1) of the record (記録条件仕様: a record holds characters only; CR LF ends it)")
            default:
                return (i - s, "byte \(hex(c)) at byte \(i - s + 1) of the record is no CP932 character (記録条件仕様: JIS X 0208 and JIS X 0201 characters in Shift_JIS; was the file saved in another encoding?)")
            }
        }
        return nil
    }

    /// A record's fields up to its last non-empty one: trailing empty fields (a writer's trailing comma) are no 項目 past
    /// the layout. One pass back over the line's trailing commas (asking `field` per 項目 was quadratic — a record of
    /// 3,000,000 empty 項目 held every UKE command for an hour; review 158 D1).
    static func filledFields(_ doc: UKEDocument, _ l: Int) -> Int {
        var n = doc.fieldCount(l)
        let start = Int(doc.lineStart[l])
        var i = Int(doc.lineEnd[l])
        while n > 1 && i > start && doc.bytes[i - 1] == UInt8(ascii: ",") { n -= 1; i -= 1 }
        return n == 1 && i == start ? 0 : n
    }

    /// Exactly `n` ASCII digits.
    static func isCode(_ r: Range<Int>, _ n: Int, in bytes: [UInt8]) -> Bool {
        r.count == n && bytes[r].allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// The 合計点数 a receipt states (HO's, else the first KO's): what a receipt left as it is contributes to the
    /// GO 総合計点数. Nil when neither record is there or that field is not a number within its limit (the receipt's
    /// total is then unknown: the GO cannot be recomputed from it).
    static func statedTotal(_ doc: UKEDocument, _ lines: Range<Int>) -> Int? {
        var firstKO: Int??
        for l in lines {
            let id = doc.recordID(l)
            if id == HO { return UKEFields.bounded(doc.bytes, doc.field(l, 5), max: DomainLimit.maxReceiptPoints) }
            if id == KO && firstKO == nil { firstKO = .some(UKEFields.bounded(doc.bytes, doc.field(l, 5), max: DomainLimit.maxReceiptPoints)) }
        }
        // Neither HO nor KO (a 1212 公費単独 receipt without its KO): the receipt's 合計点数 is not stated, so the file's is not
        // known — not 0 (review 412 IZ-1: the GO lost the receipt's 312点 and was rewritten 624 for 936).
        return firstKO ?? nil
    }

    /// The receipt whose RE is `line`, by binary search.
    func receipt(startingAt line: Int) -> Receipt? {
        var lo = 0, hi = receipts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if receipts[mid].lines.lowerBound < line { lo = mid + 1 } else { hi = mid }
        }
        return lo < receipts.count && receipts[lo].lines.lowerBound == line ? receipts[lo] : nil
    }
}
