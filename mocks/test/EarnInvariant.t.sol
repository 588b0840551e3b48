// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {StdInvariant} from "forge-std/StdInvariant.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {FaucetToken} from "../src/FaucetToken.sol";
import {IRewardsReceiver, Rewards} from "../src/Rewards.sol";
import {HashNFT} from "../src/HashNFT.sol";
import {ProductSale} from "../src/ProductSale.sol";
import {TermDeposits} from "../src/TermDeposits.sol";
import {MiningPools} from "../src/MiningPools.sol";
import {EarnBase} from "./EarnBase.t.sol";

/// @notice Drives TermDeposits and MiningPools with random sequences of user, operator and owner actions, over
/// days of posted mining output. One handler owns the clock, so time only moves forward. Anything a handler
/// observes that contradicts the specification is counted in `mismatches` (asserting in a handler would only
/// make the call revert, which invariant runs ignore).
contract EarnHandler is Test {
    TermDeposits internal td;
    MiningPools internal pools;
    ProductSale internal sale;
    Rewards internal rewards;
    HashNFT internal nft;
    FaucetToken[4] internal tokens; // USDT, BTC, ETC, FIL
    address internal owner;
    address internal operator;
    address[4] internal actors;
    uint256[] internal filNfts; // one per actor, for claim-and-deposit
    uint256[] internal products; // products pools are created on

    uint256 public time;
    uint256 public mismatches;
    uint256[] public positionIds;
    mapping(address => uint256) public ghostIn; // asset => everything TermDeposits received
    mapping(address => uint256) public ghostOut; // asset => everything TermDeposits paid out
    mapping(uint256 => mapping(address => uint256)) public ghostContributed; // pool => member => pulled
    uint256 public calls;
    /// how often each path actually ran (coverage of the random sequences; read it when tuning the handler)
    mapping(string => uint256) public hits;

    constructor(
        TermDeposits td_,
        MiningPools pools_,
        FaucetToken[4] memory tokens_,
        address owner_,
        address operator_,
        address[4] memory actors_,
        uint256[] memory filNfts_,
        uint256[] memory products_
    ) {
        td = td_;
        pools = pools_;
        sale = pools_.sale();
        rewards = pools_.rewards();
        nft = pools_.nft();
        tokens = tokens_;
        owner = owner_;
        operator = operator_;
        actors = actors_;
        filNfts = filNfts_;
        products = products_;
        time = block.timestamp;
    }

    modifier tick() {
        vm.warp(time);
        ++calls;
        _;
    }

    // ---------------------------------------------------------------- clock and rewards

    function advance(uint256 secs) external tick {
        time += bound(secs, 1 hours, 40 days);
        vm.warp(time);
        for (uint8 coin; coin < 3; ++coin) _postAll(coin);
    }

    function _postAll(uint8 coin) internal {
        uint256 posted = rewards.coinInfo(coin).postedDays;
        uint256 today = rewards.currentDay();
        if (posted >= today) return;
        uint256[] memory outs = new uint256[](today - posted);
        // vary the output by day, with odd values so that rounding shows up
        for (uint256 i; i < outs.length; ++i) {
            outs[i] = coin == 0 ? 49_999_999 + i : coin == 1 ? 1e20 + 7 * i + 1 : 1e22 + 13 * i + 3;
        }
        vm.prank(operator);
        rewards.postOutput(coin, outs);
    }

    function _mint(FaucetToken token, address to, uint256 amount) internal {
        vm.prank(owner);
        token.mint(to, amount);
    }

    // ---------------------------------------------------------------- term deposits

    function fundReserve(uint256 assetSeed, uint256 amount) external tick {
        FaucetToken token = tokens[assetSeed % 4];
        amount = bound(amount, 1, 10 ** token.decimals() * 10_000);
        _mint(token, operator, amount);
        vm.startPrank(operator);
        token.approve(address(td), amount);
        td.fundReserve(IERC20(address(token)), amount);
        vm.stopPrank();
        ghostIn[address(token)] += amount;
    }

    function withdrawExcess(uint256 assetSeed, uint256 amount) external tick {
        FaucetToken token = tokens[assetSeed % 4];
        uint256 free = td.freeReserve(IERC20(address(token)));
        if (free == 0) return;
        amount = bound(amount, 1, free);
        vm.prank(owner);
        td.withdrawExcessReserve(IERC20(address(token)), amount, owner);
        ghostOut[address(token)] += amount;
    }

    function deposit(uint256 actorSeed, uint256 termSeed, uint256 amount) external tick {
        uint256 termId = termSeed % td.termCount();
        uint256 max = td.maxDeposit(termId);
        if (max == 0) return;
        amount = bound(amount, 1, max);
        address who = actors[actorSeed % 4];
        FaucetToken token = FaucetToken(address(td.term(termId).asset));
        _mint(token, who, amount);
        vm.startPrank(who);
        token.approve(address(td), amount);
        uint256 id = td.deposit(termId, amount);
        vm.stopPrank();
        positionIds.push(id);
        ghostIn[address(token)] += amount;
        ++hits["deposit"];
        if (td.position(id).interest != td.previewInterest(termId, amount)) ++mismatches;
    }

    /// Withdraws a position the way its owner would: with interest once matured, principal only before.
    function withdraw(uint256 posSeed) external tick {
        if (positionIds.length == 0) return;
        uint256 id = positionIds[posSeed % positionIds.length];
        TermDeposits.Position memory p = td.position(id);
        if (p.closed) return;
        address asset = address(td.term(p.termId).asset);
        uint256 before = IERC20(asset).balanceOf(p.owner);
        vm.startPrank(p.owner);
        bool matured = block.timestamp >= p.maturity;
        uint256 paid = matured ? td.withdraw(id) : td.withdrawEarly(id);
        vm.stopPrank();
        uint256 expected = matured ? uint256(p.principal) + p.interest : p.principal;
        if (paid != expected || IERC20(asset).balanceOf(p.owner) - before != expected) ++mismatches;
        ghostOut[asset] += paid;
        if (matured) ++hits["withdraw"];
        else ++hits["withdrawEarly"];
    }

    /// Claim and deposit: an actor's FIL rewards go straight into a FIL term.
    function claimIntoFil(uint256 actorSeed, uint256 termSeed) external tick {
        uint256 i = actorSeed % 4;
        uint256 tokenId = filNfts[i];
        uint256 termId = 9 + termSeed % 3; // FIL 30/90/180
        uint256 accrued = rewards.accrued(tokenId);
        if (accrued == 0 || accrued > td.maxDeposit(termId)) return;
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        vm.prank(actors[i]);
        uint256 amount = rewards.claimInto(ids, 2, IRewardsReceiver(address(td)), abi.encode(termId));
        if (amount != accrued) ++mismatches;
        uint256 id = td.positionCount() - 1;
        positionIds.push(id);
        TermDeposits.Position memory p = td.position(id);
        if (p.owner != actors[i] || p.principal != amount) ++mismatches;
        ghostIn[address(tokens[3])] += amount;
        ++hits["claimInto"];
    }

    // ---------------------------------------------------------------- pools

    function createPool(uint256 productSeed, uint256 units, uint256 extra, uint256 minC, uint256 maxC, uint256 dl)
        external
        tick
    {
        _createPool(productSeed, units, extra, minC, maxC, dl);
    }

    function _createPool(uint256 productSeed, uint256 units, uint256 extra, uint256 minC, uint256 maxC, uint256 dl)
        internal
    {
        uint256 productId = products[productSeed % products.length];
        ProductSale.Product memory p = sale.product(productId);
        if (block.timestamp >= p.saleEnd) return;
        units = bound(units, 1, 8);
        uint256 hardCapUnits = units + bound(extra, 0, 8);
        uint256 target = units * p.pricePerUnit;
        minC = bound(minC, 1, target / 2);
        maxC = bound(maxC, minC, hardCapUnits * p.pricePerUnit);
        dl = bound(dl, block.timestamp + 1 hours, block.timestamp + 15 days);
        if (dl > p.saleEnd) dl = p.saleEnd;
        try pools.createPool(productId, units, hardCapUnits, minC, maxC, dl) {
            ++hits["createPool"];
        } catch {}
    }

    /// Contributes to a pool still collecting (the first from `poolSeed` on), mostly within the limits.
    function contribute(uint256 actorSeed, uint256 poolSeed, uint256 amount) external tick {
        (bool found, uint256 poolId) = _findPool(poolSeed, MiningPools.Status.Open, MiningPools.Status.Succeeded);
        if (!found) {
            // keep the pools busy: open one when none is collecting
            _createPool(poolSeed, amount, actorSeed, amount >> 8, amount >> 16, poolSeed >> 8);
            (found, poolId) = _findPool(poolSeed, MiningPools.Status.Open, MiningPools.Status.Open);
            if (!found) return;
        }
        address who = actors[actorSeed % 4];
        (MiningPools.Pool memory p,) = pools.pool(poolId);
        if (block.timestamp >= p.deadline) return;
        uint256 already = pools.contributionOf(poolId, who);
        if (already >= p.maxContribution) return;
        uint256 lo = p.minContribution > already ? p.minContribution - already : 1;
        // one call in eight probes outside the limits (these must revert and change nothing)
        amount = amount % 8 == 0 ? bound(amount, 1, p.maxContribution) : bound(amount, lo, p.maxContribution - already);
        try pools.acceptable(poolId, who, amount) returns (uint256 accepted) {
            _mint(tokens[0], who, amount);
            vm.startPrank(who);
            tokens[0].approve(address(pools), amount);
            uint256 before = tokens[0].balanceOf(who);
            uint256 got = pools.contribute(poolId, amount);
            uint256 pulled = before - tokens[0].balanceOf(who);
            tokens[0].approve(address(pools), 0);
            vm.stopPrank();
            if (got != accepted || pulled != accepted) ++mismatches;
            ghostContributed[poolId][who] += pulled;
            if (accepted < amount) ++hits["contributeTrimmed"];
            else ++hits["contribute"];
        } catch {
            ++hits["contributeRefused"];
        }
    }

    function finalize(uint256 poolSeed) external tick {
        (bool found, uint256 poolId) = _findPool(poolSeed, MiningPools.Status.Succeeded, MiningPools.Status.Succeeded);
        if (!found) return;
        try pools.finalize(poolId) returns (uint256 tokenId) {
            if (tokenId == 0) ++hits["cancel"];
            else ++hits["finalize"];
        } catch {}
    }

    function refund(uint256 actorSeed, uint256 poolSeed) external tick {
        (bool found, uint256 poolId) = _findPool(poolSeed, MiningPools.Status.Failed, MiningPools.Status.Failed);
        if (!found) return;
        _refund(poolId, _member(poolId, actorSeed));
    }

    function claimUnspent(uint256 actorSeed, uint256 poolSeed) external tick {
        (bool found, uint256 poolId) = _findPool(poolSeed, MiningPools.Status.Finalized, MiningPools.Status.Finalized);
        if (!found) return;
        address who = _member(poolId, actorSeed);
        uint256 expected = pools.refundable(poolId, who);
        vm.prank(who);
        try pools.claimUnspent(poolId) returns (uint256 got) {
            if (got != expected) ++mismatches;
            ++hits["claimUnspent"];
        } catch {}
    }

    function claimRewards(uint256 actorSeed, uint256 poolSeed) external tick {
        (bool found, uint256 poolId) = _findPool(poolSeed, MiningPools.Status.Finalized, MiningPools.Status.Finalized);
        if (!found) return;
        address who = _member(poolId, actorSeed);
        uint256 expected = pools.pendingRewards(poolId, who);
        vm.prank(who);
        try pools.claimRewards(poolId) returns (uint256 got) {
            if (got != expected) ++mismatches;
            ++hits["claimRewards"];
        } catch {}
    }

    function harvest(uint256 poolSeed) external tick {
        (bool found, uint256 poolId) = _findPool(poolSeed, MiningPools.Status.Finalized, MiningPools.Status.Finalized);
        if (!found) return;
        pools.harvest(poolId);
    }

    /// The first pool from `seed` on (cyclically) whose status is `a` or `b`.
    function _findPool(uint256 seed, MiningPools.Status a, MiningPools.Status b)
        internal
        view
        returns (bool, uint256)
    {
        uint256 n = pools.poolCount();
        for (uint256 i; i < n; ++i) {
            uint256 id = (seed % n + i) % n;
            MiningPools.Status s = pools.statusOf(id);
            if (s == a || s == b) return (true, id);
        }
        return (false, 0);
    }

    /// A member of the pool, or (one time in five) an outsider.
    function _member(uint256 poolId, uint256 seed) internal view returns (address) {
        address[] memory m = pools.members(poolId);
        if (m.length == 0 || seed % 5 == 0) return actors[seed % 4];
        return m[seed % m.length];
    }

    /// Refunds `who` if the pool failed, checking the amount is exactly what they put in.
    function _refund(uint256 poolId, address who) internal returns (bool) {
        vm.prank(who);
        try pools.refund(poolId) returns (uint256 got) {
            if (got != ghostContributed[poolId][who] || got != pools.contributionOf(poolId, who)) ++mismatches;
            ++hits["refund"];
            return true;
        } catch {
            return false;
        }
    }

    /// End of a run: every failed pool refunds all its members, exactly.
    function settleFailedPools() external {
        vm.warp(time + 400 days);
        for (uint256 poolId; poolId < pools.poolCount(); ++poolId) {
            if (pools.statusOf(poolId) != MiningPools.Status.Failed) continue;
            address[] memory m = pools.members(poolId);
            for (uint256 i; i < m.length; ++i) {
                if (!pools.memberOf(poolId, m[i]).settled && !_refund(poolId, m[i])) ++mismatches;
            }
            (MiningPools.Pool memory p,) = pools.pool(poolId);
            if (p.returned != p.raised) ++mismatches;
        }
    }

    function positionCount() external view returns (uint256) {
        return positionIds.length;
    }
}

