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
        public init(code: String, modifiers: [String]? = nil, start: String? = nil, main: Bool? = nil, name: String? = nil) {
            self.code = code; self.modifiers = modifiers; self.start = start; self.main = main; self.name = name
        }
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
        enum CodingKeys: String, CodingKey { case date, timeBand = "time_band", department, visit, orders }
    }

    public struct Order: Codable, Sendable, Equatable {
        /// 診療識別 (2 digits: 11 初診, 12 再診, 13 医学管理, 21 内服 … 60 検査, 70 画像, 80 その他).
        public var category: Int
        public var items: [Item]
        /// 回数 (default 1); for 内服 the days of the 剤.
        public var times: Int?
        public var comments: [Comment]?
    }

    public struct Item: Codable, Sendable, Equatable {
        /// 9-digit 診療行為, 医薬品 or 特定器材 code.
        public var code: String
        /// 数量 (診療行為: きざみ quantity) or 使用量 (医薬品/特定器材, up to 5 decimals), as a decimal string
        /// or number; absent = not stated.
        public var quantity: Quantity?
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
        static func checked(_ text: [UInt8], path: String) throws(ClaimError) -> Quantity {
            guard let v = ClaimJSON.decimal5(text) else {
                throw ClaimError(message: "\(path): quantity \"\(String(decoding: text, as: UTF8.self))\" is not a decimal number with at most 5 decimals")
            }
            guard v <= DomainLimit.maxQuantityScaled else {
                throw ClaimError(message: "\(path): quantity \"\(String(decoding: text, as: UTF8.self))\" is over the limit of \(FixedPoint(value: DomainLimit.maxQuantityScaled, decimals: 5)) (DomainLimit.maxQuantityScaled)")
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
