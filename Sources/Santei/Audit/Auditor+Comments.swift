// コメント: the comments the コメント関連テーブル asks for, and each comment against its パターン.

extension AuditRun {
    /// SA-M001…SA-M003.
    mutating func checkComments() {
        var recorded = Set<UInt64>()
        for (e, encounter) in claim.encounters.enumerated() {
            guard let date = ServiceDate(encounter.date) else { continue }
            for (o, order) in encounter.orders.enumerated() {
                for (n, comment) in (order.comments ?? []).enumerated() {
                    guard let text = comment.code else { continue }
                    guard let code = Self.code9(text), code / 100_000_000 == 8 else {
                        commentFinding(.commentCodeNotValid, e, o, n, text, "\"\(text)\" is not a 9-digit コメントコード (8…)")
                        continue
                    }
                    recorded.insert(code)
                    checkCommentText(code, comment.text ?? "", date, e, o, n)
                }
            }
        }
        checkRequiredComments(recorded)
    }

    mutating func commentFinding(_ check: AuditCheckID, _ e: Int, _ o: Int, _ n: Int, _ code: String, _ message: String) {
        var f = AuditFinding(check: check, claim: claim.id, encounter: e, order: o, codes: [code], message: message)
        f.comment = n
        findings.append(f)
    }

    /// SA-M003, SA-M002 — the コメントマスター row valid on the date, and the text against its パターン
    /// (R06rec2 別紙6-1): 10/30 text, 20 none, 31 a 診療行為コード, 40 digits of the レセプト編集情報 width,
    /// 42 a number, 50 GYYMMDD, 51 HHMM, 52 minutes in 5 digits, 53 DDHHMM, 80 GYYMMDD and an 8-character value,
    /// 90 修飾語コード of 4 digits. 全角 digits are read as digits.
    mutating func checkCommentText(_ code: UInt64, _ text: String, _ date: ServiceDate, _ e: Int, _ o: Int, _ n: Int) {
        let r = auditor.rules(date)
        guard let c = r.comments else { return }
        guard let i = c.codeIndex(of: code), let v = c.version(ofCode: i, on: date) else {
            commentFinding(.commentCodeNotValid, e, o, n, String(code), "コメントコード \(code) has no version valid on \(date)")
            return
        }
        let pattern = CommentPattern(rawValue: c.integer(v, CommentColumn.pattern) ?? 0)
        let ascii = Self.halfWidth(text)
        let digits = ascii.allSatisfy { $0 >= 48 && $0 <= 57 }
        var problem: String?
        switch pattern {
        case .freeText, .fixedTextWithFreeText:
            if text.isEmpty { problem = "needs its text" }
        case .fixedTextWithProcedure:
            if ascii.count != 9 || !digits { problem = "needs a 9-digit 診療行為コード" }
            else if let s = r.procedures, s.codeIndex(of: UInt64(String(decoding: ascii, as: UTF8.self))!).flatMap({ s.version(ofCode: $0, on: date) }) == nil {
                problem = "names 診療行為コード \(String(decoding: ascii, as: UTF8.self)), which has no version valid on \(date)"
            }
        case .fixedTextWithDigits:
            var width = 0
            for k in 0..<4 { width += c.integer(v, 10 + 2 * k) ?? 0 }
            if !digits || ascii.count != width { problem = "needs \(width) digits (レセプト編集情報)" }
        case .fixedTextWithNumber:
            if !Self.isNumber(ascii[...]) { problem = "needs a number" }
        case .fixedTextWithDate:
            if !(digits && ascii.count == 7 && Self.eraDate(ascii[...]) != nil) { problem = "needs a date GYYMMDD (年号区分 1-5)" }
        case .fixedTextWithTime:
            if !(digits && ascii.count == 4 && Self.value(ascii[0..<2]) < 24 && Self.value(ascii[2..<4]) < 60) { problem = "needs a time HHMM" }
        case .fixedTextWithMinutes:
            if !(digits && ascii.count == 5) { problem = "needs minutes in 5 digits" }
        case .fixedTextWithDayTime:
            if !(digits && ascii.count == 6 && (1...31).contains(Self.value(ascii[0..<2])) && Self.value(ascii[2..<4]) < 24 && Self.value(ascii[4..<6]) < 60) {
                problem = "needs DDHHMM"
            }
        case .fixedTextWithDateAndValue:
            if !(ascii.count == 15 && Self.eraDate(ascii[0..<7]) != nil && ascii[0..<7].allSatisfy({ $0 >= 48 && $0 <= 57 }) && Self.isNumber(ascii[7..<15])) {
                problem = "needs a date GYYMMDD and a value of 8 characters"
            }
        case .modifierCodes:
            if !digits || ascii.isEmpty || ascii.count % 4 != 0 { problem = "needs 修飾語コード of 4 digits" }
            else if let z = r.modifiers {
                for k in stride(from: 0, to: ascii.count, by: 4) {
                    let m = Self.value(ascii[k..<(k + 4)])
                    if z.codeIndex(of: UInt64(m)).flatMap({ z.version(ofCode: $0, on: date) }) == nil {
                        problem = "修飾語コード \(String(decoding: ascii[k..<(k + 4)], as: UTF8.self)) has no version valid on \(date)"
                        break
                    }
                }
            }
        default:
            break
        }
        if let problem {
            commentFinding(.commentMalformed, e, o, n, String(code), "コメント \(code) (パターン \(pattern.rawValue)) \(problem); recorded \"\(text)\"")
        }
    }

