// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Vm} from "forge-std/Vm.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Rewards, IRewardsReceiver} from "../src/Rewards.sol";
import {Base} from "./Base.t.sol";

contract RewardsAdminTest is Base {
    function test_constructor_setsGenesisAndOwner() public view {
        assertEq(rewards.genesis(), GENESIS);
        assertEq(rewards.owner(), owner);
        assertEq(address(rewards.nft()), address(nft));
        assertEq(rewards.PRECISION(), 1e6);
        assertEq(rewards.DAY(), 1 days);
    }

    function test_constructor_revertsWhenGenesisNotMidnight() public {
        vm.expectRevert(abi.encodeWithSelector(Rewards.GenesisNotMidnight.selector, GENESIS + 1));
        new Rewards(GENESIS + 1, owner);
        vm.expectRevert(abi.encodeWithSelector(Rewards.GenesisNotMidnight.selector, GENESIS + 12 hours));
        new Rewards(GENESIS + 12 hours, owner);
    }

    function test_setNft_revertsWhenAlreadySet() public {
        vm.expectRevert(Rewards.NftAlreadySet.selector);
        vm.prank(owner);
        rewards.setNft(address(0xBEEF));
    }

    function test_setNft_onceOnAFreshContract() public {
        Rewards r = new Rewards(GENESIS, owner);
        vm.prank(owner);
        r.setNft(address(nft));
        assertEq(address(r.nft()), address(nft));
    }

    function test_setNft_onlyOwner() public {
        Rewards r = new Rewards(GENESIS, owner);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, bob));
        vm.prank(bob);
        r.setNft(address(nft));
    }

    function test_setOperator_togglesAndEmits() public {
        vm.expectEmit(address(rewards));
        emit Rewards.OperatorSet(bob, true);
        vm.prank(owner);
        rewards.setOperator(bob, true);
        assertTrue(rewards.isOperator(bob));
        vm.prank(owner);
        rewards.setOperator(bob, false);
        assertFalse(rewards.isOperator(bob));
    }

    function test_setRegistrar_togglesAndEmits() public {
        vm.expectEmit(address(rewards));
        emit Rewards.RegistrarSet(bob, true);
        vm.prank(owner);
        rewards.setRegistrar(bob, true);
        assertTrue(rewards.isRegistrar(bob));
        assertTrue(rewards.isRegistrar(address(sale)));
        vm.prank(owner);
        rewards.setRegistrar(bob, false);
        assertFalse(rewards.isRegistrar(bob));
    }

    function test_adminFunctions_onlyOwner() public {
        bytes memory err = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator);
        vm.startPrank(operator);
        vm.expectRevert(err);
        rewards.setOperator(operator, true);
        vm.expectRevert(err);
        rewards.setRegistrar(operator, true);
        vm.expectRevert(err);
        rewards.addCoin(IERC20(address(wbtc)), address(btcFeed), "BTC2", "TH/s");
        vm.stopPrank();
    }

    function test_addCoin_appendsAndEmits() public {
        vm.expectEmit(address(rewards));
        emit Rewards.CoinAdded(3, address(wbtc), address(btcFeed), "BCH", "TH/s");
        vm.prank(owner);
        uint8 id = rewards.addCoin(IERC20(address(wbtc)), address(btcFeed), "BCH", "TH/s");
        assertEq(id, 3);
        assertEq(rewards.coinCount(), 4);
    }

    function test_coinViews_describeDeployedCoins() public view {
        assertEq(rewards.coinCount(), 3);
        Rewards.Coin[] memory all = rewards.coins();
        assertEq(all.length, 3);
        assertEq(address(all[BTC].token), address(wbtc));
        assertEq(all[BTC].priceFeed, address(btcFeed));
        assertEq(all[ETC].symbol, "ETC");
        assertEq(all[FIL].unit, "TiB");
        Rewards.Coin memory c = rewards.coinInfo(ETC);
        assertEq(address(c.token), address(etc));
        assertEq(c.postedDays, 0);
        assertEq(c.activeHashrate, 0);
        (string memory symbol, string memory unit) = rewards.coinLabels(BTC);
        assertEq(symbol, "BTC");
        assertEq(unit, "TH/s");
        (symbol, unit) = rewards.coinLabels(ETC);
        assertEq(symbol, "ETC");
        assertEq(unit, "MH/s");
    }

    function test_unknownCoin_revertsEverywhere() public {
        bytes memory err = abi.encodeWithSelector(Rewards.UnknownCoin.selector, uint256(3));
        vm.expectRevert(err);
        rewards.coinInfo(3);
        vm.expectRevert(err);
        rewards.coinLabels(3);
        vm.expectRevert(err);
        rewards.outputHistory(3, 0, 1);
        vm.expectRevert(err);
        rewards.trailingAverage(3, 1);
        vm.expectRevert(err);
        rewards.cumulativeOutput(3, 0);
        vm.expectRevert(err);
        vm.prank(operator);
        rewards.postOutput(3, _one(1));
        vm.expectRevert(err);
        vm.prank(address(sale));
        rewards.registerHashrate(3, 1, 20, 30);
    }

    function test_clock_daysCountFromGenesis() public {
        assertEq(rewards.currentDay(), START_DAY);
        assertEq(rewards.dayStart(0), GENESIS);
        assertEq(rewards.dayStart(11), GENESIS + 11 days);
        assertEq(rewards.dayOf(GENESIS - 5), 0);
        assertEq(rewards.dayOf(GENESIS), 0);
        assertEq(rewards.dayOf(GENESIS + 1 days - 1), 0);
        assertEq(rewards.dayOf(GENESIS + 1 days), 1);
        vm.warp(GENESIS + 42 days);
        assertEq(rewards.currentDay(), 42);
        vm.warp(GENESIS + 43 days - 1);
        assertEq(rewards.currentDay(), 42);
    }
}

