import Foundation

/// What pricing a claim's stay produced (`santei price` output key `admission`): the month's 入院料 lines
/// (診療識別 90, points) and 食事療養 lines (診療識別 97, yen), each a receipt line — the codes priced
/// together, the amount per 回, the 回数 and the days of the month it stands for.
public struct PricedAdmission: Sendable, Encodable {
    public struct Line: Sendable, Encodable, Equatable {
        /// 診療識別: 90 入院基本料・加算, 97 食事療養.
        public var category: Int
        public var codes: [String]
        /// Points per 回 (入院料) …
        public var points: Int?
        /// … or yen per 回 (食事療養: per meal, 食堂加算 per day).
        public var yen: Int?
        public var times: Int
        /// Days of the month (1…31).
        public var days: [Int]
        /// 点数欄集計先識別（入院） of the line's first code (903 入院基本料, 970 食事療養 …).
        public var pointColumn: Int?
        public var explanation: [String]
        enum CodingKeys: String, CodingKey { case category, codes, points, yen, times, days, pointColumn = "point_column", explanation }
    }

    /// 入院日, 起算日, 退院日 (when in the claim) and the days of the month in hospital, 外泊 among them.
    public var admitted: String
    public var reckoning: String
    public var discharge: String?
    public var days: [Int]
    public var leaveDays: [Int]
    public var lines: [Line]
    /// Σ points × 回数 of the 入院料 lines.
    public var points: Int
    public var meals: [Line]
    /// Meals served (the count the 標準負担額 is taken on) and Σ yen of the 食事療養 lines.
    public var mealCount: Int
    public var mealYen: Int
    /// 入院時生活療養 (告示99号 別表 二): its meals by (Ⅰ)/(Ⅱ) (among `mealCount`) and its 環境療養 days — the
    /// 生活療養標準負担額 is taken on them (食費 per meal, 居住費 per day). Absent for 食事療養.
    public var living: LivingUse? = nil
    /// What Santei did not decide (several rows fit and no fact tells them apart, a fact the claim lacks).
    public var notes: [String]
    /// What could not be priced (the totals are then partial).
    public var issues: [String]
    /// The 特定入院料 of each day it was priced, by `ServiceDate.dayNumber` (not in the JSON: the lines say it).
    public var specifiedFees: [Int: SpecifiedFee] = [:]
    /// Ordered items on the days of a 特定入院料 that its 包括 concerns (A300-A319-SpecifiedFee.swift): each
    /// removed from the bill (`removed`), or billed and named for review (02包括テーブル not loaded, 特例条件).
    /// Absent when there are none.
    public var included: [Included]? = nil
    /// What the pricing found about a stated 加算 (`admission.additions[addition]`), by kind ("stated-group",
    /// "stated-class", "stated-age" …): the audit's findings on `admission` (not in the JSON: notes and issues say it).
    public var statedFindings: [StatedFinding] = []
    public struct StatedFinding: Sendable, Equatable { public var kind: String; public var addition: Int; public var text: String }

    /// Ordered items the stay's pricing applied itself (a 他医療機関受診 減算 row: to the day's 入院基本料), so not billed
    /// again as orders (not in the JSON: the line's codes and explanation say it).
    public var appliedItems: [AppliedItem] = []
    public struct AppliedItem: Sendable, Equatable { public var encounter: Int; public var order: Int; public var item: Int; public var why: String }
    /// The receipt's month as the stay was priced (`AdmissionStay`: admission.month, else the encounters', else the 退院日's,
    /// else the 入院日's), which the bill is settled in (not in the JSON).
    public var year = 0
    public var month = 0

    /// A 特定入院料 as priced on a day.
    public struct SpecifiedFee: Sendable, Equatable {
        public var code: UInt64; public var name: String; public var section: String
        /// Day of the 特定入院料's unit: 1 on the 入院日 (`AdmissionStay.unitDayNumber`; A314 注3 「入院した日から起算して60日以内」).
        public var unitDay: Int = 0
    }

    /// One ordered item (or a derived 判断料) that a 特定入院料 includes or may include.
    public struct Included: Sendable, Encodable, Equatable {
        /// Where the item is in the claim: `encounters[e].orders[o].items[i]`, or `encounters[e] (判断料 CODE)`.
        public var path: String
        public var code: String
        /// Day of the month.
        public var day: Int
        /// The 特定入院料 of the day (9-digit code) and its 02包括テーブル グループ番号 (nil: table not loaded).
        public var includedIn: String
        public var group: String?
        /// True: not billed. False: billed, to be reviewed (see `reason`).
        public var removed: Bool
        public var reason: String
        enum CodingKeys: String, CodingKey { case path, code, day, includedIn = "included_in", group, removed, reason }
    }

