import {
  MAX_JSON_DEPTH,
  MAX_JSON_MEMBERS,
  nulCharacterProblem,
  scanJsonText,
} from './request-bounds';

/** Members (object keys and array items) and depth of a parsed value, the slow way. */
function measure(value: unknown, depth = 0): { members: number; depth: number } {
  if (value === null || typeof value !== 'object') return { members: 0, depth };
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.reduce<{ members: number; depth: number }>(
    (sum, child) => {
      const m = measure(child, depth + 1);
      return { members: sum.members + m.members, depth: Math.max(sum.depth, m.depth) };
    },
    { members: children.length, depth: depth + 1 },
  );
}

function randomValue(random: () => number, depth: number): unknown {
  const pick = random();
  if (depth > 5 || pick < 0.3) {
    const scalars = [
      0,
      -1.5e3,
      true,
      false,
      null,
      '',
      'a,b:c',
      '[{"x":1}]',
      'ສານ \\ "q"',
      '\u0000',
    ];
    return scalars[Math.floor(random() * scalars.length)];
  }
  const size = Math.floor(random() * 5);
  if (pick < 0.65) return Array.from({ length: size }, () => randomValue(random, depth + 1));
  return Object.fromEntries(
    Array.from({ length: size }, (_, i) => [`k${i}:,[{"`, randomValue(random, depth + 1)]),
  );
}

describe('scanJsonText', () => {
  it('counts keys and array items at every level as parsing would, strings with brackets included', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 200; i++) {
      const value = randomValue(random, 0);
      const text = JSON.stringify(value, null, i % 2 ? 2 : undefined);
      const { members } = measure(value);
      const scan = scanJsonText(text);
      expect(scan.refusal).toBeNull();
      expect(scan.mayHoldNul).toBe(text.includes('\\u0000'));
      // Just below and above the bound, the same body of that many members.
      const padded = JSON.stringify([value, ...Array(MAX_JSON_MEMBERS - members - 1).fill(0)]);
      expect(scanJsonText(padded).refusal).toBeNull();
      const over = JSON.stringify([value, ...Array(MAX_JSON_MEMBERS - members).fill(0)]);
      expect(scanJsonText(over).refusal?.details[0].code).toBe('JSON_TOO_MANY_MEMBERS');
    }
  });

  it('refuses nesting past the bound and takes it up to the bound', () => {
    const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    expect(scanJsonText(nested(MAX_JSON_DEPTH)).refusal).toBeNull();
    expect(scanJsonText(nested(MAX_JSON_DEPTH + 1)).refusal?.details[0].code).toBe('JSON_TOO_DEEP');
    expect(scanJsonText(nested(100_000)).refusal?.details[0].code).toBe('JSON_TOO_DEEP');
  });

  it('tells an escaped backslash before u0000 from a NUL character', () => {
    expect(scanJsonText(JSON.stringify({ a: '\\u0000' })).mayHoldNul).toBe(false);
    expect(scanJsonText(JSON.stringify({ a: 'x\u0000' })).mayHoldNul).toBe(true);
  });
});

describe('nulCharacterProblem', () => {
  it('names the first field holding a NUL character, in keys too', () => {
    expect(nulCharacterProblem({ a: [{ b: 'ok' }, { b: 'n\u0000' }] })?.details[0].field).toBe(
      'a.1.b',
    );
    expect(nulCharacterProblem({ ['k\u0000']: 1 })?.details[0].field).toBe('k\\0');
    expect(nulCharacterProblem({ a: ['fine', 1, null] })).toBeNull();
  });
});
