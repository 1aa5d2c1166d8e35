/// What changed between two versions of a program, arranged the way a council member reads
/// it before the October session: the overview fields, axes added, removed or renamed, projects
/// added, removed, moved to another axis or changed field by field, activities likewise (moved
/// between projects included), and the budget totals before and after. Every changed text
/// carries its word-level difference in both languages, ready to be shown side by side.
///
/// Things are recognised by their database id, which edits keep: a renumbered project or an
/// activity moved to another project is the same thing, changed. Only when an id is gone
/// (a row deleted and written again) is a leftover paired by its identical Arabic title.
struct ProgramDiff: Sendable, Equatable {
    typealias Axis = ProgramSnapshot.Axis
    typealias Project = ProgramSnapshot.Project
    typealias Activity = ProgramSnapshot.Activity

    /// The name of a compared field; the raw value is the key pages use to label it.
    enum Field: String, Sendable, CaseIterable {
        case title, period, status, notes, number, slogan, duration, start, end, budget
        case adoptionSession = "adoption_session", adoptedOn = "adopted_on", decisionRef = "decision_ref"
        case totalBudget = "total_budget"
        case objectives, expectedResults = "expected_results"
        case followUpIndicators = "follow_up_indicators", impactIndicators = "impact_indicators"
        case partners, cost, costText = "cost_text", funding
        case committeeName = "committee_name", decisionNumber = "decision_number", decisionDate = "decision_date"
        case decidedBy = "decided_by", mandate, members, milestones
    }

    /// A translatable text before and after, with the changed words of each language.
    struct TextChange: Sendable, Equatable {
        var old: Localized?
        var new: Localized?
        var arabic: [WordDiff.Segment]
        var french: [WordDiff.Segment]

        init(old: Localized?, new: Localized?) {
            self.old = old
            self.new = new
            arabic = WordDiff.diff(old?.arabic ?? "", new?.arabic ?? "")
            french = WordDiff.diff(old?.french ?? "", new?.french ?? "")
        }
    }

    /// A list field (objectives, indicators, activity partners…) item by item, in the new
    /// order, with kept items included so the whole list can be shown with its marks.
    struct ListChange: Sendable, Equatable {
        enum Item: Sendable, Equatable {
            case same(Localized)
            case removed(Localized)
            case added(Localized)
            /// An item rewritten in place (a removed item followed by an added one).
            case changed(TextChange)
        }
        var items: [Item]
    }

    /// A partner of a project card: joined (`old` nil), left (`new` nil), or with another
    /// contribution or place.
    struct PartnerChange: Sendable, Equatable {
        var name: Localized
        var old: ProgramSnapshot.Partner?
        var new: ProgramSnapshot.Partner?
        /// Set when the contribution text differs.
        var contribution: TextChange?
    }

    /// How one field changed.
    enum Change: Sendable, Equatable {
        case text(TextChange)
        case list(ListChange)
        case partners([PartnerChange])
        /// Money in centimes.
        case amount(old: Int?, new: Int?)
        /// A code, date or reference, compared whole; `words` marks what changed in it.
        case value(old: String?, new: String?, words: [WordDiff.Segment])
        case number(old: Int, new: Int)
    }

    struct FieldChange: Sendable, Equatable {
        var field: Field
        var change: Change
    }

    /// An axis in both versions whose number or title changed (a title change is a rename).
    struct AxisChange: Sendable, Equatable {
        var old: Axis
        var new: Axis
        var fields: [FieldChange]
        var isRenamed: Bool { fields.contains { $0.field == .title } }
    }

    /// A project in both versions that moved to another axis or whose card changed.
    /// Changes to its activities are listed with the activities.
    struct ProjectChange: Sendable, Equatable {
        var old: Project
        var new: Project
        var oldAxis: Axis?
        var newAxis: Axis?
        var isMoved: Bool
        var fields: [FieldChange]
    }

    /// An activity with the project it sits in (in the version it comes from).
    struct PlacedActivity: Sendable, Equatable {
        var activity: Activity
        var project: Project
    }

    /// An activity in both versions that moved to another project or whose fields changed.
    struct ActivityChange: Sendable, Equatable {
        var old: Activity
        var new: Activity
        var oldProject: Project
        var newProject: Project
        var isMoved: Bool
        var fields: [FieldChange]
    }

    /// The money before and after, in centimes (nil when the version states none).
    struct Budget: Sendable, Equatable {
        /// The program's stated total budget.
        var programBefore: Int?
        var programAfter: Int?
        /// The sum of the project budgets.
        var projectsBefore: Int?
        var projectsAfter: Int?
        /// The sum of the activities' stated costs.
        var activitiesBefore: Int?
        var activitiesAfter: Int?

