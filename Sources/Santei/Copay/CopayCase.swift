import Foundation

/// One monthly copay case in the format of `../shared/cases/copay/mhlw-examples.jsonl`
/// (docs/copay-format.md): one patient, one month, one 医療機関.
public struct CopayCase: Sendable {
    public var id: String
    public var situation: CopaySituation
    /// The month's bills (monthly form). Empty when the case gives `visits` instead.
    public var bills: [CopayBill]
    /// Day-level form (issue 13): the visits of the month in date order, each with its bills.
    public var visits: [CopayVisit] = []
    /// Mid-month changes of the patient's insurance (`patient_changes`): from each date a new receipt with
    /// its own situation and limit. Only with `visits`.
    public var changes: [(from: ServiceDate, situation: CopaySituation)] = []
    /// Per certificate (in `situation.programs` order): the days it is valid and its 上限額 changes.
    public var programDates: [ProgramDates] = []

    struct Line: Decodable {
        struct Patient: Decodable {
            var birthDate: String?
            var limitKnown: Bool?
            var longTermCounting: String?
            var ageBand: String
            var incomeClass: String
            var copayRatePercent: Int
            var inpatient: Bool
            var manyTimes: Bool?
            var monthOf75thBirthday: Bool?
            var longTermDiseaseCapYen: Int?
            var outpatientTransitionRelief: Bool?
            var mealClass: String?
            enum CodingKeys: String, CodingKey, CaseIterable {
                case ageBand = "age_band", incomeClass = "income_class", copayRatePercent = "copay_rate_percent", inpatient
                case manyTimes = "many_times", monthOf75thBirthday = "month_of_75th_birthday"
                case longTermDiseaseCapYen = "long_term_disease_cap_yen", outpatientTransitionRelief = "outpatient_transition_relief"
                case mealClass = "meal_class", birthDate = "birth_date", limitKnown = "limit_known", longTermCounting = "long_term_counting"
            }
        }
        struct Program: Decodable {
            var lawNumber: String
            var name: String?
            var monthlyCapYen: Int?
            var alreadyPaidYen: Int?
            var localRule: LocalProgramRule?
            var localProgram: LocalProgramReference?
            var validFrom: String?
            var validUntil: String?
            struct CapChange: Decodable {
                var from: String; var monthlyCapYen: Int?
                enum CodingKeys: String, CodingKey { case from, monthlyCapYen = "monthly_cap_yen" }
            }
            var capChanges: [CapChange]?
            enum CodingKeys: String, CodingKey, CaseIterable {
                case lawNumber = "law_number", name, monthlyCapYen = "monthly_cap_yen", alreadyPaidYen = "already_paid_yen", localRule = "local_rule"
                case localProgram = "local_program", validFrom = "valid_from", validUntil = "valid_until", capChanges = "cap_changes"
            }
        }
        struct Bill: Decodable {
            var yenTotal: Int
            var coveredBy: [String]
            var visits: Int?
            var meals: Int?
            enum CodingKeys: String, CodingKey, CaseIterable { case yenTotal = "yen_total", coveredBy = "covered_by", visits, meals }
        }
        struct Visit: Decodable {
            var date: String
            var bills: [Bill]?
            var yenTotal: Int?
            var coveredBy: [String]?
            var meals: Int?
            enum CodingKeys: String, CodingKey, CaseIterable { case date, bills, yenTotal = "yen_total", coveredBy = "covered_by", meals }
        }
        struct Change: Decodable { var from: String; var patient: Patient }
        var id: String
        var serviceMonth: String
        var serviceDate: String?
        var patient: Patient
        var publicPrograms: [Program]?
        var bills: [Bill]?
        var visits: [Visit]?
        var patientChanges: [Change]?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, serviceMonth = "service_month", serviceDate = "service_date", patient, publicPrograms = "public_programs", bills
            case visits, patientChanges = "patient_changes"
        }
    }

    /// Reads one JSON line. Errors name the field (`bills[1].covered_by[0]`).
    /// The line is first checked as strict JSON (`StrictJSON`: depth, size, duplicate keys, UTF-8,
    /// literals, numbers), so `JSONDecoder` never meets deep nesting or a key given twice; then every
    /// number is checked against its `DomainLimit` (`make`).
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(CopayError) -> CopayCase {
        do throws(JSONInputError) { try StrictJSON.validate(bytes) } catch {
            throw CopayError(field: error.path, "not JSON: \(error.message) at byte \(error.offset + 1)")
        }
        let line: Line
        do { line = try JSONDecoder().decode(Line.self, from: Data(bytes)) } catch let e as DecodingError {
            // A required key missing because it was misspelt is named as the slip (review 418 JF-5: "patient.inpatient: missing"
            // for `inpatinet`).
            try checkMiscasedKeys(bytes)
            var error = describe(e)
            // Foundation reports a number that is not a whole number (or past Int) as invalid JSON without a path: name it.
            if error.field.isEmpty, let path = firstNonWholeNumber(bytes) {
                error = CopayError(field: path, "expected a whole number (yen, percent and counts are integers: a fraction such as 100.5 is refused, as is a number past \(Int.max); each field's own limit is in docs/limits.md)")
            }
            throw error
        } catch { throw CopayError(field: "", "not JSON: \(error)") }
        // Foundation reads `2.99999999999999999` and `1.0000000000000001e5` as whole doubles and settles them as 3 and
        // 100,000: a number of the case written with a fraction or an exponent is refused as written (review 141 B2;
        // limits.md). Keys the case does not read (`expected`, `source` …) may hold any number.
        let known = Set(Line.CodingKeys.allCases.map(\.rawValue))
        if let path = firstNonWholeNumber(bytes, where: { known.contains(String($0.prefix { $0 != "." && $0 != "[" })) }) {
            throw CopayError(field: path, "expected a whole number written without a fraction or an exponent (yen, percent and counts are integers, at most \(Int.max))")
        }
        if line.publicPrograms?.contains(where: { $0.localRule != nil }) == true { try checkLocalRuleKeys(bytes) }
        try checkMiscasedKeys(bytes)
        return try make(line)
    }

    /// A key that is a known key in another case (`Many_Times`), or a slip of one (`many_time`, `public_program`,
    /// `many-times`, `mnay_times`), is refused naming it: the decoder would drop it and settle without it (review 110:
    /// 多数回 lost, 43,030円; review 408 IV-3: `many_time` settled at the 一般 limit, `public_program` lost the 公費). Other
    /// unknown keys (`expected`, `source`, `title` …) are left alone.
    static func checkMiscasedKeys(_ bytes: ArraySlice<UInt8>) throws(CopayError) {
        guard let o = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return }
        func check(_ object: Any?, _ known: [String], _ path: String) throws(CopayError) {
            guard let object = object as? [String: Any] else { return }
            for key in object.keys.sorted() where !known.contains(key) {
                if let meant = known.first(where: { $0.lowercased() == key.lowercased() }) {
                    throw CopayError(field: path.isEmpty ? key : path + "." + key, "not a key: keys are lower case (\"\(meant)\")")
                }
                if let meant = known.first(where: { isSlip(key, of: $0) }) {
                    throw CopayError(field: path.isEmpty ? key : path + "." + key, "not a key of the copay format: \"\(meant)\" was meant? (settling without it would change the amount; docs/copay-format.md)")
                }
            }
        }
        try check(o, Line.CodingKeys.allCases.map(\.rawValue), "")
        try check(o["patient"], Line.Patient.CodingKeys.allCases.map(\.rawValue), "patient")
        for (n, p) in ((o["public_programs"] as? [Any]) ?? []).enumerated() { try check(p, Line.Program.CodingKeys.allCases.map(\.rawValue), "public_programs[\(n)]") }
        for (n, b) in ((o["bills"] as? [Any]) ?? []).enumerated() { try check(b, Line.Bill.CodingKeys.allCases.map(\.rawValue), "bills[\(n)]") }
        for (n, v) in ((o["visits"] as? [Any]) ?? []).enumerated() {
            try check(v, Line.Visit.CodingKeys.allCases.map(\.rawValue), "visits[\(n)]")
            for (m, b) in (((v as? [String: Any])?["bills"] as? [Any]) ?? []).enumerated() { try check(b, Line.Bill.CodingKeys.allCases.map(\.rawValue), "visits[\(n)].bills[\(m)]") }
        }
        for (n, c) in ((o["patient_changes"] as? [Any]) ?? []).enumerated() {
            try check((c as? [String: Any])?["patient"], Line.Patient.CodingKeys.allCases.map(\.rawValue), "patient_changes[\(n)].patient")
        }
    }

    /// Whether `key` is a slip of the known key `known`: the same with `-` or a space for `_`, one letter more or less at the
    /// end (a plural), or — for keys of 6 letters or more — one letter changed, added, dropped or two swapped; or, its
    /// separators left out (camelCase: `monthlyCapYen`), the same letters, or one run of two or three letters more or less
    /// (a unit left off, `monthly_cap` for `monthly_cap_yen`; `month_of_75_birthday` for `month_of_75th_birthday`; review 425
    /// JN-1: each was dropped and the case settled without its cap).
    static func isSlip(_ key: String, of known: String) -> Bool {
        let a = Array(key.lowercased().utf8.map { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: " ") ? UInt8(ascii: "_") : $0 }), b = Array(known.utf8)
        if a == b { return true }
        let na = a.filter { $0 != UInt8(ascii: "_") }, nb = b.filter { $0 != UInt8(ascii: "_") }
        if na == nb { return true }
        if min(na.count, nb.count) >= 6, (2...3).contains(abs(na.count - nb.count)) {
            let (short, long) = na.count < nb.count ? (na, nb) : (nb, na)
            var i = 0
            while i < short.count && short[i] == long[i] { i += 1 }
            if short[i...].elementsEqual(long[(i + long.count - short.count)...]) { return true }
        }
        if a.count + 1 == b.count, b.starts(with: a) { return true }
        if b.count + 1 == a.count, a.starts(with: b) { return true }
        guard min(a.count, b.count) >= 6, abs(a.count - b.count) <= 1 else { return false }
        var i = 0
        while i < a.count && i < b.count && a[i] == b[i] { i += 1 }
        func same(_ x: ArraySlice<UInt8>, _ y: ArraySlice<UInt8>) -> Bool { x.elementsEqual(y) }
        if a.count == b.count {
            if same(a[(i + 1)...], b[(i + 1)...]) { return true }                                   // one changed
            return i + 1 < a.count && a[i] == b[i + 1] && a[i + 1] == b[i] && same(a[(i + 2)...], b[(i + 2)...])   // two swapped
        }
        return a.count > b.count ? same(a[(i + 1)...], b[i...]) : same(a[i...], b[(i + 1)...])    // one added / dropped
    }

    /// An inline `local_rule` with a key it does not have (`LocalProgramRule.keys`) is refused naming it.
    static func checkLocalRuleKeys(_ bytes: ArraySlice<UInt8>) throws(CopayError) {
        guard let o = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any], let programs = o["public_programs"] as? [Any] else { return }
        for (n, p) in programs.enumerated() {
            guard let rule = (p as? [String: Any])?["local_rule"] as? [String: Any] else { continue }
            if let unknown = rule.keys.sorted().first(where: { !LocalProgramRule.keys.contains($0) }) {
                throw CopayError(field: "public_programs[\(n)].local_rule.\(unknown)", "not a key of local_rule (\(LocalProgramRule.keys.sorted().joined(separator: ", ")))")
            }
        }
    }

    /// The JSON path of the first number in the line (in the line's order) that is not a whole number an `Int` holds:
    /// a fraction, an exponent, or past Int.min…Int.max (-9223372036854775809 reads as a Double that rounds to Int.min, so
    /// the check is on the digits, never on a parsed value). The line passed `StrictJSON.validate`: well formed, depth bounded.
    static func firstNonWholeNumber(_ bytes: ArraySlice<UInt8>, where include: (String) -> Bool = { _ in true }) -> String? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        struct Found: Error { var path: String }
        func skipSpace() { while i < end, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 10 || bytes[i] == 13 { i += 1 } }
        /// A string's raw text (escapes kept as written: enough to name a key) and i past its closing quote.
        func string() -> String {
            i += 1
            let start = i
            while i < end, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
            let text = String(decoding: bytes[start..<min(i, end)], as: UTF8.self)
            i += 1
            return text
        }
        func value(_ path: String) throws(Found) {
            skipSpace()
            guard i < end else { return }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1; skipSpace()
                if i < end, bytes[i] == UInt8(ascii: "}") { i += 1; return }
                while i < end {
                    skipSpace()
                    let key = string()
                    skipSpace(); i += 1   // ':'
                    try value(path.isEmpty ? key : path + "." + key)
                    skipSpace()
                    let c = i < end ? bytes[i] : 0
                    i += 1
                    if c != UInt8(ascii: ",") { return }
                }
            case UInt8(ascii: "["):
                i += 1; skipSpace()
                if i < end, bytes[i] == UInt8(ascii: "]") { i += 1; return }
                var n = 0
                while i < end {
                    try value(path + "[\(n)]")
                    n += 1
                    skipSpace()
                    let c = i < end ? bytes[i] : 0
                    i += 1
                    if c != UInt8(ascii: ",") { return }
                }
            case UInt8(ascii: "\""):
                _ = string()
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                while i < end, bytes[i] >= UInt8(ascii: "a"), bytes[i] <= UInt8(ascii: "z") { i += 1 }
            default:
                let negative = bytes[i] == UInt8(ascii: "-")
                if negative { i += 1 }
                var magnitude: UInt64 = 0, whole = true
                while i < end {
                    let c = bytes[i]
                    if c >= 48 && c <= 57 {
                        let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                        let (a, o2) = m.addingReportingOverflow(UInt64(c - 48))
                        if o1 || o2 { whole = false } else { magnitude = a }
                    } else if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                        whole = false
                    } else {
                        break
                    }
                    i += 1
                }
                if !whole || magnitude > (negative ? UInt64(Int.max) + 1 : UInt64(Int.max)), include(path) { throw Found(path: path) }
            }
        }
        do throws(Found) { try value("") } catch { return error.path }
        return nil
    }

    /// The case's `id` when the line is a JSON object with a string `id` (for the error record of a line that is not a case).
    public static func idOf(_ bytes: ArraySlice<UInt8>) -> String? {
        if bytes.count <= 1 << 20, let o = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
           let id = o["id"] as? String, id.utf8.count <= 200 { return id }
        return leadingID(bytes)
    }

    /// The `"id"` string that opens a line the JSON reader refuses (nested past the limit after it, a bad value later
    /// on): no fault can come before it (review 136 W3: a case nested past 64 levels lost the id it began with). An id
    /// after other keys is not read — a fault may precede it. Plain ids only (no escapes), at most 200 bytes.
    static func leadingID(_ b: ArraySlice<UInt8>) -> String? {
        var i = b.startIndex
        func ws() { while i < b.endIndex, b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { i += 1 } }
        ws()
        guard i < b.endIndex, b[i] == UInt8(ascii: "{") else { return nil }
        i += 1; ws()
        let key = Array(#""id""#.utf8)
        guard b[i...].starts(with: key) else { return nil }
        i += key.count; ws()
        guard i < b.endIndex, b[i] == 58 else { return nil }
        i += 1; ws()
        guard i < b.endIndex, b[i] == 34 else { return nil }
        let start = i + 1
        var j = start
        while j < b.endIndex, b[j] != 34 { if b[j] == 92 { return nil }; j += 1 }
        guard j < b.endIndex, j - start <= 200 else { return nil }
        return String(decoding: b[start..<j], as: UTF8.self)
    }

    /// What a Swift type is called in JSON, for messages (a vendor reads "an object", not `Dictionary<String, Any>`).
    static func jsonName(_ t: Any.Type) -> String {
        let name = String(describing: t)
        if t == Bool.self { return "true or false" }
        if t == String.self { return "a string" }
        if t == Int.self || name.hasPrefix("Int") || name.hasPrefix("UInt") { return "a whole number" }
        if t == Double.self || t == Decimal.self { return "a number" }
        if name.hasPrefix("Array") || name.hasPrefix("[") { return "an array" }
        if name.hasPrefix("Dictionary") || name.hasPrefix("KeyedDecodingContainer") { return "an object" }
        return "a value of another type (\(name))"
    }

    static func describe(_ e: DecodingError) -> CopayError {
        func path(_ p: [CodingKey]) -> String {
            var s = ""
            for k in p {
                if let i = k.intValue { s += "[\(i)]" } else { s += (s.isEmpty ? "" : ".") + k.stringValue }
            }
            return s
        }
        switch e {
        case .keyNotFound(let k, let c): return CopayError(field: path(c.codingPath + [k]), "missing")
        case .typeMismatch(let t, let c): return CopayError(field: path(c.codingPath), "expected \(jsonName(t))")
        case .valueNotFound(let t, let c): return CopayError(field: path(c.codingPath), "expected \(jsonName(t)), found null")
        case .dataCorrupted(let c): return CopayError(field: path(c.codingPath), "not JSON: \(c.debugDescription)")
        @unknown default: return CopayError(field: "", "\(e)")
        }
    }

    static func yen(_ v: Int?, _ field: String) throws(CopayError) {
        guard let v, !DomainLimit.yenRange.contains(v) else { return }
        throw CopayError(field: field, "\(v) is outside \(DomainLimit.yenRange.lowerBound)…\(DomainLimit.yenRange.upperBound) yen (DomainLimit.yenRange)")
    }

    static func percent(_ v: Int?, _ field: String) throws(CopayError) {
        guard let v, !DomainLimit.ratePercentRange.contains(v) else { return }
        throw CopayError(field: field, "\(v) is outside \(DomainLimit.ratePercentRange.lowerBound)…\(DomainLimit.ratePercentRange.upperBound) % (DomainLimit.ratePercentRange)")
    }

    static func count(_ v: Int?, _ field: String) throws(CopayError) {
        guard let v, !DomainLimit.countRange.contains(v) else { return }
        throw CopayError(field: field, "\(v) is outside \(DomainLimit.countRange.lowerBound)…\(DomainLimit.countRange.upperBound) (DomainLimit.countRange)")
    }

    /// Every number of the line inside its `DomainLimit`: yen in `yenRange`, 負担割合 in `ratePercentRange`,
    /// visits and meals in `countRange`, at most `maxBillsPerCase` bills. With these bounds every sum and
    /// product the settlement forms (Σ bills ≤ 10⁴ × 10¹⁰ yen, × 100 for a percentage; meals ≤ 10⁴ × 999 ×
    /// a per-meal yen) stays far below `Int.max`.
    static func checkLimits(_ l: Line) throws(CopayError) {
        if l.id.utf8.count > DomainLimit.maxTextBytes { throw CopayError(field: "id", "over \(DomainLimit.maxTextBytes) bytes (DomainLimit.maxTextBytes)") }
        try percent(l.patient.copayRatePercent, "patient.copay_rate_percent")
        try yen(l.patient.longTermDiseaseCapYen, "patient.long_term_disease_cap_yen")
        for (n, p) in (l.publicPrograms ?? []).enumerated() {
            let f = "public_programs[\(n)]"
            try yen(p.monthlyCapYen, f + ".monthly_cap_yen")
            try yen(p.alreadyPaidYen, f + ".already_paid_yen")
            if let r = p.localRule {
                try percent(r.ratePercent, f + ".local_rule.rate_percent")
                try yen(r.perVisitYen, f + ".local_rule.per_visit_yen")
                try count(r.maxPaidVisits, f + ".local_rule.max_paid_visits")
                try yen(r.monthlyCapYen, f + ".local_rule.monthly_cap_yen")
            }
        }
        let bills = l.bills ?? []
        guard bills.count <= DomainLimit.maxBillsPerCase else {
            throw CopayError(field: "bills", "\(bills.count) bills, more than \(DomainLimit.maxBillsPerCase) (DomainLimit.maxBillsPerCase)")
        }
        for (n, b) in bills.enumerated() {
            try yen(b.yenTotal, "bills[\(n)].yen_total")
            try count(b.visits, "bills[\(n)].visits")
            try count(b.meals, "bills[\(n)].meals")
        }
        let visits = l.visits ?? []
        guard visits.count <= DomainLimit.maxVisitsPerCase else {
            throw CopayError(field: "visits", "\(visits.count) visits, more than \(DomainLimit.maxVisitsPerCase) (DomainLimit.maxVisitsPerCase)")
        }
        guard visits.reduce(0, { $0 + ($1.bills?.count ?? 1) }) <= 4 * DomainLimit.maxVisitsPerCase else {
            throw CopayError(field: "visits", "more than \(4 * DomainLimit.maxVisitsPerCase) bills in the visits (4 × DomainLimit.maxVisitsPerCase)")
        }
        for (n, v) in visits.enumerated() {
            try yen(v.yenTotal, "visits[\(n)].yen_total")
            try count(v.meals, "visits[\(n)].meals")
            for (k, b) in (v.bills ?? []).enumerated() {
                try yen(b.yenTotal, "visits[\(n)].bills[\(k)].yen_total")
                try count(b.meals, "visits[\(n)].bills[\(k)].meals")
            }
        }
        guard (l.patientChanges ?? []).count <= 31 else { throw CopayError(field: "patient_changes", "more than 31 changes in a month") }
        for (n, p) in (l.publicPrograms ?? []).enumerated() {
            guard (p.capChanges ?? []).count <= 31 else { throw CopayError(field: "public_programs[\(n)].cap_changes", "more than 31 changes in a month") }
            for (k, c) in (p.capChanges ?? []).enumerated() { try yen(c.monthlyCapYen, "public_programs[\(n)].cap_changes[\(k)].monthly_cap_yen") }
        }
    }

    static func date(_ text: String, _ field: String) throws(CopayError) -> ServiceDate {
        guard let v = ServiceDate(text) else { throw CopayError(field: field, "\"\(text)\" is not a date (YYYY-MM-DD)") }
        // Years as every door bounds them (docs/limits.md: 1868 … 9999; review 218 BM-5: a birth date 0001-01-01 was settled).
        guard DomainLimit.yearRange.contains(v.year) else {
            throw CopayError(field: field, "\(v) is not in the years \(DomainLimit.yearRange.lowerBound)…\(DomainLimit.yearRange.upperBound)")
        }
        return v
    }

    /// The patient's certificates as a situation on `date` (the programs are added by the caller).
    static func makeSituation(_ p: Line.Patient, on date: ServiceDate, field f: String) throws(CopayError) -> CopaySituation {
        let over70: Bool
        switch p.ageBand {
        case "under70": over70 = false
        case "70plus": over70 = true
        default: throw CopayError(field: f + ".age_band", "\"\(p.ageBand)\" is not under70 or 70plus")
        }
        guard let cls = IncomeClass(rawValue: p.incomeClass) else {
            throw CopayError(field: f + ".income_class", "\"\(p.incomeClass)\" is not an income class (ア〜オ, 現役並みⅢ/Ⅱ/Ⅰ, 一般, 一般Ⅰ, 一般Ⅱ, 低所得Ⅱ, 低所得Ⅰ)")
        }
        guard cls.isUnder70Class != over70 else {
            throw CopayError(field: f + ".income_class", "\(cls) is not a class of the \(p.ageBand) band")
        }
        let rates = cls.ratesAllowed(over70: over70)
        guard rates.contains(p.copayRatePercent) else {
            throw CopayError(field: f + ".copay_rate_percent", "\(p.copayRatePercent) is not a 負担割合 of \(cls) (\(rates.map { "\($0)" }.joined(separator: " or ")))")
        }
        // 特定疾病 (マル長): 10,000円, 20,000円 for 70歳未満 上位所得 (ア・イ) on 人工透析 (domain-facts.md A: 特定疾病).
        if let cap = p.longTermDiseaseCapYen {
            let allowed = !over70 && (cls == .a || cls == .i) ? [10_000, 20_000] : [10_000]
            guard allowed.contains(cap) else {
                throw CopayError(field: f + ".long_term_disease_cap_yen", "\(cap) is not a 特定疾病 limit of \(cls) (\(allowed.map { "\($0)" }.joined(separator: " or ")) 円)")
            }
        }
        var s = CopaySituation(date: date, over70: over70, incomeClass: cls, ratePercent: p.copayRatePercent,
                               inpatient: p.inpatient, manyTimes: p.manyTimes ?? false,
                               monthOf75thBirthday: p.monthOf75thBirthday ?? false,
                               longTermDiseaseCapYen: p.longTermDiseaseCapYen,
                               transitionRelief: p.outpatientTransitionRelief ?? false,
                               programs: [], mealClass: p.mealClass.map(MealClass.init(rawValue:)))
        if let b = p.birthDate {
            let birth = try Self.date(b, f + ".birth_date")
            // A patient is born by the end of the month of care (the age conditions of 公費 and 地単 count from it).
            guard birth.year * 12 + birth.month <= date.year * 12 + date.month else {
                throw CopayError(field: f + ".birth_date", "\(birth) is after the service month \(String(format4: date.year))-\(String(format2: date.month))")
            }
            s.birthDate = birth
            // The band by age: 70歳以上 from the 1st of the month after the 70th birthday is attained (高齢受給者; a 1st-of-month
            // birthday from that month); 後期高齢者 by 障害認定 from 65. A band the birth date rules out is refused.
            let age = PatientAge(birth: birth)
            if !over70 && date >= age.monthAfterAttaining(70) {
                throw CopayError(field: f + ".age_band", "under70, but the patient (born \(birth)) is 70歳以上 from \(age.monthAfterAttaining(70))")
            }
            if over70 && age.years(on: date) < 65 {
                throw CopayError(field: f + ".age_band", "70plus, but the patient (born \(birth)) is \(age.years(on: date)) on \(date) (70歳以上, or 65 with 後期高齢者 障害認定)")
            }
            // 75歳到達月 特例 (limits halved) is for the month someone turns 75 on a day other than the 1st, or a dependent
            // leaving with them: a patient whose own 75th birthday fell before the month, or on its 1st, is in 後期高齢者医療
            // for the whole month (domain-facts.md B: 75歳到達月特例, birthday not the 1st) — the flag contradicts the birth date.
            if p.monthOf75thBirthday == true {
                let turns = age.birthday(75), first = ServiceDate(year: date.year, month: date.month, day: 1) ?? date
                if turns < first || turns == first {
                    throw CopayError(field: f + ".month_of_75th_birthday", turns == first
                        ? "true, but the patient turns 75 on \(turns), the 1st of the month: 後期高齢者医療 for the whole month, no 75歳到達月 特例"
                        : "true, but the patient turned 75 on \(turns), before the service month: already in 後期高齢者医療, no 75歳到達月 特例")
                }
            }
        }
        s.limitKnown = p.limitKnown ?? true
        if let c = p.longTermCounting {
            guard let v = LongTermCounting(rawValue: c) else { throw CopayError(field: f + ".long_term_counting", "\"\(c)\" is not patient_share or copay") }
            s.longTermCounting = v
        }
        return s
    }

    static func make(_ l: Line) throws(CopayError) -> CopayCase {
        try checkLimits(l)
        let date: ServiceDate
        if let d = l.serviceDate {
            date = try Self.date(d, "service_date")
            // The day the month is settled on belongs to the month (its law parameters are that day's).
            guard String(d.prefix(7)) == l.serviceMonth else {
                throw CopayError(field: "service_date", "\(d) is not in service_month \(l.serviceMonth)")
            }
        } else {
            guard let v = ServiceDate(l.serviceMonth + "-01") else { throw CopayError(field: "service_month", "\"\(l.serviceMonth)\" is not a month (YYYY-MM)") }
            date = v
        }
        var situation = try makeSituation(l.patient, on: date, field: "patient")
        var programs: [ProgramCertificate] = []
        var dates: [ProgramDates] = []
        for (n, p) in (l.publicPrograms ?? []).enumerated() {
            let f = "public_programs[\(n)]"
            guard let law = LawNumber(rawValue: p.lawNumber) else {
                throw CopayError(field: f + ".law_number", "\"\(p.lawNumber)\" is not a 2-digit 法別番号")
            }
            if let cap = p.monthlyCapYen, cap < 0 { throw CopayError(field: f + ".monthly_cap_yen", "negative") }
            if p.localRule != nil && p.localProgram != nil { throw CopayError(field: f, "give local_rule or local_program, not both") }
            try p.localRule?.checkHighCostOrder(field: f + ".local_rule")
            programs.append(ProgramCertificate(law: law, name: p.name, monthlyCapYen: p.monthlyCapYen, alreadyPaidYen: p.alreadyPaidYen ?? 0,
                                               local: p.localRule, localProgram: p.localProgram))
            var d = ProgramDates()
            if let v = p.validFrom { d.validFrom = try Self.date(v, f + ".valid_from") }
            if let v = p.validUntil { d.validUntil = try Self.date(v, f + ".valid_until") }
            if let a = d.validFrom, let b = d.validUntil, b < a { throw CopayError(field: f + ".valid_until", "before valid_from") }
            for (k, c) in (p.capChanges ?? []).enumerated() {
                let from = try Self.date(c.from, f + ".cap_changes[\(k)].from")
                guard from.year == date.year && from.month == date.month else {
                    throw CopayError(field: f + ".cap_changes[\(k)].from", "\(from) is not in the service month \(l.serviceMonth)")
                }
                guard !d.capChanges.contains(where: { $0.from == from }) else {
                    throw CopayError(field: f + ".cap_changes[\(k)].from", "a second 上限額 change on \(from)")
                }
                if let cap = c.monthlyCapYen, cap < 0 { throw CopayError(field: f + ".cap_changes[\(k)].monthly_cap_yen", "negative") }
                d.capChanges.append((from, c.monthlyCapYen))
            }
            d.capChanges.sort { $0.from < $1.from }
            dates.append(d)
        }
        for (n, p) in programs.enumerated() {
            if let first = programs[..<n].firstIndex(where: { $0.law == p.law }) {
                throw CopayError(field: "public_programs[\(n)].law_number", "法別番号 \(p.law) is listed twice (public_programs[\(first)] and [\(n)]): one certificate each")
            }
        }
        situation.programs = programs

        func bill(_ yenTotal: Int, _ coveredBy: [String], visits: Int, meals: Int, field: String) throws(CopayError) -> CopayBill {
            var bill = CopayBill(yen: yenTotal, insurance: false, programs: [], visits: visits, meals: meals)
            guard yenTotal >= 0 else { throw CopayError(field: field + ".yen_total", "negative amount") }
            for (k, payer) in coveredBy.enumerated() {
                guard !coveredBy[..<k].contains(payer) else { throw CopayError(field: field + ".covered_by[\(k)]", "\"\(payer)\" is listed twice") }
                if payer == "insurance" { bill.insurance = true; continue }
                guard let i = programs.firstIndex(where: { $0.law.rawValue == payer }) else {
                    throw CopayError(field: field + ".covered_by[\(k)]", "\"\(payer)\" is neither insurance nor a 法別番号 of public_programs")
                }
                bill.programs.append(i)
            }
            guard !coveredBy.isEmpty else { throw CopayError(field: field + ".covered_by", "no payer") }
            // 一般Ⅰ・一般Ⅱ are classes of the 後期高齢者医療, of which a 生活保護 recipient is no 被保険者 (高齢者医療確保法第51条第1号):
            // insurance beside 12 cannot be (review 268 DK-2: the 広域連合 paid 285,000 of a 300,000 bill).
            if bill.insurance, situation.incomeClass.isLateElderlyOnly, let k = coveredBy.firstIndex(of: LawNumber.publicAssistance.rawValue) {
                throw CopayError(field: field + ".covered_by[\(k)]", "12 生活保護 beside insurance of income class \(situation.incomeClass) (後期高齢者医療): a 生活保護 recipient is no 後期高齢者医療 被保険者 (高齢者医療確保法第51条第1号) — the bill is 生活保護単独, covered_by [\"12\"]")
            }
            return bill
        }
        var bills: [CopayBill] = []
        for (n, b) in (l.bills ?? []).enumerated() {
            bills.append(try bill(b.yenTotal, b.coveredBy, visits: b.visits ?? 1, meals: b.meals ?? 0, field: "bills[\(n)]"))
        }
        var visits: [CopayVisit] = []
        for (n, v) in (l.visits ?? []).enumerated() {
            let f = "visits[\(n)]"
            let day = try Self.date(v.date, f + ".date")
            guard day.year == date.year && day.month == date.month else {
                throw CopayError(field: f + ".date", "\(day) is not in the service month \(l.serviceMonth)")
            }
            var list: [CopayBill] = []
            if let bs = v.bills {
                guard v.yenTotal == nil && v.coveredBy == nil else { throw CopayError(field: f, "give bills or yen_total and covered_by, not both") }
                for (k, b) in bs.enumerated() {
                    if b.visits != nil && b.visits != 1 { throw CopayError(field: f + ".bills[\(k)].visits", "a visit's bill is one visit") }
                    list.append(try bill(b.yenTotal, b.coveredBy, visits: 1, meals: b.meals ?? 0, field: f + ".bills[\(k)]"))
                }
            } else {
                guard let y = v.yenTotal else { throw CopayError(field: f + ".yen_total", "missing (or give bills)") }
                guard let c = v.coveredBy else { throw CopayError(field: f + ".covered_by", "missing (or give bills)") }
                list.append(try bill(y, c, visits: 1, meals: v.meals ?? 0, field: f))
            }
            guard !list.isEmpty else { throw CopayError(field: f + ".bills", "no bills") }
            // 入院時食事療養: at most three meals a day (1食につき, １日３食を限度; domain-facts.md A 食事).
            guard list.reduce(0, { $0 + $1.meals }) <= 3 else { throw CopayError(field: f + ".meals", "more than 3 meals on one day (１日３食を限度): a visit is one day — give a period's meals (中間請求, 退院時) as bills[] with meals") }
            for k in list.indices { list[k].day = Int(day.yyyymmdd) }
            visits.append(CopayVisit(date: day, bills: list, field: f))
        }
        // １日３食を限度 over the month too: the bills of a month serve at most three meals a day of it.
        let mealLimit = 3 * ServiceDate.daysInMonth(year: date.year, month: date.month)
        let monthMeals = bills.reduce(0) { $0 + $1.meals } + visits.reduce(0) { $0 + $1.bills.reduce(0) { $0 + $1.meals } }
        guard monthMeals <= mealLimit else {
            throw CopayError(field: bills.isEmpty ? "visits" : "bills", "\(monthMeals) meals in the month, more than \(mealLimit) (１日３食を限度, \(mealLimit / 3) days)")
        }
        // Meals are 入院時食事療養: an 入院外 case (without a change of the patient's situation) serves none.
        if !situation.inpatient && (l.patientChanges ?? []).isEmpty {
            if let n = bills.firstIndex(where: { $0.meals > 0 }) { throw CopayError(field: "bills[\(n)].meals", "meals in an 入院外 case (patient.inpatient false)") }
            if let n = visits.firstIndex(where: { $0.bills.contains { $0.meals > 0 } }) { throw CopayError(field: "visits[\(n)].meals", "meals in an 入院外 case (patient.inpatient false)") }
        }
        switch (bills.isEmpty, visits.isEmpty) {
        // An empty list given is the field named (review 349 GO-6: "visits": [] was reported under bills).
        case (true, true): throw CopayError(field: l.visits != nil && l.bills == nil ? "visits" : "bills",
                                            l.visits != nil && l.bills == nil ? "is empty: no visits (give visits with dates, or bills)" : "no bills (give bills, or visits with dates)")
        case (false, false): throw CopayError(field: "visits", "give bills (the month) or visits (day by day), not both")
        default: break
        }
        var changes: [(from: ServiceDate, situation: CopaySituation)] = []
        for (n, c) in (l.patientChanges ?? []).enumerated() {
            let f = "patient_changes[\(n)]"
            let from = try Self.date(c.from, f + ".from")
            guard from.year == date.year && from.month == date.month, from > date else {
                throw CopayError(field: f + ".from", "\(from) is not a later day of the service month \(l.serviceMonth)")
            }
            guard !changes.contains(where: { $0.from == from }) else { throw CopayError(field: f + ".from", "a second change on \(from)") }
            var s = try Self.makeSituation(c.patient, on: from, field: f + ".patient")
            s.programs = programs
            changes.append((from, s))
        }
        changes.sort { $0.from < $1.from }
        if visits.isEmpty {
            if !changes.isEmpty { throw CopayError(field: "patient_changes", "a mid-month change needs visits with dates") }
            for (n, d) in dates.enumerated() where d.validFrom != nil || d.validUntil != nil || !d.capChanges.isEmpty {
                throw CopayError(field: "public_programs[\(n)]", "valid_from, valid_until and cap_changes need visits with dates")
            }
        }
        // No care before the patient is born (docs/limits.md: a birth date after a service date is an error; review 136: a
        // visit 17 days before the birth was settled, a 地単 乳幼児 age check passing).
        if let birth = situation.birthDate {
            if let v = visits.first(where: { $0.date < birth }) {
                throw CopayError(field: v.field + ".date", "\(v.date) is before the patient's birth date \(birth) (patient.birth_date)")
            }
            if l.serviceDate != nil, date < birth {
                throw CopayError(field: "service_date", "\(date) is before the patient's birth date \(birth) (patient.birth_date)")
            }
        }
        visits.sort { $0.date < $1.date }   // stable: same-day visits keep their order
        var out = CopayCase(id: l.id, situation: situation, bills: bills)
        out.visits = visits
        out.changes = changes
        out.programDates = dates
        return out
    }
}

