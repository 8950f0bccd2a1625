/// Named 0-based column indexes of the 医科診療行為マスター (R06rec1 §3(7) pp.26-48; 項番 = index + 1).
public enum ProcedureColumn {
    public static let changeKind = 0
    public static let code = 2
    public static let abbreviatedName = 4            // 項番5 省略漢字名称
    public static let kanaName = 6                   // 項番7 省略カナ名称
    public static let dataStandardCode = 7           // 項番8 データ規格コード (単位)
    public static let unitName = 9                   // 項番10 漢字名称（単位）
    public static let pointKind = 10                 // 項番11 点数識別 (別紙7-1)
    public static let points = 11                    // 項番12 新又は現点数
    public static let inpatientApplicability = 12    // 項番13 入外適用区分
    public static let elderlyApplicability = 13      // 項番14 後期高齢者医療適用区分
    public static let pointColumnOutpatient = 14     // 項番15 点数欄集計先識別（入院外）
    public static let bundledTestGroup = 15          // 項番16 包括対象検査
    public static let facilityType = 18              // 項番19 病院・診療所区分
    public static let actualDays = 26                // 項番27 実日数
    public static let daysOrTimes = 27               // 項番28 日数・回数
    public static let kizamiKind = 29                // 項番30 きざみ値計算識別
    public static let kizamiLower = 30               // 項番31 下限値
    public static let kizamiUpper = 31               // 項番32 上限値
    public static let kizamiStep = 32                // 項番33 きざみ値
    public static let kizamiPoints = 33              // 項番34 きざみ点数
    public static let kizamiErrorHandling = 34       // 項番35 上下限エラー処理
    public static let maximumCount = 35              // 項番36 上限回数
    public static let maximumCountErrorHandling = 36 // 項番37 上限回数エラー処理
    public static let addOnCode = 37                 // 項番38 注加算コード
    public static let addOnSerial = 38               // 項番39 注加算通番
    public static let generalAgeRule = 39            // 項番40 通則年齢
    public static let minimumAge = 40                // 項番41 下限年齢
    public static let maximumAge = 41                // 項番42 上限年齢 (上限値＋１)
    public static let timeAddOnClass = 42            // 項番43 時間加算区分
    public static let conformityClass = 43           // 項番44 適合区分
    public static let reducedFacilityStandard = 44   // 項番45 対象施設基準
    public static let infantProcedureAddOn = 45      // 項番46 処置乳幼児加算区分
    public static let admissionFeeReduction = 47     // 項番48 入院基本料等減算対象識別 (`AdmissionFeeReductionClass`)
    public static let judgementClass = 49            // 項番50 検査等実施判断区分
    public static let judgementGroup = 50            // 項番51 検査等実施判断グループ区分
    public static let diminishingClass = 51          // 項番52 逓減対象区分
    public static let outpatientManagementClass = 55 // 項番56 外来管理加算区分
    public static let generalAddOnBaseClass = 61     // 項番62 通則加算所定点数対象区分 (1: not in the 所定点数 of a 通則加算)
    public static let oldPointKind = 56              // 項番57 点数識別（旧）
    public static let oldPoints = 57                 // 項番58 旧点数
    public static let bundledDiminishingGroup = 62   // 項番63 包括逓減区分
    public static let pointColumnInpatient = 65      // 項番66 点数欄集計先識別（入院）
    public static let noticeClass1 = 67              // 項番68 告示等識別区分（１）: 1 基本項目, 7 加算, 9 通則加算 …
    public static let noticeClass2 = 68              // 項番69 告示等識別区分（２）: 1 基本項目, 3 合成項目, 7 加算項目 (点数表の規定)
    public static let bedCountClass = 70             // 項番71 病床数区分 (`BedCountClass`)
    public static let facilityStandardFirst = 71     // 項番72–81 施設基準コード①–⑩
    public static let facilityStandardCount = 10
    public static let codeTableAlphabet = 84         // 項番85 コード表用番号（アルファベット部）
    public static let changed = 86                   // 項番87 変更年月日
    public static let abolished = 87                 // 項番88 廃止年月日
    public static let chapter = 89                   // 項番90 章
    public static let part = 90                      // 項番91 部
    public static let sectionNumber = 91             // 項番92 区分番号
    public static let branchNumber = 92              // 項番93 枝番
    public static let itemNumber = 93                // 項番94 項番 (2 digits in 2022 files, 3 in 2024)
    public static let ageAddOnFirst = 99             // 項番100–111 年齢加算①–④ (下限, 上限, 注加算コード)
    public static let basicName = 112                // 項番113 基本漢字名称
    public static let tableSectionNumber = 116       // 項番117 点数表区分番号
}

