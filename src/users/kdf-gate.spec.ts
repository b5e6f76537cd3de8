import { KdfBusyError, KdfGate, kdfLane } from './kdf-gate';

/** A piece of work the test finishes by hand. */
function deferred(): { promise: Promise<void>; finish: () => void } {
  let finish!: () => void;
  const promise = new Promise<void>((resolve) => (finish = resolve));
  return { promise, finish };
}

const settle = () => new Promise(setImmediate);

describe('KdfGate', () => {
  it('runs at most `concurrency` at once, queues `queue` more in order, and refuses the next at once', async () => {
    const gate = new KdfGate(2, 2);
    const works = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = works.map((work, index) =>
      gate.run(async () => {
        started.push(index);
        await work.promise;
        return index;
      }, `lane-${index}`),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect(gate.load).toEqual({ running: 2, waiting: 2 });
    await expect(gate.run(async () => 'late', 'lane-9')).rejects.toBeInstanceOf(KdfBusyError);

    works[1].finish();
    await runs[1];
    await settle();
    expect(started).toEqual([0, 1, 2]);
    expect(gate.load).toEqual({ running: 2, waiting: 1 });

    works[0].finish();
    works[2].finish();
    works[3].finish();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('gives a freed slot to the lanes in turn: one lane flooding does not hold back another', async () => {
    const gate = new KdfGate(1, 16);
    const order: string[] = [];
    const first = deferred();
    const running = gate.run(() => first.promise, 'flood');
    const waiting = [
      ...Array.from({ length: 4 }, (_, i) =>
        gate.run(async () => void order.push(`flood-${i}`), 'flood'),
      ),
      gate.run(async () => void order.push('person'), 'office'),
    ];
    // A quarter of the queue (4) per lane: the flood's fifth waiting run is refused.
    await expect(gate.run(async () => undefined, 'flood')).rejects.toBeInstanceOf(KdfBusyError);
    first.finish();
    await running;
    await Promise.all(waiting);
    expect(order).toEqual(['flood-0', 'person', 'flood-1', 'flood-2', 'flood-3']);
  });

  it("takes the lane from the async context when none is given; lane '' is bounded by the queue alone", async () => {
    // Four waiting at most, so one per client address's lane.
    const gate = new KdfGate(1, 4);
    const first = deferred();
    const running = gate.run(() => first.promise);
    const signedIn = [gate.run(async () => 'admin'), gate.run(async () => 'admin')];
    const fromOffice = kdfLane.run('10.0.0.1', () => gate.run(async () => 'office'));
    await expect(
      kdfLane.run('10.0.0.1', () => gate.run(async () => 'refused')),
    ).rejects.toBeInstanceOf(KdfBusyError);
    first.finish();
    await running;
    await expect(Promise.all([...signedIn, fromOffice])).resolves.toEqual([
      'admin',
      'admin',
      'office',
    ]);
  });

  it('frees the slot of a run that fails', async () => {
    const gate = new KdfGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });

  it('says when to ask again (Retry-After) with its code', () => {
    const error = new KdfBusyError();
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.details[0].code).toBe('SIGN_IN_BUSY');
  });
});
