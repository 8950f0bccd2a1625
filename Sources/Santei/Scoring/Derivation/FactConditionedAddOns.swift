/// `Masters/params/fact-conditioned-add-ons.json`: 通則 age add-ons whose condition is more than the master's age
/// limit — a fact no claim field carries (第11部 通則2 未熟児加算（麻酔）: 出生時体重 2,500g未満, 通知 第11部 通則8).
/// `AddOnDerivation.general` never derives them and names the missing fact.
public struct FactConditionedAddOns: Sendable, DatedParameterFile {
    public struct Row: Sendable, Decodable {
        public var code: String
        public var needs: String
        public var source: String
    }
    public struct Version: Sendable, DatedVersion {
        public var from: String
        public var source: String
        public var rows: [Row]
        /// code → the fact it needs.
        public var needs: [UInt64: String] = [:]
        enum CodingKeys: String, CodingKey { case from, source, rows }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            from = try c.decode(String.self, forKey: .from); source = try c.decode(String.self, forKey: .source)
            rows = try c.decode([Row].self, forKey: .rows)
            for r in rows {
                guard let code = UInt64(r.code), r.code.count == 9 else {
                    throw DecodingError.dataCorruptedError(forKey: .rows, in: c, debugDescription: "\"\(r.code)\" is not a 9-digit 診療行為コード")
                }
                needs[code] = r.needs
            }
        }
    }
    public var versions: [Version]
    let starts: [Int]
    public init(from decoder: Decoder) throws { (versions, starts) = try Self.decodeVersions(decoder, as: Version.self) }
    public func version(on date: ServiceDate) -> Version? { versionIndex(on: date).map { versions[$0] } }
    public static let embedded: FactConditionedAddOns? = embeddedFile("params/fact-conditioned-add-ons.json")
}
