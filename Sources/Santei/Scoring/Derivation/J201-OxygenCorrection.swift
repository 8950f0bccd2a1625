import Foundation

/// 酸素の補正率 (J201 酸素加算 and every 酸素 of 第2章: L008 注3, J024 …): 通知 J201 (4) 「酸素の価格…＝ 酸素の単価 × 当該患者
/// に使用した酸素の容積 × 補正率」, (6) 「補正率 1.3 は、購入時と使用時の気体の状態の違いに由来する容積差等を勘案の上設定したもの」
/// (../shared/legal/R06/ika-tsuuchi.txt 22798-22802, 22829-22831).
///
/// The 特定器材マスター carries the 補正率 as a row of its own: 酸素等区分 (項番21) 1 with 金額種別 5 ％加算 — 770020070
/// 酸素補正率１．３（１気圧）, 30.00 (R06rec1 項番21; R06rec2 別紙5-1 ⑶) — which a receipt records after the oxygen rows
/// (酸素等区分 2 CE, 3 LGC, 4 大型ボンベ, 5 小型ボンベ; 9 窒素 takes none). An order with oxygen and no 補正率 row gets it;
/// `UnitPricer` scales the unit's 酸素 rows by it, and no other (review 197 AR-1: 0.42円 × 600 L gave 25点 for 33; review
/// 198 AS-2: 窒素 was scaled too).
enum OxygenCorrection {
    static let oxygenClassColumn = 20   // 項番21 酸素等区分

    /// The 補正率 row to add to an order of `items`, or nil (no oxygen, or a 補正率 row already stated).
    static func row(for items: [UnitItem], devices t: MasterTable, date: ServiceDate) -> UInt64? {
        var oxygen = false
        for item in items where item.kind == .device {
            guard let i = t.codeIndex(of: item.code), let v = t.version(ofCode: i, on: date) else { continue }
            switch t.integer(v, oxygenClassColumn) ?? 0 {
            case 1 where t.integer(v, DeviceColumn.priceKind) == DevicePriceKind.percentAddition.rawValue: return nil   // stated
            case 2...5: oxygen = true
            default: break   // 窒素 (9), 高気圧酸素加算 (1, 金額種別 9)
            }
        }
        guard oxygen else { return nil }
        // The 補正率 row of the date (one in the master: 酸素等区分 1, 金額種別 5); orders with oxygen are few, so the
        // table is read when one comes.
        for i in 0..<t.codeCount {
            guard let v = t.version(ofCode: i, on: date), t.integer(v, oxygenClassColumn) == 1,
                  t.integer(v, DeviceColumn.priceKind) == DevicePriceKind.percentAddition.rawValue else { continue }
            return t.code(at: i)
        }
        return nil
    }
}
