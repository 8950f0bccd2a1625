/// The documented domain limit of every number and size that reaches Santei from outside (JSON claims,
/// copay cases, audit history, UKE records, master CSV rows, snapshots, CLI arguments). A value outside
/// its limit is an input error naming its field or file/line/column — never a trap, never a silent
/// clamp. The limits are wide enough for any real receipt and narrow enough that every product and
/// sum of in-limit values that pricing, copay and audit form is checked arithmetic on `Int` (64-bit)
/// that reports overflow as an error (`Checked`). The table is repeated for users in docs/limits.md.
public enum DomainLimit {
    // MARK: Receipt quantities (記録条件仕様 医科: field lengths of SI/IY/TO)

    /// 数量データ (SI) and 使用量 (IY/TO): at most 8 integer digits and 5 decimals
    /// (IY 使用量 is 11 bytes: 5 integer digits, a point and 5 decimals; SI 数量データ is 8 digits).
    /// Kept in 1/100000, so the largest scaled value is 9,999,999,999,999.
    public static let maxQuantityScaled = 99_999_999_99999
    /// 回数 of a 算定単位 (UKE: 3 digits; JSON `times`, which for 内服 is the days of the 剤): 1…999.
    public static let timesRange = 1...999
    /// Points stated for one 算定単位 (UKE 点数: 7 digits).
    public static let maxUnitPoints = 9_999_999
    /// Points or yen in a master row (新又は現点数/金額: at most 9 integer digits, 2 decimals).
    public static let maxMasterAmountScaled = 999_999_999_99
    /// Any other number in a master row (flags, 上限回数, きざみ 下限値/上限値/きざみ値, 点数欄集計先 …):
    /// at most 9 digits (the official files use at most 8).
    public static let maxMasterNumber = 999_999_999
    /// One master CSV file: at most 1 GiB (the largest official file, 医薬品, is about 30 MB; field
    /// offsets are kept as 32-bit integers, and CP932 → UTF-8 at most doubles the size).
    public static let maxMasterFileBytes = 1 << 30
    /// Totals of a receipt (HO 合計点数: 8 digits; GO 総合計点数: 11 digits for a whole file).
    public static let maxReceiptPoints = 99_999_999
    public static let maxFilePoints = 99_999_999_999
    /// HO/KO 食事療養・生活療養 合計金額 (8 digits, yen) and 回数 (3 digits: at most 3 meals on each of 31
    /// days is 93, the field allows 999).
    public static let maxReceiptMealYen = 99_999_999
    public static let maxReceiptMeals = 999

    // MARK: Yen (copay cases, claim insurance)

    /// Any yen amount given as input (医療費, caps, already paid, 食事): 0…9,999,999,999 (10 digits,
    /// the width of the UKE 負担金額 fields' sums for a month of one patient is far below this).
    public static let yenRange = 0...9_999_999_999
    /// 負担割合 in percent: 0…100.
    public static let ratePercentRange = 0...100
    /// Visits, days or meals counted in a month: 0…999.
    public static let countRange = 0...999
    /// Bills (parts of the month's 医療費 by payer) in one copay case.
    public static let maxBillsPerCase = 10_000
    /// Visits in one day-level copay case: each visit settles the month to date again, so the work grows
    /// with the square of this (500 visits ≈ 250,000 bill settlements at most, well under a second).
    public static let maxVisitsPerCase = 500

    // MARK: Codes and text

    /// 診療行為/医薬品/特定器材 code: 9 digits; 傷病名 7; 修飾語 4; 法別番号 2; 施設基準 code ≤ 9 digits.
    public static let itemCodeLength = 9
    public static let diseaseCodeLength = 7
    public static let modifierCodeLength = 4
    /// A free-text field (claim id, comment text, 未コード化傷病名): at most 1,024 bytes of UTF-8.
    public static let maxTextBytes = 1_024

    // MARK: Structure

    /// JSON nesting depth (a claim is 6 levels deep; anything deeper is not a claim).
    public static let maxJSONDepth = 64
    /// One JSON line (a claim, a copay case): 8 MiB.
    public static let maxLineBytes = 8 << 20
    /// Encounters in one claim (a month; several a day at most), orders and items in one claim.
    /// Bounds keep the per-claim checks fast (docs/limits.md).
    public static let maxEncountersPerClaim = 1_000
    public static let maxOrdersPerClaim = 20_000
    public static let maxItemsPerClaim = 100_000
    /// 病床数 of a facility (JSON `facility.beds`): 0…9,999 (the largest hospitals have about 3,000).
    public static let bedsRange = 0...9_999
    /// A RECEIPTC.UKE file: at most 2 GiB − 1 bytes (line offsets are kept as 32-bit integers; a
    /// month's 請求 of the largest hospital is a few hundred MB).
    public static let maxUKEBytes = Int(Int32.max)
    /// Years a date may name: the masters' world (1868 明治 … 9999).
    public static let yearRange = 1868...9999
}

/// Checked arithmetic for input-derived numbers: every product and sum either fits or reports
/// overflow, which the caller turns into an input error naming the field.
public enum Checked {
    @inlinable public static func add(_ a: Int, _ b: Int) -> Int? {
        let (r, o) = a.addingReportingOverflow(b); return o ? nil : r
    }
    @inlinable public static func sub(_ a: Int, _ b: Int) -> Int? {
        let (r, o) = a.subtractingReportingOverflow(b); return o ? nil : r
    }
    @inlinable public static func mul(_ a: Int, _ b: Int) -> Int? {
        let (r, o) = a.multipliedReportingOverflow(by: b); return o ? nil : r
    }
    /// The sum of `values`, or nil on overflow.
    @inlinable public static func sum<S: Sequence>(_ values: S) -> Int? where S.Element == Int {
        var total = 0
        for v in values { guard let t = add(total, v) else { return nil }; total = t }
        return total
    }
}
