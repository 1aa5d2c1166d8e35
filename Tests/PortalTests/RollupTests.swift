import Foundation
import XCTest
@testable import Portal

/// The Execution page's arithmetic on constructed cases (issue 13): weighting by planned cost or
/// by count, cancelled activities left out and counted apart, zero-cost and unknown-cost
/// activities, groups without activities, lateness against a day or a month; and the rules of
/// recording (states, plans set once after adoption, progress entries checked as the form and the
/// import check them).
final class RollupTests: XCTestCase {
    typealias Item = Rollup.Item

    func testEveryActivityWithAKnownCostWeighsByPlannedCost() {
        // 10 000 DH at 100 %, 30 000 DH at 0 %: a quarter of the money's work is done.
        let rollup = Rollup([Item(plannedCentimes: 1_000_000, status: .done, percent: 100),
                             Item(plannedCentimes: 3_000_000, status: .notStarted, percent: 0)])
        XCTAssertEqual(rollup.weighting, .plannedCost)
        XCTAssertEqual(rollup.percent, 25)
        XCTAssertEqual(rollup.plannedCentimes, 4_000_000)
        XCTAssertEqual(rollup.counted, 2)
        XCTAssertEqual(rollup.byStatus[.done], 1)
    }

    func testOneUnknownCostMakesEveryActivityCountTheSame() {
        let rollup = Rollup([Item(plannedCentimes: 1_000_000, status: .done, percent: 100),
                             Item(plannedCentimes: nil, status: .inProgress, percent: 50),
                             Item(plannedCentimes: 3_000_000, status: .notStarted, percent: 0)])
        XCTAssertEqual(rollup.weighting, .activityCount)
        XCTAssertEqual(rollup.percent, 50)   // (100 + 50 + 0) / 3
        XCTAssertEqual(rollup.plannedCentimes, 4_000_000, "the known costs are still summed")
    }

    func testAZeroCostActivityIsNotWeightedAwayButCountedLikeTheOthers() {
        // Cost-weighting would give the self-funded 0 DH activity no weight at all: 0 % instead of 50 %.
        let rollup = Rollup([Item(plannedCentimes: 0, status: .done, percent: 100),
                             Item(plannedCentimes: 2_000_000, status: .notStarted, percent: 0)])
        XCTAssertEqual(rollup.weighting, .activityCount)
        XCTAssertEqual(rollup.percent, 50)
    }

    func testCancelledActivitiesAreLeftOutAndCountedApart() {
        let rollup = Rollup([Item(plannedCentimes: 1_000_000, status: .done, percent: 100),
                             Item(plannedCentimes: 9_000_000, status: .cancelled, percent: 10, actualCentimes: 50_000)])
        XCTAssertEqual(rollup.percent, 100, "the cancelled activity's 10 % and its cost weigh nothing")
        XCTAssertEqual(rollup.weighting, .plannedCost)
        XCTAssertEqual(rollup.cancelled, 1)
        XCTAssertEqual(rollup.counted, 1)
        XCTAssertEqual(rollup.total, 2)
        XCTAssertEqual(rollup.plannedCentimes, 1_000_000)
        XCTAssertEqual(rollup.spentCentimes, 50_000, "money spent on a cancelled activity is still spent")
    }

    func testNoActivitiesOrOnlyCancelledOnesHaveNoProgressRatherThanZero() {
        XCTAssertNil(Rollup([]).percent)
        XCTAssertEqual(Rollup([]).total, 0)
        let cancelled = Rollup([Item(plannedCentimes: nil, status: .cancelled, percent: 0)])
        XCTAssertNil(cancelled.percent)
        XCTAssertEqual(cancelled.cancelled, 1)
        XCTAssertNil(Rollup([]).spentCentimes)
    }

