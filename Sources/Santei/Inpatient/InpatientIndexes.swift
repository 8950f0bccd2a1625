// Look-ups the 入院 pricer needs over one chain, built once per chain (`MasterSet.chainCache`).

/// 04入院基本料テーブル by グループ番号: the 入院基本料等加算 a group allows and their 加算識別, with dates
/// (tensuhyo_01 §5(4)). The audit's `AdmissionIndex` answers the other way (code → groups).
final class AdmissionGroupIndex: @unchecked Sendable {
    struct Row { var code: UInt64; var addOnClass: Int; var dates: RowDates }
    private var byGroup: [Int: [Row]] = [:]

    init(_ t: MasterTable) {
        for i in 0..<t.codeCount {
            for v in t.versions(ofCode: i) {
                guard let group = t.integer(v, 1), let code = t.integer(v, 2) else { continue }
                byGroup[group, default: []].append(Row(code: UInt64(code), addOnClass: t.integer(v, 4) ?? 0,
                                                       dates: RowDates(from: t.validFrom(v).yyyymmdd, to: t.validTo(v).yyyymmdd)))
            }
        }
        for g in byGroup.keys { byGroup[g]!.sort { $0.code < $1.code } }
    }

    /// The 加算 of a group valid on a date, in code order.
    func rows(group: Int, on d: UInt32) -> [Row] { (byGroup[group] ?? []).filter { $0.dates.contains(d) } }
    /// Every row of a group, whatever its dates.
    func rows(group: Int, on d: UInt32, all: Bool) -> [Row] { all ? (byGroup[group] ?? []) : rows(group: group, on: d) }

    /// The 加算識別 of a code within a group on a date, or nil when the group does not list it.
    func addOnClass(_ code: UInt64, group: Int, on d: UInt32) -> Int? {
        byGroup[group]?.first { $0.code == code && $0.dates.contains(d) }?.addOnClass
    }
}

/// The 外泊 rows of a 医科診療行為 chain: 実日数 4 (別紙7-4: 外泊), 点数識別 6 (％減算), by version.
final class LeaveRowIndex: @unchecked Sendable {
    let versions: [Int]
    init(_ t: MasterTable) {
        var out: [Int] = []
        for v in 0..<t.versionCount where t.integer(v, ProcedureColumn.actualDays) == ActualDaysClass.overnightLeave.rawValue
            && t.integer(v, ProcedureColumn.pointKind) == 6 {
            out.append(v)
        }
        versions = out
    }
}
