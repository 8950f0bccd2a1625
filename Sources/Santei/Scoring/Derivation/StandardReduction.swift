// 施設基準不適合減算: a row the 告示 prices lower where the facility has not notified its 施設基準 — e.g.
// M001 2 注1 「…届け出た保険医療機関以外の保険医療機関において行われる場合は、所定点数の100分の70に相当する
// 点数により算定する」 (R06 ika-kokuji.txt 17382-17385), B001-3-2 ニコチン依存症管理料 注1 (100分の70), D236
// 光トポグラフィー 注2 and D239 注 (100分の80), K664 注 / K939 (100分の80). The s master marks them: 項番44 適合区分 2
// (「基準を満たさない場合、逓減した点数を算定する診療行為」) with 項番45 対象施設基準, and 適合区分 1 「逓減コード自体」
// (施設基準不適合減算（放射線）（１００分の７０） 180025270 …), one per 部 (R06rec1 §3(7) 項番44・45).

extension AddOnDeriver {
    /// For an order holding a row of 適合区分 2 whose 対象施設基準 the facility does not hold on the date, when the
    /// claim states the facility's 施設基準 (`standardsStated`; an empty list: none notified): the 逓減コード (適合区分 1)
    /// of the row's 部 (コード表用番号 alphabet), after it — a ％減算 row on the items before it of its 部 and
    /// 区分 (`UnitPricer`). A 部 without such a code (E101 ポジトロン断層撮影: its 施設基準不適合 rows are codes of
    /// their own) gets a note naming the row to state. Nothing when the order already holds the 逓減コード.
    func standardReduction(_ items: [UnitItem], table t: MasterTable, chain: Int, date: ServiceDate, standards: Set<Int>,
                           codes: inout Set<UInt64>, added: inout [UnitItem], notes: inout [String]) {
        let P = ProcedureColumn.self
        for item in items where item.kind == .procedure {
            guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date),
                  let (needed, held) = reducible(t, v, date: date, standards: standards), !held else { continue }
            let list = set.facilityStandards
            guard let part = t.bytes(v, P.codeTableAlphabet).first else { continue }
            let index = set.chainCache(chain, "standardReduction") { CodeGroups<UInt8>.reductionCodes($0) }
            let candidates = index.codes(part).compactMap { j -> UInt64? in t.version(ofCode: j, on: date) == nil ? nil : t.code(at: j) }
            let name = list.name(needed, on: date) ?? ""
            guard candidates.count == 1, let code = candidates.first else {
                notes.append("\(item.code) \(t.string(v, P.abbreviatedName)): the facility has not notified 施設基準 \(needed) \(name) — the 告示 prices it lower (適合区分 2); no single 施設基準不適合 row of 部 \(Character(Unicode.Scalar(part))): state the reduced row")
                continue
            }
            if codes.contains(code) { continue }
            added.append(UnitItem(kind: .procedure, code: code)); codes.insert(code)
            if let j = t.codeIndex(of: code), let w = t.version(ofCode: j, on: date) {
                notes.append("\(code) \(t.string(w, P.abbreviatedName)): derived — \(item.code) needs 施設基準 \(needed) \(name) (対象施設基準, 適合区分 2), which facility.standards do not hold on \(date)")
            }
        }
    }
}

extension AddOnDeriver {
    /// Marks the order's rows of 適合区分 2 whose 対象施設基準 the facility holds on the date (`UnitItem.standardHeld`), when the
    /// claim states its 施設基準: a 逓減コード in the order (derived for another row, or stated) leaves them whole.
    func markHeldStandards(_ items: inout [UnitItem], table t: MasterTable, date: ServiceDate, standards: Set<Int>) {
        for n in items.indices where items[n].kind == .procedure {
            guard let i = t.codeIndex(of: items[n].code), let v = t.version(ofCode: i, on: date),
                  let (_, held) = reducible(t, v, date: date, standards: standards), held else { continue }
            items[n].standardHeld = true
        }
    }

    /// A row of 適合区分 2 (項番44) with its 対象施設基準 (項番45) and whether the facility holds it on the date; nil for any
    /// other row.
    func reducible(_ t: MasterTable, _ v: Int, date: ServiceDate, standards: Set<Int>) -> (needed: Int, held: Bool)? {
        let P = ProcedureColumn.self
        guard t.field(v, P.conformityClass, is: "2"), let needed = t.integer(v, P.reducedFacilityStandard), needed != 0 else { return nil }
        return (needed, set.facilityStandards.isHeld(FacilityStandard(rawValue: needed), on: date, holds: { standards.contains($0.rawValue) }))
    }
}

extension CodeGroups where Key == UInt8 {
    /// The 逓減コード (適合区分 1) of one chain by 部 (コード表用番号 alphabet).
    static func reductionCodes(_ t: MasterTable) -> CodeGroups<UInt8> {
        let P = ProcedureColumn.self
        return CodeGroups(t) { t, v in t.field(v, P.conformityClass, is: "1") ? t.bytes(v, P.codeTableAlphabet).first : nil }
    }
}
