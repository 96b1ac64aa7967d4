/**
 * Recognizes machine answers (out-of-office, vacation responders, bounces, read receipts, mailing lists) so they are
 * recorded and never classified. Each rule needs an explicit signal; a human reply that merely says
 * "auto" or "away" has none of them and is never dropped.
 */
export interface AutoReplySignals {
  /** Header values by lowercase name (the first occurrence). */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The top-level media type, lowercase (`multipart/report`). */
  readonly contentType: string;
  /** The sender's address, as written. */
  readonly from?: string;
  readonly subject: string;
}

const AUTO_PRECEDENCE = new Set(['auto_reply', 'bulk', 'junk', 'list']);
const SYSTEM_SENDERS = /^(mailer-daemon|postmaster)$/i;

/**
 * Out-of-office and bounce subjects, anchored at the start of the subject (where mail systems put them),
 * followed by the end, a colon, a dash or a bracket. "Re: I'm away next week" or "Auto mechanic role"
 * do not match.
 */
const AUTO_SUBJECT_PHRASES = [
  // en
  'out of (the )?office',
  'out of office (auto(matic)?[ -]?)?reply',
  'automatic reply',
  'auto(matic)?[ -]?response',
  'auto[ -]?reply',
  'away from (the )?office',
  'on (vacation|holiday|leave)',
  'vacation (auto[ -]?)?reply',
  'undeliverable',
  'undelivered mail returned to sender',
  'delivery status notification',
  'mail delivery (failed|failure|system)',
  'returned mail',
  'delivery (has )?failed',
  'read(?=\\s*:)',
  // de
  'abwesenheitsnotiz',
  'abwesenheit',
  'automatische antwort',
  'nicht im büro',
  'außer haus',
  'unzustellbar',
  'urlaubsabwesenheit',
  // fr
  'réponse automatique',
  'absence du bureau',
  'absent(e)? du bureau',
  "message d'absence",
  'non remis',
  'absence',
  // es
  'respuesta automática',
  'fuera de la oficina',
  'ausencia',
  'ausente',
  'no se puede entregar',
  // it, nl, pt: cheap to include, common among candidates
  'risposta automatica',
  'fuori (sede|ufficio)',
  'automatisch antwoord',
  'afwezig',
  'resposta automática',
  'ausência',
  'fora do escritório',
];
const AUTO_SUBJECT = new RegExp(
  `^\\s*(?:\\[[^\\]]{0,40}\\]\\s*)?(?:${AUTO_SUBJECT_PHRASES.join('|')})(?=$|\\s*[:\\-–(\\[]|\\s*$)`,
  'iu',
);

function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return (at < 0 ? address : address.slice(0, at)).trim();
}

/** Returns why the message is a machine answer, or undefined for a human reply. */
export function autoReplyReason(signals: AutoReplySignals): string | undefined {
  const h = signals.headers;
  const autoSubmitted = h['auto-submitted']?.split(';')[0]?.trim().toLowerCase();
  if (autoSubmitted !== undefined && autoSubmitted !== '' && autoSubmitted !== 'no') {
    return `Auto-Submitted: ${autoSubmitted}`;
  }
  if (h['x-autoreply'] !== undefined) return 'X-Autoreply header';
  if (h['x-autorespond'] !== undefined) return 'X-Autorespond header';
  // A mailing list's copy (RFC 2919 / 2369) or mail a list manager or ticket system loop-marked: never a person
  // writing to us. List-Unsubscribe alone is not: senders of one-to-one mail add it too.
  if (h['list-id'] !== undefined) return 'Mailing list (List-Id)';
  if (h['list-post'] !== undefined) return 'Mailing list (List-Post)';
  if (h['x-loop'] !== undefined) return 'X-Loop header';
  const precedence = h.precedence?.trim().toLowerCase();
  if (precedence !== undefined && AUTO_PRECEDENCE.has(precedence)) return `Precedence: ${precedence}`;
  if (signals.contentType === 'multipart/report') return 'Delivery or read report (multipart/report)';
  if (signals.from !== undefined && SYSTEM_SENDERS.test(localPart(signals.from))) {
    return `Sent by ${localPart(signals.from).toUpperCase()}`;
  }
  if (h['return-path']?.trim() === '<>') return 'Null return path (bounce or automatic answer)';
  const subject = AUTO_SUBJECT.exec(signals.subject.normalize('NFC'));
  if (subject !== null) return `Automatic subject "${subject[0].trim()}"`;
  return undefined;
}
