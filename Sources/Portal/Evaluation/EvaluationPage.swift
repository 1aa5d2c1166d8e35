import Foundation
import HTTP
import SQLite
import Templates

/// A published annual evaluation's public page (`/{lang}/communes/{slug}/programs/{period}/evaluations/{year}`,
/// issue 13): the figures frozen when it was published and the committee's written parts, with the
/// day its data is from; printable on A4 portrait. A draft, or a year without an evaluation, is not
/// found: citizens read what the committee published, nothing before.
enum EvaluationPage {
    /// The program and its published evaluation of `year`, or 404.
    static func published(_ db: Connection, slug: String, period: String, year: Int) throws -> (ProgramRecord, EvaluationStore.Evaluation, EvaluationFigures) {
        let program = try ProgramStore.record(db, slug: slug, period: period)
        guard let evaluation = try EvaluationStore.find(db, programID: program.id, year: year), evaluation.isPublished,
              let figures = evaluation.figures else { throw PageError.notFound }
        return (program, evaluation, figures)
    }

    static func load(_ db: Connection, slug: String, period: String, year: Int, page: PageRequest) throws -> PageView {
        let (program, evaluation, figures) = try published(db, slug: slug, period: period, year: year)
        let view = ProgramView(program: program, page: page)
        var context = EvaluationView.value(figures, texts: evaluation.texts, language: page.language, t: page.t)
        context["summary"] = view.summary(adding: ["execution_href": .string(view.route(.execution).path)])
        context["published_on"] = TemplateValue(evaluation.publishedAt.flatMap { try? Call.parse($0) }.map(MoroccoTime.day))
        context["csv_href"] = .string(view.route(.evaluationCSV(year)).path)
        context["json_href"] = .string(view.route(.evaluationJSON(year)).path)
        let title = page.fill("evaluation.title", String(year)) + " · " + program.title.text(page.language)
        return PageView(template: "pages/evaluation", title: title, context: context)
    }
}
