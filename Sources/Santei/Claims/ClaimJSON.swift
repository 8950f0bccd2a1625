/// Reads a claim line (docs/claim-format.md) straight from UTF-8 bytes and writes priced claims
/// straight to bytes: the batch hot path, without Foundation's JSON coding. Errors name the field
/// path as a clerk would look for it (`encounters[0].orders[1].items[2].code`).
/// `JSONDecoder`/`JSONEncoder` on the same types stay the reference the tests compare against.
public enum ClaimJSON {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(ClaimError) -> Claim {
        var s = Scanner(b: bytes)
        let claim = try s.claim()
        s.ws()
        guard s.i == bytes.count else { throw s.syntax("unexpected text after the claim") }
        return claim
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(ClaimError) -> Claim {
        var result: Result<Claim, ClaimError> = .failure(ClaimError(message: "empty"))
        bytes.withUnsafeBufferPointer { p in
            do throws(ClaimError) { result = .success(try parse(p)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    struct Scanner {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        mutating func ws() { while i < b.count, b[i] == 32 || b[i] == 10 || b[i] == 13 || b[i] == 9 { i += 1 } }

        func syntax(_ what: String) -> ClaimError { ClaimError(message: "not JSON: \(what) at byte \(i + 1)") }
        func field(_ path: String, _ what: String) -> ClaimError { ClaimError(message: "\(path): \(what)") }

        mutating func peek() -> UInt8? { ws(); return i < b.count ? b[i] : nil }

        mutating func expect(_ c: UInt8) throws(ClaimError) {
            guard peek() == c else { throw syntax("expected '\(Character(Unicode.Scalar(c)))'") }
            i += 1
        }

        mutating func isNull() -> Bool {
            if peek() == UInt8(ascii: "n"), i + 4 <= b.count, b[i + 1] == 117, b[i + 2] == 108, b[i + 3] == 108 { i += 4; return true }
            return false
        }

        /// A JSON string's content (escapes decoded).
        mutating func string(_ path: String) throws(ClaimError) -> String {
            guard peek() == UInt8(ascii: "\"") else { throw field(path, "expected a string") }
            i += 1
            let start = i
            while i < b.count && b[i] != UInt8(ascii: "\"") && b[i] != UInt8(ascii: "\\") { i += 1 }
            if i < b.count && b[i] == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            var out = Array(b[start..<i])
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
                if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
                guard i + 1 < b.count else { break }
                let e = b[i + 1]; i += 2
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4() else { throw syntax("bad \\u escape") }
                    if (0xD800...0xDBFF).contains(scalar), i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { throw syntax("bad surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw syntax("bad \\u escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default: throw syntax("bad escape")
                }
            }
            throw syntax("unterminated string")
        }

        mutating func hex4() -> UInt32? {
            guard i + 4 <= b.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<4 {
                let c = b[i + k]
                let d: UInt32
                switch c {
                case 48...57: d = UInt32(c - 48)
                case 65...70: d = UInt32(c - 55)
                case 97...102: d = UInt32(c - 87)
                default: return nil
                }
                v = v << 4 | d
            }
            i += 4
            return v
        }

        /// A number's raw text (for exact decimals).
        mutating func numberText() -> UnsafeBufferPointer<UInt8>? {
            ws()
            let start = i
            while i < b.count, (48...57).contains(b[i]) || b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") || b[i] == UInt8(ascii: "+") { i += 1 }
            return i > start ? UnsafeBufferPointer(rebasing: b[start..<i]) : nil
        }

        mutating func bool(_ path: String) throws(ClaimError) -> Bool {
            if peek() == UInt8(ascii: "t"), i + 4 <= b.count, b[i + 1] == 114, b[i + 2] == 117, b[i + 3] == 101 { i += 4; return true }
            if peek() == UInt8(ascii: "f"), i + 5 <= b.count, b[i + 1] == 97, b[i + 2] == 108, b[i + 3] == 115, b[i + 4] == 101 { i += 5; return false }
            throw field(path, "expected true or false")
        }

        mutating func int(_ path: String) throws(ClaimError) -> Int {
            guard let t = numberText(), let v = Int(String(decoding: t, as: UTF8.self)) else { throw field(path, "expected a whole number") }
            return v
        }

        /// 数量/使用量: a number or a decimal string, kept exact in 1/100000.
        mutating func quantity(_ path: String) throws(ClaimError) -> Claim.Quantity {
            let text: [UInt8]
            if peek() == UInt8(ascii: "\"") { text = Array(try string(path).utf8) }
            else if let t = numberText() { text = Array(t) } else { throw field(path, "expected a number") }
            guard let v = UKEFields.decimal5(text, 0..<text.count) else {
                throw field(path, "quantity \"\(String(decoding: text, as: UTF8.self))\" is not a decimal number with at most 5 decimals")
            }
            return Claim.Quantity(scaled: v)
        }

        mutating func skip() throws(ClaimError) {
            switch peek() {
            case UInt8(ascii: "\""): _ = try string("")
            case UInt8(ascii: "{"): try object("") { (s: inout Scanner, _: String) throws(ClaimError) in try s.skip() }
            case UInt8(ascii: "["): try array("") { (s: inout Scanner, _: Int) throws(ClaimError) in try s.skip() }
            case UInt8(ascii: "t"): i += 4
            case UInt8(ascii: "f"): i += 5
            case UInt8(ascii: "n"): i += 4
            default: guard numberText() != nil else { throw syntax("unexpected character") }
            }
        }

        mutating func object(_ path: String, _ body: (inout Scanner, String) throws(ClaimError) -> Void) throws(ClaimError) {
            guard peek() == UInt8(ascii: "{") else { throw path.isEmpty ? syntax("expected an object") : field(path, "expected an object") }
            i += 1
            if peek() == UInt8(ascii: "}") { i += 1; return }
            while true {
                let key = try string(path)
                try expect(UInt8(ascii: ":"))
                try body(&self, key)
                switch peek() {
                case UInt8(ascii: ","): i += 1
                case UInt8(ascii: "}"): i += 1; return
                default: throw syntax("expected ',' or '}'")
                }
            }
        }

        mutating func array(_ path: String, _ body: (inout Scanner, Int) throws(ClaimError) -> Void) throws(ClaimError) {
            guard peek() == UInt8(ascii: "[") else { throw field(path, "expected an array") }
            i += 1
            if peek() == UInt8(ascii: "]") { i += 1; return }
            var n = 0
            while true {
                try body(&self, n)
                n += 1
                switch peek() {
                case UInt8(ascii: ","): i += 1
                case UInt8(ascii: "]"): i += 1; return
                default: throw syntax("expected ',' or ']'")
                }
            }
        }

        func required<T>(_ v: T?, _ path: String) throws(ClaimError) -> T {
            guard let v else { throw ClaimError(message: "missing field \(path)") }
            return v
        }

        mutating func claim() throws(ClaimError) -> Claim {
            var id: String?, patient: Claim.Patient?, facility: Claim.Facility?, encounters: [Claim.Encounter]?, insurance: Claim.Insurance?
            var inpatient: Bool?, diseases: [Claim.Disease]?
            try object("") { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "id": id = try s.string("id")
                case "inpatient": if !s.isNull() { inpatient = try s.bool("inpatient") }
                case "diseases":
                    if s.isNull() { return }
                    var list: [Claim.Disease] = []
                    try s.array("diseases") { (s: inout Scanner, n: Int) throws(ClaimError) in list.append(try s.disease("diseases[\(n)]")) }
                    diseases = list
                case "patient": patient = try s.patient()
                case "facility": if !s.isNull() { facility = try s.facility() }
                case "insurance": if !s.isNull() { insurance = try s.insurance() }
                case "encounters":
                    var list: [Claim.Encounter] = []
                    try s.array("encounters") { (s: inout Scanner, n: Int) throws(ClaimError) in list.append(try s.encounter("encounters[\(n)]")) }
                    encounters = list
                default: try s.skip()
                }
            }
            return Claim(id: try required(id, "id"), patient: try required(patient, "patient"), facility: facility,
                         encounters: try required(encounters, "encounters"), inpatient: inpatient, diseases: diseases, insurance: insurance)
        }

        mutating func disease(_ p: String) throws(ClaimError) -> Claim.Disease {
            var d = Claim.Disease(code: "")
            var code: String?
            try object(p) { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "code": code = try s.string(p + ".code")
                case "start": if !s.isNull() { d.start = try s.string(p + ".start") }
                case "main": if !s.isNull() { d.main = try s.bool(p + ".main") }
                case "name": if !s.isNull() { d.name = try s.string(p + ".name") }
                case "modifiers":
                    if s.isNull() { return }
                    var list: [String] = []
                    try s.array(p + ".modifiers") { (s: inout Scanner, n: Int) throws(ClaimError) in list.append(try s.string(p + ".modifiers[\(n)]")) }
                    d.modifiers = list
                default: try s.skip()
                }
            }
            d.code = try required(code, p + ".code")
            return d
        }

        /// `insurance` (optional; docs/claim-format.md).
        mutating func insurance() throws(ClaimError) -> Claim.Insurance {
            var cls: String?, rate: Int?, inpatient: Bool?, many: Bool?, cap: Int?, programs: [Claim.Insurance.Program]?
            try object("insurance") { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "income_class": cls = try s.string("insurance.income_class")
                case "rate_percent": if !s.isNull() { rate = try s.int("insurance.rate_percent") }
                case "inpatient": if !s.isNull() { inpatient = try s.bool("insurance.inpatient") }
                case "many_times": if !s.isNull() { many = try s.bool("insurance.many_times") }
                case "long_term_disease_cap_yen": if !s.isNull() { cap = try s.int("insurance.long_term_disease_cap_yen") }
                case "public_programs":
                    if s.isNull() { return }
                    var list: [Claim.Insurance.Program] = []
                    try s.array("insurance.public_programs") { (s: inout Scanner, n: Int) throws(ClaimError) in
                        let p = "insurance.public_programs[\(n)]"
                        var law: String?, monthly: Int?, already: Int?
                        try s.object(p) { (s: inout Scanner, key: String) throws(ClaimError) in
                            switch key {
                            case "law_number": law = try s.string(p + ".law_number")
                            case "monthly_cap_yen": if !s.isNull() { monthly = try s.int(p + ".monthly_cap_yen") }
                            case "already_paid_yen": if !s.isNull() { already = try s.int(p + ".already_paid_yen") }
                            default: try s.skip()
                            }
                        }
                        list.append(Claim.Insurance.Program(lawNumber: try s.required(law, p + ".law_number"), monthlyCapYen: monthly, alreadyPaidYen: already))
                    }
                    programs = list
                default: try s.skip()
                }
            }
            return Claim.Insurance(incomeClass: try required(cls, "insurance.income_class"), ratePercent: rate, inpatient: inpatient,
                                   manyTimes: many, longTermDiseaseCapYen: cap, publicPrograms: programs)
        }

        mutating func patient() throws(ClaimError) -> Claim.Patient {
            var birth: String?, sex: String?, id: String?, lateElderly: Bool?
            try object("patient") { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "birth_date": birth = try s.string("patient.birth_date")
                case "sex": if !s.isNull() { sex = try s.string("patient.sex") }
                case "id": if !s.isNull() { id = try s.string("patient.id") }
                case "late_elderly": if !s.isNull() { lateElderly = try s.bool("patient.late_elderly") }
                default: try s.skip()
                }
            }
            return Claim.Patient(birthDate: try required(birth, "patient.birth_date"), sex: sex, id: id, lateElderly: lateElderly)
        }

        mutating func facility() throws(ClaimError) -> Claim.Facility {
            var f = Claim.Facility(kind: nil, beds: nil, standards: nil)
            try object("facility") { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "kind": if !s.isNull() { f.kind = try s.string("facility.kind") }
                case "beds": if !s.isNull() { f.beds = try s.int("facility.beds") }
                case "standards":
                    if s.isNull() { return }
                    var list: [Claim.Facility.Standard] = []
                    try s.array("facility.standards") { (s: inout Scanner, n: Int) throws(ClaimError) in
                        var code: Int?, from: String?
                        let p = "facility.standards[\(n)]"
                        try s.object(p) { (s: inout Scanner, key: String) throws(ClaimError) in
                            switch key {
                            case "code": code = try s.int(p + ".code")
                            case "from": from = try s.string(p + ".from")
                            default: try s.skip()
                            }
                        }
                        list.append(Claim.Facility.Standard(code: try s.required(code, p + ".code"), from: try s.required(from, p + ".from")))
                    }
                    f.standards = list
                default: try s.skip()
                }
            }
            return f
        }

