import Foundation

// G004 点滴注射（１日につき） (R06 ../shared/legal/R06/ika-kokuji.txt lines 11017-11020; 通知 G004 (1)・(2), ika-tsuuchi.txt
// lines 18522-18530): the row is decided by the day's volume — １ ６歳未満の乳幼児 (１日分の注射量が100mL以上), ２ それ以外の
// 者 (500mL以上), ３ その他の場合 (入院中の患者以外の患者に限る) — and 点滴注射 given twice in a day counts the day's total.
// A stated G004 row that the day's drugs contradict is replaced by the row they give, when the 医薬品マスター 注射容量
// (項番21, kept for 注射薬 of 20mL or more) decides it; otherwise the stated row stays. On an 入院 day under the volume no
// row is billed (「３」 is 入院外 only; 通知 G004 (1)). An order of N 回 bills the G004 once and its drugs N times
// (告示 G100 「１回分使用量につき」; `ClaimPricer`).

/// `Masters/params/drip-infusion.json`: the G004 rows and the volumes that choose between them, one version per
/// 診療報酬改定.
public struct DripInfusionRows: Sendable, DatedParameterFile {
    public struct Version: Sendable, DatedVersion {
        public var from: String
        /// G004 1 (６歳未満), 2 (それ以外), 3 (その他の場合, 入院外).
        public var infant: String
        public var standard: String
        public var other: String
        public var infantBelowAge: Int
        public var infantMinML: Int
        public var standardMinML: Int
        /// The 医薬品マスター states 注射容量 for 注射薬 of this many mL or more: a drug without it holds less.
        public var recordedFromML: Int
        /// Add-on rows billed once a day with the G004 (注2, 注3, 通則4 精密持続点滴注射加算): a later 点滴 order's copy is not billed,
        /// and an order holding only these and drugs is a 点滴 of the day.
        public var dayAddOns: [String]?
        public var dayAddOnsSource: String?
        public var passage: String
        enum CodingKeys: String, CodingKey {
            case from, infant, standard, other, infantBelowAge = "infant_below_age", infantMinML = "infant_min_ml"
            case standardMinML = "standard_min_ml", recordedFromML = "recorded_from_ml", passage
            case dayAddOns = "day_add_ons", dayAddOnsSource = "day_add_ons_source"
        }
    }
    public var versions: [Version]
    let starts: [Int]

    public init(from decoder: Decoder) throws { (versions, starts) = try Self.decodeVersions(decoder, as: Version.self) }

    public func version(on date: ServiceDate) -> Version? { versionIndex(on: date).map { versions[$0] } }

    /// The rules built into the library (`Masters/params/drip-infusion.json` as embedded), decoded once.
    public static let embedded: DripInfusionRows? = embeddedFile("params/drip-infusion.json")

    /// The rows billed once a day (G004 １・２・３ and `day_add_ons`) on a date: an order of several 回 bills them once.
    func onceADay(on date: ServiceDate) -> [UInt64] {
        guard let v = version(on: date) else { return [] }
        return ([v.infant, v.standard, v.other] + (v.dayAddOns ?? [])).compactMap(UInt64.init)
    }

    /// A row of an order of the encounter: what `corrections` says of it.
    struct Row: Hashable { var order: Int; var code: UInt64 }

