// Placeholder until this section is built.
export function VaultSection() {
  return null;
}
