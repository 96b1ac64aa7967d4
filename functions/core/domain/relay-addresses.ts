import { domainOf, normalizeEmail } from './email-address.ts';
import { RECRUITER_ADDRESS_PREFIX, RELAY_LOOP_HEADER } from './relay.ts';

/** `"Name" <address>`, with the name reduced to what a quoted display name may hold. */
export function displayAddress(name: string, address: string): string {
  const safe = name
    .replace(/[\r\n\t"\\<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return safe === '' ? address : `"${safe}" <${address}>`;
}

/** The address of a `Name <address>` header value (or the value itself when it is a bare address). */
export function addressOf(mailbox: string): string {
  const match = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(mailbox);
  return (match?.[1] ?? mailbox).trim();
}

/** The display name of `Name <address>`, unquoted; empty when there is none. */
export function displayNameOf(mailbox: string): string {
  const at = mailbox.lastIndexOf('<');
  return at <= 0 ? '' : mailbox.slice(0, at).trim().replace(/^"|"$/g, '').trim();
}

export function recruiterAddress(token: string, replyDomain: string): string {
  return `${RECRUITER_ADDRESS_PREFIX}${token}@${replyDomain}`;
}

export function candidateReplyAddress(replyToken: string, replyDomain: string): string {
  return `reply+${replyToken}@${replyDomain}`;
}

/**
 * Why an inbound message is our own mail coming back (a relay loop), or undefined: it carries our loop header,
 * or comes from our relay address or any address on the reply domain (nobody writes from those but us).
 */
export function loopReason(
  mail: { readonly from?: string; readonly headers: Readonly<Record<string, string | undefined>> },
  ours: { readonly relayFrom: string; readonly replyDomain: string },
): string | undefined {
  if (mail.headers[RELAY_LOOP_HEADER] !== undefined) return 'loop: carries X-Closeloop-Relay';
  if (mail.from === undefined) return undefined;
  if (normalizeEmail(mail.from) === normalizeEmail(addressOf(ours.relayFrom)))
    return 'loop: sent from our relay address';
  if (domainOf(mail.from) === normalizeEmail(ours.replyDomain)) return 'loop: sent from our reply domain';
  return undefined;
}
