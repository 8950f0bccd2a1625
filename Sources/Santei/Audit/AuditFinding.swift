/// What a check found: a value, never thrown. It points at the claim and, where it concerns one item,
/// at the encounter, order and item (0-based indexes into the claim as given).
public struct AuditFinding: Sendable, Equatable {
    public var check: AuditCheckID
    public var severity: AuditSeverity
    public var claim: String
    public var encounter: Int?
    public var order: Int?
    public var item: Int?
    /// Index into the order's `comments` (comment checks) or the claim's `diseases` (傷病名 checks).
    public var comment: Int?
    public var disease: Int?
    /// Index into the claim's `admission.additions` (a stated 入院基本料等加算 of an 入院 claim).
    public var addition: Int?
    /// The code the finding is about first, then the codes it relates to (the other code of a 背反
    /// pair, the including code of a 包括, the comment codes that would do).
    public var codes: [String]
    public var message: String
    /// What to do about it.
    public var action: String?
    /// True when `--mode apply` changed the claim for this finding.
    public var applied = false

    public init(check: AuditCheckID, claim: String, encounter: Int? = nil, order: Int? = nil, item: Int? = nil,
                codes: [String], message: String, action: String? = nil) {
        self.check = check
        self.severity = AuditCheck.of(check).severity
        self.claim = claim
        self.encounter = encounter
        self.order = order
        self.item = item
        self.codes = codes
        self.message = message
        self.action = action
    }
}

/// How the auditor treats what the tables decide mechanically.
public enum AuditMode: String, Sendable, CaseIterable {
    /// Report findings only.
    case advise
    /// Report, and produce the corrected claim: 包括 items dropped, the item a 背反区分 does not keep
    /// dropped, 回数 over a limit lowered.
    case apply
}

/// One change `apply` made to a claim.
public struct AuditChange: Sendable, Equatable {
    public enum Kind: String, Sendable { case removed, timesLowered = "times_lowered", replaced }
    public var check: AuditCheckID
    public var kind: Kind
    public var encounter: Int
    public var order: Int
    public var item: Int
    public var code: String
    /// 回数 before and after (removed: after = 0).
    public var timesBefore: Int
    public var timesAfter: Int
    public var reason: String
    /// The code billed in place of `code` (kind `replaced`).
    public var replacement: String? = nil
}

/// The audit of one claim.
public struct AuditResult: Sendable {
    public var claim: String
    public var mode: AuditMode
    /// Ordered by severity, then encounter, order, item, check.
    public var findings: [AuditFinding]
    /// `apply`: the claim with the changes made (nil in `advise`, or when nothing changed).
    public var corrected: Claim?
    public var changes: [AuditChange]

    public func count(_ severity: AuditSeverity) -> Int { findings.reduce(0) { $0 + ($1.severity == severity ? 1 : 0) } }
}
