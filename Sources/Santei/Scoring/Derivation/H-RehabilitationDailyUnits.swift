import Foundation

// 第7部 リハビリテーション 通則4 (R06 ika-kokuji.txt lines 11154-11160; R08 lines 11839-11845): the 疾患別リハ
// of a patient, 「患者１人につき１日６単位（別に厚生労働大臣が定める患者については１日９単位）に限り」.

/// The 区分 the daily cap counts and the cap (`Masters/params/rehabilitation-units.json`), by revision.
public struct RehabilitationUnitRules: Sendable, DatedParameterFile {
    public struct Version: Sendable, DatedVersion {
        public var from: String
        public var revision: String
        /// 区分番号 (H000, H001, H001-2 …) whose base rows count.
        public var sections: [String]
        public var dailyUnits: Int
        /// The cap for 別に厚生労働大臣が定める患者 (`encounters[].rehabilitation_nine_units`).
        public var extendedDailyUnits: Int
        /// The 特定入院料 whose patients are 別に厚生労働大臣が定める患者 by themselves (別表第九の三: 回復期リハビリテーション病棟入院料
        /// 又は特定機能病院リハビリテーション病棟入院料を算定する患者), but for the `exceptSections` (運動器リハビリテーション料).
        public var extendedBySpecifiedFees: ExtendedBySpecifiedFees?
        public struct ExtendedBySpecifiedFees: Sendable, Decodable {
            public var fees: [String]
            public var exceptSections: [String]
            public var passage: String
            enum CodingKeys: String, CodingKey { case fees, exceptSections = "except_sections", passage }
        }
        public var passage: String
        /// Rows billed 「１月13単位に限り」 only (H001/H001-2/H002 注6 （要介護） rows), their 単位 counted over the month.
        public var monthlyCaps: [MonthlyCap]?
        enum CodingKeys: String, CodingKey {
            case from, revision, sections, passage, dailyUnits = "daily_units", extendedDailyUnits = "extended_daily_units", monthlyCaps = "monthly_caps"
            case extendedBySpecifiedFees = "extended_by_specified_fees"
        }
    }
    public struct MonthlyCap: Sendable, Decodable {
        public var section: String
        public var units: Int
        public var codes: [String]
        public var passage: String
    }
    public var versions: [Version]
    let starts: [Int]
    /// `sections` of each version, parsed once.
    let parsed: [[SectionCode]]

