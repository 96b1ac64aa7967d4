/**
 * The filename the server named a download with (`Content-Disposition`): its cleaned name, never the raw one the
 * candidate sent. `filename*=UTF-8''…` (RFC 6266/5987) first, then `filename="…"`; the fallback without either.
 */
export function filenameFromContentDisposition(header: string | null, fallback: string): string {
  if (header === null) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(header)?.[1];
  if (extended !== undefined) {
    try {
      const decoded = decodeURIComponent(extended);
      if (decoded.trim() !== '') return decoded;
    } catch {
      // A malformed escape: the plain parameter below still names it.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? /filename\s*=\s*([^;\s"]+)/i.exec(header)?.[1];
  return plain === undefined || plain.trim() === '' ? fallback : plain;
}
