import { SectionContent, SectionKind } from '../section-content';
import { DiffBudget, diffSequences } from './sequence-diff';
import { WordOp, wordDiffWithin } from './word-diff';

export type SectionStatus = 'added' | 'removed' | 'moved' | 'changed' | 'unchanged';

export interface FieldChange<T> {
  from: T;
  to: T;
}

export interface SectionChanges {
  heading?: WordOp[];
  body?: WordOp[];
  kind?: FieldChange<SectionKind>;
  code?: FieldChange<string | null>;
  category?: FieldChange<string | null>;
}

export interface SectionDiff {
  key: string;
  status: SectionStatus;
  /** The section changed its place relative to the sections both versions share. */
  moved: boolean;
  /** 0-based positions in the older (`from`) and newer (`to`) version; null where absent. */
  fromPosition: number | null;
  toPosition: number | null;
  /** Text changes of a `changed` section (word ops only when `words` was asked for). */
  changes: SectionChanges | null;
  /** Whole content of an `added` (new text) or `removed` (old text) section. */
  content: SectionContent | null;
  /**
   * The request's diff budget ran out on this section: its changed heading or body is shown as
   * replaced (the words it starts and ends with still equal), not word by word.
   */
  budgetExceeded: boolean;
}

export interface SectionDiffSummary {
  added: number;
  removed: number;
  moved: number;
  changed: number;
  unchanged: number;
}

export interface DiffOptions {
  /** Compute word-level ops for changed headings and bodies (off for plain status checks). */
  words: boolean;
  /** The work the word diffs of the whole comparison may spend; none: unbounded. */
  budget?: DiffBudget;
}

/**
 * Compares two versions section by section, matching sections by key.
 *
 * "Moved" means the section's order relative to the other shared sections changed (its key is
 * outside the longest common subsequence of shared keys), not merely that its index shifted
 * because something was added or removed before it. A moved section with the same text is
 * `moved`; one whose text also changed is `changed` with `moved: true`.
 *
 * The result follows the newer version's order; a removed section is placed after the section
 * that preceded it in the older version (or first, when nothing preceded it there).
 */
export function diffSections(
  from: SectionContent[],
  to: SectionContent[],
  options: DiffOptions = { words: true },
): SectionDiff[] {
  const fromIndex = new Map(from.map((s, i) => [s.key, i]));
  const toIndex = new Map(to.map((s, i) => [s.key, i]));
  const shared = (sections: SectionContent[], other: Map<string, number>) =>
    sections.filter((s) => other.has(s.key)).map((s) => s.key);
  const stable = new Set<string>();
  const order = diffSequences(shared(from, toIndex), shared(to, fromIndex), Infinity);
  for (const run of order) if (run.op === 'equal') run.items.forEach((k) => stable.add(k));

  const entryFor = (next: SectionContent, position: number): SectionDiff => {
    const oldPosition = fromIndex.get(next.key);
    if (oldPosition === undefined) {
      return {
        key: next.key,
        status: 'added',
        moved: false,
        fromPosition: null,
        toPosition: position,
        changes: null,
        content: next,
        budgetExceeded: false,
      };
    }
    const moved = !stable.has(next.key);
    const compared = compare(from[oldPosition], next, options);
    return {
      key: next.key,
      status: compared.changes ? 'changed' : moved ? 'moved' : 'unchanged',
      moved,
      fromPosition: oldPosition,
      toPosition: position,
      changes: compared.changes,
      content: null,
      budgetExceeded: compared.budgetExceeded,
    };
  };
  const removedEntry = (old: SectionContent, position: number): SectionDiff => ({
    key: old.key,
    status: 'removed',
    moved: false,
    fromPosition: position,
    toPosition: null,
    changes: null,
    content: old,
    budgetExceeded: false,
  });

  // Removed sections hang after the nearest earlier section of the old version that survived.
  const removedAfter = new Map<string | null, SectionDiff[]>();
  let anchor: string | null = null;
  from.forEach((old, i) => {
    if (toIndex.has(old.key)) {
      anchor = old.key;
      return;
    }
    const list = removedAfter.get(anchor) ?? [];
    list.push(removedEntry(old, i));
    removedAfter.set(anchor, list);
  });

  const result: SectionDiff[] = [...(removedAfter.get(null) ?? [])];
  to.forEach((next, i) => {
    result.push(entryFor(next, i));
    result.push(...(removedAfter.get(next.key) ?? []));
  });
  return result;
}

export function summarise(diffs: SectionDiff[]): SectionDiffSummary {
  const summary: SectionDiffSummary = { added: 0, removed: 0, moved: 0, changed: 0, unchanged: 0 };
  for (const d of diffs) summary[d.status]++;
  return summary;
}

function compare(
  before: SectionContent,
  after: SectionContent,
  options: DiffOptions,
): { changes: SectionChanges | null; budgetExceeded: boolean } {
  const changes: SectionChanges = {};
  let changed = false;
  let budgetExceeded = false;
  const words = (a: string, b: string) => {
    if (!options.words) return [];
    const found = wordDiffWithin(a, b, options.budget ?? null);
    budgetExceeded ||= found.budgetExceeded;
    return found.ops;
  };
  if (before.heading !== after.heading) {
    changed = true;
    changes.heading = words(before.heading, after.heading);
  }
  if (before.body !== after.body) {
    changed = true;
    changes.body = words(before.body, after.body);
  }
  if (before.kind !== after.kind) {
    changed = true;
    changes.kind = { from: before.kind, to: after.kind };
  }
  if ((before.code ?? null) !== (after.code ?? null)) {
    changed = true;
    changes.code = { from: before.code ?? null, to: after.code ?? null };
  }
  if ((before.category ?? null) !== (after.category ?? null)) {
    changed = true;
    changes.category = { from: before.category ?? null, to: after.category ?? null };
  }
  return { changes: changed ? changes : null, budgetExceeded };
}
