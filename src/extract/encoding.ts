/**
 * Turning input bytes into a string: byte-order marks, charsets declared in HTML (meta charset,
 * http-equiv, XML declaration), and a UTF-8 / windows-1252 guess when nothing is declared.
 */

export interface Decoded {
  text: string;
  /** WHATWG name of the encoding used. */
  encoding: string;
  /** Set when the bytes did not fit the encoding and some characters were replaced or guessed. */
  warning?: string;
}

/** How far into an HTML page a charset declaration is looked for. */
const SNIFF_BYTES = 16384;

const META_CHARSET = /<meta\s[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.()-]+)/i;
const XML_ENCODING = /^\s*<\?xml[^>]*encoding\s*=\s*["']([a-z0-9_:.()-]+)/i;

/** The encoding named in the first bytes of an HTML page, or null. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES)).toString('latin1');
  const m = XML_ENCODING.exec(head) ?? META_CHARSET.exec(head);
  return m ? m[1].toLowerCase() : null;
}

/** A TextDecoder for a label, or null when the label is unknown. */
function decoderFor(label: string, fatal = false): InstanceType<typeof TextDecoder> | null {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return null;
  }
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** True when the bytes contain at least one multi-byte UTF-8 sequence (a hint that the text really is UTF-8). */
function hasMultibyte(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1 << 20);
  for (let i = 0; i < n; i++) if (bytes[i] >= 0xc2 && bytes[i] <= 0xf4) return true;
  return false;
}

/** windows-1252 characters of bytes 0x80-0x9F (Node's decoder reads them as C1 controls, like ISO-8859-1). */
const CP1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes with a WHATWG label, mapping 0x80-0x9F the windows-1252 way where that is the encoding. */
function decodeLegacy(bytes: Uint8Array, dec: InstanceType<typeof TextDecoder>): string {
  const text = dec.decode(bytes);
  if (dec.encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]);
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes an HTML page. A byte-order mark wins; then bytes that are valid UTF-8 with non-ASCII
 * characters are read as UTF-8 even when the page declares a legacy charset (a common mislabel,
 * and windows-1252 text is practically never valid UTF-8); then the declared charset; then
 * UTF-8, falling back to windows-1252.
 */
export function decodeHtmlBytes(bytes: Uint8Array): Decoded {
  const bom = bomEncoding(bytes);
  if (bom) return { text: decoderFor(bom)!.decode(bytes), encoding: bom };
  const utf8 = tryUtf8(bytes);
  if (utf8 !== null && hasMultibyte(bytes)) return { text: utf8, encoding: 'utf-8' };
  const declared = declaredCharset(bytes);
  const dec = declared ? decoderFor(declared) : null;
  if (dec && dec.encoding !== 'utf-8' && !dec.encoding.startsWith('utf-16')) {
    return { text: decodeLegacy(bytes, dec), encoding: dec.encoding };
  }
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  // Declared UTF-8 (or nothing) but not valid UTF-8.
  return decodeInvalidUtf8(bytes);
}

/**
 * Decodes a plain-text file. UTF-8 (BOM optional) or UTF-16 with a BOM; bytes that are not valid
 * UTF-8 and contain no UTF-8 sequence at all are read as windows-1252, otherwise invalid sequences
 * become U+FFFD. Either way a warning says so.
 */
export function decodeTextBytes(bytes: Uint8Array): Decoded {
  const bom = bomEncoding(bytes);
  if (bom && bom !== 'utf-8') return { text: decoderFor(bom)!.decode(bytes), encoding: bom };
  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  return decodeInvalidUtf8(bytes);
}

/**
 * Bytes that are not valid UTF-8: with no UTF-8 multibyte sequence at all they are a legacy
 * single-byte file (windows-1252); otherwise UTF-8 with damage, the bad sequences becoming U+FFFD.
 */
function decodeInvalidUtf8(bytes: Uint8Array): Decoded {
  if (!hasValidMultibyteSequence(bytes)) {
    return {
      text: decodeLegacy(bytes, new TextDecoder('windows-1252')),
      encoding: 'windows-1252',
      warning: 'not valid UTF-8; read as windows-1252',
    };
  }
  return {
    text: new TextDecoder('utf-8').decode(bytes),
    encoding: 'utf-8',
    warning: 'invalid UTF-8 sequences replaced with U+FFFD',
  };
}

/** True when the bytes hold at least one well-formed 2- to 4-byte UTF-8 sequence. */
function hasValidMultibyteSequence(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1 << 20);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) continue;
    let ok = true;
    for (let k = 1; k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) return true;
  }
  return false;
}
