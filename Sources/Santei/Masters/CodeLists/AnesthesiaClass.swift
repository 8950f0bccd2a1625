// 麻酔識別区分 — 医科診療行為マスター 項番23.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番23 (p.29, PDF p.33).

/// 麻酔識別区分: which マスク又は気管内挿管による閉鎖循環式全身麻酔 (or related add-on) the procedure is.
public struct AnesthesiaClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「９」以外の診療行為
    public static let none = AnesthesiaClass(rawValue: 0)
    /// 1: マスク又は気管内挿管による閉鎖循環式全身麻酔１
    public static let closedGeneral1 = AnesthesiaClass(rawValue: 1)
    /// 2: マスク又は気管内挿管による閉鎖循環式全身麻酔２
    public static let closedGeneral2 = AnesthesiaClass(rawValue: 2)
    /// 3: マスク又は気管内挿管による閉鎖循環式全身麻酔３
    public static let closedGeneral3 = AnesthesiaClass(rawValue: 3)
    /// 4: マスク又は気管内挿管による閉鎖循環式全身麻酔４
    public static let closedGeneral4 = AnesthesiaClass(rawValue: 4)
    /// 5: マスク又は気管内挿管による閉鎖循環式全身麻酔５
    public static let closedGeneral5 = AnesthesiaClass(rawValue: 5)
    /// 6: 神経ブロック併施加算（厚生労働大臣が定める患者）
    public static let nerveBlockDesignatedPatient = AnesthesiaClass(rawValue: 6)
    /// 7: 臓器移植術加算・神経ブロック併施加算（イ以外）・非侵襲的血行動態モニタリング加算・術中脳灌流モニタリング加算
    public static let organTransplantEtc = AnesthesiaClass(rawValue: 7)
    /// 8: 術中経食道心エコー連続監視加算
    public static let transesophagealEcho = AnesthesiaClass(rawValue: 8)
    /// 9: 硬膜外麻酔併施加算
    public static let epidural = AnesthesiaClass(rawValue: 9)

    public static let meanings: [Int: String] = [
        0: "「１」から「９」以外の診療行為",
        1: "マスク又は気管内挿管による閉鎖循環式全身麻酔１",
        2: "マスク又は気管内挿管による閉鎖循環式全身麻酔２",
        3: "マスク又は気管内挿管による閉鎖循環式全身麻酔３",
        4: "マスク又は気管内挿管による閉鎖循環式全身麻酔４",
        5: "マスク又は気管内挿管による閉鎖循環式全身麻酔５",
        6: "神経ブロック併施加算（厚生労働大臣が定める患者）",
        7: "臓器移植術加算・神経ブロック併施加算（イ以外）・非侵襲的血行動態モニタリング加算・術中脳灌流モニタリング加算",
        8: "術中経食道心エコー連続監視加算",
        9: "硬膜外麻酔併施加算",
    ]
}
