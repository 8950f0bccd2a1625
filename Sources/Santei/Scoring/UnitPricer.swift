/// One item of a 算定単位 (点数・回数算定単位): a 診療行為, 医薬品 or 特定器材 with its quantity.
public struct UnitItem: Sendable, Equatable {
    public enum Kind: UInt8, Sendable { case procedure, drug, device }
    public var kind: Kind
    /// A row priced by きざみ whose 基本点数 is billed on another row: only its きざみ points count (通知 L008 (12) ウ: a second
    /// 区分 of one 全身麻酔 earns its 注2 30分毎 加算 only; `AnesthesiaTime`). Stored beside `kind`, so the item stays 24 bytes.
    public var timeOnly = false
    /// A row of 適合区分 2 whose 対象施設基準 the facility holds on the date (`AddOnDeriver.markHeldStandards`): no 施設基準不適合
    /// 逓減コード of the order reduces it (review 213 BH-1: K664 held beside K939-5 not held, both cut by 150382490).
    public var standardHeld = false
    public var code: UInt64
    /// Quantity in 1/100000 (IY/TO 使用量 has 5 decimals; SI 数量データ is an integer × 100000).
    /// Zero means "not stated".
    public var quantity: Int

    public init(kind: Kind, code: UInt64, quantity: Int = 0) {
        self.kind = kind; self.code = code; self.quantity = quantity
    }

    public static let quantityScale = 100_000
}

/// Why a unit could not be priced from the masters.
public enum UnitPricingIssue: Error, Sendable, Equatable, CustomStringConvertible {
    /// No loaded chain of that kind covers the date.
    case dateNotCovered(MasterKind, ServiceDate)
    /// The code has no version valid on the date.
    case codeNotValid(UInt64, ServiceDate)
    /// 点数識別 4 購入価格: the amount is not in the master; the stated points stand.
    case purchasePrice(UInt64)
    /// 上下限エラー処理 2/3 with a quantity at or below 下限値 − きざみ値: not billable (返戻).
    case quantityBelowLimit(UInt64, Int)
    /// Arithmetic beyond Int range (absurd quantities).
    case overflow(UInt64)
    /// A law parameter (Masters/params) has no value for the date.
    case parameterNotCovered(String, ServiceDate)
    /// A quantity that is not a number with at most 5 decimals.
    case invalidQuantity(UInt64, String)
    /// A unit with both 金額 rows (点数識別 1, yen: 食事療養・生活療養・標準負担額) and 点数 rows: one 点数
    /// field cannot state both (the code is the first 金額 row).
    case mixedYenAndPoints(UInt64)
    /// A UKE unit whose 算定日 run over a master change (a revision inside the month): priced on its first
    /// 算定日 it states `first`, on `day` (its last 算定日) `last` (points, or yen for a 金額 unit). One 点数
    /// field cannot state both: the days of each price are separate units.
    case pricesDifferWithinUnit(UInt64, ServiceDate, Int, Int)
    /// A 入院外のみ row (入外適用区分 2) in a unit of an 入院 receipt: not billable there (`santei price` leaves it out
    /// of an 入院 claim; `uke recalc` keeps what the receipt states and names it).
    case outpatientOnly(UInt64)

    /// A code as the masters write it: 9 digits, leading zeros kept (review 158 D5: 012007410 was named 12007410).
    static func code(_ c: UInt64) -> String {
        let t = String(c)
        return t.count >= 9 ? t : String(repeating: "0", count: 9 - t.count) + t
    }

    public var description: String {
        switch self {
        case .dateNotCovered(let k, let d): "no loaded \(k.japaneseName) master covers \(d)"
        case .codeNotValid(let c, let d): "\(Self.code(c)) has no version valid on \(d)"
        case .purchasePrice(let c): "\(Self.code(c)) is 購入価格 (点数識別 4): points come from the claim"
        case .quantityBelowLimit(let c, let q): "\(Self.code(c)): quantity \(q) is below the master's 下限値 − きざみ値 (上下限エラー処理: 点数算定せず)"
        case .overflow(let c): "\(Self.code(c)): amount out of range"
        case .parameterNotCovered(let what, let d): "no dated parameter for \(what) on \(d) in Masters/params"
        case .invalidQuantity(let c, let q): "\(Self.code(c)): quantity \"\(q)\" is not a number with at most 5 decimals"
        case .mixedYenAndPoints(let c): "\(Self.code(c)) is a 金額 row (点数識別 1, yen) in a unit with 点数 rows: a unit states either yen or points"
        case .pricesDifferWithinUnit(let c, let d, let a, let b): "\(Self.code(c)): the unit's 算定日 span a master change: \(a) on its first 算定日, \(b) on \(d) — split the unit by price"
        case .outpatientOnly(let c): "\(Self.code(c)): 入外適用区分 2 (入院外レセプトに限る) on an 入院 receipt: not billable there"
        }
    }
}

/// One 所定点数 item of a unit while ％ add-ons are applied.
struct PercentBase {
    /// The item's points after きざみ and ％ rows so far, in micro-points (1e-6).
    var micro: Int
    var group: Int
    /// The item's master version (for its 部 and 区分番号, read only when a ％ row needs them).
    var version: Int
    /// The item's points with its 注 add-ons and ％減算 but before any ％加算 row: the 所定点数 of a time ％加算 of
    /// 内視鏡検査 通則5 (`UnitPricer.priceUnit`).
    var beforeAddOns: Int
    /// The part of `micro` a 通則 time ％加算 leaves out of its 所定点数 (`GeneralAddOnBases.isExcludedFromTime`: L008 注8–注11
    /// under 麻酔 通則3, 通知 L008 (7)).
    var notForTime = 0
    /// `UnitItem.standardHeld`.
    var standardHeld = false
    /// `micro` before any 1点未満 rounding of its 注 ％ rows: the 所定点数 of a 通則 ％加算, which is rounded once with the unit
    /// (domain-facts B.8: 端数 rounded once, at the end of the item's calculation; 通知 第9部 通則10: the 所定点数 of 時間外加算等 holds
    /// the ギプス 乳幼児加算 — 490 + 490 × 55/100 = 759.5, × 140/100 = 1063.3 → 1063, not 760 × 1.4 = 1064; review 413 JA-1).
    var exact: Int

    init(micro: Int, group: Int, version: Int) { self.micro = micro; self.group = group; self.version = version; beforeAddOns = micro; exact = micro }

