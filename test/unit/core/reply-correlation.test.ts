import { describe, expect, it } from 'vitest';
import { correlationHints, replyTokensIn, sesMessageIdOf } from '#core/domain/reply-correlation.ts';

const token = 'abcdefghijklmnopqrstuvwxyz234567';

describe('what a reply says about the notice it answers', () => {
  it('finds the token in a recipient on the reply domain, whatever the case', () => {
    expect(
      replyTokensIn(
        ['talent@acme.example', `REPLY+${token.toUpperCase()}@Replies.Acme.Example`, `reply+${token}@evil.example`],
        'replies.acme.example',
      ),
    ).toEqual([token]);
  });

  it('ignores malformed tokens before any lookup', () => {
    expect(
      replyTokensIn(
        ['reply+short@replies.acme.example', `reply+${token}0@replies.acme.example`, 'reply+@replies.acme.example'],
        'replies.acme.example',
      ),
    ).toEqual([]);
  });

  it('reads the SES message id from SES Message-IDs of any region, and keeps other ids whole', () => {
    expect(sesMessageIdOf('<0100018c-abc-000000@email.amazonses.com>')).toBe('0100018c-abc-000000');
    expect(sesMessageIdOf('<0102018c-def-000000@eu-west-1.amazonses.com>')).toBe('0102018c-def-000000');
    expect(sesMessageIdOf('<local-id@localhost>')).toBe('local-id@localhost');
    expect(sesMessageIdOf('<>')).toBeUndefined();
  });

  it('orders References newest first and bounds them', () => {
    const refs = Array.from({ length: 30 }, (_, i) => `<id${i}@email.amazonses.com>`);
    const hints = correlationHints({ recipients: [], inReplyTo: [], references: refs, replyDomain: 'r.example' });
    expect(hints.references[0]).toBe('id29');
    expect(hints.references).toHaveLength(20);
  });
});
