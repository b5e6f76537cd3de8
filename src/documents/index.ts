/** What other modules (and the web UI) use from documents: the pure Markdown and Word writers. */
export type { DocumentSection, GuidelineDocument } from './guideline-document';
export {
  GuidelineMarkdownError,
  parseGuidelineMarkdown,
  renderGuidelineMarkdown,
} from './guideline-markdown';
export type {
  GuidelineMarkdownMeta,
  MarkdownProblem,
  ParsedGuidelineMarkdown,
} from './guideline-markdown';
export { buildGuidelineDocx } from './guideline-docx';
export { indicatorCoverage } from './indicator-coverage';