    /// The items a ％ row applies to: the 点数 items before it of its 部 (コード表用番号 alphabet); for a
    /// 注 row (告示等識別区分 7), those of its 注加算コード family when the unit has any (E 第3節 通則4 新生児・
    /// 乳幼児・幼児加算, a row of 区分 E100 in family 7002: the CT・MRI 撮影 and their 注3 造影剤使用加算 — 通知
    /// 第3節 3 「「４」の加算における所定点数には、「Ｅ２００」の「注３」及び「Ｅ２０２」の「注３」による加算が
    /// 含まれる」, R06 ika-tsuuchi.txt 17810 — not the E203 断層診断 or the 電子画像管理加算 beside them), and of those, or of the 部, the
    /// items of its own 区分番号 when any (E002 注2 新生児加算 is on the 撮影, not the E001 写真診断 of the same
    /// family), else all of them (D200 乳幼児加算 stands for 生体検査 通則; ２回目以降減算).
    ///
    /// Never a 通則加算 of points (告示等識別区分 9: 超音波内視鏡検査加算, 頸部郭清術併施加算, 耳鼻咽喉科乳幼児処置加算 …): the
    /// 所定点数 a ％ row multiplies is the 区分's points with its 注 add-ons, not the 通則's — 通知 第3部 第3節 内視鏡検査
    /// (1) 新生児・乳幼児加算: 超音波内視鏡検査加算は所定点数に含まない, (7) 通則5 時間外等: 内視鏡検査の通則における費用は含まない
    /// (R06 ika-tsuuchi.txt 16793-16794, 16825-16827); 第10部 通則9: 通則の加算点数は含まない.
    static func scope(_ bases: [PercentBase], table t: MasterTable, row v: Int, general: Bool, date: ServiceDate) -> [Int] {
        let P = ProcedureColumn.self
        let part = t.bytes(v, P.codeTableAlphabet).first, section = t.integer(v, P.sectionNumber)
        let ofPart = bases.indices.filter {
            t.bytes(bases[$0].version, P.codeTableAlphabet).first == part && !t.field(bases[$0].version, P.noticeClass1, is: "9")
        }
        // A 施設基準不適合 逓減コード (適合区分 1: 180025270 …, 告示等識別区分 7; 150382490 of 手術, 9) reduces the rows the
        // master marks for it (適合区分 2: M001 2 高エネルギー放射線治療) whose 施設基準 is not held (`standardHeld`), not a 注
        // 加算 of the whole 区分 beside them (M001 注3 体外照射用固定器具加算; review 209 BD-4: 840 + 1000 gave 1,288 for 1,588, and
        // the answer changed with the rows' order).
        if t.field(v, P.conformityClass, is: "1") {
            let marked = ofPart.filter { t.field(bases[$0].version, P.conformityClass, is: "2") && !bases[$0].standardHeld }
            if !marked.isEmpty { return marked }
        }
        // 通則加算 (K 通則7・8・12, M 通則 …): not the rows of 通則加算所定点数対象区分 1 (項番62: 手術医療機器等加算
        // K930–K939-9 自動縫合器加算 …, 放射線治療の加算) — 通知 第10部 通則 (R06 ika-tsuuchi.txt 22920-22923): 通則7・8 の
        // 加算は第１節手術料に限る; nor the 区分 the 通知 leaves out and no master marks (麻酔 通則7: 麻酔管理料を除く;
        // Masters/params/general-add-on-bases.json).
        if general {
            let excluded = part.map { GeneralAddOnBases.excluded(part: $0, on: date) } ?? []
            return ofPart.filter { (k: Int) -> Bool in
                let v = bases[k].version
                guard t.integer(v, P.generalAddOnBaseClass) != 1 else { return false }
                guard !excluded.isEmpty, let own = SectionCode(t, v) else { return true }
                return !excluded.contains { (s: SectionCode) -> Bool in own.alphabet == s.alphabet && own.number == s.number && (s.branch == 0 || own.branch == s.branch) }
            }
        }
        var scope = ofPart
        if let family = t.integer(v, P.addOnCode), family != 0 {
            let ofFamily = ofPart.filter { t.integer(bases[$0].version, P.addOnCode) == family }
            if !ofFamily.isEmpty { scope = ofFamily }
        }
        let ofSection = scope.filter { t.integer(bases[$0].version, P.sectionNumber) == section }
        return ofSection.isEmpty ? scope : ofSection
    }
}

/// 区分 whose rows are not in the 所定点数 of their 部's 通則 ％加算 (`Masters/params/general-add-on-bases.json`).
struct GeneralAddOnBases: Decodable, Sendable {
    struct Rule: Decodable, Sendable {
        var part: String; var excludeSections: [String]?; var from: String; var to: String?; var passage: String
        /// Rows (by code) left out of the base of the 部's 通則 time ％加算 only (時間加算区分 ≠ 0: 麻酔 通則3), not of its
        /// age ％加算 (通則2): 通知 L008 (7) lists the 注 the 通則3 所定点数 includes.
        var excludeCodesFromTime: [String]?
        enum CodingKeys: String, CodingKey { case part, excludeSections = "exclude_sections", from, to, passage, excludeCodesFromTime = "exclude_codes_from_time" }
    }
    var rules: [Rule]
    /// Per rule: its 部 letter, its 区分, its time-only codes and its dates parsed once (a 通則 ％ row asks on the hot path).
    var parsed: [(part: UInt8, sections: [SectionCode], timeCodes: Set<UInt64>, from: Int, to: Int)] = []
    /// 注 ％ rows (告示等識別区分 7) whose 所定点数 leaves out some 注 add-on rows of their family (`note_percent_rules`).
    struct NotePercentRule: Decodable, Sendable {
        var percentCodes: [String]; var excludeCodes: [String]; var from: String; var to: String?; var passage: String
        enum CodingKeys: String, CodingKey { case percentCodes = "percent_codes", excludeCodes = "exclude_codes", from, to, passage }
    }
    var notePercentRules: [NotePercentRule]?
    /// `note_percent_rules` by ％ row code: (excluded codes, from, to as day numbers), parsed once.
    var notePercent: [UInt64: [(excluded: Set<UInt64>, from: Int, to: Int)]] = [:]
    enum CodingKeys: String, CodingKey { case rules, notePercentRules = "note_percent_rules" }

    /// Every row some `note_percent_rules` entry leaves out: a unit keeps them apart from the row they add to.
    static let keptApart: Set<UInt64> = Set((embedded?.notePercentRules ?? []).flatMap { $0.excludeCodes.compactMap { UInt64($0) } })

    /// The rows left out of the 所定点数 of 注 ％ row `code` on `date`, nil when none is (most rows).
    static func notePercentExclusions(_ code: UInt64, on date: ServiceDate) -> Set<UInt64>? {
        guard let list = embedded?.notePercent[code] else { return nil }
        let day = date.dayNumber
        for r in list where r.from <= day && day <= r.to { return r.excluded }
        return nil
    }

    static let embedded: GeneralAddOnBases? = {
        guard var file = EmbeddedParameters.decode(GeneralAddOnBases.self, "params/general-add-on-bases.json") else { return nil }
        file.parsed = file.rules.map {
            ($0.part.utf8.first ?? 0, ($0.excludeSections ?? []).compactMap(SectionCode.init), Set(($0.excludeCodesFromTime ?? []).compactMap { UInt64($0) }),
             ServiceDate($0.from)?.dayNumber ?? Int.max, $0.to.flatMap(ServiceDate.init)?.dayNumber ?? Int.max)
        }
        for r in file.notePercentRules ?? [] {
            let entry = (excluded: Set(r.excludeCodes.compactMap { UInt64($0) }), from: ServiceDate(r.from)?.dayNumber ?? Int.max,
                         to: r.to.flatMap(ServiceDate.init)?.dayNumber ?? Int.max)
            for c in r.percentCodes.compactMap({ UInt64($0) }) { file.notePercent[c, default: []].append(entry) }
        }
        return file
    }()

    /// The 区分 left out of a 通則加算's base for 部 `part` on `date` (empty for most 部).
    static func excluded(part: UInt8, on date: ServiceDate) -> [SectionCode] {
        guard let file = embedded else { return [] }
        var out: [SectionCode] = []
        for p in file.parsed where p.part == part && p.from <= date.dayNumber && date.dayNumber <= p.to { out += p.sections }
        return out
    }

