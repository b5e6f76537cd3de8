import { suggestionStatus } from './suggestion-status';

describe('suggestionStatus', () => {
  it.each([
    [{ appliedInVersion: 3, inDraft: false, hasDisposition: true }, 'APPLIED'],
    [{ appliedInVersion: 3, inDraft: true, hasDisposition: true }, 'APPLIED'],
    [{ appliedInVersion: null, inDraft: false, hasDisposition: false }, 'OPEN'],
    [{ appliedInVersion: null, inDraft: true, hasDisposition: true }, 'OPEN'],
    [{ appliedInVersion: null, inDraft: false, hasDisposition: true }, 'NOT_APPLIED'],
  ] as const)('%j is %s', (facts, status) => {
    expect(suggestionStatus(facts)).toBe(status);
  });
});
