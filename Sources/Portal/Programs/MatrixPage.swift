import HTTP
import SQLite
import Templates

/// The project and activity matrix (مصفوفة المشاريع والأنشطة) as the documents print it and
/// councils read it: one row per activity, the axis cell spanning all rows of its projects and
/// the project cell spanning its activities, with the program's total at the foot. It is the
/// page people print (A4 landscape) for the October session, so its print rules live in app.css.
enum MatrixPage {
    static func load(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> PageView {
        let program = try ProgramStore.record(db, slug: slug, period: period)
        let view = ProgramView(program: program, page: page)
        let matrix = MatrixView(summary: view.header, groups: program.axisGroups.map { rows(of: $0, view) },
                                hasProjects: !program.projects.isEmpty,
                                updatedOn: try ProgramStore.lastUpdatedDay(db, programID: program.id))
        return PageView(template: "pages/matrix", title: page.t("matrix.title") + " · " + program.title.text(page.language), view: matrix)
    }

    /// The table rows of one axis group. The first row carries the axis cell (spanning every
    /// row of the group) and each project's first row carries its cell (spanning its
    /// activities); a project without activities still takes one row so it is not lost.
    static func rows(of group: ProgramRecord.AxisGroup, _ view: ProgramView) -> [MatrixRow] {
        let axis = group.axis.map(view.axisLabel)
        guard !group.projects.isEmpty else {
            return [MatrixRow(axisCell: AxisCell(rowspan: 1, axis: axis), projectCell: nil, continued: nil, activity: nil,
                              noActivities: false, noProjects: true)]
        }
        var rows: [MatrixRow] = []
        for project in group.projects {
            let projectCell = ProjectCell(rowspan: max(project.activities.count, 1), number: project.number,
                                          title: view.localized(project.title), href: view.route(.project(project.number)).path,
                                          budgetCentimes: project.budgetCentimes)
            let activities = project.activities.isEmpty ? [nil] : project.activities.map { Optional($0) }
            for (position, activity) in activities.enumerated() {
                rows.append(MatrixRow(
                    axisCell: rows.isEmpty ? AxisCell(rowspan: group.rowCount, axis: axis) : nil,
                    projectCell: position == 0 ? projectCell : nil,
                    // Printed, a project can run onto the next page, where the spanning cells stay
                    // empty: each later row names its axis and project (shown in print only).
                    continued: position == 0 ? nil : ContinuedCells(axis: axis, projectNumber: project.number, projectTitle: projectCell.title),
                    activity: activity.map { view.activityRow($0, in: project) },
                    noActivities: activity == nil, noProjects: false))
            }
        }
        return rows
    }
}

/// The matrix page: the program's header, its rows grouped by axis, and the day it last changed.
struct MatrixView: TemplateView {
    let summary: ProgramHeader
    let groups: [[MatrixRow]]
    let hasProjects: Bool
    let updatedOn: String?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "summary": return .init(summary)
        case "groups": return .array(groups.map { ["rows": .init($0)] })
        case "has_projects": return .bool(hasProjects)
        case "updated_on": return .init(updatedOn)
        default: return nil
        }
    }
}

/// One row of the matrix table: the cells that start on it (axis, project), the activity, or
/// the marks of a project without activities or an axis without projects.
struct MatrixRow: TemplateView {
    let axisCell: AxisCell?
    let projectCell: ProjectCell?
    let continued: ContinuedCells?
    let activity: ActivityRow?
    let noActivities: Bool
    let noProjects: Bool

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "axis_cell": return .init(axisCell)
        case "project_cell": return .init(projectCell)
        case "continued": return .init(continued)
        case "activity": return .init(activity)
        case "no_activities": return .bool(noActivities)
        case "no_projects": return .bool(noProjects)
        default: return nil
        }
    }
}

/// The axis cell, spanning its group's rows; without an axis, the group of projects whose axis
/// the documents do not give.
struct AxisCell: TemplateView {
    let rowspan: Int
    let axis: AxisLabel?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "rowspan": return .int(rowspan)
        case "unspecified": return axis == nil ? true : nil
        default: return axis?.member(key)
        }
    }
}

/// The project cell, spanning its activities' rows.
struct ProjectCell: TemplateView {
    let rowspan: Int
    let number: Int
    let title: LocalizedText
    let href: String
    let budgetCentimes: Int?

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "rowspan": return .int(rowspan)
        case "number": return .int(number)
        case "title": return .init(title)
        case "href": return .string(href)
        case "budget": return .init(budgetCentimes)
        default: return nil
        }
    }
}

/// What a printed row repeats when its project ran on from the page before.
struct ContinuedCells: TemplateView {
    let axis: AxisLabel?
    let projectNumber: Int
    let projectTitle: LocalizedText

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "axis": return .init(axis)
        case "project": return ["number": .int(projectNumber), "title": .init(projectTitle)]
        default: return nil
        }
    }
}

extension ProgramRecord {
    /// Projects under their axis, in axis order; projects whose axis the documents do not give
    /// (Larache's drafts) come last in a group without axis. The matrix and the CSV both walk
    /// this, so the download lists rows in the order the page shows them.
    struct AxisGroup {
        var axis: Axis?
        var projects: [Project]
        /// Table rows the group takes: one per activity, one for a project without any.
        var rowCount: Int { max(1, projects.reduce(0) { $0 + max($1.activities.count, 1) }) }
    }

    var axisGroups: [AxisGroup] {
        var groups = axes.map { axis in AxisGroup(axis: axis, projects: projects.filter { $0.axisID == axis.id }) }
        let known = Set(axes.map(\.id))
        let orphans = projects.filter { project in project.axisID.map { !known.contains($0) } ?? true }
        if !orphans.isEmpty { groups.append(AxisGroup(axis: nil, projects: orphans)) }
        return groups
    }
}
