import { addressBucket, MemoryBudgets } from './sign-in-limits';

describe('MemoryBudgets (the sign-in rules while Redis does not answer)', () => {
  let now = 1_000_000;
  const clock = () => now;
  const keys = (email: string): [string, string, string, string] => [
    'address',
    `email:${email}`,
    `failures:${email}`,
    `lock:${email}`,
  ];
  const admitKeys = (email: string): [string, string, string] => {
    const [a, e, , l] = keys(email);
    return [a, e, l];
  };

  it('takes attempts until the address budget is spent, then says how long to wait; a success gives its attempt back', () => {
    const budgets = new MemoryBudgets(clock);
    for (let i = 0; i < 3; i += 1)
      expect(budgets.admit(admitKeys(`e${i}`), [3, 10], 60_000)).toEqual([0, 0]);
    now += 10_000;
    expect(budgets.admit(admitKeys('e9'), [3, 10], 60_000)).toEqual([1, 50_000]);
    budgets.settle(keys('e0'), 'ok', 5, 900_000);
    expect(budgets.admit(admitKeys('e9'), [3, 10], 60_000)).toEqual([0, 0]);
    now += 50_000;
    // The window ended: a fresh budget.
    expect(budgets.admit(admitKeys('e10'), [3, 10], 60_000)).toEqual([0, 0]);
  });

  it('locks an e-mail at the fifth failure in a row, once, and a success in between forgets the failures', () => {
    const budgets = new MemoryBudgets(clock);
    const fail = () => budgets.settle(keys('x'), 'fail', 5, 900_000);
    expect([fail(), fail(), fail(), fail()]).toEqual([0, 0, 0, 0]);
    budgets.settle(keys('x'), 'ok', 5, 900_000);
    expect([fail(), fail(), fail(), fail(), fail()]).toEqual([0, 0, 0, 0, 1]);
    expect(budgets.admit(admitKeys('x'), [100, 100], 60_000)).toEqual([3, 900_000]);
    // A failure settled while locked (admitted before the lock) sets no second lock.
    expect([fail(), fail(), fail(), fail(), fail()]).toEqual([0, 0, 0, 0, 0]);
    now += 900_000;
    expect(budgets.admit(admitKeys('x'), [100, 100], 60_000)).toEqual([0, 0]);
  });
});

describe('addressBucket', () => {
  it('keeps an IPv4 address (also IPv4-mapped) and counts an IPv6 address as its /64', () => {
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe(addressBucket('2001:db8:1:2:bbbb::9'));
    expect(addressBucket('2001:db8:1:2::1')).not.toBe(addressBucket('2001:db8:1:3::1'));
  });
});
