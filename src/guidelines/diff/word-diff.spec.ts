import { diffSequences } from './sequence-diff';
import { segmenterLocaleFor, tokenize } from './tokenize';
import { sideOf, wordDiff } from './word-diff';

describe('tokenize', () => {
  it('keeps whitespace and punctuation as tokens so the text joins back exactly', () => {
    const text = 'Victims must be treated fairly,   with care.\n';
    const tokens = tokenize(text, 'en');
    expect(tokens.join('')).toBe(text);
    expect(tokens).toEqual(expect.arrayContaining(['Victims', ' ', ',', '   ', '.', '\n']));
  });

  it('splits Lao, written without spaces, into words', () => {
    expect(tokenize('ຜູ້ພິພາກສາຕ້ອງຮັບຟັງ', 'lo')).toEqual(['ຜູ້ພິພາກສາ', 'ຕ້ອງ', 'ຮັບ', 'ຟັງ']);
  });

  it('picks the Lao segmenter when either text has Lao script', () => {
    expect(segmenterLocaleFor('plain English')).toBe('en');
    expect(segmenterLocaleFor('plain English', 'ສານ')).toBe('lo');
    expect(segmenterLocaleFor('Article 5 ມາດຕາ')).toBe('lo');
  });
});

describe('wordDiff', () => {
  it('shows one replaced English word as one delete and one insert', () => {
    const ops = wordDiff(
      'Judges must hear the victim patiently.',
      'Judges should hear the victim patiently.',
    );
    expect(ops).toEqual([
      { op: 'equal', text: 'Judges ' },
      { op: 'delete', text: 'must' },
      { op: 'insert', text: 'should' },
      { op: 'equal', text: ' hear the victim patiently.' },
    ]);
  });

  it('shows a changed Lao word as that word, not the whole sentence', () => {
    const before = 'ຜູ້ພິພາກສາຕ້ອງຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.';
    const after = 'ຜູ້ພິພາກສາຄວນຮັບຟັງຜູ້ເຄາະຮ້າຍຢ່າງອົດທົນ.';
    const ops = wordDiff(before, after);
    expect(ops.filter((o) => o.op === 'delete')).toEqual([{ op: 'delete', text: 'ຕ້ອງ' }]);
    expect(ops.filter((o) => o.op === 'insert')).toEqual([{ op: 'insert', text: 'ຄວນ' }]);
    expect(sideOf(ops, 'before')).toBe(before);
    expect(sideOf(ops, 'after')).toBe(after);
  });

  it('finds an inserted Lao word in the middle of a sentence', () => {
    const ops = wordDiff('ສານຕ້ອງປົກປ້ອງຜູ້ເຄາະຮ້າຍ', 'ສານຕ້ອງປົກປ້ອງຂອງຜູ້ເຄາະຮ້າຍ');
    expect(ops.filter((o) => o.op !== 'equal')).toEqual([{ op: 'insert', text: 'ຂອງ' }]);
  });

  it('reproduces both texts exactly for scattered edits, mixed scripts and whitespace', () => {
    const before =
      'Article 5 (ມາດຕາ 5): the court  SHALL protect\tvictims, witnesses and children.';
    const after =
      'Article 6 (ມາດຕາ 6): the court shall protect victims and witnesses; children too.';
    const ops = wordDiff(before, after);
    expect(sideOf(ops, 'before')).toBe(before);
    expect(sideOf(ops, 'after')).toBe(after);
    expect(ops.some((o) => o.op === 'equal' && o.text.includes('protect'))).toBe(true);
  });

  it('handles empty sides and identical texts', () => {
    expect(wordDiff('', 'new text')).toEqual([{ op: 'insert', text: 'new text' }]);
    expect(wordDiff('old text', '')).toEqual([{ op: 'delete', text: 'old text' }]);
    expect(wordDiff('same', 'same')).toEqual([{ op: 'equal', text: 'same' }]);
    expect(wordDiff('', '')).toEqual([]);
  });

  it('never leaves two neighbouring ops of one kind and puts deletions first', () => {
    const ops = wordDiff('a b c d e f', 'a x c y e z');
    for (let i = 1; i < ops.length; i++) expect(ops[i].op).not.toBe(ops[i - 1].op);
    const firstChange = ops.findIndex((o) => o.op !== 'equal');
    expect(ops[firstChange].op).toBe('delete');
  });
});

