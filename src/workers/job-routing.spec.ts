import { Job } from 'bullmq';
import { JobProcessor } from '../queues/job-processor';
import { ALL_QUEUES, JOB, JobName, queueOf } from '../queues/queues';
import { RemindersProcessor } from '../reminders/reminders.processor';
import { DomainEventsProcessor } from './domain-events.processor';
import { EmailProcessor } from './email.processor';

/** A stand-in for a processor's services: every method answers at once and records its call. */
function recorder(calls: string[]): never {
  return new Proxy(
    {},
    { get: (_t, method) => () => (calls.push(String(method)), Promise.resolve(undefined)) },
  ) as never;
}

describe('every job runs on the queue the outbox writes it to', () => {
  const calls: string[] = [];
  const processors: JobProcessor[] = [
    new DomainEventsProcessor(recorder(calls), recorder(calls), recorder(calls)),
    new RemindersProcessor(recorder(calls), recorder(calls), recorder(calls)),
    new EmailProcessor(recorder(calls), recorder(calls), recorder(calls)),
  ];

  it('has one processor per queue', () => {
    expect(processors.map((p) => p.queue).sort()).toEqual([...ALL_QUEUES].sort());
  });

  it.each(Object.values(JOB) as JobName[])(
    '%s is handled by the processor of its queue',
    async (name) => {
      const processor = processors.find((p) => p.queue === queueOf(name));
      expect(processor).toBeDefined();
      calls.length = 0;
      const job = { name, data: {}, attemptsMade: 0, opts: { attempts: 1 } } as unknown as Job;
      await expect(processor!.process(job)).resolves.toBeUndefined();
      expect(calls).toHaveLength(1);
      // ... and by no other processor.
      for (const other of processors.filter((p) => p !== processor)) {
        expect(() => other.process(job)).toThrow(`no processor for ${name}`);
      }
    },
  );
});