    /// The 部 (letters) some rule lists rows by code for (`exclude_codes_from_time`): only their rows are asked at all.
    static let timeCodeParts: [UInt8] = Array(Set(embedded?.parsed.filter { !$0.timeCodes.isEmpty }.map(\.part) ?? []))

    /// Whether row `code` of 部 `part` is left out of the base of its 部's 通則 time ％加算 on `date` (no set is built: a
    /// 通則 ％ row asks on the hot path).
    static func isExcludedFromTime(part: UInt8, code: UInt64, on date: ServiceDate) -> Bool {
        guard let file = embedded else { return false }
        let day = date.dayNumber
        for p in file.parsed where p.part == part && p.from <= day && day <= p.to && p.timeCodes.contains(code) { return true }
        return false
    }
}

/// The result of pricing one unit: its points per 回, and how they were made.
public struct UnitPrice: Sendable, Equatable {
    public var points: Int
    /// One line per rule applied, naming the master row and the 告示 passage.
    public var explanation: [String]
    /// Yen per 回 of the unit's 金額 rows (点数識別 1: 入院時食事療養・生活療養 and their 標準負担額, R06rec1
    /// §1(2) 項番6・7 and 項番11 "１：金額"); 0 for a unit of points. Never part of `points`: a unit of 金額
    /// rows has 0 points (`UnitPricingIssue.mixedYenAndPoints` when it has both).
    public var yen: Int = 0
    /// Whether the unit is priced in yen (its rows are 金額 rows), not in points.
    public var isYen = false
    /// The add-on row this unit's 包括 group earns for a 入院中の患者 the first time in a stay (D007 注 ハ 注
    /// 入院時初回加算; `BundledTestRules.Tier.inpatientFirstAddOn`), 0 when none: `ClaimPricer` decides 初回.
    public var inpatientFirstAddOn: UInt64 = 0
    /// The 入院時初回加算 row of a 包括 group this unit bills, whether or not it reaches the tier that earns it: the stay's
    /// first test of the group is its 入院時初回検査, and a later test of 10項目以上 earns nothing (通知 D007 (55):
    /// 入院後初回の検査以外の検査において10項目以上となった場合にあっては、当該加算は算定できない; review 237 CF-3). 0 when none.
    public var inpatientFirstGroupAddOn: UInt64 = 0
    /// The unit's Σ 薬価 × 使用量 (1e-7 yen) and the 薬剤料 made of it (0 without drugs): `ClaimPricer` sums a 入院 day's
    /// 皮下筋注・静注 drugs across orders (通知 G000 (1), G001 (1)).
    public var drugYenE7 = 0
    public var drugPoints = 0
    /// A UKE unit's rows not billed because another 注加算 of their 注加算コード and 通番 is (`ExclusiveAddOnSerials`), one note
    /// each: `uke recalc` prices the unit without them and its finding says so. Empty (no allocation) when none.
    public var notBilled: [String] = []

    public init(points: Int, explanation: [String], yen: Int = 0, isYen: Bool = false) {
        self.points = points; self.explanation = explanation; self.yen = yen; self.isYen = isYen
    }
}

/// Which 薬剤料 wording applies to the drugs of a unit (医科点数表, checked against R06 ika-kokuji.txt).
public enum DrugFeeRule: Sendable {
    /// F200 投薬 (l.10837: 15円以下である場合は１点とし、15円を超える場合は10円又はその端数を増すごとに
    /// １点を加算) and G100 注射 (l.11120: 1回分使用量につき 15円以下 1点).
    case dispensing
    /// C200 在宅, D500 検査, E300 画像, H100, I100, J300 処置, K940 手術, L200 麻酔 薬剤 (l.8334, 10359,
    /// 10741, 11624, 12358, 13134, 17055, 17291): 15円を超える場合は (薬価 − 15円) ÷ 10円, 1点未満切り上げ,
    /// ＋1点; 注1 薬価が15円以下である場合は、算定しない.
    case procedural

    /// 診療識別 (2 digits) → rule: 21–33 (投薬・注射) dispensing, everything else procedural.
    public static func forCategory(_ category: Int) -> DrugFeeRule {
        (21...33).contains(category) ? .dispensing : .procedural
    }
}

/// Prices one 算定単位 from the masters, by general mechanisms driven by master fields:
///
/// - 点数識別 3 点数: the item's points (項番12), or by きざみ (項番30–35, R06rec1 p.31 点数算定式１/２:
///   基本点数 + ⌈(数量 − 下限値) ÷ きざみ値⌉ × きざみ点数, capped at 上限値 per 上下限エラー処理).
/// - 点数識別 5 ％加算 / 6 ％減算 (R06rec2 別紙7-1 ⑷⑸), on the 点数 items before the row of its 部, and
///   for a 注 row (告示等識別区分 7) of its 注加算コード family and own 区分番号 when the unit has them (`PercentBase.scope`):
///   a 注 row multiplies each item by (100 ± X)/100, rounded to whole points (医科点数表 第1部 通則:
///   1点未満の端数は四捨五入) — e.g. E002 注2, D 生体検査 乳幼児加算; a 通則 row (9) adds X/100 of the
///   所定点数 without compounding with other 通則 rows, rounded with the unit — J 通則5, K 通則7・8・12.
/// - 点数識別 8 点数（マイナス）: subtracted.
/// - 包括対象検査 (項番16): items of one group beyond the 告示's item count are priced as the group
///   (D007 注 etc., `BundledTestRules`).
/// - 医薬品: 薬剤料 from 薬価 × 使用量 summed over the unit's drugs, in 10円 steps (`DrugFeeRule`).
/// - 特定器材: 材料価格 × 使用量 ÷ 10, 1点未満四捨五入 (告示 第4部 通則 特定保険医療材料料).
public struct UnitPricer: Sendable {
    public var bundled: BundledTestRules

    public init(bundled: BundledTestRules) { self.bundled = bundled }

    /// A 包括 count key: the 項番16 group in the low bits, the がん種 of a D004-2 group (`BundledTestRules.cancerType`) above.
    static let groupTypeShift = 16
    static let groupMask = (1 << groupTypeShift) - 1

    /// `bundles`: the 包括 groups this unit shares with the other orders of its encounter (`EncounterBundles`).
    public func price(_ items: [UnitItem], category: Int, masters: DatedMasters, explain: Explain = .off,
                      bundles: EncounterBundles.View? = nil) -> Result<UnitPrice, UnitPricingIssue> {
        do throws(UnitPricingIssue) { return .success(try priceUnit(items, category: category, masters: masters, explain: explain, bundles: bundles)) } catch {
            return .failure(error)
        }
    }

    /// Checked arithmetic on one item's amounts: overflow is `.overflow(code)` (quantities and master
    /// amounts are bounded at the door, but their products, e.g. 10¹³ × a 9-digit 点数, are not).
    @inline(__always) static func mul(_ a: Int, _ b: Int, _ code: UInt64) throws(UnitPricingIssue) -> Int {
        guard let v = Checked.mul(a, b) else { throw .overflow(code) }
        return v
    }
    @inline(__always) static func add(_ a: Int, _ b: Int, _ code: UInt64) throws(UnitPricingIssue) -> Int {
        guard let v = Checked.add(a, b) else { throw .overflow(code) }
        return v
    }

