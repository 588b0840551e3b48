// Placeholder until this section is built.
export function TermDepositsSection() {
  return null;
}
