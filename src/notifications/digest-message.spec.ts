import { DIGEST_LISTED_MAX, DigestNotice, renderDigest } from './digest-message';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 2, minute));
const guideline = (n: number) => ({
  id: `g${n}`,
  code: `G-${n}`,
  title: { en: `Guideline ${n}`, lo: `ຂໍ້ແນະນຳ ${n}` },
});
const notice = (g: number | null, minute: number): DigestNotice => ({
  subject: `Notice ${g ?? 'none'} at ${minute}`,
  link: g ? `https://court.example/guidelines/g${g}` : null,
  createdAt: at(minute),
  guideline: g ? guideline(g) : null,
});
const URL = 'https://court.example/account/notifications';

describe('the daily digest e-mail', () => {
  it('groups notices by guideline in the order they came, oldest first, the unattached last', () => {
    const message = renderDigest(
      {
        notices: [notice(2, 5), notice(null, 1), notice(1, 3), notice(2, 2)],
        total: 4,
        guidelines: 2,
      },
      'en',
      'Asia/Vientiane',
      URL,
    );
    expect(message.subject).toBe('Daily digest: 4 notices about 2 guidelines');
    const text = message.text;
    const order = [
      'Guideline 2 (G-2)',
      'Notice 2 at 2',
      'Notice 2 at 5',
      'Guideline 1 (G-1)',
      'Notice 1 at 3',
      'Other notices',
      'Notice none at 1',
    ].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // 09:02 in Vientiane, in the reader's language.
    expect(text).toContain('(1 December 2026 at 09:02)');
    expect(text.endsWith(URL)).toBe(true);
    expect(message.html).toContain('<html lang="en">');
    expect(message.html.match(/<h2/g)).toHaveLength(3);
    expect(message.html).toContain('<a href="https://court.example/guidelines/g1"');
  });

  it('speaks Lao to a Lao reader and escapes what the notices say', () => {
    const risky = { ...notice(1, 1), subject: '<script>alert(1)</script> & co' };
    const message = renderDigest(
      { notices: [risky], total: 1, guidelines: 1 },
      'lo',
      'Asia/Vientiane',
      URL,
    );
    expect(message.subject).toBe('ສະຫຼຸບແຈ້ງການປະຈຳວັນ: 1 ແຈ້ງການ ກ່ຽວກັບ 1 ຂໍ້ແນະນຳ');
    expect(message.text).toContain('ຂໍ້ແນະນຳ 1 (G-1)');
    expect(message.html).toContain('<html lang="lo">');
    expect(message.html).not.toContain('<script>');
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
  });

  it('lists at most DIGEST_LISTED_MAX notices and counts the rest', () => {
    const many = Array.from({ length: DIGEST_LISTED_MAX + 5 }, (_, i) => notice(1, i % 60));
    const message = renderDigest(
      { notices: many, total: DIGEST_LISTED_MAX + 30, guidelines: 3 },
      'en',
      'Asia/Vientiane',
      URL,
    );
    expect(message.text.split('\n- ')).toHaveLength(DIGEST_LISTED_MAX + 1);
    expect(message.text).toContain('… and 30 more in your inbox');
    expect(message.subject).toBe(
      `Daily digest: ${DIGEST_LISTED_MAX + 30} notices about 3 guidelines`,
    );
  });
});
