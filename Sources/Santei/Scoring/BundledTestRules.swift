import Foundation

/// 検体検査のまるめ: tests of one 包括 group (s master 項番16 包括対象検査) done together are billed by
/// their number, not their sum — e.g. D007 血液化学検査 注: 5項目以上7項目以下 93点, 8項目又は9項目 99点,
/// 10項目以上 103点 (R06 ika-kokuji.txt). No master states these amounts: they are law, kept in
/// `Masters/params/bundled-tests.json`, each version with its effective date and source.
public struct BundledTestRules: Sendable {
    public struct Tier: Sendable, Codable { public var min: Int; public var max: Int?; public var points: Int }

    public struct Version: Sendable {
        public var from: ServiceDate
        public var tiers: [Tier]
        public var cap: Int?
        public var source: String
    }

    public struct Rule: Sendable { public var points: Int; public var isCap: Bool; public var source: String }

    /// group → versions ascending by `from`.
    var groups: [Int: [Version]]

    public init(groups: [Int: [Version]] = [:]) { self.groups = groups }

    public static let none = BundledTestRules()

    public func appliesTo(group: Int) -> Bool { groups[group] != nil }

    func version(group: Int, on date: ServiceDate) -> Version? {
        groups[group]?.last { $0.from <= date }
    }

    /// Whether the parameters reach back to the date for a known group.
    public func covers(group: Int, on date: ServiceDate) -> Bool { version(group: group, on: date) != nil }

    /// The group's amount for `items` tests, or nil when the count is below every tier and no cap
    /// applies (the items are then billed one by one).
    public func points(group: Int, items: Int, on date: ServiceDate) -> Rule? {
        guard let v = version(group: group, on: date) else { return nil }
        if let tier = v.tiers.first(where: { items >= $0.min && items <= ($0.max ?? Int.max) }) {
            return Rule(points: tier.points, isCap: false, source: v.source)
        }
        if let cap = v.cap { return Rule(points: cap, isCap: true, source: v.source) }
        return nil
    }

    private struct File: Decodable {
        struct Group: Decodable { var group: Int; var versions: [V] }
        struct V: Decodable { var from: String; var tiers: [Tier]?; var cap: Int?; var source: String }
        var groups: [Group]
    }

    public static func load(path: String) throws(MasterLoadError) -> BundledTestRules {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MasterLoadError(file: path, reason: "cannot read the bundled-test parameters")
        }
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: data) } catch {
            throw MasterLoadError(file: path, reason: "not a bundled-test parameter file: \(DecodingErrorText.describe(error))")
        }
        var groups: [Int: [Version]] = [:]
        for g in file.groups {
            var versions: [Version] = []
            for v in g.versions {
                guard let from = ServiceDate(v.from) else {
                    throw MasterLoadError(file: path, field: "groups[\(g.group)].from", reason: "\"\(v.from)\" is not a date")
                }
                versions.append(Version(from: from, tiers: (v.tiers ?? []).sorted { $0.min < $1.min }, cap: v.cap, source: v.source))
            }
            groups[g.group] = versions.sorted { $0.from < $1.from }
        }
        return BundledTestRules(groups: groups)
    }
}
