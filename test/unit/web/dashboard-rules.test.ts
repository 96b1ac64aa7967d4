import { describe, expect, it } from 'vitest';
import { pausedBy } from '../../../web/src/labels.ts';
import { parseRoute } from '../../../web/src/router.ts';
import { liftableBy } from '../../../web/src/suppression-rules.ts';

describe('the dashboard’s pages', () => {
  it('opens on Rejections, keeps flagged candidates at #/candidates, and serves the suppressions page', () => {
    expect(parseRoute('').page).toBe('rejections');
    expect(parseRoute('#/').page).toBe('rejections');
    const rejections = parseRoute('#/rejections?status=bounced,failed&q=ada');
    expect(rejections.page).toBe('rejections');
    expect(rejections.page === 'rejections' && rejections.query.get('status')).toBe('bounced,failed');
    expect(parseRoute('#/candidates?flag=warm').page).toBe('candidates');
    expect(parseRoute('#/suppressions?reason=complaint').page).toBe('suppressions');
    expect(parseRoute('#/suppressions/abc').page).toBe('not-found');
    expect(parseRoute('#/rejections/n_1').page).toBe('not-found');
  });
});

describe('who may lift a suppression, as the API decides it', () => {
  const viewer = { act: false, admin: false };
  const recruiter = { act: true, admin: false };
  const admin = { act: true, admin: true };

  it('lets a recruiter lift only what recruiters added, and an admin bounces and complaints too', () => {
    expect(liftableBy('recruiter-request', recruiter)).toBe(true);
    expect(liftableBy('hard-bounce', recruiter)).toBe(false);
    expect(liftableBy('complaint', recruiter)).toBe(false);
    expect(liftableBy('hard-bounce', admin)).toBe(true);
    expect(liftableBy('complaint', admin)).toBe(true);
    expect(liftableBy('recruiter-request', viewer)).toBe(false);
  });

  it('never offers to lift an erased candidate’s suppression', () => {
    expect(liftableBy('erased', admin)).toBe(false);
  });
});

describe('who paused sending, in words', () => {
  it('names the admin without the role prefix, and explains the reputation guard', () => {
    expect(pausedBy('admin:rachel@acme.example')).toBe('rachel@acme.example');
    expect(pausedBy('reputation-guard')).toBe('the reputation guard (too many bounces or complaints)');
    expect(pausedBy(undefined)).toBe('someone');
  });
});