contract RewardsRegisterAndPostTest is Base {
    function test_registerHashrate_revertsForNonRegistrar() public {
        vm.expectRevert(abi.encodeWithSelector(Rewards.NotRegistrar.selector, operator));
        vm.prank(operator);
        rewards.registerHashrate(BTC, 10, 11, 41);
    }

    function test_registerHashrate_revertsOnEmptyTerm() public {
        vm.startPrank(address(sale));
        vm.expectRevert(abi.encodeWithSelector(Rewards.EmptyTerm.selector, uint256(20), uint256(20)));
        rewards.registerHashrate(BTC, 10, 20, 20);
        vm.expectRevert(abi.encodeWithSelector(Rewards.EmptyTerm.selector, uint256(20), uint256(19)));
        rewards.registerHashrate(BTC, 10, 20, 19);
        vm.stopPrank();
    }

    function test_registerHashrate_revertsWhenStartAlreadyPosted() public {
        _postAll(BTC, BTC_OUT); // days 0..9 posted
        vm.expectRevert(abi.encodeWithSelector(Rewards.StartAlreadyPosted.selector, uint256(9), uint256(10)));
        vm.prank(address(sale));
        rewards.registerHashrate(BTC, 10, 9, 20);
        // the first unposted day is fine
        vm.prank(address(sale));
        rewards.registerHashrate(BTC, 10, 10, 20);
    }

    function test_registerHashrate_emitsAndCountsFromStartDay() public {
        vm.expectEmit(address(rewards));
        emit Rewards.HashrateRegistered(BTC, 70, 12, 14);
        vm.prank(address(sale));
        rewards.registerHashrate(BTC, 70, 12, 14);
        _advanceDays(10);
        uint256 funded = _post(BTC, _repeat(PRECISION, 16)); // days 0..15: 70 active on days 12 and 13 only
        assertEq(funded, 140);
        assertEq(rewards.coinInfo(BTC).activeHashrate, 0);
    }

    function test_postOutput_revertsForNonOperator() public {
        vm.expectRevert(abi.encodeWithSelector(Rewards.NotOperator.selector, bob));
        vm.prank(bob);
        rewards.postOutput(BTC, _one(1));
    }

    function test_postOutput_revertsOnEmptyList() public {
        vm.expectRevert(Rewards.NothingToPost.selector);
        vm.prank(operator);
        rewards.postOutput(BTC, new uint256[](0));
    }

    function test_postOutput_revertsForTodayOrLater() public {
        _postAll(BTC, BTC_OUT);
        vm.expectRevert(abi.encodeWithSelector(Rewards.DayNotOver.selector, uint256(10), uint256(10)));
        vm.prank(operator);
        rewards.postOutput(BTC, _one(BTC_OUT));
    }

    function test_postOutput_revertsWhenBatchRunsIntoToday() public {
        // days 0..9 are over; posting 11 days would include today (day 10)
        vm.expectRevert(abi.encodeWithSelector(Rewards.DayNotOver.selector, uint256(10), uint256(10)));
        vm.prank(operator);
        rewards.postOutput(BTC, _repeat(BTC_OUT, 11));
        assertEq(rewards.coinInfo(BTC).postedDays, 0);
    }

    function test_postOutput_pullsExactlyActiveTimesOutputRoundedUp() public {
        _buy(alice, pBtc, 3); // 30 TH/s from day 11
        _buy(bob, pBtc, 1); // 10 TH/s from day 11
        _advanceDays(1);
        uint256 opBefore = wbtc.balanceOf(operator);

        // days 0..10: nothing active, nothing funded
        assertEq(_post(BTC, _repeat(BTC_OUT, 11)), 0);
        assertEq(wbtc.balanceOf(address(rewards)), 0);

        _advanceDays(1);
        uint256 out = 33_333_333; // 33.333333 sat per TH/s: 40 x 33.333333 = 1333.33332 -> 1334
        vm.expectEmit(address(rewards));
        emit Rewards.OutputPosted(BTC, 11, out, 40, 1334);
        uint256 funded = _post(BTC, _one(out));
        assertEq(funded, 1334);
        assertEq(wbtc.balanceOf(address(rewards)), 1334);
        assertEq(opBefore - wbtc.balanceOf(operator), 1334);

        Rewards.Coin memory c = rewards.coinInfo(BTC);
        assertEq(c.postedDays, 12);
        assertEq(c.activeHashrate, 40);
        assertEq(c.totalFunded, 1334);
        assertEq(c.totalClaimed, 0);
    }

    function test_postOutput_zeroOutputIsRefused_outageIsExplicitAndPaysNothing() public {
        _buy(alice, pBtc, 1);
        _advanceDays(2);
        uint256[] memory zeros = new uint256[](12);
        vm.prank(operator);
        vm.expectRevert(abi.encodeWithSelector(Rewards.ZeroOutput.selector, 0));
        rewards.postOutput(BTC, zeros);
        uint256 balance = wbtc.balanceOf(address(rewards));
        vm.expectEmit(address(rewards));
        emit Rewards.OutageDeclared(BTC, 0, operator);
        vm.prank(operator);
        rewards.postOutage(BTC, 12);
        assertEq(rewards.coinInfo(BTC).postedDays, 12);
        assertTrue(rewards.isOutage(BTC, 11));
        assertEq(rewards.accrued(1), 0);
        assertEq(wbtc.balanceOf(address(rewards)), balance, "an outage pulls nothing");
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Rewards.NotOperator.selector, bob));
        rewards.postOutage(BTC, 1);
    }

    function test_postOutput_coinsAreIndependent() public {
        _advanceDays(1);
        _postAll(BTC, BTC_OUT);
        assertEq(rewards.coinInfo(BTC).postedDays, 11);
        assertEq(rewards.coinInfo(ETC).postedDays, 0);
        _post(ETC, _one(ETC_OUT));
        assertEq(rewards.coinInfo(ETC).postedDays, 1);
    }
}

