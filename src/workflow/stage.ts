/** The stages of the default workflow (shared/DOMAIN.md). The transition table lives in stages.ts. */
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
