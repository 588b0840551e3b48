// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test, console} from "forge-std/Test.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {LoansBase} from "./LoansBase.t.sol";
import {LoanLens} from "../src/LoanLens.sol";
import {LoanAuctions} from "../src/LoanAuctions.sol";
import {LoanPool} from "../src/LoanPool.sol";
import {LiquidityVault} from "../src/LiquidityVault.sol";
import {FaucetToken} from "../src/FaucetToken.sol";
import {PriceFeed} from "../src/PriceFeed.sol";
import {HashNFT} from "../src/HashNFT.sol";
import {Rewards} from "../src/Rewards.sol";

/// @notice Drives lenders, borrowers, a liquidator, the price oracle and the clock at random.
contract LoansHandler is Test {
    LoanPool internal pool;
    LoanLens internal lens;
    LoanAuctions internal auctions;
    LiquidityVault internal vault;
    FaucetToken internal usdt;
    HashNFT internal nft;
    Rewards internal rewards;
    PriceFeed[3] internal feeds;
    uint256[3] internal outputs;
    address internal owner;
    address internal operator;
    address internal liquidator;
    address[] internal lenders;
    address[] internal borrowers;

    uint256[] public loanIds;
    uint256 public lastSharePrice;

    // ghosts: each must stay false
    bool public openedAboveMaxLtv;
    bool public liquidatableNotLiquidated;
    bool public healthyLiquidated;
    bool public validBorrowReverted;
    bool public sharePriceFell;

    mapping(bytes4 => uint256) public calls;
    // how much really happened, for the run summary
    uint256 public opened;
    uint256 public liquidated;
    uint256 public closedByRepay;
    uint256 public selfRepaid;
    uint256 public impaired;
    bool public impairmentRaisedAssets;

    struct Setup {
        LoanPool pool;
        LiquidityVault vault;
        FaucetToken usdt;
        HashNFT nft;
        Rewards rewards;
        PriceFeed[3] feeds;
        uint256[3] outputs;
        address owner;
        address operator;
        address liquidator;
        address[] lenders;
        address[] borrowers;
    }

    constructor(Setup memory s) {
        pool = s.pool;
        auctions = LoanAuctions(address(s.pool.auctions()));
        lens = new LoanLens(s.pool, auctions);
        vault = s.vault;
        usdt = s.usdt;
        nft = s.nft;
        rewards = s.rewards;
        feeds = s.feeds;
        outputs = s.outputs;
        owner = s.owner;
        operator = s.operator;
        liquidator = s.liquidator;
        lenders = s.lenders;
        borrowers = s.borrowers;
        lastSharePrice = vault.convertToAssets(1e12);
    }

    modifier tracked() {
        calls[msg.sig]++;
        _;
        uint256 price = vault.convertToAssets(1e12);
        if (price < lastSharePrice) sharePriceFell = true;
        lastSharePrice = price;
    }

    function loanCount() external view returns (uint256) {
        return loanIds.length;
    }

    // ---------------------------------------------------------------- lenders

    function deposit(uint256 who, uint256 amount) external tracked {
        address l = lenders[who % lenders.length];
        uint256 bal = usdt.balanceOf(l);
        if (bal == 0) return;
        amount = bound(amount, 1, bal < 200_000e6 ? bal : 200_000e6);
        vm.startPrank(l);
        usdt.approve(address(vault), amount);
        vault.deposit(amount, l);
        vm.stopPrank();
    }

    function withdraw(uint256 who, uint256 amount) external tracked {
        address l = lenders[who % lenders.length];
        uint256 max = vault.maxWithdraw(l);
        if (max == 0) return;
        amount = bound(amount, 1, max);
        vm.prank(l);
        vault.withdraw(amount, l, l);
    }

    function redeem(uint256 who, uint256 shares) external tracked {
        address l = lenders[who % lenders.length];
        uint256 max = vault.maxRedeem(l);
        if (max == 0) return;
        shares = bound(shares, 1, max);
        vm.prank(l);
        vault.redeem(shares, l, l);
    }

    // ---------------------------------------------------------------- borrowers

    /// Tries to open a loan above max LTV (must revert), then opens one within it (must succeed).
    function borrow(uint256 who, uint256 mask, uint256 amount, uint256 duration) external tracked {
        address b = borrowers[who % borrowers.length];
        uint256[] memory ids = _pick(nft.tokensOfOwner(b), mask);
        if (ids.length == 0) return;
        uint256 maxDur = lens.maxDuration(ids);
        if (maxDur < 1 days) return;
        duration = bound(duration, 1 days, maxDur);
        uint256 max = pool.maxBorrow(ids);
        uint256 idle = vault.idleCash();
        vm.startPrank(b);
        try pool.borrow(ids, max + 1 + amount % 1e12, duration) {
            openedAboveMaxLtv = true;
        } catch {}
        // within max LTV and the projection rule at the due date (issue 13)
        uint256 safe = lens.largestSafeAmount(ids, duration);
        uint256 cap = safe < idle ? safe : idle;
        if (cap > 0) {
            amount = bound(amount, 1, cap);
            try pool.borrow(ids, amount, duration) returns (uint256 loanId) {
                loanIds.push(loanId);
                ++opened;
                if (pool.debtOf(loanId) > _ltvCap(ids)) openedAboveMaxLtv = true;
            } catch {
                validBorrowReverted = true;
            }
        }
        vm.stopPrank();
    }

    function borrowMore(uint256 seed, uint256 amount) external tracked {
        (uint256 loanId, LoanPool.Loan memory l) = _activeLoan(seed);
        if (loanId == 0 || block.timestamp > l.due) return;
        uint256[] memory one = new uint256[](1);
        one[0] = loanId;
        uint256 room = lens.loanDetails(one)[0].borrowable;
        uint256 idle = vault.idleCash();
        vm.startPrank(l.borrower);
        if (room == 0 || amount % 4 == 0) {
            // beyond the limit: must revert
            try pool.borrowMore(loanId, room + 1 + amount % 1e9) {
                openedAboveMaxLtv = true;
            } catch {}
        } else {
            uint256 cap = room < idle ? room : idle;
            if (cap > 0) {
                // the projection rule may refuse it (DueHealthTooLow): that is not a breach
                try pool.borrowMore(loanId, bound(amount, 1, cap)) {
                    if (pool.debtOf(loanId) > _ltvCap(l.tokenIds)) openedAboveMaxLtv = true;
                } catch {}
            }
        }
        vm.stopPrank();
    }

    function repay(uint256 seed, uint256 amount, bool all) external tracked {
        (uint256 loanId, LoanPool.Loan memory l) = _activeLoan(seed);
        if (loanId == 0) return;
        uint256 bal = usdt.balanceOf(l.borrower);
        uint256 debt = pool.debtOf(loanId);
        if (all) {
            if (bal < debt) return;
            amount = type(uint256).max;
        } else {
            if (bal == 0) return;
            amount = bound(amount, 1, bal < debt ? bal : debt);
        }
        vm.startPrank(l.borrower);
        usdt.approve(address(pool), type(uint256).max);
        pool.repay(loanId, amount);
        vm.stopPrank();
        if (pool.loan(loanId).status == LoanPool.LoanStatus.Repaid) ++closedByRepay;
    }

    function liquidate(uint256 seed) external tracked {
        (uint256 loanId,) = _activeLoan(seed);
        if (loanId == 0) return;
        (bool ok,) = pool.isLiquidatable(loanId);
        uint256 debt = pool.debtOf(loanId);
        vm.startPrank(liquidator);
        usdt.approve(address(auctions), debt);
        try auctions.startAuction(loanId, debt) {
            vm.stopPrank();
            if (!ok) healthyLiquidated = true;
            (uint32 duration,,,) = auctions.params();
            vm.warp(block.timestamp + duration);
            auctions.settle(loanId);
            ++liquidated;
        } catch {
            vm.stopPrank();
            if (ok) liquidatableNotLiquidated = true;
        }
    }

    /// A keeper impairs a liquidatable loan: the vault counts it at min(debt, collateral value) from now on.
    /// The write-down is the one fall of the share price allowed here (it shows a loss that already exists).
    function impair(uint256 seed) external {
        calls[msg.sig]++;
        (uint256 loanId,) = _activeLoan(seed);
        if (loanId == 0) return;
        (bool ok,) = pool.isLiquidatable(loanId);
        (uint64 at,) = pool.impairment(loanId);
        if (!ok || at != 0) return;
        uint256 assets = vault.totalAssets();
        uint256 debt = pool.debtOf(loanId);
        pool.impair(loanId);
        ++impaired;
        (, uint192 book) = pool.impairment(loanId);
        if (vault.totalAssets() + (debt - book) > assets + 1) impairmentRaisedAssets = true;
        lastSharePrice = vault.convertToAssets(1e12);
    }

    function setSelfRepay(uint256 seed, bool on) external tracked {
        (uint256 loanId, LoanPool.Loan memory l) = _activeLoan(seed);
        if (loanId == 0) return;
        vm.prank(l.borrower);
        pool.setSelfRepay(loanId, on);
    }

    function claimRewards(uint256 seed) external tracked {
        (uint256 loanId, LoanPool.Loan memory l) = _activeLoan(seed);
        if (loanId == 0) return;
        uint256 reserve = pool.conversionReserve();
        vm.prank(l.selfRepay ? liquidator : l.borrower);
        pool.claimRewards(loanId);
        if (pool.conversionReserve() < reserve) ++selfRepaid;
    }

    // ---------------------------------------------------------------- world

    function movePrice(uint256 coin, uint256 pct) external tracked {
        PriceFeed f = feeds[coin % 3];
        uint256 p = SafeCast.toUint256(f.latestAnswer());
        p = p * bound(pct, 60, 140) / 100;
        if (p == 0) p = 1;
        vm.prank(owner);
        f.setPrice(SafeCast.toInt256(p));
    }

    function warp(uint256 secs) external tracked {
        vm.warp(block.timestamp + bound(secs, 1 hours, 3 days));
        uint256 today = rewards.currentDay();
        for (uint256 c; c < 3; ++c) {
            uint8 coin = SafeCast.toUint8(c);
            uint256 posted = rewards.coinInfo(c).postedDays;
            if (posted >= today) continue;
            uint256[] memory outs = new uint256[](today - posted);
            for (uint256 i; i < outs.length; ++i) {
                outs[i] = outputs[c];
            }
            vm.prank(operator);
            rewards.postOutput(coin, outs);
        }
    }

    // ---------------------------------------------------------------- helpers

    function _pick(uint256[] memory owned, uint256 mask) internal pure returns (uint256[] memory ids) {
        uint256 n;
        for (uint256 i; i < owned.length; ++i) {
            if ((mask >> i) & 1 == 1) ++n;
        }
        if (n == 0 && owned.length > 0) {
            ids = new uint256[](1);
            ids[0] = owned[mask % owned.length];
            return ids;
        }
        ids = new uint256[](n);
        n = 0;
        for (uint256 i; i < owned.length; ++i) {
            if ((mask >> i) & 1 == 1) ids[n++] = owned[i];
        }
    }

    /// collateral value x max LTV, summed per NFT
    function _ltvCap(uint256[] memory ids) internal view returns (uint256 cap) {
        LoanPool.Appraisal[] memory a = lens.appraisals(ids);
        for (uint256 i; i < a.length; ++i) {
            cap += a[i].maxBorrow;
        }
    }

    function _activeLoan(uint256 seed) internal view returns (uint256 loanId, LoanPool.Loan memory l) {
        uint256 n = loanIds.length;
        if (n == 0) return (0, l);
        for (uint256 k; k < n; ++k) {
            uint256 id = loanIds[(seed % n + k) % n];
            l = pool.loan(id);
            if (l.status == LoanPool.LoanStatus.Active) return (id, l);
        }
        return (0, l);
    }
}

