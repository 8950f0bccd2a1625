// 施設基準コード — 医科診療行為マスター 項番72-81「施設基準①〜⑩」and 項番45「対象施設基準」.
//
// The list itself (R06rec2.pdf 別紙7-8「施設基準コード関連情報」 §1 codes and names, §2 名寄せ) is dated data:
// `Masters/params/codelists/facility-standards.json`, read by ``FacilityStandardList`` with the masters
// (issue 12 item 5). This type keeps the named constants code branches on; names and 名寄せ come from the
// list — a loaded set's own (`MasterSet.facilityStandards`), or here the built-in one.

/// 施設基準コード: a 施設基準 (facility standard notified to the 地方厚生（支）局) a procedure requires.
public struct FacilityStandard: MasterCodeList {
    public var rawValue: Int
    @inlinable public init(rawValue: Int) { self.rawValue = rawValue }

    /// 0: no 施設基準 (「０：ゼロ」 in every column of a group means the group is not a condition).
    public static let none = FacilityStandard(rawValue: 0)
    /// 3: 特定機能病院
    public static let specialFunctionHospital = FacilityStandard(rawValue: 3)
    /// 146: 地域医療支援病院
    public static let regionalMedicalCareSupportHospital = FacilityStandard(rawValue: 146)
    /// 236: 画像診断管理加算１
    public static let imagingManagement1 = FacilityStandard(rawValue: 236)
    /// 237: 画像診断管理加算２
    public static let imagingManagement2 = FacilityStandard(rawValue: 237)

    /// Which 点数表 a code belongs to, as the headings of 別紙7-8 §1 divide the list.
    public enum Table: String, Hashable, Sendable {
        /// The codes before the first heading (医科点数表 and 入院時食事療養 etc., with the 名寄せコード 8001-8026).
        case medical
        /// 【医療観察診療報酬点数表によるもの】
        case medicalObservation = "medical_observation"
        /// 【歯科点数表によるもの】
        case dental
    }

    /// The table the code is listed under in §1 of the built-in list, or nil when §1 does not list it.
    public var table: Table? { FacilityStandardList.builtIn.entry(rawValue)?.table.flatMap(Table.init(rawValue:)) }

    /// Whether the code is a 名寄せ先 (§2) in the built-in list.
    public var isAggregate: Bool { FacilityStandardList.builtIn.aggregationSources(of: rawValue) != nil }

    /// The 名寄せ元 of a 名寄せ先, or `[self]` for any other code (built-in list).
    public var satisfyingCodes: [FacilityStandard] {
        guard let sources = FacilityStandardList.builtIn.aggregationSources(of: rawValue) else { return [self] }
        return sources.map(FacilityStandard.init(rawValue:))
    }

    /// ``FacilityStandardList/requirementIsMet(columns:on:holds:)`` on the built-in list; with a loaded
    /// set use its own list (`set.facilityStandards`).
    public static func requirementIsMet(columns: [FacilityStandard], holds: (FacilityStandard) -> Bool) -> Bool {
        FacilityStandardList.builtIn.requirementIsMet(columns: columns, holds: holds)
    }

    /// Every code of the built-in list (§1 and the 名寄せ元 only §2 names) with its newest name.
    public static let meanings: [Int: String] = {
        var m: [Int: String] = [:]
        for e in FacilityStandardList.builtIn.codes { m[e.code] = e.name }
        return m
    }()
}
