// NFT metadata is untrusted input. Decode only data: URIs we can check, cap their size, and hand back an
// image only when it is a data:image URI (rendered with <img>, where no script can run).
const MAX_URI = 256 * 1024;

export interface SafeMetadata {
  name?: string;
  description?: string;
  image?: string;
}

function decodeBase64Utf8(b64: string): string {
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export function parseTokenUri(uri: string | undefined): SafeMetadata | undefined {
  if (!uri || uri.length > MAX_URI) return undefined;
  let json: string;
  try {
    if (uri.startsWith('data:application/json;base64,')) json = decodeBase64Utf8(uri.slice('data:application/json;base64,'.length));
    else if (uri.startsWith('data:application/json,')) json = decodeURIComponent(uri.slice('data:application/json,'.length));
    else return undefined;
    const raw = JSON.parse(json) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 500) : undefined);
    const image = typeof raw.image === 'string' && /^data:image\/(svg\+xml|png|jpeg|gif|webp)[;,]/.test(raw.image) ? raw.image : undefined;
    return { name: text(raw.name), description: text(raw.description), image };
  } catch {
    return undefined;
  }
}
