import { Module } from '@nestjs/common';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { IdempotentWrites } from './idempotent-writes';

/** `Idempotency-Key` for the routes that create things: see IdempotentWrites. */
@Module({
  providers: [IdempotencyKeysRepository, IdempotentWrites],
  exports: [IdempotentWrites],
})
export class IdempotencyModule {}
