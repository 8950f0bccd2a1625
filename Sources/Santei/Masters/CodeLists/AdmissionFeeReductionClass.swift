// 入院基本料等減算対象識別 — 医科診療行為マスター 項番48.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番48 (p.35, PDF p.39).

/// 入院基本料等減算対象識別: whether the procedure is subject to (or is) an 入院基本料等 reduction.
public struct AdmissionFeeReductionClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「５」以外の診療行為
    public static let none = AdmissionFeeReductionClass(rawValue: 0)
    /// 1: 選定療養、他医療機関受診、標欠、定数超過及び外泊による減算の対象となる入院基本料
    public static let reducibleAdmissionFee = AdmissionFeeReductionClass(rawValue: 1)
    /// 2: 標欠及び定数超過による減算の対象となる入院期間加算
    public static let reducibleAdmissionPeriodAddOn = AdmissionFeeReductionClass(rawValue: 2)
    /// 3: 選定療養（１５％減算）の減算コード自体
    public static let selectiveCareReduction = AdmissionFeeReductionClass(rawValue: 3)
    /// 4: 他医療機関受診（５％、１０％、１５％、２０％、３５％又は４０％減算）又は外泊（８５％又は７０％減算）の減算コード自体
    public static let otherInstitutionOrLeaveReduction = AdmissionFeeReductionClass(rawValue: 4)
    /// 5: 定数超過（１０％又は２０％減算）又は標欠（１０％、１５％、２％又は３％減算）の減算コード自体
    public static let overCapacityOrStaffShortageReduction = AdmissionFeeReductionClass(rawValue: 5)

    public static let meanings: [Int: String] = [
        0: "「１」から「５」以外の診療行為",
        1: "選定療養、他医療機関受診、標欠、定数超過及び外泊による減算の対象となる入院基本料",
        2: "標欠及び定数超過による減算の対象となる入院期間加算",
        3: "選定療養（１５％減算）の減算コード自体",
        4: "他医療機関受診（５％、１０％、１５％、２０％、３５％又は４０％減算）又は外泊（８５％又は７０％減算）の減算コード自体",
        5: "定数超過（１０％又は２０％減算）又は標欠（１０％、１５％、２％又は３％減算）の減算コード自体",
    ]
}
