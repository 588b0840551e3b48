// An NFT's image from untrusted metadata. Only data:image URIs reach here (src/lib/metadata.ts checks), and
// they render through <img>, where an SVG's scripts and event handlers never run; the CSP's img-src allows
// nothing but the site and data: URIs. If the browser cannot decode the image, the on-chain art is shown.
import { useState, type ReactNode } from 'react';

export function SafeNftImage({ src, alt, fallback, className }: { src: string | undefined; alt: string; fallback: ReactNode; className?: string }) {
  const [failed, setFailed] = useState<string>();
  if (!src || failed === src) return <>{fallback}</>;
  return (
    <img
      src={src}
      alt={alt}
      data-testid="nft-image"
      decoding="async"
      referrerPolicy="no-referrer"
      draggable={false}
      className={className}
      onError={() => setFailed(src)}
    />
  );
}
