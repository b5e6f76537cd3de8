import { DataSource, EntityManager } from 'typeorm';

export type EmailOutcome = 'SENT' | 'ALREADY_DONE' | 'RETRY' | 'FAILED';

/** One stored e-mail, locked and ready to go, with how its attempt is recorded. */
export interface LockedEmail {
  send(): Promise<void>;
  /** Counts the failed attempt (`error` in words); on the last attempt the e-mail is FAILED. */
  failed(error: string, finalAttempt: boolean): Promise<void>;
  sent(): Promise<void>;
}

/**
 * One attempt at one stored e-mail, as every e-mail of the service goes out (a notice, a digest,
 * an agency's message): in one transaction `lock` locks the stored message (a second run of the
 * same job waits, then finds it done and answers null), the message is sent, and the attempt is
 * recorded, SENT or counted as failed (FAILED on the last attempt). The failure is thrown after the
 * commit, so the attempt stays recorded and BullMQ schedules the retry.
 */
export async function attemptEmail(
  dataSource: DataSource,
  finalAttempt: boolean,
  lock: (manager: EntityManager) => Promise<LockedEmail | null>,
): Promise<EmailOutcome> {
  let failure: Error | null = null;
  const outcome = await dataSource.transaction(async (manager): Promise<EmailOutcome> => {
    const email = await lock(manager);
    if (!email) return 'ALREADY_DONE';
    try {
      await email.send();
    } catch (error) {
      failure = error as Error;
      await email.failed(describeMailError(failure), finalAttempt);
      return finalAttempt ? 'FAILED' : 'RETRY';
    }
    await email.sent();
    return 'SENT';
  });
  if (failure) throw failure;
  return outcome;
}

export function describeMailError(
  error: Error & { responseCode?: number; response?: string },
): string {
  const text = error.response ?? error.message ?? String(error);
  return (error.responseCode ? `${error.responseCode} ${text}` : text).slice(0, 1000);
}
