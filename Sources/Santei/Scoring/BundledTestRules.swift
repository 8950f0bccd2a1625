import Foundation

/// 検体検査のまるめ: tests of one 包括 group (s master 項番16 包括対象検査) done together are billed by
/// their number, not their sum — e.g. D007 血液化学検査 注: 5項目以上7項目以下 93点, 8項目又は9項目 99点,
/// 10項目以上 103点 (R06 ika-kokuji.txt). No master states these amounts: they are law, kept in
/// `Masters/params/bundled-tests.json`, each version with its effective date and source.
public struct BundledTestRules: Sendable {
    public struct Tier: Sendable, Codable {
        public var min: Int; public var max: Int?; public var points: Int
        /// The add-on row a 入院中の患者 earns the first time in a stay the group reaches this tier (D007 注 ハ 注
        /// 入院時初回加算 「初回に限り」): added by `ClaimPricer` to the order that bills the group.
        public var inpatientFirstAddOn: String?
        enum CodingKeys: String, CodingKey { case min, max, points, inpatientFirstAddOn = "inpatient_first_add_on" }
    }

    public struct Version: Sendable {
        public var from: ServiceDate
        public var tiers: [Tier]
        public var cap: Int?
        public var source: String
    }

    public struct Rule: Sendable { public var points: Int; public var isCap: Bool; public var source: String; public var inpatientFirstAddOn: UInt64? = nil }

    /// group → versions ascending by `from`.
    var groups: [Int: [Version]]
    /// Groups counted per 1回に採取した血液 (`counting` "per_draw": D007 注, D008 注, D009 注2 …): their items are
    /// counted over the orders of one encounter (`EncounterBundles`).
    var perDraw: Set<Int>

    /// Tests the 通知 bills as fewer when done together (D007 (5): ＨＤＬ―コレステロール, 総コレステロール and
    /// ＬＤＬ―コレステロール → 主たるもの２つ): when every code of a set is in one order, only the `keep` of highest
    /// points are billed and counted for the まるめ; the others are billed at nothing.
    public struct SameTimeSet: Sendable, Decodable {
        public var from: String
        public var to: String?
        public var codes: [UInt64]
        public var keep: Int
        public var passage: String
        enum CodingKeys: String, CodingKey { case from, to, codes, keep, passage }
        /// `from` / `to` as day numbers (read once at load).
        var fromDay = Int.max, toDay = Int.max
        func applies(on date: ServiceDate) -> Bool { fromDay <= date.dayNumber && date.dayNumber <= toDay }
    }
    var sets: [SameTimeSet]
    /// Every code of every set: an order with none of them skips the sets.
    let setCodes: Set<UInt64>

    /// D004-2 注1・注2 「患者から１回に採取した組織等を用いて同一がん種に対して」: the がん種 of each 悪性腫瘍遺伝子検査
    /// row as the 通知 D004-2 (2)–(4) lists it (「肺癌における…」), one version per revision (`cancer_types` of
    /// bundled-tests.json). Items of a `perCancerType` group are counted per がん種; a row no version lists counts with
    /// the other unlisted rows, as one がん種 (review 368 HH-1: ＥＧＦＲ（肺癌） + ＲＡＳ（大腸癌） are 2,500 + 2,500, not 4,000).
    public struct CancerTypes: Sendable {
        public var from: ServiceDate
        public var labels: [String]
        /// code → 1-based index into `labels`.
        public var typeOfCode: [UInt64: Int]
    }
    var cancerTypes: [CancerTypes]
    /// Groups counted per がん種 (`counting` "per_draw_per_cancer_type": D004-2 1 イ, ロ).
    var perCancerType: Set<Int>

    /// The がん種 a row of a `perCancerType` group counts under on `date`: 0 for a row no version lists, else a
    /// 1-based index (`cancerTypeLabel`). Other groups: 0.
    @inline(__always) func cancerType(group: Int, code: UInt64, on date: ServiceDate) -> Int {
        guard !perCancerType.isEmpty, perCancerType.contains(group), let v = cancerTypes.last(where: { $0.from <= date }) else { return 0 }
        return v.typeOfCode[code] ?? 0
    }

