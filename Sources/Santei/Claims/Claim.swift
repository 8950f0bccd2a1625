/// A monthly receipt as Santei prices it: one patient, one month, one 医療機関, one insurance
/// combination — the month's encounters and, in each, its orders. An order is one 算定単位 as on a
/// receipt: 診療識別, items (診療行為 / 医薬品 / 特定器材 with quantity), 回数, and the days it was done.
/// Documented with a JSON Schema and examples in docs/claim-format.md.
public struct Claim: Codable, Sendable, Equatable {
    public var id: String
    public var patient: Patient
    public var facility: Facility?
    public var encounters: [Encounter]
    // Audit additions (issue 5; docs/claim-format.md): optional, absent in older claims.
    /// The receipt is an 入院 receipt (default: 入院外).
    public var inpatient: Bool? = nil
    /// 傷病名 of the receipt (SY records).
    public var diseases: [Disease]? = nil
    /// The stay, for an 入院 receipt priced under 出来高 (issue 11; docs/claim-format.md "入院"): with it the
    /// receipt is an 入院 receipt and the ward's daily 入院料, 入院基本料等加算 and 食事療養 are derived.
    public var admission: Admission? = nil
    /// 入院年月日 of an 入院 receipt read from a UKE RE record (記録条件仕様 医科 RE 項目8), for the audit's periods counted from
    /// the 入院の日 (SA-V004, 05算定回数テーブル 入院初日・入院中) where the receipt states no `admission`. Not part of the JSON format:
    /// a JSON claim states its stay as `admission`.
    public internal(set) var receiptAdmissionDate: ServiceDate? = nil
    /// A UKE 入院 receipt whose RE 入院年月日 is blank (SA-B004: the checks counted from it cannot run). Not part of the JSON format.
    public internal(set) var receiptAdmissionDateMissing = false
    /// The 合計点数 a UKE receipt states (記録条件仕様 医科: HO 項目6 and each KO's 項目6), for SA-P003 (the units' stated 点数 × 回数
    /// against each). Not part of the JSON format.
    public internal(set) var receiptStatedTotals: [StatedTotal] = []
    /// The UKE unit (its serial in the receipt) each order comes from, by encounter and order: a unit of several 算定日 is one
    /// order on each day (SA-P001 tells a wrong unit once, review 400 IN-6). Empty for a JSON claim. Not part of the JSON format.
    public internal(set) var receiptUnitOfOrder: [[Int]] = []
    public struct StatedTotal: Sendable, Equatable {
        /// "HO", or "KO1"…"KO4" (第1〜第4公費, in the receipt's order).
        public var record: String
        /// 1-based line of the record.
        public var line: Int
        /// Nil when the field is blank (a fault of its own when the units state 点数: review 385 HY-5).
        public var points: Int?
        /// The sum of the receipt's stated unit 点数 × 回数 that count in this record's 合計点数: 診療識別 97 (yen) left out, and only
        /// the units whose 負担区分 names this payer (blank: the receipt's one payer). Nil when it overflows.
        public var units: Int?
        /// 項目5 診療実日数 as stated; nil when blank (SA-P004).
        public var statedDays: Int? = nil
        /// The days (bit d − 1 for day d) on which a SI/IY/TO record charged to this payer counts in its 算定日情報; 0 when some record of
        /// the receipt has no 算定日情報 (the days are then unknown).
        public var dayMask: UInt32 = 0
    }
    /// A SI record's code, its days (bit d − 1 for day d) and its payers (bit 0 医保, bits 1–4 第1〜第4公費), for SA-P004.
    public struct DayRow: Sendable, Equatable { public var code: UInt64; public var days: UInt32; public var payers: UInt8 }
    /// The receipt's SI records with their days and payers (SA-P004). Not part of the JSON format.
    public internal(set) var receiptDayRows: [DayRow] = []
    enum CodingKeys: String, CodingKey { case id, patient, facility, encounters, inpatient, diseases, admission, insurance }

