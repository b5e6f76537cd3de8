import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads, queueOf } from '../queues/queues';

/** A job to publish; its queue follows from its name (queueOf). */
export interface OutboxMessage<N extends JobName> {
  name: N;
  /** Deterministic and unique (BullMQ job id): scheduling the same thing twice is harmless. No ':' allowed. */
  jobId: string;
  payload: JobPayloads[N];
  /** When the job should run; default now. */
  runAt?: Date;
}

/**
 * The INSERT of outbox rows that `source` (a VALUES list or a SELECT) yields as
 * (queue, job_name, job_id, payload, run_at); a job id already there is left alone. For statements
 * that write their jobs along with their own rows (e.g. in a data-modifying CTE).
 */
export function insertIntoOutbox(source: string): string {
  return `INSERT INTO outbox (queue, job_name, job_id, payload, run_at) ${source}
    ON CONFLICT (job_id) DO NOTHING`;
}

/**
 * Writes jobs to the outbox inside the caller's transaction, so a domain change and its jobs commit
 * (or roll back) together. The relay in the worker publishes them to BullMQ.
 */
@Injectable()
export class OutboxWriter {
  async enqueue<N extends JobName>(
    manager: EntityManager,
    ...messages: OutboxMessage<N>[]
  ): Promise<void> {
    if (!messages.length) return;
    const values: unknown[] = [];
    const rows = messages.map((m, i) => {
      if (m.jobId.includes(':')) throw new Error(`job id ${m.jobId} must not contain ':'`);
      values.push(
        queueOf(m.name),
        m.name,
        m.jobId,
        JSON.stringify(m.payload),
        m.runAt ?? new Date(),
      );
      const o = i * 5;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}::jsonb, $${o + 5})`;
    });
    await manager.query(insertIntoOutbox(`VALUES ${rows.join(', ')}`), values);
  }

  /**
   * Drops jobs the relay has not published yet (a cancelled reminder's, say), in the caller's
   * transaction; those already in Redis are the caller's to remove after the commit.
   */
  async dropUnpublished(manager: EntityManager, jobIds: string[]): Promise<void> {
    if (!jobIds.length) return;
    await manager.query(
      `DELETE FROM outbox WHERE job_id = ANY($1::text[]) AND published_at IS NULL`,
      [jobIds],
    );
  }
}
