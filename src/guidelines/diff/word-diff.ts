import { DiffBudget, DiffOpKind, diffSequencesWithin } from './sequence-diff';
import { segmenterLocaleFor, tokenize } from './tokenize';

export interface WordOp {
  op: DiffOpKind;
  text: string;
}

/**
 * Word-level changes from `before` to `after`. Joining the `equal` and `delete` texts gives
 * `before`; joining the `equal` and `insert` texts gives `after`.
 */
export function wordDiff(before: string, after: string): WordOp[] {
  return wordDiffWithin(before, after, null).ops;
}

/**
 * What a word diff costs in budget units (see DiffBudget): tokenizing a character costs about as
 * much as twenty comparisons of the search (measured on the 2-core test machine), and one text
 * may spend at most PER_TEXT_STEPS on its search, so that one long rewritten section cannot use up
 * what the others need.
 */
export const UNITS_PER_CHARACTER = 20;
export const PER_TEXT_STEPS = 400_000;
/** The search's own bound on edits (sequence-diff.ts): beyond it a text is replaced anyway. */
const MAX_EDITS = 1500;

export interface BudgetedWordDiff {
  ops: WordOp[];
  /** The budget ran out: the changed middle is shown as replaced, not word by word. */
  budgetExceeded: boolean;
}

/**
 * wordDiff within a budget (none: unbounded). The words both texts start and end with are found
 * by comparing characters, so only the changed middle is tokenized and searched; a middle whose
 * tokens would cost more than is left is replaced whole, and the search stops when its share of
 * the budget is spent (the rest of the middle then replaced).
 */
export function wordDiffWithin(
  before: string,
  after: string,
  budget: DiffBudget | null,
): BudgetedWordDiff {
  if (before === after) {
    return { ops: before ? [{ op: 'equal', text: before }] : [], budgetExceeded: false };
  }
  const { start, end } = commonEnds(before, after);
  const midBefore = before.slice(start, before.length - end);
  const midAfter = after.slice(start, after.length - end);
  const ops: WordOp[] = [];
  if (start > 0) ops.push({ op: 'equal', text: before.slice(0, start) });
  let budgetExceeded: boolean;
  if (budget && !budget.take((midBefore.length + midAfter.length) * UNITS_PER_CHARACTER)) {
    budgetExceeded = true;
    if (midBefore) ops.push({ op: 'delete', text: midBefore });
    if (midAfter) ops.push({ op: 'insert', text: midAfter });
  } else {
    const locale = segmenterLocaleFor(before, after);
    const found = diffSequencesWithin(
      tokenize(midBefore, locale),
      tokenize(midAfter, locale),
      MAX_EDITS,
      budget,
      budget ? PER_TEXT_STEPS : Infinity,
    );
    budgetExceeded = found.budgetExceeded;
    for (const run of found.runs) ops.push({ op: run.op, text: run.items.join('') });
  }
  if (end > 0) ops.push({ op: 'equal', text: before.slice(before.length - end) });
  return { ops: joinEquals(ops), budgetExceeded };
}

/**
 * How many characters the two texts share at the start and at the end, cut back to whitespace so
 * that the word a difference falls in is compared whole: the start ends just after whitespace,
 * the end begins with whitespace.
 */
function commonEnds(before: string, after: string): { start: number; end: number } {
  const shortest = Math.min(before.length, after.length);
  let start = 0;
  while (start < shortest && before[start] === after[start]) start++;
  start = before.slice(0, start).search(/\s\S*$/) + 1;
  let end = 0;
  while (end < shortest - start && before.at(-1 - end) === after.at(-1 - end)) end++;
  const space = before.slice(before.length - end).search(/\s/);
  end = space < 0 ? 0 : end - space;
  return { start, end };
}

function joinEquals(ops: WordOp[]): WordOp[] {
  const out: WordOp[] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    if (last && last.op === 'equal' && op.op === 'equal') last.text += op.text;
    else out.push({ ...op });
  }
  return out;
}

/** The text on one side of a diff, rebuilt from the ops. */
export function sideOf(ops: WordOp[], side: 'before' | 'after'): string {
  const skip: DiffOpKind = side === 'before' ? 'insert' : 'delete';
  return ops
    .filter((o) => o.op !== skip)
    .map((o) => o.text)
    .join('');
}
