import { describe, expect, it } from 'vitest';
import { filenameFromContentDisposition } from '../../../web/src/content-disposition.ts';

describe('the name a download is saved under', () => {
  it("is the server's cleaned name, the UTF-8 form first", () => {
    expect(
      filenameFromContentDisposition(`attachment; filename="_ber cv.pdf"; filename*=UTF-8''%C3%9Cber%20cv.pdf`, 'x'),
    ).toBe('Über cv.pdf');
    expect(filenameFromContentDisposition('attachment; filename="my cv.pdf"', '../../etc/passwd')).toBe('my cv.pdf');
    expect(filenameFromContentDisposition('attachment; filename=cv.pdf', 'x')).toBe('cv.pdf');
  });

  it('falls back only when the server named nothing usable', () => {
    expect(filenameFromContentDisposition(null, 'fallback.bin')).toBe('fallback.bin');
    expect(filenameFromContentDisposition('attachment', 'fallback.bin')).toBe('fallback.bin');
    expect(filenameFromContentDisposition(`attachment; filename="a.txt"; filename*=UTF-8''%E0%A4%A`, 'f')).toBe(
      'a.txt',
    );
  });
});
