/**
 * What an inbound message says about the notice it answers, before any lookup.
 *
 * The Reply-To of every notice is `reply+<token>@<reply domain>`: the token is 160 random bits (base32,
 * 32 characters) minted per notice, never derived from its id. Knowing it is the proof: a guessed or
 * altered token matches no notice, so there is nothing a signature would add on top of the lookup (see
 * docs/replies.md). The format is checked strictly before any lookup.
 */
export const REPLY_TOKEN_PATTERN = /^[a-z2-7]{32}$/;

export interface CorrelationHints {
  /** Tokens found in recipient addresses, in the order found. */
  readonly tokens: readonly string[];
  /** SES message ids this message answers: In-Reply-To first, then References newest first. */
  readonly inReplyTo: readonly string[];
  readonly references: readonly string[];
}

const MAX_REFERENCES = 20;

export function replyTokensIn(recipients: readonly string[], replyDomain: string): string[] {
  return tokensIn(recipients, replyDomain, 'reply+');
}

/** Tokens of `<prefix><token>@<reply domain>` recipients (`reply+`, `recruiter+`), checked strictly. */
export function tokensIn(recipients: readonly string[], replyDomain: string, prefix: string): string[] {
  const domain = replyDomain.toLowerCase();
  const tokens: string[] = [];
  for (const recipient of recipients) {
    const address = recipient.trim().toLowerCase();
    const at = address.lastIndexOf('@');
    if (at < 0 || address.slice(at + 1) !== domain) continue;
    const local = address.slice(0, at);
    if (!local.startsWith(prefix)) continue;
    // Some clients and gateways change the case of the local part; tokens are lowercase base32.
    const token = local.slice(prefix.length);
    if (REPLY_TOKEN_PATTERN.test(token) && !tokens.includes(token)) tokens.push(token);
  }
  return tokens;
}

/**
 * SES gives our message the Message-ID `<sesMessageId@<region>.amazonses.com>` (or `@email.amazonses.com`);
 * the notice stores `sesMessageId`, so the local part is the key. Ids of other domains are kept whole, which
 * is what a local SES emulator's ids look like.
 */
export function sesMessageIdOf(messageId: string): string | undefined {
  const id = messageId.trim().replace(/^<|>$/g, '');
  if (id === '' || id.length > 250) return undefined;
  const at = id.lastIndexOf('@');
  if (at > 0 && /(^|\.)amazonses\.com$/i.test(id.slice(at + 1))) return id.slice(0, at);
  return id;
}

export function correlationHints(input: {
  readonly recipients: readonly string[];
  readonly inReplyTo: readonly string[];
  readonly references: readonly string[];
  readonly replyDomain: string;
}): CorrelationHints {
  const ids = (list: readonly string[]) =>
    [...new Set(list.map(sesMessageIdOf).filter((id): id is string => id !== undefined))].slice(0, MAX_REFERENCES);
  return {
    tokens: replyTokensIn(input.recipients, input.replyDomain),
    inReplyTo: ids(input.inReplyTo),
    // The newest reference is last in the header; it is the likeliest to be ours.
    references: ids([...input.references].reverse()),
  };
}
