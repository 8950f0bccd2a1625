import Foundation

/// Whether a file restates the whole master or carries only changed rows.
public enum SourceRole: String, Codable, Sendable {
    /// A full file (`s_ALL20240531.csv`, `b_20240601.txt`, a 電子点数表 table).
    case full
    /// An incremental file (`s_20240621.csv`): only rows with 変更区分 ≠ 0.
    case update
}

/// What a set was built from, as recorded in a snapshot: enough to tell which files and which bytes.
public struct SourceRecord: Codable, Sendable, Equatable {
    public var name: String
    public var role: SourceRole
    /// The publication date in the file name (YYYYMMDD), if it has one.
    public var published: UInt32?
    public var sha256: String
    public var bytes: Int
    public var rows: Int
}

/// One master file read and parsed, not yet applied.
struct LoadedFile {
    var record: SourceRecord
    var kind: MasterKind
    var records: CSVRecords

    /// Reads, hashes, decodes (CP932) and splits one file. Undecodable bytes fail with line and column.
    static func read(path: String, name: String, kind: MasterKind, role: SourceRole, published: ServiceDate?) throws(MasterLoadError) -> LoadedFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MasterLoadError(file: name, reason: "missing: no such file (\(path))")
        }
        guard !isDirectory.boolValue else { throw MasterLoadError(file: name, reason: "is a folder, not a master file (\(path))") }
        // The size is refused before a byte is read: a 2 GiB (or sparse) file must not be loaded whole to be told it is
        // too big (review 190 AK2).
        var st = stat()
        if stat(path, &st) == 0, Int(st.st_size) > DomainLimit.maxMasterFileBytes {
            throw MasterLoadError(file: name, reason: "\(st.st_size) bytes, more than the \(DomainLimit.maxMasterFileBytes) a master file may have")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MasterLoadError(file: name, reason: "cannot read the file (\(path): \(String(cString: strerror(errno))))")
        }
        let raw = [UInt8](data)
        return try parse(raw: raw, name: name, kind: kind, role: role, published: published)
    }

    static func parse(raw: [UInt8], name: String, kind: MasterKind, role: SourceRole, published: ServiceDate?) throws(MasterLoadError) -> LoadedFile {
        guard !raw.isEmpty else { throw MasterLoadError(file: name, reason: "empty file (0 bytes)") }
        guard raw.count <= DomainLimit.maxMasterFileBytes else {
            throw MasterLoadError(file: name, reason: "\(raw.count) bytes, more than the \(DomainLimit.maxMasterFileBytes) a master file may have")
        }
        let decoded: [UInt8]
        do { decoded = try CP932.decode(raw) } catch {
            let (line, column) = raw.withUnsafeBytes { CSVRecords.locate(offset: error.offset, in: $0) }
            let hex = error.bytes.map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
            throw MasterLoadError(file: name, line: line, column: column, field: kind.layout.columnName(column - 1),
                                  reason: "bytes \(hex) at offset \(error.offset) are not CP932")
        }
        let records = try CSVRecords.parse(decoded, file: name)
        if records.rowCount == 0 && role == .full {
            throw MasterLoadError(file: name, reason: "empty file: a full \(kind.japaneseName) file with no rows")
        }
        let record = SourceRecord(name: name, role: role, published: published?.yyyymmdd,
                                  sha256: SHA256.hex(raw), bytes: raw.count, rows: records.rowCount)
        return LoadedFile(record: record, kind: kind, records: records)
    }
}
