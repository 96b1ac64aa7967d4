import { describe, expect, it } from 'vitest';
import { contentDisposition, downloadContentType, safeFilename } from '#core/domain/attachment-download.ts';

describe('an attachment as a download', () => {
  it.each([
    ['..\\..\\windows\\evil.exe', 'evil.exe'],
    ['/etc/passwd', 'passwd'],
    ['cv\r\nX-Injected: 1.pdf', 'cvX-Injected 1.pdf'],
    ['fdp.\u202Eexe', 'fdp.exe'],
    ['...hidden', 'hidden'],
    [undefined, 'attachment-3'],
    ['"";;', 'attachment-3'],
  ])('names %j %j', (name, expected) => {
    expect(safeFilename(name, 2)).toBe(expected);
  });

  it('keeps non-ASCII names in filename* and an ASCII stand-in in filename', () => {
    expect(contentDisposition('Lebenslauf Müller.pdf')).toBe(
      `attachment; filename="Lebenslauf M_ller.pdf"; filename*=UTF-8''Lebenslauf%20M%C3%BCller.pdf`,
    );
  });

  it.each([
    ['application/pdf; name="cv.pdf"', 'application/pdf'],
    ['IMAGE/PNG', 'image/png'],
    ['text/html', 'application/octet-stream'],
    ['image/svg+xml', 'application/octet-stream'],
    ['application/x-msdownload', 'application/octet-stream'],
  ])('types %s as %s', (declared, served) => {
    expect(downloadContentType(declared)).toBe(served);
  });
});
