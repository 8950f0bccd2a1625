import Foundation

// Fees a visit earns by facts of the facility and of the visit, which the order does not state (issue 12 item 2):
// B001-2-6 夜間休日救急搬送医学管理料 (../shared/legal/R06/ika-kokuji.txt lines 5431-5445; 通知 ika-tsuuchi.txt
// lines 7122-7140). The rule's values (row, facts, bands, exclusions) are `FacilityAddOnRules.VisitFee` in
// Masters/params/facility-add-ons.json "visit_fees", one list per 診療報酬改定.

/// Derives `FacilityAddOnRules.VisitFee`s for one encounter: 入院外, the encounter's `arrival` is the fee's, the
/// facility states the fee's fact (`facility.facts`), the day carries a row of the base 区分 (A000 初診料: 初診の日に
/// 限り), no excluded row (B001-2-5 院内トリアージ実施料), the fee is not stated already, and the time band is one
/// of the fee's (深夜・休日 any day; 時間外 on a Saturday — on another day only 夜間 counts, which the band 時間外
/// does not tell: a note asks). Where a fact is missing a note names it and nothing is added.
struct VisitFeeDeriver {
    let rules: FacilityAddOnRules?

    struct Fee { var category: Int; var code: UInt64; var notes: [String] }

    func derive(encounter: Claim.Encounter, index e: Int, date: ServiceDate, band: TimeBand?, facts: Set<String>,
                items: [UnitItem], table t: MasterTable) -> (fees: [Fee], notes: [String]) {
        guard let arrival = encounter.arrival, let version = rules?.version(on: date), !version.visitFees.isEmpty else { return ([], []) }
        let P = ProcedureColumn.self
        var fees: [Fee] = [], notes: [String] = []
        let codes = Set(items.map(\.code))
        for fee in version.visitFees where fee.arrival == arrival {
            guard let code = UInt64(fee.code), !codes.contains(code) else { continue }
            let what = "encounters[\(e)]: \(fee.section) \(fee.name)"
            guard facts.contains(fee.facilityFact) else {
                notes.append("\(what): arrival \(arrival), but facility.facts does not state \(fee.facilityFact); not derived")
                continue
            }
            let base = items.contains { item in
                guard item.kind == .procedure, let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date) else { return false }
                return t.string(v, P.codeTableAlphabet) + t.string(v, P.sectionNumber) == fee.firstVisitSection
            }
            guard base else {
                notes.append("\(what): no \(fee.firstVisitSection) on the day (初診の日に限り); not derived")
                continue
            }
            if let excluded = fee.excludedCodes.compactMap(UInt64.init).first(where: codes.contains) {
                notes.append("\(what): \(excluded) is on the day (excludes it); not derived")
                continue
            }
            let bandName = band?.rawValue ?? "daytime"
            let saturday = date.weekday == 6
            if fee.weekdayNoteTimeBands.contains(bandName) && !saturday && !fee.timeBands.contains(bandName) {
                notes.append("\(what): time_band \(bandName) on a weekday counts only at 夜間 (18:00–8:00), which time_band does not tell; not derived, state \(fee.code) in an order if it applies")
                continue
            }
            guard fee.timeBands.contains(bandName) || (saturday && fee.saturdayTimeBands.contains(bandName)) else { continue }
            guard let i = t.codeIndex(of: code), t.version(ofCode: i, on: date) != nil else {
                notes.append("\(what): \(code) has no row on \(date); not derived")
                continue
            }
            fees.append(Fee(category: fee.category, code: code, notes: [
                "\(code) \(fee.name): derived, arrival \(arrival), facility.facts \(fee.facilityFact), \(fee.firstVisitSection) on the day, time_band \(bandName)\(saturday ? " (土曜日)" : "") (\(fee.section) 注1; facility-add-ons.json \(version.revision))"
            ]))
        }
        return (fees, notes)
    }
}
