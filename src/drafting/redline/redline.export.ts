import { exportJob } from '../../exports/export-job';
import { redlineFile, RedlineSources } from './redline-file';

/** A redline between two versions, as DOCX or HTML, built in the export threads. */
export function buildRedlineFile(input: RedlineSources): Promise<Buffer> {
  return redlineFile(input);
}

export const REDLINE = exportJob<RedlineSources>(__filename, buildRedlineFile.name);
