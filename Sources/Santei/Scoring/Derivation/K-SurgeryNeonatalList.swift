import Foundation

/// 第10部 手術 通則7 (R06 ika-kokuji.txt lines 13233–13251): the 区分 whose 手術 take the 新生児加算 (100分の300);
/// another 手術 of a 新生児 takes the 通則8 乳幼児加算. `Masters/params/surgery-neonatal.json`.
public struct SurgeryNeonatalRules: Sendable, DatedParameterFile {
    public struct Version: Sendable, DatedVersion {
        public var from: String
        public var revision: String
        public var source: String
        public var addOns: [String]
        public var sections: [String]
        /// Parsed `sections`: (alphabet, 区分番号, 枝番, 項番 or nil) for one, or a range (both ends included).
        var entries: [(from: (Int, Int), to: (Int, Int), alphabet: String, item: Int?)] = []
        public var addOnCodes: Set<UInt64> = []
        enum CodingKeys: String, CodingKey { case from, revision, source, addOns = "add_ons", sections }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            from = try c.decode(String.self, forKey: .from); revision = try c.decode(String.self, forKey: .revision)
            source = try c.decode(String.self, forKey: .source)
            addOns = try c.decode([String].self, forKey: .addOns); sections = try c.decode([String].self, forKey: .sections)
            addOnCodes = Set(addOns.compactMap(UInt64.init))
            func key(_ text: Substring) throws -> (String, Int, Int) {
                let parts = text.dropFirst().split(separator: "-")
                guard let a = text.first, let n = parts.first.flatMap({ Int($0) }), parts.count <= 2 else {
                    throw DecodingError.dataCorruptedError(forKey: .sections, in: c, debugDescription: "\"\(text)\" is not a 区分番号 (K002, K142-6)")
                }
                let b = parts.count == 2 ? Int(parts[1]) : 0
                guard let b else { throw DecodingError.dataCorruptedError(forKey: .sections, in: c, debugDescription: "\"\(text)\": bad 枝番") }
                return (String(a), n, b)
            }
            for s in sections {
                if let r = s.range(of: "..") {
                    let a = try key(s[..<r.lowerBound]), b = try key(s[r.upperBound...])
                    entries.append(((a.1, a.2), (b.1, b.2), a.0, nil))
                } else {
                    let bits = s.split(separator: ":")
                    let k = try key(bits[0])
                    let item = bits.count == 2 ? Int(bits[1]) : nil
                    entries.append(((k.1, k.2), (k.1, k.2), k.0, item))
                }
            }
        }

        public func contains(alphabet: String, section: Int, branch: Int, item: Int) -> Bool {
            entries.contains { e in
                e.alphabet == alphabet && (section, branch) >= e.from && (section, branch) <= e.to && (e.item == nil || e.item == item)
            }
        }
    }
    public var versions: [Version]
    let starts: [Int]
    public init(from decoder: Decoder) throws { (versions, starts) = try Self.decodeVersions(decoder, as: Version.self) }
    public func version(on date: ServiceDate) -> Version? { versionIndex(on: date).map { versions[$0] } }
    public static let embedded: SurgeryNeonatalRules? = embeddedFile("params/surgery-neonatal.json")
}
