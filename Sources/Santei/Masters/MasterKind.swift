/// The official file kinds Santei reads: the 基本マスター of 社会保険診療報酬支払基金 and the tables of
/// the 医科電子点数表. Raw values are the file-name prefixes (`s_ALL…`, `y_…`) and table numbers.
public enum MasterKind: String, CaseIterable, Sendable, Codable, Comparable {
    /// 医科診療行為マスター (R06rec1 §3(7)).
    case procedure = "s"
    /// 医薬品マスター (R06rec1 §3(4)).
    case drug = "y"
    /// 特定器材マスター (R06rec1 §3(5)).
    case device = "t"
    /// コメントマスター (R06rec1 §3(6)).
    case comment = "c"
    /// コメント関連テーブル (ck_1_20240823.pdf).
    case commentRelation = "ck"
    /// 傷病名マスター (R06rec1 §3(1)).
    case disease = "b"
    /// 修飾語マスター (R06rec1 §3(2)).
    case modifier = "z"
    /// 医科電子点数表 01 補助マスターテーブル.
    case auxiliary = "01"
    /// 医科電子点数表 02 包括テーブル.
    case inclusion = "02"
    /// 医科電子点数表 03-1 背反テーブル1 (1日につき).
    case conflictDay = "03-1"
    /// 医科電子点数表 03-2 背反テーブル2 (同一月内).
    case conflictMonth = "03-2"
    /// 医科電子点数表 03-3 背反テーブル3 (同時).
    case conflictSimultaneous = "03-3"
    /// 医科電子点数表 03-4 背反テーブル4 (1週間につき).
    case conflictWeek = "03-4"
    /// 医科電子点数表 04 入院基本料テーブル.
    case inpatientBasic = "04"
    /// 医科電子点数表 05 算定回数テーブル.
    case countLimit = "05"

    public static func < (a: MasterKind, b: MasterKind) -> Bool { a.ordinal < b.ordinal }

    /// Position in `allCases`: dense index for per-kind arrays.
    public var ordinal: Int {
        switch self {
        case .procedure: 0
        case .drug: 1
        case .device: 2
        case .comment: 3
        case .commentRelation: 4
        case .disease: 5
        case .modifier: 6
        case .auxiliary: 7
        case .inclusion: 8
        case .conflictDay: 9
        case .conflictMonth: 10
        case .conflictSimultaneous: 11
        case .conflictWeek: 12
        case .inpatientBasic: 13
        case .countLimit: 14
        }
    }

    public var japaneseName: String {
        switch self {
        case .procedure: "医科診療行為"
        case .drug: "医薬品"
        case .device: "特定器材"
        case .comment: "コメント"
        case .commentRelation: "コメント関連テーブル"
        case .disease: "傷病名"
        case .modifier: "修飾語"
        case .auxiliary: "補助マスターテーブル"
        case .inclusion: "包括テーブル"
        case .conflictDay: "背反テーブル1（1日につき）"
        case .conflictMonth: "背反テーブル2（同一月内）"
        case .conflictSimultaneous: "背反テーブル3（同時）"
        case .conflictWeek: "背反テーブル4（1週間につき）"
        case .inpatientBasic: "入院基本料テーブル"
        case .countLimit: "算定回数テーブル"
        }
    }

    /// A table of the 医科電子点数表 (published as one set per revision).
    public var isTensuhyo: Bool {
        switch self {
        case .auxiliary, .inclusion, .conflictDay, .conflictMonth, .conflictSimultaneous, .conflictWeek, .inpatientBasic, .countLimit: true
        default: false
        }
    }

    /// A table whose rows each carry their own 変更年月日・廃止年月日 and whose meaning does not hang on other
    /// tables: the 背反 tables (03-1…03-4) and the 05算定回数テーブル. A date before the oldest loaded edition
    /// is answered by that edition through the rows dated on or before the day (MasterSet.resolveIndex):
    /// the 令和6年度版 restates a 背反 or 算定回数 row unchanged since 2010 with its 2010 date, so it holds on
    /// an R04 day too (L104 １日につき, I002 週１回, B000 月２回 …: review 329 FT-3–FT-9); a row changed or
    /// ended at the revision is not in it, and its R04 rule is not checked. The 01補助 and 04入院基本料 tables
    /// likewise (their rows carry the same dates: 190117710's 入院基本料識別 001 and 医療安全対策加算１ in group 001
    /// since 2010): an R04 stay is given the 入院基本料等加算 whose rows held then (review 329 FT-10), and a note says
    /// that an R04 row the R06 edition no longer holds (190172170 診療録管理体制加算１ of R04) is not in them. The
    /// 02包括テーブル is not read back.
    public var readsBackByRowDates: Bool {
        switch self {
        case .auxiliary, .inpatientBasic, .conflictDay, .conflictMonth, .conflictSimultaneous, .conflictWeek, .countLimit: true
        default: false
        }
    }

    /// The four 背反 tables.
    public static let conflictKinds: [MasterKind] = [.conflictDay, .conflictMonth, .conflictSimultaneous, .conflictWeek]

    public var layout: MasterLayout { MasterLayout.of(self) }
}