        mutating func encounter(_ p: String) throws(ClaimError) -> Claim.Encounter {
            var date: String?, band: String?, department: String?, visit: String?, orders: [Claim.Order]?
            try object(p) { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "date": date = try s.string(p + ".date")
                case "time_band": if !s.isNull() { band = try s.string(p + ".time_band") }
                case "department": if !s.isNull() { department = try s.string(p + ".department") }
                case "visit": if !s.isNull() { visit = try s.string(p + ".visit") }
                case "orders":
                    var list: [Claim.Order] = []
                    try s.array(p + ".orders") { (s: inout Scanner, n: Int) throws(ClaimError) in list.append(try s.order(p + ".orders[\(n)]")) }
                    orders = list
                default: try s.skip()
                }
            }
            return Claim.Encounter(date: try required(date, p + ".date"), timeBand: band, department: department, visit: visit,
                                   orders: try required(orders, p + ".orders"))
        }

        mutating func order(_ p: String) throws(ClaimError) -> Claim.Order {
            var category: Int?, items: [Claim.Item]?, times: Int?, comments: [Claim.Comment]?
            try object(p) { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "category": category = try s.int(p + ".category")
                case "times": if !s.isNull() { times = try s.int(p + ".times") }
                case "items":
                    var list: [Claim.Item] = []
                    try s.array(p + ".items") { (s: inout Scanner, n: Int) throws(ClaimError) in
                        let q = p + ".items[\(n)]"
                        var code: String?, quantity: Claim.Quantity?
                        try s.object(q) { (s: inout Scanner, key: String) throws(ClaimError) in
                            switch key {
                            case "code": code = try s.string(q + ".code")
                            case "quantity": if !s.isNull() { quantity = try s.quantity(q + ".quantity") }
                            default: try s.skip()
                            }
                        }
                        list.append(Claim.Item(code: try s.required(code, q + ".code"), quantity: quantity))
                    }
                    items = list
                case "comments":
                    if s.isNull() { return }
                    var list: [Claim.Comment] = []
                    try s.array(p + ".comments") { (s: inout Scanner, n: Int) throws(ClaimError) in
                        var c = Claim.Comment(code: nil, text: nil)
                        try s.object(p + ".comments[\(n)]") { (s: inout Scanner, key: String) throws(ClaimError) in
                            switch key {
                            case "code": if !s.isNull() { c.code = try s.string(p + ".comments[\(n)].code") }
                            case "text": if !s.isNull() { c.text = try s.string(p + ".comments[\(n)].text") }
                            default: try s.skip()
                            }
                        }
                        list.append(c)
                    }
                    comments = list
                default: try s.skip()
                }
            }
            return Claim.Order(category: try required(category, p + ".category"), items: try required(items, p + ".items"), times: times, comments: comments)
        }
    }
}

