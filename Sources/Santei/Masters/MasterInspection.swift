/// What `santei masters inspect` shows: one code's version valid on a date, its fields decoded
/// into words, and its relations in the 医科電子点数表. Structured so tests and vendors can use it
/// without parsing text.
public struct MasterInspection: Sendable {
    public struct Line: Sendable, Equatable {
        public var label: String
        public var value: String
    }

    public var kind: MasterKind
    public var code: String
    public var date: ServiceDate
    public var chain: String
    public var validFrom: ServiceDate
    public var validTo: ServiceDate
    public var lines: [Line]
    /// 電子点数表 relations, grouped by table.
    public var relations: [(table: String, lines: [String])]

    /// The kind a code belongs to by its form: 9 digits starting 1 → 診療行為, 6 → 医薬品, 7 → 特定器材,
    /// 8 → コメント; 7 digits → 傷病名; 4 digits → 修飾語.
    public static func kind(ofCode code: String) -> MasterKind? {
        guard code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else { return nil }
        switch (code.count, code.first) {
        case (9, "1"): return .procedure
        case (9, "6"): return .drug
        case (9, "7"): return .device
        case (9, "8"): return .comment
        case (7, _): return .disease
        case (4, _): return .modifier
        default: return nil
        }
    }

    /// Why `code` (quoted as `shown`) is no master's code: a 9-digit one whose first digit names no master is told so (review 401
    /// IO-4: 999999999 was told to have 9 digits), any other by the lengths.
    public static func notACodeReason(_ code: String, shown: String) -> String {
        if code.utf8.count == 9, code.utf8.allSatisfy({ (48...57).contains($0) }) {
            return "\(shown) is no master's code: the first digit of a 9-digit code names its master (1 診療行為, 6 医薬品, 7 特定器材, 8 コメント), and \(code.prefix(1)) names none"
        }
        return "\(shown) is not a master code (9 digits for 診療行為/医薬品/特定器材/コメント, 7 for 傷病名, 4 for 修飾語)"
    }

    /// Why `inspect` found nothing: with a `kind` the code's shape does not name, that master is said to be the
    /// wrong one (review 417 JE-12: `112007410 --kind y` was "has no version valid").
    public static func notFoundReason(_ code: String, kind explicitKind: MasterKind?, on date: ServiceDate) -> String {
        if let k = explicitKind, let shaped = Self.kind(ofCode: code), shaped != k {
            return "the \(k.rawValue) master (\(k.japaneseName)) has no code \(code): a code of its shape is a \(shaped.japaneseName) (\(shaped.rawValue)) code"
        }
        return "\(code) has no version valid on \(date)"
    }

    /// Inspects a code. Nil when the code has no version valid on the date; throws when no loaded
    /// master covers the date.
    public static func inspect(_ set: MasterSet, code: String, kind explicitKind: MasterKind? = nil, on date: ServiceDate) throws(MasterLookupError) -> MasterInspection? {
        guard let kind = explicitKind ?? Self.kind(ofCode: code), let numeric = UInt64(code) else { return nil }
        let chain = try set.resolve(kind, on: date)
        let t = chain.table
        guard let i = t.codeIndex(of: numeric), let v = t.version(ofCode: i, on: date) else { return nil }
        var result = MasterInspection(kind: kind, code: code, date: date, chain: chain.label, validFrom: t.validFrom(v),
                                      validTo: t.validTo(v), lines: [], relations: [])
        let add = { (label: String, value: String) in result.lines.append(Line(label: label, value: value)) }
        switch kind {
        case .procedure:
            describeProcedure(t, v, add, standards: set.facilityStandards, on: date)
            result.relations = relations(set, code: numeric, on: date)
        case .drug:
            let P = DrugColumn.self
            add("名称", t.string(v, P.name))
            add("金額", "\(t.string(v, P.price)) 円/\(t.string(v, P.unitName)) (金額種別 \(words(DrugPriceKind.self, t.string(v, P.priceKind))))")
            add("後発品", t.string(v, P.generic))
            if !t.string(v, P.selectedTherapyClass).isEmpty { add("選定療養区分", t.string(v, P.selectedTherapyClass)) }
        case .device:
            let P = DeviceColumn.self
            add("名称", t.string(v, P.name))
            add("金額", "\(t.string(v, P.price)) 円/\(t.string(v, P.unitName)) (金額種別 \(words(DevicePriceKind.self, t.string(v, P.priceKind))))")
        case .comment:
            add("コメント文", t.string(v, CommentColumn.text))
            add("パターン", words(CommentPattern.self, t.string(v, CommentColumn.pattern)))
        case .disease:
            add("傷病名", t.string(v, DiseaseColumn.name))
            add("省略名称", t.string(v, DiseaseColumn.abbreviatedName))
            add("ICD-10", t.string(v, DiseaseColumn.icd10First))
            add("移行先コード", t.string(v, DiseaseColumn.successorCode))
        case .modifier:
            add("修飾語", t.string(v, ModifierColumn.name))
        default:
            break
        }
        add("変更年月日", t.string(v, kind.layout.startColumn))
        add("廃止年月日", t.string(v, kind.layout.endColumn))
        return result
    }

