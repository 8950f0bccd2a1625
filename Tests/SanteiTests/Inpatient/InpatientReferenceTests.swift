import Foundation
import XCTest
@testable import Santei

/// The per-day 入院料 of 1,000 generated stays, recomputed by a slow, obviously-correct reference written
/// straight from the 令和6年 告示 (../shared/legal/R06/ika-kokuji.txt: the points and day ranges typed in
/// below, no master, no parameter file) and 通知 第2部 通則6 (外泊 15％, 四捨五入), against the engine (masters
/// + Masters/params/inpatient). Only the ward's own 施設基準 is held, so a day is 入院基本料 + 入院期間加算, or
/// the 特定入院料 of the day's period (第３節: days from the 入院日, 通知 第3節 1; within its 14日 limit).
/// A third of the patients are children under 8: a day not 外泊 then also carries A208 乳幼児加算 (３歳未満) or
/// 幼児加算 (３歳以上６歳未満) at the ward's rate (lines 1816-1833: 病院 333/283, 特別入院基本料等 and 診療所
/// 289/239; none with these 特定入院料, whose 包括 (A300 注7, A301 注3, A308 注3, A308-3 注3) names no A208), by the
/// legal age counted here by hand (an age is attained on the day before each birthday; 29 February → 1 March).
final class InpatientReferenceTests: XCTestCase {
    /// A ward as the 告示 states it: the 入院基本料 code, its 施設基準, and the day's points by 入院期間 day n.
    struct Ward {
        var code: String
        var standard: Int
        var kind: String
        /// (last day of the range or nil = no end, points) in order: the 入院基本料 of day n (A108), or the
        /// 入院期間加算 of day n (A100 注3 …).
        var base: [(Int?, Int)]
        var period: [(Int?, Int)]
        /// A 特定入院料: its days count from the 入院日 (not the 起算日), up to `limit` days (告示 注1).
        var specified = false
        var limit: Int? = nil
        /// A208 乳幼児加算 / 幼児加算 points for this ward's patients (nil: none, the 特定入院料 includes it).
        var a208: (infant: Int, child: Int)? = nil
    }
    static let wards: [Ward] = [
        // A100 1 イ 急性期一般入院料１ 1,688点; 注3 イ 14日以内 450点, ロ 15日以上30日以内 192点 (lines 462, 490-493)
        Ward(code: "190117710", standard: 3525, kind: "hospital", base: [(nil, 1688)], period: [(14, 450), (30, 192)], a208: (333, 283)),
        // A100 2 イ 地域一般入院料１ 1,176点 (line 470)
        Ward(code: "190200210", standard: 3531, kind: "hospital", base: [(nil, 1176)], period: [(14, 450), (30, 192)], a208: (333, 283)),
        // A100 注2 特別入院基本料 612点; 注3 特別入院基本料等 300点, 155点 (lines 480-493)
        Ward(code: "190079010", standard: 3402, kind: "hospital", base: [(nil, 612)], period: [(14, 300), (30, 155)], a208: (289, 239)),
        // A102 2 10対１入院基本料 1,405点; 注4 400/300/200/100点 (lines 775, 801-809)
        Ward(code: "190081710", standard: 3213, kind: "hospital", base: [(nil, 1405)], period: [(14, 400), (30, 300), (60, 200), (90, 100)], a208: (333, 283)),
        // A103 3 15対１入院基本料 844点; 注3 465/250/125/10/3点 (lines 877, 899-908; １年 = 365 days)
        Ward(code: "190083810", standard: 3227, kind: "hospital", base: [(nil, 844)], period: [(14, 465), (30, 250), (90, 125), (180, 10), (365, 3)], a208: (333, 283)),
        // A106 2 10対１入院基本料 1,375点; 注3 312/167点 (lines 1230, 1252-1255)
        Ward(code: "190093710", standard: 3252, kind: "hospital", base: [(nil, 1375)], period: [(14, 312), (30, 167)], a208: (333, 283)),
        // A108 1 有床診療所入院基本料１ 932/724/615点 (lines 1389-1393)
        Ward(code: "190169610", standard: 3259, kind: "clinic", base: [(14, 932), (30, 724), (nil, 615)], period: [], a208: (289, 239)),
        // A300 1 救命救急入院料１ ３日以内 10,268点, ４日以上７日以内 9,292点, ８日以上 7,934点; 注1 14日を限度 (lines 2636-2639, 2664-2672)
        Ward(code: "190024510", standard: 777, kind: "hospital", base: [(3, 10268), (7, 9292), (14, 7934)], period: [], specified: true, limit: 14),
        // A301 1 特定集中治療室管理料１ ７日以内 14,406点, ８日以上 12,828点; 注1 14日を限度 (lines 2749-2751, 2780-2789)
        Ward(code: "190174410", standard: 3300, kind: "hospital", base: [(7, 14406), (14, 12828)], period: [], specified: true, limit: 14),
        // A308-3 1 地域包括ケア病棟入院料１ イ 40日以内 2,838点, ロ 41日以上 2,690点; 注1 60日を限度 (lines 3731-3734, 3772-3779)
        Ward(code: "190838910", standard: 3567, kind: "hospital", base: [(40, 2838), (60, 2690)], period: [], specified: true, limit: 60),
        // A308 1 回復期リハビリテーション病棟入院料１ 2,229点 (lines 3672-3673)
        Ward(code: "190207910", standard: 3564, kind: "hospital", base: [(nil, 2229)], period: [], specified: true),
    ]

