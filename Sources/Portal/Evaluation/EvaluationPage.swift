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
        let evaluationView = EvaluationPageView(
            evaluation: EvaluationView(figures, texts: evaluation.texts, language: page.language, t: page.t),
            summary: ProgramSummaryLinks(header: view.header, executionHref: view.route(.execution).path),
            publishedOn: evaluation.publishedAt.flatMap { try? Call.parse($0) }.map(MoroccoTime.day),
            csvHref: view.route(.evaluationCSV(year)).path, jsonHref: view.route(.evaluationJSON(year)).path)
        let title = page.fill("evaluation.title", String(year)) + " · " + program.title.text(page.language)
        return PageView(template: "pages/evaluation", title: title, view: evaluationView)
    }
}

/// A published evaluation's page: the program's header (with its Execution page's link), the
/// evaluation, when it was published and its files.
struct EvaluationPageView: TemplateView {
    let evaluation: EvaluationView
    let summary: ProgramSummaryLinks
    /// The day it was published, in Morocco.
    let publishedOn: String?
    let csvHref: String
    let jsonHref: String

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "summary": return .init(summary)
        case "published_on": return .init(publishedOn)
        case "csv_href": return .string(csvHref)
        case "json_href": return .string(jsonHref)
        default: return evaluation.member(key)
        }
    }
}

/// A program's header with the links of its execution pages: the Execution page's, and its
/// files' where the page offers them (nil: no key).
struct ProgramSummaryLinks: TemplateView {
    let header: ProgramHeader
    let executionHref: String
    var executionCSVHref: String? = nil
    var executionJSONHref: String? = nil

    func member(_ key: String) -> TemplateValue? {
        switch key {
        case "execution_href": return .string(executionHref)
        case "execution_csv_href": return executionCSVHref.map { .string($0) }
        case "execution_json_href": return executionJSONHref.map { .string($0) }
        default: return header.member(key)
        }
    }
}
