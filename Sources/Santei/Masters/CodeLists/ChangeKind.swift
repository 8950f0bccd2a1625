// 変更区分 — column 1 of every master file and table.
//
// Source (令和6年度版): R06rec1.pdf 本編 §3(7) 医科診療行為マスター 項番1 (p.26, PDF p.30; the same 0/1/3/5/9 for
// 医薬品 p.16, 特定器材 p.20, コメント p.24); 2 復活 is listed only for 傷病名 (p.7), 修飾語 (p.12), 歯式 (p.14)
// and the 歯科 masters; ck_1_20240823.pdf 項番1 (p.2, with 2 復活); tensuhyo_01.pdf §5 (pp.25-30: 0 異動なし,
// 1, 3, 5, 9 for the five 電子点数表 tables).

/// 変更区分: how a record changed against the previous master (or table) release.
public struct ChangeKind: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: 前マスターの内容と同じであることを表す。(電子点数表: 異動なし)
    public static let unchanged = ChangeKind(rawValue: 0)
    /// 1: 抹消
    public static let erased = ChangeKind(rawValue: 1)
    /// 2: 復活 (傷病名・修飾語・歯式 and 歯科 masters and コメント関連テーブル only)
    public static let revived = ChangeKind(rawValue: 2)
    /// 3: 新規
    public static let new = ChangeKind(rawValue: 3)
    /// 5: 変更
    public static let changed = ChangeKind(rawValue: 5)
    /// 9: 廃止 — 当該コードが使用できなくなったことを表す。次回のマスター更新時に、当該コードを削除する。
    public static let abolished = ChangeKind(rawValue: 9)

    public static let meanings: [Int: String] = [
        0: "前マスターの内容と同じ",
        1: "抹消",
        2: "復活",
        3: "新規",
        5: "変更",
        9: "廃止",
    ]
}
