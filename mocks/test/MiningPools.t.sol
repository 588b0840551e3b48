// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ProductSale} from "../src/ProductSale.sol";
import {MiningPools} from "../src/MiningPools.sol";
import {EarnBase} from "./EarnBase.t.sol";

contract MiningPoolsTest is EarnBase {
    address internal dave = makeAddr("dave");

    uint256 internal constant ETC_PRICE = 25e6;
    uint256 internal deadline;
    /// pEtc pool: 40 units (1,000 USDT) target, 60 units (1,500 USDT) hard cap, 10..600 USDT per member, 7 days
    uint256 internal poolId;

    function setUp() public override {
        super.setUp();
        deadline = block.timestamp + 7 days;
        vm.prank(carol);
        poolId = pools.createPool(pEtc, 40, 60, 10e6, 600e6, deadline);
    }

    function _status(uint256 id) internal view returns (MiningPools.Status) {
        return pools.statusOf(id);
    }

    function _info(uint256 id) internal view returns (MiningPools.Pool memory info) {
        (info,) = pools.pool(id);
    }

    // ---------------------------------------------------------------- create

    function test_createPool_storesAndEmits() public {
        uint256 dl = block.timestamp + 3 days;
        vm.expectEmit(address(pools));
        emit MiningPools.PoolCreated(1, alice, pBtc, 20, 30, 300e6, 450e6, 15e6, 100e6, dl);
        vm.prank(alice);
        uint256 id = pools.createPool(pBtc, 20, 30, 15e6, 100e6, dl);
        assertEq(id, 1);
        assertEq(pools.poolCount(), 2);

        (MiningPools.Pool memory p, MiningPools.Status s) = pools.pool(id);
        assertEq(uint8(s), uint8(MiningPools.Status.Open));
        assertEq(p.creator, alice);
        assertEq(p.productId, pBtc);
        assertEq(p.coin, BTC);
        assertEq(p.deadline, dl);
        assertEq(p.units, 20);
        assertEq(p.hardCapUnits, 30);
        assertEq(p.pricePerUnit, 15e6);
        assertEq(p.target, 300e6);
        assertEq(p.hardCap, 450e6);
        assertEq(p.minContribution, 15e6);
        assertEq(p.maxContribution, 100e6);
        assertEq(p.raised, 0);
        assertFalse(p.finalized);
        assertFalse(p.cancelled);

        (MiningPools.Pool[] memory all, MiningPools.Status[] memory ss) = pools.pools();
        assertEq(all.length, 2);
        assertEq(ss.length, 2);
        assertEq(all[0].target, 1_000e6);
        assertEq(all[0].hardCap, 1_500e6);
        assertEq(all[1].productId, pBtc);
    }

    function test_createPool_reverts() public {
        uint256 dl = block.timestamp + 1 days;
        vm.expectRevert(abi.encodeWithSelector(ProductSale.UnknownProduct.selector, 99));
        pools.createPool(99, 1, 1, 1, 1, dl);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.InvalidPool.selector, "units is zero"));
        pools.createPool(pEtc, 0, 1, 1, 1, dl);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.InvalidPool.selector, "hard cap below target"));
        pools.createPool(pEtc, 2, 1, 1, 1, dl);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.InvalidPool.selector, "contribution limits"));
        pools.createPool(pEtc, 2, 2, 0, 0, dl);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.InvalidPool.selector, "contribution limits"));
        pools.createPool(pEtc, 2, 2, 11e6, 10e6, dl);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.InvalidPool.selector, "minimum above target"));
        pools.createPool(pEtc, 2, 2, 50e6 + 1, 60e6, dl);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.InvalidPool.selector, "deadline passed"));
        pools.createPool(pEtc, 2, 2, 1, 60e6, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.InvalidPool.selector, "deadline after sale end"));
        pools.createPool(pEtc, 2, 2, 1, 60e6, T0 + 365 days + 1);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.InvalidPool.selector, "deadline after sale end"));
        pools.createPool(pEnded, 2, 2, 1, 60e6, dl);
        // pFil allows 20 units per wallet, and the pools contract is one wallet
        vm.expectRevert(abi.encodeWithSelector(MiningPools.InvalidPool.selector, "units not purchasable"));
        pools.createPool(pFil, 21, 21, 1, 1_000e6, dl);
        // pEtc has 500 units in supply
        vm.expectRevert(abi.encodeWithSelector(MiningPools.InvalidPool.selector, "units not purchasable"));
        pools.createPool(pEtc, 501, 501, 1, 1_000e6, dl);
        // a pool toward an upcoming sale is fine
        pools.createPool(pUpcoming, 10, 10, 1, 140e6, T0 + 20 days);
    }

    // ---------------------------------------------------------------- contribute

    function test_contribute_recordsMembers() public {
        _mint(usdt, alice, 700e6);
        vm.startPrank(alice);
        usdt.approve(address(pools), 700e6);
        vm.expectEmit(address(pools));
        emit MiningPools.Contributed(poolId, alice, 100e6, 100e6, 100e6);
        assertEq(pools.contribute(poolId, 100e6), 100e6);
        // top-ups below the minimum are fine once the member is above it
        assertEq(pools.contribute(poolId, 1), 1);
        vm.stopPrank();
        _contribute(bob, poolId, 50e6);

        assertEq(pools.contributionOf(poolId, alice), 100e6 + 1);
        assertEq(pools.contributionOf(poolId, bob), 50e6);
        assertEq(pools.contributionOf(poolId, carol), 0);
        assertEq(pools.memberCount(poolId), 2);
        address[] memory m = pools.members(poolId);
        assertEq(m.length, 2);
        assertEq(m[0], alice);
        assertEq(m[1], bob);
        assertEq(_info(poolId).raised, 150e6 + 1);
        assertEq(usdt.balanceOf(address(pools)), 150e6 + 1);
        assertEq(uint8(_status(poolId)), uint8(MiningPools.Status.Open));
        assertEq(pools.memberOf(poolId, alice).contribution, 100e6 + 1);
    }

    function test_contribute_reverts() public {
        _mint(usdt, alice, 10_000e6);
        vm.startPrank(alice);
        usdt.approve(address(pools), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.UnknownPool.selector, 5));
        pools.contribute(5, 10e6);
        vm.expectRevert(MiningPools.ZeroAmount.selector);
        pools.contribute(poolId, 0);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.BelowMinimum.selector, 10e6));
        pools.contribute(poolId, 10e6 - 1);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.AboveMaximum.selector, 600e6, 0));
        pools.contribute(poolId, 600e6 + 1);
        pools.contribute(poolId, 500e6);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.AboveMaximum.selector, 600e6, 500e6));
        pools.contribute(poolId, 100e6 + 1);
        vm.stopPrank();

        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.DeadlinePassed.selector, deadline));
        vm.prank(alice);
        pools.contribute(poolId, 10e6);
    }

    function test_contribute_trimmedAtHardCap_pullsOnlyAccepted() public {
        _contribute(alice, poolId, 600e6);
        _contribute(bob, poolId, 600e6);
        assertEq(uint8(_status(poolId)), uint8(MiningPools.Status.Succeeded));

        _mint(usdt, carol, 400e6);
        assertEq(pools.acceptable(poolId, carol, 400e6), 300e6);
        vm.startPrank(carol);
        usdt.approve(address(pools), 400e6);
        vm.expectEmit(address(pools));
        emit MiningPools.Contributed(poolId, carol, 300e6, 400e6, 1_500e6);
        assertEq(pools.contribute(poolId, 400e6), 300e6);
        vm.stopPrank();
        // the rest never left the wallet
        assertEq(usdt.balanceOf(carol), 100e6);
        assertEq(usdt.allowance(carol, address(pools)), 100e6);
        assertEq(pools.contributionOf(poolId, carol), 300e6);
        assertEq(_info(poolId).raised, 1_500e6);

        _mint(usdt, dave, 10e6);
        vm.startPrank(dave);
        usdt.approve(address(pools), 10e6);
        vm.expectRevert(MiningPools.HardCapReached.selector);
        pools.contribute(poolId, 10e6);
        vm.expectRevert(MiningPools.HardCapReached.selector);
        pools.acceptable(poolId, dave, 10e6);
        vm.stopPrank();
    }

    function test_contribute_trimBelowMinimumIsNotHeldAgainstMember() public {
        uint256 id = pools.createPool(pEtc, 40, 40, 10e6, 1_000e6, deadline);
        _contribute(alice, id, 995e6);
        // 5 USDT left, minimum 10: an offer of 10 is accepted and trimmed to 5
        assertEq(_contribute(bob, id, 10e6), 5e6);
        assertEq(usdt.balanceOf(bob), 5e6);
        assertEq(_info(id).raised, 1_000e6);
    }

    function test_contribute_afterFinalizeOrCancel_poolNotOpen() public {
        _contribute(alice, poolId, 600e6);
        _contribute(bob, poolId, 400e6);
        pools.finalize(poolId);
        _mint(usdt, carol, 10e6);
        vm.startPrank(carol);
        usdt.approve(address(pools), 10e6);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.PoolNotOpen.selector, poolId));
        pools.contribute(poolId, 10e6);
        vm.stopPrank();
    }

    function test_contributeWithPermit() public {
        _mint(usdt, alice, 250e6);
        uint256 dl = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                alice,
                address(pools),
                250e6,
                0,
                dl
            )
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(aliceKey, keccak256(abi.encodePacked("\x19\x01", usdt.DOMAIN_SEPARATOR(), structHash)));
        vm.prank(alice);
        assertEq(pools.contributeWithPermit(poolId, 250e6, dl, v, r, s), 250e6);
        assertEq(pools.contributionOf(poolId, alice), 250e6);
        assertEq(usdt.allowance(alice, address(pools)), 0);
    }

    // ---------------------------------------------------------------- finalize

    function test_finalize_buysAndSharesUnspentProRata() public {
        _contribute(alice, poolId, 600e6);
        _contribute(bob, poolId, 530_500_000);
        _contribute(dave, poolId, 100e6);
        uint256 raised = 1_230_500_000; // 49 units (1,225 USDT) and 5.5 USDT unspent
        uint256 expectedToken = nft.nextTokenId();

        vm.expectEmit(address(pools));
        emit MiningPools.PoolFinalized(poolId, expectedToken, 49, 1_225e6, 5_500_000);
        vm.prank(makeAddr("anyone"));
        uint256 tokenId = pools.finalize(poolId);

        assertEq(tokenId, expectedToken);
        assertEq(nft.ownerOf(tokenId), address(pools));
        (uint32 productId, uint8 coin, uint64 hashrate,,) = nft.positionOf(tokenId);
        assertEq(productId, pEtc);
        assertEq(coin, ETC);
        assertEq(hashrate, 49 * 100);
        assertEq(sale.boughtBy(pEtc, address(pools)), 49);
        assertEq(usdt.balanceOf(treasury), 1_225e6);
        assertEq(usdt.balanceOf(address(pools)), 5_500_000);
        assertEq(usdt.allowance(address(pools), address(sale)), 0);

        MiningPools.Pool memory p = _info(poolId);
        assertTrue(p.finalized);
        assertEq(p.tokenId, tokenId);
        assertEq(p.unitsBought, 49);
        assertEq(p.spent, 1_225e6);
        assertEq(uint8(_status(poolId)), uint8(MiningPools.Status.Finalized));

        vm.expectRevert(MiningPools.AlreadyFinalized.selector);
        pools.finalize(poolId);

        // unspent USDT, pro rata: floor(c x 5.5 / 1230.5)
        uint256 a = 600e6 * 5_500_000 / raised;
        uint256 b = 530_500_000 * uint256(5_500_000) / raised;
        uint256 d = 100e6 * 5_500_000 / raised;
        assertEq(pools.refundable(poolId, alice), a);
        vm.expectEmit(address(pools));
        emit MiningPools.UnspentClaimed(poolId, alice, a);
        vm.prank(alice);
        assertEq(pools.claimUnspent(poolId), a);
        vm.prank(bob);
        assertEq(pools.claimUnspent(poolId), b);
        vm.prank(dave);
        assertEq(pools.claimUnspent(poolId), d);
        assertEq(usdt.balanceOf(alice), a);
        assertEq(usdt.balanceOf(bob), b);
        assertEq(usdt.balanceOf(dave), d);
        assertLe(a + b + d, 5_500_000);
        assertLt(5_500_000 - (a + b + d), 3); // rounding dust stays, below one unit per member
        assertEq(usdt.balanceOf(address(pools)), 5_500_000 - (a + b + d));
        assertEq(pools.refundable(poolId, alice), 0);

        vm.expectRevert(MiningPools.NothingToClaim.selector);
        vm.prank(alice);
        pools.claimUnspent(poolId);
        vm.expectRevert(MiningPools.NothingToClaim.selector);
        vm.prank(carol);
        pools.claimUnspent(poolId);
        // refund is for failed pools only
        vm.expectRevert(abi.encodeWithSelector(MiningPools.NotFailed.selector, poolId));
        vm.prank(alice);
        pools.refund(poolId);
    }

    function test_finalize_exactMultiple_nothingUnspent() public {
        _contribute(alice, poolId, 600e6);
        _contribute(bob, poolId, 400e6);
        pools.finalize(poolId);
        assertEq(_info(poolId).unitsBought, 40);
        assertEq(usdt.balanceOf(address(pools)), 0);
        vm.expectRevert(MiningPools.NothingToClaim.selector);
        vm.prank(alice);
        pools.claimUnspent(poolId);
    }

    function test_finalize_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(MiningPools.UnknownPool.selector, 9));
        pools.finalize(9);
        _contribute(alice, poolId, 600e6);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.TargetNotReached.selector, 600e6, 1_000e6));
        pools.finalize(poolId);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.NotFinalized.selector, poolId));
        vm.prank(alice);
        pools.claimUnspent(poolId);
        // a pool that failed by the deadline can never be finalized
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.TargetNotReached.selector, 600e6, 1_000e6));
        pools.finalize(poolId);
    }

    function test_finalize_afterDeadlineOnceTargetReached() public {
        _contribute(alice, poolId, 600e6);
        _contribute(bob, poolId, 400e6);
        vm.warp(deadline + 3 days);
        assertEq(uint8(_status(poolId)), uint8(MiningPools.Status.Succeeded));
        vm.expectRevert(abi.encodeWithSelector(MiningPools.DeadlinePassed.selector, deadline));
        vm.prank(alice);
        pools.contribute(poolId, 1);
        pools.finalize(poolId);
        assertEq(uint8(_status(poolId)), uint8(MiningPools.Status.Finalized));
    }

    function test_finalize_limitedByWalletCap_buysWhatIsLeft() public {
        // pFil: 40 USDT per unit, 20 units per wallet; both pools share this contract's wallet cap
        uint256 dl = block.timestamp + 5 days;
        uint256 p1 = pools.createPool(pFil, 10, 20, 1, 1_000e6, dl);
        uint256 p2 = pools.createPool(pFil, 10, 10, 1, 1_000e6, dl);
        _contribute(alice, p1, 600e6); // 15 units
        _contribute(bob, p2, 300e6);
        _contribute(carol, p2, 100e6); // 10 units
        pools.finalize(p1);
        assertEq(sale.purchasable(pFil, address(pools)), 5);

        vm.expectEmit(address(pools));
        emit MiningPools.PoolFinalized(p2, nft.nextTokenId(), 5, 200e6, 200e6);
        pools.finalize(p2);
        assertEq(_info(p2).unitsBought, 5);
        vm.prank(bob);
        assertEq(pools.claimUnspent(p2), 150e6);
        vm.prank(carol);
        assertEq(pools.claimUnspent(p2), 50e6);

        // the wallet cap is used up: no new pool can target this product
        vm.expectRevert(abi.encodeWithSelector(MiningPools.InvalidPool.selector, "units not purchasable"));
        pools.createPool(pFil, 1, 1, 1, 100e6, dl);
    }

    function test_finalize_nothingPurchasable_cancelsAndRefunds() public {
        uint256 dl = block.timestamp + 5 days;
        uint256 p1 = pools.createPool(pFil, 20, 20, 1, 1_000e6, dl);
        uint256 p2 = pools.createPool(pFil, 1, 1, 1, 100e6, dl);
        _contribute(alice, p1, 800e6);
        _contribute(bob, p2, 40e6);
        pools.finalize(p1); // takes the whole wallet cap

        vm.expectEmit(address(pools));
        emit MiningPools.PoolCancelled(p2, 40e6);
        assertEq(pools.finalize(p2), 0);
        MiningPools.Pool memory p = _info(p2);
        assertTrue(p.cancelled);
        assertFalse(p.finalized);
        assertEq(uint8(_status(p2)), uint8(MiningPools.Status.Failed));

        vm.expectRevert(abi.encodeWithSelector(MiningPools.PoolNotOpen.selector, p2));
        pools.finalize(p2);
        _mint(usdt, carol, 40e6);
        vm.startPrank(carol);
        usdt.approve(address(pools), 40e6);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.PoolNotOpen.selector, p2));
        pools.contribute(p2, 40e6);
        vm.stopPrank();

        assertEq(pools.refundable(p2, bob), 40e6);
        vm.prank(bob);
        assertEq(pools.refund(p2), 40e6);
        assertEq(usdt.balanceOf(bob), 40e6);
    }

    function test_finalize_afterSaleEnded_cancels() public {
        vm.prank(owner);
        uint256 pShort = sale.addProduct(
            _product("short sale", ETC, 100, 10, 30, 25e6, 100, 0, T0 - 1 days, T0 + 10 days)
        );
        uint256 id = pools.createPool(pShort, 4, 4, 1, 100e6, T0 + 5 days);
        _contribute(alice, id, 100e6);
        vm.warp(T0 + 10 days);
        pools.finalize(id);
        assertEq(uint8(_status(id)), uint8(MiningPools.Status.Failed));
        vm.prank(alice);
        pools.refund(id);
        assertEq(usdt.balanceOf(alice), 100e6);
    }

    function test_finalize_upcomingSale_waitsForStart() public {
        uint256 id = pools.createPool(pUpcoming, 10, 10, 1, 140e6, T0 + 20 days);
        _contribute(alice, id, 140e6);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.SaleNotOpenYet.selector, T0 + 7 days));
        pools.finalize(id);
        assertEq(uint8(_status(id)), uint8(MiningPools.Status.Succeeded));
        vm.warp(T0 + 7 days);
        pools.finalize(id);
        assertEq(_info(id).unitsBought, 10);
    }

    function test_onERC721Received_refusesOtherNfts() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.UnexpectedNft.selector, address(nft), alice));
        vm.prank(alice);
        nft.safeTransferFrom(alice, address(pools), tokenId);
    }

    // ---------------------------------------------------------------- failure and refund

    function test_refund_failedPool_exactContributions() public {
        _contribute(alice, poolId, 300e6);
        _contribute(bob, poolId, 200e6);
        _contribute(alice, poolId, 1);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.NotFailed.selector, poolId));
        vm.prank(alice);
        pools.refund(poolId);
        assertEq(pools.refundable(poolId, alice), 0);

        vm.warp(deadline);
        assertEq(uint8(_status(poolId)), uint8(MiningPools.Status.Failed));
        assertEq(pools.refundable(poolId, alice), 300e6 + 1);

        vm.expectEmit(address(pools));
        emit MiningPools.Refunded(poolId, alice, 300e6 + 1);
        vm.prank(alice);
        assertEq(pools.refund(poolId), 300e6 + 1);
        vm.prank(bob);
        assertEq(pools.refund(poolId), 200e6);
        assertEq(usdt.balanceOf(alice), 300e6 + 1);
        assertEq(usdt.balanceOf(bob), 200e6);
        assertEq(usdt.balanceOf(address(pools)), 0);
        assertEq(_info(poolId).returned, 500e6 + 1);

        vm.expectRevert(MiningPools.NothingToRefund.selector);
        vm.prank(alice);
        pools.refund(poolId);
        vm.expectRevert(MiningPools.NothingToRefund.selector);
        vm.prank(carol);
        pools.refund(poolId);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.UnknownPool.selector, 3));
        pools.refund(3);
    }

    function test_refund_notFailedWhenSucceededOrFinalized() public {
        _contribute(alice, poolId, 600e6);
        _contribute(bob, poolId, 400e6);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.NotFailed.selector, poolId));
        vm.prank(alice);
        pools.refund(poolId);
        pools.finalize(poolId);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.NotFailed.selector, poolId));
        vm.prank(alice);
        pools.refund(poolId);
    }

    // ---------------------------------------------------------------- rewards

    function test_rewards_proRata() public {
        _contribute(alice, poolId, 600e6);
        _contribute(bob, poolId, 300e6);
        _contribute(dave, poolId, 100e6);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.NotFinalized.selector, poolId));
        vm.prank(alice);
        pools.claimRewards(poolId);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.NotFinalized.selector, poolId));
        pools.harvest(poolId);
        assertEq(pools.pendingRewards(poolId, alice), 0);

        uint256 tokenId = pools.finalize(poolId); // 40 units = 4,000 MH/s, earning from tomorrow
        assertEq(pools.harvest(poolId), 0); // nothing accrued yet
        _advanceDays(11);
        _postAll(ETC, ETC_OUT);
        uint256 accrued = rewards.accrued(tokenId);
        assertEq(accrued, 10 * 4_000 * 1e14); // 10 whole days x 4,000 MH/s x 1e-4 ETC
        assertEq(pools.pendingRewards(poolId, alice), accrued * 6 / 10);
        assertEq(pools.pendingRewards(poolId, bob), accrued * 3 / 10);
        assertEq(pools.pendingRewards(poolId, carol), 0);

        vm.expectEmit(address(pools));
        emit MiningPools.RewardsHarvested(poolId, ETC, accrued);
        vm.expectEmit(address(pools));
        emit MiningPools.RewardsClaimed(poolId, alice, ETC, accrued * 6 / 10);
        vm.prank(alice);
        assertEq(pools.claimRewards(poolId), accrued * 6 / 10);
        assertEq(etc.balanceOf(alice), accrued * 6 / 10);
        assertEq(_info(poolId).rewardsReceived, accrued);
        // harvested already: bob's share is waiting in the contract
        assertEq(pools.pendingRewards(poolId, bob), accrued * 3 / 10);

        vm.expectRevert(MiningPools.NothingToClaim.selector);
        vm.prank(alice);
        pools.claimRewards(poolId);
        vm.expectRevert(MiningPools.NothingToClaim.selector);
        vm.prank(carol);
        pools.claimRewards(poolId);

        // more days; anyone may harvest, members claim whenever
        _advanceDays(5);
        _postAll(ETC, ETC_OUT);
        uint256 more = rewards.accrued(tokenId);
        vm.prank(carol);
        assertEq(pools.harvest(poolId), more);
        uint256 total = accrued + more;
        vm.prank(bob);
        assertEq(pools.claimRewards(poolId), total * 3 / 10);
        vm.prank(dave);
        assertEq(pools.claimRewards(poolId), total * 1 / 10);
        vm.prank(alice);
        assertEq(pools.claimRewards(poolId), total * 6 / 10 - accrued * 6 / 10);

        MiningPools.Pool memory p = _info(poolId);
        assertEq(p.rewardsReceived, total);
        assertEq(p.rewardsPaid, etc.balanceOf(alice) + etc.balanceOf(bob) + etc.balanceOf(dave));
        assertLe(p.rewardsPaid, p.rewardsReceived);
        assertEq(etc.balanceOf(address(pools)), p.rewardsReceived - p.rewardsPaid);
        assertEq(pools.memberOf(poolId, bob).rewardsPaid, total * 3 / 10);
    }

    function test_rewards_wholeTermPaidOut() public {
        _contribute(alice, poolId, 600e6);
        _contribute(bob, poolId, 400e6);
        uint256 tokenId = pools.finalize(poolId);
        _advanceDays(120); // past the 90-day term
        _postAll(ETC, ETC_OUT);
        uint256 accrued = rewards.accrued(tokenId);
        assertEq(accrued, 90 * 4_000 * 1e14);
        vm.prank(bob);
        pools.claimRewards(poolId);
        vm.prank(alice);
        pools.claimRewards(poolId);
        assertEq(etc.balanceOf(alice) + etc.balanceOf(bob), accrued);
    }

    // ---------------------------------------------------------------- views

    function test_views_unknownPool() public {
        vm.expectRevert(abi.encodeWithSelector(MiningPools.UnknownPool.selector, 1));
        pools.pool(1);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.UnknownPool.selector, 1));
        pools.memberCount(1);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.UnknownPool.selector, 1));
        pools.contributionOf(1, alice);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.UnknownPool.selector, 1));
        pools.pendingRewards(1, alice);
        vm.expectRevert(abi.encodeWithSelector(MiningPools.UnknownPool.selector, 1));
        pools.statusOf(1);
    }

    // ---------------------------------------------------------------- fuzz

    /// Four members with arbitrary contributions; rewards arrive over two rounds with members claiming in
    /// between in an arbitrary pattern. Every payout is floor(contribution x received / raised) in total, the
    /// sum never exceeds what was received, and the dust left is below one base unit per member. Same for the
    /// unspent USDT.
    function testFuzz_proRata(uint256[4] memory c, uint256 days1, uint256 days2, uint256 output, uint8 pattern)
        public
    {
        _fuzzMembers = [alice, bob, carol, dave];
        _fuzzPool = pools.createPool(pEtc, 1, 100, 1, 400e6, deadline);
        for (uint256 i; i < 4; ++i) {
            _fuzzC[i] = bound(c[i], i == 0 ? ETC_PRICE : 1, 400e6);
            _contribute(_fuzzMembers[i], _fuzzPool, _fuzzC[i]);
            _fuzzRaised += _fuzzC[i];
        }
        uint256 tokenId = pools.finalize(_fuzzPool);
        assertEq(_info(_fuzzPool).spent, _fuzzRaised - _fuzzRaised % ETC_PRICE);
        output = bound(output, 1, 1e20);

        _advanceDays(bound(days1, 1, 40));
        _postAll(ETC, output);
        _claimAll(pattern);
        _advanceDays(bound(days2, 0, 60));
        _postAll(ETC, output);
        pools.harvest(_fuzzPool);
        uint256 received = _info(_fuzzPool).rewardsReceived;
        assertEq(received, rewards.claimed(tokenId)); // everything the NFT ever paid
        assertEq(rewards.accrued(tokenId), 0);
        _claimAll(0xff);
        _checkRewards(received);
        _checkUnspent();
    }

    address[4] internal _fuzzMembers;
    uint256[4] internal _fuzzC;
    uint256 internal _fuzzRaised;
    uint256 internal _fuzzPool;

    function _claimAll(uint8 pattern) internal {
        for (uint256 i; i < 4; ++i) {
            address m = _fuzzMembers[i];
            uint256 pending = pools.pendingRewards(_fuzzPool, m);
            if ((pattern >> i) & 1 == 1 && pending > 0) {
                vm.prank(m);
                assertEq(pools.claimRewards(_fuzzPool), pending);
            }
        }
    }

    function _checkRewards(uint256 received) internal view {
        uint256 sum;
        for (uint256 i; i < 4; ++i) {
            uint256 got = etc.balanceOf(_fuzzMembers[i]);
            assertEq(got, _fuzzC[i] * received / _fuzzRaised);
            sum += got;
        }
        MiningPools.Pool memory p = _info(_fuzzPool);
        assertEq(p.rewardsReceived, received);
        assertEq(p.rewardsPaid, sum);
        assertLe(sum, received);
        assertLt(received - sum, 4);
        assertEq(etc.balanceOf(address(pools)), received - sum);
    }

    function _checkUnspent() internal {
        uint256 unspent = _fuzzRaised - _info(_fuzzPool).spent;
        uint256 back;
        for (uint256 i; i < 4; ++i) {
            uint256 share = _fuzzC[i] * unspent / _fuzzRaised;
            if (share > 0) {
                vm.prank(_fuzzMembers[i]);
                assertEq(pools.claimUnspent(_fuzzPool), share);
            }
            back += share;
        }
        assertLe(back, unspent);
        assertLt(unspent - back, 4);
        assertEq(usdt.balanceOf(address(pools)), unspent - back);
    }

    /// A failed pool refunds every contribution exactly, whatever the amounts and top-ups.
    function testFuzz_failedPoolRefundsExactly(uint256[4] memory c, uint256[4] memory topUp) public {
        address[4] memory who = [alice, bob, carol, dave];
        uint256 raised;
        for (uint256 i; i < 4; ++i) {
            c[i] = bound(c[i], 10e6, 200e6);
            topUp[i] = bound(topUp[i], 0, 40e6);
            _contribute(who[i], poolId, c[i]);
            if (topUp[i] > 0) _contribute(who[i], poolId, topUp[i]);
            raised += c[i] + topUp[i];
        }
        assertLt(raised, 1_000e6);
        vm.warp(deadline);
        for (uint256 i; i < 4; ++i) {
            vm.prank(who[i]);
            assertEq(pools.refund(poolId), c[i] + topUp[i]);
            assertEq(usdt.balanceOf(who[i]), c[i] + topUp[i]);
        }
        assertEq(usdt.balanceOf(address(pools)), 0);
        assertEq(_info(poolId).returned, raised);
    }
}
