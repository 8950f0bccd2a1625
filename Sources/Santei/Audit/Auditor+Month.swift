// Checks over the month (and the history given): 外来管理加算, 判断料, 初診料.

extension AuditRun {
    /// SA-V002 — 告示 A001 注8 (R06): 外来管理加算 is for a 再診 without 処置, リハビリテーション etc.; 通知
    /// A001 (7) ア. The master marks the add-on (外来管理加算区分 2) and the procedures that exclude it (1).
    mutating func checkOutpatientManagement() {
        let column = ProcedureColumn.outpatientManagementClass
        var addOns: [Int] = [], excluding: [Int] = []
        for k in 0..<currentCount where isLiveProcedure(k) {
            guard let t = rules[occurrences[k].rules].procedures else { continue }
            switch OutpatientManagementClass(rawValue: t.integer(occurrences[k].version, column) ?? 0) {
            case .addOnItself: addOns.append(k)
            case .excludesAddOn: excluding.append(k)
            default: break
            }
        }
        var excludingByDay: [Int: [Int]] = [:]
        for x in excluding { excludingByDay[occurrences[x].day, default: []].append(x) }
        for m in addOns {
            guard let x = excludingByDay[occurrences[m].day]?.first(where: { occurrences[$0].alive }) else { continue }
            remove(m, .outpatientManagementWithProcedure, codes: [occurrences[x].code],
                   "\(name(m)) cannot be billed on a day with \(name(x)) (外来管理加算区分 1; A001 注8)")
        }
    }