contract RewardsAccrualTest is Base {
    function test_accrual_dayOfPurchaseEarnsNothing() public {
        uint256 id = _buy(alice, pBtc, 3);
        _advanceDays(1); // day 11: day 10 (purchase day) is over
        _postAll(BTC, BTC_OUT);
        assertEq(rewards.coinInfo(BTC).postedDays, 11);
        assertEq(rewards.accrued(id), 0);
    }

    function test_accrual_startsTheNextDay() public {
        uint256 id = _buy(alice, pBtc, 3); // 30 TH/s
        _advanceDays(2);
        _postAll(BTC, BTC_OUT); // days 0..11
        assertEq(rewards.accrued(id), 30 * 50);
    }

    function test_accrual_stopsAtEndOfTerm() public {
        uint256 id = _buy(alice, pBtc, 3); // days 11..40
        _advanceDays(31);
        _postAll(BTC, BTC_OUT); // days 0..40
        assertEq(rewards.accrued(id), 30 * 50 * 30);
        _advanceDays(10);
        _postAll(BTC, BTC_OUT); // days 41..50: after the term
        assertEq(rewards.accrued(id), 30 * 50 * 30);
        assertEq(rewards.coinInfo(BTC).activeHashrate, 0);
    }

    function test_accrual_onlyForPostedDays() public {
        uint256 id = _buy(alice, pBtc, 1);
        _advanceDays(5);
        assertEq(rewards.accrued(id), 0);
        _post(BTC, _repeat(BTC_OUT, 12)); // days 0..11
        assertEq(rewards.accrued(id), 10 * 50);
    }

    function test_accrual_followsDailyOutputs() public {
        uint256 id = _buy(alice, pEtc, 2); // 200 MH/s from day 11
        _advanceDays(4);
        vm.prank(operator);
        rewards.postOutage(ETC, 11); // days 0-10: no output (outages)
        uint256[] memory outs = new uint256[](3);
        outs[0] = 1e20;
        outs[1] = 3e20;
        outs[2] = 7;
        _post(ETC, outs);
        // 200 x (1e20 + 3e20 + 7) / 1e6 = 8e16 + 0.0014 -> floor
        assertEq(rewards.accrued(id), 8e16);
    }

    function test_accrual_purchaseAtMidnightStartsNextDay() public {
        vm.warp(GENESIS + 20 days); // exactly the start of day 20
        uint256 id = _buy(alice, pBtc, 1);
        (,,, uint64 start, uint64 end) = nft.positionOf(id);
        assertEq(start, GENESIS + 21 days);
        assertEq(end, GENESIS + 51 days);
        _advanceDays(1);
        _postAll(BTC, BTC_OUT);
        assertEq(rewards.accrued(id), 0);
    }

    function test_balancesOf_reportsUnclaimedAndClaimed() public {
        uint256 a = _buy(alice, pBtc, 1);
        uint256 b = _buy(bob, pFil, 2);
        _advanceDays(3);
        _postAll(BTC, BTC_OUT);
        _postAll(FIL, FIL_OUT);
        _claim(alice, _one(a));
        uint256[] memory ids = new uint256[](2);
        ids[0] = a;
        ids[1] = b;
        (uint256[] memory unclaimed, uint256[] memory claimedSoFar) = rewards.balancesOf(ids);
        assertEq(unclaimed[0], 0);
        assertEq(claimedSoFar[0], 2 * 10 * 50);
        assertEq(unclaimed[1], 2 * 2 * 1e16);
        assertEq(claimedSoFar[1], 0);
        assertEq(rewards.claimed(a), 1000);
    }

    function test_accrued_revertsForNonexistentToken() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, uint256(99)));
        rewards.accrued(99);
    }
}