    /// The label of a がん種 index `cancerType` gave on `date`.
    func cancerTypeLabel(_ type: Int, on date: ServiceDate) -> String? {
        guard type > 0, let v = cancerTypes.last(where: { $0.from <= date }), type <= v.labels.count else { return nil }
        return v.labels[type - 1]
    }

    public init(groups: [Int: [Version]] = [:], perDraw: Set<Int> = [], sets: [SameTimeSet] = [],
                cancerTypes: [CancerTypes] = [], perCancerType: Set<Int> = []) {
        self.groups = groups; self.perDraw = perDraw
        self.cancerTypes = cancerTypes.sorted { $0.from < $1.from }; self.perCancerType = perCancerType
        self.sets = sets.map { set in
            var s = set
            s.fromDay = ServiceDate(set.from)?.dayNumber ?? Int.max
            s.toDay = set.to.flatMap(ServiceDate.init)?.dayNumber ?? Int.max
            return s
        }
        setCodes = Set(sets.flatMap(\.codes))
    }

    /// Whether any of `codes` is in a same-time set (the cheap test before `unbilledBySets`).
    @inline(__always) func mayHaveSets(_ codes: [UInt64]) -> Bool {
        !setCodes.isEmpty && codes.contains { setCodes.contains($0) }
    }

    /// Indexes into `codes` (with their `points`, any unit) that a same-time set leaves unbilled, each with the
    /// set's passage: of a set whose codes are all present, the lowest-point members beyond `keep` (on equal
    /// points, the later one).
    func unbilledBySets(_ codes: [UInt64], points: [Int], on date: ServiceDate) -> [(index: Int, passage: String)] {
        guard codes.count >= 2, mayHaveSets(codes) else { return [] }
        var out: [(Int, String)] = []
        for n in sets.indices where sets[n].applies(on: date) {
            var found: [Int] = []
            for code in sets[n].codes { if let k = codes.firstIndex(of: code) { found.append(k) } else { found = []; break } }
            guard found.count > sets[n].keep else { continue }
            let ranked = found.sorted { points[$0] != points[$1] ? points[$0] > points[$1] : $0 < $1 }
            for k in ranked.dropFirst(sets[n].keep) { out.append((k, sets[n].passage)) }
        }
        return out
    }

    /// Whether the group is counted per 1回の採取 (so over the orders of an encounter).
    public func countsPerDraw(group: Int) -> Bool { perDraw.contains(group) }

    public static let none = BundledTestRules()

    public func appliesTo(group: Int) -> Bool { groups[group] != nil }

    func version(group: Int, on date: ServiceDate) -> Version? {
        groups[group]?.last { $0.from <= date }
    }

    /// Whether the parameters reach back to the date for a known group.
    public func covers(group: Int, on date: ServiceDate) -> Bool { version(group: group, on: date) != nil }

    /// The 入院時初回加算 row a tier of the group's version names (D007 注 ハ 注), whatever the count: nil when none.
    public func inpatientFirstAddOn(group: Int, on date: ServiceDate) -> UInt64? {
        version(group: group, on: date)?.tiers.lazy.compactMap { $0.inpatientFirstAddOn.flatMap(UInt64.init) }.first
    }

    /// The group's amount for `items` tests, or nil when the count is below every tier and no cap
    /// applies (the items are then billed one by one).
    public func points(group: Int, items: Int, on date: ServiceDate) -> Rule? {
        guard let v = version(group: group, on: date) else { return nil }
        if let tier = v.tiers.first(where: { items >= $0.min && items <= ($0.max ?? Int.max) }) {
            return Rule(points: tier.points, isCap: false, source: v.source, inpatientFirstAddOn: tier.inpatientFirstAddOn.flatMap(UInt64.init))
        }
        if let cap = v.cap { return Rule(points: cap, isCap: true, source: v.source) }
        return nil
    }

    private struct File: Decodable {
        struct Group: Decodable { var group: Int; var counting: String?; var versions: [V] }
        struct V: Decodable { var from: String; var tiers: [Tier]?; var cap: Int?; var source: String }
        struct C: Decodable { var from: String; var source: String; var types: [String: [String]] }
        var groups: [Group]
        var sameTimeSets: [SameTimeSet]?
        var cancerTypes: [C]?
        enum CodingKeys: String, CodingKey { case groups, sameTimeSets = "same_time_sets", cancerTypes = "cancer_types" }
    }

