import { describe, expect, it } from 'vitest';
import { categorizeReason, categorizeStage, DEFAULT_ATS_MAPPING, withOverrides } from '#core/domain/ats-mapping.ts';

describe('mapping ATS reasons and stages to categories', () => {
  it.each([
    [['Too Junior', 'Wrong skill set'], 'experience-mismatch'],
    [['Lacking skill(s)/qualification(s)', 'We rejected them'], 'skills-mismatch'],
    [['Overqualified'], 'experience-mismatch'],
    [['Hired another candidate', 'We rejected them'], 'position-filled'],
    [['Position closed'], 'position-closed'],
    [['Compensation', 'They rejected us'], 'withdrawn'],
    [['Took another offer'], 'withdrawn'],
    [['RejectedByCandidate', 'Too inexperienced'], 'withdrawn'],
    [['position-filled'], 'position-filled'],
    [['Culture add'], 'other'],
    [[undefined, '  '], 'other'],
  ] as const)('reason %j → %s', (names, category) => {
    expect(categorizeReason(DEFAULT_ATS_MAPPING, ...names)).toBe(category);
  });

  it.each([
    ['Offer', 'offer'],
    ['Reference Check', 'offer'],
    ['Preliminary Phone Screen', 'phone-screen'],
    ['phone-screen', 'phone-screen'],
    ['On-site interview', 'interview'],
    ['Take Home Test', 'interview'],
    ['Application Review', 'application-review'],
    ['Resume Screen', 'application-review'],
    ['PreInterviewScreen', 'phone-screen'],
    ['Archived', 'other'],
    [undefined, 'other'],
  ] as const)('stage %j → %s', (name, stage) => {
    expect(categorizeStage(DEFAULT_ATS_MAPPING, name)).toBe(stage);
  });

  it('takes exact names from configuration before the default keywords, case-insensitively', () => {
    const mapping = withOverrides(DEFAULT_ATS_MAPPING, {
      reasons: { 'Too Junior': 'skills-mismatch', Ghosted: 'withdrawn' },
      stages: { 'Team Lunch': 'interview' },
    });

    expect(categorizeReason(mapping, 'too junior')).toBe('skills-mismatch');
    expect(categorizeReason(mapping, 'GHOSTED')).toBe('withdrawn');
    expect(categorizeStage(mapping, 'team lunch')).toBe('interview');
    expect(categorizeReason(mapping, 'Hired another candidate')).toBe('position-filled');
  });

  it('replaces the keyword rules when configuration gives its own', () => {
    const mapping = withOverrides(DEFAULT_ATS_MAPPING, { reasonKeywords: [{ keyword: 'budget', category: 'other' }] });

    expect(categorizeReason(mapping, 'No budget')).toBe('other');
    expect(categorizeReason(mapping, 'Too junior')).toBe('other');
  });
});
