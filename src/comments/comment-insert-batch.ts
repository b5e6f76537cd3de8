import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AllowedComment, CommentRow, CommentsRepository } from './comments.repository';

/** Statements of new comments at the database at once; the others' comments wait their turn. */
export const COMMENT_STATEMENTS_IN_FLIGHT = 2;
/** Comments in one statement at most (each at most MAX_COMMENT characters, src/comments/comment.dto.ts). */
export const COMMENTS_PER_STATEMENT = 64;

interface Waiting {
  entry: AllowedComment;
  resolve: (row: CommentRow | null) => void;
  reject: (error: unknown) => void;
}

/**
 * Group insert of new comments (CommentsRepository.insertAllowed, the one statement that holds
 * the comment rules): while COMMENT_STATEMENTS_IN_FLIGHT statements are at the database, the
 * comments arriving meanwhile wait, and go together in the next statement (up to
 * COMMENTS_PER_STATEMENT). A comment arriving when the database is idle goes at once, alone, so
 * nothing waits for a timer; under load, fifty judges posting in the same instant share a few
 * statements and commits rather than queueing for fifty. Each comment keeps its own answer: its
 * row, or null when a rule failed (the caller then runs the full check, which says why).
 *
 * One statement is one transaction: if it fails as a whole (a row breaking a constraint, a
 * deadlock), each of its comments is tried again alone, so one comment's failure is never another's.
 */
@Injectable()
export class CommentInsertBatch {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly comments: CommentsRepository,
  ) {}

  insert(entry: AllowedComment): Promise<CommentRow | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ entry, resolve, reject });
      this.send();
    });
  }

  private send(): void {
    while (this.inFlight < COMMENT_STATEMENTS_IN_FLIGHT && this.waiting.length) {
      const batch = this.waiting.splice(0, COMMENTS_PER_STATEMENT);
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        this.send();
      });
    }
  }

  private async run(batch: Waiting[]): Promise<void> {
    try {
      const rows = await this.insertAll(batch);
      batch.forEach((w, i) => w.resolve(rows[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(
        batch.map((w) =>
          this.insertAll([w]).then(
            ([row]) => w.resolve(row),
            (failure: unknown) => w.reject(failure),
          ),
        ),
      );
    }
  }

  private insertAll(batch: Waiting[]): Promise<(CommentRow | null)[]> {
    return this.comments.insertAllowed(
      this.dataSource.manager,
      batch.map((w) => w.entry),
    );
  }
}
