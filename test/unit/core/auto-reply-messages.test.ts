import { describe, expect, it } from 'vitest';
import { MailparserInboundParser } from '#adapters/mime/mailparser-inbound-parser.ts';
import { humanReplyMessage, SYNTHETIC_AUTOMATIC, SYNTHETIC_HUMAN } from '#bench/automatic/synthetic-messages.ts';
import { autoReplyReason } from '#core/domain/auto-reply.ts';

const parser = new MailparserInboundParser();
const reasonOf = async (raw: string) => autoReplyReason(await parser.parse(Buffer.from(raw)));

describe('automatic mail, whole messages through the parser', () => {
  it.each(SYNTHETIC_AUTOMATIC.map((m) => [m.name, m.raw]))('records %s as automatic', async (_name, raw) => {
    expect(await reasonOf(raw)).toBeDefined();
  });

  it.each(SYNTHETIC_HUMAN.map((m) => [m.name, m.raw]))('never takes the human reply %s for one', async (_name, raw) => {
    expect(await reasonOf(raw)).toBeUndefined();
  });

  it('names the complaint report that only attaches the original message', async () => {
    const hotmail = SYNTHETIC_AUTOMATIC.find((m) => m.name === 'hotmail-jmrp-complaint');
    expect(await reasonOf(hotmail?.raw ?? '')).toBe('Complaint report (feedback-loop sender)');
  });

  it('reads the SNS footer of a notification that reached us from an ordinary address', async () => {
    const sns = SYNTHETIC_AUTOMATIC.find((m) => m.name === 'sns-forwarded-footer');
    expect(await reasonOf(sns?.raw ?? '')).toMatch(/^Automatic wording "if you wish to stop receiving notifications/i);
  });

  it('lists the media types of the non-text parts, each once', async () => {
    const mail = await parser.parse(
      Buffer.from(SYNTHETIC_AUTOMATIC.find((m) => m.name === 'yahoo-loose-complaint')?.raw ?? ''),
    );
    expect(mail.partTypes).toEqual(['message/rfc822']);
    expect((await parser.parse(Buffer.from(humanReplyMessage('Thanks!')))).partTypes).toEqual([]);
  });
});
