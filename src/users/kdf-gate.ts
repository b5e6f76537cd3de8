import { AsyncLocalStorage } from 'node:async_hooks';
import { detail } from '../common/app-error';
import { UserErrorCode, UserException } from './user.exception';

/** Seconds a request refused by a full KDF queue is told to wait (Retry-After). */
export const KDF_RETRY_AFTER_SECONDS = 2;

/**
 * Whose turn a hash is, for fairness: the sign-in routes run their handler in the client
 * address's lane (src/auth/sign-in-limit.interceptor.ts); everything else shares the lane ''.
 */
export const kdfLane = new AsyncLocalStorage<string>();

/** 503 when every KDF slot is taken and the queue is full; the filter sets Retry-After. */
export class KdfBusyError extends UserException {
  static readonly CODE = 'SIGN_IN_BUSY';
  readonly retryAfterSeconds = KDF_RETRY_AFTER_SECONDS;

  constructor() {
    super(UserErrorCode.KDF_BUSY, {}, [detail('KDF_BUSY_DETAIL', {}, { code: KdfBusyError.CODE })]);
  }
}

/**
 * A counting semaphore with a bounded, fair queue, for the memory-hard KDF: at most `concurrency`
 * runs at once (each holds N·r·128 bytes, 128 MiB at scrypt log N 17); at most `queue` wait, and
 * at most a quarter of them (at least one) from one client address's lane (the work of signed-in
 * people, lane '', is bounded by the queue alone); one more is refused at once with
 * {@link KdfBusyError}. A freed slot goes to the lanes in turn (round robin), first come first
 * served within a lane. So a flood of sign-ins costs bounded memory, and a person signing in from
 * another address waits for the hashes running now, not for the flood's queue.
 */
export class KdfGate {
  private running = 0;
  private waitingCount = 0;
  /** Waiting runs by lane; the Map's order is the lanes' turn order. */
  private readonly lanes = new Map<string, (() => void)[]>();
  private readonly perLane: number;

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
  ) {
    this.perLane = Math.max(1, Math.ceil(queue / 4));
  }

  /** Runs and waiting now (for tests and figures). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waitingCount };
  }

  async run<T>(work: () => Promise<T>, lane = kdfLane.getStore() ?? ''): Promise<T> {
    if (this.running < this.concurrency) {
      this.running += 1;
    } else {
      const waiters = this.lanes.get(lane) ?? [];
      if (this.waitingCount >= this.queue || (lane !== '' && waiters.length >= this.perLane)) {
        throw new KdfBusyError();
      }
      // The slot is handed over by the run that ends (running stays counted).
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        this.lanes.set(lane, waiters);
        this.waitingCount += 1;
      });
    }
    try {
      return await work();
    } finally {
      this.handOver();
    }
  }

  /** The slot of a run that ended goes to the first waiter of the lane whose turn it is. */
  private handOver(): void {
    const turn = this.lanes.entries().next();
    if (turn.done) {
      this.running -= 1;
      return;
    }
    const [lane, waiters] = turn.value;
    const next = waiters.shift()!;
    this.lanes.delete(lane);
    // A lane with more waiting goes to the back of the turn order.
    if (waiters.length) this.lanes.set(lane, waiters);
    this.waitingCount -= 1;
    next();
  }
}
