import { Role } from './roles';

/** Who records and corrects consultation events (in any stage: the event keeps the stage it was in). */
export const EVENT_RECORDERS: readonly Role[] = [Role.SECRETARIAT];
