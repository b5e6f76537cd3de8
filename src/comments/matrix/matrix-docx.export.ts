import { Locale } from '../../court/roles';
import { exportJob } from '../../exports/export-job';
import { MatrixItemView } from '../comment.dto';
import { MatrixDocumentInfo, matrixDocx } from './matrix-docx';

/**
 * The comment matrix as a Word document, built in the export threads. The items come as pages of
 * JSON text: a string crosses to the thread as one copy, where 20,000 objects would hold the
 * event loop while they are cloned.
 */
export interface MatrixDocxInput {
  itemPages: string[];
  info: MatrixDocumentInfo;
  locale: Locale;
}

export function buildMatrixDocx(input: MatrixDocxInput): Promise<Buffer> {
  return matrixDocx(
    input.itemPages.flatMap((page) => JSON.parse(page) as MatrixItemView[]),
    input.info,
    input.locale,
  );
}

export const MATRIX_DOCX = exportJob<MatrixDocxInput>(__filename, buildMatrixDocx.name);