/// One visit of the day-level form: its date and bills (one visit each; program indices into the situation).
public struct CopayVisit: Sendable {
    public var date: ServiceDate
    public var bills: [CopayBill]
    /// `visits[n]` of the input, for errors.
    public var field: String
}

/// When a certificate applies within the month (受給者証 starting or ending mid-month) and its 上限額
/// changes (難病 自己負担上限額管理票: a new 上限 from a date).
public struct ProgramDates: Sendable {
    public var validFrom: ServiceDate?
    public var validUntil: ServiceDate?
    public var capChanges: [(from: ServiceDate, monthlyCapYen: Int?)] = []
    public init() {}
    public func valid(on d: ServiceDate) -> Bool { (validFrom.map { $0 <= d } ?? true) && (validUntil.map { d <= $0 } ?? true) }
}

/// The output line of `santei copay` (docs/copay-format.md).
public struct CopayCaseResult: Encodable, Sendable {
    public struct Receipt: Encodable, Sendable {
        public struct KO: Encodable, Sendable {
            var lawNumber: String; var burdenYen: Int; var targetCopayYen: Int
            enum CodingKeys: String, CodingKey { case lawNumber = "law_number", burdenYen = "burden_yen", targetCopayYen = "target_copay_yen" }
        }
        var hoBurdenYen: Int?
        var ko: [KO]
        enum CodingKeys: String, CodingKey { case hoBurdenYen = "ho_burden_yen", ko }
    }
    public struct Meals: Encodable, Sendable {
        var count: Int; var perMealYen: Int; var patientYen: Int; var coveredYen: Int
        enum CodingKeys: String, CodingKey { case count, perMealYen = "per_meal_yen", patientYen = "patient_yen", coveredYen = "covered_yen" }
    }
    /// One visit of the day-level form.
    public struct VisitLine: Encodable, Sendable {
        var date: String
        var receipt: Int
        var windowYen: Int
        var shareYen: Int
        var mealYen: Int
        var rounding: String
        var pays: [String: Int]
        var monthPaidYen: Int
        var ledger: [String: PayerAmounts]
        enum CodingKeys: String, CodingKey {
            case date, receipt, windowYen = "window_yen", shareYen = "share_yen", mealYen = "meal_yen", rounding, pays
            case monthPaidYen = "month_paid_yen", ledger
        }
    }
    /// One receipt of a day-level month (a new one from each `patient_changes` date).
    public struct ReceiptLine: Encodable, Sendable {
        var from: String
        var patientYen: Int
        var windowTotalYen: Int
        var payers: [String: PayerAmounts]
        var receipt: Receipt
        enum CodingKeys: String, CodingKey { case from, patientYen = "patient_yen", windowTotalYen = "window_total_yen", payers, receipt }
    }
    public var id: String
    public var line: Int
    public var patientYen: Int
    public var payers: [String: PayerAmounts]
    public var receipt: Receipt
    public var meals: Meals?
    public var explanation: [String]
    /// 償還払い 地単: what each pays back after the month (nothing was taken off at the window).
    public var reimbursedLater: [String: Int]?
    /// No 認定証 (`limit_known: false`): the 高額療養費 the insurer pays back after the month.
    public var highCostRefundYen: Int?
    /// Day-level form: Σ window payments, each visit, and the receipts when the insurance changed mid-month.
    public var windowTotalYen: Int?
    public var visits: [VisitLine]?
    public var receipts: [ReceiptLine]?
    enum CodingKeys: String, CodingKey {
        case id, line, patientYen = "patient_yen", payers, receipt, meals, explanation
        case reimbursedLater = "reimbursed_later", highCostRefundYen = "high_cost_refund_yen"
        case windowTotalYen = "window_total_yen", visits, receipts
    }

