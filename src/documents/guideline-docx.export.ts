import { exportJob } from '../exports/export-job';
import { GuidelineDocument } from './guideline-document';
import { buildGuidelineDocx } from './guideline-docx';

/** A version as a Word document, built in the export threads. */
export interface GuidelineDocxInput {
  document: GuidelineDocument;
  timeZone: string;
}

export function buildGuidelineDocxFile(input: GuidelineDocxInput): Promise<Buffer> {
  return buildGuidelineDocx(input.document, input.timeZone);
}

export const GUIDELINE_DOCX = exportJob<GuidelineDocxInput>(
  __filename,
  buildGuidelineDocxFile.name,
);
