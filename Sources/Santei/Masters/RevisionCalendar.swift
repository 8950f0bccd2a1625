import Foundation

/// The effective dates of 診療報酬改定 and 薬価改定: the law no master file states, kept as a dated
/// parameter file (`Masters/params/revision-calendar.json`, each date with its source).
///
/// A chain answers for the dates from the revision its full file restates up to the day before
/// the next revision after its newest row. So masters of the 令和6年度改定 answer until 2026-05-31
/// and a claim of 2026-06 is refused until 令和8年度 masters are loaded, never priced on old points.
public struct RevisionCalendar: Codable, Sendable, Equatable {
    public struct Revision: Codable, Sendable, Equatable {
        /// YYYY-MM-DD.
        public var date: String
        public var name: String
        public var source: String
        /// YYYY-MM-DD: the day the revision's 告示 was published. From then until `date`, the masters carry
        /// the revision ahead of time, and a 変更 row that states no 変更年月日 belongs to it (ChainBuilder).
        public var notified: String?
    }

    public struct Family: Codable, Sendable, Equatable {
        /// MasterKind raw values ("s", "01", …) that change on these dates.
        public var kinds: [String]
        public var revisions: [Revision]
    }

    public var families: [String: Family]

    public init(families: [String: Family]) { self.families = families }

    /// Revision dates that apply to a kind, ascending; empty for kinds revised continuously (b, z).
    public func revisions(for kind: MasterKind) -> [ServiceDate] {
        for family in families.values where family.kinds.contains(kind.rawValue) {
            return family.revisions.compactMap { ServiceDate($0.date) }.sorted()
        }
        return []
    }

    /// The revision a file published on `published` (YYYYMMDD) prepares: the first revision of the kind
    /// whose 告示 (`notified`) is on or before that day and whose effective date is after it.
    func pendingRevision(for kind: MasterKind, published: UInt32?) -> UInt32? {
        guard let published else { return nil }
        for family in families.values where family.kinds.contains(kind.rawValue) {
            for r in family.revisions {
                guard let n = r.notified.flatMap({ ServiceDate($0) }), let d = ServiceDate(r.date) else { continue }
                if n.yyyymmdd <= published && published < d.yyyymmdd { return d.yyyymmdd }
            }
        }
        return nil
    }

    public static func load(path: String) throws(MasterLoadError) -> RevisionCalendar {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MasterLoadError(file: path, reason: "cannot read the revision calendar")
        }
        let calendar: RevisionCalendar
        do { calendar = try JSONDecoder().decode(RevisionCalendar.self, from: data) } catch {
            throw MasterLoadError(file: path, reason: "not a revision calendar: \(DecodingErrorText.describe(error))")
        }
        for (name, family) in calendar.families {
            for r in family.revisions where ServiceDate(r.date) == nil {
                throw MasterLoadError(file: path, field: "families.\(name)", reason: "\"\(r.date)\" is not a date")
            }
            for r in family.revisions {
                guard let n = r.notified else { continue }
                guard let nd = ServiceDate(n), let d = ServiceDate(r.date), nd < d else {
                    throw MasterLoadError(file: path, field: "families.\(name).notified", reason: "\"\(n)\" is not a date before the revision's \(r.date)")
                }
            }
            for k in family.kinds where MasterKind(rawValue: k) == nil {
                throw MasterLoadError(file: path, field: "families.\(name)", reason: "\"\(k)\" is not a master kind")
            }
        }
        return calendar
    }

    /// Coverage of a chain: from the revision its full file restates (the newest revision on or
    /// before its newest row), to the day before the first revision after the chain's newest row.
    func coverage(kind: MasterKind, fullMinStart: UInt32, fullMaxStart: UInt32, maxStart: UInt32) -> (from: UInt32, to: UInt32) {
        let dates = revisions(for: kind).map(\.yyyymmdd)
        guard !dates.isEmpty else { return (fullMinStart == .max ? 0 : fullMinStart, ServiceDate.open.yyyymmdd) }
        let from = dates.last(where: { $0 <= fullMaxStart }) ?? (fullMinStart == .max ? 0 : fullMinStart)
        let to = dates.first(where: { $0 > maxStart }).map { ServiceDate(unchecked: $0).previousDay.yyyymmdd } ?? ServiceDate.open.yyyymmdd
        return (from, to)
    }
}
