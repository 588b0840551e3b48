// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseTokenUri } from './metadata';

/** Base64 of the UTF-8 bytes, as Solidity's Base64.encode(bytes(json)) produces. */
function b64(text: string): string {
  let bin = '';
  for (const byte of new TextEncoder().encode(text)) bin += String.fromCharCode(byte);
  return btoa(bin);
}
const jsonUri = (value: unknown) => `data:application/json;base64,${b64(JSON.stringify(value))}`;

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
const svgImage = `data:image/svg+xml;base64,${b64(svg)}`;

describe('parseTokenUri', () => {
  it('decodes a base64 JSON data URI with an SVG data image, including non-ASCII text', () => {
    const meta = parseTokenUri(jsonUri({ name: 'Hashmint #1 ⛏', description: '10 TH/s · 30 days', image: svgImage, attributes: [] }));
    expect(meta).toEqual({ name: 'Hashmint #1 ⛏', description: '10 TH/s · 30 days', image: svgImage });
  });

  it('decodes a URL-encoded JSON data URI too', () => {
    const uri = `data:application/json,${encodeURIComponent(JSON.stringify({ name: 'A', image: 'data:image/png;base64,iVBORw0KGgo=' }))}`;
    expect(parseTokenUri(uri)).toEqual({ name: 'A', description: undefined, image: 'data:image/png;base64,iVBORw0KGgo=' });
  });

  it('keeps only data:image images of known types', () => {
    for (const image of [
      'javascript:alert(1)',
      'http://evil.example/x.svg',
      'https://example.com/x.png',
      'ipfs://Qm123',
      'data:text/html;base64,PHNjcmlwdD4=',
      'data:image/svg+xmlfoo,x',
      ' data:image/png;base64,AAAA',
      'DATA:image/png;base64,AAAA',
      '//evil.example/x.png',
    ]) {
      const meta = parseTokenUri(jsonUri({ name: 'x', image }));
      expect(meta, image).toBeDefined();
      expect(meta?.image, image).toBeUndefined();
    }
    for (const type of ['svg+xml', 'png', 'jpeg', 'gif', 'webp']) {
      const image = `data:image/${type};base64,AAAA`;
      expect(parseTokenUri(jsonUri({ image }))?.image).toBe(image);
    }
    // An image that is not a string is dropped.
    expect(parseTokenUri(jsonUri({ image: { src: svgImage } }))?.image).toBeUndefined();
  });

  it('returns HTML in the name as plain text (React escapes it when rendered)', () => {
    const html = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const meta = parseTokenUri(jsonUri({ name: html, description: html }));
    expect(typeof meta?.name).toBe('string');
    expect(meta?.name).toBe(html);
    expect(meta?.description).toBe(html);
  });

  it('drops non-string fields and caps text at 500 characters', () => {
    const meta = parseTokenUri(jsonUri({ name: 42, description: 'd'.repeat(10_000) }));
    expect(meta?.name).toBeUndefined();
    expect(meta?.description).toBe('d'.repeat(500));
  });

  it('refuses a URI over 256 KiB before decoding it', () => {
    const prefix = 'data:application/json,';
    const at = (length: number) => `${prefix}{"name":"${'a'.repeat(length - prefix.length - 11)}"}`;
    expect(at(256 * 1024)).toHaveLength(256 * 1024);
    expect(parseTokenUri(at(256 * 1024))?.name).toHaveLength(500);
    expect(parseTokenUri(at(256 * 1024 + 1))).toBeUndefined();
    const big = jsonUri({ name: 'big', image: `data:image/png;base64,${'A'.repeat(300 * 1024)}` });
    expect(parseTokenUri(big)).toBeUndefined();
  });

  it('returns undefined for anything it cannot decode or does not accept', () => {
    expect(parseTokenUri(undefined)).toBeUndefined();
    expect(parseTokenUri('')).toBeUndefined();
    expect(parseTokenUri('https://example.com/1.json')).toBeUndefined();
    expect(parseTokenUri('ipfs://Qm123/1.json')).toBeUndefined();
    expect(parseTokenUri('data:text/plain;base64,e30=')).toBeUndefined();
    expect(parseTokenUri('data:application/json;base64,!!!not base64!!!')).toBeUndefined();
    expect(parseTokenUri(`data:application/json;base64,${b64('{"name": "unterminated')}`)).toBeUndefined();
    expect(parseTokenUri('data:application/json,%E0%A4%A')).toBeUndefined(); // malformed percent-encoding
    expect(parseTokenUri(`data:application/json;base64,${b64('null')}`)).toBeUndefined();
  });
});