    /// Whether the receipt is an 入院 receipt: `inpatient`; absent, an `admission` makes it one, else `insurance.inpatient`
    /// decides, else 入院外 (docs/claim-format.md `inpatient`). Every door and rule asks this one (review 277 DT-2: the pricing
    /// read `inpatient` alone and priced as 入院外 a claim the copay settled as 入院).
    public var isInpatient: Bool { inpatient ?? (admission != nil ? true : insurance?.inpatient ?? false) }

    /// A 傷病名 (傷病名マスター code, 7 digits; 0000999 = 未コード化傷病名 with its `name`) and its 修飾語
    /// (修飾語マスター codes, 4 digits).
    public struct Disease: Codable, Sendable, Equatable {
        public var code: String
        public var modifiers: [String]? = nil
        /// 診療開始日, YYYY-MM-DD.
        public var start: String? = nil
        /// 主病 (主傷病).
        public var main: Bool? = nil
        /// The name of a 未コード化傷病名.
        public var name: String? = nil
        /// 転帰区分 as the SY record states it (記録条件仕様): "1" 治ゆ・死亡・中止以外 (continuing), "2" 治ゆ,
        /// "3" 死亡, "4" 中止（転医）; absent = not stated (continuing).
        public var outcome: String? = nil
        public init(code: String, modifiers: [String]? = nil, start: String? = nil, main: Bool? = nil, name: String? = nil, outcome: String? = nil) {
            self.code = code; self.modifiers = modifiers; self.start = start; self.main = main; self.name = name; self.outcome = outcome
        }
        /// The 修飾語 "の疑い" (修飾語マスター 8002): a suspected, not a confirmed, 傷病名.
        public var isSuspected: Bool { modifiers?.contains("8002") ?? false }
        /// 転帰区分 2, 3 or 4: the 傷病名 has ended.
        public var hasEnded: Bool { outcome.map { $0 == "2" || $0 == "3" || $0 == "4" } ?? false }
    }

    /// The patient's insurance situation for the month (optional): with it, pricing also gives each
    /// encounter's window payment and the receipt's 負担金額 (docs/claim-format.md, Sources/Santei/Copay).
    public var insurance: Insurance? = nil

    public struct Insurance: Codable, Sendable, Equatable {
        /// 所得区分: ア〜オ, 現役並みⅢ/Ⅱ/Ⅰ, 一般, 一般Ⅰ, 一般Ⅱ, 低所得Ⅱ, 低所得Ⅰ.
        public var incomeClass: String
        /// 負担割合 when the certificate states it; else derived from birth date and service date.
        public var ratePercent: Int?
        public var inpatient: Bool?
        public var manyTimes: Bool?
        public var longTermDiseaseCapYen: Int?
        /// 食事 標準負担額 区分 (Masters/params/copay/meals.json: 一般, 難病小慢, 低所得Ⅱ, 低所得Ⅱ長期, 低所得Ⅰ),
        /// needed when the claim's stay has meals.
        public var mealClass: String? = nil
        /// 公費 in receipt order: 法別番号, 自己負担上限月額, already borne elsewhere this month.
        public var publicPrograms: [Program]?
        public struct Program: Codable, Sendable, Equatable {
            public var lawNumber: String
            public var monthlyCapYen: Int?
            public var alreadyPaidYen: Int?
            enum CodingKeys: String, CodingKey { case lawNumber = "law_number", monthlyCapYen = "monthly_cap_yen", alreadyPaidYen = "already_paid_yen" }
        }
        enum CodingKeys: String, CodingKey {
            case incomeClass = "income_class", ratePercent = "rate_percent", inpatient, manyTimes = "many_times"
            case longTermDiseaseCapYen = "long_term_disease_cap_yen", publicPrograms = "public_programs", mealClass = "meal_class"
        }
    }

    public struct Patient: Codable, Sendable, Equatable {
        /// YYYY-MM-DD.
        public var birthDate: String
        /// "1" 男 / "2" 女 (UKE 男女区分), optional.
        public var sex: String?
        /// The patient's key across claims (matches `--history` claims to this one), optional.
        public var id: String? = nil
        /// Under 後期高齢者医療 (レセプト種別 2桁目 3); absent = decided by legal age 75 on the service date.
        public var lateElderly: Bool? = nil
        enum CodingKeys: String, CodingKey { case birthDate = "birth_date", sex, id, lateElderly = "late_elderly" }
    }