    enum CodingKeys: String, CodingKey {
        case admitted, reckoning, discharge, days, leaveDays = "leave_days", lines, points, meals, mealCount = "meal_count", mealYen = "meal_yen", living, notes, issues, included
    }

    /// Appends the JSON object (keys sorted) with the byte writer of `santei price` lines: the same bytes as
    /// `json()`, which stays the reference (ClaimJSONTests), without Foundation's encoder on the hot path.
    public func write(into out: inout [UInt8]) {
        typealias J = ClaimJSON
        func ints(_ list: [Int]) {
            out.append(UInt8(ascii: "["))
            for (n, v) in list.enumerated() { if n > 0 { out.append(44) }; J.put(v, &out) }
            out.append(UInt8(ascii: "]"))
        }
        func lines(_ list: [Line]) {
            out.append(UInt8(ascii: "["))
            for (n, l) in list.enumerated() {
                if n > 0 { out.append(44) }
                out.append(UInt8(ascii: "{"))
                J.key("category", &out); J.put(l.category, &out); out.append(44)
                J.key("codes", &out); J.putStrings(l.codes, &out); out.append(44)
                J.key("days", &out); ints(l.days); out.append(44)
                J.key("explanation", &out); J.putStrings(l.explanation, &out); out.append(44)
                if let c = l.pointColumn { J.key("point_column", &out); J.put(c, &out); out.append(44) }
                if let p = l.points { J.key("points", &out); J.put(p, &out); out.append(44) }
                J.key("times", &out); J.put(l.times, &out)
                if let y = l.yen { out.append(44); J.key("yen", &out); J.put(y, &out) }
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "{"))
        J.key("admitted", &out); J.put(admitted, &out); out.append(44)
        J.key("days", &out); ints(days); out.append(44)
        if let d = discharge { J.key("discharge", &out); J.put(d, &out); out.append(44) }
        if let included {
            J.key("included", &out); out.append(UInt8(ascii: "["))
            for (n, i) in included.enumerated() {
                if n > 0 { out.append(44) }
                out.append(UInt8(ascii: "{"))
                J.key("code", &out); J.put(i.code, &out); out.append(44)
                J.key("day", &out); J.put(i.day, &out); out.append(44)
                if let g = i.group { J.key("group", &out); J.put(g, &out); out.append(44) }
                J.key("included_in", &out); J.put(i.includedIn, &out); out.append(44)
                J.key("path", &out); J.put(i.path, &out); out.append(44)
                J.key("reason", &out); J.put(i.reason, &out); out.append(44)
                J.key("removed", &out); out += i.removed ? Array("true".utf8) : Array("false".utf8)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]")); out.append(44)
        }
        J.key("issues", &out); J.putStrings(issues, &out); out.append(44)
        J.key("leave_days", &out); ints(leaveDays); out.append(44)
        J.key("lines", &out); lines(self.lines); out.append(44)
        if let l = living {
            J.key("living", &out); out.append(UInt8(ascii: "{"))
            J.key("days", &out); J.put(l.days, &out); out.append(44)
            J.key("meals_1", &out); J.put(l.meals1, &out); out.append(44)
            J.key("meals_2", &out); J.put(l.meals2, &out)
            if let m = l.medicalClass { out.append(44); J.key("medical_class", &out); J.put(m, &out) }
            out.append(UInt8(ascii: "}")); out.append(44)
        }
        J.key("meal_count", &out); J.put(mealCount, &out); out.append(44)
        J.key("meal_yen", &out); J.put(mealYen, &out); out.append(44)
        J.key("meals", &out); lines(meals); out.append(44)
        J.key("notes", &out); J.putStrings(notes, &out); out.append(44)
        J.key("points", &out); J.put(points, &out); out.append(44)
        J.key("reckoning", &out); J.put(reckoning, &out)
        out.append(UInt8(ascii: "}"))
    }

    /// One JSON object (keys sorted), by Foundation's encoder: the reference `write(into:)` is tested against.
    public func json() -> [UInt8] {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? [UInt8](e.encode(self))) ?? Array("null".utf8)
    }
}
