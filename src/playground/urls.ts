/**
 * No page served by the gateway may make a request that leaves the machine. The bundles still
 * contain a few absolute URLs that are names, not addresses (XML namespaces passed to
 * createElementNS, JSON Schema draft ids compared with `$schema`; Monaco's JSON worker never
 * fetches schemas); everything else (documentation links in libraries' messages, GraphiQL's logo
 * link, ...) loses its scheme at build time, so it cannot point anywhere but the gateway itself.
 */

/** Absolute URLs kept in the bundles because they identify something rather than locate it. */
export const IDENTIFIER_URL = /^https?:\/\/(?:www\.w3\.org\/(?:2000\/svg|1999\/xlink|1999\/xhtml|1998\/Math\/MathML|XML\/1998\/namespace)|json-schema\.org\/)/;

/** `http(s)://` followed by a host name: what the build rewrites unless it is an identifier. */
const ABSOLUTE_URL = /\bhttps?:\/\/(?=[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;

/** Removes the scheme of every absolute URL that is not an identifier ("https://x.org/a" → "x.org/a"). */
export function stripExternalUrls(text: string): string {
  return text.replace(ABSOLUTE_URL, (scheme, offset: number) => (IDENTIFIER_URL.test(text.slice(offset, offset + 80)) ? scheme : ''));
}

/** Every absolute http(s) URL in a text whose origin is not `ownOrigin`, identifiers excepted. */
export function externalUrls(text: string, ownOrigin?: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/https?:\/\/[^\s"'`()<>\\]*/g)) {
    const url = match[0];
    if (IDENTIFIER_URL.test(url)) continue;
    if (ownOrigin && (url === ownOrigin || url.startsWith(`${ownOrigin}/`))) continue;
    if (!/^https?:\/\/[A-Za-z0-9-]/.test(url)) continue; // a scheme alone, or a template: `http://${host}`
    found.push(url);
  }
  return found;
}

/**
 * Fonts carry URLs too (the vendor's, in the `name` table). Rewrites them like stripExternalUrls, in
 * the table's single-byte and UTF-16BE strings, padding with spaces so no offset moves, then fixes
 * the table and whole-font checksums.
 */
export function stripFontUrls(font: Buffer): Buffer {
  const out = Buffer.from(font);
  const text = out.toString('latin1');
  for (const match of text.matchAll(/https?:\/\/[A-Za-z0-9.-]+/g)) {
    if (IDENTIFIER_URL.test(match[0])) continue;
    const stripped = match[0].replace(/^https?:\/\//, '');
    out.write(stripped.padEnd(match[0].length, ' '), match.index, 'latin1');
  }
  for (const match of text.matchAll(/h\0t\0t\0p\0(?:s\0)?:\0\/\0\/\0(?:[A-Za-z0-9.-]\0)+/g)) {
    // UTF-16BE: each character is preceded by its zero high byte, so the match starts one byte early.
    const start = match.index - 1;
    const url = out
      .subarray(start, start + match[0].length)
      .swap16()
      .toString('utf16le');
    out.subarray(start, start + match[0].length).swap16(); // swap back
    if (IDENTIFIER_URL.test(url)) continue;
    const replacement = Buffer.from(url.replace(/^https?:\/\//, '').padEnd(url.length, ' '), 'utf16le').swap16();
    replacement.copy(out, start);
  }
  fixFontChecksums(out);
  return out;
}

const sum32 = (buf: Buffer, offset: number, length: number) => {
  let sum = 0;
  for (let i = 0; i < length; i += 4) {
    const word = i + 4 <= length ? buf.readUInt32BE(offset + i) : Buffer.concat([buf.subarray(offset + i, offset + length), Buffer.alloc(4)]).readUInt32BE(0);
    sum = (sum + word) >>> 0;
  }
  return sum;
};

function fixFontChecksums(font: Buffer) {
  const tables = font.readUInt16BE(4);
  let headOffset = -1;
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    const tag = font.toString('latin1', record, record + 4);
    const offset = font.readUInt32BE(record + 8);
    const length = font.readUInt32BE(record + 12);
    if (tag === 'head') {
      headOffset = offset;
      font.writeUInt32BE(0, offset + 8); // checkSumAdjustment is computed with itself as zero
    }
    font.writeUInt32BE(sum32(font, offset, length), record + 4);
  }
  if (headOffset >= 0) font.writeUInt32BE((0xb1b0afba - sum32(font, 0, font.length)) >>> 0, headOffset + 8);
}
