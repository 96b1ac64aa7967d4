/**
 * Finds where quoted history starts in a plain-text reply, for the clients candidates use: Gmail, Apple
 * Mail, Thunderbird and mobile clients ("On … wrote:" with `>` lines, in many languages), Outlook (an
 * unmarked `From:/Sent:/To:/Subject:` block, often under a line of underscores) and the
 * "-----Original Message-----" separators. Every pattern is anchored and bounded, so a hostile line costs
 * linear time.
 */

/** Verbs of "X wrote:" headers, many languages. */
const WROTE =
  '(?:wrote|writes|has written|schrieb|hat geschrieben|a écrit|écrit|escribió|escribio|ha escrito|ha scritto|scrisse|escreveu|schreef|het volgende geschreven|skrev|skrifaði|napisał|napisała|napisal|pisze|kirjoitti|kirjutas|írta|napsal|napísal|a scris|έγραψε|написал|написала|написав|писал|yazdı|đã viết|viết|menulis|写道|寫道|작성|のメッセージ|kaj\\s+skribis)';

/** "On <date>, <name> wrote:" (one logical line; the caller joins up to three physical ones). */
const WROTE_HEADER = new RegExp(
  `^[\\s>]*(?:[-–—]+\\s*)?\\S.{0,300}?(?<!\\p{L})${WROTE}(?!\\p{L})\\s*[:：]?\\s*[-–—]*\\s*$`,
  'iu',
);
/** A header that must start with one of these words to count when it has no colon after "wrote". */
const WROTE_OPENERS =
  /^[\s>]*[-–—]*\s*(?:on|le|am|el|il|em|op|den|dne|w dniu|dnia|pe|ma|ti|ke|to|pá|vào|в|el día|am \d|\d)/iu;

/** Separators some clients put above the quoted message. */
const ORIGINAL_MESSAGE = new RegExp(
  '^\\s*[-_=*]{2,}\\s*(?:original message|reply message|ursprüngliche nachricht|antwort nachricht|' +
    "message d'origine|mensaje original|messaggio originale|mensagem original|oorspronkelijk bericht|" +
    'oprindelig meddelelse|original meddelelse|oprindelig besked|opprinnelig melding|ursprungligt meddelande|' +
    'alkuperäinen viesti|исходное сообщение|wiadomość oryginalna|původní zpráva|original message follows)' +
    '\\s*[-_=*]*\\s*$',
  'iu',
);

/** Mobile clients: "---- John Smith wrote ----" or "-------- Original message --------". */
const DASHED_WROTE = new RegExp(`^\\s*-{2,}.{0,120}(?<!\\p{L})${WROTE}(?!\\p{L}).{0,20}-{2,}\\s*$`, 'iu');

/** Header names of Outlook-style blocks, many languages. */
const FROM_KEYS =
  '(?:from|von|de|da|van|fra|från|frá|od|от|kimden|lähettäjä|feladó|từ|dari|mittente|remetente|afzender|expéditeur|absender)';
const OTHER_KEYS =
  '(?:sent|date|to|cc|bcc|subject|reply-to|gesendet|datum|an|kopie|betreff|envoyé|à|objet|cc|enviado|enviada|fecha|para|asunto|inviato|data|a|oggetto|verzonden|aan|onderwerp|sendt|dato|til|emne|skickat|till|ämne|wysłano|do|temat|odesláno|komu|předmět|отправлено|дата|кому|тема|gönderildi|tarih|kime|konu|lähetetty|päivämäärä|vastaanottaja|aihe|elküldve|dátum|címzett|tárgy|ngày|đến|chủ đề|tanggal|kepada|perihal)';
const FROM_LINE = new RegExp(`^\\s*[*_]{0,2}${FROM_KEYS}[*_]{0,2}\\s*[:：][*_]{0,2}\\s*\\S`, 'iu');
const HEADER_LINE = new RegExp(`^\\s*[*_]{0,2}(?:${FROM_KEYS}|${OTHER_KEYS})[*_]{0,2}\\s*[:：][*_]{0,2}`, 'iu');
const DATE_LINE =
  /^\s*[*_]{0,2}(?:date|sent|datum|gesendet|envoyé|fecha|enviado|data|inviato|sendt|skickat)[*_]{0,2}\s*:/iu;

