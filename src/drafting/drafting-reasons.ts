import { Reason } from '../court/reason';
import { Stage, stageName } from '../court/stage';

/**
 * Every sentence the drafting module says, in both languages of the court: why a draft cannot be
 * saved or published, why a suggestion cannot be applied, what an imported Word file lost, and
 * why a file is refused. The rules (draft-rules.ts, suggestion-application.ts, the import) return
 * these; the service only localises them.
 */
export const draftingReasons = {
  draftFrozen: (stage: Stage): Reason => {
    const name = stageName(stage);
    return {
      code: 'DRAFT_FROZEN',
      en: `The guideline is ${name.en}: it has no next version to prepare`,
      lo: `ຂໍ້ແນະນຳນີ້${name.lo}: ບໍ່ມີສະບັບຕໍ່ໄປໃຫ້ກະກຽມ`,
    };
  },
  staleRevision: (given: number, current: number, by: string | null): Reason => ({
    code: 'DRAFT_STALE',
    en:
      `The draft was saved again since you opened it (revision ${current}, yours ${given})` +
      `${by ? ` by ${by}` : ''}: reload it and make your change again; nothing was overwritten`,
    lo:
      `ຮ່າງນີ້ຖືກບັນທຶກອີກຄັ້ງຫຼັງຈາກທີ່ທ່ານເປີດມັນ (ສະບັບແກ້ໄຂທີ ${current}, ຂອງທ່ານ ${given})` +
      `${by ? ` ໂດຍ ${by}` : ''}: ກະລຸນາໂຫຼດຄືນໃໝ່ ແລ້ວແກ້ໄຂອີກຄັ້ງ; ບໍ່ມີຫຍັງຖືກຂຽນທັບ`,
  }),
  emptyDraft: (): Reason => ({
    code: 'DRAFT_EMPTY',
    en: 'The draft has no sections: add or import at least one before publishing',
    lo: 'ຮ່າງນີ້ບໍ່ມີພາກໃດເລີຍ: ກະລຸນາເພີ່ມ ຫຼື ນຳເຂົ້າຢ່າງໜ້ອຍໜຶ່ງພາກກ່ອນເຜີຍແຜ່',
  }),
  changeSummaryMissing: (): Reason => ({
    code: 'CHANGE_SUMMARY_REQUIRED',
    en: 'Say what changed in this version (changeSummary) before publishing',
    lo: 'ກະລຸນາບອກວ່າມີຫຍັງປ່ຽນແປງໃນສະບັບນີ້ (ສະຫຼຸບການປ່ຽນແປງ) ກ່ອນເຜີຍແຜ່',
  }),

  // Suggested wording
  noSuggestion: (): Reason => ({
    code: 'NO_SUGGESTION',
    en: 'This comment suggests no wording: there is nothing to apply',
    lo: 'ຄຳເຫັນນີ້ບໍ່ໄດ້ສະເໜີຖ້ອຍຄຳໃດ: ບໍ່ມີຫຍັງໃຫ້ນຳໃຊ້',
  }),
  applyNeedsAcceptance: (): Reason => ({
    code: 'APPLY_NEEDS_ACCEPTANCE',
    en: 'A suggestion is applied only with ACCEPTED or PARTIALLY_ACCEPTED',
    lo: 'ຖ້ອຍຄຳທີ່ສະເໜີຈະນຳໃຊ້ໄດ້ສະເພາະເມື່ອຮັບເອົາ ຫຼື ຮັບເອົາບາງສ່ວນເທົ່ານັ້ນ',
  }),
  alreadyInDraft: (): Reason => ({
    code: 'SUGGESTION_ALREADY_IN_DRAFT',
    en: 'This suggestion is already written into the draft',
    lo: 'ຖ້ອຍຄຳທີ່ສະເໜີນີ້ໄດ້ຖືກຂຽນເຂົ້າໃນຮ່າງແລ້ວ',
  }),
  alreadyApplied: (version: number): Reason => ({
    code: 'SUGGESTION_ALREADY_APPLIED',
    en: `This suggestion was already applied in version ${version}`,
    lo: `ຖ້ອຍຄຳທີ່ສະເໜີນີ້ໄດ້ຖືກນຳໃຊ້ແລ້ວໃນສະບັບທີ ${version}`,
  }),
  sectionNotInDraft: (key: string): Reason => ({
    code: 'SECTION_NOT_IN_DRAFT',
    en: `The draft has no section "${key}" any more: the suggestion has nowhere to go`,
    lo: `ຮ່າງບໍ່ມີພາກ "${key}" ອີກແລ້ວ: ຖ້ອຍຄຳທີ່ສະເໜີບໍ່ມີບ່ອນໃສ່`,
  }),
  passageGone: (key: string): Reason => ({
    code: 'PASSAGE_NOT_IN_DRAFT',
    en: `The quoted passage no longer occurs in section "${key}" of the draft: another suggestion or an edit changed it`,
    lo: `ຂໍ້ຄວາມທີ່ອ້າງອີງບໍ່ມີຢູ່ໃນພາກ "${key}" ຂອງຮ່າງອີກແລ້ວ: ຖ້ອຍຄຳທີ່ສະເໜີອື່ນ ຫຼື ການແກ້ໄຂໄດ້ປ່ຽນມັນ`,
  }),
  passageAmbiguous: (key: string, times: number): Reason => ({
    code: 'PASSAGE_AMBIGUOUS',
    en: `The quoted passage occurs ${times} times in section "${key}" of the draft: it is not clear which one to replace`,
    lo: `ຂໍ້ຄວາມທີ່ອ້າງອີງມີ ${times} ບ່ອນໃນພາກ "${key}" ຂອງຮ່າງ: ບໍ່ຮູ້ວ່າຈະປ່ຽນບ່ອນໃດ`,
  }),

  // Word import: what the file lost (warnings)
  imagesDropped: (count: number): Reason => ({
    code: 'IMAGES_DROPPED',
    en: `${count} image${count === 1 ? ' was' : 's were'} left out: sections hold text only`,
    lo: `ຮູບພາບ ${count} ຮູບບໍ່ໄດ້ນຳເຂົ້າ: ພາກຕ່າງໆມີແຕ່ຂໍ້ຄວາມ`,
  }),
  trackedChanges: (): Reason => ({
    code: 'TRACKED_CHANGES',
    en: 'The file has tracked changes: they were read as if accepted (insertions kept, deletions left out); check the text',
    lo: 'ໄຟລ໌ນີ້ມີການຕິດຕາມການແກ້ໄຂ: ໄດ້ອ່ານເໝືອນວ່າຮັບເອົາທັງໝົດແລ້ວ (ເກັບສ່ວນທີ່ເພີ່ມ, ບໍ່ເອົາສ່ວນທີ່ລຶບ); ກະລຸນາກວດເບິ່ງຂໍ້ຄວາມ',
  }),
  commentsDropped: (count: number): Reason => ({
    code: 'COMMENTS_DROPPED',
    en: `The file has ${count} Word comment${count === 1 ? '' : 's'}: they were left out (comments belong in the comment threads)`,
    lo: `ໄຟລ໌ນີ້ມີຄຳເຫັນຂອງ Word ${count} ຂໍ້: ບໍ່ໄດ້ນຳເຂົ້າ (ຄຳເຫັນຕ້ອງຢູ່ໃນກະທູ້ຄຳເຫັນ)`,
  }),
  emptySection: (heading: string): Reason => ({
    code: 'EMPTY_SECTION',
    en: `Section "${heading}" has a heading but no text`,
    lo: `ພາກ "${heading}" ມີຫົວຂໍ້ແຕ່ບໍ່ມີຂໍ້ຄວາມ`,
  }),
  textBeforeFirstHeading: (): Reason => ({
    code: 'TEXT_BEFORE_FIRST_HEADING',
    en: 'Text before the first heading was kept as a section of its own, without heading ("preamble")',
    lo: 'ຂໍ້ຄວາມກ່ອນຫົວຂໍ້ທຳອິດໄດ້ຖືກເກັບໄວ້ເປັນພາກໜຶ່ງຕ່າງຫາກ ທີ່ບໍ່ມີຫົວຂໍ້ ("preamble")',
  }),
  noHeadings: (): Reason => ({
    code: 'NO_HEADINGS',
    en: 'The file has no headings: its whole text became one section. Mark each article’s heading with the Heading 1 style to get one section per article',
    lo: 'ໄຟລ໌ນີ້ບໍ່ມີຫົວຂໍ້: ຂໍ້ຄວາມທັງໝົດກາຍເປັນພາກດຽວ. ກະລຸນາໃຊ້ຮູບແບບ Heading 1 ກັບຫົວຂໍ້ຂອງແຕ່ລະມາດຕາ ເພື່ອໃຫ້ໄດ້ໜຶ່ງພາກຕໍ່ໜຶ່ງມາດຕາ',
  }),
  headingLevel: (level: number): Reason => ({
    code: 'SECTIONS_FROM_HEADING_LEVEL',
    en: `The file has no Heading 1: each Heading ${level} started a section`,
    lo: `ໄຟລ໌ນີ້ບໍ່ມີ Heading 1: ແຕ່ລະ Heading ${level} ໄດ້ເລີ່ມພາກໃໝ່`,
  }),
  emptyDocument: (): Reason => ({
    code: 'EMPTY_DOCUMENT',
    en: 'The file has no text',
    lo: 'ໄຟລ໌ນີ້ບໍ່ມີຂໍ້ຄວາມ',
  }),

  // Word import: why a file is refused
  notDocx: (): Reason => ({
    code: 'NOT_A_DOCX',
    en: 'The file is not a Word document (.docx)',
    lo: 'ໄຟລ໌ນີ້ບໍ່ແມ່ນເອກະສານ Word (.docx)',
  }),
  legacyDoc: (): Reason => ({
    code: 'LEGACY_WORD_FILE',
    en: 'The file is an old Word document (.doc): save it as .docx in Word and import that',
    lo: 'ໄຟລ໌ນີ້ແມ່ນເອກະສານ Word ແບບເກົ່າ (.doc): ກະລຸນາບັນທຶກເປັນ .docx ໃນ Word ແລ້ວນຳເຂົ້າອີກຄັ້ງ',
  }),
  corrupt: (): Reason => ({
    code: 'CORRUPT_FILE',
    en: 'The file is damaged and cannot be read: open it in Word, save it again and import that',
    lo: 'ໄຟລ໌ນີ້ເສຍຫາຍ ແລະ ອ່ານບໍ່ໄດ້: ກະລຸນາເປີດໃນ Word, ບັນທຶກອີກຄັ້ງ ແລ້ວນຳເຂົ້າ',
  }),
  encrypted: (): Reason => ({
    code: 'ENCRYPTED_FILE',
    en: 'The file is protected by a password: remove the password in Word (File > Info > Protect Document) and import it again',
    lo: 'ໄຟລ໌ນີ້ຖືກປ້ອງກັນດ້ວຍລະຫັດຜ່ານ: ກະລຸນາລຶບລະຫັດຜ່ານໃນ Word ແລ້ວນຳເຂົ້າອີກຄັ້ງ',
  }),
  tooLargeUnpacked: (limitMiB: number): Reason => ({
    code: 'UNPACKED_TOO_LARGE',
    en: `The file unpacks to more than ${limitMiB} MiB: it is not an ordinary Word document`,
    lo: `ໄຟລ໌ນີ້ເມື່ອແຕກອອກມີຂະໜາດເກີນ ${limitMiB} MiB: ບໍ່ແມ່ນເອກະສານ Word ທຳມະດາ`,
  }),
  tooManyParts: (limit: number): Reason => ({
    code: 'TOO_MANY_PARTS',
    en: `The file holds more than ${limit} parts: it is not an ordinary Word document`,
    lo: `ໄຟລ໌ນີ້ມີຫຼາຍກວ່າ ${limit} ສ່ວນ: ບໍ່ແມ່ນເອກະສານ Word ທຳມະດາ`,
  }),
  sectionsInvalid: (): Reason => ({
    code: 'IMPORTED_SECTIONS_INVALID',
    en: 'The file’s sections break the section rules (see details): shorten or split them in Word and import again',
    lo: 'ພາກຕ່າງໆຂອງໄຟລ໌ບໍ່ຖືກຕາມກົດຂອງພາກ (ເບິ່ງລາຍລະອຽດ): ກະລຸນາຫຍໍ້ ຫຼື ແບ່ງໃນ Word ແລ້ວນຳເຂົ້າອີກຄັ້ງ',
  }),
};
