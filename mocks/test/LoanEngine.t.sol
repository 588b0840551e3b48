// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LoansBase} from "./LoansBase.t.sol";
import {LoanPool} from "../src/LoanPool.sol";
import {LoanAuctions} from "../src/LoanAuctions.sol";
import {LoanLens} from "../src/LoanLens.sol";
import {AggregatorV3Interface} from "../src/OracleAdapter.sol";

/// @notice Issue 13: liquidation auctions with redemption and surplus, honest bad debt, the projection rule,
/// rewards by day of pledge, upkeep, and the attacks an auditor would try.
contract LoanEngineTest is LoansBase {
    address internal bidder2 = makeAddr("bidder2");

    function setUp() public override {
        super.setUp();
        vm.prank(owner);
        usdt.mint(bidder2, 1_000_000e6);
        vm.prank(bidder2);
        usdt.approve(address(auctions), type(uint256).max);
        vm.prank(owner);
        usdt.mint(bob, 10_000e6);
        vm.prank(bob);
        usdt.approve(address(auctions), type(uint256).max);
    }

    function _btc(address who) internal returns (uint256) {
        return _buy(who, pBtc, 100);
    }

    /// bob borrows 600 on one BTC NFT for 7 days, then BTC crashes to `price`: liquidatable.
    function _crashedLoan(int256 price) internal returns (uint256 id) {
        id = _btc(bob);
        _borrow(bob, _one(id), 600e6, 7 days);
        _setPriceConfirmed(btcFeed, price);
        (bool ok,) = pool.isLiquidatable(1);
        assertTrue(ok);
    }

    // ================================================================ auction

    function test_Auction_BidsRefundsSurplusToBorrower() public {
        uint256 id = _crashedLoan(60_000e8);
        uint256 debt = pool.debtOf(1);
        uint256 value = lens.loanDetails(_one(1))[0].collateralValue;
        assertGt(value, debt);
        assertEq(auctions.minFirstBid(1), debt);
        vm.prank(liquidator);
        vm.expectRevert(abi.encodeWithSelector(LoanAuctions.BidTooLow.selector, debt - 1, debt));
        auctions.startAuction(1, debt - 1);
        uint256 assets = vault.totalAssets();
        vm.prank(liquidator);
        auctions.startAuction(1, debt);
        assertEq(vault.totalAssets(), assets, "a bid at the debt values the loan at its debt");
        assertEq(uint8(pool.loan(1).status), uint8(LoanPool.LoanStatus.InAuction));
        // the debt is frozen: no interest while in auction
        vm.warp(block.timestamp + 1 hours);
        assertEq(vault.totalAssets(), assets);
        uint256 min = auctions.minNextBid(1);
        assertEq(min, debt + (debt * 100 + 9_999) / 10_000);
        vm.prank(bidder2);
        vm.expectRevert(abi.encodeWithSelector(LoanAuctions.BidTooLow.selector, min - 1, min));
        auctions.bid(1, min - 1);
        uint256 liqBefore = usdt.balanceOf(liquidator);
        vm.prank(bidder2);
        auctions.bid(1, 700e6);
        assertEq(usdt.balanceOf(liquidator), liqBefore + debt, "outbid bidder refunded at once");
        assertEq(usdt.balanceOf(address(auctions)), 700e6);
        // redeem and bids after the end are refused; settle before the end is refused
        vm.expectRevert(abi.encodeWithSelector(LoanAuctions.AuctionNotOver.selector, T0 + 1 days));
        auctions.settle(1);
        vm.warp(T0 + 1 days);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(LoanAuctions.AuctionOver.selector, T0 + 1 days));
        auctions.redeem(1);
        vm.prank(liquidator);
        vm.expectRevert(abi.encodeWithSelector(LoanAuctions.AuctionOver.selector, T0 + 1 days));
        auctions.bid(1, 800e6);
        uint256 bobBefore = usdt.balanceOf(bob);
        uint256 idle = vault.idleCash();
        auctions.settle(1);
        assertEq(nft.ownerOf(id), bidder2);
        assertEq(usdt.balanceOf(bob), bobBefore + 700e6 - debt, "surplus to the borrower");
        assertEq(vault.idleCash(), idle + debt);
        assertEq(usdt.balanceOf(address(auctions)), 0);
        assertEq(auctions.totalBook(), 0);
        assertEq(pool.totalDebt(), 0);
        assertEq(uint8(pool.loan(1).status), uint8(LoanPool.LoanStatus.Liquidated));
    }

    function test_Auction_RedeemPaysPenaltyToFirstBidder() public {
        uint256 id = _crashedLoan(60_000e8);
        uint256 debt = pool.debtOf(1);
        vm.prank(liquidator);
        auctions.startAuction(1, debt);
        vm.prank(bidder2);
        auctions.bid(1, 800e6);
        uint256 penalty = debt * 200 / 10_000;
        assertEq(auctions.redeemAmount(1), debt + penalty);
        // front-running the redeem with a higher bid does not change what the borrower pays
        vm.prank(liquidator);
        auctions.bid(1, 900e6);
        assertEq(auctions.redeemAmount(1), debt + penalty);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(LoanAuctions.NotBorrower.selector, 1, carol));
        auctions.redeem(1);
        uint256 liq = usdt.balanceOf(liquidator);
        uint256 b2 = usdt.balanceOf(bidder2);
        uint256 idle = vault.idleCash();
        uint256 bobBefore = usdt.balanceOf(bob);
        vm.prank(bob);
        assertEq(auctions.redeem(1), debt + penalty);
        assertEq(nft.ownerOf(id), bob);
        assertEq(usdt.balanceOf(liquidator), liq + 900e6 + penalty, "highest bid back, penalty to the first bidder");
        assertEq(usdt.balanceOf(bidder2), b2);
        assertEq(usdt.balanceOf(bob), bobBefore - debt - penalty);
        assertEq(vault.idleCash(), idle + debt);
        assertEq(uint8(pool.loan(1).status), uint8(LoanPool.LoanStatus.Repaid));
        assertEq(auctions.liveCount(), 0);
        assertEq(pool.totalDebt(), 0);
    }

    function test_Auction_UnderwaterSellsAtValueShortfallWrittenOff() public {
        uint256 id = _crashedLoan(20_000e8);
        uint256 debt = pool.debtOf(1);
        uint256 value = lens.loanDetails(_one(1))[0].collateralValue;
        assertLt(value, debt);
        assertEq(auctions.minFirstBid(1), value);
        uint256 assets = vault.totalAssets();
        vm.prank(liquidator);
        auctions.startAuction(1, value);
        assertEq(vault.totalAssets(), assets - (debt - value), "share price shows the realistic recovery at once");
        vm.warp(block.timestamp + 1 days);
        uint256 settledAssets = vault.totalAssets();
        vm.expectEmit(address(pool));
        emit LoanPool.BadDebtWrittenOff(1, debt - value);
        auctions.settle(1);
        assertEq(vault.totalAssets(), settledAssets, "nothing more to lose at settlement");
        assertEq(pool.badDebtWrittenOff(), debt - value);
        assertEq(nft.ownerOf(id), liquidator);
        (uint256 bad, uint256 live,,) = lens.vaultRisk();
        assertEq(bad, debt - value);
        assertEq(live, 0);
    }

    function test_Auction_StalePriceBlocksStartImpairAndWriteOff() public {
        _crashedLoan(60_000e8);
        _setMaxAge(BTC, AggregatorV3Interface(address(btcFeed)), 1 hours);
        vm.warp(block.timestamp + 2 hours);
        vm.prank(liquidator);
        vm.expectPartialRevert(LoanPool.StalePrice.selector);
        auctions.startAuction(1, 1e30);
        vm.expectPartialRevert(LoanPool.StalePrice.selector);
        pool.impair(1);
        LoanLens.LoanDetail memory d = lens.loanDetails(_one(1))[0];
        assertTrue(d.priceStale, "the lens says why it cannot be liquidated");
        assertFalse(d.liquidatable);
    }

    // ================================================================ rewards by day of pledge

    function test_Rewards_PledgedDaysPostedLateGoToBorrower() public {
        uint256 id = _btc(bob);
        _borrow(bob, _one(id), 600e6, 7 days);
        _advanceAndPost(2);
        _advanceDays(4); // four pledged days not posted yet (operator lag)
        _setPriceConfirmed(btcFeed, 60_000e8);
        _liquidate(1);
        assertEq(nft.ownerOf(id), liquidator);
        uint256 bobBtc = wbtc.balanceOf(bob);
        // the operator posts the lagging days afterwards
        _postAll(BTC, BTC_OUT);
        (address holder,, uint256 owed) = rewards.lienOf(id);
        assertEq(holder, bob);
        assertGt(owed, 0);
        assertEq(rewards.accrued(id), 0, "nothing of the pledged days for the winner");
        rewards.claimLien(_one(id));
        assertEq(wbtc.balanceOf(bob), bobBtc + owed, "every pledged day is the borrower's");
        _advanceAndPost(2);
        assertGt(rewards.accrued(id), 0, "the winner earns from the day after the release");
    }

    // ================================================================ projection rule

    function testFuzz_ProjectionRule(uint256 amount, uint256 duration) public {
        uint256 id = _btc(bob);
        uint256 maxDur = lens.maxDuration(_one(id));
        duration = bound(duration, 1 days, maxDur);
        amount = bound(amount, 1e6, pool.maxBorrow(_one(id)));
        uint256 dueHf = lens.preview(_one(id), amount, block.timestamp + duration, 0).dueHealthFactor;
        vm.startPrank(bob);
        nft.setApprovalForAll(address(pool), true);
        if (dueHf < 1.05e18) {
            vm.expectPartialRevert(LoanPool.DueHealthTooLow.selector);
            pool.borrow(_one(id), amount, duration);
        } else {
            pool.borrow(_one(id), amount, duration);
            assertGe(lens.projectedHealthFactor(1, block.timestamp + duration), 1.05e18 - 1e12);
        }
        vm.stopPrank();
    }

    function test_ProjectionRule_LongestAndLargest() public {
        uint256 id = _btc(bob);
        uint256 longest = lens.longestSafeDuration(_one(id), 600e6);
        assertGt(longest, 0);
        _approveAll(bob);
        vm.prank(bob);
        vm.expectPartialRevert(LoanPool.DueHealthTooLow.selector);
        pool.borrow(_one(id), 600e6, longest + 1 days);
        uint256 largest = lens.largestSafeAmount(_one(id), 20 days);
        vm.prank(bob);
        vm.expectPartialRevert(LoanPool.DueHealthTooLow.selector);
        pool.borrow(_one(id), largest + 1e6, 20 days);
        vm.prank(bob);
        pool.borrow(_one(id), 600e6, longest);
    }

    function _approveAll(address who) internal {
        vm.prank(who);
        nft.setApprovalForAll(address(pool), true);
    }

    // ================================================================ upkeep

    function test_Upkeep_AddWithdrawExtendRefinance() public {
        // two halves of the wallet cap: each 641.25 USDT after haircut, threshold value 448.9
        uint256 a = _buy(bob, pBtc, 50);
        uint256 b = _buy(bob, pBtc, 50);
        _borrow(bob, _one(a), 300e6, 7 days);
        uint256 hf = pool.healthFactor(1);
        vm.prank(bob);
        pool.addCollateral(1, _one(b));
        assertEq(nft.ownerOf(b), address(pool));
        assertApproxEqRel(pool.healthFactor(1), hf * 2, 0.001e18);
        // the extension on two NFTs is safe; one NFT alone would not be at the new due date
        vm.prank(bob);
        pool.extend(1, T0 + 10 days);
        assertEq(pool.loan(1).due, T0 + 10 days);
        assertEq(pool.loan(1).liquidatableAfter, T0 + 13 days);
        vm.prank(bob);
        vm.expectPartialRevert(LoanPool.DueHealthTooLow.selector);
        pool.withdrawCollateral(1, _one(b));
        vm.prank(bob);
        vm.expectPartialRevert(LoanPool.DueHealthTooLow.selector);
        pool.extend(1, T0 + 25 days);
        // repay two thirds, then one NFT is enough
        _repay(bob, 1, 200e6);
        vm.prank(bob);
        pool.withdrawCollateral(1, _one(b));
        assertEq(nft.ownerOf(b), bob);
        assertEq(pool.loan(1).tokenIds, _one(a));
        // refinance: a new loan on the same NFT repays the old in one transaction
        uint256 debt = pool.debtOf(1);
        uint256 bobUsdt = usdt.balanceOf(bob);
        uint256 assets = vault.totalAssets();
        vm.prank(bob);
        uint256 newId = pool.refinance(1, 150e6, 10 days);
        assertEq(uint8(pool.loan(1).status), uint8(LoanPool.LoanStatus.Repaid));
        assertEq(pool.loanOfToken(a), newId);
        assertEq(usdt.balanceOf(bob), bobUsdt + 150e6 - debt);
        assertEq(pool.loan(newId).due, block.timestamp + 10 days);
        assertEq(nft.ownerOf(a), address(pool));
        assertApproxEqAbs(vault.totalAssets(), assets, 1, "refinancing moves no value");
    }

    function test_Upkeep_OnlyBorrower() public {
        uint256 a = _btc(bob);
        _borrow(bob, _one(a), 100e6, 7 days);
        vm.startPrank(carol);
        vm.expectRevert(abi.encodeWithSelector(LoanPool.NotBorrower.selector, 1, carol));
        pool.withdrawCollateral(1, _one(a));
        vm.expectRevert(abi.encodeWithSelector(LoanPool.NotBorrower.selector, 1, carol));
        pool.extend(1, T0 + 10 days);
        vm.expectRevert(abi.encodeWithSelector(LoanPool.NotBorrower.selector, 1, carol));
        pool.refinance(1, 100e6, 7 days);
        vm.stopPrank();
    }

    // ================================================================ attacks

    function test_Attack_HostileOwnerCannotTouchAuctionFunds() public {
        _crashedLoan(60_000e8);
        uint256 debt = pool.debtOf(1);
        vm.prank(liquidator);
        auctions.startAuction(1, debt);
        // the owner can only set bounded parameters: a 5% penalty cap, a 60 s minimum duration
        vm.startPrank(owner);
        vm.expectPartialRevert(LoanAuctions.ParamOutOfBounds.selector);
        auctions.setParams(LoanAuctions.Params({duration: 1 days, extension: 0, minStepBps: 100, penaltyBps: 501}));
        vm.expectPartialRevert(LoanAuctions.ParamOutOfBounds.selector);
        auctions.setParams(LoanAuctions.Params({duration: 59, extension: 0, minStepBps: 100, penaltyBps: 0}));
        vm.expectRevert(abi.encodeWithSelector(LoanPool.AuctionsAlreadySet.selector));
        pool.setAuctions(owner);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(LoanPool.NotAuctions.selector, address(this)));
        pool.onAuctionEnd(1, address(this), 0, 0, false);
    }

    function test_Attack_LateBidExtendsNoSniping() public {
        _crashedLoan(60_000e8);
        uint256 debt = pool.debtOf(1);
        vm.prank(liquidator);
        auctions.startAuction(1, debt);
        vm.warp(T0 + 1 days - 1);
        vm.prank(bidder2);
        auctions.bid(1, 700e6);
        assertEq(auctions.auctionOf(1).endsAt, T0 + 1 days - 1 + 10 minutes);
    }

    function test_Attack_HealthyLoanCannotBeAuctioned() public {
        uint256 id = _btc(bob);
        _borrow(bob, _one(id), 100e6, 7 days);
        vm.prank(liquidator);
        vm.expectPartialRevert(LoanPool.LoanNotLiquidatable.selector);
        auctions.startAuction(1, 1e30);
    }

    // ================================================================ honest share price

    /// An under-water loan, impaired or in an auction below its debt, never lifts the share price, whatever
    /// the time and the price afterwards; the vault's assets are its cash plus what the pool assigns to loans.
    function testFuzz_SharePriceNeverRisesWhileUnderwater(uint256 dt, uint256 price, bool auction) public {
        dt = bound(dt, 1, 20 days);
        price = bound(price, 1_000e8, 90_000e8);
        uint256 id = _crashedLoan(20_000e8);
        uint256 value = lens.loanDetails(_one(1))[0].collateralValue;
        if (auction) {
            vm.prank(liquidator);
            auctions.startAuction(1, value);
        } else {
            pool.impair(1);
        }
        uint256 share = vault.convertToAssets(1e12);
        assertEq(vault.totalAssets(), vault.idleCash() + pool.totalDebt());
        assertEq(pool.totalDebt(), value, "the loan is counted at what it can realistically return");
        vm.warp(block.timestamp + dt);
        _setPriceConfirmed(btcFeed, int256(price));
        assertLe(vault.convertToAssets(1e12), share, "no unpaid interest, no price move lifts it");
        assertEq(vault.totalAssets(), vault.idleCash() + pool.totalDebt());
        id;
    }

    /// The same price for lenders who leave and lenders who stay: the write-down is in totalAssets, and
    /// withdrawals pay at it.
    function test_SharePrice_ExitersAndStayersSeeTheSamePrice() public {
        _crashedLoan(20_000e8);
        pool.impair(1);
        uint256 shares = vault.balanceOf(lender);
        uint256 quoted = vault.convertToAssets(shares / 2);
        uint256 before = usdt.balanceOf(lender);
        vm.prank(lender);
        vault.redeem(shares / 2, lender, lender);
        assertEq(usdt.balanceOf(lender) - before, quoted);
        assertApproxEqAbs(vault.convertToAssets(shares - shares / 2), quoted, 1);
    }

    // ================================================================ the borrow index

    /// When the only open loan is impaired the index keeps running: the impaired borrower still owes interest
    /// (before, the index stopped with no performing debt and that borrower owed none), the vault does not
    /// count it (the share price stays flat), and a healthy loan opened later pays interest from its own start only.
    function test_Index_RunsWhileTheOnlyLoanIsImpaired_HealthyLoansFromTheirStart() public {
        _crashedLoan(20_000e8);
        pool.impair(1);
        assertEq(pool.totalScaledDebt(), 0, "no performing debt left");
        uint256 debt0 = pool.debtOf(1);
        uint256 assets0 = vault.totalAssets();
        vm.warp(block.timestamp + 30 days);
        _postAll(BTC, BTC_OUT);
        uint256 owed = debt0 + debt0 * pool.borrowRate() * 30 days / (1e18 * 365 days);
        assertApproxEqAbs(pool.debtOf(1), owed, 2, "the impaired borrower owes 30 days of interest at the rate");
        assertGt(pool.debtOf(1), debt0);
        assertEq(vault.totalAssets(), assets0, "interest the vault does not count never lifts the share price");

        // alice borrows now: her debt starts at what she took, whatever the index did before
        uint256 id = _btc(alice);
        _borrow(alice, _one(id), 100e6, 7 days);
        assertApproxEqAbs(pool.debtOf(2), 100e6, 1);
        uint256 rate = pool.borrowRate();
        uint256 assets1 = vault.totalAssets();
        vm.warp(block.timestamp + 5 days);
        uint256 interest = 100e6 * rate * 5 days / (1e18 * 365 days);
        assertApproxEqAbs(pool.debtOf(2), 100e6 + interest, 2, "a healthy loan accrues at the rate from its start");
        assertApproxEqAbs(vault.totalAssets(), assets1 + interest, 2, "only the healthy loan's interest counts");
    }

    /// Settling or redeeming moves cash into the vault; interest up to then accrues at the utilisation before
    /// (the auction house brings the index up to date first), so a healthy loan's debt does not jump back.
    function test_Index_AuctionCashDoesNotRewriteEarlierInterest() public {
        uint256 id = _btc(alice);
        _borrow(alice, _one(id), 300e6, 14 days);
        _borrow(bob, _one(_btc(bob)), 600e6, 7 days);
        _setPriceConfirmed(btcFeed, 60_000e8);
        (bool ok,) = pool.isLiquidatable(2);
        assertTrue(ok);
        uint256 debt = pool.debtOf(2);
        vm.prank(liquidator);
        auctions.startAuction(2, debt + 50e6);
        vm.warp(block.timestamp + 1 days);
        uint256 aliceDebt = pool.debtOf(1);
        auctions.settle(2);
        assertEq(pool.debtOf(1), aliceDebt, "the settlement's cash did not lower interest already owed");
    }

    // ================================================================ liens

    function test_Lien_PendingDaysBlockPledgingAgain() public {
        uint256 id = _btc(bob);
        _borrow(bob, _one(id), 600e6, 7 days);
        _advanceDays(2); // two pledged days unposted
        _setPriceConfirmed(btcFeed, 60_000e8);
        _liquidate(1);
        vm.startPrank(liquidator);
        nft.setApprovalForAll(address(pool), true);
        vm.expectRevert(abi.encodeWithSelector(LoanPool.LienPending.selector, id));
        pool.borrow(_one(id), 10e6, 2 days);
        vm.stopPrank();
        assertTrue(rewards.lienPending(id));
        _postAll(BTC, BTC_OUT);
        assertTrue(rewards.lienPending(id), "the day of the release is still the borrower's and not over");
        _advanceAndPost(1);
        assertFalse(rewards.lienPending(id));
        _setPriceConfirmed(btcFeed, 95_000e8);
        vm.prank(liquidator);
        pool.borrow(_one(id), 10e6, 2 days);
        // the old borrower is paid when anyone claims the lien, even with the NFT pledged again
        (, , uint256 owed) = rewards.lienOf(id);
        uint256 bobBtc = wbtc.balanceOf(bob);
        rewards.claimLien(_one(id));
        assertEq(wbtc.balanceOf(bob), bobBtc + owed);
    }

    // ================================================================ rounding at the edges

    function test_Rounding_TinyBidsStillStepAndBookNeverExceedsDebt() public {
        _crashedLoan(60_000e8);
        uint256 debt = pool.debtOf(1);
        vm.prank(liquidator);
        auctions.startAuction(1, debt);
        assertEq(auctions.totalBook(), debt);
        uint256 min = auctions.minNextBid(1);
        vm.prank(bidder2);
        auctions.bid(1, min);
        assertEq(auctions.totalBook(), debt, "a bid above the debt adds nothing to the vault's assets");
        assertEq(auctions.auctionOf(1).surplusToBorrower, auctions.auctionOf(1).highestBid - debt);
    }

    // ================================================================ staleness on every price path

    function test_Stale_BlocksWriteOffUntilAFreshRound() public {
        _crashedLoan(20_000e8);
        pool.impair(1);
        _setMaxAge(BTC, AggregatorV3Interface(address(btcFeed)), 1 hours);
        vm.warp(block.timestamp + 1 days);
        vm.expectPartialRevert(LoanPool.StalePrice.selector);
        pool.writeOff(1);
        vm.prank(owner);
        btcFeed.setPrice(20_000e8);
        pool.writeOff(1);
        assertEq(uint8(pool.loan(1).status), uint8(LoanPool.LoanStatus.WrittenOff));
    }

    function test_Stale_BlocksExtendWithdrawRefinanceNeverRepay() public {
        uint256 a = _buy(bob, pBtc, 50);
        uint256 b = _buy(bob, pBtc, 50);
        _borrow(bob, _pair(a, b), 100e6, 3 days);
        _setMaxAge(BTC, AggregatorV3Interface(address(btcFeed)), 1 hours);
        vm.warp(block.timestamp + 2 hours);
        vm.startPrank(bob);
        vm.expectPartialRevert(LoanPool.StalePrice.selector);
        pool.extend(1, block.timestamp + 4 days);
        vm.expectPartialRevert(LoanPool.StalePrice.selector);
        pool.withdrawCollateral(1, _one(b));
        vm.expectPartialRevert(LoanPool.StalePrice.selector);
        pool.refinance(1, 100e6, 3 days);
        vm.expectPartialRevert(LoanPool.StalePrice.selector);
        pool.borrowMore(1, 1e6);
        // adding collateral and repaying never need a price
        usdt.approve(address(pool), type(uint256).max);
        pool.repay(1, type(uint256).max);
        vm.stopPrank();
        assertEq(nft.ownerOf(a), bob);
    }
}