    static func payers(_ s: Settlement) -> [String: PayerAmounts] {
        var payers: [String: PayerAmounts] = [:]
        if let i = s.insurance { payers["insurance"] = i }
        for p in s.programs { payers[p.law.rawValue] = p.amounts }
        return payers
    }
    static func receipt(_ s: Settlement) -> Receipt {
        Receipt(hoBurdenYen: s.hoBurdenYen, ko: s.koBurdens.map { Receipt.KO(lawNumber: $0.law.rawValue, burdenYen: $0.burdenYen, targetCopayYen: $0.targetCopayYen) })
    }

    public init(id: String, line: Int, settlement s: Settlement) {
        self.id = id
        self.line = line
        patientYen = s.patientYen
        payers = Self.payers(s)
        receipt = Self.receipt(s)
        meals = s.meals.map { Meals(count: $0.count, perMealYen: $0.perMealYen, patientYen: $0.patientYen, coveredYen: $0.coveredYen) }
        explanation = s.explanation
        var later: [String: Int] = [:]
        for (k, y) in s.reimbursedLaterYen.enumerated() where y > 0 && k < s.programs.count { later[s.programs[k].law.rawValue] = y }
        reimbursedLater = later.isEmpty ? nil : later
        highCostRefundYen = s.highCostRefundYen
    }