    /// SA-J001/SA-J002 — 告示 D026 注 (R06): a 判断料 (検査等実施判断区分 2) is billed once a month per
    /// 検査等実施判断グループ; tests (区分 1) of a group call for its 判断料. Earlier claims of the same month count.
    mutating func checkJudgementFees() {
        let P = ProcedureColumn.self
        guard let month = occurrences.first(where: { !$0.isHistory })?.yearMonth else { return }
        var feeSeen: [Int: Int] = [:]        // group → first fee occurrence
        var tests: [Int: Int] = [:]          // group → first test occurrence (claim only)
        var fees: [(group: Int, k: Int)] = [] // 第3部 判断料 of the claim
        let order = (0..<occurrences.count).filter { occurrences[$0].yearMonth == month && (occurrences[$0].isHistory || isLiveProcedure($0)) }
            .sorted { (occurrences[$0].day, occurrences[$0].isHistory ? 0 : 1, $0) < (occurrences[$1].day, occurrences[$1].isHistory ? 0 : 1, $1) }
        for k in order {
            let o = occurrences[k]
            guard o.version >= 0, let t = rules[o.rules].procedures, let g = t.integer(o.version, P.judgementGroup), g != 0 else { continue }
            switch t.integer(o.version, P.judgementClass) {
            case 2:
                if let first = feeSeen[g] {
                    guard !o.isHistory else { continue }
                    remove(k, .judgementFeeDuplicated, codes: [occurrences[first].code],
                           "\(name(k)): the 判断料・診断料 of 検査等実施判断グループ \(g) is already billed this month (\(name(first)) on \(occurrences[first].date)); \(JudgementFeeDeriver.monthlyRule(t, o.version))")
                } else {
                    feeSeen[g] = k
                }
                // 第3部 (D) and E203 コンピューター断層診断 of the facility's own 撮影 (170015410, 区分 2 of group 33; a film made
                // elsewhere is the 他医撮影 row 170019950, 区分 0, 通知 E203 (3); review 344 GI-1: E203 with no CT/MRI in the month,
                // 450 + 画像診断管理加算 175, passed).
                let letter = t.bytes(o.version, P.codeTableAlphabet).first
                if !o.isHistory && (letter == UInt8(ascii: "D") || letter == UInt8(ascii: "E")) { fees.append((g, k)) }
            case 1:
                // A test a 医学管理料 includes calls for no 判断料 (review 423 JL-2: SA-J002 advised the 血液学的検査判断料 that B001 15 注2
                // excludes, beside the 末梢血液一般 it includes).
                if !o.isHistory && tests[g] == nil && !includedInManagementFee.contains(k) { tests[g] = k }
            default: break
            }
        }
        // SA-J003 — 告示 D026 注1 (R06 ika-kokuji.txt 9314-9321): a 判断料 is of 「該当する検体検査」; one with no test of its group
        // (検査等実施判断区分 1) in the month is not billed — D000 尿中一般物質定性半定量検査 is 区分 0 in the master (D026 注2:
        // 「当該検査については尿・糞便等検査判断料は算定しない」; review 255 CX-1). 第3部 (D) only: a 病理診断料 or コンピューター断層
        // 診断料 may be billed for a 標本 or film made elsewhere — but E203's own row is for the facility's own 撮影 (its 他医撮影 row
        // stands alone), and is checked like a 判断料: E200–E202 of group 33 in the month.
        // A test stated in the claim counts even where another check removed it (a 背反 row that keeps the 判断料), but not one removed
        // as never billable (SA-C…: `removedAsUnbillable`).
        var tested = Set<Int>()              // groups with a test in the claim or its history
        // Nor one a 医学管理料 includes (`includedInManagementFee`).
        for (k, o) in occurrences.enumerated() where o.yearMonth == month && o.kind == .procedure && o.version >= 0 && !removedAsUnbillable.contains(k)
                                                      && !includedInManagementFee.contains(k) {
            guard let t = rules[o.rules].procedures, t.integer(o.version, P.judgementClass) == 1, let g = t.integer(o.version, P.judgementGroup) else { continue }
            tested.insert(g)
        }
        // D027 基本的検体検査判断料 (group 8) stands for the 判断料 of 注1 ただし書 (尿・糞便等, 遺伝子関連・染色体, 血液学的,
        // 生化学的（Ⅰ）, 免疫学的, 微生物学的): a test of any of them is of it.
        let basic: [JudgementGroup] = [.basicSpecimen, .urineAndFeces, .geneticAndChromosome, .hematology, .biochemistry1, .immunology, .microbiology]
        func hasTest(_ g: Int) -> Bool {
            g == JudgementGroup.basicSpecimen.rawValue ? basic.contains { tested.contains($0.rawValue) } : tested.contains(g)
        }
        func t(_ k: Int) -> MasterTable? { rules[occurrences[k].rules].procedures }
        // 通知 A002 (10): 外来診療料 includes tests of the 尿・糞便等 and 血液学的 groups but not their 判断料 — a receipt bills the 判断料
        // of a test it does not list (review 346 GL-1: 血液学的検査判断料 beside an included 末梢血液一般 was removed).
        // (Looked for only when such a 判断料 lacks its test.)
        func outpatientFee() -> Bool {
            (0..<currentCount).contains { k in
                guard isLiveProcedure(k), occurrences[k].yearMonth == month, let u = t(k) else { return false }
                return u.bytes(occurrences[k].version, P.codeTableAlphabet).elementsEqual("A".utf8) && u.bytes(occurrences[k].version, P.sectionNumber).elementsEqual("002".utf8)
            }
        }
        for (g, k) in fees where !hasTest(g) && occurrences[k].alive {
            if (g == JudgementGroup.urineAndFeces.rawValue || g == JudgementGroup.hematology.rawValue) && outpatientFee() { continue }
            if t(k)?.bytes(occurrences[k].version, P.codeTableAlphabet).first == UInt8(ascii: "E") {
                remove(k, .judgementFeeWithoutTest, "\(name(k)) is the 診断 of the month's 撮影 (第4部 第2節 通則2, 第3節 通則1: the 撮影 and the 診断 are added together — E100–E101-5 and E102, E200–E202 and E203), and no 撮影 of 判断グループ \(g) is billed this month; a CT/MRI film made elsewhere is 170019950 他医撮影のコンピューター断層診断 (通知 E203 (3))")
                continue
            }
            remove(k, .judgementFeeWithoutTest, "\(name(k)) is the 判断料 of 判断グループ \(g), and no test of the group is billed this month (D026 注1: 該当する検体検査の判断料; D000 尿中一般物質定性半定量検査 does not count, 注2)")
        }
        for (g, k) in tests.sorted(by: { $0.key < $1.key }) where feeSeen[g] == nil {
            // A group whose 判断料 is billed only on facts of the patient and the care (facility-add-ons.json `judgement_stated_only`:
            // D270-2 ロービジョン検査判断料, 視覚障害 and 施設基準) is not called for by its tests (review 308 EY-5), and not mentioned: the
            // line stood on every 眼科 receipt with a D255–D282 test and never called for an action (review 419 JG-4).
            let o = occurrences[k]
            if let t = rules[o.rules].procedures, let list = FacilityAddOnRules.embedded?.version(on: o.date)?.judgementStatedOnly,
               list.first(where: { r in
                   guard let c = UInt64(r.code), let i = t.codeIndex(of: c), let v = t.version(ofCode: i, on: o.date) else { return false }
                   return t.integer(v, P.judgementGroup) == g
               }) != nil {
                continue
            }
            report(.judgementFeeMissing, k, "\(name(k)) is a test of 判断グループ \(g) and no 判断料 of the group is billed this month (santei price derives it when one fee applies)")
        }
    }

