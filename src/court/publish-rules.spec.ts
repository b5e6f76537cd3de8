import { Stage } from './stage';
import { publishRefusal } from './publish-rules';

describe('publishRefusal', () => {
  it('allows publishing in drafting and in the technical working group only', () => {
    expect(publishRefusal(Stage.DRAFTING)).toBeNull();
    expect(publishRefusal(Stage.TECHNICAL_WORKING_GROUP)).toBeNull();
    for (const stage of [Stage.CONSULTATION, Stage.COUNCIL_OF_JUDGES, Stage.INTERAGENCY_REVIEW]) {
      expect(publishRefusal(stage)?.code).toBe('PUBLISH_NOT_ALLOWED_IN_STAGE');
    }
  });

  it('freezes adopted and withdrawn guidelines, with words in Lao and English', () => {
    for (const stage of [Stage.ADOPTED, Stage.WITHDRAWN]) {
      const reason = publishRefusal(stage)!;
      expect(reason.code).toBe('GUIDELINE_FROZEN');
      expect(reason.en).toMatch(/final/);
      expect(reason.lo).toMatch(/[\u0E80-\u0EFF]/);
    }
  });
});