/// forge-config: default.invariant.runs = 64
/// forge-config: default.invariant.depth = 50
/// forge-config: default.invariant.fail-on-revert = true
contract LoansInvariantTest is LoansBase {
    LoansHandler internal handler;
    address[] internal borrowers;
    address[] internal lenders;
    address[] internal holders;
    uint256 internal initialSupply;

    function setUp() public override {
        super.setUp();
        borrowers.push(alice);
        borrowers.push(bob);
        borrowers.push(carol);
        lenders.push(lender);
        lenders.push(lender2);
        for (uint256 i; i < borrowers.length; ++i) {
            address b = borrowers[i];
            _buy(b, pBtc, 50);
            _buy(b, pBtc, 50);
            _buy(b, pEtc, 10);
            _buy(b, pEtc, 10);
            _buy(b, pFil, 5);
            vm.prank(owner);
            usdt.mint(b, 5_000e6); // to pay interest
            vm.prank(b);
            nft.setApprovalForAll(address(pool), true);
        }

        LoansHandler.Setup memory s;
        s.pool = pool;
        s.vault = vault;
        s.usdt = usdt;
        s.nft = nft;
        s.rewards = rewards;
        s.feeds = [btcFeed, etcFeed, filFeed];
        s.outputs = [BTC_OUT, ETC_OUT, FIL_OUT];
        s.owner = owner;
        s.operator = operator;
        s.liquidator = liquidator;
        s.lenders = lenders;
        s.borrowers = borrowers;
        handler = new LoansHandler(s);

        address[9] memory people = [lender, lender2, alice, bob, carol, liquidator, operator, treasury, owner];
        for (uint256 i; i < people.length; ++i) {
            holders.push(people[i]);
        }
        holders.push(address(vault));
        holders.push(address(pool));
        holders.push(address(handler));
        initialSupply = usdt.totalSupply();

        bytes4[] memory selectors = new bytes4[](12);
        selectors[0] = LoansHandler.deposit.selector;
        selectors[1] = LoansHandler.withdraw.selector;
        selectors[2] = LoansHandler.redeem.selector;
        selectors[3] = LoansHandler.borrow.selector;
        selectors[4] = LoansHandler.borrowMore.selector;
        selectors[5] = LoansHandler.repay.selector;
        selectors[6] = LoansHandler.liquidate.selector;
        selectors[7] = LoansHandler.setSelfRepay.selector;
        selectors[8] = LoansHandler.claimRewards.selector;
        selectors[9] = LoansHandler.movePrice.selector;
        selectors[10] = LoansHandler.warp.selector;
        selectors[11] = LoansHandler.impair.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// The vault's assets cover its shares, and are exactly idle cash plus what borrowers owe.
    function invariant_VaultCoversShares() public view {
        assertLe(vault.convertToAssets(vault.totalSupply()), vault.totalAssets());
        assertEq(vault.totalAssets(), usdt.balanceOf(address(vault)) + pool.totalDebt());
        assertFalse(handler.sharePriceFell(), "share price never falls (no write-offs here)");
        for (uint256 i; i < lenders.length; ++i) {
            assertLe(vault.maxWithdraw(lenders[i]), vault.idleCash());
        }
    }

    /// The pool's total debt is what its open loans owe (each rounded up, so at most one unit apart each).
    function invariant_DebtIsSumOfLoans() public view {
        uint256 sum;
        uint256 open;
        uint256 n = handler.loanCount();
        for (uint256 k; k < n; ++k) {
            uint256 id = handler.loanIds(k);
            if (pool.loan(id).status != LoanPool.LoanStatus.Active) continue;
            // the value the pool assigns to the loan: its debt, or its book value once impaired (issue 13)
            (uint64 at, uint192 book) = pool.impairment(id);
            sum += at == 0 ? pool.debtOf(id) : book;
            ++open;
        }
        uint256 total = pool.totalDebt();
        assertLe(total, sum);
        assertLe(sum, total + open);
        assertEq(open, pool.openLoans().length);
        // the vault's assets are its idle cash plus the value assigned to loans, nothing else
        assertEq(vault.totalAssets(), vault.idleCash() + total);
        assertFalse(handler.impairmentRaisedAssets(), "an impairment only ever writes down");
    }

    /// Every escrowed NFT belongs to exactly one open loan; the pool holds nothing else.
    function invariant_EscrowMatchesOpenLoans() public view {
        uint256 escrowed;
        uint256 n = handler.loanCount();
        for (uint256 k; k < n; ++k) {
            uint256 id = handler.loanIds(k);
            LoanPool.Loan memory l = pool.loan(id);
            bool active = l.status == LoanPool.LoanStatus.Active;
            for (uint256 i; i < l.tokenIds.length; ++i) {
                uint256 t = l.tokenIds[i];
                if (active) {
                    assertEq(nft.ownerOf(t), address(pool));
                    assertEq(pool.loanOfToken(t), id);
                    ++escrowed;
                } else {
                    assertTrue(pool.loanOfToken(t) != id);
                }
            }
        }
        assertEq(nft.balanceOf(address(pool)), escrowed);
    }

    /// No loan was opened or increased above max LTV; a loan under health factor 1 is liquidatable and
    /// liquidation works exactly when it is.
    function invariant_LtvAndLiquidation() public view {
        assertFalse(handler.openedAboveMaxLtv(), "opened above max LTV");
        assertFalse(handler.validBorrowReverted(), "a valid borrow reverted");
        assertFalse(handler.liquidatableNotLiquidated(), "liquidatable loan could not be liquidated");
        assertFalse(handler.healthyLiquidated(), "healthy loan liquidated");
        uint256 n = handler.loanCount();
        for (uint256 k; k < n; ++k) {
            uint256 id = handler.loanIds(k);
            (bool ok, uint256 hf) = pool.isLiquidatable(id);
            if (hf < 1e18) assertTrue(ok);
        }
    }

    /// No USDT is created or lost: it only moves between actors, vault, pool (conversion reserve) and treasury.
    function invariant_UsdtConserved() public view {
        uint256 sum;
        for (uint256 i; i < holders.length; ++i) {
            sum += usdt.balanceOf(holders[i]);
        }
        assertEq(usdt.totalSupply(), initialSupply);
        assertEq(sum, initialSupply);
        assertEq(usdt.balanceOf(address(pool)), pool.conversionReserve());
    }

    /// Summary of what the runs exercised (shown with -vv).
    function afterInvariant() external view {
        console.log("loans opened", handler.opened());
        console.log("liquidated", handler.liquidated());
        console.log("repaid in full", handler.closedByRepay());
        console.log("self-repay conversions", handler.selfRepaid());
        console.log("impaired", handler.impaired());
    }
}
