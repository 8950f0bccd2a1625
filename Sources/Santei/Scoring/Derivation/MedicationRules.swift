import Foundation

/// The law of 第2章第5部 投薬 that no master encodes (`Masters/params/medication.json`): which master row
/// bills each clause of F000/F100/F400/F500, and the thresholds that choose between them (種類数 7,
/// 向精神薬 3/4 種類, 乳幼児 3歳, 特定疾患処方管理加算 28日・月1回, 抗悪性腫瘍剤処方管理加算 200床以上・腫瘍用薬 …), one version per 診療報酬改定 with its
/// effective date and source. The points are read from the masters on the service date, never from here.
public struct MedicationRules: Sendable, DatedParameterFile {
    public struct Row: Sendable, Decodable {
        /// 医科診療行為コード of the row that bills the clause.
        public var code: String
        /// 区分番号 the row must carry (コード表用番号 alphabet + 区分番号, e.g. "F100"); checked on use.
        public var section: String
        /// The 告示/通知 passage (paraphrased).
        public var passage: String
        /// 区分番号 of the order's procedure rows beside which the clause is not derived (通知 G012 (2): 結膜下注射又は眼球注射の
        /// 麻薬 takes no 通則5 加算).
        public var exceptSections: [String]? = nil
        enum CodingKeys: String, CodingKey { case code, section, passage, exceptSections = "except_sections" }
    }

    /// One tier of 特定疾患処方管理加算: the F100 and F400 rows, the 処方期間 it needs and its monthly limit.
    public struct SpecificDiseaseTier: Sendable, Decodable {
        public var F100: String
        public var F400: String
        public var minDays: Int
        public var perMonth: Int
        public var passage: String
        enum CodingKeys: String, CodingKey { case F100, F400, minDays = "min_days", perMonth = "per_month", passage }
    }

    /// A class: `version(on:)` hands out a reference, not a copy of every list (asked per encounter).
    public final class Version: Sendable, Decodable {
        public let from: String
        public let revision: String
        public let source: String
        public let codes: [String: Row]
        public let specificDisease: [SpecificDiseaseTier]
        /// 傷病名マスター 特定疾患等対象区分 values of the diseases that make 特定疾患処方管理加算 possible
        /// (05 特定疾患療養管理料算定対象, 08 特定疾患療養管理料又はてんかん指導料算定対象: 別表第一).
        public let specificDiseaseClasses: [String]
        /// 許可病床数 up to which a hospital may bill 特定疾患処方管理加算 (200床未満).
        public let specificDiseaseMaxBeds: Int
        /// 許可病床数 from which a hospital may bill 抗悪性腫瘍剤処方管理加算 (F100 注6, F400 注5: 200床以上の病院に限る;
        /// the rows' 病床数区分 is 4 許可病床（２００床以上）).
        public let antineoplasticMinBeds: Int
        /// 薬効分類 of the 抗悪性腫瘍剤 (通知 F100 (10) ウ: 薬効分類上の腫瘍用薬, 42): a drug is one when its 医薬品マスター
        /// 項番32 薬価基準収載医薬品コード starts with one of these.
        public let antineoplasticDrugClasses: [String]
        /// 内服薬の種類 from which F100 2 / F400 2 and the F200 注3 逓減 apply (7).
        public let manyOralKinds: Int
        /// F200 注3: 所定点数の100分の90.
        public let manyOralPercent: Int
        /// A001 注12 地域包括診療加算 rows: a 再診 that bills one is not graded by 7種類以上 (F100 2, F200 注3:
        /// 「地域包括診療加算を算定するものを除く」).
        public let regionalCareCodes: [String]
        /// F200 注2: 向精神薬多剤投与 → the 薬剤料 of 抗不安薬・睡眠薬・抗うつ薬・抗精神病薬 at 100分の80.
        public let psychotropicPercent: Int
        /// 通知 F200 (6) ア (ニ): a 剤 whose 所定単位当たりの薬価 is at most this many yen counts as 1 種類.
        public let lowPriceYen: Int
        /// 臨時の投薬 of at most this many days is not counted (F100 2, F200 注3; 通知 F200 (6) エ).
        public let temporaryMaxDays: Int
        /// 向精神薬多剤投与 (F100 1 / F400 1): this many of one class, …
        public let psychotropicSameClass: Int
        /// … or this many 抗不安薬 and 睡眠薬 together.
        public let psychotropicAnxiolyticAndHypnotic: Int
        /// 乳幼児加算 (F100 注4, F400 注3): under this age.
        public let infantBelowAge: Int
        /// 一般名処方加算１: at least this many 品目 (通知 F400 (12): ２品目以上).
        public let generic1MinItems: Int
        /// 第5部 通則5: 入院中の患者以外 の１処方につき this many 貼付剤 at most (63枚), unless the reason is stated.
        public let patchMaxSheets: Int?
        /// 通知 第5部 10: the 貼付剤 counted — 鎮痛・消炎に係る効能・効果を有する (薬効分類, the 項番32 prefix), in the unit
        /// `patchUnit`, not a 麻薬・向精神薬 (y 項番14).
        public let patchDrugClasses: [String]?
        public let patchUnit: String?
        /// コメントコード stating the reason for more (「６３枚を超えて…投与した理由」).
        public let patchReasonComments: [String]?
        /// 第5部 通則4 and 通知 第5部 9: うがい薬 = 薬効分類上の含嗽剤 (the 項番32 prefix).
        public let gargleDrugClasses: [String]?
        /// The 区分 not billed on a day whose 処方 is a 向精神薬多剤投与 (I002-2 注2: 精神科継続外来支援・指導料).
        public let psychotropicNotBilled: PsychotropicNotBilled?

