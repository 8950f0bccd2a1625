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
        bytes.withUnsafeBytes { raw in
            if let source = raw.baseAddress, raw.count > 0 { base.copyMemory(from: source, byteCount: raw.count) }
        }
    }

    /// Maps a whole file read-only (pre-faulted: MAP_POPULATE), or reads it into aligned memory
    /// where mapping is not possible. Mapping shares the page cache: no copy, no per-page fault later.
    static func read(path: String) throws(SnapshotError) -> ImageStorage {
        // O_NONBLOCK: a FIFO without a writer must not block the open (a service's reload would hang; robustness sweep).
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw SnapshotError(file: path, reason: "cannot open (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw SnapshotError(file: path, reason: "cannot stat") }
        guard st.st_mode & S_IFMT != S_IFDIR else { throw SnapshotError(file: path, reason: "is a folder, not a snapshot file (a masters folder is given with --masters)") }
        guard st.st_mode & S_IFMT == S_IFREG else { throw SnapshotError(file: path, reason: "is not a regular file (a FIFO, a socket or a device cannot be a snapshot)") }
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
              let size = Checked.mul(ref.count, elementSize), let end = Checked.add(ref.offset, size), end <= limit else {
            throw SnapshotError(file: file, reason: "corrupt: an array lies outside the data area")
        }
    }

    /// A header field as an `Int`, or the error naming it (a value past `Int.max` is not a size).
    private func headerInt(_ offset: Int, _ what: String, file: String) throws(SnapshotError) -> Int {
        guard let v = Int(exactly: load(offset, as: UInt64.self)) else {
            throw SnapshotError(file: file, reason: "corrupt: header \(what) \(load(offset, as: UInt64.self)) is not a size")
        }
        return v
    }

    /// Checks header, size and checksum, then decodes the manifest and checks every array and every
    /// offset the tables will follow, so that a look-up can never read outside the image — even in
    /// an image whose checksum matches (a crafted file): sizes and offsets are compared with checked
    /// arithmetic, dictionary offsets must be ordered and inside their bytes, every cell must name an
    /// entry of its column, every code's versions and every hash slot and index entry must exist,
    /// the index columns and column counts must be those of the kind's layout, and each chain's
    /// coverage must be an ordered range. The header (not covered by the checksum) is checked field
    /// by field, its reserved bytes must be zero.
    func openManifest(file: String) throws(SnapshotError) -> SnapshotManifest {
        guard count >= SnapshotFormat.headerSize,
              Array(UnsafeRawBufferPointer(start: base, count: 8)) == SnapshotFormat.magic else {
            throw SnapshotError(file: file, reason: "not a Santei master snapshot (bad magic)")
        }
        let version = load(8, as: UInt32.self)
        guard version == SnapshotFormat.version else {
            // Formats count up one at a time: a number far from this one is a damaged header, not another release.
            guard version < SnapshotFormat.version + 1_000 else {
                throw SnapshotError(file: file, reason: "corrupt: the header's format field reads \(version) (this santei writes format \(SnapshotFormat.version)); the file is damaged — compile it again with `santei masters compile`")
            }
            let age = version < SnapshotFormat.version ? "older" : "newer"
            throw SnapshotError(file: file, reason: "snapshot format \(version) is \(age) than this santei's format \(SnapshotFormat.version); compile it again with `santei masters compile`")
        }
        guard load(12, as: UInt32.self) == UInt32(SnapshotFormat.headerSize),
              UnsafeRawBufferPointer(start: base + 48, count: 16).allSatisfy({ $0 == 0 }) else {
            throw SnapshotError(file: file, reason: "corrupt: bad header size or reserved bytes")
        }
        let total = try headerInt(16, "total size", file: file)
        guard total == count else {
            throw SnapshotError(file: file, reason: "truncated or padded: header says \(total) bytes, file has \(count)")
        }
        let sum = SnapshotFormat.checksum(UnsafeRawBufferPointer(start: base + SnapshotFormat.headerSize, count: count - SnapshotFormat.headerSize))
        guard sum == load(40, as: UInt64.self) else {
            throw SnapshotError(file: file, reason: "corrupt: checksum mismatch")
        }
        let mOffset = try headerInt(24, "manifest offset", file: file), mLength = try headerInt(32, "manifest length", file: file)
        guard mOffset >= SnapshotFormat.headerSize, let mEnd = Checked.add(mOffset, mLength), mEnd <= count else {
            throw SnapshotError(file: file, reason: "corrupt: manifest outside the file")
        }
        let json = Data(bytes: base + mOffset, count: mLength)
        let manifest: SnapshotManifest
        do { manifest = try JSONCoding.decoder.decode(SnapshotManifest.self, from: json) } catch {
            throw SnapshotError(file: file, reason: "corrupt manifest: \(error)")
        }
        try check(manifest.facilityStandards, elementSize: 1, limit: mOffset, file: file)
        for chain in manifest.chains {
            let t = chain.table
            let checks: [(ArrayRef, Int)] = [
                (t.cells, t.cellWidth), (t.dictBytes, 1), (t.dictOffsets, 4), (t.columnDictBase, 4), (t.codeKeys, 8),
                (t.codeFirstVersion, 4), (t.versionFrom, 4), (t.versionTo, 4), (t.hashSlots, 4),
            ] + t.indexes.flatMap { [($0.keys, 8), ($0.versions, 4)] }
            guard t.cellWidth == 2 || t.cellWidth == 4 else {
                throw SnapshotError(file: file, reason: "corrupt: table \(t.kind.rawValue) has cells of \(t.cellWidth) bytes")
            }
            for (ref, size) in checks { try check(ref, elementSize: size, limit: mOffset, file: file) }
            try checkTable(chain, file: file)
        }
        return manifest
    }

    /// Every offset and count inside one table (see `openManifest`).
    private func checkTable(_ chain: ChainManifest, file: String) throws(SnapshotError) {
        let t = chain.table
        func corrupt(_ what: String) -> SnapshotError {
            SnapshotError(file: file, reason: "corrupt: table \(t.kind.rawValue) (\(chain.label)): \(what)")
        }
        // The chain is looked up by its kind and read with its table's layout: the two must agree (a
        // crafted image with a 01補助 chain over a narrower table was read past its dictionary).
        guard chain.kind == t.kind else { throw corrupt("the chain is \(chain.kind.rawValue) but its table is \(t.kind.rawValue)") }
        let layout = t.kind.layout
        guard t.columnCount == layout.columnCount, t.versionCount >= 0, t.codeCount >= 0,
              let cellCount = Checked.mul(t.versionCount, t.columnCount), t.cells.count == cellCount,
              t.versionFrom.count == t.versionCount, t.versionTo.count == t.versionCount,
              t.codeFirstVersion.count - 1 == t.codeCount, t.columnDictBase.count == t.columnCount + 1 else {
            throw corrupt("inconsistent sizes")
        }
        guard chain.coverageFrom <= chain.coverageTo else { throw corrupt("coverage ends before it starts") }
        guard t.indexes.map(\.column) == layout.indexColumns,
              t.indexes.allSatisfy({ $0.keys.count == $0.versions.count }) else { throw corrupt("indexes are not those of the layout") }
        guard t.codeKeys.count == (layout.hasNumericKey ? t.codeCount : 0) else { throw corrupt("code keys do not match the codes") }
        // Dictionary: offsets ordered and inside the bytes; column bases ordered and inside the offsets.
        let offsets = array(t.dictOffsets, as: UInt32.self), bases = array(t.columnDictBase, as: UInt32.self)
        guard let lastOffset = offsets.last, Int(lastOffset) <= t.dictBytes.count else { throw corrupt("dictionary outside its bytes") }
        var previous: UInt32 = 0
        for o in offsets { guard o >= previous else { throw corrupt("dictionary offsets out of order") }; previous = o }
        previous = 0
        for b in bases { guard b >= previous else { throw corrupt("column dictionaries out of order") }; previous = b }
        guard Int(previous) <= offsets.count - 1 else { throw corrupt("column dictionaries outside the dictionary") }
        // Cells: each an entry of its column.
        var limits = [UInt32](repeating: 0, count: t.columnCount)
        for c in 0..<t.columnCount { limits[c] = bases[c + 1] - bases[c] }
        let ok: Bool = t.cellWidth == 2
            ? Self.cellsWithin(array(t.cells, as: UInt16.self), limits)
            : Self.cellsWithin(array(t.cells, as: UInt32.self), limits)
        guard ok else { throw corrupt("a cell names no entry of its column's dictionary") }
        // Codes → versions.
        let first = array(t.codeFirstVersion, as: UInt32.self)
        previous = 0
        for f in first { guard f >= previous else { throw corrupt("code versions out of order") }; previous = f }
        guard first.first == 0, Int(previous) == t.versionCount else { throw corrupt("code versions do not cover the versions") }
        // Hash slots: empty, or a power of two with an empty slot, each slot naming a code.
        let slots = array(t.hashSlots, as: UInt32.self)
        if !slots.isEmpty {
            guard slots.count & (slots.count - 1) == 0, slots.contains(0),
                  slots.allSatisfy({ Int($0) <= t.codeKeys.count }) else { throw corrupt("bad code hash table") }
        }
        for index in t.indexes {
            guard array(index.versions, as: UInt32.self).allSatisfy({ Int($0) < t.versionCount }) else { throw corrupt("an index names no version") }
        }
    }

    private static func cellsWithin<T: FixedWidthInteger>(_ cells: UnsafeBufferPointer<T>, _ limits: [UInt32]) -> Bool {
        let columns = limits.count
        guard columns > 0 else { return cells.isEmpty }
        var i = 0
        var ok = true
        while i < cells.count {
            for c in 0..<columns where UInt32(truncatingIfNeeded: cells[i + c]) >= limits[c] { ok = false }
            if !ok { return false }
            i += columns
        }
        return true
    }
}
