import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { aMail, gmailQuote } from '#test/support/mail.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const parseReply = (input: string | Buffer) =>
  spawnSync('npm', ['run', '--silent', 'parse-reply'], { cwd: root, input, encoding: 'utf8' });

describe('npm run --silent parse-reply < message.eml', () => {
  it('prints one JSON object: auto-reply or not, the stripped text, the sender and the correlation', () => {
    const token = 'abcdefghijklmnopqrstuvwxyz234567';
    const run = parseReply(
      aMail({
        to: `reply+${token}@replies.acme.example`,
        inReplyTo: '0100018c-abc-000000@email.amazonses.com',
        body: `Thanks for letting me know!\n\n${gmailQuote('Hi Ada,\nWe decided not to move forward.')}`,
      }),
    );

    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      autoReply: false,
      autoReplyReason: null,
      text: 'Thanks for letting me know!',
      from: 'ada@example.com',
      correlation: { token, inReplyTo: '0100018c-abc-000000', method: 'token' },
    });
  });

  it('says why a message is an auto-reply', () => {
    const run = parseReply(aMail({ headers: { 'Auto-Submitted': 'auto-replied' }, body: 'Out until Monday.' }));
    expect(JSON.parse(run.stdout)).toMatchObject({ autoReply: true, autoReplyReason: 'Auto-Submitted: auto-replied' });
  });

  it('fails with a message on empty or unreadable input', () => {
    const empty = parseReply('');
    const garbage = parseReply(Buffer.from([0, 1, 2]));
    expect([empty.status, garbage.status]).toEqual([1, 1]);
    expect(empty.stderr).toContain('stdin is empty');
    expect(garbage.stderr).toContain('unreadable message');
  });
});
