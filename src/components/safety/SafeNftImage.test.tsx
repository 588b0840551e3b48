// Hostile metadata through the real parser and the real image component, in jsdom: nothing it carries
// becomes markup, and only data:image URIs ever reach an <img>.
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTokenUri } from '../../lib/metadata';
import { SafeNftImage } from './SafeNftImage';

const json = (v: unknown) => `data:application/json,${JSON.stringify(v)}`;
const markup = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
const payloads: [label: string, uri: string, expectImage: boolean][] = [
  ['script in name and description, javascript: image', json({ name: markup, description: markup, image: 'javascript:window.__pwned=3' }), false],
  ['an HTML data: image', json({ name: 'h', image: 'data:text/html,<script>window.__pwned=4</script>' }), false],
  ['an SVG image with a script', json({ name: markup, image: "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='window.__pwned=5'><script>window.__pwned=6</script></svg>" }), true],
  ['a multi-MB image', json({ name: 'huge', image: `data:image/png;base64,${'A'.repeat(3 * 1024 * 1024)}` }), false],
  ['a vbscript: image', json({ name: 'v', image: 'vbscript:msgbox(1)' }), false],
  ['an https image (tracking pixel)', json({ name: 't', image: 'https://tracker.example/p.gif' }), false],
];

afterEach(() => {
  delete (window as unknown as { __pwned?: number }).__pwned;
});

describe('SafeNftImage with hostile metadata', () => {
  for (const [label, uri, expectImage] of payloads) {
    it(`${label}: renders ${expectImage ? 'an inert <img>' : 'the fallback art'} and runs nothing`, () => {
      const meta = parseTokenUri(uri);
      const { container } = render(
        <div>
          <SafeNftImage src={meta?.image} alt={meta?.name ?? 'Hashmint #1'} fallback={<svg role="img" aria-label="fallback art" />} />
          <p data-testid="name">{meta?.name}</p>
        </div>,
      );
      const img = screen.queryByTestId('nft-image');
      if (expectImage) {
        expect(img?.getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
        expect(img?.getAttribute('alt')).toBe(markup); // an attribute value, not markup
      } else {
        expect(img).toBeNull();
        expect(screen.getByRole('img', { name: 'fallback art' })).toBeTruthy();
      }
      // The name is text: no element was created from it.
      expect(container.querySelectorAll('script, iframe, img[src="x"], object, embed')).toHaveLength(0);
      if (meta?.name === markup) expect(screen.getByTestId('name').textContent).toBe(markup);
      expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    });
  }
});
