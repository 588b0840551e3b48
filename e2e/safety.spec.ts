// Safety journeys (issue 7): approvals are exact by default, and an unlimited allowance or an approval for
// all NFTs is only ever given after the user opts in and accepts a warning; the Approvals view lists every
// allowance and NFT approval given to Hashmint's contracts and revokes them on chain; hostile NFT metadata
// renders without running anything.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createWalletClient, http, maxUint256, parseUnits, zeroAddress, type Abi, type Address, type Hex } from 'viem';
import { foundry } from 'viem/chains';
import { devAccount } from '../scripts/lib/chain.ts';
import { onChain, abiOf } from './support/contracts.ts';
import { ROOT, rpcUrl } from './support/env.ts';
import { actAs, chainClient, expect, nftsOf, openApp, test, testClient, users } from './support/fixtures.ts';

const alice = users.alice.address;
const S21 = 0n; // "Antminer S21 · 180 days": 60 USDT a unit

async function allowance(token: Address, spender: Address) {
  return chainClient.readContract({ address: token, abi: abiOf('USDT'), functionName: 'allowance', args: [alice, spender] });
}

async function openBuyWithApproval(page: import('@playwright/test').Page) {
  await page.getByTestId(`product-${S21}`).getByRole('button', { name: 'Buy' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Units/).fill('3');
  await dialog.getByText('Approve, then buy').click();
  return dialog;
}

test('approvals are exact by default: no warning, an allowance of exactly the cost', async ({ page, connect, deployment, wallet }) => {
  await openApp(page);
  await connect();
  const dialog = await openBuyWithApproval(page);
  await expect(dialog.getByRole('radio', { name: /Exactly 180 USDT/ })).toBeChecked();
  await expect(dialog.getByRole('alertdialog')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Approve 180 USDT' }).click();
  await expect(dialog.getByRole('button', { name: 'Buy for 180 USDT' })).toBeEnabled();
  expect(await allowance(deployment.contracts.USDT, deployment.contracts.ProductSale)).toBe(parseUnits('180', 6));
  expect(wallet.sentTransactions().length).toBe(1);
});

test('an unlimited approval only after the warning: signed unlimited on chain, listed on Approvals, revoked there', async ({ page, connect, deployment, wallet, shot }) => {
  const c = deployment.contracts;
  await openApp(page);
  await connect();
  const dialog = await openBuyWithApproval(page);
  await dialog.getByRole('radio', { name: /Unlimited USDT/ }).check();
  // The warning: what it allows, to which contract, how to revoke; nothing can be approved until it is answered.
  const warning = dialog.getByRole('alertdialog', { name: 'Unlimited USDT approval' });
  await expect(warning).toContainText('This lets ProductSale (contract');
  await expect(warning).toContainText('spend every USDT you hold, now and in the future');
  await expect(warning.getByRole('link', { name: 'Approvals page' })).toHaveAttribute('href', '#/approvals');
  const submit = dialog.getByTestId('buy-submit');
  await expect(submit).toHaveText('Accept or cancel the unlimited approval');
  await expect(submit).toBeDisabled();
  await expect(warning.getByRole('button', { name: 'Continue with unlimited' })).toBeDisabled();
  await shot('unlimited-approval-warning');
  await warning.getByRole('checkbox').check();
  await warning.getByRole('button', { name: 'Continue with unlimited' }).click();
  await expect(dialog.getByRole('status')).toContainText('Unlimited USDT approval accepted for ProductSale');
  expect(wallet.sentTransactions().length).toBe(0); // accepting the warning sends nothing by itself

  await dialog.getByRole('button', { name: 'Approve unlimited USDT' }).click();
  await expect(dialog.getByRole('button', { name: 'Buy for 180 USDT' })).toBeEnabled();
  expect(await allowance(c.USDT, c.ProductSale)).toBe(maxUint256);
  await dialog.getByRole('button', { name: 'Buy for 180 USDT' }).click();
  await expect(dialog.getByText('You bought 3 units (30 TH/s).')).toBeVisible();

  await page.goto('/#/approvals');
  const row = page.getByTestId('allowance-row').filter({ hasText: 'USDT · ProductSale' });
  await expect(row).toContainText('Unlimited');
  await row.getByRole('button', { name: 'Revoke USDT allowance for ProductSale' }).click();
  await expect(row).toHaveCount(0);
  expect(await allowance(c.USDT, c.ProductSale)).toBe(0n);
});

test('listing: "this NFT only" by default; "all my NFTs" is setApprovalForAll after the warning, and revocable', async ({ page, connect, deployment }) => {
  const c = deployment.contracts;
  const [first, second] = await nftsOf(deployment, alice);
  const forAll = () => chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'isApprovedForAll', args: [alice, c.Marketplace] });
  const approvedOf = (id: bigint) => chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'getApproved', args: [id] });
  await openApp(page, '/#/portfolio');
  await connect();

  // Default: one NFT.
  await page.getByTestId(`holding-${first}`).getByRole('button', { name: 'List for sale' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('Price (USDT)').fill('200');
  await expect(dialog.getByRole('radio', { name: new RegExp(`This NFT only \\(#${first}\\)`) })).toBeChecked();
  await dialog.getByTestId('list-submit').click();
  await expect(dialog.getByText('Your NFT is listed.')).toBeVisible();
  expect(await approvedOf(first)).toBe(c.Marketplace);
  expect(await forAll()).toBe(false);
  await page.keyboard.press('Escape');

  // Opt-in: all NFTs, behind the warning.
  await page.getByTestId(`holding-${second}`).getByRole('button', { name: 'List for sale' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Price (USDT)').fill('150');
  await dialog.getByRole('radio', { name: /All my Hashmint NFTs/ }).check();
  const warning = dialog.getByRole('alertdialog', { name: 'Approval for all your Hashmint NFTs' });
  await expect(warning).toContainText('This lets the Marketplace (contract');
  await expect(warning).toContainText('move every Hashmint NFT you hold');
  await expect(dialog.getByTestId('list-submit')).toBeDisabled();
  await warning.getByRole('checkbox').check();
  await warning.getByRole('button', { name: 'Continue with approval for all' }).click();
  await dialog.getByTestId('list-submit').click();
  await expect(dialog.getByText('Your NFT is listed.')).toBeVisible();
  expect(await forAll()).toBe(true);
  expect(await approvedOf(second)).toBe(zeroAddress); // setApprovalForAll, not a single-token approval
  const listingId = await chainClient.readContract({ ...onChain(deployment).contract('Marketplace'), functionName: 'listingOfToken', args: [second] });
  expect(listingId).toBeGreaterThan(0n);
  await page.keyboard.press('Escape');

  await page.goto('/#/approvals');
  const operatorRow = page.getByTestId('operator-row').filter({ hasText: 'Marketplace' });
  await expect(operatorRow).toContainText('All your NFTs · Marketplace');
  await operatorRow.getByRole('button').click();
  await expect(operatorRow).toHaveCount(0);
  expect(await forAll()).toBe(false);
});

test('pledging several NFTs: "all my NFTs" for the loan pool, after the warning, is one approval instead of one per NFT', async ({ page, connect, deployment, wallet }) => {
  const c = deployment.contracts;
  await openApp(page, '/#/loans');
  await connect();
  for (const id of [1n, 3n]) await page.getByLabel(`Pledge #${id}`).check();
  await expect(page.getByTestId('appraisal-total')).toContainText('USDT');
  await page.getByLabel('Borrow amount (USDT)').fill('50');
  await expect(page.getByRole('radio', { name: /Each pledged NFT only/ })).toBeChecked();
  await page.getByRole('radio', { name: /All my Hashmint NFTs/ }).check();
  const warning = page.getByRole('alertdialog', { name: 'Approval for all your Hashmint NFTs' });
  await expect(warning).toContainText('This lets the LoanPool (contract');
  const submit = page.getByTestId('borrow-submit');
  await expect(submit).toBeDisabled();
  await warning.getByRole('checkbox').check();
  await warning.getByRole('button', { name: 'Continue with approval for all' }).click();
  await expect(submit).toHaveText('Borrow 50 USDT');
  await submit.click();
  await expect(page.getByText(/You borrowed 50 USDT against #1, #3/)).toBeVisible({ timeout: 20_000 });
  expect(wallet.sentTransactions().length).toBe(2); // setApprovalForAll, then borrow
  expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'isApprovedForAll', args: [alice, c.LoanPool] })).toBe(true);
  for (const id of [1n, 3n]) {
    expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'ownerOf', args: [id] })).toBe(c.LoanPool);
  }
  await page.goto('/#/approvals');
  await expect(page.getByTestId('operator-row').filter({ hasText: 'LoanPool' })).toContainText('All your NFTs · LoanPool');
});

