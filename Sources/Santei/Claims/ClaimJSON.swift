import Foundation

/// Reads a claim line (docs/claim-format.md) straight from UTF-8 bytes and writes priced claims
/// straight to bytes: the batch hot path, without Foundation's JSON coding. Errors name the field
/// path as a clerk would look for it (`encounters[0].orders[1].items[2].code`).
/// `JSONDecoder`/`JSONEncoder` on the same types stay the reference the tests compare against.
public enum ClaimJSON {
    /// Reads one claim line: strict JSON (`StrictJSON`: depth, size, duplicate keys, UTF-8, literals,
    /// numbers) in one pass, then the claim's values checked at the door (`ClaimCheck`). A claim that
    /// comes back from here has real dates, one month, known 診療識別, codes of the right lengths and
    /// every number inside its `DomainLimit`; errors name the JSON path and carry the claim id when it
    /// was read.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(ClaimError) -> Claim {
        var unknown: [String] = []
        return try parse(bytes, unknownFields: &unknown)
    }

    /// `parse`, and the JSON paths of keys that are no field of the claim format (ignored; the pricing doors note them).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, unknownFields: inout [String]) throws(ClaimError) -> Claim {
        guard bytes.count <= DomainLimit.maxLineBytes else {
            throw ClaimError(message: "not JSON: a claim line of \(bytes.count > DomainLimit.maxLineBytes + 1 ? "\(bytes.count) bytes" : "more than \(DomainLimit.maxLineBytes) bytes") is over the limit of \(DomainLimit.maxLineBytes) bytes (DomainLimit.maxLineBytes)")
        }
        var s = Scanner(b: bytes)
        do throws(ClaimError) {
            let claim = try s.claim()
            s.ws()
            guard s.i == bytes.count else { throw s.syntax("unexpected text after the claim") }
            try ClaimCheck.validate(claim)
            unknownFields = s.unknown
            return claim
        } catch {
            var e = error
            // A fault found before the reader reached `"id"` (review 99 W1: `"id"` written after the faulty key): the
            // error record still names the claim when the line is JSON with a string id (read again on this path only).
            if e.claimID == nil { e.claimID = s.claimID ?? CopayCase.idOf(ArraySlice(bytes)) }
            throw e
        }
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(ClaimError) -> Claim {
        var unknown: [String] = []
        return try parse(bytes, unknownFields: &unknown)
    }

    public static func parse(_ bytes: ArraySlice<UInt8>, unknownFields: inout [String]) throws(ClaimError) -> Claim {
        var result: Result<Claim, ClaimError> = .failure(ClaimError(message: "empty"))
        bytes.withUnsafeBufferPointer { p in
            do throws(ClaimError) { result = .success(try parse(p, unknownFields: &unknownFields)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// The note a pricing door adds for keys no field of the claim format has.
    public static func unknownFieldsNote(_ paths: [String]) -> String? {
        guard !paths.isEmpty else { return nil }
        return "\(paths.joined(separator: ", ")): not \(paths.count == 1 ? "a field" : "fields") of the claim format, ignored — check the spelling (docs/claim-format.md)"
    }

    /// 数量/使用量 text (digits, at most one point, at most 5 decimals) in 1/100000, or nil when it is not
    /// such a number; a value past `DomainLimit.maxQuantityScaled` gives `Int.max` (the caller names the limit).
    static func decimal5<C: Collection>(_ text: C) -> Int? where C.Element == UInt8 {
        guard !text.isEmpty else { return nil }
        var v = 0, decimals = -1, digits = 0
        for c in text {
            if c == UInt8(ascii: ".") { guard decimals < 0, digits > 0 else { return nil }; decimals = 0; continue }
            guard c >= 48 && c <= 57 else { return nil }
            guard decimals < 5 else { return nil }   // more than 5 decimals: not a 使用量
            digits += 1
            if decimals >= 0 { decimals += 1 }
            guard let w = Checked.mul(v, 10).flatMap({ Checked.add($0, Int(c - 48)) }) else { v = .max; continue }
            v = w
        }
        guard digits > 0, decimals != 0 else { return nil }
        if v == .max { return .max }
        var scale = decimals < 0 ? 5 : 5 - decimals
        while scale > 0 { guard let w = Checked.mul(v, 10) else { return .max }; v = w; scale -= 1 }
        return v
    }

    struct Scanner {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0
        /// Nesting depth of the container being read (1 inside the claim object).
        var depth = 0
        /// The claim's `id`, once read (errors carry it).
        var claimID: String?
        /// Orders and items read so far (the per-claim bounds of `DomainLimit`).
        var orderCount = 0
        var itemCount = 0
        /// Keys of no field of the claim format, by JSON path (`skipUnknown`).
        var unknown: [String] = []

        mutating func ws() { StrictJSON.skipWhitespace(b, &i) }

        func syntax(_ what: String) -> ClaimError {
            // A byte order mark before a line other than the first (files joined): named, not just a bad byte (review 75 P08).
            if i == 0 && b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
                return ClaimError(message: "not JSON: the line starts with a UTF-8 byte order mark (EF BB BF; only the file's first line may have one): remove it")
            }
            return ClaimError(message: "not JSON: \(what) at byte \(i + 1)")
        }
        /// At the end of the line the value is missing, not wrong: the line was cut short (review 75 P09).
        func field(_ path: @autoclosure () -> String, _ what: String) -> ClaimError {
            let p = path()
            return ClaimError(message: (p.isEmpty ? "not JSON: " : "\(p): ") + what + (i >= b.count ? " — the line ends here (cut short?)" : ""))
        }
        /// What stands where a value was expected, for the message: `'` (single quotes), `}` / `]` (a trailing comma?), a
        /// printable character, or the byte (review 190 AK7: "expected a string" alone, or with an empty path).
        func found() -> String {
            guard i < b.count else { return "" }
            let c = b[i]
            switch c {
            case UInt8(ascii: "'"): return ", found ' at byte \(i + 1) (JSON strings are in double quotes)"
            case UInt8(ascii: "}"), UInt8(ascii: "]"): return ", found '\(Character(Unicode.Scalar(c)))' at byte \(i + 1) (a comma before it with nothing after?)"
            case 0x21...0x7E: return ", found '\(Character(Unicode.Scalar(c)))' at byte \(i + 1)"
            default: return ", found byte 0x\(String(c, radix: 16, uppercase: true)) at byte \(i + 1)"
            }
        }
        static func json(_ e: JSONInputError) -> ClaimError {
            ClaimError(message: "not JSON: " + (e.path.isEmpty ? "" : e.path + ": ") + "\(e.message) at byte \(e.offset + 1)")
        }

        mutating func peek() -> UInt8? { ws(); return i < b.count ? b[i] : nil }

        mutating func expect(_ c: UInt8) throws(ClaimError) {
            guard peek() == c else { throw syntax("expected '\(Character(Unicode.Scalar(c)))'") }
            i += 1
        }

        /// Reads `null` when it is there (exactly `null`: `nul`, `nullx` are errors).
        mutating func isNull() throws(ClaimError) -> Bool {
            guard peek() == UInt8(ascii: "n") else { return false }
            let at = i
            let bytes = b
            do throws(JSONInputError) { _ = try StrictJSON.literal(b, &i, path: Self.path(at: at, in: bytes)) } catch { throw Self.json(error) }
            return true
        }

        /// A JSON string's content (escapes decoded, UTF-8 and control characters checked).
        mutating func string(_ path: @autoclosure () -> String) throws(ClaimError) -> String {
            guard peek() == UInt8(ascii: "\"") else { throw field(path(), "expected a string" + found()) }
            do throws(JSONInputError) { return try StrictJSON.string(b, &i, path: path()) } catch { throw Self.json(error) }
        }

        /// A number's raw text, by the JSON number grammar.
        mutating func numberText(_ path: @autoclosure () -> String) throws(ClaimError) -> UnsafeBufferPointer<UInt8>? {
            ws()
            guard i < b.count, b[i] == UInt8(ascii: "-") || (b[i] >= 48 && b[i] <= 57) else { return nil }
            do throws(JSONInputError) {
                let r = try StrictJSON.number(b, &i, path: path())
                return UnsafeBufferPointer(rebasing: b[r])
            } catch { throw Self.json(error) }
        }

        mutating func bool(_ path: @autoclosure () -> String) throws(ClaimError) -> Bool {
            guard let c = peek(), c == UInt8(ascii: "t") || c == UInt8(ascii: "f") else { throw field(path(), "expected true or false") }
            let v: Bool?
            do throws(JSONInputError) { v = try StrictJSON.literal(b, &i, path: path()) } catch { throw Self.json(error) }
            guard let v else { throw field(path(), "expected true or false") }
            return v
        }

        /// A whole number (no fraction, no exponent) that fits in `Int`; its range is checked by `ClaimCheck`.
        mutating func int(_ path: @autoclosure () -> String) throws(ClaimError) -> Int {
            guard let t = try numberText(path()), !t.isEmpty else { throw field(path(), "expected a whole number") }
            var v = 0
            let negative = t[0] == UInt8(ascii: "-")
            for c in t[(negative ? 1 : 0)...] {
                // 1e17, 2.0: a number, but not written as a whole number (review 361 HA-5: "expected a whole number" for 1e17).
                guard c >= 48 && c <= 57 else { throw field(path(), "\(String(decoding: t, as: UTF8.self)) is not a whole number written without a fraction or an exponent") }
                guard let w = Checked.mul(v, 10).flatMap({ negative ? Checked.sub($0, Int(c - 48)) : Checked.add($0, Int(c - 48)) }) else {
                    throw field(path(), "\(String(decoding: t, as: UTF8.self)) is out of range")
                }
                v = w
            }
            return v
        }

        /// 数量/使用量: a number or a decimal string, kept exact in 1/100000, at most `DomainLimit.maxQuantityScaled`.
        mutating func quantity(_ path: @autoclosure () -> String) throws(ClaimError) -> Claim.Quantity {
            let text: [UInt8]
            if peek() == UInt8(ascii: "\"") { text = Array(try string(path()).utf8) }
            else if let t = try numberText(path()) { text = Array(t) } else { throw field(path(), "expected a number") }
            return try Claim.Quantity.checked(text, path: path())
        }

        /// Skips the value of an unknown key, validating it strictly (iteratively, depth-bounded).
        /// A key the claim format does not have: skipped, and its path kept (at most 20) so the answer can say so — a
        /// misspelt `time_bnd` priced as 時間内 without a word (review 58).
        mutating func skipUnknown(_ key: String, _ path: @autoclosure () -> String) throws(ClaimError) {
            if unknown.count < 20 { let p = path(); unknown.append(p.isEmpty ? key : p + "." + key) }
            try skip()
        }

        mutating func skip() throws(ClaimError) {
            ws()
            let at = i, depth = depth, bytes = b
            do throws(JSONInputError) {
                try StrictJSON.skipValue(b, &i, depth: depth, path: Self.path(at: at, in: bytes))
            } catch { throw Self.json(error) }
        }

        mutating func object(_ path: @autoclosure () -> String, _ body: (inout Scanner, String) throws(ClaimError) -> Void) throws(ClaimError) {
            guard peek() == UInt8(ascii: "{") else {
                guard path().isEmpty else { throw field(path(), "expected an object") }
                // A line that is JSON, but a string, number, literal or array, is not "not JSON": say what is wrong with it.
                var k = i
                if let c = peek() {
                    var fault: JSONInputError?
                    do throws(JSONInputError) { try StrictJSON.skipValue(b, &k, depth: depth, path: "") } catch { fault = error }
                    // An array nested past the limit is named as such (review 335 FZ-3: "expected an object" hid the depth).
                    if let fault, fault.message.hasPrefix("nesting deeper") { throw Self.json(fault) }
                    if fault == nil {
                        throw ClaimError(message: "a claim is a JSON object ({\"patient\": …, \"encounters\": […]}); this is a JSON \(c == 34 ? "string" : c == 91 ? "array" : c == 110 ? "null" : c == 116 || c == 102 ? "true/false" : "number") at byte \(i + 1)")
                    }
                }
                throw syntax("expected an object")
            }
            guard depth < DomainLimit.maxJSONDepth else { throw syntax("nesting deeper than \(DomainLimit.maxJSONDepth) levels (DomainLimit.maxJSONDepth)") }
            i += 1
            depth += 1
            defer { depth -= 1 }
            if peek() == UInt8(ascii: "}") { i += 1; return }
            var keys = KeySet()
            while true {
                let keyStart = i
                ws()
                let open = i
                let key = try string(path())
                guard keys.insert(key, raw: (open + 1)..<(i - 1), in: b) else {
                    let p = path()
                    throw ClaimError(message: "not JSON: \(p.isEmpty ? "" : p + ": ")duplicate key \"\(key)\" at byte \(keyStart + 1)")
                }
                try expect(UInt8(ascii: ":"))
                try body(&self, key)
                switch peek() {
                case UInt8(ascii: ","): i += 1
                case UInt8(ascii: "}"): i += 1; return
                default: throw syntax("expected ',' or '}'")
                }
            }
        }

        mutating func array(_ path: @autoclosure () -> String, limit: Int = .max, _ what: @autoclosure () -> String = "",
                             _ body: (inout Scanner, Int) throws(ClaimError) -> Void) throws(ClaimError) {
            guard peek() == UInt8(ascii: "[") else { throw field(path(), "expected an array") }
            guard depth < DomainLimit.maxJSONDepth else { throw syntax("nesting deeper than \(DomainLimit.maxJSONDepth) levels (DomainLimit.maxJSONDepth)") }
            i += 1
            depth += 1
            defer { depth -= 1 }
            if peek() == UInt8(ascii: "]") { i += 1; return }
            var n = 0
            while true {
                guard n < limit else { throw field(path(), "more than \(limit) \(what())") }
                try body(&self, n)
                n += 1
                switch peek() {
                case UInt8(ascii: ","): i += 1
                case UInt8(ascii: "]"): i += 1; return
                default: throw syntax("expected ',' or ']'")
                }
            }
        }

        /// The JSON path (`encounters[0].orders[1].items[2].code`) of the value that starts at byte `target`,
        /// found again by walking the bytes before it (read already, so valid JSON): paths are spelled out only
        /// for an error, never while a good claim is read.
        static func path(at target: Int, in b: UnsafeBufferPointer<UInt8>) -> String {
            enum Frame { case object(String), array(Int) }
            var frames: [Frame] = []
            var k = 0
            func render() -> String {
                var out = ""
                for f in frames {
                    switch f {
                    case .object(let key): out = out.isEmpty ? key : out + "." + key
                    case .array(let n): out += "[\(n)]"
                    }
                }
                return out
            }
            func ws() { StrictJSON.skipWhitespace(b, &k) }
            // Walks one value; the path when `target` is at or inside it.
            func walk() -> String? {
                ws()
                if k == target { return render() }
                guard k < b.count, k < target else { return nil }
                switch b[k] {
                case UInt8(ascii: "{"):
                    k += 1; ws()
                    if k < b.count, b[k] == UInt8(ascii: "}") { k += 1; return nil }
                    while k < b.count {
                        ws()
                        guard let key = try? StrictJSON.string(b, &k, path: "") else { return nil }
                        ws()
                        guard k < b.count, b[k] == UInt8(ascii: ":") else { return nil }
                        k += 1
                        frames.append(.object(key))
                        if let found = walk() { return found }
                        frames.removeLast()
                        ws()
                        guard k < b.count, b[k] == UInt8(ascii: ",") else { k += 1; return nil }
                        k += 1
                    }
                    return nil
                case UInt8(ascii: "["):
                    k += 1; ws()
                    if k < b.count, b[k] == UInt8(ascii: "]") { k += 1; return nil }
                    var n = 0
                    while k < b.count {
                        frames.append(.array(n))
                        if let found = walk() { return found }
                        frames.removeLast()
                        ws()
                        guard k < b.count, b[k] == UInt8(ascii: ",") else { k += 1; return nil }
                        k += 1; n += 1
                    }
                    return nil
                case UInt8(ascii: "\""):
                    _ = try? StrictJSON.string(b, &k, path: "")
                    return nil
                default:
                    while k < b.count, !StrictJSON.isWhitespace(b[k]), b[k] != UInt8(ascii: ","), b[k] != UInt8(ascii: "}"), b[k] != UInt8(ascii: "]") { k += 1 }
                    return nil
                }
            }
            return walk() ?? ""
        }

        func required<T>(_ v: T?, _ path: @autoclosure () -> String) throws(ClaimError) -> T {
            guard let v else { throw ClaimError(message: "missing field \(path())") }
            return v
        }

        /// The keys of one object (duplicates are refused). Up to 16 keys without escapes are kept as
        /// their byte ranges in the input, inline (no allocation per object: a claim has dozens of
        /// objects); past 16 keys, or once a key has an escape, the decoded keys go into a set.
        struct KeySet {
            private var spans: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            private var count = 0
            private var large: Set<String>? = nil

            /// `raw`: the key's bytes between its quotes in `b`.
            mutating func insert(_ key: String, raw: Range<Int>, in b: UnsafeBufferPointer<UInt8>) -> Bool {
                if large == nil {
                    let inline = count < 16 && raw.count < 1 << 24 && raw.lowerBound < 1 << 39 && !b[raw].contains(92)
                    if inline {
                        for k in 0..<count {
                            let (start, length) = span(k)
                            if length == raw.count && (length == 0 || memcmp(b.baseAddress! + start, b.baseAddress! + raw.lowerBound, length) == 0) { return false }
                        }
                        withUnsafeMutableBytes(of: &spans) { $0.storeBytes(of: UInt64(raw.lowerBound) << 24 | UInt64(raw.count), toByteOffset: count * 8, as: UInt64.self) }
                        count += 1
                        return true
                    }
                    // The keys so far have no escape: their bytes are their text.
                    var set = Set<String>()
                    for k in 0..<count {
                        let (start, length) = span(k)
                        set.insert(String(decoding: UnsafeBufferPointer(rebasing: b[start..<(start + length)]), as: UTF8.self))
                    }
                    large = set
                }
                return large!.insert(key).inserted
            }

            private func span(_ k: Int) -> (start: Int, length: Int) {
                let v = withUnsafeBytes(of: spans) { $0.load(fromByteOffset: k * 8, as: UInt64.self) }
                return (Int(v >> 24), Int(v & 0xFF_FFFF))
            }
        }

        mutating func claim() throws(ClaimError) -> Claim {
            var id: String?, patient: Claim.Patient?, facility: Claim.Facility?, encounters: [Claim.Encounter]?, insurance: Claim.Insurance?
            var inpatient: Bool?, diseases: [Claim.Disease]?, admission: Claim.Admission?
            try object("") { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "id": id = try s.string("id"); s.claimID = id
                case "inpatient": if !(try s.isNull()) { inpatient = try s.bool("inpatient") }
                case "diseases":
                    if try s.isNull() { return }
                    var list: [Claim.Disease] = []
                    try s.array("diseases") { (s: inout Scanner, n: Int) throws(ClaimError) in list.append(try s.disease("diseases[\(n)]")) }
                    diseases = list
                case "patient": patient = try s.patient()
                case "facility": if !(try s.isNull()) { facility = try s.facility() }
                case "insurance": if !(try s.isNull()) { insurance = try s.insurance() }
                case "admission": if !(try s.isNull()) { admission = try s.admission() }
                case "encounters":
                    var list: [Claim.Encounter] = []
                    try s.array("encounters", limit: DomainLimit.maxEncountersPerClaim, "encounters in one claim (DomainLimit.maxEncountersPerClaim)") { (s: inout Scanner, n: Int) throws(ClaimError) in
                        list.append(try s.encounter("encounters[\(n)]"))
                    }
                    encounters = list
                default: try s.skipUnknown(key, "")
                }
            }
            return Claim(id: try required(id, "id"), patient: try required(patient, "patient"), facility: facility,
                         encounters: try required(encounters, "encounters"), inpatient: inpatient, diseases: diseases, admission: admission, insurance: insurance)
        }

        mutating func disease(_ p: String) throws(ClaimError) -> Claim.Disease {
            var d = Claim.Disease(code: "")
            var code: String?
            try object(p) { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "code": code = try s.string(p + ".code")
                case "start": if !(try s.isNull()) { d.start = try s.string(p + ".start") }
                case "main": if !(try s.isNull()) { d.main = try s.bool(p + ".main") }
                case "name": if !(try s.isNull()) { d.name = try s.string(p + ".name") }
                case "outcome": if !(try s.isNull()) { d.outcome = try s.string(p + ".outcome") }
                case "modifiers":
                    if try s.isNull() { return }
                    var list: [String] = []
                    try s.array(p + ".modifiers") { (s: inout Scanner, n: Int) throws(ClaimError) in list.append(try s.string(p + ".modifiers[\(n)]")) }
                    d.modifiers = list
                default: try s.skipUnknown(key, p)
                }
            }
            d.code = try required(code, p + ".code")
            return d
        }

        /// `insurance` (optional; docs/claim-format.md).
        mutating func insurance() throws(ClaimError) -> Claim.Insurance {
            var cls: String?, rate: Int?, inpatient: Bool?, many: Bool?, cap: Int?, programs: [Claim.Insurance.Program]?, mealClass: String?
            try object("insurance") { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "income_class": cls = try s.string("insurance.income_class")
                case "rate_percent": if !(try s.isNull()) { rate = try s.int("insurance.rate_percent") }
                case "inpatient": if !(try s.isNull()) { inpatient = try s.bool("insurance.inpatient") }
                case "many_times": if !(try s.isNull()) { many = try s.bool("insurance.many_times") }
                case "long_term_disease_cap_yen": if !(try s.isNull()) { cap = try s.int("insurance.long_term_disease_cap_yen") }
                case "meal_class": if !(try s.isNull()) { mealClass = try s.string("insurance.meal_class") }
                case "public_programs":
                    if try s.isNull() { return }
                    var list: [Claim.Insurance.Program] = []
                    try s.array("insurance.public_programs") { (s: inout Scanner, n: Int) throws(ClaimError) in
                        let p = "insurance.public_programs[\(n)]"
                        var law: String?, monthly: Int?, already: Int?
                        try s.object(p) { (s: inout Scanner, key: String) throws(ClaimError) in
                            switch key {
                            case "law_number": law = try s.string(p + ".law_number")
                            case "monthly_cap_yen": if !(try s.isNull()) { monthly = try s.int(p + ".monthly_cap_yen") }
                            case "already_paid_yen": if !(try s.isNull()) { already = try s.int(p + ".already_paid_yen") }
                            default: try s.skipUnknown(key, p)
                            }
                        }
                        list.append(Claim.Insurance.Program(lawNumber: try s.required(law, p + ".law_number"), monthlyCapYen: monthly, alreadyPaidYen: already))
                    }
                    programs = list
                default: try s.skipUnknown(key, "insurance")
                }
            }
            return Claim.Insurance(incomeClass: try required(cls, "insurance.income_class"), ratePercent: rate, inpatient: inpatient,
                                   manyTimes: many, longTermDiseaseCapYen: cap, mealClass: mealClass, publicPrograms: programs)
        }

        mutating func patient() throws(ClaimError) -> Claim.Patient {
            var birth: String?, sex: String?, id: String?, lateElderly: Bool?
            try object("patient") { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "birth_date": birth = try s.string("patient.birth_date")
                case "sex": if !(try s.isNull()) { sex = try s.string("patient.sex") }
                case "id": if !(try s.isNull()) { id = try s.string("patient.id") }
                case "late_elderly": if !(try s.isNull()) { lateElderly = try s.bool("patient.late_elderly") }
                default: try s.skipUnknown(key, "patient")
                }
            }
            return Claim.Patient(birthDate: try required(birth, "patient.birth_date"), sex: sex, id: id, lateElderly: lateElderly)
        }

        mutating func facility() throws(ClaimError) -> Claim.Facility {
            var f = Claim.Facility(kind: nil, beds: nil, standards: nil)
            try object("facility") { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "kind": if !(try s.isNull()) { f.kind = try s.string("facility.kind") }
                case "beds": if !(try s.isNull()) { f.beds = try s.int("facility.beds") }
                case "prefecture":
                    if try s.isNull() { return }
                    let p = try s.string("facility.prefecture")
                    guard p.utf8.count == 2, let n = Int(p), (1...47).contains(n) else {
                        throw ClaimError(message: "facility.prefecture: \"\(p)\" is not a 都道府県番号 01…47")
                    }
                    f.prefecture = p
                case "pharmacist": if !(try s.isNull()) { f.pharmacist = try s.bool("facility.pharmacist") }
                case "facts":
                    if try s.isNull() { return }
                    var list: [String] = []
                    try s.array("facility.facts") { (s: inout Scanner, n: Int) throws(ClaimError) in
                        list.append(try s.string("facility.facts[\(n)]"))
                    }
                    f.facts = list
                case "standards":
                    if try s.isNull() { return }
                    var list: [Claim.Facility.Standard] = []
                    try s.array("facility.standards") { (s: inout Scanner, n: Int) throws(ClaimError) in
                        var code: Int?, from: String?
                        let p = "facility.standards[\(n)]"
                        try s.object(p) { (s: inout Scanner, key: String) throws(ClaimError) in
                            switch key {
                            case "code": code = try s.int(p + ".code")
                            case "from": from = try s.string(p + ".from")
                            default: try s.skipUnknown(key, p)
                            }
                        }
                        list.append(Claim.Facility.Standard(code: try s.required(code, p + ".code"), from: try s.required(from, p + ".from")))
                    }
                    f.standards = list
                default: try s.skipUnknown(key, "facility")
                }
            }
            return f
        }

        mutating func encounter(_ p: @autoclosure () -> String) throws(ClaimError) -> Claim.Encounter {
            var date: String?, band: String?, department: String?, visit: String?, orders: [Claim.Order]?, dispensing: String?, arrival: String?
            var nineUnits: Bool?, facts: [String]?
            try object(p()) { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "date": date = try s.string(p() + ".date")
                case "time_band": if !(try s.isNull()) { band = try s.string(p() + ".time_band") }
                case "department": if !(try s.isNull()) { department = try s.string(p() + ".department") }
                case "visit": if !(try s.isNull()) { visit = try s.string(p() + ".visit") }
                case "dispensing": if !(try s.isNull()) { dispensing = try s.string(p() + ".dispensing") }
                case "arrival": if !(try s.isNull()) { arrival = try s.string(p() + ".arrival") }
                case "rehabilitation_nine_units": if !(try s.isNull()) { nineUnits = try s.bool(p() + ".rehabilitation_nine_units") }
                case "facts":
                    if try s.isNull() { return }
                    var list: [String] = []
                    try s.array(p() + ".facts") { (s: inout Scanner, n: Int) throws(ClaimError) in
                        list.append(try s.string(p() + ".facts[\(n)]"))
                    }
                    facts = list
                case "orders":
                    var list: [Claim.Order] = []
                    try s.array(p() + ".orders") { (s: inout Scanner, n: Int) throws(ClaimError) in
                        s.orderCount += 1
                        guard s.orderCount <= DomainLimit.maxOrdersPerClaim else {
                            throw s.field(p() + ".orders[\(n)]", "more than \(DomainLimit.maxOrdersPerClaim) orders in one claim (DomainLimit.maxOrdersPerClaim)")
                        }
                        list.append(try s.order(p() + ".orders[\(n)]"))
                    }
                    orders = list
                default: try s.skipUnknown(key, p())
                }
            }
            return Claim.Encounter(date: try required(date, p() + ".date"), timeBand: band, department: department, visit: visit,
                                   orders: try required(orders, p() + ".orders"), dispensing: dispensing, arrival: arrival, rehabilitationNineUnits: nineUnits,
                                   facts: facts)
        }

        mutating func order(_ p: @autoclosure () -> String) throws(ClaimError) -> Claim.Order {
            var category: Int?, items: [Claim.Item]?, times: Int?, comments: [Claim.Comment]?, stated: Int?, dispensing: String?, temporary: Bool?
            var antineoplasticConsent: Bool?
            try object(p()) { (s: inout Scanner, key: String) throws(ClaimError) in
                switch key {
                case "category": category = try s.int(p() + ".category")
                case "times": if !(try s.isNull()) { times = try s.int(p() + ".times") }
                case "stated_points": if !(try s.isNull()) { stated = try s.int(p() + ".stated_points") }
                case "dispensing": if !(try s.isNull()) { dispensing = try s.string(p() + ".dispensing") }
                case "temporary": if !(try s.isNull()) { temporary = try s.bool(p() + ".temporary") }
                case "antineoplastic_consent": if !(try s.isNull()) { antineoplasticConsent = try s.bool(p() + ".antineoplastic_consent") }
                case "items":
                    var list: [Claim.Item] = []
                    try s.array(p() + ".items") { (s: inout Scanner, n: Int) throws(ClaimError) in
                        func q() -> String { p() + ".items[\(n)]" }
                        s.itemCount += 1
                        guard s.itemCount <= DomainLimit.maxItemsPerClaim else {
                            throw s.field(q(), "more than \(DomainLimit.maxItemsPerClaim) items in one claim (DomainLimit.maxItemsPerClaim)")
                        }
                        var code: String?, quantity: Claim.Quantity?, generic: Bool?, psychotropic: String?
                        try s.object(q()) { (s: inout Scanner, key: String) throws(ClaimError) in
                            switch key {
                            case "code": code = try s.string(q() + ".code")
                            case "quantity": if !(try s.isNull()) { quantity = try s.quantity(q() + ".quantity") }
                            case "generic_name": if !(try s.isNull()) { generic = try s.bool(q() + ".generic_name") }
                            case "psychotropic": if !(try s.isNull()) { psychotropic = try s.string(q() + ".psychotropic") }
                            default: try s.skipUnknown(key, q())
                            }
                        }
                        list.append(Claim.Item(code: try s.required(code, q() + ".code"), quantity: quantity, genericName: generic, psychotropic: psychotropic))
                    }
                    items = list
                case "comments":
                    if try s.isNull() { return }
                    var list: [Claim.Comment] = []
                    try s.array(p() + ".comments") { (s: inout Scanner, n: Int) throws(ClaimError) in
                        var c = Claim.Comment(code: nil, text: nil)
                        try s.object(p() + ".comments[\(n)]") { (s: inout Scanner, key: String) throws(ClaimError) in
                            switch key {
                            case "code": if !(try s.isNull()) { c.code = try s.string(p() + ".comments[\(n)].code") }
                            case "text": if !(try s.isNull()) { c.text = try s.string(p() + ".comments[\(n)].text") }
                            default: try s.skipUnknown(key, p() + ".comments[\(n)]")
                            }
                        }
                        list.append(c)
                    }
                    comments = list
                default: try s.skipUnknown(key, p())
                }
            }
            return Claim.Order(category: try required(category, p() + ".category"), items: try required(items, p() + ".items"), times: times, comments: comments,
                               statedPoints: stated, dispensing: dispensing, temporary: temporary, antineoplasticConsent: antineoplasticConsent)
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

    static func putInts(_ list: [Int], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (n, v) in list.enumerated() { if n > 0 { out.append(44) }; put(v, &out) }
        out.append(UInt8(ascii: "]"))
    }

    static func putStrings(_ list: [String], _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (n, s) in list.enumerated() { if n > 0 { out.append(44) }; put(s, &out) }
        out.append(UInt8(ascii: "]"))
    }

    /// One output line of `santei price` (keys sorted), without the line break.
    public static func write(_ p: PricedClaim, line: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        if let admission = p.admission { key("admission", &out); admission.write(into: &out); out.append(44) }
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
            if let included = o.included { key("included_items", &out); putInts(included, &out); out.append(44) }
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

    /// `{"error": "…", "id": "…", "line": N}` (`id` when the claim's id was read before the error).
    public static func writeError(_ message: String, line: Int, id: String? = nil, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{")); key("error", &out); put(message, &out); out.append(44)
        // An id past the text limit (refused for it) is echoed up to the limit only, marked "…" (review 349 GO-7: a 1 MB id gave a
        // 1 MB error line).
        if let id {
            key("id", &out)
            if id.utf8.count <= DomainLimit.maxTextBytes { put(id, &out) } else { put(String(decoding: id.utf8.prefix(DomainLimit.maxTextBytes), as: UTF8.self) + "…", &out) }
            out.append(44)
        }
        key("line", &out); put(line, &out); out.append(UInt8(ascii: "}"))
    }
}
