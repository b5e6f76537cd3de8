import { Locale } from '../court/roles';
import { MatrixItemView } from '../comments/comment.dto';
import { MatrixDocumentInfo, matrixDocx } from '../comments/matrix/matrix-docx';
import { GuidelineDocument } from '../documents/guideline-document';
import { buildGuidelineDocx } from '../documents/guideline-docx';
import { redlineFile, RedlineSources } from '../drafting/redline/redline-file';

/**
 * What the export pool's threads can make: one entry per kind of file, a pure function of
 * plain data (it crosses to a worker thread by structured clone: objects, arrays, strings,
 * numbers, Dates; no class instances, no connections) that resolves to the file's bytes.
 *
 * Adding a kind of file: write its builder as such a function, name it here, and call
 * `ExportPool.run('<name>', input)` from the service (src/exports/export-pool.ts).
 */
export const EXPORT_TASKS = {
  /**
   * The comment matrix as a Word document (src/comments/matrix/matrix-docx.ts). The items come as
   * pages of JSON text: a string crosses to the thread as one copy, where 20,000 objects would
   * hold the event loop while they are cloned.
   */
  'matrix-docx': (input: { itemPages: string[]; info: MatrixDocumentInfo; locale: Locale }) =>
    matrixDocx(
      input.itemPages.flatMap((page) => JSON.parse(page) as MatrixItemView[]),
      input.info,
      input.locale,
    ),
  /** A version as a Word document (src/documents/guideline-docx.ts). */
  'guideline-docx': (input: { document: GuidelineDocument; timeZone: string }) =>
    buildGuidelineDocx(input.document, input.timeZone),
  /** A redline between two versions, as DOCX or HTML (src/drafting/redline/redline-file.ts). */
  redline: (input: RedlineSources) => redlineFile(input),
} satisfies Record<string, (input: never) => Promise<Buffer>>;

export type ExportTask = keyof typeof EXPORT_TASKS;
export type ExportInput<T extends ExportTask> = Parameters<(typeof EXPORT_TASKS)[T]>[0];

/** What the pool posts to a thread. */
export interface ExportMessage<T extends ExportTask = ExportTask> {
  task: T;
  input: ExportInput<T>;
}
