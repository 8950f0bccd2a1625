import XCTest
@testable import Santei

/// Small claims for audit tests: one patient, encounters of (date, orders), an order being
/// (診療識別, codes) with optional 回数 and comments.
enum AuditFixture {
    struct O {
        var category: Int
        var codes: [String]
        var times: Int? = nil
        var comments: [Claim.Comment]? = nil
    }

    static func claim(id: String = "c1", birth: String = "1960-04-10", sex: String? = "1", patientID: String? = "p1",
                      facility: String? = "clinic", standards: [Claim.Facility.Standard]? = nil, inpatient: Bool? = nil,
                      lateElderly: Bool? = nil, diseases: [Claim.Disease]? = [Claim.Disease(code: "8833421", main: true)],
                      _ encounters: [(String, [O])]) -> Claim {
        Claim(id: id, patient: Claim.Patient(birthDate: birth, sex: sex, id: patientID, lateElderly: lateElderly),
              facility: Claim.Facility(kind: facility, beds: nil, standards: standards),
              encounters: encounters.map { date, orders in
                  Claim.Encounter(date: date, timeBand: nil, department: nil, visit: nil,
                                  orders: orders.map { Claim.Order(category: $0.category, items: $0.codes.map { Claim.Item(code: $0, quantity: nil) }, times: $0.times, comments: $0.comments) })
              },
              inpatient: inpatient, diseases: diseases)
    }

    static func ids(_ r: AuditResult) -> [String] { r.findings.map(\.check.rawValue) }

    static func findings(_ r: AuditResult, _ id: AuditCheckID) -> [AuditFinding] { r.findings.filter { $0.check == id } }

    /// The codes left in a corrected claim, encounter by encounter.
    static func codes(_ c: Claim) -> [[String]] { c.encounters.map { $0.orders.flatMap { $0.items.map(\.code) } } }
}
