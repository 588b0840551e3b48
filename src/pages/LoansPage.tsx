// Placeholder until this page is built.
export default function LoansPage() {
  return null;
}
