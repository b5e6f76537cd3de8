/** The words of a redline's title block, in both languages of the court. */
export const REDLINE_WORDS = {
  redline: { lo: 'ການປ່ຽນແປງລະຫວ່າງສອງສະບັບ', en: 'Changes between two versions' },
  versionAgainst: (newer: number, older: number) => ({
    lo: `ສະບັບທີ ${newer} ທຽບກັບສະບັບທີ ${older}`,
    en: `Version ${newer} against version ${older}`,
  }),
  version: (number: number) => ({ lo: `ສະບັບທີ ${number}`, en: `Version ${number}` }),
  published: { lo: 'ເຜີຍແຜ່', en: 'published' },
  by: { lo: 'ໂດຍ', en: 'by' },
  contentHash: { lo: 'ລະຫັດກວດສອບເນື້ອໃນ', en: 'content hash' },
  legend: {
    lo: 'ສ່ວນທີ່ເພີ່ມ ແລະ ສ່ວນທີ່ລຶບ ແມ່ນການຕິດຕາມການແກ້ໄຂ: "ຮັບເອົາທັງໝົດ" ໃຫ້ສະບັບໃໝ່, "ປະຕິເສດທັງໝົດ" ໃຫ້ສະບັບເກົ່າ.',
    en: 'Insertions and deletions are tracked changes: "Accept All" gives the newer version, "Reject All" the older one.',
  },
  summary: (s: { added: number; removed: number; changed: number; unchanged: number }) => ({
    lo: `ພາກທີ່ເພີ່ມ ${s.added}, ລຶບ ${s.removed}, ປ່ຽນ ${s.changed}, ບໍ່ປ່ຽນ ${s.unchanged}`,
    en: `Sections added ${s.added}, removed ${s.removed}, changed ${s.changed}, unchanged ${s.unchanged}`,
  }),
  noChanges: { lo: 'ບໍ່ມີການປ່ຽນແປງ', en: 'No changes' },
};

export type Bilingual = { lo: string; en: string };

export const bilingual = (words: Bilingual) => `${words.lo} / ${words.en}`;
