// Placeholder until this page is built.
export default function PoolsPage() {
  return null;
}
