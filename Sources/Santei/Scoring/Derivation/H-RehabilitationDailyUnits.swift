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
        public var passage: String
        enum CodingKeys: String, CodingKey {
            case from, revision, sections, passage, dailyUnits = "daily_units", extendedDailyUnits = "extended_daily_units"
        }
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

    /// The rules built into the library (`Masters/params/rehabilitation-units.json` as embedded).
    public static let embedded: RehabilitationUnitRules? = embeddedFile("params/rehabilitation-units.json")

    /// The 単位 of an order that stay billed on its day: its 回数 when the order's base row (告示等識別区分（１）
    /// 1, 3 or 5: the （リ減） 合成項目 rows of H001・H002 count too) is not of a counted 区分 or the day has room, else what is left of the cap (0: the order is not
    /// billed). `used` holds the units billed so far by day number, over the claim's encounters in order.
    func billable(_ items: [UnitItem], times: Int, table t: MasterTable, date: ServiceDate, nineUnits: Bool,
                  used: inout [Int: Int]) -> (times: Int, note: String?) {
        guard let k = versionIndex(on: date) else { return (times, nil) }
        let P = ProcedureColumn.self
        let counted = items.contains { item in
            guard item.kind == .procedure, let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date),
                  AddOnDeriver.isFamilyBase(t, v), let s = SectionCode(t, v) else { return false }
            return parsed[k].contains(s)
        }
        guard counted else { return (times, nil) }
        let version = versions[k]
        let cap = nineUnits ? version.extendedDailyUnits : version.dailyUnits
        let before = used[date.dayNumber] ?? 0
        let allowed = max(0, min(times, cap - before))
        used[date.dayNumber] = before + allowed
        guard allowed < times else { return (times, nil) }
        return (allowed, "\(date): 疾患別リハビリテーション \(before + times) 単位 in the day, past the \(cap) of 第7部 通則4 (\(nineUnits ? "別に厚生労働大臣が定める患者" : "６単位; 9 for 別に厚生労働大臣が定める患者: encounters[].rehabilitation_nine_units")): \(allowed == 0 ? "the order is not billed" : "\(allowed) of its \(times) billed") (Masters/params/rehabilitation-units.json)")
    }
}
