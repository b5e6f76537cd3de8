import { Pause } from './pause';

describe('Pause', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const settledYet = (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    return () => done;
  };

  it('resolves after its time', async () => {
    const done = settledYet(new Pause().for(1000));
    await jest.advanceTimersByTimeAsync(999);
    expect(done()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(done()).toBe(true);
  });

  it('resolves at once when ended, and clears its timer', async () => {
    const pause = new Pause();
    const done = settledYet(pause.for(60_000));
    pause.end();
    await Promise.resolve();
    expect(done()).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
    pause.end(); // nothing under way: harmless
  });
});