    /// For an encounter (入院外, or an 入院 day with `inpatient`): each 点滴 order (診療識別 33, or 31/32 stating a G004 row) that
    /// states a G004 row the day's volume contradicts → the row the volume gives, and why; `to` 0: not billed — a G004 row
    /// of a later 点滴 order of the day (G004 is １日につき: the day's first stating order carries it — review 185 AF-1, AF-2),
    /// an 入院 day under the volume, or a day add-on already billed that day. The day is every encounter
    /// of the claim on the encounter's date (通知 G004 (2) イ: 点滴注射を１日に２回以上行った場合は…総量); its volume is that
    /// of the drugs of the 点滴 orders that state a G004 row or no 診療行為 (the drugs of a second 点滴 of the day). An
    /// encounter without a 点滴 order costs one scan.
    func corrections(_ claim: Claim, encounter e: Int, age: Int, dated: DatedMasters, inpatient: Bool = false) -> [Row: (to: UInt64, note: String)] {
        let encounter = claim.encounters[e]
        guard encounter.orders.contains(where: { (31...33).contains($0.category) }), let v = version(on: dated.date), let infant = UInt64(v.infant), let standard = UInt64(v.standard), let other = UInt64(v.other) else { return [:] }
        let rows: Set<UInt64> = [infant, standard, other]
        let dayAddOns = Set((v.dayAddOns ?? []).compactMap(UInt64.init))
        var stating: [(encounter: Int, order: Int, row: UInt64)] = []
        var addOnsSeen = Set<UInt64>()
        var out: [Row: (to: UInt64, note: String)] = [:]
        var repeated: [(order: Int, code: UInt64)] = []   // a day add-on already billed in an earlier 点滴 order of the day
        var dripOrders: [(encounter: Int, order: Int)] = []
        for (k, x) in claim.encounters.enumerated() where k == e || x.date == encounter.date {
            for (o, order) in x.orders.enumerated() where (31...33).contains(order.category) {
                var row: UInt64?
                var procedures = 0
                for item in order.items where item.code.utf8.first != UInt8(ascii: "6") && item.code.utf8.first != UInt8(ascii: "7") {
                    guard let c = UInt64(item.code) else { procedures += 1; continue }
                    if dayAddOns.contains(c) {
                        if !addOnsSeen.insert(c).inserted, k == e { repeated.append((o, c)) }
                        continue
                    }
                    procedures += 1
                    if rows.contains(c) { row = c }
                }
                if let row { stating.append((k, o, row)); dripOrders.append((k, o)) }
                // (a 31/32 order counts only when it states a G004 row: its drugs alone are a 皮下筋注 or 静注; review 192 AM-04)
                else if procedures == 0 && order.category == 33 { dripOrders.append((k, o)) }
            }
        }
        for (o, c) in repeated {
            out[Row(order: o, code: c)] = (0, "\(v.dayAddOnsSource ?? "billed once a day with the G004"): billed in an earlier 点滴 order of the day")
        }
        guard stating.contains(where: { $0.encounter == e }), case .success(let y) = dated.drugs else { return out }
        // Volumes in 1/100000 mL (UnitItem.quantityScale): known, and the most the drugs without 注射容量 can hold.
        var known = 0, unknownAtMost = 0, drugs = 0
        for (k, o) in dripOrders {
            for item in claim.encounters[k].orders[o].items where item.code.utf8.first == UInt8(ascii: "6") {
                guard let c = UInt64(item.code), let i = y.codeIndex(of: c), let w = y.version(ofCode: i, on: dated.date) else { return out }
                // An order of several 回 (`times`) gives each 回 its drugs: the day's total counts them all (通知 G004 (2) イ;
                // review 187 AH-03).
                let q = (item.quantity?.scaled ?? UnitItem.quantityScale) * max(1, claim.encounters[k].orders[o].times ?? 1)
                drugs += 1
                let ml = y.integer(w, DrugColumn.injectionVolume) ?? 0
                if ml > 0 { known += ml * q } else { unknownAtMost += v.recordedFromML * q }
            }
        }
        guard drugs > 0 else { return out }
        let isInfant = age < v.infantBelowAge
        let minML = isInfant ? v.infantMinML : v.standardMinML
        let threshold = minML * UnitItem.quantityScale
        let correct: UInt64
        let why: String
        let total = "\(FixedPoint(value: known, decimals: 5)) mL" + (unknownAtMost > 0 ? " and drugs under \(v.recordedFromML) mL each" : "")
        if known >= threshold {
            correct = isInfant ? infant : standard
            why = "the day's 点滴 is \(total) (\(isInfant ? "６歳未満, " : "")\(minML) mL以上)"
        } else if known + unknownAtMost <= threshold {
            // 「３」 is 入院中の患者以外の患者に限る (通知 G004 (1)): an 入院中 patient's day under the volume bills no 点滴注射
            // 手技料, its drugs only (review 187 AH-02).
            correct = inpatient ? 0 : other
            why = "the day's 点滴 is \(total), under \(minML) mL (\(isInfant ? "６歳未満" : "６歳以上"))"
                + (inpatient ? "; 「３」 is 入院中の患者以外の患者に限る, so an 入院中 patient's day bills no 点滴注射 手技料, its drugs only" : "")
        } else {
            return out
        }
        let first = stating[0]
        for (k, o, row) in stating where k == e {
            if (k, o) != (first.encounter, first.order) {
                out[Row(order: o, code: row)] = (0, "G004 点滴注射 is １日につき: \(why), billed once with the day's first 点滴 (encounters[\(first.encounter)].orders[\(first.order)]); this order's drugs are billed (\(v.passage))")
            } else if correct == 0 {
                // A stated 「３」 is left to the 入外適用区分 check (an issue of the claim: the clerk's row is 入院外 only).
                if row != other { out[Row(order: o, code: row)] = (0, "\(why) (\(v.passage))") }
            } else if row != correct {
                out[Row(order: o, code: row)] = (correct, "\(why): G004 row \(correct) in place of \(row) (\(v.passage))")
            }
        }
        return out
    }
}
