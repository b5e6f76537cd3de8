export type DiffOpKind = 'equal' | 'insert' | 'delete';

/**
 * The work one request may spend on word diffs, in units of one comparison of the search (or one
 * character tokenized, see word-diff.ts). Shared by every text of the request and spent as it
 * goes; a text whose diff would cost more than is left is reported as replaced instead.
 */
export class DiffBudget {
  constructor(public remaining: number) {}

  /** Takes `units` when that many are left; false (and nothing taken) otherwise. */
  take(units: number): boolean {
    if (units > this.remaining) return false;
    this.remaining -= units;
    return true;
  }
}

export interface SequenceDiff {
  runs: SequenceRun[];
  /** The search stopped when the budget ran out: the changed middle is one deletion and insertion. */
  budgetExceeded: boolean;
}

export interface SequenceRun {
  op: DiffOpKind;
  items: string[];
}

/**
 * Myers' O((N+M)·D) shortest edit script over two sequences of strings.
 *
 * The common prefix and suffix are trimmed first, so a small edit in a long text costs little.
 * When the two middles differ by more than `maxEdits` operations the middle is reported as one
 * deletion and one insertion instead: precise word changes in a rewritten text help nobody, and
 * the bound keeps time and memory (the trace grows with D²) small for the largest sections.
 *
 * Within each stretch of changes, deletions come before insertions.
 */
export function diffSequences(a: string[], b: string[], maxEdits = 1500): SequenceRun[] {
  return diffSequencesWithin(a, b, maxEdits, null).runs;
}

/**
 * The same, spending at most `stepCap` comparisons of `budget` (when given) on the search; what
 * the search used is taken from the budget whether it found the script or not.
 */
export function diffSequencesWithin(
  a: string[],
  b: string[],
  maxEdits: number,
  budget: DiffBudget | null,
  stepCap = Infinity,
): SequenceDiff {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const runs: SequenceRun[] = [];
  if (start > 0) runs.push({ op: 'equal', items: a.slice(0, start) });
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const steps = budget ? { left: Math.min(budget.remaining, stepCap) } : { left: Infinity };
  const allowed = steps.left;
  const script = shortestEditScript(midA, midB, maxEdits, steps);
  if (budget) budget.remaining -= allowed - steps.left;
  const middle = script ?? [
    { op: 'delete' as const, items: midA },
    { op: 'insert' as const, items: midB },
  ];
  runs.push(...middle);
  if (endA < a.length) runs.push({ op: 'equal', items: a.slice(endA) });
  return { runs: normalise(runs), budgetExceeded: script === null && steps.left <= 0 };
}

/** null when more than `maxEdits` edits are needed, or when `steps.left` runs out. */
function shortestEditScript(
  a: string[],
  b: string[],
  maxEdits: number,
  steps: { left: number },
): SequenceRun[] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) {
    return [
      { op: 'delete', items: a },
      { op: 'insert', items: b },
    ];
  }
  const limit = Math.min(n + m, maxEdits);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  v[offset + 1] = 0;
  // trace[d] holds the furthest x on each diagonal k in [-d, d] after d edits (index k + d).
  const trace: Int32Array[] = [];
  let left = steps.left;
  for (let d = 0; d <= limit; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      const from = x;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      // One unit per diagonal tried and per token matched along it.
      left -= 1 + x - from;
      if (left <= 0) {
        steps.left = 0;
        return null;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        steps.left = left;
        return backtrack(a, b, trace, d);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  steps.left = left;
  return null;
}

function backtrack(a: string[], b: string[], trace: Int32Array[], edits: number): SequenceRun[] {
  const reversed: { op: DiffOpKind; item: string }[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = edits; d > 0; d--) {
    const previous = trace[d - 1];
    const at = (k: number) => previous[k + d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const midX = down ? prevX : prevX + 1;
    const midY = down ? prevY + 1 : prevY;
    while (x > midX && y > midY) {
      reversed.push({ op: 'equal', item: a[x - 1] });
      x--;
      y--;
    }
    if (down) reversed.push({ op: 'insert', item: b[prevY] });
    else reversed.push({ op: 'delete', item: a[prevX] });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    reversed.push({ op: 'equal', item: a[x - 1] });
    x--;
    y--;
  }
  const runs: SequenceRun[] = [];
  for (let i = reversed.length - 1; i >= 0; i--) {
    const { op, item } = reversed[i];
    const last = runs[runs.length - 1];
    if (last && last.op === op) last.items.push(item);
    else runs.push({ op, items: [item] });
  }
  return runs;
}

/** Drops empty runs, joins neighbours of one kind, and puts deletions before insertions. */
function normalise(runs: SequenceRun[]): SequenceRun[] {
  const out: SequenceRun[] = [];
  let deleted: string[] = [];
  let inserted: string[] = [];
  const flushChanges = () => {
    if (deleted.length) out.push({ op: 'delete', items: deleted });
    if (inserted.length) out.push({ op: 'insert', items: inserted });
    deleted = [];
    inserted = [];
  };
  for (const run of runs) {
    if (!run.items.length) continue;
    if (run.op === 'delete') deleted = deleted.concat(run.items);
    else if (run.op === 'insert') inserted = inserted.concat(run.items);
    else {
      flushChanges();
      const last = out[out.length - 1];
      if (last && last.op === 'equal') last.items = last.items.concat(run.items);
      else out.push({ op: 'equal', items: [...run.items] });
    }
  }
  flushChanges();
  return out;
}
