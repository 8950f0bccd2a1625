/// The claim's values checked at the door (STYLE.md §6): `ClaimJSON.parse` calls `validate` on every
/// claim it reads, so pricing, copay and audit only meet claims whose every field is inside its
/// documented limit (`DomainLimit`). Each fault is one `ClaimError` naming the JSON path.
///
/// Checked: every date is a calendar date written `YYYY-MM-DD` with its year in `DomainLimit.yearRange`
/// (birth date, encounter dates, 傷病名 診療開始日, 施設基準 届出日); the birth date is not after any
/// service date; all encounters are in one month (a receipt is monthly); 診療識別 is in the 別表
/// (`ServiceCategory`); 回数 in `DomainLimit.timesRange`; quantities in 0…`maxQuantityScaled`; codes
/// are ASCII digits of their length (診療行為/医薬品/特定器材/コメント 9, 傷病名 7, 修飾語 4, 法別番号 2);
/// text fields at most `maxTextBytes`; encounters, orders and items per claim within their bounds;
/// insurance: 負担割合 0…100, every yen in `yenRange`; facility beds in `bedsRange`; `admission` (the stay's
/// dates in the claim's month, codes, 外泊 and meal days: `ClaimCheck.admission`, Sources/Santei/Inpatient).
public enum ClaimCheck {
    public static func validate(_ claim: Claim) throws(ClaimError) {
        do throws(ClaimError) { try check(claim) } catch {
            var e = error
            if e.claimID == nil { e.claimID = claim.id }
            throw e
        }
    }

    // Paths are spelled out only when a check fails (`@autoclosure`): a good claim costs no string.
    static func fail(_ path: String, _ what: String) -> ClaimError { ClaimError(message: "\(path) \(what)") }

    /// A date written exactly `YYYY-MM-DD` that is a day of the calendar, its year in `DomainLimit.yearRange`.
    public static func date(_ text: String) -> ServiceDate? {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for k in r { guard u[k] >= 48 && u[k] <= 57 else { return nil }; v = v * 10 + Int(u[k] - 48) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10), DomainLimit.yearRange.contains(y) else { return nil }
        return ServiceDate(year: y, month: m, day: d)
    }

    static func checkedDate(_ text: String, _ path: @autoclosure () -> String) throws(ClaimError) -> ServiceDate {
        guard let d = date(text) else {
            // A real date outside the years the masters' world knows is said so (review 349 GO-5: 1867-12-31 was "not a date").
            if text.utf8.count == 10, let real = ServiceDate(text), !DomainLimit.yearRange.contains(real.year) {
                throw fail(path(), "\(text) is outside the years \(DomainLimit.yearRange.lowerBound)…\(DomainLimit.yearRange.upperBound) a date may name (DomainLimit.yearRange)")
            }
            throw fail(path(), "\"\(text.utf8.count > 40 ? String(decoding: text.utf8.prefix(40), as: UTF8.self) + "…" : text)\" is not a date (YYYY-MM-DD)")
        }
        return d
    }

    /// Exactly `length` ASCII digits.
    public static func isDigits(_ text: String, length: Int) -> Bool {
        var n = 0
        for c in text.utf8 { guard c >= 48 && c <= 57 else { return false }; n += 1 }
        return n == length
    }

    static func code(_ text: String, length: Int, _ path: @autoclosure () -> String, _ what: String) throws(ClaimError) {
        guard isDigits(text, length: length) else {
            let shown = text.utf8.count > 40 ? String(decoding: text.utf8.prefix(40), as: UTF8.self) + "…" : text
            throw fail(path(), "\"\(shown)\" is not a \(length)-digit \(what)")
        }
    }

    static func text(_ s: String?, _ path: @autoclosure () -> String) throws(ClaimError) {
        guard let s, s.utf8.count > DomainLimit.maxTextBytes else { return }
        throw fail(path(), "is \(s.utf8.count) bytes, over the limit of \(DomainLimit.maxTextBytes) (DomainLimit.maxTextBytes)")
    }

    static func yen(_ v: Int?, _ path: @autoclosure () -> String) throws(ClaimError) {
        guard let v, !DomainLimit.yenRange.contains(v) else { return }
        throw fail(path(), "\(v) is outside \(DomainLimit.yenRange.lowerBound)…\(DomainLimit.yenRange.upperBound) yen (DomainLimit.yenRange)")
    }

