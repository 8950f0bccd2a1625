import Foundation

/// Foundation's decoding errors in a user's words: the JSON path of the bad value and what was wrong
/// (`groups[3].versions[0].from: expected a string, found a number`), instead of the raw enum dump.
/// Used by every loader of a dated parameter file (revision calendar, まるめ groups, copay law).
public enum DecodingErrorText {
    public static func describe(_ error: Error) -> String {
        guard let e = error as? DecodingError else {
            let ns = error as NSError
            if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError { return "not valid JSON (\(underlying.localizedDescription))" }
            return "not valid JSON (\(ns.localizedDescription))"
        }
        switch e {
        case .typeMismatch(let type, let c): return "\(path(c.codingPath)): expected \(name(type)) — \(c.debugDescription)"
        case .valueNotFound(let type, let c): return "\(path(c.codingPath)): missing \(name(type))"
        case .keyNotFound(let key, let c): return "\(path(c.codingPath + [key])): missing field"
        case .dataCorrupted(let c):
            if c.codingPath.isEmpty { return "not valid JSON" + ((c.underlyingError as NSError?).map { " (\($0.localizedDescription))" } ?? "") }
            return "\(path(c.codingPath)): \(c.debugDescription)"
        @unknown default: return "\(e)"
        }
    }

    /// `a.b[2].c` from a coding path (`$` for the document itself).
    public static func path(_ keys: [CodingKey]) -> String {
        var out = ""
        for k in keys {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out.isEmpty ? "$" : out
    }

    static func name(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: return "a whole number"
        case is Double.Type, is Decimal.Type: return "a number"
        case is Bool.Type: return "true or false"
        default:
            let t = "\(type)"
            if t.hasPrefix("Array") { return "an array" }
            if t.hasPrefix("Dictionary") { return "an object" }
            return "a \(t)"
        }
    }
}
