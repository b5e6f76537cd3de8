import { getQueueToken } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueRegistry } from './queue-registry';
import { ALL_QUEUES } from './queues';

const queueProviders = ALL_QUEUES.map((name) => ({
  provide: getQueueToken(name),
  useFactory: (registry: QueueRegistry) => registry.get(name),
  inject: [QueueRegistry],
}));

/**
 * The queues (producer side), in every process: the API removes jobs, the dashboard shows them,
 * the relay publishes. Imported by each module that uses them (not global: the dependency shows).
 */
@Module({
  providers: [QueueRegistry, ...queueProviders],
  exports: [QueueRegistry, ...queueProviders],
})
export class QueuesModule {}