contract RewardsClaimTest is Base {
    function test_claim_revertsWithNoTokens() public {
        vm.expectRevert(Rewards.NoTokens.selector);
        vm.prank(alice);
        rewards.claim(new uint256[](0));
    }

    function test_claim_revertsForTokenOfSomeoneElse() public {
        uint256 id = _buy(alice, pBtc, 1);
        vm.expectRevert(abi.encodeWithSelector(Rewards.NotTokenOwner.selector, id, bob));
        vm.prank(bob);
        rewards.claim(_one(id));
    }

    function test_claim_revertsForNonexistentToken() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, uint256(7)));
        vm.prank(alice);
        rewards.claim(_one(7));
    }

    function test_claim_paysAccruedAndEmits() public {
        uint256 id = _buy(alice, pBtc, 3);
        _advanceDays(3);
        _postAll(BTC, BTC_OUT);
        vm.expectEmit(address(rewards));
        emit Rewards.Claimed(id, alice, BTC, 3000);
        uint256[] memory paid = _claim(alice, _one(id));
        assertEq(paid.length, 3);
        assertEq(paid[BTC], 3000);
        assertEq(wbtc.balanceOf(alice), 3000);
        assertEq(rewards.claimed(id), 3000);
        assertEq(rewards.accrued(id), 0);
        assertEq(rewards.coinInfo(BTC).totalClaimed, 3000);
    }

    function test_claim_secondClaimPaysOnlyNewDays() public {
        uint256 id = _buy(alice, pBtc, 1);
        _advanceDays(2);
        _postAll(BTC, BTC_OUT);
        _claim(alice, _one(id));
        assertEq(wbtc.balanceOf(alice), 500);

        vm.recordLogs();
        uint256[] memory paid = _claim(alice, _one(id)); // nothing new: no transfer, no event
        assertEq(paid[BTC], 0);
        assertEq(vm.getRecordedLogs().length, 0);

        _advanceDays(1);
        _postAll(BTC, BTC_OUT);
        _claim(alice, _one(id));
        assertEq(wbtc.balanceOf(alice), 1000);
    }

    function test_claim_manyTokensOfDifferentCoinsPaysEachCoinOnce() public {
        uint256[] memory ids = new uint256[](5);
        ids[0] = _buy(alice, pBtc, 1);
        ids[1] = _buy(alice, pEtc, 2);
        ids[2] = _buy(alice, pFil, 3);
        ids[3] = _buy(alice, pBtc, 4);
        ids[4] = _buy(alice, pFil, 1);
        _advanceDays(3);
        _postAll(BTC, BTC_OUT);
        _postAll(ETC, ETC_OUT);
        _postAll(FIL, FIL_OUT);

        uint256 btcDue = 2 * 5 * 10 * 50; // 2 days x 50 TH/s x 50 sat
        uint256 etcDue = 2 * 200 * 1e14;
        uint256 filDue = 2 * 4 * 1e16;

        vm.recordLogs();
        uint256[] memory paid = _claim(alice, ids);
        Vm.Log[] memory logs = vm.getRecordedLogs();

        assertEq(paid[BTC], btcDue);
        assertEq(paid[ETC], etcDue);
        assertEq(paid[FIL], filDue);
        assertEq(wbtc.balanceOf(alice), btcDue);
        assertEq(etc.balanceOf(alice), etcDue);
        assertEq(fil.balanceOf(alice), filDue);

        bytes32 transferSig = keccak256("Transfer(address,address,uint256)");
        uint256[3] memory transfers;
        uint256 claimedEvents;
        for (uint256 i; i < logs.length; ++i) {
            if (logs[i].topics[0] == transferSig) {
                assertEq(address(uint160(uint256(logs[i].topics[1]))), address(rewards));
                assertEq(address(uint160(uint256(logs[i].topics[2]))), alice);
                if (logs[i].emitter == address(wbtc)) ++transfers[BTC];
                else if (logs[i].emitter == address(etc)) ++transfers[ETC];
                else if (logs[i].emitter == address(fil)) ++transfers[FIL];
                else revert("unexpected transfer");
            } else if (logs[i].topics[0] == Rewards.Claimed.selector) {
                ++claimedEvents;
            }
        }
        assertEq(transfers[BTC], 1, "one BTC transfer");
        assertEq(transfers[ETC], 1, "one ETC transfer");
        assertEq(transfers[FIL], 1, "one FIL transfer");
        assertEq(claimedEvents, 5, "one Claimed event per token");
    }

    function test_claim_duplicateIdsInOneCallPayOnce() public {
        uint256 id = _buy(alice, pBtc, 1);
        _advanceDays(2);
        _postAll(BTC, BTC_OUT);
        uint256[] memory ids = new uint256[](3);
        ids[0] = id;
        ids[1] = id;
        ids[2] = id;
        uint256[] memory paid = _claim(alice, ids);
        assertEq(paid[BTC], 500);
        assertEq(wbtc.balanceOf(alice), 500);
    }

    function test_claim_rewardsTravelWithTransferredNft() public {
        uint256 id = _buy(alice, pBtc, 2); // 20 TH/s
        _advanceDays(4);
        _postAll(BTC, BTC_OUT); // days 11..13 earn: 3 x 1000
        _claim(alice, _one(id)); // alice takes 3000
        _advanceDays(2);
        _postAll(BTC, BTC_OUT); // days 14..15: 2000 left unclaimed on the token

        vm.prank(alice);
        nft.transferFrom(alice, bob, id);

        vm.expectRevert(abi.encodeWithSelector(Rewards.NotTokenOwner.selector, id, alice));
        vm.prank(alice);
        rewards.claim(_one(id));

        assertEq(rewards.accrued(id), 2000);
        _claim(bob, _one(id));
        assertEq(wbtc.balanceOf(alice), 3000);
        assertEq(wbtc.balanceOf(bob), 2000);
        assertEq(rewards.claimed(id), 5000);
    }

    function test_claim_gasDoesNotGrowWithElapsedDays() public {
        vm.prank(owner);
        uint256 pYear = sale.addProduct(_product("400 days", BTC, 10, 175, 400, 1e6, 100, 0, T0, T0 + 1 days));
        uint256 id = _buy(alice, pYear, 1);
        uint256[] memory ids = _one(id);
        _advanceDays(2);
        _postAll(BTC, BTC_OUT);
        uint256 snap = vm.snapshotState();

        vm.prank(alice);
        uint256 before = gasleft();
        rewards.claim(ids);
        uint256 after1Day = before - gasleft();

        vm.revertToState(snap);
        _advanceDays(364);
        _postAll(BTC, BTC_OUT);
        vm.prank(alice);
        before = gasleft();
        rewards.claim(ids);
        uint256 after365Days = before - gasleft();

        assertEq(wbtc.balanceOf(alice), 365 * 10 * 50);
        // O(1) accrual: a year of posted days adds nothing (an O(days) loop would add > 365 cold reads)
        assertApproxEqAbs(after365Days, after1Day, 100);
    }

    function test_claim_afterTermEndPaysWholeTerm() public {
        uint256 id = _buy(alice, pFil, 1); // 1 TiB, 180 days
        _advanceDays(400);
        _postAll(FIL, FIL_OUT);
        _claim(alice, _one(id));
        assertEq(fil.balanceOf(alice), 180 * 1e16);
    }
}