        var isChanged: Bool {
            programBefore != programAfter || projectsBefore != projectsAfter || activitiesBefore != activitiesAfter
        }
    }

    var overview: [FieldChange] = []
    var axesAdded: [Axis] = []
    var axesRemoved: [Axis] = []
    var axesChanged: [AxisChange] = []
    var projectsAdded: [Project] = []
    var projectsRemoved: [Project] = []
    var projectsChanged: [ProjectChange] = []
    /// New activities of projects that were already there (an added project brings its own).
    var activitiesAdded: [PlacedActivity] = []
    /// Activities gone from projects that remain (a removed project takes its own away).
    var activitiesRemoved: [PlacedActivity] = []
    var activitiesChanged: [ActivityChange] = []
    /// The committee's decision and members.
    var committee: [FieldChange] = []
    /// The co-preparation timeline, when any step changed.
    var milestones: ListChange?
    var budget: Budget

    /// True when the two versions hold the same program.
    var isEmpty: Bool {
        overview.isEmpty && axesAdded.isEmpty && axesRemoved.isEmpty && axesChanged.isEmpty
            && projectsAdded.isEmpty && projectsRemoved.isEmpty && projectsChanged.isEmpty
            && activitiesAdded.isEmpty && activitiesRemoved.isEmpty && activitiesChanged.isEmpty
            && committee.isEmpty && milestones == nil && !budget.isChanged
    }
}

