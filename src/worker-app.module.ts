import { DynamicModule, Module } from '@nestjs/common';
import { Env } from './config/env';
import { CoreModule } from './core.module';
import { WorkersModule } from './workers/workers.module';

/** The worker process (src/worker.ts): the outbox relay and a BullMQ worker per queue; no HTTP. */
@Module({})
export class WorkerAppModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [CoreModule.forRoot(env), WorkersModule],
    };
  }
}
