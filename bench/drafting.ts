// `npm run bench:drafting`: the drafting loop's two heavy steps on a 200-section guideline, the
// Word import (package check, mammoth, sections) and the redline (word diff of every section,
// tracked changes, packing; the task the export pool runs), each timed over several runs after a
// warm-up. The import also runs through its worker pool, as the API runs it.
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { performance } from 'node:perf_hooks';
import { redlineFile } from '../src/drafting/redline/redline-file';
import { buildRedline } from '../src/drafting/redline/redline-model';
import { convertWordFile } from '../src/drafting/word-import/word-conversion';
import { WordImportRunner } from '../src/drafting/word-import/word-import-runner';
import type { SectionContent } from '../src/guidelines/section-content';

const SECTIONS = 200;
const RUNS = 5;
const LAO = 'ຜູ້ພິພາກສາຕ້ອງຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ ແລະ ບໍ່ຂັດຈັງຫວະ, ໃຫ້ເວລາພຽງພໍ ແລະ ອະທິບາຍຂັ້ນຕອນຂອງສານໃຫ້ເຂົ້າໃຈ. ';
const EN =
  'The court explains each step of the hearing in words the victim understands and records the explanation. ';

/** A guideline of 200 articles, half in Lao, of about 1,200 characters each in three paragraphs. */
function sections(): SectionContent[] {
  return Array.from({ length: SECTIONS }, (_, i) => {
    const lao = i % 2 === 0;
    const text = (lao ? LAO : EN).repeat(4).trim();
    return {
      key: `art-${i + 1}`,
      kind: 'text',
      heading: lao ? `ມາດຕາ ${i + 1}: ການຮັບຟັງ` : `Article ${i + 1}: Hearings`,
      body: [text, text, text].join('\n\n'),
      code: null,
      category: null,
    };
  });
}

/** The next version: one word changed in every third section, a sentence added to every fifth. */
function edited(older: SectionContent[]): SectionContent[] {
  return older.map((s, i) => ({
    ...s,
    body:
      (i % 3 === 0 ? s.body.replace('ອົດທົນ', 'ລະມັດລະວັງ').replace('records', 'keeps') : s.body) +
      (i % 5 === 0 ? '\n\nA new paragraph on interpreters. ມີນາຍແປພາສາ.' : ''),
  }));
}

function wordFile(content: SectionContent[]): Promise<Buffer> {
  return Packer.toBuffer(
    new Document({
      sections: [
        {
          children: content.flatMap((s) => [
            new Paragraph({ heading: HeadingLevel.HEADING_1, text: s.heading }),
            ...s.body.split('\n\n').map((p) => new Paragraph(p)),
          ]),
        },
      ],
    }),
  );
}

async function timed(label: string, run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up, not counted
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `${label.padEnd(44)} median ${median.toFixed(0).padStart(5)} ms  (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)})`,
  );
  return median;
}

async function main(): Promise<void> {
  const older = sections();
  const newer = edited(older);
  const docx = await wordFile(older);
  console.log(
    `${SECTIONS} sections, ${older.reduce((n, s) => n + s.body.length, 0).toLocaleString('en')} characters; Word file ${(docx.length / 1024).toFixed(0)} KiB; ${RUNS} runs after a warm-up`,
  );
  const converted = await convertWordFile(docx);
  if (!converted.ok || converted.sections.length !== SECTIONS) {
    throw new Error(`import read ${converted.ok ? converted.sections.length : 'nothing'}`);
  }
  const runner = new WordImportRunner();
  const version = (number: number) => ({
    number,
    contentHash: String(number).repeat(64),
    publishedAt: new Date(),
    publishedBy: 'Bench',
  });
  const redlineSources = {
    guideline: { code: 'BENCH', title: { lo: 'ການຮັບຟັງ', en: 'Hearings' } },
    newer: version(2),
    older: version(1),
    olderSections: older,
    newerSections: newer,
  };
  const results = {
    importInProcessMs: await timed('import, in this thread', () => convertWordFile(docx)),
    importWorkerMs: await timed('import, through the worker pool (as the API)', () =>
      runner.convert(docx),
    ),
    redlineModelMs: await timed('redline: word diff of every section', async () =>
      buildRedline(older, newer),
    ),
    redlineDocxMs: await timed('redline DOCX: diff, tracked changes, packing', () =>
      redlineFile({ ...redlineSources, format: 'docx' }),
    ),
    redlineHtmlMs: await timed('redline HTML: diff and page', () =>
      redlineFile({ ...redlineSources, format: 'html' }),
    ),
  };
  await runner.onModuleDestroy();
  console.log(JSON.stringify(results));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
