/**
 * Windows PowerShell 5 writes `>` and `Out-File` as UTF-16 with a byte-order mark. The mark names the byte
 * order beyond doubt, so such a file is read as the UTF-8 it stands for rather than refused; decoding is no
 * less exact than reading UTF-8 is. Without a mark nothing is guessed.
 */
export function asUtf8(bytes: Buffer): Buffer {
  const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (!littleEndian && !(bytes[0] === 0xfe && bytes[1] === 0xff)) return bytes;
  // Whole code units, as swap16 needs: an odd last byte, half a character of a cut file, is dropped.
  const units = bytes.subarray(2, bytes.length - (bytes.length % 2));
  const text = littleEndian ? units.toString('utf16le') : Buffer.from(units).swap16().toString('utf16le');
  return Buffer.from(text, 'utf8');
}