    /// Whether row `code` is left out of its 部's 通則 time ％加算 base on `date` (`GeneralAddOnBases.isExcludedFromTime`).
    static func notInTimeBase(_ t: MasterTable, _ v: Int, _ code: UInt64, _ date: ServiceDate) -> Bool {
        guard let part = t.bytes(v, ProcedureColumn.codeTableAlphabet).first, GeneralAddOnBases.timeCodeParts.contains(part) else { return false }
        return GeneralAddOnBases.isExcludedFromTime(part: part, code: code, on: date)
    }

    /// The unit's items with its 通則 ％加算 rows (告示等識別区分（１） 9, 点数識別 5: J 通則5, K 通則7・8・12, L 通則3 …) after
    /// every other row, in their own order: their 所定点数 is the 区分's points with each 注 加算 (通知 第9部 通則10, 第10部
    /// 通則9, 第11部 通則6), whatever the order a clerk or レセコン lists the rows in (review 298 EO-1: J044 + 深夜加算２ + 注
    /// 乳幼児加算 gave 955 for 999). Codes of such rows end in 90 (the master's numbering), a look-up only when one is
    /// followed by a 診療行為 row; `items` itself otherwise.
    static func generalPercentLast(_ items: [UnitItem], _ masters: DatedMasters) -> [UnitItem] {
        guard items.count > 1, let first = items.firstIndex(where: { $0.kind == .procedure && $0.code % 100 == 90 }), first < items.count - 1,
              case .success(let t) = masters.procedures else { return items }
        func isGeneralPercent(_ item: UnitItem) -> Bool {
            guard item.kind == .procedure, item.code % 100 == 90, let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: masters.date) else { return false }
            return t.field(v, ProcedureColumn.noticeClass1, is: "9") && t.integer(v, ProcedureColumn.pointKind) == 5
        }
        guard let general = items[first...].firstIndex(where: isGeneralPercent),
              items[(general + 1)...].contains(where: { $0.kind == .procedure && !isGeneralPercent($0) }) else { return items }
        return items.filter { !isGeneralPercent($0) } + items.filter(isGeneralPercent)
    }

    func priceUnit(_ items: [UnitItem], category: Int, masters: DatedMasters, explain: Explain, bundles: EncounterBundles.View? = nil) throws(UnitPricingIssue) -> UnitPrice {
        let items = Self.generalPercentLast(items, masters)
        var explanation: [String] = []
        // The 所定点数 items of the unit, in micro-points (1e-6), for ％ add-ons and 包括 groups.
        var bases: [PercentBase] = []
        var baseCodes: [UInt64] = []   // the code of each of `bases`
        var generalAddOns = 0     // 通則 ％ add-ons, micro-points (not part of any 所定点数)
        var flat = 0              // hundredths from マイナス items
        var drugYenE7 = 0         // Σ 薬価 × 使用量, in 1e-7 yen
        var hasDrug = false
        var devicePoints = 0
        var deviceProducts: [Int] = []    // each device's 材料価格 × 使用量 (1e-7 yen), for a 金額種別 5 ％加算 row
        var deviceScaled: [Bool] = []
        var deviceCodes: [UInt64] = []    // their codes (the 酸素補正率 line of `explain: .full` names each)
        var deviceOxygen: [Bool] = []     // 酸素等区分 2–5 (酸素): the rows the 酸素補正率 scales
        var oxygenCorrection: (code: UInt64, percent: Int)? = nil
        var yenHundredths = 0     // 点数識別 1 金額 rows, in hundredths of a yen
        var firstYenCode: UInt64?
        var timeAddOns: [(scope: [Int], amount: Int, code: UInt64)] = []   // 内視鏡 通則5 rows: items, hundredths of a ％
        var generalApplied: [(scope: [Int], amount: Int, time: Bool)] = []   // 通則 ％加算 rows so far: their items, hundredths of a ％, a time row
        let date = masters.date
        for item in items {
            switch item.kind {
            case .procedure:
                guard case .success(let t) = masters.procedures else { throw .dateNotCovered(.procedure, date) }
                guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date) else { throw .codeNotValid(item.code, date) }
                let P = ProcedureColumn.self
                let amount = t.hundredths(v, P.points) ?? 0
                switch t.integer(v, P.pointKind) ?? 3 {
                case 3:
                    let value = try amountWithKizami(t, v, amount, item)
                    if explain == .compact {
                        explanation.append(ExplainRule.line(t.integer(v, P.kizamiKind) == 1 ? .kizami : .points, t, v, item.code))
                    } else if explain == .full {
                        explanation.append(item.timeOnly
                            ? "\(item.code) \(t.string(v, P.abbreviatedName)): \(FixedPoint(value: value, decimals: 2))点 of its きざみ only, no 基本点数 (通知 L008 (12) ウ; the minutes are in the notes)"
                            : t.integer(v, P.kizamiKind) == 1
                            ? "\(item.code) \(t.string(v, P.abbreviatedName)): きざみ 数量 \(item.quantity == 0 ? "not stated (the 基本点数)" : String(item.quantity / UnitItem.quantityScale)) → \(FixedPoint(value: value, decimals: 2))点 (R06rec1 点数算定式)"
                            : "\(item.code) \(t.string(v, P.abbreviatedName)): \(t.string(v, P.points))点 (点数識別 3)")
                    }
                    let micro = try Self.mul(value, 10_000, item.code)
                    // A 注加算 of points (告示等識別区分 7, 注加算通番 not 0) joins the 所定点数 of its 区分's row before it (same
                    // 注加算コード, 通番 0): a ％ row then multiplies that sum and rounds it once — 通知 第3部 第3節 通則
                    // (ika-tsuuchi.txt 15408-15410: 「所定点数」とは…注に規定する加算を含む; 15416-15419: それぞれの割合を乗じた上で
                    // 四捨五入), 第9部 通則10 (21311-21313), E 第3節 通則4 (17810): D215 2 + 注2 パルスドプラ 530 + 150 = 680 ×
                    // 0.9 × 1.7 = 1040.4 → 1040, not 811 + 230. A 注加算 of 通則加算所定点数対象区分 1 stays apart, so that a 通則
                    // ％ row leaves it out (第12部 通則3 小児放射線治療加算: 各区分の注に掲げる加算については加算の対象とならない,
                    // ika-tsuuchi.txt 27124 — M001 体外照射用固定器具加算, M000 放射線治療専任加算).
                    // A 注 row some ％ row leaves out of its 所定点数 (note_percent_rules: 冠動脈ＣＴ撮影加算 …) stays apart too, so that
                    // the ％ row's scope can leave it out (apart or joined, the other ％ rows take the same sum).
                    if t.bytes(v, P.noticeClass1).first == UInt8(ascii: "7"), (t.integer(v, P.bundledTestGroup) ?? 0) == 0,
                       t.integer(v, P.generalAddOnBaseClass) != 1, !GeneralAddOnBases.keptApart.contains(item.code),
                       let family = t.integer(v, P.addOnCode), family != 0, !t.field(v, P.addOnSerial, is: "0"),
                       let k = bases.lastIndex(where: { t.integer($0.version, P.addOnCode) == family && t.field($0.version, P.addOnSerial, is: "0") }) {
                        bases[k].micro = try Self.add(bases[k].micro, micro, item.code)
                        bases[k].exact = try Self.add(bases[k].exact, micro, item.code)
                        bases[k].beforeAddOns = try Self.add(bases[k].beforeAddOns, micro, item.code)
                        let notForTime = Self.notInTimeBase(t, v, item.code, date)
                        if notForTime { bases[k].notForTime = try Self.add(bases[k].notForTime, micro, item.code) }
                        // A 通則 ％加算 recorded before this 注加算 takes it too: its 所定点数 is the 区分's points with their 注
                        // add-ons whatever the order a レセコン writes the unit's records in (L008 + 休日加算（麻酔） + 注 硬膜外麻酔
                        // 併施加算: (6600 + 600) × 180/100; 第11部 通則3, 通知 第11部 通則6 「所定点数」とは…各注に規定する加算を含む,
                        // R06 ika-kokuji.txt 17076-17080, ika-tsuuchi.txt 26743-26745).
                        for g in generalApplied where g.scope.contains(k) && !(g.time && notForTime) {
                            generalAddOns = try Self.add(generalAddOns, try Self.mul(micro, g.amount, item.code) / 10_000, item.code)
                        }
                    } else {
                        // D004-2 注1・注2: a がん種 group is counted per がん種 — the type rides above the group number (`groupTypeShift`).
                        let group = t.integer(v, P.bundledTestGroup) ?? 0
                        let cancerType = bundled.cancerType(group: group, code: item.code, on: date)
                        var base = PercentBase(micro: micro, group: group | cancerType << Self.groupTypeShift, version: v)
                        base.standardHeld = item.standardHeld
                        if Self.notInTimeBase(t, v, item.code, date) { base.notForTime = micro }
                        bases.append(base)
                        baseCodes.append(item.code)
                    }
                case 5, 6:
                    // The ％ is in hundredths of a percent: micro × amount / 10_000 is exact to 1e-6 point
                    // for the percentages the masters use.
                    var scope = PercentBase.scope(bases, table: t, row: v,
                                                  general: t.bytes(v, P.noticeClass1).first == UInt8(ascii: "9"), date: date)
                    // 注 rows the 通知 leaves out of this ％ row's 所定点数 (general-add-on-bases.json note_percent_rules: E 第3節 通則4
                    // 乳幼児加算 takes the 撮影 and its 注3 造影剤使用加算 only, 通則2 ２回目以降 and E202 注7 the 撮影 alone).
                    if let excluded = GeneralAddOnBases.notePercentExclusions(item.code, on: date) {
                        scope = scope.filter { !excluded.contains(baseCodes[$0]) }
                    }
                    if t.bytes(v, P.noticeClass1).first == UInt8(ascii: "9") && t.integer(v, P.pointKind) == 5 {
                        // 通則加算 (告示等識別区分 9): 所定点数 (the items with their 注 add-ons, not other 通則
                        // add-ons) × X/100, added, rounded with the unit — J 通則5, K 通則7・8・12 (通知 第10部
                        // 通則9: 「所定点数」とは…各区分の注に規定する加算の合計をいい、通則の加算点数は含まない).
                        // A time row (麻酔 通則3) leaves out the 注 rows 通知 L008 (7) does not name (`PercentBase.notForTime`).
                        let time = (t.integer(v, P.timeAddOnClass) ?? 0) != 0
                        var base = 0
                        for k in scope { base = try Self.add(base, bases[k].exact - (time ? bases[k].notForTime : 0), item.code) }
                        // A 部's 所定点数 threshold for its time rows (第9部 通則5: 加算１ 1,000点以上, 加算２ 150点以上; order-add-ons.json
                        // general_time_minimum_points): below it the row is no 加算 at all and adds nothing — a stated receipt keeps its
                        // 52点 創傷処置 (review 334 FY-1: uke recalc wrote 73 for 52 + 時間外加算２; the audit's SA-A002 already said so).
                        if time, let part = t.bytes(v, P.codeTableAlphabet).first,
                           let minimum = OrderAddOnRules.embedded?.generalTimeMinimums(on: date).first(where: { $0.part.utf8.first == part }) {
                            let cls = t.integer(v, P.timeAddOnClass) ?? 0
                            let threshold = cls == 8 || cls == 9 ? minimum.first : minimum.second
                            if base < threshold * 1_000_000 {
                                if explain != .off {
                                    explanation.append("\(item.code) \(t.string(v, P.abbreviatedName)): not added — the 所定点数 \(FixedPoint(value: base / 10_000, decimals: 2))点 is below \(threshold)点 (第\(part == UInt8(ascii: "J") ? "9部 処置 通則5" : " \(Character(Unicode.Scalar(part))) 通則") 所定点数が\(threshold)点以上の場合)")
                                }
                                continue
                            }
                        }
                        generalAddOns = try Self.add(generalAddOns, try Self.mul(base, amount, item.code) / 10_000, item.code)
                        generalApplied.append((scope, amount, time))
                        if explain == .compact { explanation.append(ExplainRule.line(.generalPercent, t, v, item.code)) }
                        else if explain == .full { explanation.append("\(item.code) \(t.string(v, P.abbreviatedName)): + 所定点数 \(FixedPoint(value: base / 10_000, decimals: 2))点 × \(FixedPoint(value: amount, decimals: 2))/100 (通則加算)") }
                    } else if t.integer(v, P.pointKind) == 5, (t.integer(v, P.timeAddOnClass) ?? 0) != 0 {
                        // 内視鏡検査 通則5 休日・時間外・深夜加算 (告示等識別区分 7 with a 時間加算区分): 所定点数 × X/100, added beside
                        // the other ％加算 — its 所定点数 is the D295–D323 points with their 注 add-ons (and the ２回目以降 100分の90),
                        // not the 通則 costs (通知 第3部 第3節 内視鏡検査 (7), ika-tsuuchi.txt 16825-16830): a 3歳未満 child's
                        // 休日 EGD is 1140 + 1140 × 70/100 + 1140 × 80/100 = 2850 (第3節 4: 所定点数にそれぞれの割合を乗じた上で四捨五入).
                        // Taken at the end of the unit: a ２回目以降 100分の90 row after it still lowers its 所定点数
                        // (1140 × 90/100 × 140/100 = 1436.4 → 1436, 通知 (7) ただし).
                        timeAddOns.append((scope, amount, item.code))
                        if explain == .compact { explanation.append(ExplainRule.line(.timePercent, t, v, item.code)) }
                        else if explain == .full { explanation.append("\(item.code) \(t.string(v, P.abbreviatedName)): + 所定点数 × \(FixedPoint(value: amount, decimals: 2))/100 (内視鏡 通則5: the D295–D323 points with their 注 add-ons and ２回目以降 100分の90, not the other ％加算)") }
                    } else {
                        // 注 ％加算 / ％減算 (告示等識別区分 7): each item of the scope × (100 ± X)/100, 1点未満
                        // 四捨五入 at each step — two 乳幼児加算（生体検査） rows on ECG 130 + EF 1140 make
                        // 221→376 and 1938→3295 = 3671, as real receipts state.
                        let percent = amount / 100
                        let factor = t.integer(v, P.pointKind) == 5 ? 100 + percent : 100 - percent
                        // The rows of one 区分番号 in the scope are one 所定点数, rounded once: E002 撮影 1枚目 and its 2枚目以降 row ×
                        // 新生児加算 1.8 — 68 × 1.8 + 68 × 1.8 × 0.5 × 2 = 244.8 → 245 (通知 E002 (7): 端数処理は、当該撮影の最後に行う;
                        // review 219 BN-1: each row rounded gave 122 + 61 for 184). Each row keeps its exact share, the last of the 区分
                        // the rounding; a single item is a 区分 of one.
                        let sections = scope.map { SectionCode(t, bases[$0].version) }
                        var grouped = [Bool](repeating: false, count: scope.count)
                        for n in scope.indices where !grouped[n] {
                            let members = scope.indices.filter { sections[$0] == sections[n] }
                            var sum = 0
                            for m in members { sum = try Self.add(sum, bases[scope[m]].micro, item.code) }
                            var others = 0
                            for m in members.dropLast() {
                                bases[scope[m]].micro = try Self.mul(bases[scope[m]].micro, factor, item.code) / 100
                                others = try Self.add(others, bases[scope[m]].micro, item.code)
                            }
                            bases[scope[members[members.count - 1]]].micro = try Self.mul(Rounding.halfUp(try Self.mul(sum, factor, item.code), divisor: 100_000_000), 1_000_000, item.code) - others
                            for m in members { grouped[m] = true }
                        }
                        for k in scope {
                            bases[k].exact = try Self.mul(bases[k].exact, factor, item.code) / 100
                            if bases[k].notForTime != 0 {
                                bases[k].notForTime = try Self.mul(Rounding.halfUp(try Self.mul(bases[k].notForTime, factor, item.code), divisor: 100_000_000), 1_000_000, item.code)
                            }
                            if factor < 100 {
                                bases[k].beforeAddOns = try Self.mul(Rounding.halfUp(try Self.mul(bases[k].beforeAddOns, factor, item.code), divisor: 100_000_000), 1_000_000, item.code)
                            }
                        }
                        if explain == .compact { explanation.append(ExplainRule.line(.notePercent, t, v, item.code)) }
                        else if explain == .full { explanation.append("\(item.code) \(t.string(v, P.abbreviatedName)): \(scope.count == 1 ? "the item" : "each of the \(scope.count) items") before it \(factor > 100 ? "+" : "−")\(abs(factor - 100))/100, i.e. × \(factor)/100 (注加算, 四捨五入)") }
                    }
                case 8:
                    guard let f = Checked.sub(flat, amount) else { throw .overflow(item.code) }
                    flat = f
                    if explain == .compact { explanation.append(ExplainRule.line(.minus, t, v, item.code)) }
                    else if explain == .full { explanation.append("\(item.code) \(t.string(v, P.abbreviatedName)): −\(t.string(v, P.points))点 (点数識別 8)") }
                case 4:
                    throw .purchasePrice(item.code)
                case 1:
                    // 点数識別 1 金額 (R06rec2 別紙7-1): yen per 回, apart from points — 入院時食事療養 (1食につき),
                    // 生活療養, 標準負担額. A row with きざみ states its amount per 食 and the receipt's 数量データ
                    // the meals of a day (データ規格コード 128 食; 下限1・上限3・きざみ値1: 1日3食を限度), so the
                    // same 点数算定式１ gives the day's amount (670円 × 3食 = 2,010円).
                    let value = try amountWithKizami(t, v, amount, item)
                    yenHundredths = try Self.add(yenHundredths, value, item.code)
                    if firstYenCode == nil { firstYenCode = item.code }
                    if explain == .compact { explanation.append(ExplainRule.line(.yen, t, v, item.code)) }
                    else if explain == .full { explanation.append("\(item.code) \(t.string(v, P.abbreviatedName)): \(FixedPoint(value: value, decimals: 2))円 (点数識別 1 金額\(t.integer(v, P.kizamiKind) == 1 ? ", 数量 \(item.quantity == 0 ? "1 (not stated)" : String(item.quantity / UnitItem.quantityScale))" : ""))") }
                default:
                    if explain == .compact { explanation.append(ExplainRule.line(.noPoints, t, v, item.code)) }
                    else if explain == .full { explanation.append("\(item.code) \(t.string(v, P.abbreviatedName)): no points (点数識別 \(t.string(v, P.pointKind)))") }
                }
            case .drug:
                guard case .success(let t) = masters.drugs else { throw .dateNotCovered(.drug, date) }
                guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date) else { throw .codeNotValid(item.code, date) }
                let price = t.hundredths(v, DrugColumn.price) ?? 0
                let (product, overflow) = price.multipliedReportingOverflow(by: item.quantity)
                guard !overflow else { throw .overflow(item.code) }
                drugYenE7 = try Self.add(drugYenE7, product, item.code)
                hasDrug = true
                if explain == .compact { explanation.append("\(ExplainRule.drug.rawValue) y:\(item.code)") }
                else if explain == .full { explanation.append("\(item.code) \(t.string(v, DrugColumn.name)): 薬価 \(t.string(v, DrugColumn.price))円 × \(FixedPoint(value: item.quantity, decimals: 5))") }
            case .device:
                guard case .success(let t) = masters.devices else { throw .dateNotCovered(.device, date) }
                guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date) else { throw .codeNotValid(item.code, date) }
                let price = t.hundredths(v, DeviceColumn.price) ?? 0
                if t.integer(v, DeviceColumn.priceKind) == 5 {
                    if t.integer(v, OxygenCorrection.oxygenClassColumn) == 1 {
                        // 酸素補正率 (酸素等区分 1): every 酸素 row of the unit, wherever it stands, and no other (窒素 has none; 通知
                        // J201 (4); review 198 AS-2/3/5) — applied after the unit's devices are read.
                        oxygenCorrection = (item.code, price)
                        if explain == .compact { explanation.append("\(ExplainRule.devicePercent.rawValue) t:\(item.code)") }
                        else if explain == .full { explanation.append("\(item.code) \(t.string(v, DeviceColumn.name)): the unit's 酸素 × (100 + \(t.string(v, DeviceColumn.price)))/100, 1円未満四捨五入 (通知 J201 (4))") }
                        continue
                    }
                    // 特定器材 金額種別 5 ％加算 (R06rec2 別紙5-1): the 材料価格 of the devices before it in the unit × (100 + X)/100,
                    // e.g. 799990070 フィルム料（乳幼児）加算 — E400 注1 「材料価格に1.1を乗じて得た額を10円で除して得た点数」
                    // (../shared/legal/R06/ika-kokuji.txt 10748-10749).
                    var before = 0
                    for k in deviceProducts.indices where !deviceScaled[k] && !deviceOxygen[k] {
                        let old = Rounding.halfUp(deviceProducts[k], divisor: 10 * 100 * UnitItem.quantityScale)
                        deviceProducts[k] = try Self.mul(deviceProducts[k], 10_000 + price, item.code) / 10_000
                        deviceScaled[k] = true
                        let new = Rounding.halfUp(deviceProducts[k], divisor: 10 * 100 * UnitItem.quantityScale)
                        devicePoints = try Self.add(devicePoints, new - old, item.code)
                        before += 1
                    }
                    if explain == .compact { explanation.append("\(ExplainRule.devicePercent.rawValue) t:\(item.code)") }
                    else if explain == .full { explanation.append("\(item.code) \(t.string(v, DeviceColumn.name)): 材料価格 × (100 + \(t.string(v, DeviceColumn.price)))/100 of the \(before) device\(before == 1 ? "" : "s") before it (金額種別 5 ％加算)") }
                    continue
                }
                let quantity = item.quantity == 0 ? UnitItem.quantityScale : item.quantity
                let (product, overflow) = price.multipliedReportingOverflow(by: quantity)
                guard !overflow else { throw .overflow(item.code) }
                // 材料価格 × 使用量 ÷ 10 → points, 1点未満四捨五入. product is in 1e-7 yen.
                let points = Rounding.halfUp(product, divisor: 10 * 100 * UnitItem.quantityScale)
                devicePoints = try Self.add(devicePoints, points, item.code)
                deviceProducts.append(product); deviceScaled.append(false); deviceCodes.append(item.code)
                deviceOxygen.append((2...5).contains(t.integer(v, OxygenCorrection.oxygenClassColumn) ?? 0))
                if explain == .compact { explanation.append("\(ExplainRule.device.rawValue) t:\(item.code)") }
                else if explain == .full { explanation.append("\(item.code) \(t.string(v, DeviceColumn.name)): \(t.string(v, DeviceColumn.price))円 × \(FixedPoint(value: quantity, decimals: 5)) ÷ 10 → \(points)点 (四捨五入)") }
            }
        }
        if let correction = oxygenCorrection {
            // 酸素の価格 = 単価 × 容積 × 補正率, 1円未満四捨五入; ÷ 10 円 → 点, 四捨五入 (通知 J201 (4); L008 注3, J024 …).
            for k in deviceProducts.indices where deviceOxygen[k] && !deviceScaled[k] {
                let old = Rounding.halfUp(deviceProducts[k], divisor: 10 * 100 * UnitItem.quantityScale)
                deviceProducts[k] = try Self.mul(deviceProducts[k], 10_000 + correction.percent, correction.code) / 10_000
                deviceScaled[k] = true
                let yen = Rounding.halfUp(deviceProducts[k], divisor: 100 * UnitItem.quantityScale)
                devicePoints = try Self.add(devicePoints, Rounding.halfUp(yen, divisor: 10) - old, correction.code)
                // The billed figure, after the 補正率 (review 285 EB-5: the line above it gave the points before it only).
                if explain == .full { explanation.append("\(deviceCodes[k]) × 酸素補正率 (100 + \(FixedPoint(value: correction.percent, decimals: 2)))/100 → \(yen)円 (1円未満四捨五入) ÷ 10 → \(Rounding.halfUp(yen, divisor: 10))点 (四捨五入), in place of \(old)点 (通知 J201 (4))") }
            }
        }
        for x in timeAddOns {
            var base = 0
            for k in x.scope { base = try Self.add(base, bases[k].beforeAddOns, x.code) }
            generalAddOns = try Self.add(generalAddOns, try Self.mul(base, x.amount, x.code) / 10_000, x.code)
        }
        // Tests billed as fewer when done together (D007 通知 (5) …): the unbilled ones add nothing and are not counted.
        if category == 60, bundled.mayHaveSets(baseCodes) {
            for (k, passage) in bundled.unbilledBySets(baseCodes, points: bases.map(\.micro), on: date) {
                bases[k].micro = 0; bases[k].exact = 0; bases[k].group = 0
                if explain == .compact, case .success(let t) = masters.procedures { explanation.append(ExplainRule.line(.setUnbilled, t, bases[k].version, baseCodes[k])) }
                else if explain == .full { explanation.append("\(baseCodes[k]): not billed — \(passage)") }
            }
        }
        // … and over the encounter's 検査 orders together (one 採取: `EncounterBundles.setUnbilled`).
        if category == 60, let view = bundles, let list = view.bundles.setUnbilled[view.order] {
            for (code, passage) in list {
                guard let k = bases.indices.first(where: { baseCodes[$0] == code && (bases[$0].micro != 0 || bases[$0].group != 0) }) else { continue }
                bases[k].micro = 0; bases[k].exact = 0; bases[k].group = 0
                if explain == .compact, case .success(let t) = masters.procedures { explanation.append(ExplainRule.line(.setUnbilled, t, bases[k].version, baseCodes[k])) }
                else if explain == .full { explanation.append("\(baseCodes[k]): not billed — \(passage) (with the encounter's other 検査 orders: 1回に採取した検体)") }
            }
        }
        // 包括対象検査: same-group items counted; from the first tier on, the group replaces their sum.
        // Sums over the unit: an overflow names the unit's first code.
        let unitCode = items.first?.code ?? 0
        var total = try Self.add(try Self.mul(flat, 10_000, unitCode), generalAddOns, unitCode)
        var grouped: [Int: (count: Int, sum: Int)] = [:]
        var firstAddOn: UInt64 = 0, firstGroupAddOn: UInt64 = 0
        for (k, b) in bases.enumerated() {
            if b.group != 0 && bundled.appliesTo(group: b.group & Self.groupMask) {
                let g = grouped[b.group, default: (0, 0)]
                grouped[b.group] = (g.count + 1, try Self.add(g.sum, b.micro, unitCode))
            } else {
                // An item a 通則 ％加算 took as its 所定点数 keeps its 注 ％ fractions to the unit's one rounding (`PercentBase.exact`).
                total = try Self.add(total, generalApplied.contains { $0.scope.contains(k) } ? b.exact : b.micro, unitCode)
            }
        }
        for (key, own) in grouped.sorted(by: { $0.key < $1.key }) {
            let group = key & Self.groupMask
            let cancerLabel = bundled.cancerTypeLabel(key >> Self.groupTypeShift, on: date)
            guard bundled.covers(group: group, on: date) else { throw .parameterNotCovered("包括対象検査 \(group)", date) }
            var g = own
            if let shared = bundles?.bundles.groups[group] {
                // Counted with the encounter's other orders (one 採取): billed once, on the carrier order.
                guard shared.carrier == bundles?.order else {
                    if explain == .compact { explanation.append("\(ExplainRule.bundleElsewhere.rawValue) group:\(group) order:\(shared.carrier)") }
                    else if explain == .full { explanation.append("包括対象検査 \(group): \(own.count) items counted with the encounter's orders[\(shared.carrier)] (1回に採取した検体: \(shared.count) items in \(shared.orders.count) orders), billed there") }
                    continue
                }
                g = (shared.count, shared.sumMicro)
                if explain == .compact { explanation.append("\(ExplainRule.bundleHere.rawValue) group:\(group)") }
                else if explain == .full { explanation.append("包括対象検査 \(group): \(shared.count) items over the encounter's orders \(shared.orders.map { String($0) }.joined(separator: ", ")) (1回に採取した検体), billed here") }
            }
            if firstGroupAddOn == 0, let addOn = bundled.inpatientFirstAddOn(group: group, on: date) { firstGroupAddOn = addOn }
            if let rule = bundled.points(group: group, items: g.count, on: date) {
                let groupPoints = try Self.mul(rule.points, 1_000_000, unitCode)
                let capped = rule.isCap ? min(g.sum, groupPoints) : groupPoints
                total = try Self.add(total, capped, unitCode)
                if let addOn = rule.inpatientFirstAddOn { firstAddOn = addOn }
                if explain == .compact { explanation.append("\(ExplainRule.bundle.rawValue) group:\(group)") }
                else if explain == .full { explanation.append("包括対象検査 \(group)\(cancerLabel.map { " (\($0))" } ?? ""): \(g.count) items → \(capped / 1_000_000)点 (\(rule.source))") }
            } else {
                total = try Self.add(total, g.sum, unitCode)
            }
        }
        // 1点未満の端数: 四捨五入, once, at the end of the unit's calculation (通知 E001 (9), E002 (7),
        // 生体検査 通則4: 所定点数にそれぞれの割合を乗じた上で、端数が生じた場合には四捨五入).
        var points = Rounding.halfUp(total, divisor: 1_000_000)
        var drugPoints = 0
        if hasDrug {
            drugPoints = DrugFee.points(yenE7: drugYenE7, rule: DrugFeeRule.forCategory(category))
            points = try Self.add(points, drugPoints, unitCode)
            if explain == .compact { explanation.append(ExplainRule.drugFee(category: category)) }
            else if explain == .full { explanation.append("薬剤料: \(FixedPoint(value: drugYenE7, decimals: 7))円 → \(drugPoints)点 (\(ExplainRule.drugFeeSection(category).map { $0 + ": " } ?? "")\(DrugFeeRule.forCategory(category) == .dispensing ? "15円以下1点" : "15円以下算定せず"); 15円を超えるときは 1 + ⌈(円 − 15) ÷ 10⌉点)") }
        }
        points = try Self.add(points, devicePoints, unitCode)
        if let yenCode = firstYenCode {
            // A unit states one 点数 field: yen or points, never both. 金額 rows are whole yen in the masters
            // (食事療養 670.00); a fraction would be 四捨五入 to the yen.
            guard points == 0 && bases.isEmpty && !hasDrug && devicePoints == 0 else { throw .mixedYenAndPoints(yenCode) }
            return UnitPrice(points: 0, explanation: explanation, yen: Rounding.halfUp(yenHundredths, divisor: 100), isYen: true)
        }
        var price = UnitPrice(points: points, explanation: explanation)
        price.inpatientFirstAddOn = firstAddOn
        price.inpatientFirstGroupAddOn = firstGroupAddOn
        if hasDrug { price.drugYenE7 = drugYenE7; price.drugPoints = drugPoints }
        return price
    }

    /// きざみ (R06rec1 §3(7) 項番30–35, p.31). nil = not billable (上下限エラー処理 2/3 below the range).
    /// A row's amount (hundredths), through its きざみ (点数算定式１) when the row has one; a 数量 under the
    /// lower limit is an issue.
    func amountWithKizami(_ t: MasterTable, _ v: Int, _ amount: Int, _ item: UnitItem) throws(UnitPricingIssue) -> Int {
        guard t.integer(v, ProcedureColumn.kizamiKind) == 1 else { return amount }
        guard let k = try kizami(t, v, base: item.timeOnly ? 0 : amount, scaledQuantity: item.quantity, code: item.code) else {
            throw .quantityBelowLimit(item.code, item.quantity / UnitItem.quantityScale)
        }
        return k
    }

    /// `scaledQuantity`: the 数量 × `UnitItem.quantityScale`, so that a decimal 数量 is compared and stepped as it is (60.5 分 is
    /// over 「下限値−きざみ値」 60, and 90.5 is one きざみ over 90: review 183 AD-04); the limits are whole numbers in the master.
    func kizami(_ t: MasterTable, _ v: Int, base: Int, scaledQuantity q: Int, code: UInt64) throws(UnitPricingIssue) -> Int? {
        let P = ProcedureColumn.self
        let scale = UnitItem.quantityScale
        guard let lower = Checked.mul(t.integer(v, P.kizamiLower) ?? 0, scale), let upper = Checked.mul(t.integer(v, P.kizamiUpper) ?? 99_999_999, scale),
              let step = Checked.mul(max(1, t.integer(v, P.kizamiStep) ?? 1), scale) else { throw .overflow(code) }
        let stepPoints = t.hundredths(v, P.kizamiPoints) ?? 0
        let handling = t.integer(v, P.kizamiErrorHandling) ?? 0
        guard let floor = Checked.sub(lower, step) else { throw .overflow(code) }
        if q <= floor { return handling >= 2 ? nil : base }
        if q <= lower { return base }
        // 点数算定式１ within the range; above 上限値, 式２ (capped) for 1 and 3, 式１ (warning) for 0 and 2.
        let effective = q > upper && (handling == 1 || handling == 3) ? upper : q
        guard let over = Checked.sub(effective, lower), over > 0 else { return base }
        let steps = (over - 1) / step + 1   // 切り上げ
        return try Self.add(base, try Self.mul(steps, stepPoints, code), code)
    }
}