contract RewardsClaimIntoTest is Base {
    RecordingReceiver internal receiver;
    uint256 internal btcA;
    uint256 internal btcB;
    uint256 internal etcA;

    function setUp() public override {
        super.setUp();
        receiver = new RecordingReceiver(rewards);
        btcA = _buy(alice, pBtc, 1); // 10 TH/s
        btcB = _buy(alice, pBtc, 2); // 20 TH/s
        etcA = _buy(alice, pEtc, 1); // 100 MH/s
        _advanceDays(3);
        _postAll(BTC, BTC_OUT);
        _postAll(ETC, ETC_OUT);
    }

    function _ids(uint256 a, uint256 b) internal pure returns (uint256[] memory ids) {
        ids = new uint256[](2);
        (ids[0], ids[1]) = (a, b);
    }

    function test_claimInto_paysReceiverThenCallsBackWithHolder() public {
        vm.expectEmit(address(rewards));
        emit Rewards.Claimed(btcA, alice, BTC, 1000);
        vm.expectEmit(address(rewards));
        emit Rewards.Claimed(btcB, alice, BTC, 2000);
        vm.prank(alice);
        uint256 amount = rewards.claimInto(_ids(btcA, btcB), BTC, receiver, "deposit:30d");

        assertEq(amount, 3000);
        assertEq(wbtc.balanceOf(address(receiver)), 3000);
        assertEq(wbtc.balanceOf(alice), 0);
        assertEq(receiver.calls(), 1);
        assertEq(receiver.lastHolder(), alice);
        assertEq(receiver.lastCoin(), BTC);
        assertEq(receiver.lastAmount(), 3000);
        assertEq(receiver.balanceAtCallback(), 3000, "tokens arrive before the callback");
        assertEq(receiver.lastData(), bytes("deposit:30d"));
        assertEq(rewards.claimed(btcA), 1000);
        assertEq(rewards.claimed(btcB), 2000);
        assertEq(rewards.coinInfo(BTC).totalClaimed, 3000);
    }

    function test_claimInto_revertsOnMixedCoins() public {
        vm.expectRevert(abi.encodeWithSelector(Rewards.MixedCoins.selector, uint256(BTC), uint256(ETC)));
        vm.prank(alice);
        rewards.claimInto(_ids(btcA, etcA), BTC, receiver, "");
    }

    function test_claimInto_revertsWhenNothingToClaim() public {
        vm.prank(alice);
        rewards.claim(_one(btcA));
        vm.expectRevert(Rewards.NothingToClaim.selector);
        vm.prank(alice);
        rewards.claimInto(_one(btcA), BTC, receiver, "");
        // asking for another coin than the tokens mine: nothing of that coin
        vm.expectRevert(abi.encodeWithSelector(Rewards.MixedCoins.selector, uint256(FIL), uint256(BTC)));
        vm.prank(alice);
        rewards.claimInto(_one(btcB), FIL, receiver, "");
    }

    function test_claimInto_revertsWithNoTokensOrForeignToken() public {
        vm.expectRevert(Rewards.NoTokens.selector);
        vm.prank(alice);
        rewards.claimInto(new uint256[](0), BTC, receiver, "");
        vm.expectRevert(abi.encodeWithSelector(Rewards.NotTokenOwner.selector, btcA, bob));
        vm.prank(bob);
        rewards.claimInto(_one(btcA), BTC, receiver, "");
    }

    function test_claimInto_receiverCannotReenter() public {
        receiver.setReenter(_one(btcB));
        vm.expectRevert(ReentrancyGuard.ReentrancyGuardReentrantCall.selector);
        vm.prank(alice);
        rewards.claimInto(_one(btcA), BTC, receiver, "");
    }

    function test_claimInto_revertingReceiverUndoesTheClaim() public {
        receiver.setFail(true);
        vm.expectRevert(bytes("receiver refused"));
        vm.prank(alice);
        rewards.claimInto(_one(btcA), BTC, receiver, "");
        assertEq(rewards.accrued(btcA), 1000);
        assertEq(rewards.coinInfo(BTC).totalClaimed, 0);
    }
}