    static func describeProcedure(_ t: MasterTable, _ v: Int, _ add: (String, String) -> Void,
                                  standards list: FacilityStandardList, on date: ServiceDate) {
        let P = ProcedureColumn.self
        let isAddOn = ["7", "9"].contains(t.string(v, P.noticeClass1))
        add("名称", t.string(v, P.abbreviatedName))
        add("基本名称", t.string(v, P.basicName))
        let kind = PointKind(field: t.string(v, P.pointKind))
        let amount = t.string(v, P.points)
        let unit = kind == PointKind(rawValue: 1) ? "円" : kind == PointKind(rawValue: 5) || kind == PointKind(rawValue: 6) ? "%" : "点"
        add("点数", "\(amount) \(unit) (点数識別 \(words(PointKind.self, t.string(v, P.pointKind))))")
        add("区分番号", sectionNumber(t, v))
        add("入外適用区分", words(InpatientApplicability.self, t.string(v, P.inpatientApplicability)))
        add("後期高齢者医療適用区分", words(ElderlyApplicability.self, t.string(v, P.elderlyApplicability)))
        add("点数欄集計先（入院外／入院）", words(PointColumn.self, t.string(v, P.pointColumnOutpatient)) + " ／ " + words(PointColumn.self, t.string(v, P.pointColumnInpatient)))
        add("注加算コード・通番", t.string(v, P.addOnCode) + " / " + t.string(v, P.addOnSerial))
        add("年齢条件", "通則年齢 \(t.string(v, P.generalAgeRule)), 下限年齢 \(ageWords(t.string(v, P.minimumAge))), 上限年齢 \(ageWords(t.string(v, P.maximumAge)))")
        var ageAddOns: [String] = []
        for k in 0..<4 {
            let c = P.ageAddOnFirst + 3 * k
            let addOn = t.string(v, c + 2)
            if addOn != "0" && !addOn.isEmpty { ageAddOns.append("\(ageWords(t.string(v, c)))〜\(ageWords(t.string(v, c + 1))): \(addOn)") }
        }
        if !ageAddOns.isEmpty { add("年齢加算", ageAddOns.joined(separator: "; ")) }
        let time = TimeAddOnClass(field: t.string(v, P.timeAddOnClass))
        add("時間加算区分", time.map { "\($0.rawValue): " + ($0.meaning(isAddOnItem: isAddOn) ?? $0.meaning ?? "?") } ?? t.string(v, P.timeAddOnClass))
        if t.string(v, P.kizamiKind) != "0" {
            add("きざみ", "識別 \(t.string(v, P.kizamiKind)), 下限 \(t.string(v, P.kizamiLower)), 上限 \(t.string(v, P.kizamiUpper)), きざみ値 \(t.string(v, P.kizamiStep)), きざみ点数 \(t.string(v, P.kizamiPoints)), 上下限エラー処理 \(t.string(v, P.kizamiErrorHandling))")
        } else {
            add("きざみ", "なし")
        }
        add("上限回数", t.string(v, P.maximumCount) == "0" ? "なし" : "\(t.string(v, P.maximumCount)) (エラー処理 \(t.string(v, P.maximumCountErrorHandling)))")
        var standards: [String] = []
        for k in 0..<P.facilityStandardCount {
            let s = t.string(v, P.facilityStandardFirst + k)
            // Names from the set's 別紙7-8 list (dated data, issue 12 item 5).
            if s != "0" && !s.isEmpty { standards.append(FacilityStandard(field: s).flatMap { list.name($0.rawValue, on: date) }.map { "\(s) \($0)" } ?? s) }
        }
        add("施設基準", standards.isEmpty ? "なし" : standards.joined(separator: "; "))
        add("包括対象検査", words(BundledTestGroup.self, t.string(v, P.bundledTestGroup)))
        add("検査等実施判断区分・グループ", words(JudgementClass.self, t.string(v, P.judgementClass)) + " / " + words(JudgementGroup.self, t.string(v, P.judgementGroup)))
    }

