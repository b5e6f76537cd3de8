import { DiffOpKind, diffSequences } from './sequence-diff';
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
  if (before === after) return before ? [{ op: 'equal', text: before }] : [];
  const locale = segmenterLocaleFor(before, after);
  return diffSequences(tokenize(before, locale), tokenize(after, locale)).map((run) => ({
    op: run.op,
    text: run.items.join(''),
  }));
}

/** The text on one side of a diff, rebuilt from the ops. */
export function sideOf(ops: WordOp[], side: 'before' | 'after'): string {
  const skip: DiffOpKind = side === 'before' ? 'insert' : 'delete';
  return ops
    .filter((o) => o.op !== skip)
    .map((o) => o.text)
    .join('');
}
