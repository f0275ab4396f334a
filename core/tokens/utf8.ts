// UTF-8 encoding of a piece as a "byte string" (one char per byte), the key format of our rank table.

/** Above this many bytes, `String.fromCharCode(...bytes)` risks the engine's argument-count limit. */
const FROM_CHAR_CODE_BATCH = 8192;

/**
 * Encodes like `TextEncoder` (lone surrogates become U+FFFD, as js-tiktoken's encoder does) but returns a
 * string whose char codes are the bytes: ASCII text is returned as is, with no allocation.
 */
export function utf8Bytes(text: string): string {
  if (isAscii(text)) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) {
      const low = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      } else {
        code = 0xfffd;
      }
    }
    pushUtf8(bytes, code);
  }
  return bytesToString(bytes);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

function pushUtf8(bytes: number[], code: number): void {
  if (code < 0x80) {
    bytes.push(code);
  } else if (code < 0x800) {
    bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
  } else if (code < 0x10000) {
    bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  } else {
    bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
  }
}

function bytesToString(bytes: number[]): string {
  if (bytes.length <= FROM_CHAR_CODE_BATCH) return String.fromCharCode(...bytes);
  let out = '';
  for (let i = 0; i < bytes.length; i += FROM_CHAR_CODE_BATCH) {
    out += String.fromCharCode(...bytes.slice(i, i + FROM_CHAR_CODE_BATCH));
  }
  return out;
}
