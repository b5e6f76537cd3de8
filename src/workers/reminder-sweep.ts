import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Pause } from '../common/pause';
import { Env } from '../config/env';
import { ReminderPlanner } from '../reminders/reminder-planner.service';

// Reminders queued per statement.
const BATCH = 1000;

/**
 * Queues the reminders that came within the horizon (REMINDER_HORIZON_HOURS): at start, then every
 * REMINDER_SWEEP_MS, in statements of BATCH until none is left. Each statement marks its
 * reminders and writes their jobs to the outbox, whose NOTIFY wakes the relay. Any number of
 * workers may sweep side by side (the rows are taken with SKIP LOCKED), and a sweep that fails
 * (the database down) is simply tried again at the next turn: nothing is lost, as the reminders
 * wait in the database.
 */
@Injectable()
export class ReminderSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReminderSweep');
  private stopping = false;
  private failing = false;
  private running: Promise<void> | null = null;
  private readonly pause = new Pause();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly planner: ReminderPlanner,
    private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.loop();
  }

  /** Queues every reminder within the horizon not queued yet; returns how many. */
  async sweep(horizonEnd: Date = this.planner.horizonEnd()): Promise<number> {
    let total = 0;
    for (;;) {
      const queued = await this.planner.queueEntering(this.dataSource.manager, BATCH, horizonEnd);
      total += queued;
      if (queued < BATCH || this.stopping) return total;
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.sweep();
        if (this.failing) this.logger.log('Queueing reminders again');
        this.failing = false;
      } catch (failure) {
        if (!this.failing) {
          this.logger.warn(`Cannot queue reminders yet, will retry: ${(failure as Error).message}`);
        }
        this.failing = true;
      }
      if (!this.stopping) await this.pause.for(this.env.REMINDER_SWEEP_MS);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.pause.end();
    await this.running;
  }
}