    static func check(_ claim: Claim) throws(ClaimError) {
        try text(claim.id, "id")
        let birth = try checkedDate(claim.patient.birthDate, "patient.birth_date")
        // 男女区分: 1 男, 2 女 (claim-format.md; review 98: any text was read and counted as no sex).
        if let sex = claim.patient.sex, sex != "1" && sex != "2" {
            throw fail("patient.sex", "\"\(sex.prefix(40))\" is not 1 (男) or 2 (女)")
        }
        try text(claim.patient.id, "patient.id")
        if let f = claim.facility {
            try text(f.kind, "facility.kind")
            // 病院・診療所 decides rows (s 項番19) and 加算 (F400 注5 許可病床数が200床以上の病院): a value the rules do not read is
            // refused, not taken as "not stated" (review 335 FZ-1: "Hospital" dropped 抗悪性腫瘍剤処方管理加算 without a word).
            if let kind = f.kind, kind != "clinic" && kind != "hospital" {
                throw fail("facility.kind", "\"\(kind.prefix(40))\" is not clinic (診療所) or hospital (病院)")
            }
            if let beds = f.beds, !DomainLimit.bedsRange.contains(beds) {
                throw fail("facility.beds", "\(beds) is outside \(DomainLimit.bedsRange.lowerBound)…\(DomainLimit.bedsRange.upperBound) (DomainLimit.bedsRange)")
            }
            for (n, s) in (f.standards ?? []).enumerated() {
                guard (0...999_999_999).contains(s.code) else { throw fail("facility.standards[\(n)].code", "\(s.code) is not a 施設基準 code (at most 9 digits)") }
                _ = try checkedDate(s.from, "facility.standards[\(n)].from")
            }
            if let facts = f.facts {
                guard facts.count <= 64 else { throw fail("facility.facts", "\(facts.count) facts, over the limit of 64") }
                for (n, fact) in facts.enumerated() {
                    try text(fact, "facility.facts[\(n)]")
                    // Each must be one the rules declare, at every door (review 335 FZ-2: the audit read an unknown fact as none).
                    if let known = FacilityAddOnRules.embedded?.facts, known[fact] == nil {
                        throw fail("facility.facts[\(n)]", "\"\(fact.prefix(40))\" is not a fact the rules read (\(known.keys.sorted().joined(separator: ", ")); Masters/params/facility-add-ons.json)")
                    }
                }
            }
        }
        if let ins = claim.insurance {
            try text(ins.incomeClass, "insurance.income_class")
            if IncomeClass(rawValue: ins.incomeClass) == nil {
                throw fail("insurance.income_class", "\"\(ins.incomeClass.prefix(40))\" is not an income class (ア〜オ, 現役並みⅢ/Ⅱ/Ⅰ, 一般, 一般Ⅰ, 一般Ⅱ, 低所得Ⅱ, 低所得Ⅰ)")
            }
            if let r = ins.ratePercent, !DomainLimit.ratePercentRange.contains(r) {
                throw fail("insurance.rate_percent", "\(r) is outside \(DomainLimit.ratePercentRange.lowerBound)…\(DomainLimit.ratePercentRange.upperBound) (DomainLimit.ratePercentRange)")
            }
            try yen(ins.longTermDiseaseCapYen, "insurance.long_term_disease_cap_yen")
            for (n, p) in (ins.publicPrograms ?? []).enumerated() {
                try code(p.lawNumber, length: 2, "insurance.public_programs[\(n)].law_number", "法別番号")
                try yen(p.monthlyCapYen, "insurance.public_programs[\(n)].monthly_cap_yen")
                try yen(p.alreadyPaidYen, "insurance.public_programs[\(n)].already_paid_yen")
            }
        }
        for (n, d) in (claim.diseases ?? []).enumerated() {
            var p: String { "diseases[\(n)]" }
            try code(d.code, length: DomainLimit.diseaseCodeLength, p + ".code", "傷病名 code")
            for (k, m) in (d.modifiers ?? []).enumerated() {
                try code(m, length: DomainLimit.modifierCodeLength, p + ".modifiers[\(k)]", "修飾語 code")
            }
            if let s = d.start { _ = try checkedDate(s, p + ".start") }
            try text(d.name, p + ".name")
            if let o = d.outcome, !["1", "2", "3", "4"].contains(o) {
                throw fail(p + ".outcome", "\"\(o)\" is not a 転帰区分 (1 継続, 2 治ゆ, 3 死亡, 4 中止)")
            }
        }
        guard claim.encounters.count <= DomainLimit.maxEncountersPerClaim else {
            throw fail("encounters", "has \(claim.encounters.count) encounters, more than \(DomainLimit.maxEncountersPerClaim) in one claim (DomainLimit.maxEncountersPerClaim)")
        }
        // A receipt bills something: an 入院外 claim without an encounter has no month and nothing to price (review 89 W1:
        // it priced to 0 points, complete). An 入院 claim may state only its stay (`admission`).
        if claim.encounters.isEmpty && claim.admission == nil {
            throw fail("encounters", "is empty: a claim bills at least one encounter (or states its 入院 in admission)")
        }
        var month: (year: Int, month: Int, encounter: Int)?
        var orders = 0, items = 0
        for (e, encounter) in claim.encounters.enumerated() {
            var p: String { "encounters[\(e)]" }
            let date = try checkedDate(encounter.date, p + ".date")
            guard birth <= date else {
                throw fail(p + ".date", "\(date) is before the patient's birth date \(birth) (patient.birth_date)")
            }
            // 後期高齢者医療 before 75 is the 障害認定 of 65〜74歳 (高齢者の医療の確保に関する法律 第50条 第2号): under 65 it is refused with
            // or without `insurance` (review 408 IV-5: the audit read 後期 rows as billable for a patient of 34 without a word).
            if claim.patient.lateElderly == true, date < PatientAge(birth: birth).birthday(65) {
                throw fail("patient.late_elderly", "true for a patient under 65 on \(date) (\(p).date): 後期高齢者医療 before 75 is for 65〜74歳 with the 障害認定 only (高齢者の医療の確保に関する法律 第50条 第2号)")
            }
            if let m = month {
                guard m.year == date.year && m.month == date.month else {
                    throw fail(p + ".date", "\(date) is not in the claim's month \(String(format4: m.year))-\(String(format2: m.month)) (encounters[\(m.encounter)]): a claim is one month")
                }
            } else {
                month = (date.year, date.month, e)
            }
            try text(encounter.timeBand, p + ".time_band")
            // The enumerations, at every door (review 335 FZ-1, FZ-2: the audit read "midnight" as no band, "third" as no visit).
            if let band = encounter.timeBand, TimeBand(rawValue: band) == nil {
                throw fail(p + ".time_band", "\"\(band.prefix(40))\" is not one of daytime, overtime, holiday, night, early_late")
            }
            try text(encounter.department, p + ".department")
            try text(encounter.visit, p + ".visit")
            if let visit = encounter.visit, visit != "first" && visit != "revisit" {
                throw fail(p + ".visit", "\"\(visit.prefix(40))\" is not first (初診) or revisit (再診)")
            }
            try dispensing(encounter.dispensing, p + ".dispensing")
            if let facts = encounter.facts {
                guard facts.count <= 16 else { throw fail(p + ".facts", "\(facts.count) facts, over the limit of 16") }
                for (n, fact) in facts.enumerated() {
                    try text(fact, p + ".facts[\(n)]")
                    if let known = CountLimitSupplement.embedded?.facts, known[fact] == nil {
                        throw fail(p + ".facts[\(n)]", "\"\(fact.prefix(40))\" is not a fact the rules read (\(known.keys.sorted().joined(separator: ", ")); Masters/params/audit/count-limits.json)")
                    }
                }
            }
            if let a = encounter.arrival, a != "ambulance" && a != "walk_in" {
                throw fail(p + ".arrival", "\"\(a.prefix(40))\" is not one of ambulance (救急用の自動車・救急医療用ヘリコプター), walk_in")
            }
            orders += encounter.orders.count
            guard orders <= DomainLimit.maxOrdersPerClaim else {
                throw fail(p + ".orders", "more than \(DomainLimit.maxOrdersPerClaim) orders in one claim (DomainLimit.maxOrdersPerClaim)")
            }
            for (o, order) in encounter.orders.enumerated() {
                var q: String { p + ".orders[\(o)]" }
                guard ServiceCategory(rawValue: order.category).isOrderCategory else {
                    throw fail(q + ".category", "\(order.category) is not a 診療識別 of the 別表 (11 初診, 12 再診, 13 医学管理 … 80 その他, 90, 92, 97, 99)")
                }
                if let t = order.times, !DomainLimit.timesRange.contains(t) {
                    throw fail(q + ".times", "\(t) is outside \(DomainLimit.timesRange.lowerBound)…\(DomainLimit.timesRange.upperBound) (DomainLimit.timesRange)")
                }
                if let pts = order.statedPoints, !(0...DomainLimit.maxUnitPoints).contains(pts) {
                    throw fail(q + ".stated_points", "\(pts) is outside 0…\(DomainLimit.maxUnitPoints) (DomainLimit.maxUnitPoints)")
                }
                // An order bills at least one item (price said so; audit read the empty order silently: review 89 W2).
                guard !order.items.isEmpty else { throw fail(q + ".items", "is empty: an order bills at least one item") }
                items += order.items.count
                guard items <= DomainLimit.maxItemsPerClaim else {
                    throw fail(q + ".items", "more than \(DomainLimit.maxItemsPerClaim) items in one claim (DomainLimit.maxItemsPerClaim)")
                }
                try dispensing(order.dispensing, q + ".dispensing")
                for (i, item) in order.items.enumerated() {
                    try code(item.code, length: DomainLimit.itemCodeLength, q + ".items[\(i)].code", "code")
                    if let c = item.psychotropic, PsychotropicClass(rawValue: c) == nil {
                        throw fail(q + ".items[\(i)].psychotropic", "\"\(c.prefix(40))\" is not one of anxiolytic, hypnotic, antidepressant, antipsychotic")
                    }
                    // A drug (6…) is priced from its 使用量 (F200, G100 …: 薬価 × 使用量): without one it has no price (review 136:
                    // null or absent was priced as 0 → 1点 a day, whatever the drug). A device (7…) likewise, unless the master makes
                    // it a ％ row (金額種別 5: 酸素補正率, フィルム料（乳幼児）加算 — no 使用量; review 198 AS-4): `ClaimPricer` checks it.
                    // 使用量 0 is no drug given: F200 and G100 price 「使用薬剤」, and 0円 would still be 1点 a day (通則 15円以下 1点)
                    // with its 調剤料 and 処方料 derived (review 265 DH-3). A drug not given is left out of the order.
                    if item.code.utf8.first == UInt8(ascii: "6"), (item.quantity?.scaled ?? 0) == 0 {
                        throw fail(q + ".items[\(i)].quantity", item.quantity == nil ? "missing: a drug (6…) or device (7…) is priced from its 使用量"
                                   : "0: a drug (6…) is priced from its 使用量 and 0 gives none — leave a drug not given out of the order")
                    }
                    if let s = item.quantity?.scaled, !(0...DomainLimit.maxQuantityScaled).contains(s) {
                        throw fail(q + ".items[\(i)].quantity", "\(FixedPoint(value: s, decimals: 5)) is outside 0…\(FixedPoint(value: DomainLimit.maxQuantityScaled, decimals: 5)) (DomainLimit.maxQuantityScaled)")
                    }
                }
                for (c, comment) in (order.comments ?? []).enumerated() {
                    if let cc = comment.code { try code(cc, length: DomainLimit.itemCodeLength, q + ".comments[\(c)].code", "コメントコード") }
                    try text(comment.text, q + ".comments[\(c)].text")
                }
            }
        }
        // `inpatient` and `insurance.inpatient` say the same thing (an 入院 receipt); a claim cannot be both.
        if let a = claim.inpatient, let b = claim.insurance?.inpatient, a != b {
            throw fail("insurance.inpatient", "is \(b) but the claim's inpatient is \(a): one receipt is either 入院 or 入院外")
        }
        try admission(claim, claimMonth: month.map { ($0.year, $0.month) })
    }
}
