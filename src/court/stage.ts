/** The stages of the default workflow (shared/DOMAIN.md). The transition table lives in workflow-rules.ts. */
export enum Stage {
  DRAFTING = 'DRAFTING',
  CONSULTATION = 'CONSULTATION',
  TECHNICAL_WORKING_GROUP = 'TECHNICAL_WORKING_GROUP',
  COUNCIL_OF_JUDGES = 'COUNCIL_OF_JUDGES',
  INTERAGENCY_REVIEW = 'INTERAGENCY_REVIEW',
  ADOPTED = 'ADOPTED',
  WITHDRAWN = 'WITHDRAWN',
}

/** The forward road, in order (WITHDRAWN is off the road). */
export const ROAD: Stage[] = [
  Stage.DRAFTING,
  Stage.CONSULTATION,
  Stage.TECHNICAL_WORKING_GROUP,
  Stage.COUNCIL_OF_JUDGES,
  Stage.INTERAGENCY_REVIEW,
  Stage.ADOPTED,
];

/** ADOPTED and WITHDRAWN are final (DOMAIN.md): no move, version or decision changes them. */
export const FINAL_STAGES: readonly Stage[] = [Stage.ADOPTED, Stage.WITHDRAWN];

export function isFinal(stage: Stage): boolean {
  return FINAL_STAGES.includes(stage);
}

/** Each stage as the court names it, in both its languages. */
const STAGE_NAMES: Record<Stage, { en: string; lo: string }> = {
  [Stage.DRAFTING]: { en: 'drafting', lo: 'ການຮ່າງ' },
  [Stage.CONSULTATION]: { en: 'consultation', lo: 'ການປຶກສາຫາລື' },
  [Stage.TECHNICAL_WORKING_GROUP]: { en: 'technical working group', lo: 'ຄະນະເຮັດວຽກວິຊາການ' },
  [Stage.COUNCIL_OF_JUDGES]: { en: 'Council of Judges', lo: 'ສະພາຜູ້ພິພາກສາ' },
  [Stage.INTERAGENCY_REVIEW]: { en: 'interagency review', lo: 'ການທົບທວນລະຫວ່າງອົງການ' },
  [Stage.ADOPTED]: { en: 'adopted', lo: 'ຮັບຮອງແລ້ວ' },
  [Stage.WITHDRAWN]: { en: 'withdrawn', lo: 'ຖອນແລ້ວ' },
};

export function stageName(stage: Stage): { en: string; lo: string } {
  return STAGE_NAMES[stage];
}