    func testRoundingIsToTheNearestWholePercent() {
        XCTAssertEqual(Rollup([Item(plannedCentimes: nil, status: .inProgress, percent: 33),
                               Item(plannedCentimes: nil, status: .inProgress, percent: 34)]).percent, 34)   // 33.5
        XCTAssertEqual(Rollup([Item(plannedCentimes: nil, status: .inProgress, percent: 1),
                               Item(plannedCentimes: nil, status: .notStarted, percent: 0),
                               Item(plannedCentimes: nil, status: .notStarted, percent: 0)]).percent, 0)     // 0.33
    }

    func testLatenessAgainstAPlannedDayOrMonth() {
        XCTAssertTrue(Rollup.isLate(plannedEnd: "2024-12-31", status: .inProgress, today: "2025-01-01"))
        XCTAssertFalse(Rollup.isLate(plannedEnd: "2024-12-31", status: .inProgress, today: "2024-12-31"), "the last day is not late yet")
        XCTAssertFalse(Rollup.isLate(plannedEnd: "2024-12", status: .notStarted, today: "2024-12-31"), "a month ends with its last day")
        XCTAssertTrue(Rollup.isLate(plannedEnd: "2024-12", status: .delayed, today: "2025-01-01"))
        XCTAssertFalse(Rollup.isLate(plannedEnd: "2024-01-01", status: .done, today: "2025-01-01"))
        XCTAssertFalse(Rollup.isLate(plannedEnd: "2024-01-01", status: .cancelled, today: "2025-01-01"))
        XCTAssertFalse(Rollup.isLate(plannedEnd: nil, status: .notStarted, today: "2025-01-01"))
    }

    // MARK: - Rules

    func testOnlyAdoptedAndExecutingProgramsRecordAndAClosedOneIsReadOnly() {
        for state in ProgramState.allCases {
            switch state {
            case .adopted, .inExecution: XCTAssertNil(ExecutionRules.refusal(state), state.rawValue)
            case .closed: XCTAssertEqual(ExecutionRules.refusal(state), "execution.refused.closed")
            default: XCTAssertEqual(ExecutionRules.refusal(state), "execution.refused.not_adopted", state.rawValue)
            }
        }
    }

    func testAPlanIsSetOnceAfterAdoptionThenChangedOnlyInAnAmendment() {
        typealias Plan = ExecutionStore.Plan
        let empty = Plan()
        let set = Plan(unit: .count, baseline: .number(3), baselineOn: "2024-01-01", target: nil, targetOn: nil)
        XCTAssertEqual(ExecutionRules.planRefusals(old: empty, new: set, amendmentOpen: false, hasValues: false), [:], "first time: no amendment needed")
        var later = set
        later.target = .number(10)
        XCTAssertEqual(ExecutionRules.planRefusals(old: set, new: later, amendmentOpen: false, hasValues: false), [:], "the target was still empty")
        var changed = set
        changed.baseline = .number(4)
        XCTAssertEqual(ExecutionRules.planRefusals(old: set, new: changed, amendmentOpen: false, hasValues: false),
                       [.baseline: "execution.error.plan_locked"])
        XCTAssertEqual(ExecutionRules.planRefusals(old: set, new: changed, amendmentOpen: true, hasValues: false), [:], "inside an amendment")
        var percent = set
        percent.unit = .percent
        XCTAssertEqual(ExecutionRules.planRefusals(old: set, new: percent, amendmentOpen: true, hasValues: true),
                       [.unit: "execution.error.unit_has_values"], "measured values keep their unit, even in an amendment")
        XCTAssertFalse(ExecutionRules.mayEdit(set, .baseline, amendmentOpen: false, hasValues: false))
        XCTAssertTrue(ExecutionRules.mayEdit(set, .target, amendmentOpen: false, hasValues: false))
    }