    /// 区分番号 as printed in the 点数表, e.g. "A000" or "D007 注1" from コード表用番号.
    static func sectionNumber(_ t: MasterTable, _ v: Int) -> String {
        let P = ProcedureColumn.self
        let letter = t.string(v, P.codeTableAlphabet)
        let number = t.string(v, P.sectionNumber)
        let branch = t.string(v, P.branchNumber)
        var s = letter + number
        if branch != "00" && !branch.isEmpty { s += "-\(Int(branch) ?? 0)" }
        let table = t.string(v, P.tableSectionNumber)
        return table.isEmpty ? s : "\(s) (点数表区分番号 \(table))"
    }

    static func relations(_ set: MasterSet, code: UInt64, on date: ServiceDate) -> [(table: String, lines: [String])] {
        var out: [(String, [String])] = []
        func valid(_ kind: MasterKind) -> MasterTable? { try? set.table(kind, on: date) }
        if let t = valid(.countLimit) {
            let rows = t.versions(where: 1, is: code).filter { t.isValid($0, on: date) }
            let lines = rows.map { "\(t.string($0, 5))回 / \(t.string($0, 4)) (算定単位 \(t.string($0, 3)))" + (t.string($0, 6) == "1" ? " 特例条件あり" : "") }
            if !lines.isEmpty { out.append(("05 算定回数", lines)) }
        }
        for kind in MasterKind.conflictKinds {
            guard let t = valid(kind) else { continue }
            var lines: [String] = []
            for (mine, other) in [(1, 3), (3, 1)] {
                for r in t.versions(where: mine, is: code) where t.isValid(r, on: date) {
                    let resolution = t.string(r, 5)
                    let winner: String
                    switch (resolution, mine) {
                    case ("1", 1), ("2", 3): winner = "this code is billed"
                    case ("1", 3), ("2", 1): winner = "the partner is billed"
                    default: winner = "either one"
                    }
                    lines.append("\(t.string(r, other)) \(t.string(r, other + 1)) — 背反区分 \(resolution): \(winner)" + (t.string(r, 6) == "1" ? " (特例条件あり)" : ""))
                }
            }
            if !lines.isEmpty { out.append((kind.rawValue + " " + kind.japaneseName, lines)) }
        }
        if let aux = valid(.auxiliary), let i = aux.codeIndex(of: code), let v = aux.version(ofCode: i, on: date) {
            let group = aux.string(v, 19)
            if group != "000" && !group.isEmpty, let ib = valid(.inpatientBasic) {
                let rows = ib.versions(where: 1, is: UInt64(group) ?? 0).filter { ib.isValid($0, on: date) }
                out.append(("04 入院基本料 (グループ \(group))", rows.prefix(20).map { "\(ib.string($0, 2)) \(ib.string($0, 3)) 加算識別 \(ib.string($0, 4))" } + (rows.count > 20 ? ["… \(rows.count - 20) more"] : [])))
            }
            var inclusion: [String] = []
            for k in 0..<3 {
                let unit = aux.string(v, 3 + 2 * k), g = aux.string(v, 4 + 2 * k)
                guard unit != "0" && unit != "00" && !unit.isEmpty else { continue }
                var line = "包括単位 \(words(InclusionUnit.self, unit)), グループ \(g)"
                if let inc = valid(.inclusion) {
                    let rows = inc.versions(where: 1, is: KeyPacking.pack(g)).filter { inc.isValid($0, on: date) }
                    line += ": \(rows.count) codes" + (rows.isEmpty ? "" : " (" + rows.prefix(5).map { inc.string($0, 2) }.joined(separator: ", ") + (rows.count > 5 ? ", …" : "") + ")")
                } else {
                    line += " (02包括テーブル not loaded)"
                }
                inclusion.append(line)
            }
            if !inclusion.isEmpty { out.append(("02 包括", inclusion)) }
        }
        if let inc = valid(.inclusion) {
            let groups = inc.versions(where: 2, is: code).filter { inc.isValid($0, on: date) }.map { inc.string($0, 1) }
            if !groups.isEmpty { out.append(("02 包括 (included in groups)", groups)) }
        }
        return out
    }

    static func words<T: MasterCodeList>(_ type: T.Type, _ field: String) -> String where T.RawValue == Int {
        guard let value = T(field: field) else { return field.isEmpty ? "(empty)" : field }
        return value.meaning.map { "\(field) \($0)" } ?? field
    }

