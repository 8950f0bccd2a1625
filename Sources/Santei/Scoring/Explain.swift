/// How much of its working a priced order states (issue 15 item 4).
///
/// - `compact` (what `santei price`, the service, stdio and the C library write unless asked otherwise):
///   each master row a unit was priced from is one reference, `rule 区分番号 master:code` — e.g.
///   `points A001 s:112007410` — naming the mechanism (`ExplainRule`, listed with its 告示/通知 passage
///   in docs/explanations.md), the row's 区分番号 and the row itself; the amounts are the order's own
///   fields and the row's in `masters inspect`. Lines that state a fact of the claim (what was derived
///   and why, what is not billed and which 通知 says so) stay sentences: they are the answer, not its
///   arithmetic.
/// - `full`: every line a sentence with the row's name and amounts (`112007410 再診料: 75.00点 (点数識別 3)`),
///   as before the compact form (`--explain full`, `explain=full`).
/// - `off`: nothing explained and no notes (revaluation, aggregation, the UKE path).
///
/// A Boolean literal reads as before the compact form existed: `true` is `full`, `false` is `off`.
public enum Explain: Sendable, Equatable, ExpressibleByBooleanLiteral {
    case off, compact, full

    public init(booleanLiteral value: Bool) { self = value ? .full : .off }

    /// `compact` or `full`, the values of `--explain` and `explain=`; nil for any other text.
    public init?(option text: String) {
        switch text {
        case "compact": self = .compact
        case "full": self = .full
        default: return nil
        }
    }

    public var on: Bool { self != .off }
}

/// The mechanism a compact explanation line names (its first word). Stable: vendors and auditors key on
/// them; docs/explanations.md gives each one's prose form and passage.
enum ExplainRule: String, CaseIterable {
    /// 点数識別 3: the row's 点数 (R06rec1 項番12).
    case points
    /// 点数識別 3 with きざみ: 基本点数 + ⌈(数量 − 下限値) ÷ きざみ値⌉ × きざみ点数 (R06rec1 点数算定式).
    case kizami
    /// 点数識別 5, 告示等識別区分 9: 通則加算, 所定点数 × X/100 added (J 通則5, K 通則7・8・12).
    case generalPercent = "general-percent"
    /// 点数識別 5/6, 告示等識別区分 7: 注 ％加算・減算 on the items before it, 四捨五入 (第1部 通則).
    case notePercent = "note-percent"
    /// 点数識別 5 with a 時間加算区分, 告示等識別区分 7: 内視鏡検査 通則5 休日・時間外・深夜加算, 所定点数 × X/100 added beside
    /// the other ％加算 (通知 第3部 第3節 内視鏡検査 (7)).
    case timePercent = "time-percent"
    /// 点数識別 8: 点数（マイナス）.
    case minus
    /// 点数識別 1: 金額 in yen (入院時食事療養・生活療養, R06rec2 別紙7-1).
    case yen
    /// A row of another 点数識別 that adds no points.
    case noPoints = "no-points"
    /// 医薬品: 薬価 × 使用量, summed into the unit's 薬剤料.
    case drug
    /// 特定器材 金額種別 5: 材料価格 × (100 + X)/100 of the devices before it (E400 注1).
    case devicePercent = "device-percent"
    /// 特定器材: 材料価格 × 使用量 ÷ 10, 1点未満四捨五入 (第4部 通則 特定保険医療材料料).
    case device
    /// A test of a same-time set billed as fewer (通知 D007 (5) …): not billed.
    case setUnbilled = "set-unbilled"
    /// 包括対象検査: the group's items, counted with the encounter's other orders and billed on another order.
    case bundleElsewhere = "bundle-elsewhere"
    /// 包括対象検査: the group's items over the encounter's orders, billed on this one.
    case bundleHere = "bundle-here"
    /// 包括対象検査: the group's points for its item count (D007 注, D006 注 …; params/bundled-tests.json).
    case bundle
    /// 薬剤料 of 投薬・注射 (F200, G100: 15円以下1点).
    case drugFee = "drug-fee"
    /// 薬剤料 of the other 部 (C200, D500, E300, J300, K940, L200 …: 15円以下算定せず).
    case drugFeeProcedural = "drug-fee-procedural"

    /// The 薬剤料 line of a unit of 診療識別 `category`: its rule and the 区分番号 of the 部's 薬剤 (none for
    /// 診療識別 80, whose 部 — H, I, J, M — has no one 区分).
    static func drugFee(category: Int) -> String {
        let rule: ExplainRule = DrugFeeRule.forCategory(category) == .dispensing ? .drugFee : .drugFeeProcedural
        return drugFeeSection(category).map { "\(rule.rawValue) \($0)" } ?? rule.rawValue
    }

    /// The 薬剤 区分番号 of a 診療識別's 部 (F200, G100, C200, J300, K940, L200, D500, E300), nil for another.
    static func drugFeeSection(_ category: Int) -> String? {
        switch category {
        case 21...29: "F200"
        case 30...39: "G100"
        case 14: "C200"
        case 40...49: "J300"
        case 50...53: "K940"
        case 54...59: "L200"
        case 60...69: "D500"
        case 70...79: "E300"
        default: nil
        }
    }

    /// `rule 区分番号 s:code` for a 診療行為 row (no 区分番号 when the row states none); the 区分番号 written as
    /// everywhere else (`InpatientPricer.section`: A001, K936-2).
    static func line(_ rule: ExplainRule, _ t: MasterTable, _ v: Int, _ code: UInt64) -> String {
        guard !t.bytes(v, ProcedureColumn.codeTableAlphabet).isEmpty else { return "\(rule.rawValue) s:\(code)" }
        return "\(rule.rawValue) \(InpatientPricer.section(t, v)) s:\(code)"
    }
}
