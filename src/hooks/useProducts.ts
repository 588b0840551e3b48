// The product catalog, and for a connected wallet how many units it may still buy of each.
import { useAccount } from 'wagmi';
import { useChainRead } from './useChainRead';

export type SaleStatus = 'open' | 'upcoming' | 'ended' | 'soldout';

export interface Product {
  id: bigint;
  name: string;
  coin: number;
  hashratePerUnit: bigint;
  efficiencyWx10: number;
  termDays: number;
  pricePerUnit: bigint;
  supplyCap: bigint;
  sold: bigint;
  perWalletCap: bigint;
  saleStart: bigint;
  saleEnd: bigint;
  /** units the connected wallet may still buy now (undefined without a wallet) */
  purchasable?: bigint;
  /** units the connected wallet has bought */
  bought?: bigint;
}

export function saleStatus(p: Product, now: number): SaleStatus {
  if (p.sold >= p.supplyCap) return 'soldout';
  if (now < Number(p.saleStart)) return 'upcoming';
  if (now >= Number(p.saleEnd)) return 'ended';
  return 'open';
}

export function useProducts() {
  const { address } = useAccount();
  return useChainRead({
    topic: 'products',
    key: [address],
    queryFn: async ({ client, contract }): Promise<Product[]> => {
      const sale = contract('ProductSale');
      const list = await client.readContract({ ...sale, functionName: 'products' });
      const products: Product[] = list.map((p, i) => ({ ...p, id: BigInt(i) }));
      if (!address || products.length === 0) return products;
      const perWallet = await client.multicall({
        allowFailure: false,
        contracts: products.flatMap((p) => [
          { ...sale, functionName: 'purchasable', args: [p.id, address] } as const,
          { ...sale, functionName: 'boughtBy', args: [p.id, address] } as const,
        ]),
      });
      return products.map((p, i) => ({ ...p, purchasable: perWallet[i * 2], bought: perWallet[i * 2 + 1] }));
    },
  });
}
