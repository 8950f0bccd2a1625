import Foundation

/// Finds the project's `Masters/` folder (the embedded default set and the dated parameter files):
/// `SANTEI_MASTERS` if set, else the nearest `Masters/` above the working directory, else the one
/// above the running executable (`.build/release/santei` → the package root; a `Masters/` copied
/// next to the executable), else the copy built into the library (`EmbeddedMasters`), extracted once
/// into a cache folder — so a santei binary copied anywhere still has its default set and law.
public enum MasterLocator {
    static let marker = "params/revision-calendar.json"

    /// `SANTEI_MASTERS` when set but not a masters folder: a message for the user, else nil.
    public static func environmentProblem() -> String? {
        guard let dir = ProcessInfo.processInfo.environment["SANTEI_MASTERS"], !dir.isEmpty else { return nil }
        return FileManager.default.fileExists(atPath: dir + "/" + marker) ? nil
            : "SANTEI_MASTERS=\(dir) is not a masters folder (it has no \(marker)); unset it to use the built-in set"
    }

    public static func defaultDirectory() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["SANTEI_MASTERS"], FileManager.default.fileExists(atPath: dir + "/" + marker) { return dir }
        var starts = [FileManager.default.currentDirectoryPath]
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append((exe as NSString).deletingLastPathComponent)
        }
        for start in starts {
            var dir = URL(fileURLWithPath: start).standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Masters").path
                if FileManager.default.fileExists(atPath: candidate + "/" + marker) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return embeddedDirectory()
    }

    /// The built-in copy of `Masters/`, extracted into `$XDG_CACHE_HOME/santei` (or `~/.cache/santei`,
    /// or the temporary folder) under its digest; extracted once, atomically (a folder renamed into place).
    public static func embeddedDirectory() -> String? {
        let env = ProcessInfo.processInfo.environment
        let fm = FileManager.default
        var bases: [String] = []
        if let x = env["XDG_CACHE_HOME"], !x.isEmpty { bases.append(x + "/santei") }
        if let h = env["HOME"], !h.isEmpty { bases.append(h + "/.cache/santei") }
        bases.append(NSTemporaryDirectory() + "santei-\(getuid())")
        let name = "masters-" + EmbeddedMasters.digest.prefix(16)
        for base in bases {
            let target = base + "/" + name
            if fm.fileExists(atPath: target + "/" + marker) { return target }
            let temp = base + "/." + name + ".tmp-\(getpid())"
            do {
                try fm.createDirectory(atPath: temp, withIntermediateDirectories: true)
                for (path, base64) in EmbeddedMasters.files {
                    guard let data = Data(base64Encoded: base64) else { throw CocoaError(.fileReadCorruptFile) }
                    let file = temp + "/" + path
                    try fm.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try data.write(to: URL(fileURLWithPath: file))
                }
                if rename(temp, target) != 0 { try? fm.removeItem(atPath: temp) }  // another process won the race
                if fm.fileExists(atPath: target + "/" + marker) { return target }
            } catch {
                try? fm.removeItem(atPath: temp)
            }
        }
        return nil
    }

    /// The revision calendar for a masters folder: its own `params/` if it has one, else the default's.
    public static func calendar(for directory: String?) throws(MasterLoadError) -> RevisionCalendar {
        if let directory, FileManager.default.fileExists(atPath: directory + "/" + marker) {
            return try RevisionCalendar.load(path: directory + "/" + marker)
        }
        guard let dir = defaultDirectory() else {
            throw MasterLoadError(file: "Masters/" + marker, reason: "no revision calendar found: run from the Santei folder or set SANTEI_MASTERS")
        }
        return try RevisionCalendar.load(path: dir + "/" + marker)
    }
}