        public struct PsychotropicNotBilled: Sendable, Decodable {
            /// コード表用番号 (alphabet + 区分番号 [-枝番]) of the rows not billed, e.g. "I002-2" (its 注加算 with it).
            public var sections: [String]
            public var passage: String
        }

        enum CodingKeys: String, CodingKey {
            case from, revision, source, codes
            case specificDisease = "specific_disease", specificDiseaseClasses = "specific_disease_classes"
            case specificDiseaseMaxBeds = "specific_disease_max_beds", manyOralKinds = "many_oral_kinds"
            case antineoplasticMinBeds = "antineoplastic_min_beds", antineoplasticDrugClasses = "antineoplastic_drug_classes"
            case manyOralPercent = "many_oral_percent", regionalCareCodes = "regional_care_codes", psychotropicPercent = "psychotropic_percent", lowPriceYen = "low_price_yen", temporaryMaxDays = "temporary_max_days"
            case psychotropicSameClass = "psychotropic_same_class", psychotropicAnxiolyticAndHypnotic = "psychotropic_anxiolytic_and_hypnotic"
            case patchMaxSheets = "patch_max_sheets", patchDrugClasses = "patch_drug_classes", patchUnit = "patch_unit"
            case patchReasonComments = "patch_reason_comments", gargleDrugClasses = "gargle_drug_classes"
            case psychotropicNotBilled = "psychotropic_not_billed"
            case infantBelowAge = "infant_below_age", generic1MinItems = "generic1_min_items"
        }

        /// The row of a clause, as a code.
        func code(_ role: String) -> UInt64? { codes[role].flatMap { UInt64($0.code) } }
    }

    public var versions: [Version]
    /// `from` of each version as a day number (same order as `versions`).
    let starts: [Int]

    enum CodingKeys: String, CodingKey { case versions }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        versions = try c.decode([Version].self, forKey: .versions)
        starts = try c.versionStarts(versions.map(\.from), forKey: .versions)
    }

    /// The version in force on `date`: the newest whose `from` is on or before it; nil before the first.
    public func version(on date: ServiceDate) -> Version? { versionIndex(on: date).map { versions[$0] } }

    public static func load(path: String) throws -> MedicationRules { try loadFile(path: path) }

    /// The rules built into the library (`Masters/params/medication.json` as embedded), decoded once.
    public static let embedded: MedicationRules? = embeddedFile("params/medication.json")
}
