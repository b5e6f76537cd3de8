import { SectionContent } from '../../guidelines/section-content';
import { buildRedlineDocx, RedlineDocument } from './redline-docx';
import { renderRedlineHtml } from './redline-html';
import { buildRedline } from './redline-model';
import type { RedlineFormat } from './redline.dto';

/** What a redline is made from: plain data, so that it crosses to the export pool's threads. */
export interface RedlineSources extends Omit<RedlineDocument, 'redline'> {
  olderSections: SectionContent[];
  newerSections: SectionContent[];
  format: RedlineFormat;
}

/**
 * A redline's bytes from its two versions: the word diff of every section and the writing of the
 * file, both CPU work, so the service runs this in the export pool (redline.export.ts).
 */
export async function redlineFile(sources: RedlineSources): Promise<Buffer> {
  const { olderSections, newerSections, format, ...rest } = sources;
  const doc: RedlineDocument = { ...rest, redline: buildRedline(olderSections, newerSections) };
  return format === 'html' ? Buffer.from(renderRedlineHtml(doc), 'utf8') : buildRedlineDocx(doc);
}