    public static func load(path: String) throws(MasterLoadError) -> BundledTestRules {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MasterLoadError(file: path, reason: "cannot read the bundled-test parameters")
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw MasterLoadError(file: path, reason: "not a bundled-test parameter file: \(DecodingErrorText.describe(error))")
        }
        var groups: [Int: [Version]] = [:], perDraw = Set<Int>(), perCancerType = Set<Int>()
        for g in file.groups {
            if g.counting == "per_draw" { perDraw.insert(g.group) }
            if g.counting == "per_draw_per_cancer_type" { perCancerType.insert(g.group) }
            var versions: [Version] = []
            for v in g.versions {
                guard let from = ServiceDate(v.from) else {
                    throw MasterLoadError(file: path, field: "groups[\(g.group)].from", reason: "\"\(v.from)\" is not a date")
                }
                versions.append(Version(from: from, tiers: (v.tiers ?? []).sorted { $0.min < $1.min }, cap: v.cap, source: v.source))
            }
            groups[g.group] = versions.sorted { $0.from < $1.from }
        }
        for (k, set) in (file.sameTimeSets ?? []).enumerated() where ServiceDate(set.from) == nil || (set.to != nil && ServiceDate(set.to!) == nil) || set.keep < 1 {
            throw MasterLoadError(file: path, field: "same_time_sets[\(k)]", reason: "from/to are not dates or keep is below 1")
        }
        var cancerTypes: [CancerTypes] = []
        for (k, c) in (file.cancerTypes ?? []).enumerated() {
            guard let from = ServiceDate(c.from) else {
                throw MasterLoadError(file: path, field: "cancer_types[\(k)].from", reason: "\"\(c.from)\" is not a date")
            }
            let labels = c.types.keys.sorted()
            var typeOfCode: [UInt64: Int] = [:]
            for (n, label) in labels.enumerated() {
                for code in c.types[label]! {
                    guard let value = UInt64(code), code.count == 9 else {
                        throw MasterLoadError(file: path, field: "cancer_types[\(k)].types.\(label)", reason: "\"\(code)\" is not a 9-digit code")
                    }
                    if let other = typeOfCode[value] {
                        throw MasterLoadError(file: path, field: "cancer_types[\(k)].types.\(label)", reason: "\(code) is listed under \(labels[other - 1]) too")
                    }
                    typeOfCode[value] = n + 1
                }
            }
            cancerTypes.append(CancerTypes(from: from, labels: labels, typeOfCode: typeOfCode))
        }
        return BundledTestRules(groups: groups, perDraw: perDraw, sets: file.sameTimeSets ?? [], cancerTypes: cancerTypes, perCancerType: perCancerType)
    }
}

/// 包括対象検査 items of one encounter counted together over its orders (BundledTestRules `perDraw` groups).
///
/// The 告示 counts D007 注 (and D008 注, D009 注2, D013 注, D006 注 …) per 「患者から１回に採取した血液」, and the
/// 通知 (R06 ika-tsuuchi.txt lines 12639-12644, D001 (10); 12743-12748, D004 (14)) adds the items of the same
/// day's urine, 穿刺液・採取液 and blood into one count, leaving out only a second or later blood draw of the
/// day. A claim does not say which draw an order's tests came from, so one encounter is one 採取: its orders'
/// items of a group are counted together. The group's amount is billed on the first order that holds the
/// group (`carrier`); the group's items in its other orders add nothing there. Built only when a group has
/// items in two or more orders of the encounter.
public struct EncounterBundles: Sendable {
    public struct Group: Sendable {
        /// Items of the group in the encounter, and the sum of their own points (micro-points, 1e-6).
        public var count: Int
        public var sumMicro: Int
        /// The order that bills the group, and the orders that hold its items.
        public var carrier: Int
        public var orders: [Int]
    }
    public var groups: [Int: Group]
    /// Codes a same-time set (`BundledTestRules.unbilledBySets`) leaves unbilled by order, where the set's tests sit in two
    /// or more orders of the encounter — one 採取 as for the groups (通知 D007 (5)(7) 「併せて測定した場合は、主たるもの２つ」;
    /// review 311 FB-1: 総蛋白・ＢＵＮ… in one order and アルブミン・蛋白分画 in another billed all three).
    public var setUnbilled: [Int: [(code: UInt64, passage: String)]] = [:]