    /// The day-level result: the month's figures (summed over the receipts), each visit, and the receipts
    /// when there is more than one.
    public init(id: String, line: Int, days d: DaySequence) {
        let lastReceipt = d.receipts[d.receipts.count - 1].settlement
        self.init(id: id, line: line, settlement: lastReceipt)
        if d.receipts.count > 1 {
            var sum: [String: PayerAmounts] = [:]
            var explanation: [String] = []
            var later: [String: Int] = [:]
            var refund = 0, anyRefund = false
            var mealCount = 0, mealPatient = 0, mealCovered = 0, perMeal = 0
            for (n, r) in d.receipts.enumerated() {
                for (k, v) in Self.payers(r.settlement) {
                    var a = sum[k] ?? PayerAmounts()
                    a.chargedYen += v.chargedYen; a.paidYen += v.paidYen; a.remainingYen += v.remainingYen
                    sum[k] = a
                }
                explanation.append("receipt \(n + 1) from \(r.from):")
                explanation += r.settlement.explanation.map { "  " + $0 }
                for (k, y) in r.settlement.reimbursedLaterYen.enumerated() where y > 0 && k < r.settlement.programs.count {
                    later[r.settlement.programs[k].law.rawValue, default: 0] += y
                }
                if let h = r.settlement.highCostRefundYen { refund += h; anyRefund = true }
                if let m = r.settlement.meals { mealCount += m.count; mealPatient += m.patientYen; mealCovered += m.coveredYen; perMeal = m.perMealYen }
            }
            payers = sum
            // The HO/KO 負担金額 of the receipts, summed (each receipt's own are in `receipts`).
            var ho = 0, ko: [(law: String, burden: Int, target: Int)] = []
            for r in d.receipts {
                ho += r.settlement.hoBurdenYen ?? 0
                for k in r.settlement.koBurdens {
                    if let i = ko.firstIndex(where: { $0.law == k.law.rawValue }) {
                        ko[i].burden += k.burdenYen
                        ko[i].target += k.targetCopayYen
                    } else {
                        ko.append((k.law.rawValue, k.burdenYen, k.targetCopayYen))
                    }
                }
            }
            receipt = Receipt(hoBurdenYen: d.receipts.contains { $0.settlement.hoBurdenYen != nil } ? ho : nil,
                              ko: ko.map { Receipt.KO(lawNumber: $0.law, burdenYen: $0.burden, targetCopayYen: $0.target) })
            self.explanation = explanation
            reimbursedLater = later.isEmpty ? nil : later
            highCostRefundYen = anyRefund ? refund : nil
            meals = mealCount > 0 ? Meals(count: mealCount, perMealYen: perMeal, patientYen: mealPatient, coveredYen: mealCovered) : nil
            receipts = d.receipts.map {
                ReceiptLine(from: "\($0.from)", patientYen: $0.settlement.patientYen, windowTotalYen: $0.windowTotalYen,
                            payers: Self.payers($0.settlement), receipt: Self.receipt($0.settlement))
            }
        }
        patientYen = d.patientYen
        windowTotalYen = d.windowTotalYen
        visits = d.visits.map { v in
            var pays: [String: Int] = [:]
            if v.charge.settlement.insurance != nil { pays["insurance"] = v.charge.insurancePaysYen }
            for p in v.charge.programsPayYen { pays[p.law.rawValue] = p.yen }
            return VisitLine(date: "\(v.date)", receipt: v.receipt, windowYen: v.charge.patientYen, shareYen: v.charge.unroundedYen,
                             mealYen: v.charge.mealYen, rounding: v.charge.rounding, pays: pays, monthPaidYen: v.monthPaidYen,
                             ledger: Self.payers(v.charge.settlement))
        }
    }

    /// One JSON line (keys sorted), no line break.
    public func json() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? [UInt8](e.encode(self))) ?? Array("{\"error\":\"cannot encode\",\"line\":\(line)}".utf8)
    }

    /// `{"error": "…", "line": N}` (with the id when it was read).
    public static func errorJSON(_ message: String, line: Int, id: String? = nil) -> [UInt8] {
        struct E: Encodable { var error: String; var line: Int; var id: String? }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? [UInt8](e.encode(E(error: message, line: line, id: id)))) ?? Array("{\"line\":\(line)}".utf8)
    }
}
