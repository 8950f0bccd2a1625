/// Why a master file could not be loaded, and exactly where: file, line (1-based), column
/// (1-based 項番 as in the specification) and the column's name. A load that meets one of these
/// fails as a whole; nothing is half loaded.
public struct MasterLoadError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var field: String?
    public var reason: String

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil, reason: String) {
        self.file = file; self.line = line; self.column = column; self.field = field; self.reason = reason
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let column {
            s += ": column \(column)"
            if let field { s += " (\(field))" }
        }
        return s + ": " + reason
    }
}