extension ProgramDiff {
    /// The differences that turn `old` into `new`.
    static func compare(_ old: ProgramSnapshot, _ new: ProgramSnapshot) -> ProgramDiff {
        var diff = ProgramDiff(budget: Budget(
            programBefore: old.overview.totalBudgetCentimes, programAfter: new.overview.totalBudgetCentimes,
            projectsBefore: old.projectBudgetCentimes, projectsAfter: new.projectBudgetCentimes,
            activitiesBefore: old.activityCostCentimes, activitiesAfter: new.activityCostCentimes))

        var fields = Fields()
        let (o, n) = (old.overview, new.overview)
        fields.text(.title, o.title, n.title)
        fields.value(.period, o.period, n.period)
        fields.value(.status, o.status, n.status)
        fields.text(.adoptionSession, o.adoptionSession, n.adoptionSession)
        fields.value(.adoptedOn, o.adoptedOn, n.adoptedOn)
        fields.value(.decisionRef, o.decisionRef, n.decisionRef)
        fields.amount(.totalBudget, o.totalBudgetCentimes, n.totalBudgetCentimes)
        fields.text(.notes, o.notes, n.notes)
        diff.overview = fields.changes

        // Axes.
        let axes = Pairing.match(old.axes, new.axes, id: \.id, fallback: { $0.title.arabic })
        diff.axesAdded = axes.added.map { new.axes[$0] }
        diff.axesRemoved = axes.removed.map { old.axes[$0] }
        var newAxisOf: [Int: Int] = [:]  // old axis id -> new axis id
        for (i, j) in axes.pairs {
            let (a, b) = (old.axes[i], new.axes[j])
            newAxisOf[a.id] = b.id
            var fields = Fields()
            fields.number(a.number, b.number)
            fields.text(.title, a.title, b.title)
            if !fields.changes.isEmpty { diff.axesChanged.append(AxisChange(old: a, new: b, fields: fields.changes)) }
        }

        // Projects.
        let projects = Pairing.match(old.projects, new.projects, id: \.id, fallback: { $0.title.arabic })
        diff.projectsAdded = projects.added.map { new.projects[$0] }
        diff.projectsRemoved = projects.removed.map { old.projects[$0] }
        var newProjectOf: [Int: Int] = [:]  // old project id -> new project id
        for (i, j) in projects.pairs {
            let (a, b) = (old.projects[i], new.projects[j])
            newProjectOf[a.id] = b.id
            var fields = Fields()
            fields.number(a.number, b.number)
            fields.text(.title, a.title, b.title)
            fields.text(.slogan, a.slogan, b.slogan)
            fields.text(.duration, a.duration, b.duration)
            fields.value(.start, a.start, b.start)
            fields.value(.end, a.end, b.end)
            fields.amount(.budget, a.budgetCentimes, b.budgetCentimes)
            fields.list(.objectives, a.objectives, b.objectives)
            fields.list(.expectedResults, a.expectedResults, b.expectedResults)
            fields.list(.followUpIndicators, a.followUpIndicators, b.followUpIndicators)
            fields.list(.impactIndicators, a.impactIndicators, b.impactIndicators)
            fields.partners(a.partners, b.partners)
            let isMoved = a.axisID.map { newAxisOf[$0] } != b.axisID.map { Optional($0) }
            if isMoved || !fields.changes.isEmpty {
                diff.projectsChanged.append(ProjectChange(old: a, new: b, oldAxis: old.axis(of: a), newAxis: new.axis(of: b),
                                                          isMoved: isMoved, fields: fields.changes))
            }
        }

        // Activities, across the whole program so that a move between projects is seen.
        let oldActivities = old.activities, newActivities = new.activities
        let activities = Pairing.match(
            oldActivities, newActivities, id: \.activity.id,
            fallback: { "\(newProjectOf[$0.project.id] ?? -$0.project.id) \($0.activity.title.arabic)" },
            newFallback: { "\($0.project.id) \($0.activity.title.arabic)" })
        let addedProjects = Set(diff.projectsAdded.map(\.id)), removedProjects = Set(diff.projectsRemoved.map(\.id))
        diff.activitiesAdded = activities.added.map { newActivities[$0] }.filter { !addedProjects.contains($0.project.id) }
            .map { PlacedActivity(activity: $0.activity, project: $0.project) }
        diff.activitiesRemoved = activities.removed.map { oldActivities[$0] }.filter { !removedProjects.contains($0.project.id) }
            .map { PlacedActivity(activity: $0.activity, project: $0.project) }
        for (i, j) in activities.pairs {
            let (a, b) = (oldActivities[i], newActivities[j])
            var fields = Fields()
            fields.number(a.activity.number, b.activity.number)
            fields.text(.title, a.activity.title, b.activity.title)
            fields.list(.partners, a.activity.partners, b.activity.partners)
            fields.amount(.cost, a.activity.costCentimes, b.activity.costCentimes)
            fields.text(.costText, a.activity.costText, b.activity.costText)
            fields.text(.funding, a.activity.funding, b.activity.funding)
            fields.value(.start, a.activity.start, b.activity.start)
            fields.value(.end, a.activity.end, b.activity.end)
            let isMoved = newProjectOf[a.project.id] != b.project.id
            if isMoved || !fields.changes.isEmpty {
                diff.activitiesChanged.append(ActivityChange(old: a.activity, new: b.activity, oldProject: a.project,
                                                             newProject: b.project, isMoved: isMoved, fields: fields.changes))
            }
        }

        // Committee and timeline.
        var committee = Fields()
        let (c, d) = (old.committee, new.committee)
        committee.text(.committeeName, c?.name, d?.name)
        committee.value(.decisionNumber, c?.decisionNumber, d?.decisionNumber)
        committee.value(.decisionDate, c?.decisionDate, d?.decisionDate)
        committee.text(.decidedBy, c?.decidedBy, d?.decidedBy)
        committee.text(.mandate, c?.mandate, d?.mandate)
        committee.list(.members, (c?.members ?? []).map(line), (d?.members ?? []).map(line))
        diff.committee = committee.changes
        var timeline = Fields()
        timeline.list(.milestones, old.milestones.map(line), new.milestones.map(line))
        if case .list(let change)? = timeline.changes.first?.change { diff.milestones = change }
        return diff
    }

    /// A committee member as one line: "السيد name — function (role, category)".
    private static func line(_ member: ProgramSnapshot.CommitteeMember) -> Localized {
        func text(_ pick: (Localized) -> String) -> String {
            let name = [member.honorific.map(pick), pick(member.name)].compactMap { $0 }.joined(separator: " ")
            let function = member.function.map { " — " + pick($0) } ?? ""
            return name + function + " (" + member.role + ", " + member.category + ")"
        }
        return Localized(arabic: text(\.arabic), french: member.name.french == nil ? nil : text { $0.french ?? $0.arabic })
    }

    /// A milestone as one line: its dates, kind and title ("2023-06-12/2023-06-19 digital-call: …").
    private static func line(_ milestone: ProgramSnapshot.Milestone) -> Localized {
        let dates = [milestone.start, milestone.end].compactMap { $0 }.joined(separator: "/")
        let head = (dates.isEmpty ? "" : dates + " ") + milestone.kind + (milestone.done ? "" : " (planned)") + ": "
        return Localized(arabic: head + milestone.title.arabic, french: milestone.title.french.map { head + $0 })
    }
}

