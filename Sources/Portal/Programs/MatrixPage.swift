import HTTP
import SQLite
import Templates

/// The project and activity matrix (مصفوفة المشاريع والأنشطة) as the documents print it and
/// councils read it: one row per activity, the axis cell spanning all rows of its projects and
/// the project cell spanning its activities, with the program's total at the foot. It is the
/// page people print (A4 landscape) for the October session, so its print rules live in app.css.
enum MatrixPage {
    static func load(_ db: Connection, slug: String, period: String, page: PageRequest) throws -> PageView {
        let program = try ProgramRecord.load(db, slug: slug, period: period)
        let view = ProgramView(program: program, page: page)
        let groups = program.axisGroups.map { group -> TemplateValue in
            ["rows": .array(rows(of: group, view))]
        }
        return PageView(template: "pages/matrix", title: page.t("matrix.title") + " · " + program.title.text(page.language), context: [
            "summary": .object(view.summary),
            "groups": .array(groups),
            "has_projects": .bool(!program.projects.isEmpty),
            "updated_on": TemplateValue(try LastUpdated.day(db, programID: program.id)),
        ])
    }

    /// The table rows of one axis group. The first row carries the axis cell (spanning every
    /// row of the group) and each project's first row carries its cell (spanning its
    /// activities); a project without activities still takes one row so it is not lost.
    static func rows(of group: ProgramRecord.AxisGroup, _ view: ProgramView) -> [TemplateValue] {
        let span = group.rowCount
        var rows: [TemplateValue] = []
        if group.projects.isEmpty {
            rows.append(["axis_cell": axisCell(group, rowspan: 1, view), "no_projects": true])
            return rows
        }
        for project in group.projects {
            let projectCell: TemplateValue = [
                "rowspan": .int(max(project.activities.count, 1)),
                "number": .int(project.number),
                "title": view.text(project.title),
                "href": .string(view.route(.project(project.number)).path),
                "budget": view.money(project.budgetCentimes),
            ]
            let activities = project.activities.isEmpty ? [nil] : project.activities.map { Optional($0) }
            for (position, activity) in activities.enumerated() {
                var row: [String: TemplateValue] = [:]
                if rows.isEmpty { row["axis_cell"] = axisCell(group, rowspan: span, view) }
                if position == 0 { row["project_cell"] = projectCell } else {
                    // Printed, a project can run onto the next page, where the spanning cells stay
                    // empty: each later row names its axis and project (shown in print only).
                    row["continued"] = ["axis": group.axis.map { ["number": .int($0.number), "title": view.text($0.title)] } ?? .null,
                                        "project": ["number": .int(project.number), "title": view.text(project.title)]]
                }
                if let activity { row["activity"] = view.activity(activity, in: project) } else { row["no_activities"] = true }
                rows.append(.object(row))
            }
        }
        return rows
    }

    static func axisCell(_ group: ProgramRecord.AxisGroup, rowspan: Int, _ view: ProgramView) -> TemplateValue {
        guard let axis = group.axis else { return ["rowspan": .int(rowspan), "unspecified": true] }
        return ["rowspan": .int(rowspan), "number": .int(axis.number), "title": view.text(axis.title)]
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
