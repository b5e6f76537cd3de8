import { Client } from 'pg';
import {
  overdueCondition,
  pendingInTimeCondition,
  reviewStatus,
  STORED_REVIEW_STATUSES,
} from '../src/court/review-status';
import { TEST_PG_BASE } from './support/test-database';

/**
 * OVERDUE is written twice in src/court/review-status.ts: for the views (reviewStatus) and as the
 * SQL condition the lists and the overdue count filter by. This holds the two to the same answer
 * for every stored status and every due day around today, on PostgreSQL itself.
 */
describe('review status: the view rule and its SQL condition agree', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ connectionString: TEST_PG_BASE });
    await client.connect();
  });
  afterAll(() => client.end());

  const today = '2026-12-01';
  const dueDays = ['2025-12-31', '2026-11-30', '2026-12-01', '2026-12-02', '2027-01-01'];
  const cases = STORED_REVIEW_STATUSES.flatMap((status) => dueDays.map((due) => ({ status, due })));

  it.each(cases)('$status due $due (today 2026-12-01)', async ({ status, due }) => {
    const { rows } = await client.query(
      `SELECT ${overdueCondition('q', '$3::date')} AS overdue,
              ${pendingInTimeCondition('q', '$3::date')} AS pending
         FROM (SELECT $1::text AS status, $2::date AS due_date) q`,
      [status, due, today],
    );
    const expected = reviewStatus(status, due, today);
    expect(rows[0]).toEqual({ overdue: expected === 'OVERDUE', pending: expected === 'PENDING' });
  });

  it('calls a request due yesterday OVERDUE and one due today PENDING', () => {
    expect(reviewStatus('PENDING', '2026-11-30', today)).toBe('OVERDUE');
    expect(reviewStatus('PENDING', '2026-12-01', today)).toBe('PENDING');
    expect(reviewStatus('ANSWERED', '2025-01-01', today)).toBe('ANSWERED');
  });
});
