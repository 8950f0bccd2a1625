import Foundation

/// The bytes of an image, 16-byte aligned, owned for the life of a `MasterSet`.
final class ImageStorage: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let count: Int
    /// Mapped from a file (unmapped on deinit) rather than allocated.
    private let mapped: Bool

    init(count: Int) {
        self.count = count
        base = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        mapped = false
    }

    private init(mapping: UnsafeMutableRawPointer, count: Int) {
        base = mapping
        self.count = count
        mapped = true
    }

    convenience init(copying bytes: [UInt8]) {
        self.init(count: bytes.count)
        bytes.withUnsafeBytes { base.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
    }

    /// Maps a whole file read-only (pre-faulted: MAP_POPULATE), or reads it into aligned memory
    /// where mapping is not possible. Mapping shares the page cache: no copy, no per-page fault later.
    static func read(path: String) throws(SnapshotError) -> ImageStorage {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw SnapshotError(file: path, reason: "cannot open (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SnapshotError(file: path, reason: "cannot stat") }
        if st.st_size > 0, let p = mmap(nil, Int(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), p != MAP_FAILED {
            return ImageStorage(mapping: p, count: Int(st.st_size))
        }
        let storage = ImageStorage(count: Int(st.st_size))
        var done = 0
        while done < storage.count {
            let n = Glibc.read(fd, storage.base + done, storage.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw SnapshotError(file: path, reason: "read failed after \(done) bytes") }
            done += n
        }
        return storage
    }

    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    deinit { if mapped { munmap(base, count) } else { base.deallocate() } }

    func load<T: FixedWidthInteger>(_ offset: Int, as: T.Type) -> T {
        T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// An array of the image; `validate` has checked its bounds and alignment.
    func array<T>(_ ref: ArrayRef, as: T.Type) -> UnsafeBufferPointer<T> {
        UnsafeBufferPointer(start: (base + ref.offset).assumingMemoryBound(to: T.self), count: ref.count)
    }

    func check(_ ref: ArrayRef, elementSize: Int, limit: Int, file: String) throws(SnapshotError) {
        guard ref.offset >= SnapshotFormat.headerSize, ref.count >= 0, ref.offset % 8 == 0,
              ref.offset + ref.count * elementSize <= limit else {
            throw SnapshotError(file: file, reason: "corrupt: an array lies outside the data area")
        }
    }

    /// Checks header, size and checksum, then decodes the manifest.
    func openManifest(file: String) throws(SnapshotError) -> SnapshotManifest {
        guard count >= SnapshotFormat.headerSize,
              Array(UnsafeRawBufferPointer(start: base, count: 8)) == SnapshotFormat.magic else {
            throw SnapshotError(file: file, reason: "not a Santei master snapshot (bad magic)")
        }
        let version = load(8, as: UInt32.self)
        guard version == SnapshotFormat.version else {
            let age = version < SnapshotFormat.version ? "older" : "newer"
            throw SnapshotError(file: file, reason: "snapshot format \(version) is \(age) than this santei's format \(SnapshotFormat.version); compile it again with `santei masters compile`")
        }
        let total = Int(load(16, as: UInt64.self))
        guard total == count else {
            throw SnapshotError(file: file, reason: "truncated or padded: header says \(total) bytes, file has \(count)")
        }
        let sum = SnapshotFormat.checksum(UnsafeRawBufferPointer(start: base + SnapshotFormat.headerSize, count: count - SnapshotFormat.headerSize))
        guard sum == load(40, as: UInt64.self) else {
            throw SnapshotError(file: file, reason: "corrupt: checksum mismatch")
        }
        let mOffset = Int(load(24, as: UInt64.self)), mLength = Int(load(32, as: UInt64.self))
        guard mOffset >= SnapshotFormat.headerSize, mLength >= 0, mOffset + mLength <= count else {
            throw SnapshotError(file: file, reason: "corrupt: manifest outside the file")
        }
        let json = Data(bytes: base + mOffset, count: mLength)
        let manifest: SnapshotManifest
        do { manifest = try JSONCoding.decoder.decode(SnapshotManifest.self, from: json) } catch {
            throw SnapshotError(file: file, reason: "corrupt manifest: \(error)")
        }
        for chain in manifest.chains {
            let t = chain.table
            let checks: [(ArrayRef, Int)] = [
                (t.cells, t.cellWidth), (t.dictBytes, 1), (t.dictOffsets, 4), (t.columnDictBase, 4), (t.codeKeys, 8),
                (t.codeFirstVersion, 4), (t.versionFrom, 4), (t.versionTo, 4), (t.hashSlots, 4),
            ] + t.indexes.flatMap { [($0.keys, 8), ($0.versions, 4)] }
            for (ref, size) in checks { try check(ref, elementSize: size, limit: mOffset, file: file) }
            guard t.cells.count == t.versionCount * t.columnCount, t.versionFrom.count == t.versionCount,
                  t.versionTo.count == t.versionCount, t.codeFirstVersion.count == t.codeCount + 1,
                  t.columnDictBase.count == t.columnCount + 1, t.cellWidth == 2 || t.cellWidth == 4 else {
                throw SnapshotError(file: file, reason: "corrupt: table \(t.kind.rawValue) has inconsistent sizes")
            }
        }
        return manifest
    }
}
