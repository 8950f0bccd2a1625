/// The masters resolved for one service date: time is decided here once, everything below is
/// date-free look-ups (STYLE.md §4). A kind no loaded chain covers is kept as its error, so an
/// item of that kind reports "date not covered" instead of pricing as zero.
public final class DatedMasters: Sendable {
    public let date: ServiceDate
    public let procedures: Result<MasterTable, MasterLookupError>
    public let drugs: Result<MasterTable, MasterLookupError>
    public let devices: Result<MasterTable, MasterLookupError>

    public init(_ set: MasterSet, on date: ServiceDate) {
        self.date = date
        func resolve(_ kind: MasterKind) -> Result<MasterTable, MasterLookupError> {
            do throws(MasterLookupError) { return .success(try set.table(kind, on: date)) } catch { return .failure(error) }
        }
        procedures = resolve(.procedure)
        drugs = resolve(.drug)
        devices = resolve(.device)
    }
}
