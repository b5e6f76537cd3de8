import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { Stage } from '../court/stage';
import { GuidelineDocument } from './guideline-document';
import { buildGuidelineDocx, CONTENTS_FROM_SECTIONS } from './guideline-docx';

const HASH = '0123456789abcdef'.repeat(4);

const doc: GuidelineDocument = {
  guideline: {
    code: 'VSC-MX4D0XVK',
    title: { en: 'Guidelines for victim-sensitive courts', lo: 'ຄູ່ມືສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
    stage: Stage.ADOPTED,
    currentVersion: 4,
  },
  version: {
    number: 4,
    stage: Stage.TECHNICAL_WORKING_GROUP,
    contentHash: HASH,
    publishedAt: new Date('2026-02-01T18:00:00Z'),
    adoptedAt: new Date('2026-05-31T20:00:00Z'),
  },
  sections: [
    {
      key: 'purpose',
      heading: 'ຈຸດປະສົງ',
      body: 'ຜູ້ເຄາະຮ້າຍ ມາດຕາ 12\n\nSecond & <third>',
      kind: 'text',
    },
    {
      key: 'i1',
      heading: 'Separate room',
      body: 'A room apart',
      kind: 'indicator',
      code: 'VSC-1',
      category: 'ສະພາບແວດລ້ອມ',
    },
    { key: 'i2', heading: 'Interpreter', body: 'Present', kind: 'indicator', code: 'VSC-2' },
    { key: 'scope', heading: 'Scope', body: 'All courts.\u0007 One\u000Btwo', kind: 'text' },
  ],
};

async function partsOf(buffer: Buffer) {
  const files = unzipSync(new Uint8Array(buffer));
  const read = (name: string) => strFromU8(files[name]);
  return {
    xml: read('word/document.xml'),
    styles: read('word/styles.xml'),
    fonts: read('word/fontTable.xml'),
    core: read('docProps/core.xml'),
    custom: read('docProps/custom.xml'),
  };
}

/** Every `<w:r>` of the body with its properties and text. */
function runsOf(xml: string): { props: string; text: string }[] {
  return [...xml.matchAll(/<w:r>(?:<w:rPr>(.*?)<\/w:rPr>)?(.*?)<\/w:r>/g)].map((m) => ({
    props: m[1] ?? '',
    text: [...m[2].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  }));
}

/** The text of each paragraph, runs joined (w:br as a line break). */
function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p>(.*?)<\/w:p>|<w:p [^>]*>(.*?)<\/w:p>/g)].map((m) =>
    [...(m[1] ?? m[2]).matchAll(/<w:t[^>]*>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((t) => (t[0] === '<w:br/>' ? '\n' : t[1]))
      .join(''),
  );
}

const version = (changes: Partial<GuidelineDocument['version']>) => ({
  ...doc.version,
  ...changes,
});

describe('buildGuidelineDocx', () => {
  it('writes the title page, numbered headings, an indicator table and the hash', async () => {
    const { xml, core, custom } = await partsOf(await buildGuidelineDocx(doc, 'Asia/Vientiane'));
    const paragraphs = paragraphsOf(xml);
    for (const text of [
      'ຄູ່ມືສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ',
      'Guidelines for victim-sensitive courts',
      'ລະຫັດ / Code: VSC-MX4D0XVK',
      `ລະຫັດກວດສອບເນື້ອໃນ / Content hash (SHA-256): ${HASH}`,
      '1. ຈຸດປະສົງ',
      '2. Scope',
      'VSC-1',
      'VSC-2',
      'Separate room',
      'ສະພາບແວດລ້ອມ',
      'Second &amp; &lt;third&gt;',
      // Adopted at 20:00 UTC on 31 May is 1 June in Vientiane.
      'ຮັບຮອງວັນທີ / Adopted on: 2026-06-01',
      'ສະຖານະ / Status: ສະບັບທີ່ຮັບຮອງ / the adopted version',
    ]) {
      expect(paragraphs).toContain(text);
    }
    expect(xml).toMatch(/<w:tbl>/);
    expect(core).toContain('VSC-MX4D0XVK v4');
    expect(custom).toContain(HASH);
  });

  it('gives headings styles with outline levels, and the title page no page number', async () => {
    const { xml, styles } = await partsOf(await buildGuidelineDocx(doc, 'Asia/Vientiane'));
    const style = (id: string) =>
      new RegExp(`<w:style [^>]*w:styleId="${id}">.*?</w:style>`).exec(styles)?.[0] ?? '';
    expect(style('Heading1')).toContain('<w:outlineLvl w:val="0"/>');
    expect(style('Heading2')).toContain('<w:outlineLvl w:val="1"/>');
    expect(style('Title')).not.toContain('w:outlineLvl');
    expect(xml.match(/<w:pStyle w:val="Heading1"\/>/g)).toHaveLength(2);
    const sections = [...xml.matchAll(/<w:sectPr>.*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    expect(sections[0]).not.toContain('w:footerReference');
    expect(sections[1]).toContain('w:footerReference');
    expect(sections[1]).toContain('<w:pgNumType w:start="1"/>');
  });

  it('sets Latin text, digits included, in the Latin font and Lao in Phetsarath OT, each with its language', async () => {
    const { xml, fonts } = await partsOf(await buildGuidelineDocx(doc, 'Asia/Vientiane'));
    const runs = runsOf(xml);
    const latin = 'w:ascii="Times New Roman" w:cs="Times New Roman" w:hAnsi="Times New Roman"';
    const code = runs.find((r) => r.text === 'VSC-MX4D0XVK');
    expect(code?.props).toContain(latin);
    expect(code?.props).toContain('<w:lang w:val="en-US"');
    // Digits after Lao text are a run of their own, in the Latin font in every slot.
    const lao = runs.find((r) => r.text === 'ຜູ້ເຄາະຮ້າຍ ມາດຕາ');
    expect(lao?.props).toContain('w:cs="Phetsarath OT"');
    expect(lao?.props).toContain('w:ascii="Times New Roman"');
    expect(lao?.props).toContain('<w:lang w:val="lo-LA" w:bidi="lo-LA"/>');
    expect(runs.find((r) => r.text === ' 12')?.props).toContain(latin);
    expect(runs.find((r) => r.text === HASH)?.props).toContain('w:ascii="Courier New"');
    for (const run of runs.filter((r) => r.text !== '')) expect(run.props).toContain('<w:lang ');
    expect(xml).not.toContain('Noto Sans Lao');
    expect(fonts).toContain('<w:font w:name="Phetsarath OT"><w:altName w:val="Noto Sans Lao"/>');
  });

  it('turns a vertical tab into a line break and drops other control characters', async () => {
    const { xml } = await partsOf(await buildGuidelineDocx(doc, 'Asia/Vientiane'));
    expect(paragraphsOf(xml)).toContain('All courts. One\ntwo');
    expect(xml).not.toContain('\u0007');
    expect(xml).not.toContain('\u000B');
  });

  it('tells the adopted, superseded, current and withdrawn versions apart', async () => {
    const statusOf = async (d: GuidelineDocument) =>
      paragraphsOf((await partsOf(await buildGuidelineDocx(d, 'Asia/Vientiane'))).xml).find((p) =>
        p.startsWith('ສະຖານະ / Status: '),
      );
    expect(
      await statusOf({
        ...doc,
        guideline: { ...doc.guideline, stage: Stage.ADOPTED, currentVersion: 5 },
        version: version({ adoptedAt: null }),
      }),
    ).toBe(
      'ສະຖານະ / Status: ຖືກແທນທີ່ດ້ວຍສະບັບທີ 5 ເຊິ່ງເປັນສະບັບທີ່ຮັບຮອງ / superseded by version 5, the adopted version',
    );
    expect(
      await statusOf({
        ...doc,
        guideline: { ...doc.guideline, stage: Stage.CONSULTATION, currentVersion: 6 },
        version: version({ adoptedAt: null }),
      }),
    ).toBe('ສະຖານະ / Status: ຖືກແທນທີ່ດ້ວຍສະບັບທີ 6 / superseded by version 6');
    expect(
      await statusOf({
        ...doc,
        guideline: { ...doc.guideline, stage: Stage.COUNCIL_OF_JUDGES, currentVersion: 4 },
        version: version({ adoptedAt: null }),
      }),
    ).toBe(
      'ສະຖານະ / Status: ຮ່າງປັດຈຸບັນ, ຢູ່ໃນຂັ້ນຕອນສະພາຜູ້ພິພາກສາ / current draft, at the Council of Judges stage',
    );
    expect(
      await statusOf({
        ...doc,
        guideline: { ...doc.guideline, stage: Stage.WITHDRAWN, currentVersion: 4 },
        version: version({ adoptedAt: null }),
      }),
    ).toBe('ສະຖານະ / Status: ຄູ່ມືຖືກຖອນແລ້ວ, ບໍ່ໄດ້ຮັບຮອງ / the guideline was withdrawn, not adopted');
  });

  it('gives the same bytes for the same version whatever the clock says, dated from the record', async () => {
    jest.useFakeTimers({ now: new Date('2027-03-04T05:06:07Z') });
    try {
      const first = await buildGuidelineDocx(doc, 'Asia/Vientiane');
      jest.setSystemTime(new Date('2031-10-11T12:13:14Z'));
      const second = await buildGuidelineDocx(doc, 'Asia/Vientiane');
      const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      expect(sha(second)).toBe(sha(first));
      const { core } = await partsOf(first);
      expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-02-01T18:00:00Z<');
      expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-05-31T20:00:00Z<');
      expect(core).not.toMatch(/2027|2031/);
    } finally {
      jest.useRealTimers();
    }
  });

  it('opens with a table of contents only when there are more than a few sections', async () => {
    const many: GuidelineDocument = {
      ...doc,
      sections: Array.from({ length: CONTENTS_FROM_SECTIONS }, (_, i) => ({
        key: `a${i}`,
        heading: `Article ${i + 1}`,
        body: 'Text',
        kind: 'text' as const,
      })),
    };
    const withContents = (await partsOf(await buildGuidelineDocx(many, 'Asia/Vientiane'))).xml;
    expect(withContents).toContain('TOC \\h \\o &quot;1-3&quot;');
    expect(paragraphsOf(withContents)).toContain('ສາລະບານ / Contents');
    const without = (await partsOf(await buildGuidelineDocx(doc, 'Asia/Vientiane'))).xml;
    expect(without).not.toContain('TOC \\h');
  });
});
