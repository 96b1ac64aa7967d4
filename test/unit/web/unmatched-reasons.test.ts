import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../../web/src/router.ts';
import { unmatchedReasons } from '../../../web/src/unmatched-reasons.ts';

describe('why a reply was not matched, as the dashboard lists it', () => {
  it('puts each try the server made on its own line', () => {
    expect(
      unmatchedReasons(
        'Unmatched: no reply token in the recipients; no In-Reply-To or References; no notice was sent to the sender',
      ),
    ).toEqual(['No reply token in the recipients', 'No In-Reply-To or References', 'No notice was sent to the sender']);
  });

  it('shows a reason in another shape whole, and says when there is none', () => {
    expect(unmatchedReasons('Not read')).toEqual(['Not read']);
    expect(unmatchedReasons('Unmatched:')).toEqual(['Unmatched:']);
    expect(unmatchedReasons(undefined)).toEqual(['No reason was recorded']);
    expect(unmatchedReasons('  ')).toEqual(['No reason was recorded']);
  });
});

describe('the dashboard routes', () => {
  it('opens the unmatched replies page at #/replies/unmatched, and nothing under it', () => {
    expect(parseRoute('#/replies/unmatched')).toEqual({ page: 'unmatched' });
    expect(parseRoute('#/replies/unmatched/r_1')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/replies')).toEqual({ page: 'not-found' });
    expect(parseRoute('#/candidates/c_1')).toEqual({ page: 'candidate', id: 'c_1' });
  });
});