    public init(from decoder: Decoder) throws {
        (versions, starts) = try Self.decodeVersions(decoder, as: Version.self)
        var parsed: [[SectionCode]] = []
        for v in versions {
            var list: [SectionCode] = []
            for s in v.sections {
                guard let c = SectionCode(s) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(v.from): \"\(s)\" is not a 区分番号"))
                }
                list.append(c)
            }
            guard v.dailyUnits >= 1, v.extendedDailyUnits >= v.dailyUnits else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(v.from): daily_units \(v.dailyUnits) / extended_daily_units \(v.extendedDailyUnits) are not caps"))
            }
            parsed.append(list)
        }
        self.parsed = parsed
    }

    /// Whether `code` is a base row of a 区分 the day's cap counts (its 単位 are this file's, not a 05算定回数テーブル row's).
    func counts(_ code: UInt64, _ t: MasterTable, on date: ServiceDate) -> Bool {
        guard let k = versionIndex(on: date), let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date),
              AddOnDeriver.isFamilyBase(t, v), let s = SectionCode(t, v) else { return false }
        return parsed[k].contains(s)
    }

    /// The rules built into the library (`Masters/params/rehabilitation-units.json` as embedded).
    public static let embedded: RehabilitationUnitRules? = embeddedFile("params/rehabilitation-units.json")

    /// The 単位 of an order that stay billed on its day: its 回数 when the order's base row (告示等識別区分（１）
    /// 1, 3 or 5: the （リ減） 合成項目 rows of H001・H002 count too) is not of a counted 区分 or the day has room, else what is left of the cap (0: the order is not
    /// billed). `used` holds the units billed so far by day number, over the claim's encounters in order.
    /// `specifiedFee`: the 区分番号 and code of the day's 特定入院料 of an 入院 claim, which may make the patient one of 別表第九の三
    /// (`extendedBySpecifiedFees`) without the encounter stating it (review 231 BZ-2: 回復期リハビリテーション病棟入院料１ held to 6).
    func billable(_ items: inout [UnitItem], times: Int, table t: MasterTable, date: ServiceDate, nineUnits statedNine: Bool,
                  specifiedFee: (section: String, code: String)? = nil, used: inout [Int: Int]) -> (times: Int, note: String?) {
        guard let k = versionIndex(on: date) else { return (times, nil) }
        let P = ProcedureColumn.self
        var nineUnits = statedNine
        if !nineUnits, let fee = specifiedFee, let rule = versions[k].extendedBySpecifiedFees,
           rule.fees.contains(fee.section) || rule.fees.contains(fee.code) {
            nineUnits = !items.contains { item in
                guard item.kind == .procedure, let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date), let s = SectionCode(t, v) else { return false }
                return rule.exceptSections.contains { SectionCode($0) == s }
            }
        }
        // The order's 単位 per 回: 1, or the 数量 of a base row priced by きざみ (項番30 きざみ値計算識別 1: 1単位 per step,
        // the 単位 then stated as its quantity).
        var counted = false, perTime = 1, kizami: Int? = nil
        for (n, item) in items.enumerated() {
            guard item.kind == .procedure, let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date),
                  AddOnDeriver.isFamilyBase(t, v), let s = SectionCode(t, v), parsed[k].contains(s) else { continue }
            counted = true
            if t.integer(v, P.kizamiKind) == 1, item.quantity >= UnitItem.quantityScale {
                perTime = item.quantity / UnitItem.quantityScale; kizami = n
            }
            break
        }
        guard counted else { return (times, nil) }
        let version = versions[k]
        // A monthly cap (注6): its 単位 so far are kept in `used` under a negative key (-1 − the cap's position).
        var monthCap: (key: Int, cap: MonthlyCap)? = nil
        if let caps = version.monthlyCaps, !caps.isEmpty {
            for (c, cap) in caps.enumerated() where items.contains(where: { $0.kind == .procedure && cap.codes.contains(String($0.code)) }) {
                monthCap = (-1 - c, cap); break
            }
        }
        let cap = nineUnits ? version.extendedDailyUnits : version.dailyUnits
        let before = used[date.dayNumber] ?? 0
        let units = times * perTime
        var allowedTimes = times, allowedUnits = units
        let monthLeft = monthCap.map { max(0, $0.cap.units - (used[$0.key] ?? 0)) } ?? Int.max
        let room = min(cap - before, monthLeft)
        if units > room {
            allowedUnits = max(0, room)
            if let n = kizami, times == 1 {
                // One 回 of N 単位 by quantity: its quantity is lowered to what is left of the day — and so is that of the
                // order's 1単位につき 加算 rows stated by quantity (H001 注2 早期リハビリテーション加算, 注3 初期加算: 「１単位につき」;
                // きざみ値計算識別 1): a 単位 not billed carries no 加算 (review 243 CL-1: 6 × 245 with 8 × (25 + 45)).
                if allowedUnits > 0 {
                    items[n].quantity = allowedUnits * UnitItem.quantityScale
                    for j in items.indices where j != n && items[j].kind == .procedure && items[j].quantity > allowedUnits * UnitItem.quantityScale {
                        guard let i = t.codeIndex(of: items[j].code), let v = t.version(ofCode: i, on: date), t.integer(v, P.kizamiKind) == 1 else { continue }
                        items[j].quantity = allowedUnits * UnitItem.quantityScale
                    }
                }
                allowedTimes = allowedUnits > 0 ? 1 : 0
            } else {
                allowedTimes = allowedUnits / perTime
                allowedUnits = allowedTimes * perTime
            }
        }
        used[date.dayNumber] = before + allowedUnits
        if let m = monthCap { used[m.key, default: 0] += allowedUnits }
        guard allowedUnits < units else { return (times, nil) }
        if monthLeft < cap - before, let m = monthCap {
            return (allowedTimes, "\(date): \(m.cap.section) １月\(m.cap.units)単位に限り — \(m.cap.units - monthLeft) 単位 billed earlier in the month: \(allowedUnits == 0 ? "the order is not billed" : "\(allowedUnits) of its \(units) 単位 billed") (\(m.cap.passage.prefix(while: { $0 != ":" })); Masters/params/rehabilitation-units.json)")
        }
        return (allowedTimes, "\(date): 疾患別リハビリテーション \(before + units) 単位 in the day, past the \(cap) of 第7部 通則4 (\(nineUnits ? "別に厚生労働大臣が定める患者\(statedNine ? "" : " — the day's 特定入院料, 別表第九の三")" : "６単位; 9 for 別に厚生労働大臣が定める患者: encounters[].rehabilitation_nine_units")): \(allowedUnits == 0 ? "the order is not billed" : "\(allowedUnits) of its \(units) 単位 billed") (Masters/params/rehabilitation-units.json)")
    }
}
