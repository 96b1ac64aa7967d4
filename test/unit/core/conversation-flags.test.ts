import { describe, expect, it } from 'vitest';
import type { FlagDecision } from '#core/domain/candidate-flag.ts';
import { APOLOGY_REASON, followConversation, mostSerious } from '#core/domain/conversation-flags.ts';
import { loopReason } from '#core/domain/relay-addresses.ts';

const warm: FlagDecision = { flag: 'warm', reason: 'Warm reply (thanks)', evidence: [] };
const friendly = { hostile: false, borderline: false, sentiment: 'positive' };

describe('flags that follow the conversation', () => {
  it('sends a friendly turn after a burned bridge to review, keeping its own flags', () => {
    const decisions = followConversation([warm], friendly, { bridgeBurned: { status: 'raised' } });

    expect(decisions).toEqual([warm, { flag: 'needs-review', reason: APOLOGY_REASON, evidence: [] }]);
  });

  it('sends a plain apology to review even when its sentiment reads negative, in each language we send', () => {
    const burned = { bridgeBurned: { status: 'raised' as const } };
    for (const text of [
      'Sorry about what I wrote yesterday, that was out of line.',
      'I apologise for my last email.',
      'Entschuldigen Sie bitte meine letzte Nachricht.',
      'Je suis désolé pour mon dernier message.',
      'Lo siento mucho por mi último correo.',
    ]) {
      const decisions = followConversation([], { ...friendly, sentiment: 'negative', text }, burned);
      expect(decisions, text).toEqual([{ flag: 'needs-review', reason: APOLOGY_REASON, evidence: [] }]);
    }
    expect(followConversation([], { ...friendly, sentiment: 'negative', text: 'Still a scam.' }, burned)).toEqual([]);
  });

  it('changes nothing without a burned bridge, or when a recruiter dismissed it', () => {
    expect(followConversation([warm], friendly, {})).toEqual([warm]);
    expect(followConversation([warm], friendly, { bridgeBurned: { status: 'dismissed' } })).toEqual([warm]);
  });

  it('changes nothing on a neutral or hostile turn after a burned bridge', () => {
    const burned = { bridgeBurned: { status: 'confirmed' as const } };
    expect(followConversation([], { ...friendly, sentiment: 'neutral' }, burned)).toEqual([]);
    expect(followConversation([], { ...friendly, hostile: true }, burned)).toEqual([]);
  });

  it('orders flags by seriousness', () => {
    expect(mostSerious([warm, { flag: 'bridge-burned', reason: '', evidence: [] }])?.flag).toBe('bridge-burned');
    expect(mostSerious([])).toBeUndefined();
  });
});

describe('relay loops', () => {
  const ours = { relayFrom: 'relay@acme.example', replyDomain: 'replies.acme.example' };

  it('recognizes our loop header, our relay address and any address on the reply domain', () => {
    expect(loopReason({ from: 'x@example.org', headers: { 'x-closeloop-relay': 'm_1' } }, ours)).toBe(
      'loop: carries X-Closeloop-Relay',
    );
    expect(loopReason({ from: 'Relay@Acme.example', headers: {} }, ours)).toBe('loop: sent from our relay address');
    expect(loopReason({ from: 'reply+abc@replies.acme.example', headers: {} }, ours)).toBe(
      'loop: sent from our reply domain',
    );
  });

  it('lets anyone else through', () => {
    expect(loopReason({ from: 'ada@example.com', headers: {} }, ours)).toBeUndefined();
    expect(loopReason({ headers: {} }, ours)).toBeUndefined();
  });
});
