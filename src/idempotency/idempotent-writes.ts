import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { detail } from '../common/app-error';
import { IdempotencyErrorCode, IdempotencyException } from './idempotency.exception';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import type { IdempotentRequest } from './idempotency-key.decorator';

/**
 * The transaction of a write that may carry an `Idempotency-Key`: the key is claimed and the
 * answer stored in the write's own transaction, so they commit together or not at all. The same
 * key with the same request again (within 24 h) answers the first answer and writes nothing; the
 * same key with another request is 422 IDEMPOTENCY_KEY_REUSED.
 */
@Injectable()
export class IdempotentWrites {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly keys: IdempotencyKeysRepository,
  ) {}

  /** Runs `write` in a transaction, once per key: without a key, simply in a transaction. */
  transaction<T>(
    request: IdempotentRequest | null,
    write: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    if (!request) return this.db.transaction(write);
    return this.db.transaction(async (manager) => {
      const used = await this.keys.claim(manager, request.userId, request.key, request.fingerprint);
      if (used) {
        if (used.fingerprint !== request.fingerprint) {
          throw new IdempotencyException(IdempotencyErrorCode.IDEMPOTENCY_KEY_REUSED, {}, [
            detail(
              'IDEMPOTENCY_KEY_REUSED',
              {},
              { code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' },
            ),
          ]);
        }
        return used.answer as T;
      }
      const answer = await write(manager);
      await this.keys.record(manager, request.userId, request.key, answer);
      return answer;
    });
  }
}
