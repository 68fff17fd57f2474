import { describe, expect, it } from 'vitest';
import { sniffImage, storedType } from '../../src/services/attachments/attachments.js';
import { generatePassword } from '../../src/services/accounts/manage-accounts.js';

const bytes = (...b: number[]) => Buffer.from(b);

describe('the type an attachment is kept and served under', () => {
  it('is an inline image type only when the bytes are that image', () => {
    expect(sniffImage(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffImage(Buffer.from('GIF89a...'))).toBe('image/gif');
    expect(sniffImage(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    // A page claiming to be a PNG is kept as bytes, never as an image.
    expect(storedType('image/png', Buffer.from('<html><script>'))).toBe('application/octet-stream');
    // A real PNG claimed as something else is still a PNG.
    expect(storedType('application/octet-stream', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('image/png');
  });

  it('keeps what the uploader said for other files when it is a media type', () => {
    expect(storedType('application/pdf', Buffer.from('%PDF-1.4'))).toBe('application/pdf');
    expect(storedType('Text/HTML; charset=utf-8', Buffer.from('<p>'))).toBe('text/html');
    expect(storedType('image/svg+xml', Buffer.from('<svg>'))).toBe('image/svg+xml');
    expect(storedType(undefined, Buffer.from('x'))).toBe('application/octet-stream');
    expect(storedType('not a type', Buffer.from('x'))).toBe('application/octet-stream');
  });
});

describe('a generated password', () => {
  it('is four groups of four letters and digits that cannot be mistaken for one another, different each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });
});