    static func points(_ table: [(Int?, Int)], day n: Int) -> Int {
        for (last, p) in table where last.map({ n <= $0 }) ?? true { return p }
        return 0
    }

    /// The reference day: 入院基本料 + 入院期間加算 of day n (+ A208 by `years`, the legal age); 外泊: 15％ of the
    /// 基本点数, 四捨五入, nothing added.
    static func reference(_ w: Ward, day n: Int, leave: Bool, years: Int = 99) -> Int {
        let base = points(w.base, day: n)
        if leave { return (base * 15 + 50) / 100 }
        var a208 = 0
        if let r = w.a208 { a208 = years < 3 ? r.infant : years < 6 ? r.child : 0 }
        return base + points(w.period, day: n) + a208
    }

    /// Legal age on `d`: how many birthdays have their eve (the day before) on or before `d`.
    static func legalAge(born b: ServiceDate, on d: ServiceDate) -> Int {
        var years = 0
        for k in 1...130 {
            let birthday = ServiceDate(year: b.year + k, month: b.month, day: b.day) ?? ServiceDate(year: b.year + k, month: 3, day: 1)!
            if birthday.dayNumber - 1 <= d.dayNumber { years = k } else { break }
        }
        return years
    }

    func testThePerDayFeeOfGeneratedStaysMatchesTheReference() throws {
        var pricer = ClaimPricer(masters: try RealData.masters(), unitPricer: UnitPricer(bundled: try RealData.bundledRules()))
        pricer.inpatientRules = try InpatientRules.load(directory: Paths.mastersDefault + "/params/inpatient")
        var seed = UInt64(20240601)
        func next(_ n: Int) -> Int {   // SplitMix64: reproducible
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
        let firstMonth = ServiceDate(year: 2024, month: 6, day: 1)!
        var checkedDays = 0
        for k in 0..<1_000 {
            let w = Self.wards[next(Self.wards.count)]
            // A claim month from 2024-06 to 2025-08 (the R06 点数表 and the loaded masters).
            let m = next(15)
            let year = 2024 + (5 + m) / 12, month = (5 + m) % 12 + 1
            let monthStart = ServiceDate(year: year, month: month, day: 1)!
            let monthLength = ServiceDate.daysInMonth(year: year, month: month)
            // Admitted up to 60 days before the month or within it; 起算日 up to 400 days earlier (再入院).
            // A 特定入院料 with a limit: admitted up to its limit before the month's end, discharged within it.
            let admitted = w.limit.map { ServiceDate(dayNumber: monthStart.dayNumber - $0 + 1 + next($0 - 1 + monthLength)) }
                ?? ServiceDate(dayNumber: monthStart.dayNumber - 60 + next(60 + monthLength))
            let reckoning = next(3) == 0 ? ServiceDate(dayNumber: admitted.dayNumber - next(400)) : admitted
            var discharge: ServiceDate? = next(2) == 0 ? ServiceDate(dayNumber: max(admitted.dayNumber, monthStart.dayNumber) + next(monthLength)) : nil
            if let limit = w.limit { discharge = ServiceDate(dayNumber: admitted.dayNumber + next(limit)) }
            let first = max(admitted, monthStart)
            let last = min(discharge ?? ServiceDate(year: year, month: month, day: monthLength)!, ServiceDate(year: year, month: month, day: monthLength)!)
            guard first <= last, first >= firstMonth else { continue }
            var leave: [Claim.Admission.Leave] = []
            // The 入院日 and the 退院日 are never 外泊 days (ClaimCheck refuses them).
            for d in first.dayNumber...last.dayNumber where next(8) == 0 && d != admitted.dayNumber && d != discharge?.dayNumber {
                leave.append(.init(date: "\(ServiceDate(dayNumber: d))"))
            }
            let admission = Claim.Admission(date: "\(admitted)", reckoningDate: reckoning == admitted ? nil : "\(reckoning)",
                                            discharge: discharge.map { "\($0)" }, month: "\(String(format4: year))-\(String(format2: month))",
                                            ward: .init(basicFee: w.code), leave: leave)
            // A child under 8 at the month's start one time in three (crossing a 3rd or 6th birthday some months).
            let born = next(3) == 0 ? ServiceDate(dayNumber: monthStart.dayNumber - next(8 * 366)) : ServiceDate(year: 1950, month: 1, day: 1)!
            var claim = Claim(id: "r\(k)", patient: .init(birthDate: "\(born)", sex: nil), facility: .init(kind: w.kind, beds: 50, standards: [.init(code: w.standard, from: "2024-06-01")]),
                              encounters: [])
            claim.admission = admission
            try ClaimCheck.validate(claim)
            let priced = try pricer.price(claim)
            let a = try XCTUnwrap(priced.admission)
            XCTAssertTrue(a.issues.isEmpty, "\(k): \(a.issues)")
            var fast: [Int: Int] = [:]
            for line in a.lines { for d in line.days { fast[d, default: 0] += line.points ?? 0 } }
            let leaveDays = Set(leave.map { $0.date })
            // Day n of the 入院期間 (from the 起算日), or of the unit (from the 入院日) for a 特定入院料.
            let dayOne = w.specified ? admitted : reckoning
            for d in first.dayNumber...last.dayNumber {
                let date = ServiceDate(dayNumber: d)
                let n = d - dayOne.dayNumber + 1
                let expected = Self.reference(w, day: n, leave: leaveDays.contains("\(date)"), years: Self.legalAge(born: born, on: date))
                XCTAssertEqual(fast[date.day], expected, "stay \(k): \(w.code) \(date), day \(n) from 起算日 \(reckoning), born \(born)\(leaveDays.contains("\(date)") ? " (外泊)" : "")")
                checkedDays += 1
            }
            XCTAssertEqual(a.points, (first.dayNumber...last.dayNumber).reduce(0) { s, d in
                s + Self.reference(w, day: d - dayOne.dayNumber + 1, leave: leaveDays.contains("\(ServiceDate(dayNumber: d))"),
                                   years: Self.legalAge(born: born, on: ServiceDate(dayNumber: d)))
            }, "stay \(k)")
        }
        XCTAssertGreaterThan(checkedDays, 10_000)
    }
}
