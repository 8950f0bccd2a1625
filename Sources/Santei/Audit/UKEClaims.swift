/// Turns the receipts of a 医科 RECEIPTC.UKE into claims for the audit (記録条件仕様 医科; domain-facts C.3-C.8):
/// RE gives the patient (男女区分, 生年月日, カルテ番号等 as `patient.id`), 入院 (レセプト種別 4桁目 odd) and
/// 後期高齢者 (2桁目 3); SY the 傷病名 (code, 修飾語 in 4-digit groups, 診療開始日, 転帰区分, 主傷病 "01", name of 0000999);
/// SI/IY/TO 算定単位 become one order per 算定日 (1日〜31日) with that day's count as 回数 (a file without 算定日:
/// one order on the 1st with the stated 回数) — a unit ends at the
/// record that states 点数 (kept as the orders' `statedPoints`), or where a record states a new 診療識別; CO records and the comment fields of
/// SI/IY/TO go with the unit they follow.
public enum UKEClaims {
    public struct Entry: Sendable {
        /// 1-based line of the RE record.
        public var line: Int
        public var claim: Result<Claim, ClaimError>
    }

    static let SI = UKEDocument.id("SI"), IY = UKEDocument.id("IY"), TO = UKEDocument.id("TO"), CO = UKEDocument.id("CO")
    static let RE = UKEDocument.id("RE"), SY = UKEDocument.id("SY"), GO = UKEDocument.id("GO")
    static let HO = UKEDocument.id("HO"), KO = UKEDocument.id("KO")

    /// `masters`: where no 点数 marks the units' ends, a record that cannot stand alone (a ％加算・減算, a 注加算, a まるめ 検体検査)
    /// continues the unit it repeats, as `uke recalc` reads it (`UKERecalc.joinsOpenUnit`); without masters it starts its own.
    public static func claims(_ doc: UKEDocument, masters: MasterSet? = nil) -> [Entry] {
        receipts(doc).map { entry(doc, $0, masters: masters) }
    }

    /// The line ranges of every receipt of the file (RE up to the next RE, IR or GO), those at fault
    /// included (their `entry` is the error), for converting them in parallel. Empty when the file
    /// itself is at fault: see `errors`.
    public static func receipts(_ doc: UKEDocument) -> [Range<Int>] {
        doc.structure.receipts.map(\.lines)
    }

    /// Faults that are not one receipt's (`UKEStructure`): the whole file refused, or records outside
    /// any receipt. Each is one error line of the audit (with `UKEError.line`); the command exits 1.
    /// The GO's own faults (総件数 against the receipts, 総合計点数 not a number) are file faults here too, as
    /// `uke recalc` reports them (review 89).
    public static func errors(_ doc: UKEDocument) -> [UKEError] {
        let structure = doc.structure
        guard structure.fileError == nil, let go = structure.goLine,
              let e = UKEStructure.goCountFault(doc, goLine: go, receipts: structure.receipts.lazy.filter { $0.place == .body }.count) else { return structure.errors }
        return (structure.errors + [e]).sorted { $0.line < $1.line }
    }

    /// One receipt as a claim, or the error that stops it (a structural or field fault found at the
    /// door — `UKEStructure` — names its line and field).
    public static func entry(_ doc: UKEDocument, _ lines: Range<Int>, masters: MasterSet? = nil) -> Entry {
        var fields = UKEFields()
        if let fault = doc.structure.receipt(startingAt: lines.lowerBound)?.fault ?? UKEStructure.check(doc, lines, fields: &fields) {
            return Entry(line: lines.lowerBound + 1, claim: .failure(ClaimError(message: fault.message)))
        }
        do throws(ClaimError) { return Entry(line: lines.lowerBound + 1, claim: .success(try claim(doc, from: lines.lowerBound, to: lines.upperBound, masters: masters))) }
        catch { return Entry(line: lines.lowerBound + 1, claim: .failure(error)) }
    }

    static func text(_ doc: UKEDocument, _ l: Int, _ f: Int) -> String { text(doc, doc.field(l, f)) }

