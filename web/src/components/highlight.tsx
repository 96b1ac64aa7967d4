/** Shows `text` with every evidence sentence marked, as text (never as HTML: replies are untrusted). */
export function Highlighted({ text, sentences }: { text: string; sentences: readonly string[] }) {
  const marks: { start: number; end: number }[] = [];
  for (const sentence of sentences) {
    if (sentence.length === 0) continue;
    let at = text.indexOf(sentence);
    while (at >= 0) {
      marks.push({ start: at, end: at + sentence.length });
      at = text.indexOf(sentence, at + sentence.length);
    }
  }
  marks.sort((a, b) => a.start - b.start);
  const parts = [];
  let cursor = 0;
  for (const mark of marks) {
    if (mark.start < cursor) continue;
    if (mark.start > cursor) parts.push(text.slice(cursor, mark.start));
    parts.push(<mark key={mark.start}>{text.slice(mark.start, mark.end)}</mark>);
    cursor = mark.end;
  }
  if (cursor < text.length) parts.push(text.slice(cursor));
  return <p class="reply-text">{parts}</p>;
}
