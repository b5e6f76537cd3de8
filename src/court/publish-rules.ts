import { Reason } from './reason';
import { Role } from './roles';
import { isFinal, Stage, stageName } from './stage';

/** Who publishes versions, and so who prepares the next one (the working draft). */
export const PUBLISHING_ROLES: readonly Role[] = [Role.SECRETARIAT];

/** Who may read the working draft of the next version (programme monitoring and administration too). */
export const DRAFT_READERS: readonly Role[] = [Role.SECRETARIAT, Role.OBSERVER, Role.ADMIN];

/** New versions are revisions made while drafting or in answer to the working group (DOMAIN.md). */
export const PUBLISHING_STAGES: readonly Stage[] = [Stage.DRAFTING, Stage.TECHNICAL_WORKING_GROUP];

/** null when a version may be published in this stage; otherwise why not. */
export function publishRefusal(stage: Stage): Reason | null {
  if (PUBLISHING_STAGES.includes(stage)) return null;
  const name = stageName(stage);
  if (isFinal(stage)) {
    return {
      code: 'GUIDELINE_FROZEN',
      en: `The guideline is ${name.en}: its versions are final and no new version can be published`,
      lo: `ຂໍ້ແນະນຳນີ້${name.lo}: ສະບັບຕ່າງໆຖືເປັນສະບັບສຸດທ້າຍ ແລະ ບໍ່ສາມາດເຜີຍແຜ່ສະບັບໃໝ່ໄດ້`,
    };
  }
  const drafting = stageName(Stage.DRAFTING);
  const twg = stageName(Stage.TECHNICAL_WORKING_GROUP);
  return {
    code: 'PUBLISH_NOT_ALLOWED_IN_STAGE',
    en: `New versions are published only in ${drafting.en} or ${twg.en}; the guideline is in ${name.en}`,
    lo: `ສາມາດເຜີຍແຜ່ສະບັບໃໝ່ໄດ້ສະເພາະໃນຂັ້ນຕອນ${drafting.lo} ຫຼື ${twg.lo} ເທົ່ານັ້ນ; ປັດຈຸບັນຢູ່ໃນຂັ້ນຕອນ${name.lo}`,
  };
}
