import Foundation

/// The state an activity of an adopted program is in (`activity_progress.status`, Migrations/0015).
/// An activity with no progress entry yet is `notStarted`.
enum ActivityStatus: String, CaseIterable, Sendable, Codable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case done
    case delayed
    case cancelled

    /// Delayed and cancelled activities say why (the schema's CHECK too).
    var needsReason: Bool { self == .delayed || self == .cancelled }
}

/// How far a group of activities (a project, an axis, the whole program) has come, from each
/// activity's current state: the arithmetic of the Execution page, apart from the store so every
/// rule is plain and tested on constructed cases.
///
/// The rules (issue 13):
/// - Cancelled activities are left out of the progress (and counted apart, so the page says so).
/// - The progress is weighted by planned cost when every counted activity has a known planned cost
///   above zero; when one has no cost, or costs nothing (self-funded work inside the operating
///   budget), each activity counts the same. Mixing the two would give a 0 DH activity no weight
///   at all, or guess a cost the documents do not give. The result says which weighting it used.
/// - A group with nothing counted (no activities, or all cancelled) has no progress (nil), never 0 %.
struct Rollup: Sendable, Equatable {
    /// One activity as the rollup reads it.
    struct Item: Sendable, Equatable {
        var plannedCentimes: Int?
        var status: ActivityStatus
        var percent: Int
        var actualCentimes: Int?

        init(plannedCentimes: Int?, status: ActivityStatus, percent: Int, actualCentimes: Int? = nil) {
            self.plannedCentimes = plannedCentimes
            self.status = status
            self.percent = percent
            self.actualCentimes = actualCentimes
        }
    }

    /// What the progress is weighted by.
    enum Weighting: String, Sendable, Equatable {
        case plannedCost = "cost"
        case activityCount = "count"
    }

    /// Rounded whole percent done; nil when no activity is counted.
    var percent: Int?
    /// The same, in hundredths of a percent (for bar lengths).
    var exact: Double?
    var weighting: Weighting
    /// All activities of the group, cancelled ones included.
    var total: Int
    /// Activities in the progress (all but the cancelled).
    var counted: Int
    var cancelled: Int
    /// How many activities are in each status.
    var byStatus: [ActivityStatus: Int]
    /// The sum of the known planned costs of the counted activities (nil when none is known).
    var plannedCentimes: Int?
    /// The sum of the actual costs recorded, cancelled activities included (money spent is spent).
    var spentCentimes: Int?

    init(_ items: [Item]) {
        total = items.count
        var byStatus: [ActivityStatus: Int] = [:]
        for item in items { byStatus[item.status, default: 0] += 1 }
        self.byStatus = byStatus
        let counted = items.filter { $0.status != .cancelled }
        self.counted = counted.count
        cancelled = items.count - counted.count
        let planned = counted.compactMap(\.plannedCentimes)
        plannedCentimes = planned.isEmpty ? nil : planned.reduce(0, +)
        let spent = items.compactMap(\.actualCentimes)
        spentCentimes = spent.isEmpty ? nil : spent.reduce(0, +)
        let byCost = !counted.isEmpty && counted.allSatisfy { ($0.plannedCentimes ?? 0) > 0 }
        weighting = byCost ? .plannedCost : .activityCount
        guard !counted.isEmpty else { percent = nil; exact = nil; return }
        let (numerator, denominator): (Int, Int)
        if byCost {
            numerator = counted.reduce(0) { $0 + $1.plannedCentimes! * Self.clamped($1.percent) }
            denominator = counted.reduce(0) { $0 + $1.plannedCentimes! }
        } else {
            numerator = counted.reduce(0) { $0 + Self.clamped($1.percent) }
            denominator = counted.count
        }
        percent = (numerator + denominator / 2) / denominator
        exact = Double(numerator) / Double(denominator)
    }

    private static func clamped(_ percent: Int) -> Int { min(100, max(0, percent)) }

    /// Whether an activity is late against its planned end: not done, not cancelled, and the
    /// planned end (a day 'YYYY-MM-DD' or a month 'YYYY-MM', which ends with its last day) is
    /// before `today` (a Moroccan day 'YYYY-MM-DD').
    static func isLate(plannedEnd: String?, status: ActivityStatus, today: String) -> Bool {
        guard status != .done, status != .cancelled, let end = plannedEnd else { return false }
        if end.count == 7 { return end < String(today.prefix(7)) }
        return end < today
    }
}
