import mammoth from 'mammoth';
import { Reason } from '../../court/reason';
import { draftingReasons } from '../drafting-reasons';
import { checkDocxPackage, isRefusal, PackageRefusal } from './docx-package-check';
import { ImportedSection, wordSections } from './word-sections';

/** What reading a Word file gave: its sections and what was lost, or why the file is refused. */
export type WordConversion =
  | {
      ok: true;
      sections: ImportedSection[];
      preamble: boolean;
      warnings: Reason[];
    }
  | ({ ok: false } & PackageRefusal);

/**
 * A Word file to sections: the package checked first (docx-package-check.ts), then mammoth's
 * HTML read into sections (word-sections.ts). Runs in a worker thread (word-import-runner.ts):
 * a large document takes long enough to stall every other request.
 */
export async function convertWordFile(bytes: Buffer): Promise<WordConversion> {
  const facts = checkDocxPackage(bytes);
  if (isRefusal(facts)) return { ok: false, ...facts };
  let images = 0;
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: bytes },
      {
        ignoreEmptyParagraphs: true,
        externalFileAccess: false,
        // Sections hold text: an image is counted and left out, never decoded.
        convertImage: mammoth.images.imgElement(() => {
          images += 1;
          return Promise.resolve({ src: '' });
        }),
      },
    );
    html = result.value;
  } catch {
    return { ok: false, status: 400, reason: draftingReasons.corrupt() };
  }
  const read = wordSections(html, images);
  if (read.sections.length === 0) {
    return { ok: false, status: 400, reason: draftingReasons.emptyDocument() };
  }
  const warnings = [...read.warnings];
  if (facts.trackedChanges) warnings.unshift(draftingReasons.trackedChanges());
  if (facts.comments > 0) warnings.unshift(draftingReasons.commentsDropped(facts.comments));
  return { ok: true, sections: read.sections, preamble: read.preamble, warnings };
}
