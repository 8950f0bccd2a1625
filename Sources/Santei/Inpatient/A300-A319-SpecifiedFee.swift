// 第２部 第３節 特定入院料 (A300–A319): what a day's 特定入院料 includes (包括), through the 医科電子点数表.
// The 特定入院料 itself is priced by day in A100-A109-BasicFee.swift (the ward's row of the day's period).
// Checked against ../shared/legal/R06/ika-kokuji.txt (A300 注7 2701-2719, A301 注3 2796-2815) and
// tensuhyo_01 §3(2), §5(1)(2) (01補助 包括単位①〜③ / グループ番号①〜③ → 02包括テーブル).

/// The ordered items the 特定入院料 of their day concerns, decided before the orders are priced.
struct SpecifiedFeeInclusion {
    struct ItemPath: Hashable { var encounter: Int; var order: Int; var item: Int }
    /// Items not billed.
    var removed: Set<ItemPath> = []
    /// Every item concerned: removed, or billed and named for review.
    var report: [PricedAdmission.Included] = []
    var notes: [String] = []
    /// 特定入院料 already named in a note for want of a table (once each, not per day).
    private var unknownNoted = Set<UInt64>()

    /// Reports one item a 特定入院料 concerns; true when it is removed (not billed).
    mutating func record(_ inclusion: ClaimPricer.Inclusion, path: String, code: UInt64, date: ServiceDate, fee: PricedAdmission.SpecifiedFee) -> Bool {
        let what = "\(fee.code) \(fee.name) (\(fee.section))"
        switch inclusion {
        case .notIncluded:
            return false
        case .included(let group, let unit):
            report.append(.init(path: path, code: String(code), day: date.day, includedIn: String(fee.code), group: group, removed: true,
                                reason: "included in \(what): 02包括 group \(group), 包括単位 \(unit): not billed"))
            notes.append("\(path) \(code) on \(date): included in \(what), 02包括 group \(group): removed")
            return true
        case .special(let group, let unit):
            report.append(.init(path: path, code: String(code), day: date.day, includedIn: String(fee.code), group: group, removed: false,
                                reason: "in 02包括 group \(group) of \(what) (包括単位 \(unit)) with a 特例条件: billed; check the condition"))
            notes.append("\(path) \(code) on \(date): 02包括 group \(group) of \(what) has a 特例条件 for it: billed, check the condition")
            return false
        case .listed(let passage):
            report.append(.init(path: path, code: String(code), day: date.day, includedIn: String(fee.code), group: nil, removed: true,
                                reason: "included in \(what) by its 告示 (\(passage.prefix(while: { $0 != ":" }))): not billed"))
            notes.append("\(path) \(code) on \(date): included in \(what) by its 告示's list (the 02包括テーブル is not loaded): removed")
            return true
        case .listedDrug(let passage):
            report.append(.init(path: path, code: String(code), day: date.day, includedIn: String(fee.code), group: nil, removed: true,
                                reason: "included in \(what) by its 告示 (\(passage.prefix(while: { $0 != ":" }))) unless it is a 除外薬剤・注射薬: not billed"))
            notes.append("\(path) \(code) on \(date): a drug or material included in \(what) by its 告示's list: removed; a 除外薬剤・注射薬 (特掲診療料の施設基準等 別表第五の一の二) is billed apart — Santei cannot tell one from the masters, review")
            return true
        case .unknown(let why):
            report.append(.init(path: path, code: String(code), day: date.day, includedIn: String(fee.code), group: nil, removed: false,
                                reason: "\(why): billed; \(what) may include it — review"))
            if unknownNoted.insert(fee.code).inserted {
                notes.append("\(what) includes items its 告示 names (包括), but \(why): the ordered 診療行為 of its days are billed and listed in admission.included for review")
            }
            return false
        }
    }
}