/// forge-config: default.invariant.runs = 32
/// forge-config: default.invariant.depth = 100
contract EarnInvariantTest is EarnBase {
    EarnHandler internal handler;
    address internal dave = makeAddr("dave");

    function setUp() public override {
        super.setUp();
        address[4] memory actors = [alice, bob, carol, dave];
        uint256[] memory filNfts = new uint256[](4);
        for (uint256 i; i < 4; ++i) {
            filNfts[i] = _buy(actors[i], pFil, 2 + i);
        }
        uint256[] memory products = new uint256[](3);
        products[0] = pEtc;
        products[1] = pBtc;
        products[2] = pFil;
        handler = new EarnHandler(td, pools, [usdt, wbtc, etc, fil], owner, operator, actors, filNfts, products);
        vm.label(address(handler), "EarnHandler");

        bytes4[] memory selectors = new bytes4[](16);
        selectors[0] = EarnHandler.advance.selector;
        selectors[1] = EarnHandler.fundReserve.selector;
        selectors[2] = EarnHandler.withdrawExcess.selector;
        selectors[3] = EarnHandler.deposit.selector;
        selectors[4] = EarnHandler.deposit.selector;
        selectors[5] = EarnHandler.withdraw.selector;
        selectors[6] = EarnHandler.claimIntoFil.selector;
        selectors[7] = EarnHandler.createPool.selector;
        selectors[8] = EarnHandler.contribute.selector;
        selectors[9] = EarnHandler.finalize.selector;
        selectors[10] = EarnHandler.refund.selector;
        selectors[11] = EarnHandler.claimUnspent.selector;
        selectors[12] = EarnHandler.claimRewards.selector;
        selectors[13] = EarnHandler.harvest.selector;
        selectors[14] = EarnHandler.advance.selector;
        selectors[15] = EarnHandler.contribute.selector;
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    function _assets() internal view returns (FaucetToken[4] memory) {
        return [usdt, wbtc, etc, fil];
    }

    // ---------------------------------------------------------------- term deposits

    /// The reserve covers every promised interest: reserve = free + committed, committed <= reserve, and the
    /// contract holds principal + reserve, exactly what flowed in minus what flowed out.
    function invariant_termReserveCoversPromisedInterest() public view {
        FaucetToken[4] memory assets = _assets();
        uint256[4] memory openPrincipal;
        uint256[4] memory openInterest;
        uint256 n = td.positionCount();
        for (uint256 id; id < n; ++id) {
            TermDeposits.Position memory p = td.position(id);
            if (p.closed) continue;
            address asset = address(td.term(p.termId).asset);
            for (uint256 k; k < 4; ++k) {
                if (asset == address(assets[k])) {
                    openPrincipal[k] += p.principal;
                    openInterest[k] += p.interest;
                }
            }
        }
        for (uint256 k; k < 4; ++k) {
            IERC20 a = IERC20(address(assets[k]));
            TermDeposits.Book memory b = td.bookOf(a);
            assertEq(td.freeReserve(a) + b.committed, b.reserve, "free + committed == reserve");
            assertEq(b.committed, openInterest[k], "committed == interest of open positions");
            assertEq(b.principal, openPrincipal[k], "principal == principal of open positions");
            uint256 bal = a.balanceOf(address(td));
            assertGe(bal, b.principal + b.committed, "balance covers principal + promised interest");
            assertEq(bal, b.principal + b.reserve, "balance == principal + reserve");
            uint256 seeded = k == 0 ? USDT_RESERVE : k == 3 ? FIL_RESERVE : 0;
            assertEq(bal, seeded + handler.ghostIn(address(a)) - handler.ghostOut(address(a)), "flows");
        }
        _checkTermCapacity();
        assertEq(handler.mismatches(), 0, "payouts as specified");
    }

    /// Each term's `deposited` is the principal of its open positions (what capacity is measured against).
    function _checkTermCapacity() internal view {
        uint256 terms = td.termCount();
        uint256[] memory open = new uint256[](terms);
        uint256 n = td.positionCount();
        for (uint256 id; id < n; ++id) {
            TermDeposits.Position memory p = td.position(id);
            if (!p.closed) open[p.termId] += p.principal;
        }
        for (uint256 t; t < terms; ++t) {
            assertEq(td.term(t).deposited, open[t], "term deposited == open principal");
        }
    }

    // ---------------------------------------------------------------- pools

    /// The pools contract holds exactly the USDT it owes, and no pool has paid more rewards than it received.
    function invariant_poolsAccounting() public view {
        (MiningPools.Pool[] memory all, MiningPools.Status[] memory st) = pools.pools();
        uint256 owedUsdt;
        uint256[3] memory owedRewards;
        uint256 finalized;
        for (uint256 i; i < all.length; ++i) {
            MiningPools.Pool memory p = all[i];
            assertLe(p.raised, p.hardCap, "raised <= hard cap");
            assertLe(p.rewardsPaid, p.rewardsReceived, "rewards paid <= received");
            assertLe(p.spent + p.returned, p.raised, "spent + returned <= raised");
            owedUsdt += p.raised - p.spent - p.returned;
            owedRewards[p.coin] += p.rewardsReceived - p.rewardsPaid;
            if (st[i] == MiningPools.Status.Finalized) {
                ++finalized;
                assertEq(nft.ownerOf(p.tokenId), address(pools), "pool holds its NFT");
                assertEq(p.spent, uint256(p.unitsBought) * p.pricePerUnit);
                assertGe(p.raised, p.target);
                // unspent shares stay within what was not spent (dust below one unit per member)
                assertLe(p.returned, p.raised - p.spent);
                assertLe(p.rewardsReceived - p.rewardsPaid, p.rewardsReceived);
            } else {
                assertEq(p.spent, 0);
                assertEq(p.rewardsReceived, 0);
            }
            if (st[i] == MiningPools.Status.Failed) assertLe(p.returned, p.raised);
            uint256 sum;
            address[] memory m = pools.members(i);
            for (uint256 j; j < m.length; ++j) {
                sum += pools.contributionOf(i, m[j]);
                assertEq(pools.contributionOf(i, m[j]), handler.ghostContributed(i, m[j]), "contribution recorded");
            }
            assertEq(sum, p.raised, "raised == sum of contributions");
            assertEq(m.length, pools.memberCount(i));
        }
        assertEq(usdt.balanceOf(address(pools)), owedUsdt, "pools hold exactly the USDT they owe");
        assertEq(wbtc.balanceOf(address(pools)), owedRewards[0], "BTC rewards held == received - paid");
        assertEq(etc.balanceOf(address(pools)), owedRewards[1], "ETC rewards held == received - paid");
        assertEq(fil.balanceOf(address(pools)), owedRewards[2], "FIL rewards held == received - paid");
        assertEq(nft.balanceOf(address(pools)), finalized, "one NFT per finalized pool");
        assertEq(handler.mismatches(), 0, "payouts as specified");
    }

    /// At the end of every run: every member of every failed pool gets exactly their contribution back.
    function afterInvariant() public {
        handler.settleFailedPools();
        assertEq(handler.mismatches(), 0, "failed pools refund every contribution exactly");
        invariant_poolsAccounting();
    }
}
