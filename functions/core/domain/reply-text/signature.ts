import EmailReplyParser from 'email-reply-parser';
import { trimBlank } from './quotation-splitters.ts';

/**
 * Sign-offs that start a signature block, beyond those email-reply-parser knows ("Regards", "Cheers",
 * "Sent from my …" in several languages). "Thanks" is deliberately not one: it carries the candidate's
 * tone, and the classifier must see it.
 */
const CLOSINGS =
  /^\s*(best|best regards|kind regards|warm regards|all the best|sincerely|yours sincerely|yours truly|yours|respectfully|mit freundlichen grüßen|mit freundlichem gruß|freundliche grüße|viele grüße|liebe grüße|beste grüße|herzliche grüße|lg|vg|mfg|cordialement|bien cordialement|bien à vous|salutations|sincères salutations|saludos|un saludo|saludos cordiales|atentamente|un cordial saludo|cordiali saluti|distinti saluti|met vriendelijke groet)\s*[,.!]?\s*$/iu;
const MOBILE =
  /^\s*(sent from my|sent from (outlook|mail|yahoo|samsung)|get outlook for|von meinem .* gesendet|gesendet von|envoyé de mon|envoyé depuis|enviado desde|enviado de mi|inviato da|verzonden vanaf|verstuurd vanaf)\b/iu;
/** What may follow a sign-off and still be a signature: a name, a title, a phone number, a link. */
const MAX_SIGNATURE_LINES = 6;
const MAX_SIGNATURE_LINE = 80;

const parser = new EmailReplyParser();

/** Quoted fragments as email-reply-parser sees them (its header list covers more languages than ours). */
export function removeParserQuotes(text: string): string {
  const fragments = parser.read(text).getFragments();
  return trimBlank(
    fragments
      .filter((f) => !f.isQuoted())
      .map((f) => f.getContent())
      .join('\n')
      .split('\n'),
  ).join('\n');
}

/** Removes the signature: email-reply-parser's separators and sign-offs, then our own list. */
export function removeSignature(text: string): string {
  const visible = trimBlank(parser.read(text).getVisibleText().split('\n'));
  const lines = visible.length > 0 ? visible : trimBlank(text.split('\n'));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (MOBILE.test(line)) return trimBlank(lines.slice(0, i)).join('\n');
    if (!CLOSINGS.test(line)) continue;
    const rest = lines.slice(i + 1).filter((l) => l.trim() !== '');
    if (rest.length <= MAX_SIGNATURE_LINES && rest.every((l) => l.length <= MAX_SIGNATURE_LINE)) {
      const kept = trimBlank(lines.slice(0, i));
      // A reply that is only a sign-off keeps it: it is still what the candidate wrote.
      return kept.length > 0 ? kept.join('\n') : lines.join('\n');
    }
  }
  return lines.join('\n');
}