describe('diffSequences', () => {
  it('finds a shortest edit script', () => {
    const runs = diffSequences('ABCABBA'.split(''), 'CBABAC'.split(''));
    const edits = runs.filter((r) => r.op !== 'equal').reduce((n, r) => n + r.items.length, 0);
    expect(edits).toBe(5); // the classic Myers example: D = 5
    const kept = (side: 'delete' | 'insert') =>
      runs
        .filter((r) => r.op !== side)
        .flatMap((r) => r.items)
        .join('');
    expect(kept('insert')).toBe('ABCABBA');
    expect(kept('delete')).toBe('CBABAC');
  });

  it('agrees with a brute-force LCS length on random inputs', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const lcs = (a: string[], b: string[]) => {
      const t = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          t[i][j] =
            a[i - 1] === b[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
      return t[a.length][b.length];
    };
    for (let round = 0; round < 200; round++) {
      const word = () => 'abcd'[Math.floor(random() * 4)];
      const a = Array.from({ length: Math.floor(random() * 12) }, word);
      const b = Array.from({ length: Math.floor(random() * 12) }, word);
      const runs = diffSequences(a, b);
      const equal = runs.filter((r) => r.op === 'equal').reduce((n, r) => n + r.items.length, 0);
      expect(equal).toBe(lcs(a, b));
    }
  });

  it('falls back to one replacement when the texts differ beyond the edit bound', () => {
    const a = Array.from({ length: 50 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 50 }, (_, i) => `b${i}`);
    const runs = diffSequences(['same', ...a, 'end'], ['same', ...b, 'end'], 10);
    expect(runs.map((r) => r.op)).toEqual(['equal', 'delete', 'insert', 'equal']);
    expect(runs[1].items).toEqual(a);
    expect(runs[2].items).toEqual(b);
  });
});

describe('tokenize of long texts', () => {
  const words = [
    'court',
    'victim,',
    'the',
    'interpreter',
    '3.5',
    'ຜູ້ເຄາະຮ້າຍ',
    'ສານ',
    'ການ',
    '(ມາດຕາ',
    '—',
  ];
  const spaces = [' ', '  ', '\n', ' \t', '\r\n'];
  function text(seed: number, length: number): string {
    let s = '';
    let x = seed;
    while (s.length < length) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      s += words[x % words.length] + spaces[(x >> 8) % spaces.length];
    }
    return s.slice(0, length);
  }
  const whole = (t: string, locale: 'lo' | 'en') =>
    [...new Intl.Segmenter(locale, { granularity: 'word' }).segment(t)].map((p) => p.segment);

  it('gives exactly the tokens of the whole text, cut into pieces at word boundaries', () => {
    for (const seed of [1, 2, 3]) {
      const t = text(seed, 12_000);
      expect(tokenize(t, 'lo')).toEqual(whole(t, 'lo'));
      expect(tokenize(t, 'en')).toEqual(whole(t, 'en'));
    }
  });

  it('joins back to the text when a wall of Lao has no space to cut at', () => {
    const wall = 'ຜູ້ເຄາະຮ້າຍໄດ້ຮັບການປົກປ້ອງ'.repeat(1500);
    const tokens = tokenize(wall, 'lo');
    expect(tokens.join('')).toBe(wall);
    expect(tokens.every((token) => !/^[\u0EB1\u0EB4-\u0EBC\u0EC8-\u0ECD]/.test(token))).toBe(true);
  });
});
