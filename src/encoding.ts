import { transcode } from 'node:buffer';

/**
 * Windows PowerShell 5 writes `>` and `Out-File` as UTF-16 with a byte-order mark. The mark names the byte
 * order beyond doubt, so such a file is read as the UTF-8 it stands for rather than refused; decoding is no
 * less exact than reading UTF-8 is. Without a mark nothing is guessed.
 */
export function asUtf8(bytes: Buffer): Buffer {
  // UTF-32LE's mark begins as UTF-16LE's does: read as UTF-16, its text would turn into NUL characters.
  if (hasUtf32Bom(bytes)) return bytes;
  const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (!littleEndian && !(bytes[0] === 0xfe && bytes[1] === 0xff)) return bytes;
  // Whole code units, as swap16 needs: an odd last byte, half a character of a cut file, is dropped.
  const units = bytes.subarray(2, bytes.length - (bytes.length % 2));
  const utf16le = littleEndian ? units : Buffer.from(units).swap16();
  try {
    // Buffer to buffer: a JS string of a large export would double the memory and stops at V8's string limit.
    return transcode(utf16le, 'utf16le', 'utf8');
  } catch {
    // A lone surrogate (a cut or damaged file): the string's way turns it into U+FFFD, as a UTF-8 file's bad
    // bytes are read.
    return Buffer.from(utf16le.toString('utf16le'), 'utf8');
  }
}

/** A UTF-32 byte-order mark, either byte order; nothing here decodes UTF-32, so such bytes are left as they are. */
export function hasUtf32Bom(bytes: Buffer): boolean {
  const [a, b, c, d] = bytes;
  return (a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff);
}

/** The text without its byte-order mark: UTF-8 files may start with one, and JSON.parse refuses it. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A text file's text, whatever of UTF-8 or UTF-16 with a byte-order mark it was saved as, without the mark. */
export function decodeText(bytes: Buffer): string {
  return withoutBom(asUtf8(bytes).toString('utf8'));
}
