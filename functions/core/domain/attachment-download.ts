/**
 * Types a browser may be told an attachment is. Everything else (HTML, SVG, scripts, unknown types) is served as
 * `application/octet-stream`: always a download, never rendered in the dashboard's origin.
 */
const SAFE_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'text/plain',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);

export function downloadContentType(declared: string): string {
  const type = declared.split(';')[0]?.trim().toLowerCase() ?? '';
  return SAFE_TYPES.has(type) ? type : 'application/octet-stream';
}

/**
 * A filename that is safe in a `Content-Disposition` header and on a recruiter's disk: no path, no control or
 * quoting characters, no leading dots, at most 100 characters; `attachment-<n>` when nothing is left.
 */
export function safeFilename(name: string | undefined, index: number): string {
  const base = (name ?? '').split(/[\\/]/).at(-1) ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"*:<>?|;%]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 100);
  return clean === '' ? `attachment-${index + 1}` : clean;
}

/** `attachment; filename="<ascii>"; filename*=UTF-8''<encoded>` (RFC 6266): never `inline`. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