/// 医薬品マスター (R06rec1 §3(4)).
public enum DrugColumn {
    public static let code = 2
    public static let name = 4
    public static let unitCode = 7
    public static let unitName = 9
    public static let priceKind = 10   // 金額種別
    public static let price = 11       // 新又は現金額 (yen, 2 decimals)
    public static let narcotic = 13             // 項番14 麻薬・毒薬・覚醒剤原料・向精神薬: 1 麻薬, 2 毒薬, 3 覚醒剤原料, 5 向精神薬
    public static let biological = 15           // 項番16 生物学的製剤: 1 生物学的製剤加算の対象 (第6部 通則3)
    public static let generic = 16
    public static let injectionVolume = 20      // 項番21 注射容量 (mL; set for 注射薬 of 20mL以上: G004 点滴注射 1・2・3)
    public static let changed = 29
    public static let abolished = 30
    public static let priceStandardCode = 31        // 項番32 薬価基準収載医薬品コード: its first 3–4 digits are the 薬効分類
    public static let basicName = 34
    public static let genericCode = 36              // 項番37 一般名コード (一般名処方マスタ)
    public static let genericAddOnClass = 38        // 項番39 一般名処方加算対象区分: 0 マスタにない, 1 加算１, 2 加算１、２
    public static let longListedRelation = 40  // 長期収載品関連 (42-column layout)
    public static let selectedTherapyClass = 41 // 選定療養区分 (42-column layout)
}

/// 特定器材マスター (R06rec1 §3(5)).
public enum DeviceColumn {
    public static let code = 2
    public static let name = 4
    public static let unitName = 9
    public static let priceKind = 10
    public static let price = 11
    public static let changed = 27
    public static let abolished = 29
    public static let basicName = 36
}

/// コメントマスター (R06rec1 §3(6)).
public enum CommentColumn {
    public static let pattern = 3
    public static let text = 6
    public static let changed = 20
    public static let abolished = 21
    public static let code = 22
}

/// 傷病名マスター (R06rec1 §3(1)).
public enum DiseaseColumn {
    public static let code = 2
    public static let successorCode = 3
    public static let name = 5
    public static let abbreviatedName = 7
    public static let icd10First = 15
    public static let specificDiseaseClass = 20     // 項番21 特定疾患等対象区分: 05 特定疾患療養管理料, 08 同又はてんかん指導料 …
    public static let listed = 21
    public static let changed = 22
    public static let abolished = 23
}

/// 修飾語マスター (R06rec1 §3(2)).
public enum ModifierColumn {
    public static let code = 2
    public static let name = 6
    public static let changed = 14
    public static let abolished = 15
}

/// Columns the audit reads beyond the named ones above (R06rec1 §3(1), §3(4), §3(7); LAYOUTS.md).
public enum AuditColumn {
    /// s 項番25 傷病名関連区分: 3 皮膚科特定疾患指導管理料（Ⅰ）, 4 （Ⅱ）, 5 特定疾患療養管理料・特定疾患処方管理加算,
    /// 7 てんかん指導料, 9 難病外来指導管理料; 0 none.
    public static let procedureDiseaseRelation = 24
    /// s 項番69 告示等識別区分（２）: 1 基本, 3 合成, 7 加算 ….
    public static let procedureNoticeClass2 = 68
    /// b 項番21 特定疾患等対象区分 (03, 04, 05, 07, 08), 項番37 its 変更情報.
    public static let diseaseSpecificClass = 20
    public static let diseaseSpecificClassChanged = 36
    /// b 項番43 難病外来対象区分 (09), 項番33 its 変更情報.
    public static let diseaseIntractableClass = 42
    public static let diseaseIntractableClassChanged = 32
    /// y 項番14 麻薬・毒薬・覚醒剤原料・向精神薬 (1 麻薬, 2 毒薬, 3 覚醒剤原料, 5 向精神薬).
    public static let drugControlled = 13
    /// y 項番17 後発品, 項番32 薬価基準収載医薬品コード, 項番35 基本漢字名称, 項番36 薬価基準収載年月日,
    /// 項番38 一般名処方の標準的な記載.
    public static let drugGeneric = 16
    public static let drugPriceListCode = 31
    public static let drugBasicName = 34
    public static let drugListedOn = 35
    public static let drugGenericPrescriptionName = 37
}
