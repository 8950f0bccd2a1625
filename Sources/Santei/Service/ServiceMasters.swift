import Foundation

/// `GET /v1/masters`, `GET /v1/masters/{code}` and `GET /v1/audit/checks`: what `santei masters info`,
/// `santei masters inspect` and `santei audit --list-checks` show, as JSON.
enum ServiceMasters {
    struct Info: Encodable {
        struct Chain: Encodable {
            struct Source: Encodable { var name: String; var role: String; var rows: Int; var bytes: Int; var sha256: String }
            var kind: String; var kind_name: String; var label: String; var codes: Int; var versions: Int
            var covers_from: String; var covers_to: String; var sources: [Source]
        }
        var snapshot_id: String; var format: UInt32; var source: String; var loaded_at: String; var versions: Int; var chains: [Chain]
    }

    static func info(_ set: LoadedSet) -> ServiceResponse {
        let m = set.masters
        return ServiceJSON.encode(Info(snapshot_id: set.snapshotID, format: m.manifest.formatVersion, source: set.source.description,
                                       loaded_at: set.loadedAt, versions: m.versionCount, chains: m.chains.map { c in
            Info.Chain(kind: c.kind.rawValue, kind_name: c.kind.japaneseName, label: c.label, codes: c.table.codeCount, versions: c.table.versionCount,
                       covers_from: "\(c.coverage.lowerBound)", covers_to: "\(c.coverage.upperBound)",
                       sources: c.manifest.sources.map { .init(name: $0.name, role: $0.role == .full ? "full" : "update", rows: $0.rows, bytes: $0.bytes, sha256: $0.sha256) })
        }))
    }

    struct Inspection: Encodable {
        struct Field: Encodable { var label: String; var value: String }
        struct Relation: Encodable { var table: String; var lines: [String] }
        var kind: String; var kind_name: String; var code: String; var date: String; var chain: String
        var valid_from: String; var valid_to: String; var fields: [Field]; var relations: [Relation]
    }

    static func inspect(_ code: String, query: ServiceQuery, _ set: LoadedSet) -> ServiceResponse {
        var kind: MasterKind?
        if let k = query["kind"] {
            guard let parsed = MasterKind(rawValue: k) else { return .error(.badField, "kind=\(k) is not one of s, y, t, c, b, z", field: "kind") }
            kind = parsed
        }
        guard kind != nil || MasterInspection.kind(ofCode: code) != nil else {
            // The code is quoted short: a 10 MB one through santei_call or --stdio was echoed whole (review 393 IG-2).
            let shown = code.utf8.count > 40 ? "\(code.prefix(40))… (\(code.utf8.count) bytes)" : code   // utf8.count: no walk over 10 MB of Characters
            return .error(.badField, MasterInspection.notACodeReason(code, shown: shown), field: "code")
        }
        guard let dateText = query["date"] else { return .error(.badField, "date=YYYY-MM-DD is required", field: "date") }
        guard let date = ServiceDate.dashed(dateText) else { return .error(.badField, "date=\(dateText) is not a date (YYYY-MM-DD)", field: "date") }
        let found: MasterInspection?
        do { found = try MasterInspection.inspect(set.masters, code: code, kind: kind, on: date) } catch {
            return .error(.dateNotCovered, "\(error)", field: "date")
        }
        guard let r = found else { return .error(.notFound, MasterInspection.notFoundReason(code, kind: kind, on: date), field: "code") }
        return ServiceJSON.encode(Inspection(kind: r.kind.rawValue, kind_name: r.kind.japaneseName, code: r.code, date: "\(r.date)", chain: r.chain,
                                             valid_from: "\(r.validFrom)", valid_to: "\(r.validTo)",
                                             fields: r.lines.map { .init(label: $0.label, value: $0.value) },
                                             relations: r.relations.map { .init(table: $0.table, lines: $0.lines) }))
    }

    struct Check: Encodable { var id: String; var severity: String; var family: String; var title: String; var source: String; var reference: String; var applies: String? }

    static func checks() -> ServiceResponse {
        ServiceJSON.encode(AuditCheck.catalogue.map {
            Check(id: $0.id.rawValue, severity: $0.severity.rawValue, family: $0.family, title: $0.title, source: $0.source, reference: $0.reference, applies: $0.applies)
        })
    }
}
