// The 入院 part of a claim (docs/claim-format.md "入院"): what no master holds and the claim must state —
// the stay's dates, the ward's notified 入院基本料, 外泊 days, 加算 whose condition is the patient's, meals.

extension Claim {
    /// One stay in one month at one 保険医療機関 (a stay across a month end is two receipts, each with the
    /// same `date`). The month's days in hospital run from `date` (or the 1st) to `discharge` (or the last
    /// day): 入院日 and 退院日 both count (第2部 入院料等: 入院基本料 1日につき).
    public struct Admission: Codable, Sendable, Equatable {
        /// 入院年月日, YYYY-MM-DD.
        public var date: String
        /// 起算日 when it differs from `date`: a 再入院 for the same illness within three months continues
        /// the first stay's count (告示 第2部 通則5; 通知 第2部 通則7(2)). The 入院期間 加算 and "N日を限度"
        /// count from it, and 入院初日 加算 are then not billed (通知 第2部 通則8).
        public var reckoningDate: String? = nil
        /// 退院年月日 (absent: still in hospital at the month's end).
        public var discharge: String? = nil
        /// The receipt's month, YYYY-MM; absent: the encounters' month, else the 退院日's, else the 入院日's.
        public var month: String? = nil
        public var ward: Ward
        /// 外泊 days (the days the patient was away overnight; 入院料 at the 通知's reduced rate).
        public var leave: [Leave]? = nil
        /// 入院基本料等加算 whose condition is the patient's (乳幼児加算, 難病等特別入院診療加算 …), stated by the
        /// clerk: the code, and the days when they are not those its 算定単位 gives.
        public var additions: [Addition]? = nil
        /// Meals served, per day (入院時食事療養).
        public var meals: [MealDay]? = nil
        /// The patient's 医療区分 (1, 2 or 3; 基本診療料の施設基準等 別表第五の二・第五の三, the higher of 疾患・状態 and
        /// 処置等) when the ward's 入院料 row does not name it (A109, 特別入院基本料) or differs from it: a 生活療養
        /// patient of 医療区分２・３ bears the lower 生活療養標準負担額 of 低所得 (copay/meals.json living_high_need).
        public var medicalClass: Int? = nil
        /// The first and last day of the month on this receipt when the month of the stay is on two receipts of
        /// two insurers (75歳到達: 後期高齢者医療 from the 75th birthday itself, 高齢者の医療の確保に関する法律第52条; a
        /// change of insurer): absent, the month's days in hospital. The stay goes on across them (no 退院, no new
        /// 入院初日); each receipt bills its own days.
        public var receiptFrom: String? = nil
        public var receiptTo: String? = nil

        public init(date: String, reckoningDate: String? = nil, discharge: String? = nil, month: String? = nil, ward: Ward,
                    leave: [Leave]? = nil, additions: [Addition]? = nil, meals: [MealDay]? = nil, medicalClass: Int? = nil) {
            self.date = date; self.reckoningDate = reckoningDate; self.discharge = discharge; self.month = month
            self.ward = ward; self.leave = leave; self.additions = additions; self.meals = meals; self.medicalClass = medicalClass
        }

        /// The ward (病棟): the 入院基本料 it notified, as the 9-digit code of the 医科診療行為マスター row
        /// (e.g. 190117710 急性期一般入院料１), and its 病棟区分 (UKE RE, 2 digits, carried).
        public struct Ward: Codable, Sendable, Equatable {
            public var basicFee: String
            public var kind: String? = nil
            public init(basicFee: String, kind: String? = nil) { self.basicFee = basicFee; self.kind = kind }
            enum CodingKeys: String, CodingKey { case basicFee = "basic_fee", kind }
        }

        /// One 外泊 day; `psychiatric`: 精神及び行動の障害の患者 on a 治療のための外泊 (通知 第2部 通則6(1)).
        public struct Leave: Codable, Sendable, Equatable {
            public var date: String
            public var psychiatric: Bool? = nil
            public init(date: String, psychiatric: Bool? = nil) { self.date = date; self.psychiatric = psychiatric }
        }

        /// A 加算 the clerk states (9-digit code) and, optionally, its days.
        public struct Addition: Codable, Sendable, Equatable {
            public var code: String
            public var days: [String]? = nil
            public init(code: String, days: [String]? = nil) { self.code = code; self.days = days }
        }

        /// The meals of one day: which were served ("breakfast", "lunch", "dinner"), which of them were 特別食,
        /// whether only 流動食 was given (経管栄養), whether the patient used the 食堂.
        public struct MealDay: Codable, Sendable, Equatable {
            public var date: String
            public var served: [String]
            public var special: [String]? = nil
            public var liquidOnly: Bool? = nil
            public var diningRoom: Bool? = nil
            public init(date: String, served: [String], special: [String]? = nil, liquidOnly: Bool? = nil, diningRoom: Bool? = nil) {
                self.date = date; self.served = served; self.special = special; self.liquidOnly = liquidOnly; self.diningRoom = diningRoom
            }
            enum CodingKeys: String, CodingKey { case date, served, special, liquidOnly = "liquid_only", diningRoom = "dining_room" }
        }

        enum CodingKeys: String, CodingKey {
            case date, reckoningDate = "reckoning_date", discharge, month, ward, leave, additions, meals, medicalClass = "medical_class"
            case receiptFrom = "receipt_from", receiptTo = "receipt_to"
        }

        /// The meal names of `MealDay.served` and `special`.
        public static let mealNames: [String] = ["breakfast", "lunch", "dinner"]
    }
}