    /// SA-V008 — 告示 A001 注3, A002 注5 (R06 ika-kokuji.txt 231-234, 355-358): 「２つ目の診療科に限り」 — one 2科目 再診料 or
    /// 外来診療料 row (A001/A002, 告示等識別区分（１） 1 or 5, 名称 …２科目…: 再診料, 電話等再診料, 外来診療料, 情報通信機器 and
    /// 特定妥結率 variants) a day; a third department's is removed (通知 A001 (4): 現に診療継続中の診療科１つに限り; review 307
    /// EX-1: three departments billed 38 twice).
    mutating func checkSecondDepartmentRevisit() {
        let P = ProcedureColumn.self
        var billedOn: [Int: Int] = [:]   // day → the first 2科目 row
        for k in 0..<currentCount where isLiveProcedure(k) && !occurrences[k].isHistory {
            let o = occurrences[k]
            guard let t = rules[o.rules].procedures else { continue }
            let alphabet = t.bytes(o.version, P.codeTableAlphabet), section = t.bytes(o.version, P.sectionNumber), notice = t.bytes(o.version, P.noticeClass1)
            guard alphabet.count == 1, alphabet[0] == UInt8(ascii: "A"), section.elementsEqual("001".utf8) || section.elementsEqual("002".utf8),
                  notice.count == 1, notice[0] == UInt8(ascii: "1") || notice[0] == UInt8(ascii: "5"),
                  t.string(o.version, P.abbreviatedName).containsBytes("２科目") else { continue }
            if let first = billedOn[o.day] {
                remove(k, .secondDepartmentTwice, codes: [occurrences[first].code],
                       "\(name(k)) is a second 2科目 row on \(o.date): 「２つ目の診療科に限り」 (A001 注3, A002 注5; 通知 A001 (4): 現に診療継続中の診療科１つに限り) — a third department bills no 再診料")
                continue
            }
            billedOn[o.day] = k
            if o.times > 1 { lower(k, to: 1, .secondDepartmentTwice, "\(name(k)) with 回数 \(o.times) on \(o.date): 「２つ目の診療科に限り」 (A001 注3, A002 注5)") }
        }
    }