/// 薬剤料 in points from the summed drug price.
public enum DrugFee {
    /// yenE7: Σ 薬価 × 使用量 in units of 1e-7 yen (薬価 in hundredths × 使用量 in 1e-5).
    public static func points(yenE7: Int, rule: DrugFeeRule) -> Int {
        let fifteen = 15 * 10_000_000
        if yenE7 <= fifteen { return rule == .dispensing ? 1 : 0 }
        // 1点 + ⌈(薬価 − 15円) ÷ 10円⌉.
        let tenYen = 10 * 10_000_000
        return 1 + ((yenE7 - fifteen - 1) / tenYen + 1)   // ⌈x ÷ 10円⌉ for x > 0, without overflow
    }
}

/// Every rounding step written out and named (STYLE.md §7).
public enum Rounding {
    /// 四捨五入 of value ÷ divisor (value ≥ 0 expected; negatives round half away from zero).
    /// Written on quotient and remainder, so it cannot overflow for any `value` (divisor > 0).
    @inline(__always) public static func halfUp(_ value: Int, divisor: Int) -> Int {
        let q = value / divisor, r = value % divisor
        let half = divisor - divisor / 2
        return value >= 0 ? (r >= half ? q + 1 : q) : (-r >= half ? q - 1 : q)
    }
}

