import JSZip from 'jszip';
import { Stage } from '../court/stage';
import { GuidelineDocument } from './guideline-document';
import { buildGuidelineDocx } from './guideline-docx';

const HASH = '0123456789abcdef'.repeat(4);

const doc: GuidelineDocument = {
  guideline: {
    code: 'VSC-GL',
    title: { en: 'Guidelines for victim-sensitive courts', lo: 'ຄູ່ມືສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ' },
    stage: Stage.ADOPTED,
  },
  version: {
    number: 4,
    stage: Stage.TECHNICAL_WORKING_GROUP,
    contentHash: HASH,
    publishedAt: new Date('2026-02-01T18:00:00Z'),
    adoptedAt: new Date('2026-05-31T20:00:00Z'),
  },
  sections: [
    { key: 'purpose', heading: 'ຈຸດປະສົງ', body: 'ຜູ້ເຄາະຮ້າຍ\n\nSecond & <third>', kind: 'text' },
    {
      key: 'i1',
      heading: 'Separate room',
      body: 'A room apart',
      kind: 'indicator',
      code: 'VSC-1',
      category: 'ສະພາບແວດລ້ອມ',
    },
    { key: 'i2', heading: 'Interpreter', body: 'Present', kind: 'indicator', code: 'VSC-2' },
    { key: 'scope', heading: 'Scope', body: 'All courts.\u0007', kind: 'text' },
  ],
};

async function partsOf(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const read = (name: string) => zip.file(name)!.async('string');
  return {
    xml: await read('word/document.xml'),
    core: await read('docProps/core.xml'),
    custom: await read('docProps/custom.xml'),
  };
}

describe('buildGuidelineDocx', () => {
  it('writes the title page, numbered headings, an indicator table and the hash', async () => {
    const { xml, core, custom } = await partsOf(await buildGuidelineDocx(doc, 'Asia/Vientiane'));
    for (const text of [
      'ຄູ່ມືສານທີ່ຄຳນຶງເຖິງຜູ້ເຄາະຮ້າຍ',
      'Guidelines for victim-sensitive courts',
      'VSC-GL',
      HASH,
      '1. ',
      'ຈຸດປະສົງ',
      '2. ',
      'Scope',
      'VSC-1',
      'VSC-2',
      'Separate room',
      'ສະພາບແວດລ້ອມ',
      'Second &amp; &lt;third&gt;',
      // Adopted at 20:00 UTC on 31 May is 1 June in Vientiane.
      '2026-06-01',
    ]) {
      expect(xml).toContain(text);
    }
    expect(xml).toMatch(/<w:tbl>/);
    expect(xml).toContain('w:cs="Phetsarath OT"');
    expect(xml).toContain('w:eastAsia="Noto Sans Lao"');
    expect(xml).toContain('w:bidi="lo-LA"');
    expect(xml).not.toContain('\u0007');
    expect(core).toContain('VSC-GL v4');
    expect(custom).toContain(HASH);
  });

  it('says a version is not the adopted one', async () => {
    const { xml } = await partsOf(
      await buildGuidelineDocx(
        { ...doc, version: { ...doc.version, adoptedAt: null } },
        'Asia/Vientiane',
      ),
    );
    expect(xml).toContain('not the adopted version');
    expect(xml).not.toContain('Adopted on');
  });
});