extension ClaimPricer {
    /// What a 特定入院料 does with one code on one day.
    enum Inclusion: Equatable {
        /// Not in the 特定入院料's 02 groups: billed as ordered.
        case notIncluded
        /// In a group (グループ番号, 包括単位) without 特例条件: 「所定点数に含まれる」, not billed.
        case included(group: String, unit: String)
        /// In a group, but the row has a 特例条件 (tensuhyo_01 §5(2)): billed, the clerk checks the condition.
        case special(group: String, unit: String)
        /// Without the 02包括テーブル, the 告示's own list (`InpatientRules.SpecifiedFeeList`) includes it: not billed.
        case listed(passage: String)
        /// A drug or material the 告示's list includes (`drugInclusion`): not billed, named with the 除外薬剤 exception.
        case listedDrug(passage: String)
        /// The 01補助マスターテーブル or the 02包括テーブル does not cover the day: billed, and named.
        case unknown(String)
    }

    /// A 特定入院料's 包括 of `code` on day `date` (A300 注7, A301 注3, A308 注3 (ika-kokuji.txt 3707-3724): 「…は、当該特定入院料に含まれる
    /// ものとする」). The 告示 lists the included 部 and 区分 in words; the 医科電子点数表 lists them as codes:
    /// the 特定入院料's 01補助 row names up to three 02 groups with their 包括単位, and the 02包括テーブル the
    /// codes each group includes (被包括). On the day the 特定入院料 is priced every 包括単位 holds (01 1日につき
    /// is what the 01 rows of A300–A319 give; a wider unit contains the day).
    func inclusion(of code: UInt64, on date: ServiceDate, in fee: PricedAdmission.SpecifiedFee) -> Inclusion {
        let decided = tableInclusion(of: code, on: date, in: fee)
        guard case .unknown = decided else { return decided }
        // No table for the day: the 告示's list of what the 特定入院料 includes decides where one is kept (A300 注7, A301 注3 …:
        // 第２章 検査 but 検体検査判断料, 点滴注射, 中心静脈注射, 酸素吸入, 留置カテーテル設置, 病理標本作製料 — review 148 c22).
        guard let list = specifiedFeeList(on: date, fee), case .success(let t) = DatedMasters(masters, on: date).procedures,
              let i = t.codeIndex(of: code), let v = t.version(ofCode: i, on: date) else { return decided }
        return list.includes(SectionCode(t, v), code: code, unitDay: fee.unitDay) ? .listed(passage: list.passage) : .notIncluded
    }

    /// The 告示's list of what the 特定入院料 `fee` includes on `date` (specified-fee-inclusions.json), nil where none is kept.
    func specifiedFeeList(on date: ServiceDate, _ fee: PricedAdmission.SpecifiedFee) -> InpatientRules.SpecifiedFeeList? {
        let law = inpatientRules ?? (try? InpatientRules.standard.get())
        guard let lists = law?.specifiedFeeLists.inForce(on: date)?.value else { return nil }
        return lists.first { $0.fees.contains(String(fee.code)) } ?? lists.first { $0.fees.contains(fee.section) }
    }

    /// A drug or 特定保険医療材料 of an order on a day whose 特定入院料 includes drugs (`SpecifiedFeeList.drugsIncluded`): included
    /// with the order's 診療行為 (a drug of an included 処置, 検査 or 画像 is included; one of a 手術, 麻酔 or 在宅 order is not).
    /// The drugs of 投薬 and 注射 orders (診療識別 21–33) are left to management-fee-inclusion.json's ward rule (A308-3 注7
    /// with its 除外薬剤・注射薬: 麻薬, 抗悪性腫瘍剤 …). Without a table other 除外薬剤 cannot be told: a drug is removed
    /// and named for review. The anchor's `.listed` already says no 02包括テーブル covers the day (the list is read only then).
    func drugInclusion(_ order: Claim.Order, on date: ServiceDate, in fee: PricedAdmission.SpecifiedFee) -> Inclusion {
        guard !(21...33).contains(order.category), let list = specifiedFeeList(on: date, fee), list.drugsIncluded,
              let anchor = order.items.first(where: { $0.code.first == "1" && $0.code.utf8.count == 9 }), let code = UInt64(anchor.code) else { return .notIncluded }
        return inclusion(of: code, on: date, in: fee) == .listed(passage: list.passage) ? .listedDrug(passage: list.passage) : .notIncluded
    }