/** Header lines are short; a longer line is the candidate's text (and bounds the cost of every pattern). */
const MAX_HEADER_LINE = 400;
const WROTE_WORD = new RegExp(`(?<!\\p{L})${WROTE}(?!\\p{L})`, 'iu');
const ENDS_WITH_ADDRESS = /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}$/u;

/**
 * "2014-10-17 11:28 GMT+03:00 Bob <bob@example.com>:", "ср, 30 апр. 2025 г. в 15:19, John <j@x.com>:"
 * or "tir. 18. apr. 2017 kl. 13:09 skrev Test <t@x.com>:": a date or time, then an address or a "wrote"
 * verb, and a colon at the end. Checked step by step rather than by one backtracking pattern.
 */
function isDateHeader(text: string): boolean {
  const t = text.trim();
  if (t.length > MAX_HEADER_LINE || t.startsWith('>') || !/[:：]$/.test(t)) return false;
  const body = t
    .slice(0, -1)
    .trimEnd()
    .replace(/[>)\]]$/, '')
    .trimEnd();
  const address = ENDS_WITH_ADDRESS.exec(body.slice(-200));
  if (address !== null && /\d/.test(body.slice(0, body.length - address[0].length))) return true;
  const verb = WROTE_WORD.exec(t);
  return verb !== null && /\d/.test(t.slice(0, verb.index)) && verb.index + verb[0].length < t.length - 1;
}

const INLINE_OPENER = /(?:^|[-\s])(On|Le|Am|El|Il|Op)\s/gu;
const INLINE_HEADER = new RegExp(`^(?:On|Le|Am|El|Il|Op)\\s.{4,200}(?<!\\p{L})${WROTE}\\s*:\\s*$`, 'u');

/** "reply text--- On Wed, Apr 4, 2012 at 3:59 PM, x wrote:": the reply before the header, or undefined. */
function inlineHeaderSplit(line: string): string | undefined {
  if (line.length > MAX_HEADER_LINE || !/[:：]\s*$/.test(line) || !WROTE_WORD.test(line)) return undefined;
  for (const opener of line.matchAll(INLINE_OPENER)) {
    const at = opener.index + opener[0].indexOf(opener[1] ?? '');
    const before = line.slice(0, at).replace(/[-\s]+$/, '');
    if (/\S/.test(before) && INLINE_HEADER.test(line.slice(at))) return before;
  }
  return undefined;
}

const QUOTED = /^\s*>/;

function joined(lines: readonly string[], from: number, count: number): string {
  return lines
    .slice(from, from + count)
    .map((l) => l.trim())
    .join(' ');
}

