// 背反区分 — 医科電子点数表 03-1〜03-4背反テーブル 項番6.
//
// Source (令和6年度版): tensuhyo_01.pdf「医科電子点数表の活用手引き」§5(3) (p.28) and 付表3 (p.35);
// §4(2)ウ (pp.22-23): every pair is stored both ways, and where the two directions disagree (3 one way,
// 2 the other) both are set to 3.

/// 背反区分: which of two conflicting procedures (診療行為コード① and ②) may be charged.
public struct ConflictResolution: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 1: 診療行為コード①を算定する。
    public static let keepFirst = ConflictResolution(rawValue: 1)
    /// 2: 診療行為コード②を算定する。
    public static let keepSecond = ConflictResolution(rawValue: 2)
    /// 3: 何れか一方を算定する。
    public static let keepEither = ConflictResolution(rawValue: 3)

    public static let meanings: [Int: String] = [
        1: "診療行為コード①を算定する。",
        2: "診療行為コード②を算定する。",
        3: "何れか一方を算定する。",
    ]
}
