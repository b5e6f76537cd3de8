import { Role } from '../src/court/roles';
import { startTestApp, TestApp } from './support/test-app';

describe('notification inbox paging', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('notif_paging', { WORKERS: 'off' });
  });
  afterAll(() => t.close());

  it('visits every notification once even when several share the same millisecond', async () => {
    const judge = await t.user(Role.JUDGE);
    // Five notifications within one millisecond, a microsecond apart.
    await t.sql((c) =>
      c.query(
        `INSERT INTO notifications (user_id, kind, dedupe_key, subject, body, created_at)
         SELECT $1, 'STAGE_CHANGED', 'paging-' || n, 'Subject ' || n, 'Body', '2026-11-29T03:00:00.123000Z'::timestamptz + n * interval '1 microsecond'
         FROM generate_series(1, 5) AS n`,
        [judge.id],
      ),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const res: { status: number; body: { items: { subject: string }[]; next: string | null } } =
        await t
          .http()
          .get(`/api/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set('Authorization', `Bearer ${judge.token}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((n: { subject: string }) => n.subject));
      cursor = res.body.next;
      if (!cursor) break;
    }
    expect(seen).toEqual(['Subject 5', 'Subject 4', 'Subject 3', 'Subject 2', 'Subject 1']);
  });
});
