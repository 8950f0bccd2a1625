// 入外適用区分 — 医科診療行為マスター 項番13.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番13 (p.27, PDF p.31).

/// 入外適用区分: on which kind of receipt (入院 or 入院外) the procedure may be recorded.
public struct InpatientApplicability: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」及び「２」以外の診療行為 (no restriction)
    public static let any = InpatientApplicability(rawValue: 0)
    /// 1: 入院レセプトに限り記録可能な診療行為
    public static let inpatientOnly = InpatientApplicability(rawValue: 1)
    /// 2: 入院外レセプトに限り記録可能な診療行為
    public static let outpatientOnly = InpatientApplicability(rawValue: 2)

    public static let meanings: [Int: String] = [
        0: "「１」及び「２」以外の診療行為",
        1: "入院レセプトに限り記録可能な診療行為",
        2: "入院外レセプトに限り記録可能な診療行為",
    ]

    /// Whether a procedure with this value may be recorded on an 入院 (`inpatient == true`) or
    /// 入院外 receipt. Unknown values allow both.
    public func allows(inpatient: Bool) -> Bool {
        switch self {
        case .inpatientOnly: return inpatient
        case .outpatientOnly: return !inpatient
        default: return true
        }
    }
}