    func testAProgressEntryIsCheckedLikeTheFormChecksIt() {
        typealias New = ExecutionStore.NewEntry
        let latest = ExecutionStore.Entry(id: 1, activityID: 1, on: "2025-03-01", status: .inProgress, percent: 40, reason: nil, note: nil,
                                          startedOn: "2025-02-01", endedOn: nil, actualCentimes: nil, recordedAt: "2025-03-01T10:00:00Z",
                                          recordedBy: "x")
        func keys(_ entry: New, requireChange: Bool = true) -> [String] {
            ExecutionRules.problems(entry, latest: latest, today: "2025-06-15", requireChange: requireChange).map { "\($0.field):\($0.key)" }
        }
        XCTAssertEqual(keys(New(on: "2025-06-15", status: .inProgress, percent: 60, startedOn: "2025-02-01")), [])
        XCTAssertEqual(keys(New(on: "2025-02-15", status: .inProgress, percent: 60, startedOn: "2025-02-01")),
                       ["entry_on:execution.error.before_latest"])
        XCTAssertEqual(keys(New(on: "2025-07-01", status: .inProgress, percent: 60, startedOn: "2025-02-01")), ["entry_on:execution.error.future"])
        XCTAssertEqual(keys(New(on: "2025-06-15", status: .done, percent: 90, startedOn: "2025-02-01", endedOn: "2025-06-01")),
                       ["percent:execution.error.done_percent"])
        XCTAssertEqual(keys(New(on: "2025-06-15", status: .done, percent: 100, startedOn: "2025-02-01")),
                       ["ended_on:execution.error.ended_required"])
        XCTAssertEqual(keys(New(on: "2025-06-15", status: .cancelled, percent: 40, startedOn: "2025-02-01")), ["reason_ar:execution.error.reason"])
        XCTAssertEqual(keys(New(on: "2025-06-15", status: .cancelled, percent: 40, reasonFr: "Budget retiré", startedOn: "2025-02-01")), [],
                       "a French reason alone is enough")
        XCTAssertEqual(keys(New(on: "2025-06-15", status: .inProgress, percent: 40, startedOn: "2025-02-01")), ["status:execution.error.no_change"])
        XCTAssertEqual(keys(New(on: "2025-06-15", status: .inProgress, percent: 40, startedOn: "2025-02-01"), requireChange: false), [])
        XCTAssertEqual(keys(New(on: "2025-06-15", status: .inProgress, percent: 40, noteAr: "زيارة ميدانية", startedOn: "2025-02-01")), [],
                       "a note alone is worth an entry")
        XCTAssertEqual(keys(New(on: "2025-06-15", status: .done, percent: 100, startedOn: "2025-05-01", endedOn: "2025-04-01")),
                       ["ended_on:execution.error.date_order"])
    }

    func testIndicatorValuesAreReadAndWrittenByUnit() {
        XCTAssertEqual(IndicatorUnit.count.parse("١٢"), .number(12))
        XCTAssertEqual(IndicatorUnit.percent.parse("45,5 %"), .number(4550))
        XCTAssertEqual(IndicatorUnit.percent.plain(.number(4550)), "45.5")
        XCTAssertEqual(IndicatorUnit.percent.parse("45.5", grouped: false), .number(4550))
        XCTAssertEqual(IndicatorUnit.dirhams.parse("20 000,00"), .number(2_000_000))
        XCTAssertEqual(IndicatorUnit.dirhams.plain(.number(2_000_000)), "20000.00")
        XCTAssertEqual(IndicatorUnit.yesNo.parse("نعم"), .number(1))
        XCTAssertEqual(IndicatorUnit.yesNo.parse("non"), .number(0))
        XCTAssertNil(IndicatorUnit.yesNo.parse("peut-être"))
        XCTAssertNil(IndicatorUnit.count.parse("douze"))
        XCTAssertEqual(IndicatorUnit.text.parse("  charte adoptée "), .text("charte adoptée"))
        XCTAssertEqual(IndicatorUnit.percent.shown(.number(4550), .fr), "45,5%")
    }
}