    static func words<T: MasterCodeList>(_ type: T.Type, _ field: String) -> String where T.RawValue == String {
        guard let value = T(rawValue: field) else { return field }
        return value.meaning.map { "\(field) \($0)" } ?? field
    }

    static func ageWords(_ code: String) -> String {
        if let m = AgeCode(rawValue: code).meaning { return "\(code) (\(m))" }
        return code
    }

}

/// What changed between two service dates: the revision-day question.
public struct MasterDiff: Sendable {
    public struct Change: Sendable, Equatable {
        public var code: String
        public var name: String
        public var oldAmount: String
        public var newAmount: String
        /// Columns (1-based 項番 with name) whose values differ, amounts included.
        public var columns: [String]
    }

    public var kind: MasterKind
    public var from: ServiceDate
    public var to: ServiceDate
    public var added: [(code: String, name: String, amount: String)] = []
    public var changed: [Change] = []
    public var abolished: [(code: String, name: String, amount: String)] = []

    /// Compares the versions valid on `from` with those valid on `to` (each date resolved to its
    /// own chain). Bookkeeping columns (変更区分, 変更年月日, 旧点数, 公表順序番号, change flags) are
    /// not reported as changes by themselves.
    public static func compute(_ set: MasterSet, kind: MasterKind, from: ServiceDate, to: ServiceDate) throws(MasterLookupError) -> MasterDiff {
        let a = try set.table(kind, on: from)
        let b = try set.table(kind, on: to)
        let (nameColumn, amountColumn, ignored) = columns(kind)
        let zeroWhenBlank = MasterLayout.zeroWhenBlank(kind)
        var diff = MasterDiff(kind: kind, from: from, to: to)
        var seen = Set<UInt64>()
        for i in 0..<b.codeCount {
            let code = b.code(at: i)
            guard let w = b.version(ofCode: i, on: to) else { continue }
            seen.insert(code)
            guard let j = a.codeIndex(of: code), let v = a.version(ofCode: j, on: from) else {
                diff.added.append((b.string(w, kind.layout.keyColumns.count == 1 ? kind.layout.keyColumns[0] : 22), b.string(w, nameColumn), b.string(w, amountColumn)))
                continue
            }
            var cols: [String] = []
            for c in 1..<min(a.columnCount, b.columnCount) where !ignored.contains(c) && c != kind.layout.startColumn {
                if !sameValue(a.bytes(v, c), b.bytes(w, c), zeroWhenBlank: zeroWhenBlank.contains(c)) { cols.append("\(c + 1) \(kind.layout.columnName(c))") }
            }
            if !cols.isEmpty {
                diff.changed.append(Change(code: String(code), name: b.string(w, nameColumn), oldAmount: a.string(v, amountColumn),
                                           newAmount: b.string(w, amountColumn), columns: cols))
            }
        }
        for j in 0..<a.codeCount where !seen.contains(a.code(at: j)) {
            guard let v = a.version(ofCode: j, on: from) else { continue }
            diff.abolished.append((String(a.code(at: j)), a.string(v, nameColumn), a.string(v, amountColumn)))
        }
        return diff
    }

    /// Two values of one column compared by meaning: in a column whose blank means 0 (the layout's
    /// 数字 columns and one-character flags, `MasterLayout.zeroWhenBlank`), "" equals "0", "00", "0.00".
    static func sameValue(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>, zeroWhenBlank: Bool) -> Bool {
        if x.elementsEqual(y) { return true }
        guard zeroWhenBlank else { return false }
        func isZero(_ b: UnsafeBufferPointer<UInt8>) -> Bool { b.allSatisfy { $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") } }
        return isZero(x) && isZero(y)
    }

    /// (name column, amount column, columns that are bookkeeping rather than content).
    static func columns(_ kind: MasterKind) -> (Int, Int, Set<Int>) {
        switch kind {
        case .procedure: (ProcedureColumn.abbreviatedName, ProcedureColumn.points, [0, 56, 57, 58, 59, 88, 93])
        case .drug: (DrugColumn.name, DrugColumn.price, [0, 23, 24, 27, 28])
        case .device: (DeviceColumn.name, DeviceColumn.price, [0, 16, 17, 18, 19, 25])
        case .comment: (CommentColumn.text, CommentColumn.pattern, [0, 23])
        case .disease: (DiseaseColumn.name, DiseaseColumn.icd10First, Set([0] + Array(24...36) + [44, 45]))
        case .modifier: (ModifierColumn.name, ModifierColumn.name, [0, 11, 12])
        default: (2, 1, [0])
        }
    }
}