/// A fixed-point value printed exactly: `value` × 10^-`decimals`, trailing zeros dropped.
struct FixedPoint: CustomStringConvertible {
    let value: Int
    let decimals: Int
    var description: String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let i = value / scale, f = value % scale
        if f == 0 { return "\(i)" }
        var s = String(f)
        while s.count < decimals { s = "0" + s }
        while s.hasSuffix("0") { s.removeLast() }
        return "\(i).\(s)"
    }
}

extension UnitPricer {
    /// Items that are all ％ rows — 診療行為 of 点数識別 5 ％加算 / 6 ％減算, 特定器材 of 金額種別 5 (酸素補正率, フィルム料
    /// （乳幼児）加算) — which price nothing alone: a UKE unit of them is priced on the unit before it, by `uke recalc` and by
    /// the audit's SA-P001 alike (review 128 P02; review 203 AX1, AX3, AX4).
    static func percentOnly(_ items: [UnitItem], _ masters: DatedMasters) -> Bool {
        guard !items.isEmpty else { return false }
        for item in items {
            switch item.kind {
            case .procedure:
                guard case .success(let t) = masters.procedures, AddOnDeriver.isPercentRow(t, item.code, masters.date) else { return false }
            case .device:
                guard isPercentDevice(item.code, masters) else { return false }
            case .drug:
                return false
            }
        }
        return true
    }

    /// A 特定器材 row of 金額種別 5 (％加算: 酸素補正率, フィルム料（乳幼児）加算; R06rec2 別紙5-1), which has no 使用量; false when
    /// the master does not hold the code on the date (the pricer reports that).
    static func isPercentDevice(_ code: UInt64, _ masters: DatedMasters) -> Bool {
        guard case .success(let t) = masters.devices, let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: masters.date) else { return false }
        return t.integer(v, DeviceColumn.priceKind) == DevicePriceKind.percentAddition.rawValue
    }
}