    /// The groups of `rules.perDraw` whose items are in two or more of the encounter's 検査 orders (診療識別
    /// 60), nil when none is (the common case: fewer than two 検査 orders is answered without a look-up).
    /// `excluded(order, item)`: items not billed (included in the day's 特定入院料).
    static func of(_ encounter: Claim.Encounter, table t: MasterTable, date: ServiceDate, rules: BundledTestRules,
                   excluded: (Int, Int) -> Bool) -> EncounterBundles? {
        var tests = 0
        for order in encounter.orders where order.category == 60 { tests += 1 }
        guard tests >= 2 else { return nil }
        let P = ProcedureColumn.self
        let pricer = UnitPricer(bundled: rules)
        var groups: [Int: Group] = [:]
        // Same-time sets over the encounter's 検査 orders together (the items not billed: order → item positions).
        var unbilled: [Int: Set<Int>] = [:]
        var setUnbilled: [Int: [(code: UInt64, passage: String)]] = [:]
        if !rules.setCodes.isEmpty {
            var paths: [(o: Int, i: Int)] = [], codes: [UInt64] = []
            for (o, order) in encounter.orders.enumerated() where order.category == 60 {
                for (i, item) in order.items.enumerated() where !excluded(o, i) { paths.append((o, i)); codes.append(UInt64(item.code) ?? 0) }
            }
            if rules.mayHaveSets(codes) {
                let points = codes.map { c in t.codeIndex(of: c).flatMap { t.version(ofCode: $0, on: date) }.flatMap { t.hundredths($0, P.points) } ?? 0 }
                for (k, passage) in rules.unbilledBySets(codes, points: points, on: date) {
                    unbilled[paths[k].o, default: []].insert(paths[k].i)
                    setUnbilled[paths[k].o, default: []].append((codes[k], passage))
                }
            }
        }
        for (o, order) in encounter.orders.enumerated() where order.category == 60 {
            for (i, item) in order.items.enumerated() where unbilled[o]?.contains(i) != true {
                guard item.code.utf8.first == UInt8(ascii: "1"), let code = UInt64(item.code), let k = t.codeIndex(of: code),
                      let v = t.version(ofCode: k, on: date), t.integer(v, P.pointKind) == 3,
                      let group = t.integer(v, P.bundledTestGroup), group != 0, rules.countsPerDraw(group: group), !excluded(o, i) else { continue }
                // The item's own points as `UnitPricer` makes them: a row of きざみ by 数量 (D015 13 特異的ＩｇＥ, 特異抗原の
                // 種類ごとに — its antigens are the quantity) counts at its 数量, not once.
                let base = t.hundredths(v, P.points) ?? 0
                let value = (try? pricer.amountWithKizami(t, v, base, UnitItem(kind: .procedure, code: code, quantity: item.quantity?.scaled ?? 0))) ?? base
                let micro = value * 10_000
                if var g = groups[group] {
                    g.count += 1; g.sumMicro = Checked.add(g.sumMicro, micro) ?? g.sumMicro
                    if g.orders.last != o { g.orders.append(o) }
                    groups[group] = g
                } else {
                    groups[group] = Group(count: 1, sumMicro: micro, carrier: o, orders: [o])
                }
            }
        }
        groups = groups.filter { $0.value.orders.count > 1 }
        // (A set within one order gives the same rows as the order's own pass in `UnitPricer`: applying both changes nothing.)
        guard !groups.isEmpty || !setUnbilled.isEmpty else { return nil }
        var out = EncounterBundles(groups: groups)
        out.setUnbilled = setUnbilled
        return out
    }

    /// The view of one order for `UnitPricer`.
    public func view(order: Int) -> View { View(bundles: self, order: order) }
    public struct View: Sendable { public var bundles: EncounterBundles; public var order: Int }
}