/// Collects the changed fields of one thing, in the order they are compared.
private struct Fields {
    var changes: [ProgramDiff.FieldChange] = []

    mutating func text(_ field: ProgramDiff.Field, _ old: Localized?, _ new: Localized?) {
        if old != new { changes.append(.init(field: field, change: .text(.init(old: old, new: new)))) }
    }

    mutating func value(_ field: ProgramDiff.Field, _ old: String?, _ new: String?) {
        if old != new {
            changes.append(.init(field: field, change: .value(old: old, new: new, words: WordDiff.diff(old ?? "", new ?? ""))))
        }
    }

    mutating func amount(_ field: ProgramDiff.Field, _ old: Int?, _ new: Int?) {
        if old != new { changes.append(.init(field: field, change: .amount(old: old, new: new))) }
    }

    mutating func number(_ old: Int, _ new: Int) {
        if old != new { changes.append(.init(field: .number, change: .number(old: old, new: new))) }
    }

    /// Items aligned by their longest common subsequence; within a run of differences, the
    /// k-th removed item and the k-th added one are shown as one rewritten item.
    mutating func list(_ field: ProgramDiff.Field, _ old: [Localized], _ new: [Localized]) {
        guard old != new else { return }
        var items: [ProgramDiff.ListChange.Item] = []
        var removed: [Localized] = [], added: [Localized] = []
        func flush() {
            let paired = min(removed.count, added.count)
            for k in 0..<paired { items.append(.changed(.init(old: removed[k], new: added[k]))) }
            items += removed.dropFirst(paired).map { .removed($0) }
            items += added.dropFirst(paired).map { .added($0) }
            removed = []
            added = []
        }
        for edit in EditScript.between(old, new) {
            switch edit {
            case .same(let i, _): flush(); items.append(.same(old[i]))
            case .removed(let i): removed.append(old[i])
            case .added(let j): added.append(new[j])
            }
        }
        flush()
        changes.append(.init(field: field, change: .list(.init(items: items))))
    }

    /// Partners are matched by name: who joined, who left, whose contribution changed.
    mutating func partners(_ old: [ProgramSnapshot.Partner], _ new: [ProgramSnapshot.Partner]) {
        guard old != new else { return }
        var result: [ProgramDiff.PartnerChange] = []
        for partner in old {
            if let now = new.first(where: { $0.name.arabic == partner.name.arabic }) {
                guard now != partner else { continue }
                let contribution = partner.contribution == now.contribution
                    ? nil : ProgramDiff.TextChange(old: partner.contribution, new: now.contribution)
                result.append(.init(name: now.name, old: partner, new: now, contribution: contribution))
            } else {
                result.append(.init(name: partner.name, old: partner, new: nil, contribution: nil))
            }
        }
        for partner in new where !old.contains(where: { $0.name.arabic == partner.name.arabic }) {
            result.append(.init(name: partner.name, old: nil, new: partner, contribution: nil))
        }
        // Only the order changed: nothing a reader needs to see.
        if !result.isEmpty { changes.append(.init(field: .partners, change: .partners(result))) }
    }
}

/// Pairs the things of two versions: by database id, then leftovers by an identical key.
private enum Pairing {
    struct Result {
        var pairs: [(Int, Int)] = []
        var removed: [Int] = []
        var added: [Int] = []
    }

    static func match<T>(_ old: [T], _ new: [T], id: (T) -> Int, fallback: (T) -> String,
                         newFallback: ((T) -> String)? = nil) -> Result {
        var result = Result()
        var newByID: [Int: Int] = [:]
        for (j, item) in new.enumerated() { newByID[id(item)] = j }
        var taken = Set<Int>()
        var unmatched: [Int] = []
        for (i, item) in old.enumerated() {
            if let j = newByID[id(item)] { result.pairs.append((i, j)); taken.insert(j) } else { unmatched.append(i) }
        }
        var byKey: [String: [Int]] = [:]
        for (j, item) in new.enumerated() where !taken.contains(j) {
            byKey[newFallback.map { $0(item) } ?? fallback(item), default: []].append(j)
        }
        for i in unmatched {
            let key = fallback(old[i])
            if var candidates = byKey[key], !candidates.isEmpty {
                let j = candidates.removeFirst()
                byKey[key] = candidates
                result.pairs.append((i, j))
                taken.insert(j)
            } else {
                result.removed.append(i)
            }
        }
        result.added = new.indices.filter { !taken.contains($0) }
        return result
    }
}