test('Approvals: without a wallet the page says what it needs', async ({ page }) => {
  await openApp(page, '/#/approvals');
  await expect(page.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
  await expect(page.getByText('Connect a wallet to see its approvals')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Approvals' })).toHaveAttribute('aria-current', 'page');
});

test('Approvals: lists allowances, NFT and operator approvals, and revokes each on chain', async ({ page, connect, deployment, shot }) => {
  const c = deployment.contracts;
  const [tokenId] = await nftsOf(deployment, alice);
  // Alice gave approvals outside the app: an exact USDT allowance, an unlimited BTC one, one NFT and all NFTs.
  await actAs(1, { ...onChain(deployment).contract('USDT'), functionName: 'approve', args: [c.Marketplace, parseUnits('25', 6)] });
  await actAs(1, { ...onChain(deployment).contract('BTC'), functionName: 'approve', args: [c.LoanPool, maxUint256] });
  await actAs(1, { ...onChain(deployment).contract('HashNFT'), functionName: 'approve', args: [c.Marketplace, tokenId] });
  await actAs(1, { ...onChain(deployment).contract('HashNFT'), functionName: 'setApprovalForAll', args: [c.LoanPool, true] });

  await openApp(page, '/#/approvals');
  await connect();
  await expect(page.getByTestId('approvals-count')).toHaveText('4 open approvals.');
  const usdtRow = page.getByTestId('allowance-row').filter({ hasText: 'USDT · Marketplace' });
  await expect(usdtRow).toContainText('25 USDT ($25.00)');
  const btcRow = page.getByTestId('allowance-row').filter({ hasText: 'BTC · LoanPool' });
  await expect(btcRow).toContainText('Unlimited');
  await expect(page.getByTestId('nft-approval-row')).toHaveCount(1);
  await expect(page.getByTestId('nft-approval-row')).toContainText(`NFT #${tokenId} · Marketplace`);
  await expect(page.getByTestId('operator-row')).toContainText('All your NFTs · LoanPool');
  await shot('approvals');

  // One by one: the USDT allowance, then the NFT's approval.
  await page.getByRole('button', { name: 'Revoke USDT allowance for Marketplace' }).click();
  await expect(usdtRow).toHaveCount(0);
  expect(await allowance(c.USDT, c.Marketplace)).toBe(0n);
  await page.getByRole('button', { name: `Revoke approval of NFT #${tokenId}` }).click();
  await expect(page.getByTestId('nft-approval-row')).toHaveCount(0);
  expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'getApproved', args: [tokenId] })).toBe(zeroAddress);
  await expect(page.getByTestId('approvals-count')).toHaveText('2 open approvals.');

  // The rest at once.
  await page.getByRole('button', { name: 'Revoke all (2)' }).click();
  await expect(page.getByTestId('approvals-count')).toHaveText('No open approvals.');
  expect(await allowance(c.BTC, c.LoanPool)).toBe(0n);
  expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'isApprovedForAll', args: [alice, c.LoanPool] })).toBe(false);
  // Every Hashmint contract, every token: nothing left.
  for (const token of [c.USDT, c.BTC, c.ETC, c.FIL]) {
    for (const spender of [c.ProductSale, c.Marketplace, c.TermDeposits, c.MiningPools, c.LiquidityVault, c.LoanPool]) {
      expect(await allowance(token, spender)).toBe(0n);
    }
  }
  await expect(page.getByText('No contract may spend your tokens.')).toBeVisible();
  await expect(page.getByText('No contract may move your NFTs.')).toBeVisible();
});