    public struct Facility: Codable, Sendable, Equatable {
        /// "clinic" (診療所) or "hospital" (病院).
        public var kind: String?
        public var beds: Int?
        /// 施設基準 held: code (別紙7-8) and since when.
        public var standards: [Standard]?
        /// 都道府県番号 of the 医療機関, "01"…"47" (as the UKE IR record states it); used by `santei aggregate`.
        public var prefecture: String? = nil
        /// 薬剤師が常時勤務する (F500 調剤技術基本料 注1; issue 12), when the clerk states it.
        public var pharmacist: Bool? = nil
        /// Facts of the facility that rules read where no notified 施設基準 stands for them (declared with their
        /// meaning in `Masters/params/facility-add-ons.json` "facts"): "detailed_statements" (A001 注11 明細書発行体制等
        /// 加算), "emergency_care" (B001-2-6 第二次救急医療機関・精神科救急医療施設), "pathologist" (N006 病理診断料:
        /// 病理診断を専ら担当する医師). Another name is refused.
        public var facts: [String]? = nil
        public struct Standard: Codable, Sendable, Equatable { public var code: Int; public var from: String }
    }

    public struct Encounter: Codable, Sendable, Equatable {
        /// YYYY-MM-DD: the service date, which selects the masters.
        public var date: String
        /// 時間内 / 時間外 / 休日 / 深夜 / 夜間・早朝等: "daytime", "overtime", "holiday", "night", "early_late".
        public var timeBand: String?
        public var department: String?
        /// "first" 初診 / "revisit" 再診, when the clerk states it.
        public var visit: String?
        public var orders: [Order]
        /// "in_house" 院内 or "outside" 院外 (処方箋を交付): how this encounter's 内服/屯服/外用 剤 are dispensed,
        /// unless an order states its own (issue 12: 投薬 derivation, `PrescriptionDeriver`).
        public var dispensing: String? = nil
        /// How the patient arrived: "ambulance" (救急用の自動車・救急医療用ヘリコプター, B001-2-6) or "walk_in".
        public var arrival: String? = nil
        /// The patient is one of the 別に厚生労働大臣が定める患者 of 第7部 通則4 (特掲診療料の施設基準等 別表第九の三:
        /// 発症後60日以内の脳血管疾患等, 回復期リハビリテーション病棟 …) on the day: 疾患別リハ up to 9 単位, not 6.
        public var rehabilitationNineUnits: Bool? = nil
        /// Facts of the patient on the day that lift a count limit (`Masters/params/audit/count-limits.json` "facts":
        /// "within_4_weeks_of_discharge" 退院後４週間以内 — I002 注1 週２回; "designated_disease" 別に厚生労働大臣が定める
        /// 疾病等の患者 — C001 注1 週３回の制限なし; "pregnant" 妊娠中の患者 — J038 注8 月14回の制限なし; "within_4_weeks_of_first_visit" 初診日から４週間以内 —
        /// I004 注4 週２回, when the 初診 is on an earlier receipt; "severe_psychiatric" 重度の精神障害者 — I001 注2 ただし 週２回).
        public var facts: [String]? = nil
        enum CodingKeys: String, CodingKey {
            case date, timeBand = "time_band", department, visit, orders, dispensing, arrival, rehabilitationNineUnits = "rehabilitation_nine_units", facts
        }
    }

    public struct Order: Codable, Sendable, Equatable {
        /// 診療識別 (2 digits: 11 初診, 12 再診, 13 医学管理, 21 内服 … 60 検査, 70 画像, 80 その他).
        public var category: Int
        public var items: [Item]
        /// 回数 (default 1); for 内服 the days of the 剤.
        public var times: Int?
        public var comments: [Comment]?
        /// 点数 per 回 as the sender stated it (a UKE unit's 点数): the audit compares it with what Santei
        /// computes (SA-P001). Absent = not stated.
        public var statedPoints: Int? = nil
        enum CodingKeys: String, CodingKey {
            case category, items, times, comments, statedPoints = "stated_points", dispensing, temporary, antineoplasticConsent = "antineoplastic_consent"
        }
        /// "in_house" or "outside" for this 剤, over the encounter's `dispensing` (issue 12).
        public var dispensing: String? = nil
        /// 臨時の投薬 (F100 2, F200 注3: not counted when its 投薬期間 is 2週間以内; 通知 F100 (3) (ハ)).
        public var temporary: Bool? = nil
        /// 抗悪性腫瘍剤の処方について、悪性腫瘍の患者に投薬の必要性・副作用・用法・用量等を文書で説明し同意を得た
        /// (F100 注6 / F400 注5 抗悪性腫瘍剤処方管理加算; 通知 F100 (10) ア). Absent = not stated.
        public var antineoplasticConsent: Bool? = nil
    }

