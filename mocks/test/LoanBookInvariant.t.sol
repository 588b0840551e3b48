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

/// @notice Many loans at once (issue 13): several borrowers, prices that fall and recover, a keeper that
/// impairs every under-water loan and marks impaired loans down as the price falls further, auctions started at min(debt, appraisal) with bids, redemptions and
/// settlements, write-offs once the window passes, and lenders coming and going. After every step it
/// records what the vault counts each loan at, so the invariants can say that an under-water loan never
/// lifts the share price and that the vault's assets are its cash plus the value assigned to loans.
contract LoanBookHandler is Test {
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
    address internal bidder;
    address[] internal lenders;
    address[] internal borrowers;
    uint256 internal startPrice;

    uint256[] public loanIds;

    // ghosts: each must stay false
    /// a loan under water before and after a step was counted higher after it, with no new bid on it
    bool public underwaterValueRose;
    /// time passed and the vault's assets grew by more than the interest of its performing, covered loans
    bool public sharePriceRoseOnUnpaidInterest;
    /// an under-water loan the keeper could impair stayed counted at its full debt after the keeper's pass
    bool public underwaterCountedAtDebt;
    /// an impaired open loan stayed counted above its collateral's value after the keeper's pass
    bool public impairedCountedAboveValue;

    // what really happened, for the summary
    uint256 public opened;
    uint256 public impairedCount;
    /// upsides the keeper brought up to date (a recovery after a mark-down, or a fall back)
    uint256 public upsidesSet;
    uint256 public markedDown;
    uint256 public auctionsStarted;
    uint256 public auctionsUnderwater;
    uint256 public bids;
    uint256 public redeemed;
    uint256 public settled;
    uint256 public settledShort;
    uint256 public writtenOff;
    uint256 public maxOpenAtOnce;
    uint256 public maxUnderwaterAtOnce;

    mapping(uint256 loanId => uint256) internal _lastAssigned;
    mapping(uint256 loanId => bool) internal _lastUnderwater;
    /// a bid this step: new cash that may raise what the vault counts the loan at
    mapping(uint256 loanId => bool) internal _bidThisStep;

    struct Setup {
        LoanPool pool;
        LoanLens lens;
        LiquidityVault vault;
        FaucetToken usdt;
        HashNFT nft;
        Rewards rewards;
        PriceFeed[3] feeds;
        uint256[3] outputs;
        address owner;
        address operator;
        address liquidator;
        address bidder;
        address[] lenders;
        address[] borrowers;
    }

    constructor(Setup memory s) {
        pool = s.pool;
        lens = s.lens;
        auctions = LoanAuctions(address(s.pool.auctions()));
        vault = s.vault;
        usdt = s.usdt;
        nft = s.nft;
        rewards = s.rewards;
        feeds = s.feeds;
        outputs = s.outputs;
        owner = s.owner;
        operator = s.operator;
        liquidator = s.liquidator;
        bidder = s.bidder;
        lenders = s.lenders;
        borrowers = s.borrowers;
        startPrice = SafeCast.toUint256(s.feeds[0].latestAnswer());
    }

    /// Every step: the action, then the keeper's pass (impair what is under water), then the bookkeeping.
    modifier step() {
        _;
        _keeper();
        _record();
    }

    /// Loans opened in the test's setUp (not a fuzzed action), so every run starts with a book of loans.
    function adopt(uint256 loanId) external {
        loanIds.push(loanId);
        ++opened;
        _record();
    }

    function loanCount() external view returns (uint256) {
        return loanIds.length;
    }

    // ---------------------------------------------------------------- what the vault counts a loan at

    /// What the pool assigns to a loan in the vault's assets: its debt while performing, its book value once
    /// impaired, min(frozen debt, highest bid) in auction, nothing once closed.
    function assigned(uint256 id) public view returns (uint256) {
        LoanPool.LoanStatus s = pool.loan(id).status;
        if (s == LoanPool.LoanStatus.InAuction) {
            LoanAuctions.AuctionView memory a = auctions.auctionOf(id);
            return a.highestBid < a.debt ? a.highestBid : a.debt;
        }
        if (s != LoanPool.LoanStatus.Active) return 0;
        (uint64 at, uint192 book) = pool.impairment(id);
        return at == 0 ? pool.debtOf(id) : book;
    }

    /// Under water: the NFTs are appraised below the debt (open loans), or the highest bid is below the frozen
    /// debt (auctions).
    function underwater(uint256 id) public view returns (bool) {
        LoanPool.LoanStatus s = pool.loan(id).status;
        if (s == LoanPool.LoanStatus.InAuction) {
            LoanAuctions.AuctionView memory a = auctions.auctionOf(id);
            return a.highestBid < a.debt;
        }
        if (s != LoanPool.LoanStatus.Active) return false;
        // the open loan's collateral value as the pool computes it for the loan (its terms, liquidation price)
        return _value(id) < pool.debtOf(id);
    }

    function _record() internal {
        uint256 open;
        uint256 under;
        for (uint256 k; k < loanIds.length; ++k) {
            uint256 id = loanIds[k];
            uint256 value = assigned(id);
            bool uw = underwater(id);
            if (uw && _lastUnderwater[id] && value > _lastAssigned[id] && !_bidThisStep[id]) underwaterValueRose = true;
            if (uw) {
                ++under;
                LoanPool.LoanStatus s = pool.loan(id).status;
                (uint64 at,) = pool.impairment(id);
                // the keeper has run: an open under-water loan is counted at its book, not its debt
                if (s == LoanPool.LoanStatus.Active && at == 0) underwaterCountedAtDebt = true;
            }
            if (pool.loan(id).status == LoanPool.LoanStatus.Active && value > _value(id)) {
                (uint64 at,) = pool.impairment(id);
                // the keeper has run: an impaired loan is counted at most at what its NFTs are worth now
                if (at != 0) impairedCountedAboveValue = true;
            }
            if (value != 0) ++open;
            _lastAssigned[id] = value;
            _lastUnderwater[id] = uw;
            _bidThisStep[id] = false;
        }
        if (open > maxOpenAtOnce) maxOpenAtOnce = open;
        if (under > maxUnderwaterAtOnce) maxUnderwaterAtOnce = under;
    }

    /// What an impaired loan's NFTs cover above its book, up to its debt, at the lower of the two latest rounds
    /// (what `impair` records as its upside).
    function _upsideNow(uint256 id, uint256 book) public view returns (uint256) {
        if (_value(id) < book) return 0;
        // valued at the lower of the two latest rounds (mode 5: the loan's terms, borrow side)
        uint256 cover = pool.collateralOf(pool.loan(id).tokenIds, block.timestamp, id, 5).value;
        uint256 debt = pool.debtOf(id);
        if (cover > debt) cover = debt;
        return cover > book ? cover - book : 0;
    }

    /// The open loan's collateral value as the pool computes it for the loan (its terms, liquidation price).
    function _value(uint256 id) internal view returns (uint256) {
        return pool.collateralOf(pool.loan(id).tokenIds, block.timestamp, id, 2).value;
    }

    /// The keeper impairs every open loan whose NFTs are appraised below its debt (it is then liquidatable),
    /// and marks down every impaired loan whose NFTs are now worth less than it is counted at (the same call).
    function _keeper() internal {
        for (uint256 k; k < loanIds.length; ++k) {
            uint256 id = loanIds[k];
            if (pool.loan(id).status != LoanPool.LoanStatus.Active) continue;
            (uint64 at, uint192 book) = pool.impairment(id);
            if (at == 0) {
                if (!underwater(id)) continue;
                pool.impair(id);
                ++impairedCount;
            } else if (_value(id) < book) {
                pool.impair(id);
                ++markedDown;
            } else if (_upsideNow(id, book) != pool.upside(id)) {
                pool.impair(id);
                ++upsidesSet;
            }
        }
    }

    // ---------------------------------------------------------------- lenders

    function deposit(uint256 who, uint256 amount) external step {
        address l = lenders[who % lenders.length];
        amount = bound(amount, 1e6, 100_000e6);
        if (usdt.balanceOf(l) < amount) return;
        vm.startPrank(l);
        usdt.approve(address(vault), amount);
        vault.deposit(amount, l);
        vm.stopPrank();
    }

    function withdraw(uint256 who, uint256 amount) external step {
        address l = lenders[who % lenders.length];
        uint256 max = vault.maxWithdraw(l);
        if (max == 0) return;
        amount = bound(amount, 1, max);
        vm.prank(l);
        vault.withdraw(amount, l, l);
    }

    // ---------------------------------------------------------------- borrowers

    /// Opens the largest safe loan (or less) on one of the borrower's NFTs, for a random duration.
    function borrow(uint256 who, uint256 pick, uint256 amount, uint256 duration) external step {
        address b = borrowers[who % borrowers.length];
        uint256[] memory owned = nft.tokensOfOwner(b);
        if (owned.length == 0) return;
        uint256[] memory ids = _one(owned[pick % owned.length]);
        if (rewards.lienPending(ids[0])) return;
        uint256 maxDur = lens.maxDuration(ids);
        if (maxDur < 2 days) return;
        duration = bound(duration, 1 days, maxDur / 2);
        uint256 safe = lens.largestSafeAmount(ids, duration);
        uint256 idle = vault.idleCash();
        uint256 cap = safe < idle ? safe : idle;
        if (cap < 1e6) return;
        amount = bound(amount, cap / 2, cap);
        vm.startPrank(b);
        nft.approve(address(pool), ids[0]);
        loanIds.push(pool.borrow(ids, amount, duration));
        vm.stopPrank();
        ++opened;
    }

    function repay(uint256 seed, uint256 amount) external step {
        (uint256 id, LoanPool.Loan memory l) = _pick(seed, LoanPool.LoanStatus.Active);
        if (id == 0) return;
        uint256 debt = pool.debtOf(id);
        amount = bound(amount, 1, debt);
        vm.startPrank(l.borrower);
        usdt.approve(address(pool), amount);
        pool.repay(id, amount);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- default

    /// The liquidator starts an auction on a liquidatable loan at the smallest first bid, min(debt, appraisal).
    function startAuction(uint256 seed) external step {
        (uint256 id,) = _pick(seed, LoanPool.LoanStatus.Active);
        if (id == 0) return;
        (bool ok,) = pool.isLiquidatable(id);
        if (!ok) return;
        uint256 min = auctions.minFirstBid(id);
        bool uw = underwater(id);
        vm.prank(liquidator);
        auctions.startAuction(id, min);
        _bidThisStep[id] = true;
        ++auctionsStarted;
        if (uw) ++auctionsUnderwater;
    }

    function bid(uint256 seed, uint256 extraBps) external step {
        (uint256 id,) = _pick(seed, LoanPool.LoanStatus.InAuction);
        if (id == 0) return;
        uint256 min = auctions.minNextBid(id);
        if (min == 0) return;
        uint256 amount = min + min * bound(extraBps, 0, 3_000) / 10_000;
        address who = auctions.auctionOf(id).highestBidder == bidder ? liquidator : bidder;
        vm.prank(who);
        auctions.bid(id, amount);
        _bidThisStep[id] = true;
        ++bids;
    }

    function redeem(uint256 seed) external step {
        (uint256 id,) = _pick(seed, LoanPool.LoanStatus.InAuction);
        if (id == 0) return;
        LoanAuctions.AuctionView memory a = auctions.auctionOf(id);
        if (a.redeemAmount == 0) return;
        vm.prank(owner);
        usdt.mint(a.borrower, a.redeemAmount);
        vm.startPrank(a.borrower);
        usdt.approve(address(auctions), a.redeemAmount);
        auctions.redeem(id);
        vm.stopPrank();
        ++redeemed;
    }

    function settle(uint256 seed) external step {
        (uint256 id,) = _pick(seed, LoanPool.LoanStatus.InAuction);
        if (id == 0) return;
        LoanAuctions.AuctionView memory a = auctions.auctionOf(id);
        if (a.state != LoanAuctions.State.Ended) return;
        auctions.settle(id);
        ++settled;
        if (a.shortfall != 0) ++settledShort;
    }

    /// Anyone writes off an impaired loan once the window has passed with no auction.
    function writeOff(uint256 seed) external step {
        (uint256 id,) = _pick(seed, LoanPool.LoanStatus.Active);
        if (id == 0) return;
        (uint64 at,) = pool.impairment(id);
        if (at == 0 || block.timestamp < at + pool.writeOffDelay()) return;
        (bool ok,) = pool.isLiquidatable(id);
        if (!ok) return;
        uint256 before = vault.totalAssets();
        uint256 book = assigned(id);
        pool.writeOff(id);
        // the loss reaches the vault's assets in the same transaction
        assertEq(vault.totalAssets(), before - book);
        ++writtenOff;
    }

    // ---------------------------------------------------------------- world

    /// BTC moves between -55% and +30%: loans fall under water and some recover.
    function movePrice(uint256 pct) external step {
        PriceFeed f = feeds[0];
        uint256 p = SafeCast.toUint256(f.latestAnswer()) * bound(pct, 45, 130) / 100;
        if (p < 1_000e8) p = 1_000e8;
        vm.startPrank(owner);
        f.setPrice(SafeCast.toInt256(p));
        f.setPrice(SafeCast.toInt256(p));
        vm.stopPrank();
    }

    /// BTC crashes to 20-50% of its starting price: several loans fall under water at once.
    function crash(uint256 pct) external step {
        uint256 p = startPrice * bound(pct, 20, 50) / 100;
        vm.startPrank(owner);
        feeds[0].setPrice(SafeCast.toInt256(p));
        feeds[0].setPrice(SafeCast.toInt256(p));
        vm.stopPrank();
    }

    /// Time passes (output posted for the days that ended). Between the keeper's passes the vault's assets
    /// grow only by the interest of performing loans that were covered (not under water) at the start.
    function warp(uint256 secs) external {
        uint256 assets = vault.totalAssets();
        uint256[] memory covered = new uint256[](loanIds.length);
        uint256[] memory debts = new uint256[](loanIds.length);
        for (uint256 k; k < loanIds.length; ++k) {
            uint256 id = loanIds[k];
            (uint64 at,) = pool.impairment(id);
            if (pool.loan(id).status != LoanPool.LoanStatus.Active || at != 0 || underwater(id)) continue;
            covered[k] = id;
            debts[k] = pool.debtOf(id);
        }
        vm.warp(block.timestamp + bound(secs, 1 hours, 2 days));
        uint256 grown;
        for (uint256 k; k < covered.length; ++k) {
            if (covered[k] != 0) grown += pool.debtOf(covered[k]) - debts[k];
        }
        // each loan's debt rounds up by at most one unit
        if (vault.totalAssets() > assets + grown + loanIds.length) sharePriceRoseOnUnpaidInterest = true;
        uint256 today = rewards.currentDay();
        for (uint256 c; c < 3; ++c) {
            uint256 posted = rewards.coinInfo(c).postedDays;
            if (posted >= today) continue;
            uint256[] memory outs = new uint256[](today - posted);
            for (uint256 i; i < outs.length; ++i) {
                outs[i] = outputs[c];
            }
            vm.prank(operator);
            rewards.postOutput(SafeCast.toUint8(c), outs);
        }
        _keeper();
        _record();
    }

    // ---------------------------------------------------------------- helpers

    function _one(uint256 id) internal pure returns (uint256[] memory a) {
        a = new uint256[](1);
        a[0] = id;
    }

    function _pick(uint256 seed, LoanPool.LoanStatus status) internal view returns (uint256 id, LoanPool.Loan memory l) {
        uint256 n = loanIds.length;
        for (uint256 k; k < n; ++k) {
            id = loanIds[(seed % (n == 0 ? 1 : n) + k) % n];
            l = pool.loan(id);
            if (l.status == status) return (id, l);
        }
        return (0, l);
    }
}

/// forge-config: default.invariant.runs = 16
/// forge-config: default.invariant.depth = 50
/// forge-config: default.invariant.fail-on-revert = true
contract LoanBookInvariantTest is LoansBase {
    LoanBookHandler internal handler;
    address internal bidder = makeAddr("bidder");

    function setUp() public override {
        super.setUp();
        address[] memory borrowers = new address[](5);
        borrowers[0] = alice;
        borrowers[1] = bob;
        borrowers[2] = carol;
        borrowers[3] = makeAddr("dora");
        borrowers[4] = makeAddr("eli");
        for (uint256 i; i < borrowers.length; ++i) {
            for (uint256 j; j < 3; ++j) {
                _buy(borrowers[i], pBtc, 20 + 10 * j);
            }
            vm.prank(owner);
            usdt.mint(borrowers[i], 50_000e6);
        }
        vm.prank(owner);
        usdt.mint(bidder, 1_000_000e6);
        vm.prank(bidder);
        usdt.approve(address(auctions), type(uint256).max);
        address[] memory lenders = new address[](2);
        lenders[0] = lender;
        lenders[1] = lender2;

        LoanBookHandler.Setup memory s;
        s.pool = pool;
        s.lens = lens;
        s.vault = vault;
        s.usdt = usdt;
        s.nft = nft;
        s.rewards = rewards;
        s.feeds = [btcFeed, etcFeed, filFeed];
        s.outputs = [BTC_OUT, ETC_OUT, FIL_OUT];
        s.owner = owner;
        s.operator = operator;
        s.liquidator = liquidator;
        s.bidder = bidder;
        s.lenders = lenders;
        s.borrowers = borrowers;
        handler = new LoanBookHandler(s);

        // A book of ten loans to start every run: two per borrower, from half the largest safe amount to all
        // of it, for 3 to 22 days (the BTC product runs 30), so price falls put some under water and leave others covered.
        for (uint256 i; i < borrowers.length; ++i) {
            uint256[] memory owned = nft.tokensOfOwner(borrowers[i]);
            for (uint256 j; j < 2; ++j) {
                uint256[] memory ids = _one(owned[j]);
                uint256 duration = (3 + 5 * (i + j) % 20) * 1 days;
                uint256 amount = lens.largestSafeAmount(ids, duration) * (50 + 8 * (i + 2 * j)) / 100;
                vm.startPrank(borrowers[i]);
                nft.approve(address(pool), ids[0]);
                uint256 id = pool.borrow(ids, amount, duration);
                vm.stopPrank();
                handler.adopt(id);
            }
        }

        bytes4[] memory selectors = new bytes4[](12);
        selectors[0] = LoanBookHandler.deposit.selector;
        selectors[1] = LoanBookHandler.withdraw.selector;
        selectors[2] = LoanBookHandler.borrow.selector;
        selectors[3] = LoanBookHandler.repay.selector;
        selectors[4] = LoanBookHandler.startAuction.selector;
        selectors[5] = LoanBookHandler.bid.selector;
        selectors[6] = LoanBookHandler.redeem.selector;
        selectors[7] = LoanBookHandler.settle.selector;
        selectors[8] = LoanBookHandler.writeOff.selector;
        selectors[9] = LoanBookHandler.movePrice.selector;
        selectors[10] = LoanBookHandler.warp.selector;
        selectors[11] = LoanBookHandler.crash.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// totalAssets == idle cash + the value the pool assigns to each loan (debt, impaired book, or
    /// min(frozen debt, highest bid) in auction), summed loan by loan.
    function invariant_AssetsAreCashPlusAssignedLoanValues() public view {
        uint256 sum;
        uint256 performing;
        uint256 n = handler.loanCount();
        for (uint256 k; k < n; ++k) {
            uint256 id = handler.loanIds(k);
            sum += handler.assigned(id);
            (uint64 at,) = pool.impairment(id);
            if (pool.loan(id).status == LoanPool.LoanStatus.Active && at == 0) ++performing;
        }
        uint256 loans = vault.totalAssets() - vault.idleCash();
        assertEq(loans, pool.totalDebt());
        // each performing loan's debt is rounded up on its own; the pool's total once
        assertLe(loans, sum);
        assertLe(sum, loans + performing);
        assertLe(vault.convertToAssets(vault.totalSupply()), vault.totalAssets());
    }

    /// An under-water loan never lifts the share price: what the vault counts it at never rises (a new bid
    /// is cash, the only exception), the keeper's pass leaves none counted at its full debt, and time adds
    /// only the interest of covered, performing loans.
    function invariant_UnderwaterNeverLiftsSharePrice() public view {
        assertFalse(handler.underwaterValueRose(), "an under-water loan was counted higher without a bid");
        assertFalse(handler.underwaterCountedAtDebt(), "an under-water loan stayed counted at its debt");
        assertFalse(handler.impairedCountedAboveValue(), "an impaired loan stayed counted above its collateral");
        assertFalse(handler.sharePriceRoseOnUnpaidInterest(), "time lifted the assets beyond covered interest");
    }

    /// The upside: kept only on impaired open loans, summed exactly, never more than the debt above the book,
    /// exactly what the NFTs cover after the keeper's pass; priced into deposits only (the share price and
    /// withdrawals leave it out), so the entry price is never below the share price.
    function invariant_UpsideIsCoveredAndPricedIntoDepositsOnly() public view {
        uint256 sum;
        uint256 n = handler.loanCount();
        for (uint256 k; k < n; ++k) {
            uint256 id = handler.loanIds(k);
            uint256 up = pool.upside(id);
            sum += up;
            (uint64 at, uint192 book) = pool.impairment(id);
            if (pool.loan(id).status != LoanPool.LoanStatus.Active || at == 0) {
                assertEq(up, 0, "upside only on an impaired open loan");
                continue;
            }
            assertLe(book + up, pool.debtOf(id), "book plus upside never above the debt");
            assertEq(up, handler._upsideNow(id, book), "after the keeper's pass, what the NFTs cover");
        }
        assertEq(pool.totalUpside(), sum);
        assertEq(vault.entryAssets(), vault.totalAssets() + sum);
        assertEq(vault.totalAssets(), vault.idleCash() + pool.totalDebt(), "the upside is not in the assets");
        assertLe(vault.previewDeposit(1e12), vault.convertToShares(1e12), "a deposit never gets more than at the share price");
        assertGe(vault.stats().entrySharePrice, vault.stats().sharePrice);
    }

    function afterInvariant() external view {
        console.log("loans opened", handler.opened());
        console.log("most open at once", handler.maxOpenAtOnce());
        console.log("most under water at once", handler.maxUnderwaterAtOnce());
        console.log("impaired by the keeper", handler.impairedCount());
        console.log("marked down again by the keeper", handler.markedDown());
        console.log("upsides brought up to date by the keeper", handler.upsidesSet());
        console.log("auctions started (under water)", handler.auctionsStarted(), handler.auctionsUnderwater());
        console.log("bids", handler.bids());
        console.log("redeemed", handler.redeemed());
        console.log("settled (short of the debt)", handler.settled(), handler.settledShort());
        console.log("written off", handler.writtenOff());
    }
}