test('Approvals: a rejected revoke changes nothing', async ({ page, connect, deployment, wallet }) => {
  const c = deployment.contracts;
  await actAs(1, { ...onChain(deployment).contract('USDT'), functionName: 'approve', args: [c.TermDeposits, parseUnits('7.5', 6)] });
  await openApp(page, '/#/approvals');
  await connect();
  const row = page.getByTestId('allowance-row').filter({ hasText: 'USDT · TermDeposits' });
  await expect(row).toContainText('7.5 USDT ($7.50)');
  wallet.rejectNext('eth_sendTransaction');
  await row.getByRole('button', { name: 'Revoke USDT allowance for TermDeposits' }).click();
  await expect(page.getByText(/rejected/i).first()).toBeVisible();
  await expect(row.getByRole('button', { name: 'Revoke USDT allowance for TermDeposits' })).toBeEnabled();
  expect(await allowance(c.USDT, c.TermDeposits)).toBe(parseUnits('7.5', 6));
});

test('the built site runs under its strict CSP without a single violation', async ({ page, connect }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await openApp(page, '/');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("connect-src 'self' http://127.0.0.1:");
  await connect();
  for (const path of ['/#/market', '/#/portfolio', '/#/nft/1', '/#/approvals']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  // And the policy does bite: an inline script injected now is refused.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = true';
    document.body.append(s);
    return (window as unknown as { __inline?: boolean }).__inline === true;
  });
  expect(ran).toBe(false);
});

