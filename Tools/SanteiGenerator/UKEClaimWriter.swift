import Foundation
import Santei

/// Writes generated claims as a 医科 RECEIPTC.UKE (記録条件仕様 layout, CRLF, ASCII-only values so the
/// bytes are valid CP932): IR, then per claim RE / HO / SY and its units as SI / IY / TO records, each unit's
/// points (as Santei priced them) on its last record, 回数 and the 算定日 column of the encounter's day;
/// codes Santei added to an order (time and age add-ons) and derived orders (判断料) are written as a
/// receipt would state them; GO at the end. For `uke recalc` benchmarks and round-trip tests.
/// A claim priced with its stay (`PricedClaim.admission`) is written as an 入院 receipt: レセプト種別 1111, RE
/// 入院年月日, HO 診療実日数 the days in hospital and 食事療養・生活療養 回数 / 合計金額, and the stay's 入院料
/// (90) and 食事 (97, yen a meal × meals, 食堂加算 yen × days) lines with their 算定日.
public enum UKEClaimWriter {
    public static func file(_ claims: [(claim: Claim, priced: PricedClaim)], year: Int, month: Int) -> [UInt8] {
        var out: [UInt8] = []
        let ym = String(format: "%04d%02d", year, month)
        line(&out, ["IR", "1", "13", "1", "9999999", "", "SANTEI-GEN", ym, "00", "0000000000"])
        for (n, (claim, priced)) in claims.enumerated() {
            let birth = claim.patient.birthDate.replacingOccurrences(of: "-", with: "")
            if let stay = priced.admission {
                line(&out, ["RE", String(n + 1), "1111", ym, "GEN" + String(n + 1), claim.patient.sex ?? "1", birth, "",
                            stay.admitted.replacingOccurrences(of: "-", with: ""), "", "", "", "", String(format: "%05d", n % 100_000)])
                line(&out, ["HO", "01010016", "1", String(n + 1), String(stay.days.count), String(priced.totalPoints), "",
                            stay.mealCount > 0 ? String(stay.mealCount) : "", stay.mealCount > 0 ? String(stay.mealYen) : ""])
            } else {
                line(&out, ["RE", String(n + 1), "1112", ym, "GEN" + String(n + 1), claim.patient.sex ?? "1", birth] + Array(repeating: "", count: 6) + [String(format: "%05d", n % 100_000)])
                let days = Set(claim.encounters.map(\.date)).count
                line(&out, ["HO", "01010016", "1", String(n + 1), String(days), String(priced.totalPoints)])
            }
            line(&out, ["SY", "0000999", ym + "01", "1", "", "", "01", ""])
            for stayLine in (priced.admission?.lines ?? []) + (priced.admission?.meals ?? []) {
                guard let amount = stayLine.points ?? stayLine.yen, !stayLine.days.isEmpty else { continue }
                // 回数 over the line's days: as even as it goes, the first days taking the remainder.
                var dayFields = Array(repeating: "", count: 31)
                let each = stayLine.times / stayLine.days.count, extra = stayLine.times % stayLine.days.count
                for (k, d) in stayLine.days.enumerated() where (1...31).contains(d) && each + (k < extra ? 1 : 0) > 0 {
                    dayFields[d - 1] = String(each + (k < extra ? 1 : 0))
                }
                for (k, code) in stayLine.codes.enumerated() {
                    let last = k == stayLine.codes.count - 1
                    line(&out, ["SI", k == 0 ? String(stayLine.category) : "", "1", code, "", last ? String(amount) : "", String(stayLine.times)]
                               + Array(repeating: "", count: 6) + dayFields)
                }
            }
            var byEncounter: [Int: [PricedClaim.PricedOrder]] = [:]
            for o in priced.orders { byEncounter[o.encounter, default: []].append(o) }
            for (e, encounter) in claim.encounters.enumerated() {
                let day = Int(encounter.date.suffix(2)) ?? 1
                for o in byEncounter[e] ?? [] {
                    guard let points = o.points else { continue }
                    var codes: [(code: String, quantity: String)] = []
                    if o.derived, let code = o.code { codes = [(code, "")] } else {
                        for (i, item) in claim.encounters[e].orders[o.order].items.enumerated() where o.included?.contains(i) != true {
                            codes.append((item.code, item.quantity.map { String(describing: FixedPointText(scaled: $0.scaled)) } ?? ""))
                        }
                        for code in o.added ?? [] { codes.append((code, "")) }
                    }
                    for (k, item) in codes.enumerated() {
                        let last = k == codes.count - 1
                        let kind = item.code.first == "6" ? "IY" : item.code.first == "7" ? "TO" : "SI"
                        var fields = [kind, k == 0 ? String(o.category) : "", "1", item.code, item.quantity,
                                      last ? String(points) : "", last ? String(o.times) : ""]
                        fields += Array(repeating: "", count: kind == "TO" ? 10 : 6)
                        var dayFields = Array(repeating: "", count: 31)
                        dayFields[day - 1] = last ? String(o.times) : "1"
                        line(&out, fields + dayFields)
                    }
                }
            }
        }
        line(&out, ["GO", String(claims.count), String(claims.reduce(0) { $0 + $1.priced.totalPoints }), "99"])
        return out
    }

    private static func line(_ out: inout [UInt8], _ fields: [String]) {
        out += Array(fields.joined(separator: ",").utf8)
        out += [13, 10]
    }

    /// A 1/100000-scaled quantity as the shortest decimal text.
    struct FixedPointText: CustomStringConvertible {
        let scaled: Int
        var description: String {
            let i = scaled / 100_000, f = scaled % 100_000
            if f == 0 { return String(i) }
            var s = String(f)
            while s.count < 5 { s = "0" + s }
            while s.hasSuffix("0") { s.removeLast() }
            return "\(i).\(s)"
        }
    }
}
