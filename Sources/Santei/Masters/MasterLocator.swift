import Foundation

/// Finds the project's `Masters/` folder (the embedded default set and the dated parameter files):
/// `SANTEI_MASTERS` if set, else the nearest `Masters/` above the working directory, else the one
/// above the running executable (`.build/release/santei` → the package root).
public enum MasterLocator {
    static let marker = "params/revision-calendar.json"

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