/** HostileHashNFT's ABI and creation code: forge's artifact when `forge test` built it, else solc-js. */
function hostileArtifact(): { abi: Abi; bytecode: Hex } {
  const artifact = join(ROOT, 'out', 'HostileHashNFT.sol', 'HostileHashNFT.json');
  if (existsSync(artifact)) {
    const json = JSON.parse(readFileSync(artifact, 'utf8')) as { abi: Abi; bytecode: { object: Hex } };
    return { abi: json.abi, bytecode: json.bytecode.object };
  }
  const solc = createRequire(import.meta.url)('solc') as { compile(input: string): string };
  const content = readFileSync(join(ROOT, 'mocks', 'test', 'utils', 'HostileHashNFT.sol'), 'utf8');
  const input = { language: 'Solidity', sources: { 'HostileHashNFT.sol': { content } }, settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: 'cancun', outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } } };
  const out = JSON.parse(solc.compile(JSON.stringify(input))) as { contracts: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string } } }>> };
  const c = out.contracts['HostileHashNFT.sol'].HostileHashNFT;
  return { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` };
}

/** Puts HostileHashNFT's code at HashNFT's address; the real code moves to a spare address it delegates to. */
async function makeHashNftHostile(hashNft: Address) {
  const real = await chainClient.getCode({ address: hashNft });
  if (!real) throw new Error('HashNFT has no code');
  const spare: Address = '0x000000000000000000000000000000000000c0de';
  await testClient.setCode({ address: spare, bytecode: real });
  const { abi, bytecode } = hostileArtifact();
  const deployer = createWalletClient({ chain: { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } }, transport: http(rpcUrl), account: devAccount(0) });
  const hash = await deployer.deployContract({ abi, bytecode, args: [spare] });
  const { contractAddress } = await chainClient.waitForTransactionReceipt({ hash });
  const hostile = await chainClient.getCode({ address: contractAddress! });
  await testClient.setCode({ address: hashNft, bytecode: hostile! });
  await testClient.mine({ blocks: 1 });
}

test('hostile NFT metadata renders as text or not at all: no script runs, the page stays responsive', async ({ page, deployment, shot }) => {
  const nft = deployment.contracts.HashNFT;
  const ownerBefore = await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'ownerOf', args: [3n] });
  await makeHashNftHostile(nft);
  // On chain: the token now carries the hostile payload, and everything else still answers from the real code.
  const uri = (id: bigint) => chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'tokenURI', args: [id] });
  expect(await uri(1n)).toContain('<script>window.__pwned=2</script>');
  expect((await uri(4n)).length).toBe(1024 * 1024);
  expect(await chainClient.readContract({ ...onChain(deployment).contract('HashNFT'), functionName: 'ownerOf', args: [3n] })).toBe(ownerBefore);

  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

  // 1: markup in the name, a javascript: image -> the on-chain art, no element made from the markup.
  await openApp(page, '/#/nft/1');
  await expect(page.getByRole('heading', { level: 1, name: 'Hashmint #1' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Hashmint #1: / })).toBeVisible();
  await expect(page.getByTestId('nft-image')).toHaveCount(0);
  await expect(page.locator('img[src="x"], iframe, main script')).toHaveCount(0);

  // 2: an HTML data: "image" is refused the same way.
  await page.goto('/#/nft/2');
  await expect(page.getByRole('img', { name: /^Hashmint #2: / })).toBeVisible();
  await expect(page.getByTestId('nft-image')).toHaveCount(0);

  // 3: an SVG carrying a script is shown as an image, where its script cannot run.
  await page.goto('/#/nft/3');
  const image = page.getByTestId('nft-image');
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute('alt', 'Hostile SVG');
  expect(await image.getAttribute('src')).toMatch(/^data:image\/svg\+xml,<svg/);
  await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await shot('hostile-svg');

  // 4: a 1 MiB image (about the most an eth_call gas cap lets through a multicall) is refused before decoding; the page answers at once and keeps working.
  await page.goto('/#/nft/4');
  await expect(page.getByRole('img', { name: /^Hashmint #4: / })).toBeVisible();
  const started = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  expect(Date.now() - started).toBeLessThan(1000);
  await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Products' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Buy hash power' })).toBeVisible({ timeout: 5000 });

  expect(await pwned()).toBeUndefined();
  expect(dialogs).toEqual([]);
});
