import { Module } from '@nestjs/common';
import { OutboxWriter } from './outbox.writer';

/** The outbox's writer, imported by every module whose transactions record jobs. */
@Module({
  providers: [OutboxWriter],
  exports: [OutboxWriter],
})
export class OutboxModule {}
