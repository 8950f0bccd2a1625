// 傷病名: present, valid on the month's date, 修飾語 valid, billable, and the patient's sex.

extension AuditRun {
    mutating func diseaseFinding(_ check: AuditCheckID, _ d: Int?, _ codes: [String], _ message: String) {
        var f = AuditFinding(check: check, claim: claim.id, codes: codes, message: message)
        f.disease = d
        findings.append(f)
    }

    /// The version of a 傷病名 or 修飾語 for a date. These masters come as one full file with one row per code:
    /// a date before the row's 変更年月日 uses the row when the code was already listed then — its 収載年月日
    /// is on or before the date, or, without one, the row is not a 新規 (変更区分 3) row.
    static func listedVersion(_ t: MasterTable, _ i: Int, on date: ServiceDate, listedColumn: Int) -> Int? {
        if let v = t.version(ofCode: i, on: date) { return v }
        let v = t.versions(ofCode: i).lowerBound
        guard date < t.validFrom(v) else { return nil }
        if let listed = t.integer(v, listedColumn), listed > 0 { return UInt32(listed) <= date.yyyymmdd ? v : nil }
        return t.integer(v, 0) == 3 ? nil : v
    }

    /// SA-D001…SA-D005 — 傷病名マスター (R06rec1 §3(1)) and 修飾語マスター (§3(2)) on the claim's last service
    /// date; ICD-10 sex-specific categories against `patient.sex`.
    mutating func checkDiseases() {
        var latest: ServiceDate?
        for k in 0..<currentCount where latest == nil || occurrences[k].date > latest! { latest = occurrences[k].date }
        // An 入院 claim that bills only its 入院料 (no encounters) needs its 傷病名 too (記載要領: 傷病名欄は必ず記載; review 267
        // DJ-4): its 退院日, else its month, else its 入院日.
        if latest == nil, let a = claim.admission {
            latest = a.discharge.flatMap { ServiceDate($0) } ?? a.month.flatMap { ServiceDate($0 + "-01") } ?? ServiceDate(a.date)
        }
        guard let last = latest else { return }
        let diseases = claim.diseases ?? []
        guard !diseases.isEmpty else {
            diseaseFinding(.noDisease, nil, [], "the claim has no 傷病名")
            return
        }
        let r = auditor.rules(last)
        let D = DiseaseColumn.self
        let birth = ServiceDate(claim.patient.birthDate)
        for (n, disease) in diseases.enumerated() {
            // SA-D009: a 診療開始日 the claim's month has not reached, or before the birth date (review 349 GO-2: 2099-01-01 and
            // 1900-01-01 passed without a word).
            if let s = disease.start, let start = ServiceDate(s) {
                if start.year * 12 + start.month > last.year * 12 + last.month {
                    diseaseFinding(.diseaseStartImpossible, n, [disease.code], "傷病名 \(disease.code): 診療開始日 \(start) is after the claim's month (\(String(format4: last.year))-\(String(format2: last.month)))")
                } else if let birth, start < birth {
                    diseaseFinding(.diseaseStartImpossible, n, [disease.code], "傷病名 \(disease.code): 診療開始日 \(start) is before the patient's birth date \(birth)")
                }
            }
            if disease.code == "0000999" {
                if (disease.name ?? "").isEmpty { diseaseFinding(.diseaseNotValid, n, [disease.code], "未コード化傷病名 0000999 needs its name") }
            } else if let b = r.diseases {
                guard disease.code.utf8.count == 7, let code = UInt64(disease.code) else {
                    diseaseFinding(.diseaseNotValid, n, [disease.code], "\"\(disease.code)\" is not a 7-digit 傷病名コード")
                    continue
                }
                guard let i = b.codeIndex(of: code), let v = Self.listedVersion(b, i, on: last, listedColumn: 21) else {
                    // A code the 傷病名マスター never listed is said so, not "no version valid on" the claim's last day (review 306 EW-3).
                    var message = b.codeIndex(of: code) == nil ? "傷病名コード \(disease.code) is not in the 傷病名マスター (no version on any date)"
                                                               : "傷病名コード \(disease.code) has no version valid on \(last)"
                    if let i = b.codeIndex(of: code) {
                        let v = b.versions(ofCode: i).upperBound - 1
                        let successor = b.string(v, D.successorCode)
                        message += " (\(b.string(v, D.name)), valid until \(b.validTo(v)))" + (successor.isEmpty || successor == "0000000" || successor == disease.code ? "" : "; 移行先コード \(successor)")
                    }
                    diseaseFinding(.diseaseNotValid, n, [disease.code], message)
                    continue
                }
                if b.integer(v, 19) == 1 {
                    diseaseFinding(.diseaseNotBillable, n, [disease.code], "\(disease.code) \(b.string(v, D.name)): 保険請求外区分 1 (not for insurance claims)")
                }
                if let sex = claim.patient.sex, let only = DiseaseSex.restriction(icd10: b.bytes(v, D.icd10First)), only != sex {
                    diseaseFinding(.diseaseSex, n, [disease.code], "\(disease.code) \(b.string(v, D.name)) (ICD-10 \(b.string(v, D.icd10First))) is for \(only == "1" ? "男性" : "女性") only; the patient's sex is \(sex == "1" ? "男" : sex == "2" ? "女" : sex)")
                }
            }
            if let z = r.modifiers {
                for m in disease.modifiers ?? [] {
                    guard m.utf8.count == 4, let code = UInt64(m), let i = z.codeIndex(of: code), Self.listedVersion(z, i, on: last, listedColumn: 13) != nil else {
                        diseaseFinding(.modifierNotValid, n, [disease.code, m], "修飾語コード \(m) of 傷病名 \(disease.code) has no version valid on \(last)")
                        continue
                    }
                }
            }
        }
    }
}
