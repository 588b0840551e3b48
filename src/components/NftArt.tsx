// The card image of a hash-power NFT, drawn from its on-chain position (the same design as the
// contract's tokenURI SVG), so lists need no tokenURI call per token.
const ACCENT: Record<string, string> = { BTC: '#f7931a', ETC: '#3ab83a', FIL: '#0090ff' };

export function NftArt({ id, symbol, hashrate, unit, daysLeft, className = '' }: { id: bigint; symbol: string; hashrate: bigint; unit: string; daysLeft: number; className?: string }) {
  const accent = ACCENT[symbol] ?? '#3ab83a';
  return (
    <svg viewBox="0 0 320 320" role="img" aria-label={`Hashmint #${id}: ${hashrate} ${unit} ${symbol}, ${daysLeft} days left`} className={`rounded-xl ${className}`}>
      <rect width="320" height="320" rx="24" fill="#0f172a" />
      <circle cx="260" cy="60" r="36" fill={accent} opacity="0.9" />
      <text x="260" y="67" textAnchor="middle" fontSize="18" fontWeight="700" fill="#0f172a">{symbol}</text>
      <text x="24" y="48" fontSize="16" fill="#94a3b8">Hashmint #{String(id)}</text>
      <text x="24" y="170" fontSize="40" fontWeight="700" fill="#f8fafc">{`${hashrate} ${unit}`}</text>
      <text x="24" y="206" fontSize="18" fill={accent}>{symbol} hash power</text>
      <text x="24" y="284" fontSize="18" fill="#cbd5e1">{daysLeft} days left</text>
    </svg>
  );
}