extension ClaimJSON {
    /// Appends a JSON string (escaping `"`, `\` and control characters; other text as UTF-8).
    static func put(_ s: String, _ out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            out.append(UInt8(ascii: "\""))
            var start = 0
            for (i, c) in bytes.enumerated() where c < 32 || c == 34 || c == 92 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                switch c {
                case UInt8(ascii: "\""): out += [92, 34]
                case UInt8(ascii: "\\"): out += [92, 92]
                case 10: out += [92, UInt8(ascii: "n")]
                case 13: out += [92, UInt8(ascii: "r")]
                case 9: out += [92, UInt8(ascii: "t")]
                default:
                    let hex: StaticString = "0123456789abcdef"
                    out += [92, UInt8(ascii: "u"), 48, 48, hex.utf8Start[Int(c >> 4)], hex.utf8Start[Int(c & 15)]]
                }
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            out.append(UInt8(ascii: "\""))
        }
    }

    /// Decimal digits of `v` without a String.
    static func put(_ v: Int, _ out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        var m = v.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[19 - n] = UInt8(48 + m % 10); m /= 10; n += 1 } while m > 0
            out.append(contentsOf: d[(20 - n)...])
        }
    }
    static func key(_ k: StaticString, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\"")); out += UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount); out += [34, 58]
    }

    static func putMap(_ m: [String: Int], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (n, (k, v)) in m.sorted(by: { $0.key < $1.key }).enumerated() {
            if n > 0 { out.append(44) }
            put(k, &out); out.append(58); put(v, &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func putStrings(_ list: [String], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (n, s) in list.enumerated() { if n > 0 { out.append(44) }; put(s, &out) }
        out.append(UInt8(ascii: "]"))
    }

    /// One output line of `santei price` (keys sorted), without the line break.
    public static func write(_ p: PricedClaim, line: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        key("by_category", &out); putMap(p.byCategory, &out); out.append(44)
        key("by_column", &out); putMap(p.byColumn, &out); out.append(44)
        key("by_encounter", &out); out.append(UInt8(ascii: "["))
        for (n, v) in p.byEncounter.enumerated() { if n > 0 { out.append(44) }; put(v, &out) }
        out.append(UInt8(ascii: "]")); out.append(44)
        key("complete", &out); out += Array((p.complete ? "true" : "false").utf8); out.append(44)
        if let copay = p.copay { key("copay", &out); out += copay.json(); out.append(44) }
        key("id", &out); put(p.id, &out); out.append(44)
        key("issues", &out); putStrings(p.issues, &out); out.append(44)
        key("line", &out); put(line, &out); out.append(44)
        if !p.notes.isEmpty { key("notes", &out); putStrings(p.notes, &out); out.append(44) }
        key("orders", &out); out.append(UInt8(ascii: "["))
        for (n, o) in p.orders.enumerated() {
            if n > 0 { out.append(44) }
            out.append(UInt8(ascii: "{"))
            if let added = o.added { key("added_items", &out); putStrings(added, &out); out.append(44) }
            key("category", &out); put(o.category, &out); out.append(44)
            if let code = o.code { key("code", &out); put(code, &out); out.append(44) }
            key("derived", &out); out += Array((o.derived ? "true" : "false").utf8); out.append(44)
            key("encounter", &out); put(o.encounter, &out); out.append(44)
            key("explanation", &out); putStrings(o.explanation, &out); out.append(44)
            if let issue = o.issue { key("issue", &out); put(issue, &out); out.append(44) }
            key("order", &out); put(o.order, &out); out.append(44)
            if let c = o.pointColumn { key("point_column", &out); put(c, &out); out.append(44) }
            if let pts = o.points { key("points", &out); put(pts, &out); out.append(44) }
            key("times", &out); put(o.times, &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]")); out.append(44)
        key("total_points", &out); put(p.totalPoints, &out)
        out.append(UInt8(ascii: "}"))
    }

    /// `{"error": "…", "line": N}`.
    public static func writeError(_ message: String, line: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{")); key("error", &out); put(message, &out); out.append(44); key("line", &out); put(line, &out); out.append(UInt8(ascii: "}"))
    }
}
