// `admission` of a claim line, read by the byte-level claim reader (ClaimJSON.Scanner); JSONDecoder on
// `Claim.Admission` stays the reference. Paths name the field as docs/claim-format.md does.

extension ClaimJSON.Scanner {
    mutating func admission() throws(ClaimError) -> Claim.Admission {
        var date: String?, reckoning: String?, discharge: String?, month: String?, ward: Claim.Admission.Ward?
        var receiptFrom: String?, receiptTo: String?
        var leave: [Claim.Admission.Leave]?, additions: [Claim.Admission.Addition]?, meals: [Claim.Admission.MealDay]?, medicalClass: Int?
        try object("admission") { (s: inout ClaimJSON.Scanner, key: String) throws(ClaimError) in
            switch key {
            case "date": date = try s.string("admission.date")
            case "reckoning_date": if !(try s.isNull()) { reckoning = try s.string("admission.reckoning_date") }
            case "discharge": if !(try s.isNull()) { discharge = try s.string("admission.discharge") }
            case "month": if !(try s.isNull()) { month = try s.string("admission.month") }
            case "receipt_from": if !(try s.isNull()) { receiptFrom = try s.string("admission.receipt_from") }
            case "receipt_to": if !(try s.isNull()) { receiptTo = try s.string("admission.receipt_to") }
            case "medical_class": if !(try s.isNull()) { medicalClass = try s.int("admission.medical_class") }
            case "ward":
                var fee: String?, kind: String?
                try s.object("admission.ward") { (s: inout ClaimJSON.Scanner, key: String) throws(ClaimError) in
                    switch key {
                    case "basic_fee": fee = try s.string("admission.ward.basic_fee")
                    case "kind": if !(try s.isNull()) { kind = try s.string("admission.ward.kind") }
                    default: try s.skipUnknown(key, "admission.ward")
                    }
                }
                ward = Claim.Admission.Ward(basicFee: try s.required(fee, "admission.ward.basic_fee"), kind: kind)
            case "leave":
                if try s.isNull() { return }
                var list: [Claim.Admission.Leave] = []
                try s.array("admission.leave", limit: 31, "外泊 days (a month has at most 31)") { (s: inout ClaimJSON.Scanner, n: Int) throws(ClaimError) in
                    let p = "admission.leave[\(n)]"
                    var d: String?, psychiatric: Bool?
                    try s.object(p) { (s: inout ClaimJSON.Scanner, key: String) throws(ClaimError) in
                        switch key {
                        case "date": d = try s.string(p + ".date")
                        case "psychiatric": if !(try s.isNull()) { psychiatric = try s.bool(p + ".psychiatric") }
                        default: try s.skipUnknown(key, p)
                        }
                    }
                    list.append(Claim.Admission.Leave(date: try s.required(d, p + ".date"), psychiatric: psychiatric))
                }
                leave = list
            case "additions":
                if try s.isNull() { return }
                var list: [Claim.Admission.Addition] = []
                try s.array("admission.additions", limit: 1_000, "stated 加算") { (s: inout ClaimJSON.Scanner, n: Int) throws(ClaimError) in
                    let p = "admission.additions[\(n)]"
                    var code: String?, days: [String]?
                    try s.object(p) { (s: inout ClaimJSON.Scanner, key: String) throws(ClaimError) in
                        switch key {
                        case "code": code = try s.string(p + ".code")
                        case "days":
                            if try s.isNull() { return }
                            var ds: [String] = []
                            try s.array(p + ".days", limit: 31, "days (a month has at most 31)") { (s: inout ClaimJSON.Scanner, k: Int) throws(ClaimError) in ds.append(try s.string(p + ".days[\(k)]")) }
                            days = ds
                        default: try s.skipUnknown(key, p)
                        }
                    }
                    list.append(Claim.Admission.Addition(code: try s.required(code, p + ".code"), days: days))
                }
                additions = list
            case "meals":
                if try s.isNull() { return }
                var list: [Claim.Admission.MealDay] = []
                try s.array("admission.meals", limit: 31, "meal days (a month has at most 31)") { (s: inout ClaimJSON.Scanner, n: Int) throws(ClaimError) in
                    let p = "admission.meals[\(n)]"
                    var d: String?, served: [String]?, special: [String]?, liquid: Bool?, dining: Bool?
                    try s.object(p) { (s: inout ClaimJSON.Scanner, key: String) throws(ClaimError) in
                        switch key {
                        case "date": d = try s.string(p + ".date")
                        case "served", "special":
                            if key == "special", try s.isNull() { return }
                            var names: [String] = []
                            try s.array(p + "." + key, limit: 3, "meals (at most three a day)") { (s: inout ClaimJSON.Scanner, k: Int) throws(ClaimError) in names.append(try s.string(p + ".\(key)[\(k)]")) }
                            if key == "served" { served = names } else { special = names }
                        case "liquid_only": if !(try s.isNull()) { liquid = try s.bool(p + ".liquid_only") }
                        case "dining_room": if !(try s.isNull()) { dining = try s.bool(p + ".dining_room") }
                        default: try s.skipUnknown(key, p)
                        }
                    }
                    list.append(Claim.Admission.MealDay(date: try s.required(d, p + ".date"), served: try s.required(served, p + ".served"),
                                                        special: special, liquidOnly: liquid, diningRoom: dining))
                }
                meals = list
            // A misspelt key (`dischage`, `leaves`) is named in the priced claim's notes, as elsewhere in the claim (review 328 FS-1:
            // a `dischage` priced the stay to the month's end without a word).
            default: try s.skipUnknown(key, "admission")
            }
        }
        var a = Claim.Admission(date: try required(date, "admission.date"), reckoningDate: reckoning, discharge: discharge, month: month,
                                ward: try required(ward, "admission.ward"), leave: leave, additions: additions, meals: meals, medicalClass: medicalClass)
        a.receiptFrom = receiptFrom
        a.receiptTo = receiptTo
        return a
    }
}
