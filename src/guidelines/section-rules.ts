import { detail, ErrorDetail } from '../common/app-error';
import { GuidelineErrorCode, GuidelineException } from './guideline.exception';
import { SectionContent } from './section-content';
import { SectionInputDto } from './version.dto';

/** Turns validated input into stored content: kind defaults to text; indicator fields only on indicators. */
export function toSectionContent(input: SectionInputDto): SectionContent {
  const kind = input.kind ?? 'text';
  return {
    key: input.key,
    kind,
    heading: input.heading,
    body: input.body,
    code: kind === 'indicator' ? (input.code ?? null) : null,
    category: kind === 'indicator' ? (input.category ?? null) : null,
  };
}

/**
 * Rules across sections that field validation cannot see: unique keys (each duplicate named with
 * its positions), indicators need a code, indicator fields only on indicators.
 */
export function sectionProblems(sections: SectionInputDto[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const positions = new Map<string, number[]>();
  sections.forEach((s, i) => positions.set(s.key, [...(positions.get(s.key) ?? []), i]));
  for (const [key, at] of positions) {
    if (at.length > 1) {
      problems.push(
        detail(
          'DUPLICATE_SECTION_KEY',
          { key, count: at.length, positions: at.join(', ') },
          { field: `sections.${at[1]}.key`, code: 'DUPLICATE_SECTION_KEY', key, positions: at },
        ),
      );
    }
  }
  sections.forEach((s, i) => {
    const kind = s.kind ?? 'text';
    if (kind === 'indicator' && !s.code) {
      problems.push(
        detail(
          'INDICATOR_CODE_REQUIRED',
          { key: s.key },
          { field: `sections.${i}.code`, code: 'INDICATOR_CODE_REQUIRED' },
        ),
      );
    }
    if (kind === 'text') {
      for (const field of ['code', 'category'] as const) {
        if (s[field] !== undefined) {
          problems.push(
            detail(
              'INDICATOR_FIELD_ON_TEXT',
              { key: s.key, field },
              { field: `sections.${i}.${field}`, code: 'INDICATOR_FIELD_ON_TEXT' },
            ),
          );
        }
      }
    }
  });
  return problems;
}

/**
 * The section rules of publishing, for any caller with sections to store (a version, the working
 * draft): 400 with one detail per problem, else the sections as stored content.
 */
export function checkedSections(input: SectionInputDto[]): SectionContent[] {
  const problems = sectionProblems(input);
  if (problems.length) {
    throw new GuidelineException(GuidelineErrorCode.INVALID_SECTIONS, {}, problems);
  }
  return input.map(toSectionContent);
}