    public struct Item: Codable, Sendable, Equatable {
        /// 9-digit 診療行為, 医薬品 or 特定器材 code.
        public var code: String
        /// 数量 (診療行為: きざみ quantity) or 使用量 (医薬品/特定器材, up to 5 decimals), as a decimal string
        /// or number; absent = not stated.
        public var quantity: Quantity?
        /// The drug was written by its 一般名 (一般名処方; F400 注6).
        public var genericName: Bool? = nil
        /// The drug's class for 向精神薬多剤投与 (F100 1, F400 1; 通知 F100 (3) and 別紙36): "anxiolytic" 抗不安薬,
        /// "hypnotic" 睡眠薬, "antidepressant" 抗うつ薬, "antipsychotic" 抗精神病薬.
        public var psychotropic: String? = nil
        enum CodingKeys: String, CodingKey { case code, quantity, genericName = "generic_name", psychotropic }
    }

    public struct Comment: Codable, Sendable, Equatable {
        public var code: String?
        public var text: String?
    }

    /// A quantity written as JSON number or string, kept exact in 1/100000.
    public struct Quantity: Codable, Sendable, Equatable {
        public var scaled: Int
        public init(scaled: Int) { self.scaled = scaled }
        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            let text: String
            if let s = try? c.decode(String.self) { text = s } else { text = "\(try c.decode(Decimal.self))" }
            do throws(ClaimError) { scaled = try Self.checked(Array(text.utf8), path: "quantity").scaled } catch {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: error.message)
            }
        }

        /// A quantity from its text (digits, at most one point, at most 5 decimals), at most
        /// `DomainLimit.maxQuantityScaled` (8 integer digits and 5 decimals, as the receipt fields).
        static func checked(_ text: [UInt8], path: @autoclosure () -> String) throws(ClaimError) -> Quantity {
            // "-0" (or "-0.00") is 0, read as "0" is (review 397 IK-7: it was told it is negative).
            if text.first == UInt8(ascii: "-"), text.count > 1, text.dropFirst().allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }),
               text.dropFirst().first == UInt8(ascii: "0") {
                return try checked(Array(text.dropFirst()), path: path())
            }
            guard text.first != UInt8(ascii: "-") else {
                throw ClaimError(message: "\(path()): quantity \"\(String(decoding: text.prefix(40), as: UTF8.self))\" is negative: a quantity is 0 or more")
            }
            guard let v = ClaimJSON.decimal5(text) else {
                throw ClaimError(message: "\(path()): quantity \"\(String(decoding: text, as: UTF8.self))\" is not a decimal number with at most 5 decimals")
            }
            guard v <= DomainLimit.maxQuantityScaled else {
                throw ClaimError(message: "\(path()): quantity \"\(String(decoding: text, as: UTF8.self))\" is over the limit of \(FixedPoint(value: DomainLimit.maxQuantityScaled, decimals: 5)) (DomainLimit.maxQuantityScaled)")
            }
            return Quantity(scaled: v)
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(String(describing: FixedPoint(value: scaled, decimals: 5)))
        }
    }
}

import Foundation

extension Claim.Encounter {
    /// Whether the encounter bills a 初診料・再診料・外来診療料: an order of 診療識別 11 or 12, or its `visit` (first / revisit).
    public var billsVisitFee: Bool {
        visit == "first" || visit == "revisit" || orders.contains { $0.category == 11 || $0.category == 12 }
    }
}