/// @dev Receiver for claimInto that records the callback; can revert or try to re-enter.
contract RecordingReceiver is IRewardsReceiver {
    Rewards internal immutable rewards;
    uint256 public calls;
    address public lastHolder;
    uint8 public lastCoin;
    uint256 public lastAmount;
    uint256 public balanceAtCallback;
    bytes public lastData;
    bool internal fail;
    uint256[] internal reenterIds;

    constructor(Rewards rewards_) {
        rewards = rewards_;
    }

    function setFail(bool f) external {
        fail = f;
    }

    function setReenter(uint256[] calldata ids) external {
        reenterIds = ids;
    }

    function onRewardsClaimed(address holder, uint8 coin, uint256 amount, bytes calldata data) external {
        require(msg.sender == address(rewards), "only rewards");
        if (fail) revert("receiver refused");
        if (reenterIds.length != 0) rewards.claim(reenterIds);
        ++calls;
        lastHolder = holder;
        lastCoin = coin;
        lastAmount = amount;
        lastData = data;
        balanceAtCallback = rewards.coinInfo(coin).token.balanceOf(address(this));
    }
}

contract RewardsHistoryTest is Base {
    function setUp() public override {
        super.setUp();
        // days 0..4 of ETC: 10, 20, 30, 40, 55
        _post(ETC, _five(10, 20, 30, 40, 55));
    }

    function _five(uint256 a, uint256 b, uint256 c, uint256 d, uint256 e) internal pure returns (uint256[] memory o) {
        o = new uint256[](5);
        (o[0], o[1], o[2], o[3], o[4]) = (a, b, c, d, e);
    }

    function test_outputHistory_returnsPostedDays() public view {
        uint256[] memory h = rewards.outputHistory(ETC, 1, 4);
        assertEq(h.length, 3);
        assertEq(h[0], 20);
        assertEq(h[1], 30);
        assertEq(h[2], 40);
    }

    function test_outputHistory_clipsToPostedDays() public view {
        uint256[] memory h = rewards.outputHistory(ETC, 3, 100);
        assertEq(h.length, 2);
        assertEq(h[0], 40);
        assertEq(h[1], 55);
    }

    function test_outputHistory_emptyRanges() public view {
        assertEq(rewards.outputHistory(ETC, 4, 4).length, 0);
        assertEq(rewards.outputHistory(ETC, 4, 2).length, 0);
        assertEq(rewards.outputHistory(ETC, 5, 9).length, 0);
        assertEq(rewards.outputHistory(BTC, 0, 9).length, 0);
    }

    function test_trailingAverage_overLastPostedDays() public view {
        assertEq(rewards.trailingAverage(ETC, 1), 55);
        assertEq(rewards.trailingAverage(ETC, 2), 47); // (40 + 55) / 2 = 47.5, rounded down
        assertEq(rewards.trailingAverage(ETC, 5), 31); // 155 / 5
    }

    function test_trailingAverage_revertsWhenLookbackTooLongOrZero() public {
        vm.expectRevert(abi.encodeWithSelector(Rewards.LookbackTooLong.selector, uint256(6), uint256(5)));
        rewards.trailingAverage(ETC, 6);
        vm.expectRevert(abi.encodeWithSelector(Rewards.LookbackTooLong.selector, uint256(0), uint256(5)));
        rewards.trailingAverage(ETC, 0);
        vm.expectRevert(abi.encodeWithSelector(Rewards.LookbackTooLong.selector, uint256(1), uint256(0)));
        rewards.trailingAverage(BTC, 1);
    }

    function test_cumulativeOutput_sumsAndClips() public view {
        assertEq(rewards.cumulativeOutput(ETC, 0), 0);
        assertEq(rewards.cumulativeOutput(ETC, 1), 10);
        assertEq(rewards.cumulativeOutput(ETC, 3), 60);
        assertEq(rewards.cumulativeOutput(ETC, 5), 155);
        assertEq(rewards.cumulativeOutput(ETC, 1000), 155);
        assertEq(rewards.cumulativeOutput(FIL, 3), 0);
    }
}
