import Foundation

/// What the law parameter files of `Masters/params` that hold `versions` by `from` date share
/// (medication.json, facility-add-ons.json, order-add-ons.json): reading the file, the copy built into the
/// library, and the version in force on a date (OpenFisca style: the newest whose `from` is on or before it).
protocol DatedParameterFile: Decodable {
    /// `from` of each version as a day number, ascending (same order as the versions).
    var starts: [Int] { get }
}

extension DatedParameterFile {
    /// Reads the file at `path`; a fault is a `MasterLoadError` naming it.
    static func loadFile(path: String) throws -> Self {
        do { return try JSONDecoder().decode(Self.self, from: Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw MasterLoadError(file: path, reason: "\(error)")
        }
    }

    /// The copy built into the library (`EmbeddedMasters`, path relative to `Masters/`), nil when absent or unreadable.
    static func embeddedFile(_ path: String) -> Self? { EmbeddedParameters.decode(Self.self, path) }

    /// The position of the version in force on `date`; nil before the first.
    func versionIndex(on date: ServiceDate) -> Int? { starts.lastIndex { $0 <= date.dayNumber } }
}

/// A version of such a file: it applies from `from` (YYYY-MM-DD) until the next one's.
protocol DatedVersion: Decodable { var from: String { get } }

private enum VersionsKey: String, CodingKey { case versions }

extension DatedParameterFile {
    /// `{"versions": [...]}` read with their start days checked (ascending dates).
    static func decodeVersions<V: DatedVersion>(_ decoder: Decoder, as: V.Type) throws -> (versions: [V], starts: [Int]) {
        let c = try decoder.container(keyedBy: VersionsKey.self)
        let versions = try c.decode([V].self, forKey: .versions)
        return (versions, try c.versionStarts(versions.map(\.from), forKey: .versions))
    }
}

extension KeyedDecodingContainer {
    /// The `from` dates of a file's versions as day numbers, each a date after the one before.
    func versionStarts(_ froms: [String], forKey key: Key) throws -> [Int] {
        var starts: [Int] = []
        for from in froms {
            guard let d = ServiceDate(from), starts.last.map({ $0 < d.dayNumber }) ?? true else {
                throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "version from \"\(from)\" is not a date after the one before")
            }
            starts.append(d.dayNumber)
        }
        return starts
    }
}

/// A law parameter file built into the library (`EmbeddedMasters`, path relative to `Masters/`), decoded; nil when
/// absent or unreadable. The one reader of the files that are not `versions` by date (count-limits.json, …).
enum EmbeddedParameters {
    static func decode<T: Decodable>(_ type: T.Type, _ path: String) -> T? {
        guard let entry = EmbeddedMasters.files.first(where: { $0.path == path }), let data = Data(base64Encoded: entry.base64) else { return nil }
        return try? JSONDecoder().decode(type, from: data)
    }

    /// Whether a parameter row dated `from` (YYYY-MM-DD) … `to` (nil: open) applies on `date`.
    static func applies(from: String, to: String?, on date: ServiceDate) -> Bool {
        guard let start = ServiceDate(from), start <= date else { return false }
        return to.flatMap(ServiceDate.init).map { date <= $0 } ?? true
    }
}
