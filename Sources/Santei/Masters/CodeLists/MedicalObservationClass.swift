// 医療観察法対象区分 — 医科診療行為マスター 項番21.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番21 (p.29, PDF p.33).

/// 医療観察法対象区分: whether the procedure may be charged under the 医療観察診療報酬点数表.
public struct MedicalObservationClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「４」以外の診療行為
    public static let none = MedicalObservationClass(rawValue: 0)
    /// 1: 入院に限り出来高部分で算定可能な診療行為
    public static let inpatientFeeForService = MedicalObservationClass(rawValue: 1)
    /// 2: 入院外（通院）に限り出来高部分で算定可能な診療行為
    public static let outpatientFeeForService = MedicalObservationClass(rawValue: 2)
    /// 3: 入院及び入院外（通院）に出来高部分で算定可能な診療行為
    public static let bothFeeForService = MedicalObservationClass(rawValue: 3)
    /// 4: 医療観察診療報酬点数表に規定する診療行為
    public static let observationTariff = MedicalObservationClass(rawValue: 4)

    public static let meanings: [Int: String] = [
        0: "「１」から「４」以外の診療行為",
        1: "入院に限り出来高部分で算定可能な診療行為",
        2: "入院外（通院）に限り出来高部分で算定可能な診療行為",
        3: "入院及び入院外（通院）に出来高部分で算定可能な診療行為",
        4: "医療観察診療報酬点数表に規定する診療行為",
    ]
}
