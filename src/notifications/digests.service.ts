import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Env } from '../config/env';
import { localDayOf } from '../court/local-day';
import { renderDigest } from './digest-message';
import { DigestsRepository } from './digests.repository';
import { attemptEmail, EmailOutcome } from './email-attempt';
import { Mailer } from './mailer.service';
import { Notifier } from './notifier.service';

/** People whose digests one statement of the scan creates (the scan repeats until none is left). */
const READERS_PER_STATEMENT = 200;

/** The job scheduler id of the daily digest scan (job ids may not contain ':'). */
export const DAILY_DIGEST_SCHEDULER = 'daily-digest';

/** Where a digest's reader changes their choices (List-Unsubscribe): the preferences screen. */
export const PREFERENCES_PATH = '/account/notifications';

/**
 * The daily digest: at DIGEST_HOUR in APP_TIMEZONE a scan gives every reader with notices set to
 * DAILY one digest (the notices claimed into it in the same statement that writes its e-mail job),
 * and the e-mail worker sends each digest once, as EmailDelivery sends a notification's e-mail.
 * A worker that dies mid-scan or mid-send rolls its transaction back: the notices are still
 * waiting (or still in their PENDING digest) and the retried job finds them.
 */
@Injectable()
export class Digests {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly digests: DigestsRepository,
    private readonly mailer: Mailer,
    private readonly notifier: Notifier,
    private readonly env: Env,
  ) {}

  /** Creates the digests of the court day on which `now` falls; returns how many and what they hold. */
  async compose(now = new Date()): Promise<{ digests: number; notices: number }> {
    const day = localDayOf(now, this.env.APP_TIMEZONE);
    const total = { digests: 0, notices: 0 };
    for (;;) {
      const round = await this.digests.claimWaiting(now, day, READERS_PER_STATEMENT);
      total.digests += round.digests;
      total.notices += round.notices;
      if (round.readers < READERS_PER_STATEMENT) return total;
    }
  }

  deliver(digestId: string, finalAttempt: boolean): Promise<EmailOutcome> {
    return attemptEmail(this.dataSource, finalAttempt, async (manager) => {
      const digest = await this.digests.lock(manager, digestId);
      if (!digest || digest.state !== 'PENDING') return null;
      if (!digest.active) {
        await this.digests.markSkipped(manager, digestId);
        return null;
      }
      const content = await this.digests.contentOf(manager, digestId);
      if (!content.total) {
        await this.digests.markSent(manager, digestId);
        return null;
      }
      const preferencesUrl = this.notifier.link(PREFERENCES_PATH);
      const message = renderDigest(content, digest.locale, this.env.APP_TIMEZONE, preferencesUrl);
      return {
        send: () =>
          this.mailer.send({
            to: { name: digest.name, address: digest.email },
            subject: message.subject,
            text: message.text,
            html: message.html,
            locale: digest.locale,
            messageKey: `digest-${digestId}`,
            trace: { 'X-Digest-Id': digestId },
            unsubscribeUrl: preferencesUrl,
          }),
        failed: (error, final) => this.digests.recordFailure(manager, digestId, error, final),
        sent: () => this.digests.markSent(manager, digestId),
      };
    });
  }
}