    private func tableInclusion(of code: UInt64, on date: ServiceDate, in fee: PricedAdmission.SpecifiedFee) -> Inclusion {
        func index<T: AnyObject>(_ kind: MasterKind, _ name: String, _ build: (MasterTable) -> T) -> T? {
            guard let c = try? masters.chainIndex(kind, on: date) else { return nil }
            return masters.chainCache(c, "audit." + name, build)
        }
        guard let aux = index(.auxiliary, "auxiliary", { AuxiliaryIndex($0) }) else {
            return .unknown("no loaded 01補助マスターテーブル covers \(date)")
        }
        guard let av = aux.version(of: fee.code, on: date) else {
            return .unknown("the 01補助マスターテーブル has no row of \(fee.code) valid on \(date)")
        }
        let groups = (0..<3).map { aux.inclusion(av, $0) }.filter { $0.unit != 0 }
        if groups.isEmpty { return .notIncluded }
        guard let table = index(.inclusion, "inclusion", { InclusionIndex($0) }) else {
            return .unknown("the 02包括テーブル is not loaded for \(date) (01補助 names group \(groups.map { aux.groupName($0.group) }.joined(separator: ", ")))")
        }
        for g in groups {
            guard let row = table.row(group: g.group, code: code, on: date.yyyymmdd) else { continue }
            let unit = InclusionUnit(rawValue: Int(g.unit)).meaning ?? "\(g.unit)"
            return row.special ? .special(group: aux.groupName(g.group), unit: unit) : .included(group: aux.groupName(g.group), unit: unit)
        }
        return .notIncluded
    }

    /// The ordered 診療行為 of a claim on the days of a 特定入院料, each checked by `inclusion(of:on:in:)`.
    ///
    /// With the 02包括テーブル loaded an included item is removed from its order (the rest of the order — its
    /// drugs, devices, other codes — is priced as ordered; an order left empty is not billed at all) and
    /// reported; a row with a 特例条件 is billed and reported. Without the table (`../shared/masters` lacks it)
    /// nothing can be told from the data: every ordered 診療行為 of those days is billed and reported as one the
    /// 特定入院料 may include, with a note naming the 特定入院料 — the clerk reviews them (never dropped unseen,
    /// never billed unseen).
    func specifiedFeeInclusion(_ claim: Claim, _ stay: PricedAdmission) -> SpecifiedFeeInclusion {
        var out = SpecifiedFeeInclusion()
        // Rows a 入院料 of the day excludes (same-day-exclusions.json) first: removed for that reason, not 包括.
        sameDayExclusions(claim, stay, law: inpatientRules ?? (try? InpatientRules.standard.get()), into: &out)
        guard !stay.specifiedFees.isEmpty else { return out }
        for (e, encounter) in claim.encounters.enumerated() {
            guard let date = ServiceDate(encounter.date), let fee = stay.specifiedFees[date.dayNumber] else { continue }
            for (o, order) in encounter.orders.enumerated() {
                for (i, item) in order.items.enumerated() {
                    // 医科診療行為 (1…) by the 02 table or the 告示's list; drugs (6…) and devices (7…) where the list includes them
                    // (`drugInclusion`); comments (8…) never.
                    guard item.code.utf8.count == 9, let code = UInt64(item.code), let head = item.code.first, head == "1" || head == "6" || head == "7",
                          !out.removed.contains(.init(encounter: e, order: o, item: i)) else { continue }
                    let decided = head == "1" ? inclusion(of: code, on: date, in: fee) : drugInclusion(order, on: date, in: fee)
                    if out.record(decided, path: "encounters[\(e)].orders[\(o)].items[\(i)]", code: code, date: date, fee: fee) {
                        out.removed.insert(.init(encounter: e, order: o, item: i))
                    }
                }
            }
        }
        return out
    }
}
