// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {console} from "forge-std/Test.sol";
import {LoansBase} from "./LoansBase.t.sol";
import {LoanPool} from "../src/LoanPool.sol";
import {LoanLens} from "../src/LoanLens.sol";
import {AggregatorV3Interface} from "../src/OracleAdapter.sol";

/// @notice Issue 13, re-marking impaired loans: `impair` on an impaired loan lowers what the vault counts it
/// at to what its NFTs are worth now when the price fell further, and never raises it; a recovery is recorded
/// as the loan's upside, which new deposits pay for (LiquidityVault's entry price) and the share price leaves out. The attacks an
/// auditor would try: a crash after impairment, a deposit / mark-down / withdraw sandwich, a hostile owner,
/// a one-round price dip, rounding at 1 wei of collateral.
contract LoanMarkDownTest is LoansBase {
    /// bob borrows 600 USDT on one 100-unit BTC NFT for 7 days; BTC falls to 20,000 and the loan is impaired.
    function _impairedLoan() internal returns (uint256 book) {
        uint256 id = _buy(bob, pBtc, 100);
        _borrow(bob, _one(id), 600e6, 7 days);
        _setPriceConfirmed(btcFeed, 20_000e8);
        pool.impair(1);
        (, uint192 b) = pool.impairment(1);
        book = b;
        assertLt(book, pool.debtOf(1), "impaired below its debt");
    }

    function _value(uint256 loanId) internal view returns (uint256) {
        return lens.loanDetails(_one(loanId))[0].collateralValue;
    }

    /// Falls by at most 20% a round (the jump bound), each confirmed: a real crash as the chain would post it.
    function _crashTo(int256 price) internal {
        int256 p = btcFeed.latestAnswer();
        while (p > price) {
            p = p * 81 / 100 < price ? price : p * 81 / 100;
            _setPriceConfirmed(btcFeed, p);
        }
    }

    // ================================================================ price crash after impairment

    function test_MarkDown_CrashAfterImpairmentLowersTheCountInOneCall() public {
        uint256 book = _impairedLoan();
        uint256 assets = vault.totalAssets();
        uint256 share = vault.convertToAssets(1e12);
        _crashTo(8_000e8);
        uint256 value = _value(1);
        assertLt(value, book);
        assertEq(vault.totalAssets(), assets, "the crash alone changes nothing: the count is fixed");
        vm.expectEmit(address(pool));
        emit LoanPool.LoanMarkedDown(1, book, value);
        vm.prank(makeAddr("anyone"));
        pool.impair(1);
        (uint64 at, uint192 b) = pool.impairment(1);
        assertEq(b, value);
        assertEq(at, T0, "the write-off window keeps its start");
        assertEq(pool.totalImpairedBook(), value);
        assertEq(vault.totalAssets(), assets - (book - value), "the loss reaches the vault in the same call");
        assertLt(vault.convertToAssets(1e12), share);
        assertEq(vault.totalAssets(), vault.idleCash() + pool.totalDebt());
        console.log("book at impairment / after the crash / share price drop (1e-6)", book, value, share - vault.convertToAssets(1e12));
        // nothing left to mark down: refused in words, not a silent no-op
        vm.expectRevert(abi.encodeWithSelector(LoanPool.NothingToMarkDown.selector, 1, value, value));
        pool.impair(1);
    }

    /// Rises by at most 20% a round (the jump bound), each confirmed.
    function _riseTo(int256 price) internal {
        int256 p = btcFeed.latestAnswer();
        while (p < price) {
            p = p * 119 / 100 > price ? price : p * 119 / 100;
            _setPriceConfirmed(btcFeed, p);
        }
    }

    /// A recovery never raises the count (the share price stays where the mark-down left it); `impair` records
    /// what the NFTs now cover above it, up to the debt, as the loan's upside, which new deposits pay for.
    function test_Upside_RecoveryIsPricedIntoDepositsNotTheSharePrice() public {
        uint256 book = _impairedLoan();
        _crashTo(8_000e8);
        pool.impair(1);
        (, uint192 low) = pool.impairment(1);
        uint256 assets = vault.totalAssets();
        uint256 share = vault.convertToAssets(1e12);
        _setPriceConfirmed(btcFeed, 24_000e8);
        uint256 value = _value(1);
        assertGt(value, book, "the NFTs are worth more than at impairment");
        assertLt(value, pool.debtOf(1), "still under water");
        vm.expectEmit(address(pool));
        emit LoanPool.LoanUpsideSet(1, value - low);
        vm.prank(makeAddr("anyone"));
        pool.impair(1);
        (, uint192 b) = pool.impairment(1);
        assertEq(b, low, "the count only rises with cash");
        assertEq(vault.totalAssets(), assets, "the share price leaves the upside out");
        assertEq(vault.convertToAssets(1e12), share);
        assertEq(pool.upside(1), value - low);
        assertEq(pool.totalUpside(), value - low);
        assertEq(vault.entryAssets(), assets + value - low);
        LiquidityVaultStats memory st = _stats();
        assertGt(st.entrySharePrice, st.sharePrice, "new deposits pay for the recovery");
        assertEq(st.upside, value - low);
        // nothing changed since: refused in words
        vm.expectRevert(abi.encodeWithSelector(LoanPool.NothingToMarkDown.selector, 1, uint256(low), value));
        pool.impair(1);

        // above the debt the upside stops at the debt: the count plus the upside never exceed what is owed
        _riseTo(60_000e8);
        assertGt(_value(1), pool.debtOf(1));
        pool.impair(1);
        assertEq(uint256(low) + pool.upside(1), pool.debtOf(1));
        // a part repayment is cash: the upside shrinks by what no longer needs recovering
        _repay(bob, 1, 100e6);
        assertEq(uint256(low) + pool.upside(1), pool.debtOf(1));
        assertEq(pool.totalUpside(), pool.upside(1));
        // a fall below the count marks it down and the upside is gone
        _crashTo(5_000e8);
        pool.impair(1);
        assertEq(pool.upside(1), 0);
        assertEq(pool.totalUpside(), 0);
        assertEq(vault.entryAssets(), vault.totalAssets());
        // the full repayment retires both
        _riseTo(30_000e8);
        pool.impair(1);
        assertGt(pool.upside(1), 0);
        _repay(bob, 1, type(uint256).max);
        assertEq(pool.upside(1), 0);
        assertEq(pool.totalUpside(), 0);
    }

    struct LiquidityVaultStats {
        uint256 sharePrice;
        uint256 entrySharePrice;
        uint256 upside;
    }

    function _stats() internal view returns (LiquidityVaultStats memory s) {
        s.sharePrice = vault.stats().sharePrice;
        s.entrySharePrice = vault.stats().entrySharePrice;
        s.upside = vault.stats().upside;
    }

    /// The gap this closes: a depositor who comes in while an impaired loan's NFTs have recovered, and leaves
    /// once the borrower repays, takes none of the recovery (before the entry price, its share of it); the
    /// lenders who carried the mark-down get exactly what they would have without that deposit.
    function test_Attack_DepositDuringRecoveryBuysNoneOfIt() public {
        _impairedLoan();
        _crashTo(8_000e8);
        pool.impair(1);
        _riseTo(60_000e8);
        assertGe(_value(1), pool.debtOf(1), "recovered: the NFTs cover the debt again");
        pool.impair(1);
        uint256 up = pool.upside(1);
        address eve = makeAddr("eve");
        vm.prank(owner);
        usdt.mint(eve, 100_000e6);
        uint256 lenderShares = vault.balanceOf(lender);

        // without eve: what the lender's shares are worth once bob repays
        uint256 snap = vm.snapshotState();
        uint256 assetsBefore = vault.totalAssets();
        _repay(bob, 1, type(uint256).max);
        uint256 lenderAlone = vault.previewRedeem(lenderShares);
        uint256 recovered = vault.totalAssets() - assetsBefore;
        vm.revertToState(snap);

        // what eve would have taken at the share price (the gap before the entry price): her shares' part of
        // the recovery once it is cash
        uint256 atSharePrice = vault.convertToShares(100_000e6);
        uint256 wouldTake = recovered * atSharePrice / (vault.totalSupply() + atSharePrice);
        uint256 shares = _deposit(eve, 100_000e6);
        assertLt(shares, atSharePrice, "eve pays the entry price");
        _repay(bob, 1, type(uint256).max);
        vm.prank(eve);
        vault.redeem(shares, eve, eve);
        uint256 back = usdt.balanceOf(eve);
        console.log("recovery pending (USDT 1e-6)", up);
        console.log("eve put in 100,000 USDT and got back", back);
        console.log("at the share price she would have taken", wouldTake);
        assertGt(wouldTake, up / 3, "the gap was real: a third of the recovery or more for a deposit as large as the vault");
        assertLe(back, 100_000e6 + 1, "eve takes none of the recovery (interest of the same second aside)");
        assertApproxEqAbs(vault.previewRedeem(lenderShares), lenderAlone, 2, "the lender gets what it would have without eve");
    }

    /// A price that falls back after the upside was recorded leaves it stale until the next `impair` (the
    /// keeper's next block): a deposit in between overpays by less than the stale part, and the overpayment
    /// goes to the lenders already in (one who leaves after the deposit takes part of it, as it would of the
    /// recovery the premium pays for). The next `impair` lowers it at once.
    function test_Attack_StaleUpsideOnlyOverchargesADepositUntilTheNextPass() public {
        _impairedLoan();
        _crashTo(8_000e8);
        pool.impair(1);
        _riseTo(24_000e8);
        pool.impair(1);
        uint256 up = pool.upside(1);
        _crashTo(16_000e8);
        uint256 fresh = _value(1);
        (, uint192 low) = pool.impairment(1);
        assertGt(fresh, low);
        LoanLens.PendingUpsides memory p = lens.pendingUpsides();
        assertEq(p.loanIds.length, 1, "the lens lists it for the keeper");
        assertEq(p.upsideNow[0], up);
        assertEq(p.upsideAfter[0], fresh - low);
        // what eve would get at a fresh upside
        uint256 snap = vm.snapshotState();
        pool.impair(1);
        assertEq(vault.stats().entrySharePrice, p.entrySharePriceAfter, "the entry price the lens said");
        uint256 sharesFresh = vault.previewDeposit(100_000e6);
        vm.revertToState(snap);
        uint256 share = vault.convertToAssets(1e12);
        address eve = makeAddr("eve");
        vm.prank(owner);
        usdt.mint(eve, 100_000e6);
        uint256 shares = _deposit(eve, 100_000e6);
        assertLt(shares, sharesFresh, "the stale upside overcharges her");
        assertGe(vault.convertToAssets(1e12), share, "her premium is cash: it stays with the lenders, none leaves");
        pool.impair(1);
        assertEq(pool.upside(1), fresh - low);
        // what her shares are worth at the corrected entry price: she lost deposit x stale / (entry assets +
        // deposit), always less than the stale part
        uint256 worth = shares * (vault.entryAssets() + 1) / (vault.totalSupply() + 1e6);
        uint256 stale = up - (fresh - low);
        console.log("stale upside / eve overcharged (USDT 1e-6)", stale, 100_000e6 - worth);
        assertLt(100_000e6 - worth, stale, "never more than the stale part");
        assertEq(lens.pendingUpsides().loanIds.length, 0);
    }

    /// A hostile price reporter's one-round spike records no upside (the lower of the two latest rounds
    /// counts); confirmed, it raises the upside at most to the debt, and only the entry price: the share
    /// price, withdrawals and the vault's assets do not move.
    function test_Attack_OneRoundSpikeCannotLiftTheSharePrice() public {
        uint256 book = _impairedLoan();
        uint256 assets = vault.totalAssets();
        uint256 share = vault.convertToAssets(1e12);
        uint256 lenderCanTake = vault.maxWithdraw(lender);
        vm.prank(owner);
        btcFeed.setPrice(30_000e8); // one unconfirmed round, within the jump bound
        assertGt(_value(1), book, "the liquidation side sees the spike");
        vm.expectPartialRevert(LoanPool.NothingToMarkDown.selector);
        pool.impair(1);
        assertEq(pool.upside(1), 0, "the upside takes the lower round: nothing until a second round confirms");
        assertEq(lens.pendingUpsides().loanIds.length, 0, "and the lens lists nothing");
        vm.prank(owner);
        btcFeed.setPrice(30_000e8);
        pool.impair(1);
        assertGt(pool.upside(1), 0);
        assertLe(book + pool.upside(1), pool.debtOf(1), "capped at what is owed");
        assertEq(vault.totalAssets(), assets);
        assertEq(vault.convertToAssets(1e12), share);
        assertEq(vault.maxWithdraw(lender), lenderCanTake);
    }

    /// A price that is stale blocks the mark-down like every other price path.
    function test_MarkDown_StalePriceBlocks() public {
        _impairedLoan();
        _crashTo(8_000e8);
        _setMaxAge(BTC, AggregatorV3Interface(address(btcFeed)), 1 hours);
        vm.warp(block.timestamp + 2 hours);
        vm.expectPartialRevert(LoanPool.StalePrice.selector);
        pool.impair(1);
    }

    // ================================================================ sandwiches

    /// Deposit before the mark-down, withdraw after: the depositor pays its share of the loss, takes nothing.
    /// Deposit after the mark-down, withdraw: par, nothing to take either.
    function test_Attack_DepositMarkDownWithdrawSandwichTakesNothing() public {
        _impairedLoan();
        _crashTo(8_000e8);
        address eve = makeAddr("eve");
        vm.prank(owner);
        usdt.mint(eve, 200_000e6);
        uint256 start = usdt.balanceOf(eve);
        uint256 lenderBefore = vault.convertToAssets(vault.balanceOf(lender));

        uint256 shares = _deposit(eve, 100_000e6);
        pool.impair(1);
        vm.prank(eve);
        vault.redeem(shares, eve, eve);
        uint256 lost = start - usdt.balanceOf(eve);
        uint256 lenderAfter = vault.convertToAssets(vault.balanceOf(lender));
        console.log("eve deposited 100,000 before the mark-down and lost (USDT 1e-6)", lost);
        console.log("the lender who stayed lost", lenderBefore - lenderAfter);
        assertGt(lost, 0, "a depositor ahead of the mark-down shares the loss");

        // after the mark-down: deposit and withdraw at once returns what was put in (rounding down only)
        uint256 mid = usdt.balanceOf(eve);
        shares = _deposit(eve, 100_000e6);
        vm.prank(eve);
        vault.redeem(shares, eve, eve);
        assertLe(usdt.balanceOf(eve), mid);
        assertGe(usdt.balanceOf(eve) + 1, mid);
    }

    /// The honest limit: a lender who withdraws in the window between a price fall and the mark-down exits at
    /// the old count and leaves the gap to the lenders who stay. The gap is the mark-down times the leaver's
    /// share, and it closes the moment anyone (a keeper, the Earn page's button) calls `impair`.
    function test_Attack_WithdrawBeforeMarkDownExitsAtTheOldCount() public {
        uint256 book = _impairedLoan();
        uint256 shares2 = _deposit(lender2, 100_000e6);
        _crashTo(8_000e8);
        uint256 value = _value(1);
        // what lender2's shares are worth once marked down
        uint256 snap = vm.snapshotState();
        pool.impair(1);
        uint256 fair = vault.previewRedeem(shares2);
        vm.revertToState(snap);
        uint256 before = usdt.balanceOf(lender2);
        vm.prank(lender2);
        vault.redeem(shares2, lender2, lender2);
        uint256 got = usdt.balanceOf(lender2) - before;
        console.log("mark-down pending (USDT 1e-6)", book - value);
        console.log("lender2 exits ahead of it with / fair / edge", got, fair, got - fair);
        assertGt(got, fair);
        assertApproxEqAbs(got - fair, (book - value) * shares2 / (shares2 + vault.balanceOf(lender)), 2, "its share of the gap");
        assertLt(got - fair, book - value, "never more than the gap itself");
        // once marked down, the same exit pays the lower price
        uint256 lenderShares = vault.balanceOf(lender);
        uint256 quoted = vault.previewRedeem(lenderShares);
        pool.impair(1);
        assertApproxEqAbs(vault.previewRedeem(lenderShares), quoted - (book - value), 2, "the stayer carries the whole mark-down");
    }

    // ================================================================ hostile owner, one-round dips

    /// The owner cannot raise a marked-down count (no setter; impair refuses), and cannot mark an open loan
    /// down through the parameters: a loan is valued with the terms it was opened with.
    function test_Attack_HostileOwnerCannotMoveTheCount() public {
        uint256 book = _impairedLoan();
        vm.startPrank(owner);
        pool.setCoinParams(BTC, _params(1000, 2000, 5000, 1));
        vm.stopPrank();
        assertEq(_value(1), _valueAtTerms(), "the loan's own haircut, not today's");
        vm.expectRevert(abi.encodeWithSelector(LoanPool.NothingToMarkDown.selector, 1, book, _value(1)));
        vm.prank(owner);
        pool.impair(1);
        (, uint192 b) = pool.impairment(1);
        assertEq(b, book);
    }

    function _valueAtTerms() internal view returns (uint256) {
        return pool.collateralOf(pool.loan(1).tokenIds, block.timestamp, 1, 2).value;
    }

    /// One round far below (unconfirmed) marks nothing down: the liquidation side takes the higher of the two
    /// latest rounds until a second round confirms the fall.
    function test_Attack_OneRoundDipMarksNothingDown() public {
        uint256 book = _impairedLoan();
        vm.prank(owner);
        btcFeed.setPrice(5_000e8);
        vm.expectPartialRevert(LoanPool.NothingToMarkDown.selector);
        pool.impair(1);
        vm.prank(owner);
        btcFeed.setPrice(5_000e8);
        pool.impair(1);
        (, uint192 b) = pool.impairment(1);
        assertLt(b, book);
    }

    // ================================================================ rounding

    /// Near a price of zero the collateral is worth a wei or none: the count follows it to the wei (1 -> 0),
    /// the totals stay exact, and a partial repayment and the write-off still work.
    function test_Rounding_MarkDownToWeiOfCollateral() public {
        _impairedLoan();
        _crashTo(15_000); // 0.00015 USD per BTC
        uint256 value = _value(1);
        assertEq(value, 1, "one wei of collateral");
        pool.impair(1);
        (, uint192 b) = pool.impairment(1);
        assertEq(b, 1);
        assertEq(pool.totalImpairedBook(), 1);
        _crashTo(1);
        assertEq(_value(1), 0);
        uint256 assets = vault.totalAssets();
        pool.impair(1);
        (, b) = pool.impairment(1);
        assertEq(b, 0);
        assertEq(vault.totalAssets(), assets - 1, "a mark-down of one wei");
        assertEq(pool.totalImpairedBook(), 0);
        assertEq(vault.totalAssets(), vault.idleCash() + pool.totalDebt());
        vm.expectRevert(abi.encodeWithSelector(LoanPool.NothingToMarkDown.selector, 1, 0, 0));
        pool.impair(1);
        // a partial repayment is cash: the count stays at most the remaining debt, the vault gains the cash
        assets = vault.totalAssets();
        _repay(bob, 1, 1e6);
        assertEq(vault.totalAssets(), assets + 1e6);
        vm.warp(block.timestamp + pool.writeOffDelay());
        vm.prank(owner);
        btcFeed.setPrice(1);
        assets = vault.totalAssets();
        pool.writeOff(1);
        assertEq(vault.totalAssets(), assets);
        assertEq(pool.totalImpairedBook(), 0);
    }

    // ================================================================ the lens: pending mark-downs, staleness

    /// The lens lists the loan before anyone marks it down, with the share price after; marking it down lands
    /// exactly there (same block). After a further fall the impaired loan is listed again at its book.
    function test_Lens_PendingMarkDownsAreWhatImpairDoes() public {
        uint256 id = _buy(bob, pBtc, 100);
        _borrow(bob, _one(id), 600e6, 7 days);
        LoanLens.PendingMarkDowns memory p = lens.pendingMarkDowns();
        assertEq(p.loanIds.length, 0, "a healthy loan is counted at its debt rightly");
        assertEq(p.sharePrice, vault.stats().sharePrice);
        _setPriceConfirmed(btcFeed, 20_000e8);
        p = lens.pendingMarkDowns();
        uint256 value = _value(1);
        assertEq(p.loanIds.length, 1);
        assertEq(p.loanIds[0], 1);
        assertEq(p.valueNow[0], pool.debtOf(1));
        assertEq(p.valueAfter[0], value);
        assertEq(p.totalAssets, vault.totalAssets());
        assertEq(p.totalAssetsAfter, vault.totalAssets() - (pool.debtOf(1) - value));
        assertLt(p.sharePriceAfter, p.sharePrice);
        pool.impair(1);
        assertEq(vault.totalAssets(), p.totalAssetsAfter);
        assertEq(vault.stats().sharePrice, p.sharePriceAfter, "the figure the lender saw");
        assertEq(lens.pendingMarkDowns().loanIds.length, 0);
        console.log("share price before / after the mark-down (USDT 1e-6 per share)", p.sharePrice, p.sharePriceAfter);

        _crashTo(8_000e8);
        p = lens.pendingMarkDowns();
        assertEq(p.loanIds.length, 1);
        assertEq(p.valueNow[0], value);
        assertEq(p.valueAfter[0], _value(1));
        pool.impair(1);
        assertEq(vault.stats().sharePrice, p.sharePriceAfter);
        // a rise lists nothing
        _setPriceConfirmed(btcFeed, 9_000e8);
        assertEq(lens.pendingMarkDowns().loanIds.length, 0);
    }

    /// On a stale price the lens does not revert: it says so, how old the price is and the feed's limit, and
    /// gives the figures at the feed's latest answer (the pool's own valuation); the pool refuses to act.
    function test_Lens_ReportsAStalePriceInsteadOfReverting() public {
        uint256 id = _buy(bob, pBtc, 100);
        _borrow(bob, _one(id), 600e6, 7 days);
        _setPriceConfirmed(btcFeed, 20_000e8);
        LoanLens.LoanDetail memory fresh = lens.loanDetails(_one(1))[0];
        LoanPool.Appraisal memory a = lens.appraisals(_one(id))[0];
        assertTrue(fresh.liquidatable);
        (,,, uint256 roundAt,) = btcFeed.latestRoundData();
        _setMaxAge(BTC, AggregatorV3Interface(address(btcFeed)), 1 hours);
        vm.warp(block.timestamp + 2 hours);

        LoanLens.LoanDetail memory d = lens.loanDetails(_one(1))[0];
        assertTrue(d.priceStale);
        assertFalse(d.liquidatable, "the pool cannot act on it");
        assertEq(d.priceUpdatedAt, roundAt);
        assertEq(d.maxPriceAge, 1 hours);
        assertEq(d.collateralValue, fresh.collateralValue, "valued at the latest answer, as the pool would");
        assertLt(d.healthFactor, 1e18);
        assertGt(d.debt, fresh.debt);

        (LoanPool.Appraisal[] memory list, bool[] memory stale) = lens.appraisalsAtLatest(_one(id));
        assertTrue(stale[0]);
        assertEq(list[0].value, a.value);
        assertEq(list[0].grossValue, a.grossValue);
        vm.expectPartialRevert(LoanPool.StalePrice.selector);
        lens.appraisals(_one(id));

        LoanLens.PendingMarkDowns memory p = lens.pendingMarkDowns();
        assertEq(p.loanIds.length, 0, "nobody can mark it down on a stale price");
        assertEq(p.blockedByStalePrice, 1);
        vm.expectPartialRevert(LoanPool.StalePrice.selector);
        pool.impair(1);
    }
}
