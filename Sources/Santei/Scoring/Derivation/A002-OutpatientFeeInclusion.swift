import Foundation

/// A002 外来診療料 注6 (R06 ika-kokuji.txt lines 360–391) and 通知 A002 (9)–(12) (ika-tsuuchi.txt lines 778–791):
/// on the day 外来診療料 is billed, the 尿・糞便・血液形態 tests and the small 処置 it lists are included in it and
/// not billed. Their 判断料 is still billed (通知 (10)): the pricer keeps them as tests done. The drugs and
/// devices of an included 処置 are billed (通知 (11)): only the listed 診療行為 rows are taken out.
/// The list is `Masters/params/outpatient-fee-inclusion.json` (the 02包括テーブル holds it too; ../shared lacks it).
public struct OutpatientFeeInclusionRules: Sendable, DatedParameterFile {
    public struct Entry: Sendable, Decodable {
        /// 区分番号 with its 枝番 ("D002-2"), every row of it unless in `except`.
        public var sections: [String]?
        /// Single rows, where the 告示 names a grade of a 区分 (創傷処置 1 and 2).
        public var codes: [String]?
        public var except: [String]?
        public var passage: String
    }
    public struct Version: Sendable, Decodable {
        public var from: String
        public var revision: String
        public var source: String
        /// 区分番号 of the fee that includes them (A002).
        public var bases: [String]
        public var included: [Entry]
    }
    public var versions: [Version]
    let starts: [Int]

    enum CodingKeys: String, CodingKey { case versions }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        versions = try c.decode([Version].self, forKey: .versions)
        starts = try c.versionStarts(versions.map(\.from), forKey: .versions)
    }

    /// The version in force on `date`: the newest whose `from` is on or before it; nil before the first.
    public func version(on date: ServiceDate) -> Version? { versionIndex(on: date).map { versions[$0] } }

    /// The rules built into the library (`Masters/params/outpatient-fee-inclusion.json` as embedded).
    public static let embedded: OutpatientFeeInclusionRules? = embeddedFile("params/outpatient-fee-inclusion.json")
}

struct OutpatientFeeInclusion {
    let rules: OutpatientFeeInclusionRules

    /// Whether `code` is an 外来診療料 base row on `date`: a 告示等識別区分 1 row of A002 with no 枝番 (112…).
    static func isBase(_ code: UInt64, _ t: MasterTable, on date: ServiceDate) -> Bool {
        guard code / 1_000_000 == 112, let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date) else { return false }
        let P = ProcedureColumn.self
        return t.field(v, P.noticeClass1, is: "1") && t.field(v, P.codeTableAlphabet, is: "A") && t.integer(v, P.sectionNumber) == 2
            && (t.integer(v, P.branchNumber) ?? 0) == 0
    }

    /// Why a row `version`'s 注6 list includes (a 検体検査 or 処置 of its 区分 or codes, not one it excepts), or nil, as `included`
    /// matches it — but a 第1款 通則 加算 row filed under D000 (時間外緊急院内検査加算), which `included` decides from the encounter's
    /// tests, is not asked here.
    static func includes(_ code: UInt64, _ version: OutpatientFeeInclusionRules.Version, _ t: MasterTable, on date: ServiceDate) -> String? {
        guard let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date) else { return nil }
        let s = InpatientPricer.section(t, v), text = String(code)
        if s == "D000", t.integer(v, ProcedureColumn.noticeClass2) == 7, !names(text, version) { return nil }
        return entry(text, section: s, version).map { "included in the day's 外来診療料 (A002 \($0.passage); \(version.revision))" }
    }

    /// The 注6 list entry that holds a row: its code listed, or its 区分 listed and the code not excepted.
    static func entry(_ code: String, section s: String, _ version: OutpatientFeeInclusionRules.Version) -> OutpatientFeeInclusionRules.Entry? {
        version.included.first { $0.codes?.contains(code) == true || ($0.sections?.contains(s) == true && $0.except?.contains(code) != true) }
    }

    /// Whether an entry of the list names the code itself (in `codes` or `except`).
    static func names(_ code: String, _ version: OutpatientFeeInclusionRules.Version) -> Bool {
        version.included.contains { $0.codes?.contains(code) == true || $0.except?.contains(code) == true }
    }

    /// The items of an 入院外 encounter that its 外来診療料 includes: (order, item, why). Empty, without a look-up
    /// past the first digits, for an encounter without a 再診 row (A002 rows are 112…).
    func included(_ encounter: Claim.Encounter, e: Int, dated: DatedMasters, notes: inout [String]) -> [(order: Int, item: Int, why: String)] {
        guard encounter.orders.contains(where: { $0.items.contains { $0.code.hasPrefix("112") } }),
              case .success(let t) = dated.procedures else { return [] }
        let date = dated.date
        func section(_ code: String) -> (String, Int)? {
            guard let c = UInt64(code), let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: date) else { return nil }
            return (InpatientPricer.section(t, v), v)
        }
        // The base: a 告示等識別区分 1 row of A002, read from the fields (no 区分 string on every 再診).
        var base: String?
        let P = ProcedureColumn.self
        for order in encounter.orders {
            for item in order.items where item.code.hasPrefix("112") {
                if let c = UInt64(item.code), Self.isBase(c, t, on: date) { base = item.code }
            }
        }
        guard let base else { return [] }
        guard let version = rules.version(on: date) else {
            notes.append("encounters[\(e)]: 外来診療料 \(base): no A002 注6 list (Masters/params/outpatient-fee-inclusion.json) for \(date); the tests and 処置 it includes are billed")
            return []
        }
        var found: [(order: Int, item: Int, why: String)] = []
        // 第1款 通則 加算 (時間外緊急院内検査加算 160000210: a row the master files under 区分 D000, 告示等識別区分（２） 7) are no
        // 尿検査: 通知 A002 (9) 包括されている検査項目に係る…款…に規定する加算は、別に算定できない — so not billed only when every
        // 検体検査 of the encounter is included (review 211 BF-1: dropped beside a CRP, which 外来診療料 does not include).
        var sectionAddOns: [(order: Int, item: Int)] = []
        var tests = 0, includedTests = 0
        for (o, order) in encounter.orders.enumerated() where order.category >= 40 && order.category < 70 {
            for (i, item) in order.items.enumerated() where item.code.first == "1" {
                guard let (s, v) = section(item.code) else { continue }
                let isAddOn = t.integer(v, P.noticeClass2) == 7
                if isAddOn, s == "D000", !Self.names(item.code, version) {
                    sectionAddOns.append((o, i))
                    continue
                }
                let isTest = !isAddOn && s.hasPrefix("D0") && s <= "D025"
                if isTest { tests += 1 }
                if let entry = Self.entry(item.code, section: s, version) {
                    found.append((o, i, "included in 外来診療料 \(base) (A002 \(entry.passage); \(version.revision)): not billed"))
                    if isTest { includedTests += 1 }
                }
            }
        }
        if tests > 0 && includedTests == tests {
            for x in sectionAddOns {
                found.append((x.order, x.item, "not billed — every 検体検査 of the encounter is included in 外来診療料 \(base), and a 款・注 加算 of an included test is too (通知 A002 (9); \(version.revision))"))
            }
        }
        return found
    }
}