    /// SA-M001 — ck 条件区分 01 (算定が条件), 02 (with 入外区分), 03 (算定回数 or more): for each requirement
    /// (項番・枝番) of a billed code, one of its comments must be on the claim. 10-13 read as 00-03 (not a ＤＰＣ
    /// claim); 00 and 20 need facts a claim does not carry; 非算定理由コメント rows are for codes not billed.
    mutating func checkRequiredComments(_ recorded: Set<UInt64>) {
        // Once per code (at its first live item) and the code's 回数 on the claim: grouped once, O(n).
        let byCode = liveProceduresByCode(history: false)
        for k in 0..<currentCount where isLiveProcedure(k) {
            let o = occurrences[k]
            guard byCode[o.code]?.first == k, let ck = rules[o.rules].commentRelations, let rows = ck.rows(of: o.code) else { continue }
            var total = -1
            var start = 0
            while start < rows.count {
                var end = start + 1
                while end < rows.count && rows[end].requirement == rows[start].requirement { end += 1 }
                defer { start = end }
                var applies = false, satisfied = false
                var wanted: [UInt64] = []
                for row in rows[start..<end] where row.dates.contains(o.date.yyyymmdd) && !row.nonCharge {
                    let condition = row.condition.nonDPCEquivalent
                    let needed: Bool
                    switch condition {
                    case .whenCharged: needed = true
                    case .whenChargedInOrOut: needed = row.inOut == (inpatient ? .inpatient : .outpatient)
                    case .whenChargedRepeatedly:
                        if total < 0 {   // the code's 回数 on the claim (alive items), counted when a row asks for it
                            total = 0
                            for j in 0..<currentCount where occurrences[j].alive && occurrences[j].code == o.code { total += occurrences[j].times }   // ≤ items × 999
                        }
                        needed = row.count > 0 && total >= row.count
                    default: needed = false
                    }
                    guard needed else { continue }
                    applies = true
                    wanted.append(row.comment)
                    if recorded.contains(row.comment) { satisfied = true }
                }
                guard applies, !satisfied else { continue }
                let section = rows[start].section
                let list = wanted.prefix(5).map(String.init).joined(separator: ", ") + (wanted.count > 5 ? " … (\(wanted.count))" : "")
                report(.commentMissing, k, codes: Array(wanted.prefix(5)),
                       "\(name(k)) needs a コメント (記載要領 別表Ⅰ \(section) 項番 \(rows[start].requirement / 100)-\(rows[start].requirement % 100)): one of \(list)",
                       action: "record one of the comments")
            }
        }
    }

    /// Text with 全角 digits, 全角 period and 全角 minus turned into ASCII (others kept as UTF-8 bytes).
    static func halfWidth(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            switch u.value {
            case 0xFF10...0xFF19: out.append(UInt8(u.value - 0xFF10 + 48))
            case 0xFF0E: out.append(UInt8(ascii: "."))
            case 0xFF0D, 0x2212: out.append(UInt8(ascii: "-"))
            case 0x20, 0x3000: continue
            default: out.append(contentsOf: String(u).utf8)
            }
        }
        return out
    }

    static func value(_ digits: ArraySlice<UInt8>) -> Int { digits.reduce(0) { $0 * 10 + Int($1) - 48 } }

    static func isNumber(_ s: ArraySlice<UInt8>) -> Bool {
        var dots = 0, digits = 0
        for (n, b) in s.enumerated() {
            if b == UInt8(ascii: ".") { dots += 1 } else if b == UInt8(ascii: "-") && n == 0 { continue } else if b >= 48 && b <= 57 { digits += 1 } else { return false }
        }
        return digits > 0 && dots <= 1
    }

    /// 和暦 GYYMMDD (コメント パターン 50/80).
    static func eraDate(_ s: ArraySlice<UInt8>) -> ServiceDate? { s.count == 7 ? UKEDate.date(s) : nil }
}
