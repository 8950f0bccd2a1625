import Foundation
import FuzzSupport
import Santei

// bytes → one master file of a kind → MasterSetBuilder.build(files:calendar:) (the folder loader's
// code: LoadedFile.parse with the CSV scanner and the layout's checks, ChainBuilder.apply, the image
// assembled and opened) → every field of the loaded table read and every code looked up.
//
// The first byte picks the file: bits 0–5 the kind (MasterKind.allCases, modulo their count: s y t c
// ck b z and the 医科電子点数表 tables 01 … 05), bit 7 set (for a 基本マスター kind) makes the rest an
// incremental file applied to the first rows of the embedded full file of that kind; otherwise the
// rest is the kind's full file. Bit 6 set and a length that is a multiple of 16: the whole load (image
// assembled, opened, every field read); otherwise the loader's checks only (`MasterSetBuilder.check`: CSV, layout, 変更区分, ranges, chain
// rules), which is many times faster, so most executions go to the parsing code.

/// The first 8 rows of each embedded full file: the base an incremental file is applied to.
let fullBases: [MasterKind: (name: String, bytes: [UInt8])] = {
    let plan: MasterSetBuilder.Plan
    do { plan = try MasterSetBuilder.plan(directory: Fuzz.mastersDirectory) } catch { fatalError("fuzz: \(error)") }
    var bases: [MasterKind: (String, [UInt8])] = [:]
    for chain in plan.chains where !chain.kind.isTensuhyo && bases[chain.kind] == nil {
        guard let full = chain.files.first(where: { $0.role == .full }),
              let data = FileManager.default.contents(atPath: full.path) else { continue }
        var rows = 0, end = 0
        for (i, b) in data.enumerated() where b == 10 {
            rows += 1
            end = i + 1
            if rows == 8 { break }
        }
        bases[chain.kind] = (full.name, Array(data.prefix(end)))
    }
    return bases
}()

/// A file name of the kind, as published (the name gives an incremental file its date).
func fileName(_ kind: MasterKind, update: Bool) -> String {
    switch kind {
    case .disease, .modifier: return update ? "\(kind.rawValue)_20240701.txt" : "\(kind.rawValue)_20240601.txt"
    case .procedure, .drug, .device, .comment, .commentRelation: return update ? "\(kind.rawValue)_20240701.csv" : "\(kind.rawValue)_ALL20240601.csv"
    default: return "ika-R06/\(kind.rawValue)\(kind.japaneseName).csv"
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = Fuzz.bytes(data, size)
    guard let first = bytes.first else { return 0 }
    let kinds = MasterKind.allCases
    let kind = kinds[Int(first & 0x3F) % kinds.count]
    let file = Array(bytes.dropFirst())
    var files: [(kind: MasterKind, name: String, role: SourceRole, bytes: [UInt8])] = []
    if first & 0x80 != 0, let base = fullBases[kind] {
        files.append((kind, base.name, .full, base.bytes))
        files.append((kind, fileName(kind, update: true), .update, file))
    } else {
        files.append((kind, fileName(kind, update: false), .full, file))
    }
    do {
        // The whole load costs ~10× the checks; it runs for one input in 16 of those with bit 6 set
        // (the snapshot target fuzzes the image reader itself).
        if first & 0x40 != 0 && bytes.count % 16 == 0 {
            let set = try MasterSetBuilder.build(files: files, calendar: Fuzz.calendar)
            Fuzz.walk(set, limit: 64)
        } else {
            Fuzz.consume("\(try MasterSetBuilder.check(files: files))")
        }
    } catch {
        Fuzz.consume("\(error)")
    }
    return 0
}

@_cdecl("fuzz_master_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    Fuzz.run(argc, argv, testOneInput) { _ = (fullBases, Fuzz.calendar) }
}