    /// SA-V001 — 通知 A000 (14)・(15) (R06): a visit after the patient stopped for one month or more is a
    /// 初診; within the month (2月10日〜3月9日 is one month) it is not, unless a new illness. A 初診料 (コード表用番号
    /// A000, 告示等識別区分（１） 1) with another visit of the claim or history in the month before is reported.
    mutating func checkFirstVisit() {
        let P = ProcedureColumn.self
        // Every visit (claim items alive, history items) by (day, index), for a binary search per 初診料.
        var visits: [(day: Int, k: Int)] = []
        for k in 0..<occurrences.count where occurrences[k].isHistory || occurrences[k].alive { visits.append((occurrences[k].day, k)) }
        visits.sort { ($0.day, $0.k) < ($1.day, $1.k) }
        /// The first position in `visits` whose day is ≥ `day`.
        func lowerBound(_ day: Int) -> Int {
            var lo = 0, hi = visits.count
            while lo < hi { let mid = (lo + hi) / 2; if visits[mid].day < day { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        var billedOn: [(day: Int, code: UInt64, k: Int, full: Bool)] = []
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            guard let t = rules[o.rules].procedures else { continue }
            let alphabet = t.bytes(o.version, P.codeTableAlphabet), section = t.bytes(o.version, P.sectionNumber), notice = t.bytes(o.version, P.noticeClass1)
            guard alphabet.count == 1, alphabet[0] == UInt8(ascii: "A"), section.elementsEqual("000".utf8),
                  notice.count == 1, notice[0] == UInt8(ascii: "1") else { continue }
            // SA-V005 — 告示 A000 注5 (R06 ika-kokuji.txt 158-160): the 初診料 of one day are 「併せて１回」; a second
            // 診療科 the same day has its own code (２つ目の診療科に限り 146点), billed once too.
            // Any two 初診料 rows that take the 注 加算 (注加算コード ≠ 0: 初診料, 情報通信機器, 文書による紹介がない患者 …) on one day
            // are two 初診 — only the 2科目 rows of 注5 ただし書 (注加算コード 0: 注６から注16までに規定する加算は算定しない) may
            // stand beside one (review 114: 111012510 and 111000110 on one day were not found).
            let full = (t.integer(o.version, P.addOnCode) ?? 0) != 0
            if let f = billedOn.first(where: { $0.day == o.day && ($0.code == o.code || (full && $0.full)) }) {
                remove(k, .firstVisitTwiceADay, codes: [occurrences[f.k].code],
                       "\(name(k)) is billed again on \(o.date): the 初診料 of one day are 併せて１回 (A000 注5)")
                continue
            }
            billedOn.append((o.day, o.code, k, full))
            if o.times > 1 { lower(k, to: 1, .firstVisitTwiceADay, "\(name(k)) with 回数 \(o.times) on \(o.date): the 初診料 of one day are 併せて１回 (A000 注5)") }
            // The earliest day d such that a visit on d is less than one month before this one.
            let d = o.date
            let previousMonth = d.month == 1 ? (d.year - 1, 12) : (d.year, d.month - 1)
            let sameDay = min(d.day, ServiceDate.daysInMonth(year: previousMonth.0, month: previousMonth.1))
            guard let monthBefore = ServiceDate(year: previousMonth.0, month: previousMonth.1, day: sameDay) else { continue }
            let start = monthBefore.dayNumber + 1
            // The latest visit day before this one (its first item in claim order), if within the month.
            let before = lowerBound(o.day)
            guard before > 0, visits[before - 1].day >= start else { continue }
            // A new illness begun that day while no earlier one is under treatment (every 傷病名 of the claim begun before it has
            // ended: 転帰 治ゆ・死亡・中止) is a 初診 (通知 A000 (13) bars only 「現に診療継続中の患者」; review 346 GL-2: a 初診 for 慢性胃炎
            // two weeks after a cold was cured was asked).
            let diseases = claim.diseases ?? []
            if diseases.contains(where: { x in x.start.flatMap { ServiceDate($0) } == d }),
               !diseases.contains(where: { x in (x.start.flatMap { ServiceDate($0) }.map { $0 < d } ?? true) && (x.outcome == nil || x.outcome == "1") }) {
                continue
            }
            let earlier = visits[lowerBound(visits[before - 1].day)].k
            report(.firstVisitWithinMonth, k, codes: [occurrences[earlier].code],
                   "\(name(k)) on \(d), but the patient was seen on \(occurrences[earlier].date)\(occurrences[earlier].isHistory ? " (earlier claim)" : ""), less than one month before (通知 A000 (14)): a 再診 unless a new illness")
        }
    }
}
