// 地域加算 (項番70) and 病床数区分 (項番71) — 医科診療行為マスター.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 項番70・71 (p.40, PDF p.44).

/// 地域加算: which 級地 of 地域加算 the procedure is.
public struct RegionalAddOnClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「７」以外の診療行為
    public static let none = RegionalAddOnClass(rawValue: 0)
    /// 1: １級地地域加算自体
    public static let grade1 = RegionalAddOnClass(rawValue: 1)
    /// 2: ２級地地域加算自体
    public static let grade2 = RegionalAddOnClass(rawValue: 2)
    /// 3: ３級地地域加算自体
    public static let grade3 = RegionalAddOnClass(rawValue: 3)
    /// 4: ４級地地域加算自体
    public static let grade4 = RegionalAddOnClass(rawValue: 4)
    /// 5: ５級地地域加算自体
    public static let grade5 = RegionalAddOnClass(rawValue: 5)
    /// 6: ６級地地域加算自体
    public static let grade6 = RegionalAddOnClass(rawValue: 6)
    /// 7: ７級地地域加算自体
    public static let grade7 = RegionalAddOnClass(rawValue: 7)

    public static let meanings: [Int: String] = [
        0: "「１」から「７」以外の診療行為",
        1: "１級地地域加算自体",
        2: "２級地地域加算自体",
        3: "３級地地域加算自体",
        4: "４級地地域加算自体",
        5: "５級地地域加算自体",
        6: "６級地地域加算自体",
        7: "７級地地域加算自体",
    ]

    /// The 級地 (1-7), or nil for 0 and unknown values.
    public var grade: Int? { (1...7).contains(rawValue) ? rawValue : nil }
}

/// 病床数区分: the 許可病床 / 一般病床 count the procedure is tied to.
public struct BedCountClass: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 「１」から「８」以外の診療行為
    public static let none = BedCountClass(rawValue: 0)
    /// 1: 許可病床（１～９９床）
    public static let licensed1to99 = BedCountClass(rawValue: 1)
    /// 2: 許可病床（１００～１９９床）
    public static let licensed100to199 = BedCountClass(rawValue: 2)
    /// 3: 許可病床（０～１９９床）
    public static let licensed0to199 = BedCountClass(rawValue: 3)
    /// 4: 許可病床（２００床以上）
    public static let licensed200OrMore = BedCountClass(rawValue: 4)
    /// 5: 一般病床（０～１９９床）
    public static let general0to199 = BedCountClass(rawValue: 5)
    /// 6: 一般病床（２００床以上）
    public static let general200OrMore = BedCountClass(rawValue: 6)
    /// 7: 許可病床（４００床未満）
    public static let licensedUnder400 = BedCountClass(rawValue: 7)
    /// 8: 許可病床（４００床以上）
    public static let licensed400OrMore = BedCountClass(rawValue: 8)

    public static let meanings: [Int: String] = [
        0: "「１」から「８」以外の診療行為",
        1: "許可病床（１～９９床）",
        2: "許可病床（１００～１９９床）",
        3: "許可病床（０～１９９床）",
        4: "許可病床（２００床以上）",
        5: "一般病床（０～１９９床）",
        6: "一般病床（２００床以上）",
        7: "許可病床（４００床未満）",
        8: "許可病床（４００床以上）",
    ]

    /// Whether a facility with `beds` beds of the relevant kind (許可病床 for 1-4, 7, 8; 一般病床 for 5, 6)
    /// falls in the range; nil for 0 and unknown values.
    public func includes(beds: Int) -> Bool? {
        switch rawValue {
        case 1: return (1...99).contains(beds)
        case 2: return (100...199).contains(beds)
        case 3, 5: return (0...199).contains(beds)
        case 4, 6: return beds >= 200
        case 7: return beds < 400
        case 8: return beds >= 400
        default: return nil
        }
    }

    /// Whether the range is of 一般病床 (5, 6) rather than 許可病床.
    public var countsGeneralBeds: Bool { rawValue == 5 || rawValue == 6 }
}
