import { SectionContent } from '../section-content';
import { diffSections, summarise } from './section-diff';

const text = (key: string, heading: string, body: string): SectionContent => ({
  key,
  kind: 'text',
  heading,
  body,
  code: null,
  category: null,
});

describe('diffSections', () => {
  const v1 = [
    text('intro', 'Introduction', 'These guidelines apply to all courts.'),
    text('scope', 'Scope', 'Victims of trafficking.'),
    text('privacy', 'Privacy', 'Hearings may be closed.'),
    text('old', 'Old part', 'To be removed.'),
    text('end', 'Final', 'Entry into force.'),
  ];

  it('labels added, removed, changed and unchanged sections and keeps the new order', () => {
    const v2 = [
      text('intro', 'Introduction', 'These guidelines apply to all courts.'),
      text('new', 'Interpreters', 'Victims get an interpreter.'),
      text('scope', 'Scope', 'Victims of trafficking and their families.'),
      text('privacy', 'Privacy', 'Hearings may be closed.'),
      text('end', 'Final', 'Entry into force.'),
    ];
    const diff = diffSections(v1, v2);
    expect(diff.map((d) => [d.key, d.status])).toEqual([
      ['intro', 'unchanged'],
      ['new', 'added'],
      ['scope', 'changed'],
      ['privacy', 'unchanged'],
      ['old', 'removed'],
      ['end', 'unchanged'],
    ]);
    // Shifted by an insertion before it, but not moved relative to the others.
    expect(diff.find((d) => d.key === 'privacy')).toMatchObject({
      moved: false,
      fromPosition: 2,
      toPosition: 3,
    });
    expect(diff.find((d) => d.key === 'scope')!.changes!.body).toEqual([
      { op: 'equal', text: 'Victims of trafficking' },
      { op: 'insert', text: ' and their families' },
      { op: 'equal', text: '.' },
    ]);
    expect(diff.find((d) => d.key === 'old')!.content!.body).toBe('To be removed.');
    expect(diff.find((d) => d.key === 'new')!.content!.heading).toBe('Interpreters');
    expect(summarise(diff)).toEqual({ added: 1, removed: 1, moved: 0, changed: 1, unchanged: 3 });
  });

  it('marks a section moved when its relative order changed, and changed+moved when its text did too', () => {
    const v2 = [
      text('privacy', 'Privacy', 'Hearings may be closed.'),
      text('intro', 'Introduction', 'These guidelines apply to all courts.'),
      text('scope', 'Scope', 'Victims of trafficking.'),
      text('end', 'Final provisions', 'Entry into force.'),
      text('old', 'Old part', 'No longer removed, but moved and edited.'),
    ];
    const diff = diffSections(v1, v2);
    const status = Object.fromEntries(diff.map((d) => [d.key, [d.status, d.moved]]));
    expect(status).toEqual({
      privacy: ['moved', true],
      intro: ['unchanged', false],
      scope: ['unchanged', false],
      end: ['changed', false],
      old: ['changed', true],
    });
  });

  it('reports indicator code, category and kind changes', () => {
    const before: SectionContent[] = [
      {
        key: 'i1',
        kind: 'indicator',
        heading: 'Indicator',
        body: 'Statement',
        code: 'VSC-1',
        category: 'Process',
      },
      text('t', 'T', 'B'),
    ];
    const after: SectionContent[] = [
      {
        key: 'i1',
        kind: 'indicator',
        heading: 'Indicator',
        body: 'Statement',
        code: 'VSC-2',
        category: null,
      },
      { key: 't', kind: 'indicator', heading: 'T', body: 'B', code: 'VSC-3', category: null },
    ];
    const diff = diffSections(before, after);
    expect(diff[0].changes).toEqual({
      code: { from: 'VSC-1', to: 'VSC-2' },
      category: { from: 'Process', to: null },
    });
    expect(diff[1].changes).toEqual({
      kind: { from: 'text', to: 'indicator' },
      code: { from: null, to: 'VSC-3' },
    });
  });

  it('puts sections removed from the top first', () => {
    const diff = diffSections(v1, v1.slice(2));
    expect(diff.map((d) => d.key)).toEqual(['intro', 'scope', 'privacy', 'old', 'end']);
    expect(diff.slice(0, 2).every((d) => d.status === 'removed')).toBe(true);
  });

  it('skips word ops when only statuses are wanted', () => {
    const v2 = [text('intro', 'Introduction', 'Changed.')];
    const diff = diffSections(v1.slice(0, 1), v2, { words: false });
    expect(diff[0].status).toBe('changed');
    expect(diff[0].changes).toEqual({ body: [] });
  });

  it('compares 200 long sections with small edits', () => {
    const long = (i: number) =>
      Array.from({ length: 400 }, (_, w) => `word${(w * 7 + i) % 97}`).join(' ');
    const before = Array.from({ length: 200 }, (_, i) => text(`s${i}`, `Section ${i}`, long(i)));
    const after = before.map((s, i) =>
      i % 10 === 0 ? { ...s, body: s.body.replace('word3 ', 'WORD3 ') } : s,
    );
    const diff = diffSections(before, after);
    expect(summarise(diff)).toEqual({
      added: 0,
      removed: 0,
      moved: 0,
      changed: 20,
      unchanged: 180,
    });
    const ops = diff[0].changes!.body!;
    expect(ops.filter((o) => o.op !== 'equal')).toEqual([
      { op: 'delete', text: 'word3' },
      { op: 'insert', text: 'WORD3' },
    ]);
  });
});