/** How many lines, starting at `i`, form a "… wrote:" header (0 when none). */
export function wroteHeaderAt(lines: readonly string[], i: number): number {
  const first = lines[i] ?? '';
  if (first.trim() === '' || first.length > MAX_HEADER_LINE) return 0;
  // Only a line that opens like a header ("On …", "Le …", "Am …", a date) may continue on the next lines.
  const maxLines = WROTE_OPENERS.test(first) ? 5 : 1;
  for (let count = 1; count <= maxLines && i + count <= lines.length; count++) {
    const text = joined(lines, i, count);
    if (text.length > 500) return 0;
    const last = (lines[i + count - 1] ?? '').trim();
    if (!WROTE_HEADER.test(text)) continue;
    if (DASHED_WROTE.test(text)) return count;
    // A date, an address or a quoted name: "As I wrote:" in the candidate's own text is none of these.
    if (!/[\d@<"]/.test(text)) continue;
    const endsWithColon = /[:：]\s*[-–—]*$/.test(last);
    if (endsWithColon || WROTE_OPENERS.test(first)) return count;
  }
  return 0;
}

/** How many lines (1 or 2, when an address wraps) form a date-and-address or verb-first header. */
function dateHeaderAt(lines: readonly string[], i: number): number {
  const first = lines[i] ?? '';
  if (first.trim() === '') return 0;
  if (isDateHeader(first)) return 1;
  const second = lines[i + 1] ?? '';
  if (second.trim().length > 0 && second.trim().length <= 80 && isDateHeader(`${first.trim()} ${second.trim()}`)) {
    return 2;
  }
  return 0;
}

/** How many lines, starting at `i`, form an Outlook-style header block (0 when none). */
export function headerBlockAt(lines: readonly string[], i: number): number {
  const first = lines[i] ?? '';
  if (!(FROM_LINE.test(first) || DATE_LINE.test(first))) return 0;
  let headers = 1;
  let end = i + 1;
  // Allow wrapped values ("[mailto:\n bob@example.com]") and blank lines inside the block.
  for (let j = i + 1; j < Math.min(lines.length, i + 10); j++) {
    const line = lines[j] ?? '';
    if (HEADER_LINE.test(line)) {
      headers++;
      end = j + 1;
    } else if (line.trim() !== '' && !/^\s*[<[(]?\s*\S*@\S*|^\s*[<>\]]/.test(line)) {
      break;
    }
  }
  return headers >= 2 ? end - i : 0;
}

export interface QuotationSplit {
  /** The lines the candidate wrote, quoted history removed. */
  readonly lines: readonly string[];
  /** What was found, for the reply's notes and the benchmark. */
  readonly found: readonly string[];
}

/**
 * Removes quoted history. An unmarked quote (Outlook block, separator, "wrote:" followed by plain text)
 * runs to the end of the message and is cut there. A "wrote:" header followed by `>` lines removes the
 * header and the quoted lines only, so text written below the quote (an inline answer, a sign-off) stays.
 */
export function removeQuotations(input: readonly string[]): QuotationSplit {
  const lines = [...input];
  const found: string[] = [];
  const kept: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';

    if (ORIGINAL_MESSAGE.test(line) || DASHED_WROTE.test(line)) {
      found.push('original-message separator');
      break;
    }
    if (/^\s*_{10,}\s*$/.test(line) && headerBlockAt(lines, nextNonBlank(lines, i + 1)) > 0) {
      found.push('outlook header block');
      break;
    }
    if (headerBlockAt(lines, i) > 0) {
      found.push('header block');
      break;
    }
    if (!QUOTED.test(line) && dateHeaderAt(lines, i) > 0) {
      const next = nextNonBlank(lines, i + dateHeaderAt(lines, i));
      found.push('date and address header');
      if (next < lines.length && QUOTED.test(lines[next] ?? '')) {
        i = skipQuoted(lines, next);
        continue;
      }
      break;
    }
    const inline = QUOTED.test(line) || WROTE_OPENERS.test(line) ? undefined : inlineHeaderSplit(line);
    if (inline !== undefined) {
      kept.push(inline);
      found.push('wrote header sharing a line');
      i = skipQuoted(lines, i + 1);
      continue;
    }
    const header = QUOTED.test(line) ? 0 : wroteHeaderAt(lines, i);
    if (header > 0) {
      const next = nextNonBlank(lines, i + header);
      if (next < lines.length && QUOTED.test(lines[next] ?? '')) {
        found.push('wrote header with quoted lines');
        i = skipQuoted(lines, next);
        continue;
      }
      found.push('wrote header');
      break;
    }
    if (QUOTED.test(line)) {
      found.push('quoted lines');
      i = skipQuoted(lines, i);
      continue;
    }
    kept.push(line);
    i++;
  }
  return { lines: trimBlank(kept), found };
}

function nextNonBlank(lines: readonly string[], from: number): number {
  let j = from;
  while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
  return j;
}

/**
 * Skips a run of quoted lines, with the blank lines inside it and a single unquoted line sandwiched between
 * quoted ones (a wrapped link breaks the `>` sequence).
 */
function skipQuoted(lines: readonly string[], from: number): number {
  let j = from;
  while (j < lines.length) {
    const line = lines[j] ?? '';
    if (QUOTED.test(line) || line.trim() === '') {
      j++;
      continue;
    }
    const after = nextNonBlank(lines, j + 1);
    if (after < lines.length && QUOTED.test(lines[after] ?? '') && line.trim().length <= 80 && after === j + 1) {
      j++;
      continue;
    }
    break;
  }
  return j;
}

export function trimBlank(lines: readonly string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}
