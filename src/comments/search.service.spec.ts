import { snippet } from './search.service';
import { likePattern } from './comments.repository';

describe('search helpers', () => {
  it('cuts a snippet around the first match', () => {
    const long = `${'ກ'.repeat(300)}ຮັບຟັງ${'ຂ'.repeat(300)}`;
    const cut = snippet(long, 'ຮັບຟັງ');
    expect(cut).toContain('ຮັບຟັງ');
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThan(200);
    expect(snippet('short text', 'text')).toBe('short text');
  });

  it('makes %, _ and backslash literal in ILIKE patterns', () => {
    expect(likePattern('100%')).toBe('%100\\%%');
    expect(likePattern('a_b')).toBe('%a\\_b%');
    expect(likePattern('a\\b')).toBe('%a\\\\b%');
    expect(likePattern('ຄວນ')).toBe('%ຄວນ%');
  });
});
