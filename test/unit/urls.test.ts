/** The build's URL rewriting (src/playground/urls.ts): links lose their scheme, identifiers stay, code around them is untouched. */
import { describe, expect, it } from 'vitest';
import { externalUrls, stripExternalUrls, stripFontUrls } from '../../src/playground/urls.js';

describe('stripExternalUrls', () => {
  it('removes the scheme of links, keeps XML namespaces and JSON Schema ids', () => {
    const code =
      'a("https://react.dev/errors/"+n);b("http://www.w3.org/2000/svg","svg");c={$schema:"http://json-schema.org/draft-07/schema#"};d=`http://${host}`;e=s.startsWith("https://")';
    expect(stripExternalUrls(code)).toBe(
      'a("react.dev/errors/"+n);b("http://www.w3.org/2000/svg","svg");c={$schema:"http://json-schema.org/draft-07/schema#"};d=`http://${host}`;e=s.startsWith("https://")',
    );
    expect(externalUrls(stripExternalUrls(code))).toEqual([]);
    expect(externalUrls(code)).toEqual(['https://react.dev/errors/']);
  });

  it('finds URLs to other hosts, not to the page itself', () => {
    expect(externalUrls('<a href="http://127.0.0.1:4000/x">', 'http://127.0.0.1:4000')).toEqual([]);
    expect(externalUrls('fetch("https://cdn.example.org/x.js")', 'http://127.0.0.1:4000')).toEqual(['https://cdn.example.org/x.js']);
  });
});

describe('stripFontUrls', () => {
  /** A minimal sfnt: one `name` table holding a vendor URL in Latin-1 and in UTF-16BE, and a `head` table. */
  function font(): Buffer {
    const url = 'http://fontello.com';
    const name = Buffer.concat([Buffer.from(url, 'latin1'), Buffer.from(url, 'utf16le').swap16(), Buffer.alloc(2)]);
    const head = Buffer.alloc(16);
    const header = Buffer.alloc(12 + 2 * 16);
    header.writeUInt32BE(0x00010000, 0);
    header.writeUInt16BE(2, 4);
    const tables: [string, Buffer][] = [
      ['head', head],
      ['name', name],
    ];
    let offset = header.length;
    tables.forEach(([tag, data], i) => {
      header.write(tag, 12 + i * 16, 'latin1');
      header.writeUInt32BE(offset, 12 + i * 16 + 8);
      header.writeUInt32BE(data.length, 12 + i * 16 + 12);
      offset += data.length;
    });
    return Buffer.concat([header, head, name]);
  }

  it('rewrites the vendor URL in both encodings without moving anything, and fixes the checksums', () => {
    const original = font();
    const stripped = stripFontUrls(original);
    expect(stripped.length).toBe(original.length);
    expect(stripped.toString('latin1')).not.toMatch(/http:/);
    expect(stripped.subarray(1).toString('utf16le') + stripped.toString('utf16le')).not.toMatch(/http:/);
    expect(stripped.toString('latin1')).toContain('fontello.com');
    // Whole-font checksum: the sum of all 32-bit words is 0xB1B0AFBA once checkSumAdjustment is in place.
    let sum = 0;
    const padded = Buffer.concat([stripped, Buffer.alloc((4 - (stripped.length % 4)) % 4)]);
    for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });
});