    static func text(_ doc: UKEDocument, _ range: Range<Int>) -> String {
        let bytes = Array(doc.bytes[range])
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return (try? CP932.decode(bytes)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// The receipt's stated 合計点数 (SA-P003): the HO's (項目6) and each KO's (項目6; 第1〜第4公費 in the receipt's order), each with
    /// the sum of the units' stated 点数 × 回数 that count in it — as `uke recalc` reads a unit: 点数 and 回数 of the record that states
    /// 点数, its 負担区分 (項目2, blank: the receipt's one payer; 別表 負担区分コード) naming the payer, the 診療識別 of the unit's first
    /// record (97, in yen, left out). `points` nil when the field is blank (one that is not a number is the door's fault); `units`
    /// nil when the sum overflows (review 385 HY-4, 386 HZ-1: the KO of a 医保＋公費 receipt and both KO of a 公費単独 receipt of
    /// two were not compared, while `uke recalc --check` told them).
    /// With them, for SA-P004 (review 423 JL-1), each payer's days: those on which a record charged to it counts in its 算定日情報
    /// (項目14–44 of SI/IY, 18–48 of TO), and the SI records with their days and payers.
    static func statedTotals(_ doc: UKEDocument, _ lines: Range<Int>) -> ([Claim.StatedTotal], [Claim.DayRow]) {
        var records: [(line: Int, bit: Int)] = []
        var sums: [Int?] = Array(repeating: 0, count: 5)
        var dayMasks = [UInt32](repeating: 0, count: 5), daysKnown = true
        var dayRows: [Claim.DayRow] = []
        var category = 0
        let bytes = doc.bytes
        // A blank 負担区分 is the receipt's one payer (`BurdenClass.blank`; the door refuses it on a 併用 receipt).
        let blank = lines.isEmpty ? 1 : BurdenClass.blank(kind: bytes[doc.field(lines.lowerBound, 2)]) ?? 1
        var hasHO = false, koCount = 0
        for l in lines {
            let id = doc.recordID(l)
            if id == HO, !hasHO { hasHO = true; records.append((l, 0)) }
            else if id == KO { koCount += 1; if koCount <= 4 { records.append((l, koCount)) } }
            else if id == SI || id == IY || id == TO {
                if let c = UKEFields.integer(bytes, doc.field(l, 1)) { category = c }
                let burden = doc.field(l, 2)
                let bits = burden.isEmpty ? blank : (BurdenClass.payers(bytes[burden.lowerBound]) ?? 1)
                // The record's days, from its 算定日情報 in one pass over the line.
                let firstDay = id == TO ? 17 : 13
                var mask: UInt32 = 0, f = 0, fieldStart = Int(doc.lineStart[l])
                let end = Int(doc.lineEnd[l])
                for i in fieldStart...end where i == end || bytes[i] == UInt8(ascii: ",") {
                    if f >= firstDay && f < firstDay + 31 && i > fieldStart && !(i - fieldStart == 1 && bytes[fieldStart] == UInt8(ascii: "0")) {
                        mask |= 1 << UInt32(f - firstDay)
                    }
                    f += 1; fieldStart = i + 1
                    if f >= firstDay + 31 { break }
                }
                if mask == 0 { daysKnown = false }
                for bit in 0..<5 where bits & (1 << bit) != 0 { dayMasks[bit] |= mask }
                if id == SI, let code = UKEFields.integer(bytes, doc.field(l, 3)) { dayRows.append(Claim.DayRow(code: UInt64(code), days: mask, payers: UInt8(bits & 0x1F))) }
                guard category != 97, let p = UKEFields.integer(bytes, doc.field(l, 5)) else { continue }
                let t = Checked.mul(p, UKEFields.integer(bytes, doc.field(l, 6)) ?? 1)
                for bit in 0..<5 where bits & (1 << bit) != 0 { sums[bit] = sums[bit].flatMap { s in t.flatMap { Checked.add(s, $0) } } }
            }
        }
        let totals = records.compactMap { r -> Claim.StatedTotal? in
            let field = doc.field(r.line, 5)
            // A blank 合計点数 is kept as nil (SA-P003 names it); one that is not a number is the door's fault and never reaches here.
            let points: Int? = field.isEmpty ? nil : UKEFields.integer(bytes, field)
            guard field.isEmpty || points != nil else { return nil }
            return Claim.StatedTotal(record: r.bit == 0 ? "HO" : "KO\(r.bit)", line: r.line + 1, points: points, units: sums[r.bit],
                                     statedDays: UKEFields.integer(bytes, doc.field(r.line, 4)), dayMask: daysKnown ? dayMasks[r.bit] : 0)
        }
        return (totals, daysKnown ? dayRows : [])
    }

    /// 生年月日・診療開始日: 西暦 YYYYMMDD or 和暦 GYYMMDD.
    static func date(_ s: String) -> ServiceDate? { UKEDate.date(s.utf8) }

    static func claim(_ doc: UKEDocument, from start: Int, to end: Int, masters: MasterSet? = nil) throws(ClaimError) -> Claim {
        let number = text(doc, start, 1)
        // レセプト種別 is 4 digits (checked at the door).
        let kind = Array(text(doc, start, 2).utf8)
        guard let (year, month) = UKEDate.yearMonth(doc.bytes[doc.field(start, 3)]) else {
            throw ClaimError(message: "RE line \(start + 1): 診療年月 \"\(text(doc, start, 3))\" is neither YYYYMM nor GYYMM")
        }
        guard let birth = date(text(doc, start, 6)) else {
            throw ClaimError(message: "RE line \(start + 1): 生年月日 \"\(text(doc, start, 6))\" is not a date (YYYYMMDD, or GYYMMDD of 元号 1–5)")
        }
        // As for a JSON claim (docs/limits.md): a year of 1868 … 9999, and not after the service (here: the 診療年月's last day).
        guard DomainLimit.yearRange.contains(birth.year) else {
            throw ClaimError(message: "RE line \(start + 1): 生年月日 \"\(text(doc, start, 6))\" is not in the years \(DomainLimit.yearRange.lowerBound)…\(DomainLimit.yearRange.upperBound)")
        }
        if let last = ServiceDate(year: year, month: month, day: UKEStructure.days(year, month)), birth > last {
            throw ClaimError(message: "RE line \(start + 1) (receipt \(number)): 生年月日 \(birth) is after the 診療年月 \(year)-\(month < 10 ? "0" : "")\(month)")
        }
        let sex = text(doc, start, 5)
        let karte = text(doc, start, 13)
        let patientID = karte.isEmpty ? "RE:" + String(XXH64.hash(Array(doc.bytes[doc.field(start, 4)])) ^ UInt64(birth.yyyymmdd), radix: 16) : karte
        let inpatient = kind.count == 4 && (kind[3] &- 48) % 2 == 1
        let lateElderly = kind.count == 4 && kind[1] == UInt8(ascii: "3")
        var claim = Claim(id: "RE \(number)", patient: Claim.Patient(birthDate: birth.description, sex: sex.isEmpty ? nil : sex, id: patientID,
                                                                    lateElderly: kind.count == 4 && kind[1] != UInt8(ascii: "2") ? lateElderly : nil),
                          facility: nil, encounters: [], inpatient: inpatient, diseases: [])
        // 入院年月日 (RE 項目8; its form is checked at the door): the audit's periods counted from the 入院の日.
        if inpatient {
            claim.receiptAdmissionDate = date(text(doc, start, 8))
            claim.receiptAdmissionDateMissing = text(doc, start, 8).isEmpty
        }
        (claim.receiptStatedTotals, claim.receiptDayRows) = statedTotals(doc, start..<end)
        var days: [Int: [Claim.Order]] = [:]
        // The open unit: its items, the largest count per day over its records, its comments.
        var category = 0
        var items: [Claim.Item] = [], counts = [Int](repeating: 0, count: 31), comments: [Claim.Comment] = []
        var unitCategory = 0, statedTimes = 0
        var statedPoints: Int?
        var stated = UKERecalc.StatedPoints()
        var lastOrder: (day: Int, index: Int)?
        var unitOf: [Int: [Int]] = [:], unitSerial = 0
        func close() {
            guard !items.isEmpty else { return }
            unitSerial += 1
            // A file without 算定日 (before 2012-04): the unit's 回数 on the month's first day.
            if counts.allSatisfy({ $0 == 0 }) { counts[0] = max(1, statedTimes) }
            var first = true
            for d in 0..<31 where counts[d] > 0 {
                let order = Claim.Order(category: unitCategory, items: items, times: counts[d] == 1 ? nil : counts[d], comments: first && !comments.isEmpty ? comments : nil,
                                        statedPoints: statedPoints)
                days[d + 1, default: []].append(order)
                unitOf[d + 1, default: []].append(unitSerial)
                if first { lastOrder = (d + 1, days[d + 1]!.count - 1) }
                first = false
            }
            items.removeAll(); comments.removeAll()
            counts = [Int](repeating: 0, count: 31)
            statedTimes = 0
            statedPoints = nil
        }
        var fields = UKEFields()
        func field(_ l: Int, _ f: Int) -> String { UKEClaims.text(doc, fields.range(f)) }
        for l in start..<end {
            let id = doc.recordID(l)
            guard id == SY || id == SI || id == IY || id == TO || id == CO else { continue }
            fields.load(doc, l)
            switch id {
            case SY:
                let modifiers = Array(field(l, 4).utf8)
                var d = Claim.Disease(code: field(l, 1))
                if !modifiers.isEmpty { d.modifiers = stride(from: 0, to: modifiers.count, by: 4).map { String(decoding: modifiers[$0..<min($0 + 4, modifiers.count)], as: UTF8.self) } }
                d.start = date(field(l, 2))?.description
                if field(l, 6) == "01" { d.main = true }
                let outcome = field(l, 3)
                if !outcome.isEmpty { d.outcome = outcome }
                let name = field(l, 5)
                if !name.isEmpty { d.name = name }
                claim.diseases!.append(d)
            case SI, IY, TO:
                if let c = Int(field(l, 1)) {
                    // As `UKERecalc`: a record repeating the open unit's 診療識別, 回数 and 算定日 in a receipt that states
                    // 点数 continues the unit (点数 only on its last record); otherwise 診療識別 starts a unit.
                    let firstDay = id == TO ? 17 : 13
                    let sameDays = (0..<31).allSatisfy { counts[$0] == (UKEFields.integer(doc.bytes, fields.range(firstDay + $0)) ?? 0) }
                    var continues = false
                    // A blank 回数 is 1, as `UKERecalc` reads it: a continuation record some writers leave without it continues
                    // the unit (domain-facts C.7; review 385 HY-1: the 静注 and its drug were split into two units in audit only).
                    if !items.isEmpty && c == category && sameDays && max(1, statedTimes) == (UKEFields.integer(doc.bytes, fields.range(6)) ?? 1) {
                        continues = stated.marksUnitEnds(procedure: id == SI, doc, start..<end)
                        // … and where no 点数 marks the ends, a row that cannot stand alone continues it (review 332 FW-4).
                        if !continues, id == SI, let masters, let code = UInt64(field(l, 3)),
                           let date = ServiceDate(year: year, month: month, day: (counts.firstIndex { $0 > 0 } ?? 0) + 1),
                           case .success(let t) = DatedMasters(masters, on: date).procedures {
                            continues = UKERecalc.joinsOpenUnit(code, t, on: date, openCodes: items.lazy.compactMap { UInt64($0.code) })
                        }
                    }
                    if !continues { close(); category = c }
                }
                // As `UKERecalc` (review 121): where no 点数 marks the units' ends, a record whose 回数, or whose 算定日,
                // differ from the open unit's where both state them starts another unit.
                if !items.isEmpty && !stated.marksUnitEnds(procedure: id == SI, doc, start..<end) {
                    let firstDay = id == TO ? 17 : 13
                    let times = UKEFields.integer(doc.bytes, fields.range(6))
                    let days = (0..<31).map { UKEFields.integer(doc.bytes, fields.range(firstDay + $0)) ?? 0 }
                    let timesDiffer = times != nil && statedTimes != 0 && times != statedTimes
                    if timesDiffer || (days != counts && days.contains { $0 > 0 } && counts.contains { $0 > 0 }) { close() }
                }
                if items.isEmpty { unitCategory = category }
                let code = field(l, 3)
                let q = fields.range(4)
                var quantity: Claim.Quantity?
                if !q.isEmpty {
                    var scaled: Int?
                    if case .value(let v) = UKEFields.quantity(doc.bytes, q, integerOnly: id == SI) { scaled = v }
                    guard let scaled else { throw ClaimError(message: "line \(l + 1): quantity \"\(field(l, 4))\" of \(code) is not a number") }
                    quantity = Claim.Quantity(scaled: scaled)
                }
                items.append(Claim.Item(code: code, quantity: quantity))
                let firstComment = id == TO ? 11 : 7, firstDay = id == TO ? 17 : 13
                for c in 0..<3 {
                    let cc = field(l, firstComment + 2 * c)
                    if !cc.isEmpty { comments.append(Claim.Comment(code: cc, text: field(l, firstComment + 2 * c + 1))) }
                }
                for d in 0..<31 { counts[d] = max(counts[d], UKEFields.integer(doc.bytes, fields.range(firstDay + d)) ?? 0) }
                statedTimes = max(statedTimes, UKEFields.integer(doc.bytes, fields.range(6)) ?? 0)
                if !fields.range(5).isEmpty {
                    statedPoints = UKEFields.integer(doc.bytes, fields.range(5))
                    close()
                }
            case CO:
                // As `UKERecalc`: a comment naming the open unit's own 診療識別 continues it, with or without 点数 (review 117).
                if let c = Int(field(l, 1)) {
                    if items.isEmpty || c != category { close(); category = c }
                }
                let comment = Claim.Comment(code: field(l, 3), text: field(l, 4))
                if !items.isEmpty { comments.append(comment) }
                else if let (d, k) = lastOrder { days[d]![k].comments = (days[d]![k].comments ?? []) + [comment] }
                else { comments.append(comment) }
            default:
                continue
            }
        }
        close()
        for (day, orders) in days.sorted(by: { $0.key < $1.key }) {
            guard let date = ServiceDate(year: year, month: month, day: day) else {
                throw ClaimError(message: "RE line \(start + 1): 算定日 \(day) is not a day of \(year)-\(month)")
            }
            // A 算定日 before the 生年月日 (review 103: the age checks ran at age −1 and let 乳幼児加算 pass), as the JSON
            // door refuses an encounter before the birth date.
            guard date >= birth else {
                throw ClaimError(message: "RE line \(start + 1) (receipt \(number)): 生年月日 \(birth) is after the 算定日 \(date) of the receipt's records")
            }
            claim.encounters.append(Claim.Encounter(date: date.description, timeBand: nil, department: nil, visit: nil, orders: orders))
            claim.receiptUnitOfOrder.append(unitOf[day] ?? [])
        }
        return claim
    }
}
