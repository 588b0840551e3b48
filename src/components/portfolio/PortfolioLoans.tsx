// Placeholder until this section is built.
export function PortfolioLoans() {
  return null;
}
