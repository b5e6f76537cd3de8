import { stageName } from '../court/stage';
import { VersionStatus } from './guideline-document';

/** Every sentence the guideline documents (Word and Markdown) print, in Lao and English. */

type Words = { lo: string; en: string };

export const DOCUMENT_WORDS = {
  court: { lo: 'ສານປະຊາຊົນສູງສຸດ', en: 'People’s Supreme Court' },
  code: { lo: 'ລະຫັດ', en: 'Code' },
  version: { lo: 'ສະບັບທີ', en: 'Version' },
  published: { lo: 'ເຜີຍແຜ່', en: 'Published' },
  status: { lo: 'ສະຖານະ', en: 'Status' },
  adoptedOn: { lo: 'ຮັບຮອງວັນທີ', en: 'Adopted on' },
  contentHash: { lo: 'ລະຫັດກວດສອບເນື້ອໃນ', en: 'Content hash (SHA-256)' },
  contents: { lo: 'ສາລະບານ', en: 'Contents' },
  indicator: { lo: 'ຕົວຊີ້ວັດ', en: 'Indicator statement' },
  category: { lo: 'ໝວດ', en: 'Category' },
} satisfies Record<string, Words>;

/** "ລາວ / English", as the bilingual title page and headers write every label. */
export function bilingual(words: Words): string {
  return `${words.lo} / ${words.en}`;
}

/** The status line's value: adopted, superseded by version N, withdrawn, or the current draft. */
export function statusWords(status: VersionStatus): Words {
  switch (status.kind) {
    case 'adopted':
      return { lo: 'ສະບັບທີ່ຮັບຮອງ', en: 'the adopted version' };
    case 'superseded':
      return status.byAdopted
        ? {
            lo: `ຖືກແທນທີ່ດ້ວຍສະບັບທີ ${status.by} ເຊິ່ງເປັນສະບັບທີ່ຮັບຮອງ`,
            en: `superseded by version ${status.by}, the adopted version`,
          }
        : {
            lo: `ຖືກແທນທີ່ດ້ວຍສະບັບທີ ${status.by}`,
            en: `superseded by version ${status.by}`,
          };
    case 'withdrawn':
      return { lo: 'ຄູ່ມືຖືກຖອນແລ້ວ, ບໍ່ໄດ້ຮັບຮອງ', en: 'the guideline was withdrawn, not adopted' };
    case 'current': {
      const stage = stageName(status.stage);
      return {
        lo: `ຮ່າງປັດຈຸບັນ, ຢູ່ໃນຂັ້ນຕອນ${stage.lo}`,
        en: `current draft, at the ${stage.en} stage`,
      };
    }
  }
}
