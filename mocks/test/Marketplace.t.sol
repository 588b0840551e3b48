// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC20Errors, IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Rewards} from "../src/Rewards.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {MarketplaceFixture} from "./utils/MarketplaceFixture.sol";
import {MarketplaceAttacker} from "./utils/MarketplaceAttacker.sol";
import {NonReceiverBuyer} from "./utils/NonReceiverBuyer.sol";
import {ReceiverBuyer} from "./utils/ReceiverBuyer.sol";

contract MarketplaceTest is MarketplaceFixture {
    address internal dave;
    uint256 internal daveKey;

    function setUp() public override {
        super.setUp();
        (dave, daveKey) = makeAddrAndKey("dave");
    }

    // ================================================================ constructor and admin

    function test_constructor_setsEverything() public view {
        assertEq(address(market.paymentToken()), address(usdt));
        assertEq(address(market.nft()), address(nft));
        assertEq(market.treasury(), treasury);
        assertEq(market.feeBps(), FEE_BPS);
        assertEq(market.owner(), owner);
        assertEq(market.MAX_FEE_BPS(), 500);
        assertEq(market.DEFAULT_DURATION(), 30 days);
        assertEq(market.MAX_DURATION(), 180 days);
        assertEq(market.listingCount(), 0);
    }

    function test_constructor_emitsInitialConfig() public {
        vm.expectEmit();
        emit Marketplace.TreasuryUpdated(address(0), treasury);
        vm.expectEmit();
        emit Marketplace.FeeUpdated(0, 300);
        new Marketplace(IERC20(address(usdt)), IERC721(address(nft)), treasury, 300, owner);
    }

    function test_constructor_acceptsMaxFee() public {
        Marketplace m = new Marketplace(IERC20(address(usdt)), IERC721(address(nft)), treasury, 500, owner);
        assertEq(m.feeBps(), 500);
    }

    function test_constructor_revertsFeeTooHigh() public {
        vm.expectRevert(abi.encodeWithSelector(Marketplace.FeeTooHigh.selector, 501, 500));
        new Marketplace(IERC20(address(usdt)), IERC721(address(nft)), treasury, 501, owner);
    }

    function test_constructor_revertsZeroAddresses() public {
        vm.expectRevert(Marketplace.ZeroAddress.selector);
        new Marketplace(IERC20(address(usdt)), IERC721(address(nft)), address(0), 250, owner);
        vm.expectRevert(Marketplace.ZeroAddress.selector);
        new Marketplace(IERC20(address(0)), IERC721(address(nft)), treasury, 250, owner);
        vm.expectRevert(Marketplace.ZeroAddress.selector);
        new Marketplace(IERC20(address(usdt)), IERC721(address(0)), treasury, 250, owner);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new Marketplace(IERC20(address(usdt)), IERC721(address(nft)), treasury, 250, address(0));
    }

    function test_setFeeBps_updatesAndEmits() public {
        vm.expectEmit(address(market));
        emit Marketplace.FeeUpdated(FEE_BPS, 500);
        vm.prank(owner);
        market.setFeeBps(500);
        assertEq(market.feeBps(), 500);

        vm.prank(owner);
        market.setFeeBps(0);
        assertEq(market.feeBps(), 0);
        assertEq(market.fee(1_000_000e6), 0);
    }

    function test_setFeeBps_revertsAboveCap() public {
        vm.prank(owner);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.FeeTooHigh.selector, 501, 500));
        market.setFeeBps(501);
    }

    function test_setFeeBps_revertsNotOwner() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        market.setFeeBps(100);
    }

    function test_setTreasury_updatesAndEmits() public {
        vm.expectEmit(address(market));
        emit Marketplace.TreasuryUpdated(treasury, carol);
        vm.prank(owner);
        market.setTreasury(carol);
        assertEq(market.treasury(), carol);

        (, uint256 id) = _listNew(alice, PRICE);
        _purchase(bob, id);
        assertEq(usdt.balanceOf(carol), 0.5e6, "fees go to the new treasury");
    }

    function test_setTreasury_revertsZero() public {
        vm.prank(owner);
        vm.expectRevert(Marketplace.ZeroAddress.selector);
        market.setTreasury(address(0));
    }

    function test_setTreasury_revertsNotOwner() public {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, bob));
        market.setTreasury(bob);
    }

    // ================================================================ list

    function test_list_storesListingAndEmitsPosition() public {
        uint256 tokenId = _buy(alice, pEtc, 3);
        _approveAll(alice);
        uint64 expiresAt = SafeCast.toUint64(block.timestamp + 7 days);

        vm.expectEmit(address(market));
        emit Marketplace.Listed(1, alice, tokenId, PRICE, expiresAt, SafeCast.toUint32(pEtc), ETC, 300);
        uint256 id = _list(alice, tokenId, PRICE, 7 days);

        assertEq(id, 1);
        assertEq(market.listingCount(), 1);
        assertEq(market.listingOfToken(tokenId), 1);
        Marketplace.Listing memory l = market.listing(id);
        assertEq(l.seller, alice);
        assertEq(l.tokenId, tokenId);
        assertEq(l.price, PRICE);
        assertEq(l.expiresAt, expiresAt);
        assertEq(l.createdAt, block.timestamp);
        assertEq(l.counter, 0);
        assertEq(uint8(l.state), uint8(Marketplace.State.Open));
        assertEq(l.feeBps, FEE_BPS);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Active));
        assertEq(nft.ownerOf(tokenId), alice, "non-custodial: the NFT stays with the seller");
    }

    function test_list_zeroDurationMeansThirtyDays() public {
        (, uint256 id) = _listNew(alice, PRICE);
        assertEq(market.listing(id).expiresAt, block.timestamp + 30 days);
    }

    function test_list_acceptsMaxDuration() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        _approveAll(alice);
        uint256 id = _list(alice, tokenId, PRICE, 180 days);
        assertEq(market.listing(id).expiresAt, block.timestamp + 180 days);
    }

    function test_list_revertsDurationTooLong() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        _approveAll(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.DurationTooLong.selector, 180 days + 1, 180 days));
        market.list(tokenId, PRICE, 180 days + 1);
    }

    function test_list_revertsZeroPrice() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        _approveAll(alice);
        vm.prank(alice);
        vm.expectRevert(Marketplace.ZeroPrice.selector);
        market.list(tokenId, 0, 0);
    }

    function test_list_revertsNotOwner() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        _approveAll(bob);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotTokenOwner.selector, tokenId, bob, alice));
        market.list(tokenId, PRICE, 0);
    }

    function test_list_revertsApprovedOperatorWhoIsNotOwner() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        vm.prank(alice);
        nft.setApprovalForAll(bob, true);
        _approveAll(alice);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotTokenOwner.selector, tokenId, bob, alice));
        market.list(tokenId, PRICE, 0);
    }

    function test_list_revertsNonexistentToken() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotTokenOwner.selector, 999, alice, address(0)));
        market.list(999, PRICE, 0);
    }

    function test_list_revertsNotApproved() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNotApproved.selector, tokenId, alice));
        market.list(tokenId, PRICE, 0);
    }

    function test_list_acceptsSingleTokenApproval() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        vm.prank(alice);
        nft.approve(address(market), tokenId);
        uint256 id = _list(alice, tokenId, PRICE, 0);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Active));
        _purchase(bob, id);
        assertEq(nft.ownerOf(tokenId), bob);
    }

    function test_list_againCancelsTheEarlierListing() public {
        (uint256 tokenId, uint256 first) = _listNew(alice, PRICE);

        vm.expectEmit(address(market));
        emit Marketplace.Cancelled(first, alice);
        vm.expectEmit(address(market));
        emit Marketplace.Listed(
            2, alice, tokenId, 25e6, SafeCast.toUint64(block.timestamp + 30 days), SafeCast.toUint32(pBtc), BTC, 10
        );
        uint256 second = _list(alice, tokenId, 25e6, 0);

        assertEq(second, 2);
        assertEq(market.listingOfToken(tokenId), second);
        assertEq(uint8(market.status(first)), uint8(Marketplace.Status.Cancelled));
        assertEq(uint8(market.listing(first).state), uint8(Marketplace.State.Cancelled));
        assertEq(uint8(market.status(second)), uint8(Marketplace.Status.Active));

        _fund(bob, PRICE);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.InvalidListing.selector, Marketplace.Status.Cancelled));
        market.buy(first, PRICE);
    }

    function test_list_againAfterCancelEmitsNoSecondCancel() public {
        (uint256 tokenId, uint256 first) = _listNew(alice, PRICE);
        vm.prank(alice);
        market.cancel(first);

        vm.recordLogs();
        _list(alice, tokenId, PRICE, 0);
        assertEq(vm.getRecordedLogs().length, 1, "only Listed");
    }

    function test_list_byNewOwnerCancelsPreviousOwnersListing() public {
        (uint256 tokenId, uint256 first) = _listNew(alice, PRICE);
        vm.prank(alice);
        nft.transferFrom(alice, bob, tokenId);
        assertEq(uint8(market.status(first)), uint8(Marketplace.Status.OwnerChanged));

        _approveAll(bob);
        vm.expectEmit(address(market));
        emit Marketplace.Cancelled(first, alice);
        uint256 second = _list(bob, tokenId, 30e6, 0);

        // even if the token goes back to alice, her old listing stays cancelled
        vm.prank(bob);
        nft.transferFrom(bob, alice, tokenId);
        assertEq(uint8(market.status(first)), uint8(Marketplace.Status.Cancelled));
        assertEq(uint8(market.status(second)), uint8(Marketplace.Status.OwnerChanged));
    }

    // ================================================================ buy

    function test_buy_paysSellerAndTreasuryAndMovesNft() public {
        (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
        uint256 treasuryBefore = usdt.balanceOf(treasury);
        _fund(bob, PRICE);

        vm.expectEmit(address(market));
        emit Marketplace.Sold(id, alice, bob, tokenId, PRICE, 0.5e6, SafeCast.toUint32(pBtc));
        vm.prank(bob);
        market.buy(id, PRICE);

        assertEq(nft.ownerOf(tokenId), bob);
        assertEq(usdt.balanceOf(bob), 0, "buyer paid exactly the price");
        assertEq(usdt.balanceOf(alice), 19.5e6, "seller got price minus 2.5%");
        assertEq(usdt.balanceOf(treasury) - treasuryBefore, 0.5e6, "treasury got 2.5%");
        assertEq(usdt.balanceOf(address(market)), 0);
        assertEq(nft.balanceOf(address(market)), 0);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Sold));
        assertEq(uint8(market.listing(id).state), uint8(Marketplace.State.Sold));
        assertEq(usdt.allowance(bob, address(market)), 0, "exact approval fully used");
    }

    function test_buy_paysExactPriceWhenMaxIsHigher() public {
        (, uint256 id) = _listNew(alice, PRICE);
        _fund(bob, 100e6);
        vm.prank(bob);
        market.buy(id, 100e6);
        assertEq(usdt.balanceOf(bob), 80e6);
        assertEq(usdt.allowance(bob, address(market)), 80e6);
    }

    function test_buy_revertsWhenPriceRaisedAboveMax() public {
        (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
        _fund(bob, 50e6);
        // the seller's raise lands before the buyer's transaction
        vm.prank(alice);
        market.updatePrice(id, 30e6);

        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.PriceAboveMax.selector, 30e6, PRICE));
        market.buy(id, PRICE);
        assertEq(usdt.balanceOf(bob), 50e6);
        assertEq(nft.ownerOf(tokenId), alice);
    }

    function test_buy_paysLoweredPrice() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.prank(alice);
        market.updatePrice(id, 10e6);
        _fund(bob, PRICE);
        vm.prank(bob);
        market.buy(id, PRICE);
        assertEq(usdt.balanceOf(bob), 10e6);
        assertEq(usdt.balanceOf(alice), 9.75e6);
    }

    function test_buy_worksUntilJustBeforeExpiry() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.warp(market.listing(id).expiresAt - 1);
        _purchase(bob, id);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Sold));
    }

    function test_buy_revertsExpired() public {
        (, uint256 id) = _listNew(alice, PRICE);
        uint64 expiresAt = market.listing(id).expiresAt;
        vm.warp(expiresAt);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Expired));
        _fund(bob, PRICE);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.ListingExpired.selector, expiresAt));
        market.buy(id, PRICE);
    }

    function test_buy_revertsCancelled() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.prank(alice);
        market.cancel(id);
        _fund(bob, PRICE);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.InvalidListing.selector, Marketplace.Status.Cancelled));
        market.buy(id, PRICE);
    }

    function test_buy_revertsAfterCancelAll() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.prank(alice);
        market.cancelAll();
        _fund(bob, PRICE);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.InvalidListing.selector, Marketplace.Status.Cancelled));
        market.buy(id, PRICE);
    }

    function test_buy_revertsAlreadySold() public {
        (, uint256 id) = _listNew(alice, PRICE);
        _purchase(bob, id);
        _fund(carol, PRICE);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.InvalidListing.selector, Marketplace.Status.Sold));
        market.buy(id, PRICE);
    }

    function test_buy_revertsSellerNoLongerOwner() public {
        (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
        vm.prank(alice);
        nft.transferFrom(alice, carol, tokenId);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.OwnerChanged));
        _fund(bob, PRICE);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.SellerNoLongerOwner.selector, alice, carol));
        market.buy(id, PRICE);
        assertEq(usdt.balanceOf(bob), PRICE, "buyer paid nothing");
    }

    function test_buy_revertsApprovalForAllRevoked() public {
        (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
        vm.prank(alice);
        nft.setApprovalForAll(address(market), false);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.NotApproved));
        _fund(bob, PRICE);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNotApproved.selector, tokenId, alice));
        market.buy(id, PRICE);
    }

    function test_buy_revertsSingleApprovalRevoked() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        vm.prank(alice);
        nft.approve(address(market), tokenId);
        uint256 id = _list(alice, tokenId, PRICE, 0);
        vm.prank(alice);
        nft.approve(address(0), tokenId);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.NotApproved));
        _fund(bob, PRICE);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNotApproved.selector, tokenId, alice));
        market.buy(id, PRICE);
    }

    function test_buy_revertsUnknownListing() public {
        _listNew(alice, PRICE);
        vm.startPrank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.UnknownListing.selector, 0));
        market.buy(0, PRICE);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.UnknownListing.selector, 2));
        market.buy(2, PRICE);
        vm.stopPrank();
    }

    function test_buy_revertsBuyerIsSeller() public {
        (, uint256 id) = _listNew(alice, PRICE);
        _fund(alice, PRICE);
        vm.prank(alice);
        vm.expectRevert(Marketplace.BuyerIsSeller.selector);
        market.buy(id, PRICE);
    }

    function test_buy_revertsWithoutAllowanceAndMovesNothing() public {
        (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
        vm.prank(owner);
        usdt.mint(bob, PRICE);
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, 0.5e6)
        );
        market.buy(id, PRICE);
        assertEq(nft.ownerOf(tokenId), alice);
        assertEq(usdt.balanceOf(bob), PRICE);
    }

    function test_buy_revertsWithoutBalance() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.prank(bob);
        usdt.approve(address(market), PRICE);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, bob, 0, 0.5e6));
        market.buy(id, PRICE);
    }

    /// A contract that cannot take ERC-721 tokens cannot buy: it would pay and lock the NFT forever.
    /// The whole purchase reverts, so it pays nothing.
    function test_buy_contractWithoutReceiverReverts_paysNothing() public {
        (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
        NonReceiverBuyer wallet = new NonReceiverBuyer();
        vm.prank(owner);
        usdt.mint(address(wallet), PRICE);
        wallet.approve(IERC20(address(usdt)), address(market), PRICE);

        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(wallet)));
        wallet.buy(market, id, PRICE);
        assertEq(usdt.balanceOf(address(wallet)), PRICE);
        assertEq(usdt.balanceOf(alice), 0);
        assertEq(nft.ownerOf(tokenId), alice);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Active));
    }

    function test_buy_contractReceiverWorks() public {
        (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
        ReceiverBuyer wallet = new ReceiverBuyer();
        vm.prank(owner);
        usdt.mint(address(wallet), PRICE);
        wallet.approve(IERC20(address(usdt)), address(market), PRICE);
        wallet.buy(market, id, PRICE);
        assertEq(nft.ownerOf(tokenId), address(wallet));
        assertEq(usdt.balanceOf(address(wallet)), 0);
    }

    function test_buy_zeroFeeSkipsTreasury() public {
        vm.prank(owner);
        market.setFeeBps(0);
        (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
        uint256 treasuryBefore = usdt.balanceOf(treasury);
        _fund(bob, PRICE);

        vm.expectEmit(address(market));
        emit Marketplace.Sold(id, alice, bob, tokenId, PRICE, 0, SafeCast.toUint32(pBtc));
        vm.prank(bob);
        market.buy(id, PRICE);
        assertEq(usdt.balanceOf(alice), PRICE);
        assertEq(usdt.balanceOf(treasury), treasuryBefore);
    }

    function test_buy_tinyPriceRoundsFeeDown() public {
        (, uint256 id) = _listNew(alice, 39); // 39 * 250 / 10000 = 0.975 -> 0
        _purchase(bob, id);
        assertEq(usdt.balanceOf(alice), 39);
    }

    /// A fee raise after listing does not reduce what the seller was shown.
    function test_buy_feeRaiseAfterListingDoesNotApply() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.prank(owner);
        market.setFeeBps(500);
        (uint256 price, uint256 f, uint256 proceeds) = market.payout(id);
        assertEq(price, PRICE);
        assertEq(f, 0.5e6);
        assertEq(proceeds, 19.5e6);
        _purchase(bob, id);
        assertEq(usdt.balanceOf(alice), 19.5e6);
        // a new listing pays the new rate
        (, uint256 id2) = _listNew(alice, PRICE);
        assertEq(market.listing(id2).feeBps, 500);
        _purchase(carol, id2);
        assertEq(usdt.balanceOf(alice), 19.5e6 + 19e6);
    }

    /// A fee cut applies to existing listings at once.
    function test_buy_feeCutAfterListingApplies() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.prank(owner);
        market.setFeeBps(100);
        (, uint256 f,) = market.payout(id);
        assertEq(f, 0.2e6);
        _purchase(bob, id);
        assertEq(usdt.balanceOf(alice), 19.8e6);
    }

    function test_buyWithPermit_noPriorApproval() public {
        (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
        vm.prank(owner);
        usdt.mint(dave, PRICE);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(daveKey, dave, PRICE, deadline);

        vm.prank(dave);
        market.buyWithPermit(id, PRICE, deadline, v, r, s);
        assertEq(nft.ownerOf(tokenId), dave);
        assertEq(usdt.balanceOf(dave), 0);
        assertEq(usdt.allowance(dave, address(market)), 0);
    }

    function test_buyWithPermit_frontRunPermitStillBuys() public {
        (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
        vm.prank(owner);
        usdt.mint(dave, PRICE);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(daveKey, dave, PRICE, deadline);
        // someone submits the permit first
        usdt.permit(dave, address(market), PRICE, deadline, v, r, s);

        vm.prank(dave);
        market.buyWithPermit(id, PRICE, deadline, v, r, s);
        assertEq(nft.ownerOf(tokenId), dave);
    }

    function test_buyWithPermit_badPermitRevertsOnAllowance() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.prank(owner);
        usdt.mint(dave, PRICE);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(aliceKey, dave, PRICE, deadline); // wrong signer
        vm.prank(dave);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(market), 0, 0.5e6)
        );
        market.buyWithPermit(id, PRICE, deadline, v, r, s);
    }

    function test_buyWithPermit_revertsPriceAboveMax() public {
        (, uint256 id) = _listNew(alice, PRICE);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(daveKey, dave, PRICE - 1, deadline);
        vm.prank(dave);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.PriceAboveMax.selector, PRICE, PRICE - 1));
        market.buyWithPermit(id, PRICE - 1, deadline, v, r, s);
    }

    // ================================================================ unclaimed rewards travel with the NFT

    /// The rule since issue 14: rewards accrued up to the sale are paid to the seller inside it, and the buyer
    /// receives the NFT with none unclaimed (MarketplaceOffers.t.sol shows the stripping hole closed).
    function test_buy_unclaimedRewardsGoToSellerInsideTheSale() public {
        uint256 tokenId = _buy(alice, pBtc, 2); // 20 TH/s from tomorrow, 30 days
        _advanceDays(6);
        _postAll(BTC, BTC_OUT);
        uint256 accrued = rewards.accrued(tokenId);
        assertEq(accrued, 5 * 20 * 50, "5 full days x 20 TH/s x 50 sat");

        // alice leaves them unclaimed and sells
        _approveAll(alice);
        uint256 id = _list(alice, tokenId, PRICE, 0);
        _purchase(bob, id);

        assertEq(wbtc.balanceOf(alice), accrued, "paid to the seller in the sale");
        assertEq(rewards.accrued(tokenId), 0, "the NFT arrives without them");
        assertEq(_claim(bob, _one(tokenId))[BTC], 0, "nothing for the buyer to claim");
        assertEq(nft.ownerOf(tokenId), bob);

        // what accrues after the sale is the buyer's
        _advanceDays(1);
        _postAll(BTC, BTC_OUT);
        uint256[] memory paid = _claim(bob, _one(tokenId));
        assertEq(paid[BTC], 20 * 50);
    }

    // ================================================================ re-entrancy

    function _attacker() internal returns (MarketplaceAttacker a) {
        a = new MarketplaceAttacker(market);
        vm.label(address(a), "Attacker");
        a.approveAll();
        vm.prank(owner);
        usdt.mint(address(a), 1_000e6);
    }

    /// The attacker's own listing, used as target of re-entrant cancel / updatePrice.
    function _attackerListing(MarketplaceAttacker a) internal returns (uint256 tokenId, uint256 id) {
        tokenId = _buy(carol, pFil, 1);
        vm.prank(carol);
        nft.safeTransferFrom(carol, address(a), tokenId);
        id = a.list(tokenId, 77e6);
    }

    function _reentryTarget(MarketplaceAttacker a, MarketplaceAttacker.Mode mode) internal returns (uint256) {
        if (mode == MarketplaceAttacker.Mode.Buy) {
            (, uint256 other) = _listNew(bob, 5e6);
            return other;
        }
        if (mode == MarketplaceAttacker.Mode.Cancel || mode == MarketplaceAttacker.Mode.UpdatePrice) {
            (, uint256 own) = _attackerListing(a);
            return own;
        }
        return 0;
    }

    /// onERC721Received calling back buy / cancel / list / updatePrice / cancelAll makes the purchase
    /// revert with ReentrancyGuardReentrantCall (when the receiver bubbles the refusal), and nothing moves.
    function test_reentrancy_bubbledRefusalRevertsPurchase() public {
        for (uint8 m = 1; m <= uint8(type(MarketplaceAttacker.Mode).max); ++m) {
            MarketplaceAttacker.Mode mode = MarketplaceAttacker.Mode(m);
            MarketplaceAttacker a = _attacker();
            uint256 target = _reentryTarget(a, mode);
            (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
            a.arm(mode, false, target);
            uint256 aliceBefore = usdt.balanceOf(alice);

            vm.expectRevert(ReentrancyGuard.ReentrancyGuardReentrantCall.selector);
            a.buy(id, PRICE);

            assertEq(nft.ownerOf(tokenId), alice);
            assertEq(usdt.balanceOf(address(a)), 1_000e6);
            assertEq(usdt.balanceOf(alice), aliceBefore);
            assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Active));
        }
    }

    /// When the receiver swallows the refusal, the purchase completes once and the re-entrant call had no
    /// effect: the other listing is still active, the attacker's listing unchanged, its counter unchanged.
    function test_reentrancy_swallowedRefusalHasNoEffect() public {
        for (uint8 m = 1; m <= uint8(type(MarketplaceAttacker.Mode).max); ++m) {
            MarketplaceAttacker.Mode mode = MarketplaceAttacker.Mode(m);
            MarketplaceAttacker a = _attacker();
            uint256 target = _reentryTarget(a, mode);
            (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
            a.arm(mode, true, target);
            uint256 countBefore = market.listingCount();
            uint256 aliceBefore = usdt.balanceOf(alice);

            a.buy(id, PRICE);

            assertEq(a.attempts(), 1);
            assertFalse(a.reentered());
            assertEq(a.lastError(), abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector));
            assertEq(nft.ownerOf(tokenId), address(a));
            assertEq(usdt.balanceOf(address(a)), 1_000e6 - PRICE, "paid exactly once");
            assertEq(usdt.balanceOf(alice) - aliceBefore, 19.5e6);
            assertEq(market.listingCount(), countBefore, "no listing created");
            assertEq(market.counterOf(address(a)), 0, "no cancelAll");
            if (target != 0) {
                assertEq(uint8(market.status(target)), uint8(Marketplace.Status.Active));
                if (mode != MarketplaceAttacker.Mode.Buy) assertEq(market.listing(target).price, 77e6);
            }
        }
    }

    /// Re-buying the listing being bought from inside the hook is refused; it is paid once.
    function test_reentrancy_rebuyingSameListingRefused() public {
        MarketplaceAttacker a = _attacker();
        (, uint256 id) = _listNew(alice, PRICE);
        a.arm(MarketplaceAttacker.Mode.Buy, true, id); // re-buying the same listing
        a.buy(id, PRICE);
        assertEq(a.lastError(), abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector));
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Sold));
        assertEq(usdt.balanceOf(address(a)), 1_000e6 - PRICE);
    }

    // ================================================================ cancel

    function test_cancel_marksCancelledAndEmits() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.expectEmit(address(market));
        emit Marketplace.Cancelled(id, alice);
        vm.prank(alice);
        market.cancel(id);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Cancelled));
    }

    function test_cancel_revertsNotSeller() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotSeller.selector, bob, alice));
        market.cancel(id);
    }

    function test_cancel_revertsTwice() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.startPrank(alice);
        market.cancel(id);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.InvalidListing.selector, Marketplace.Status.Cancelled));
        market.cancel(id);
        vm.stopPrank();
    }

    function test_cancel_revertsAfterCancelAll() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.startPrank(alice);
        market.cancelAll();
        vm.expectRevert(abi.encodeWithSelector(Marketplace.InvalidListing.selector, Marketplace.Status.Cancelled));
        market.cancel(id);
        vm.stopPrank();
    }

    function test_cancel_revertsSold() public {
        (, uint256 id) = _listNew(alice, PRICE);
        _purchase(bob, id);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.InvalidListing.selector, Marketplace.Status.Sold));
        market.cancel(id);
    }

    function test_cancel_revertsUnknown() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.UnknownListing.selector, 7));
        market.cancel(7);
    }

    function test_cancel_allowedWhenExpired() public {
        (, uint256 id) = _listNew(alice, PRICE);
        _advanceDays(31);
        vm.prank(alice);
        market.cancel(id);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Cancelled));
    }

    /// A listing whose token left the seller stays dead when the token returns (the transfer counter); the
    /// seller may still cancel it.
    function test_cancel_ownerChangedListingDoesNotRevive() public {
        (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
        vm.prank(alice);
        nft.transferFrom(alice, carol, tokenId);
        vm.prank(carol);
        nft.transferFrom(carol, alice, tokenId);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.OwnerChanged), "not revived");
        vm.prank(alice);
        market.cancel(id);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Cancelled));
    }

    function test_cancel_allowedWhenNotApproved() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.startPrank(alice);
        nft.setApprovalForAll(address(market), false);
        market.cancel(id);
        nft.setApprovalForAll(address(market), true);
        vm.stopPrank();
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Cancelled));
    }

    // ================================================================ updatePrice

    function test_updatePrice_updatesAndEmits() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.expectEmit(address(market));
        emit Marketplace.PriceUpdated(id, PRICE, 25e6);
        vm.prank(alice);
        market.updatePrice(id, 25e6);
        assertEq(market.listing(id).price, 25e6);
        assertEq(market.listing(id).expiresAt, block.timestamp + 30 days, "expiry unchanged");
    }

    function test_updatePrice_revertsNotSeller() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotSeller.selector, bob, alice));
        market.updatePrice(id, 1);
    }

    function test_updatePrice_revertsZeroPrice() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.prank(alice);
        vm.expectRevert(Marketplace.ZeroPrice.selector);
        market.updatePrice(id, 0);
    }

    function test_updatePrice_revertsUnknown() public {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.UnknownListing.selector, 1));
        market.updatePrice(1, 1);
    }

    function test_updatePrice_revertsExpired() public {
        (, uint256 id) = _listNew(alice, PRICE);
        uint64 expiresAt = market.listing(id).expiresAt;
        vm.warp(expiresAt + 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.ListingExpired.selector, expiresAt));
        market.updatePrice(id, 1);
    }

    function test_updatePrice_revertsCancelledOrSold() public {
        (, uint256 id) = _listNew(alice, PRICE);
        vm.prank(alice);
        market.cancel(id);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.InvalidListing.selector, Marketplace.Status.Cancelled));
        market.updatePrice(id, 1);

        (, uint256 id2) = _listNew(alice, PRICE);
        _purchase(bob, id2);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.InvalidListing.selector, Marketplace.Status.Sold));
        market.updatePrice(id2, 1);
    }

    function test_updatePrice_revertsOwnerChanged() public {
        (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
        vm.startPrank(alice);
        nft.transferFrom(alice, bob, tokenId);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.SellerNoLongerOwner.selector, alice, bob));
        market.updatePrice(id, 1);
        vm.stopPrank();
    }

    function test_updatePrice_revertsNotApproved() public {
        (uint256 tokenId, uint256 id) = _listNew(alice, PRICE);
        vm.startPrank(alice);
        nft.setApprovalForAll(address(market), false);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.MarketplaceNotApproved.selector, tokenId, alice));
        market.updatePrice(id, 1);
        vm.stopPrank();
    }

    // ================================================================ cancelAll

    function test_cancelAll_voidsOnlyTheCallersEarlierListings() public {
        (, uint256 a1) = _listNew(alice, PRICE);
        (, uint256 a2) = _listNew(alice, 30e6);
        (, uint256 b1) = _listNew(bob, PRICE);

        vm.expectEmit(address(market));
        emit Marketplace.AllCancelled(alice, 1);
        vm.prank(alice);
        assertEq(market.cancelAll(), 1);
        assertEq(market.counterOf(alice), 1);

        assertEq(uint8(market.status(a1)), uint8(Marketplace.Status.Cancelled));
        assertEq(uint8(market.status(a2)), uint8(Marketplace.Status.Cancelled));
        assertEq(uint8(market.status(b1)), uint8(Marketplace.Status.Active));

        (, uint256 a3) = _listNew(alice, PRICE);
        assertEq(market.listing(a3).counter, 1);
        assertEq(uint8(market.status(a3)), uint8(Marketplace.Status.Active));

        vm.prank(alice);
        assertEq(market.cancelAll(), 2);
        assertEq(uint8(market.status(a3)), uint8(Marketplace.Status.Cancelled));
    }

    // ================================================================ views

    function test_status_revertsUnknown() public {
        vm.expectRevert(abi.encodeWithSelector(Marketplace.UnknownListing.selector, 1));
        market.status(1);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.UnknownListing.selector, 1));
        market.listing(1);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.UnknownListing.selector, 1));
        market.payout(1);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.UnknownListing.selector, 1));
        market.statuses(_one(1));
    }

    /// Sold and Cancelled are final and win over everything; then Expired, OwnerChanged, NotApproved.
    function test_status_precedence() public {
        (uint256 t1, uint256 id1) = _listNew(alice, PRICE);
        vm.startPrank(alice);
        nft.setApprovalForAll(address(market), false);
        assertEq(uint8(market.status(id1)), uint8(Marketplace.Status.NotApproved));
        nft.transferFrom(alice, carol, t1);
        assertEq(uint8(market.status(id1)), uint8(Marketplace.Status.OwnerChanged));
        vm.warp(market.listing(id1).expiresAt);
        assertEq(uint8(market.status(id1)), uint8(Marketplace.Status.Expired));
        market.cancel(id1);
        assertEq(uint8(market.status(id1)), uint8(Marketplace.Status.Cancelled));
        vm.stopPrank();

        (, uint256 id2) = _listNew(alice, PRICE);
        _purchase(bob, id2);
        vm.prank(alice);
        market.cancelAll();
        assertEq(uint8(market.status(id2)), uint8(Marketplace.Status.Sold), "sold stays sold after cancelAll");
        _advanceDays(200);
        assertEq(uint8(market.status(id2)), uint8(Marketplace.Status.Sold));
    }

    function test_statuses_batch() public {
        (, uint256 sold) = _listNew(alice, PRICE);
        (, uint256 cancelled) = _listNew(alice, PRICE);
        (uint256 tMoved, uint256 moved) = _listNew(bob, PRICE);
        (, uint256 active) = _listNew(carol, PRICE);
        uint256 tNotApproved = _buy(bob, pEtc, 1);
        vm.prank(bob);
        nft.approve(address(market), tNotApproved);
        uint256 notApproved = _list(bob, tNotApproved, PRICE, 0);
        vm.prank(bob);
        nft.setApprovalForAll(address(market), false); // bob's only approval left is the single one
        uint256 tExpired = _buy(carol, pFil, 1);
        uint256 expired = _list(carol, tExpired, PRICE, 1 days);

        _purchase(dave, sold);
        vm.prank(alice);
        market.cancel(cancelled);
        vm.prank(bob);
        nft.transferFrom(bob, alice, tMoved);
        vm.prank(bob);
        nft.approve(address(0), tNotApproved);
        _advanceDays(1);

        uint256[] memory ids = new uint256[](6);
        (ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]) = (active, sold, cancelled, expired, moved, notApproved);
        Marketplace.Status[] memory s = market.statuses(ids);
        assertEq(s.length, 6);
        for (uint256 i; i < 6; ++i) {
            assertEq(uint8(s[i]), i, "one of each status, in enum order");
        }
        assertEq(market.statuses(new uint256[](0)).length, 0);
    }

    function test_listingsRange_pagesAndClips() public {
        for (uint256 i; i < 5; ++i) {
            _listNew(alice, PRICE + i);
        }
        vm.prank(alice);
        market.cancel(2);

        (uint256[] memory ids, Marketplace.Listing[] memory items, Marketplace.Status[] memory st) =
            market.listingsRange(1, 3);
        assertEq(ids.length, 3);
        assertEq(items.length, 3);
        assertEq(st.length, 3);
        for (uint256 i; i < 3; ++i) {
            assertEq(ids[i], i + 1);
            assertEq(items[i].price, PRICE + i);
            assertEq(items[i].seller, alice);
        }
        assertEq(uint8(st[0]), uint8(Marketplace.Status.Active));
        assertEq(uint8(st[1]), uint8(Marketplace.Status.Cancelled));

        (ids, items, st) = market.listingsRange(4, 100);
        assertEq(ids.length, 2, "clipped to the last id");
        assertEq(ids[0], 4);
        assertEq(ids[1], 5);
        assertEq(items[1].price, PRICE + 4);

        (ids,,) = market.listingsRange(0, 2);
        assertEq(ids.length, 2, "0 reads as 1");
        assertEq(ids[0], 1);

        (ids,,) = market.listingsRange(6, 10);
        assertEq(ids.length, 0);
        (ids,,) = market.listingsRange(1, 0);
        assertEq(ids.length, 0);
        (ids,,) = market.listingsRange(type(uint256).max, type(uint256).max);
        assertEq(ids.length, 0);
        (ids,,) = market.listingsRange(1, type(uint256).max);
        assertEq(ids.length, 5);
    }

    function test_newestActive_newestFirstWithPositionsSkippingInactive() public {
        for (uint256 i; i < 3; ++i) {
            _listNew(alice, PRICE + i); // ids 1..3, BTC
        }
        uint256 etcToken = _buy(bob, pEtc, 2);
        _approveAll(bob);
        uint256 etcId = _list(bob, etcToken, 77e6, 10 days); // id 4
        (uint256 expiringToken,) = _listNew(carol, PRICE); // id 5, expires in 1 day below
        uint256 expiring = _list(carol, expiringToken, PRICE, 1 days); // id 6 (cancels id 5)
        vm.prank(alice);
        market.cancel(2);

        (Marketplace.ListingView[] memory items, uint256 next, uint256 total) = market.newestActive(0, 10, 100);
        assertEq(total, 6);
        assertEq(next, 0, "scanned down to id 1");
        assertEq(items.length, 4, "ids 6, 4, 3, 1: 5 was replaced, 2 cancelled");
        assertEq(items[0].id, expiring);
        assertEq(items[1].id, etcId);
        assertEq(items[2].id, 3);
        assertEq(items[3].id, 1);
        (uint32 productId, uint8 coin, uint64 hashrate,, uint64 end) = nft.positionOf(etcToken);
        assertEq(items[1].productId, productId);
        assertEq(items[1].coin, coin);
        assertEq(items[1].hashrate, hashrate);
        assertEq(items[1].termEnd, end);
        assertEq(items[1].listing.seller, bob);
        assertEq(items[1].listing.tokenId, etcToken);
        assertEq(items[1].listing.price, 77e6);
        assertEq(items[1].listing.expiresAt, block.timestamp + 10 days);
        assertEq(items[1].listing.feeBps, FEE_BPS);
        assertEq(items[3].listing.price, PRICE);

        // Later: id 6 expired, alice's NFT #1 left her, so only 4 and 3 stay active.
        vm.warp(block.timestamp + 1 days);
        uint256 firstToken = market.listing(1).tokenId;
        vm.prank(alice);
        nft.transferFrom(alice, dave, firstToken);
        (items, next,) = market.newestActive(0, 10, 100);
        assertEq(items.length, 2);
        assertEq(items[0].id, etcId);
        assertEq(items[1].id, 3);
        for (uint256 i; i < items.length; ++i) {
            assertEq(uint8(market.status(items[i].id)), uint8(Marketplace.Status.Active));
        }
    }

    function test_newestActive_pagesByCountAndBoundsTheScan() public {
        for (uint256 i; i < 6; ++i) {
            _listNew(alice, PRICE + i); // ids 1..6
        }
        (Marketplace.ListingView[] memory items, uint256 next,) = market.newestActive(0, 2, 100);
        assertEq(items.length, 2);
        assertEq(items[0].id, 6);
        assertEq(items[1].id, 5);
        assertEq(next, 5, "continue below id 5");
        (items, next,) = market.newestActive(next, 2, 100);
        assertEq(items[0].id, 4);
        assertEq(items[1].id, 3);

        // maxScan bounds the work: three cancelled listings on top and a scan of 3 finds nothing yet.
        vm.startPrank(alice);
        market.cancel(6);
        market.cancel(5);
        market.cancel(4);
        vm.stopPrank();
        (items, next,) = market.newestActive(0, 2, 3);
        assertEq(items.length, 0);
        assertEq(next, 4, "resume below id 4");
        (items, next,) = market.newestActive(next, 2, 3);
        assertEq(items.length, 2);
        assertEq(items[0].id, 3);
        assertEq(items[1].id, 2);
        (items, next,) = market.newestActive(next, 5, 100);
        assertEq(items.length, 1);
        assertEq(items[0].id, 1);
        assertEq(next, 0);
    }

    function test_newestActive_emptyAndOutOfRange() public {
        (Marketplace.ListingView[] memory items, uint256 next, uint256 total) = market.newestActive(0, 24, 500);
        assertEq(items.length, 0);
        assertEq(next, 0);
        assertEq(total, 0);
        _listNew(alice, PRICE);
        (items,,) = market.newestActive(type(uint256).max, 24, 500);
        assertEq(items.length, 1, "beforeId past the end reads from the newest");
        (items,,) = market.newestActive(1, 24, 500);
        assertEq(items.length, 0, "nothing below id 1");
        (items,,) = market.newestActive(0, 0, 500);
        assertEq(items.length, 0);
    }

    function test_fee_view() public view {
        assertEq(market.fee(PRICE), 0.5e6);
        assertEq(market.fee(0), 0);
        assertEq(market.fee(39), 0);
        assertEq(market.fee(40), 1);
        assertEq(market.fee(type(uint256).max), Math.mulDiv(type(uint256).max, 250, 10_000));
    }

    // ================================================================ fuzz

    /// Buyer pays exactly the price; seller's part + fee == price to the unit; fee == floor(price x bps / 1e4).
    function testFuzz_buy_splitsExactly(uint256 price, uint16 bps) public {
        price = bound(price, 1, 1e30);
        bps = SafeCast.toUint16(bound(bps, 0, 500));
        vm.prank(owner);
        market.setFeeBps(bps);
        (uint256 tokenId, uint256 id) = _listNew(alice, price);
        uint256 treasuryBefore = usdt.balanceOf(treasury);
        _fund(bob, price);

        vm.prank(bob);
        market.buy(id, price);

        uint256 fee = usdt.balanceOf(treasury) - treasuryBefore;
        uint256 sellerGot = usdt.balanceOf(alice);
        assertEq(usdt.balanceOf(bob), 0, "buyer paid exactly price");
        assertEq(sellerGot + fee, price, "seller + fee == price");
        assertEq(fee, price * bps / 10_000);
        assertLe(fee * 20, price, "fee at most 5%");
        assertEq(usdt.balanceOf(address(market)), 0);
        assertEq(nft.ownerOf(tokenId), bob);
    }

    function testFuzz_fee_neverExceedsCap(uint256 price, uint16 bps) public {
        bps = SafeCast.toUint16(bound(bps, 0, 500));
        vm.prank(owner);
        market.setFeeBps(bps);
        uint256 f = market.fee(price);
        assertEq(f, Math.mulDiv(price, bps, 10_000));
        assertLe(f, price / 20);
    }

    function testFuzz_setFeeBps_capped(uint16 bps) public {
        vm.prank(owner);
        if (bps > 500) {
            vm.expectRevert(abi.encodeWithSelector(Marketplace.FeeTooHigh.selector, bps, 500));
            market.setFeeBps(bps);
        } else {
            market.setFeeBps(bps);
            assertEq(market.feeBps(), bps);
        }
    }

    /// With fee changes between listing and sale, the seller never gets less than at the listing's rate.
    function testFuzz_buy_feeChangeNeverHurtsSeller(uint256 price, uint16 bpsAtList, uint16 bpsAtBuy) public {
        price = bound(price, 1, 1e24);
        bpsAtList = SafeCast.toUint16(bound(bpsAtList, 0, 500));
        bpsAtBuy = SafeCast.toUint16(bound(bpsAtBuy, 0, 500));
        vm.prank(owner);
        market.setFeeBps(bpsAtList);
        (, uint256 id) = _listNew(alice, price);
        vm.prank(owner);
        market.setFeeBps(bpsAtBuy);
        uint256 treasuryBefore = usdt.balanceOf(treasury);
        _purchase(bob, id);
        uint256 fee = usdt.balanceOf(treasury) - treasuryBefore;
        uint256 minBps = bpsAtList < bpsAtBuy ? bpsAtList : bpsAtBuy;
        assertEq(fee, price * minBps / 10_000);
        assertEq(usdt.balanceOf(alice) + fee, price);
        assertGe(usdt.balanceOf(alice), price - price * bpsAtList / 10_000);
    }

    function testFuzz_buy_maxPrice(uint256 price, uint256 maxPrice) public {
        price = bound(price, 1, 1e24);
        maxPrice = bound(maxPrice, 0, 2e24);
        (, uint256 id) = _listNew(alice, price);
        _fund(bob, price);
        vm.prank(bob);
        if (maxPrice < price) {
            vm.expectRevert(abi.encodeWithSelector(Marketplace.PriceAboveMax.selector, price, maxPrice));
            market.buy(id, maxPrice);
            assertEq(usdt.balanceOf(bob), price);
        } else {
            market.buy(id, maxPrice);
            assertEq(usdt.balanceOf(bob), 0);
        }
    }

    function testFuzz_list_duration(uint64 duration) public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        _approveAll(alice);
        vm.prank(alice);
        if (duration > 180 days) {
            vm.expectRevert(abi.encodeWithSelector(Marketplace.DurationTooLong.selector, duration, 180 days));
            market.list(tokenId, PRICE, duration);
        } else {
            uint256 id = market.list(tokenId, PRICE, duration);
            uint256 expected = block.timestamp + (duration == 0 ? 30 days : duration);
            assertEq(market.listing(id).expiresAt, expected);
            vm.warp(expected - 1);
            assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Active));
            vm.warp(expected);
            assertEq(uint8(market.status(id)), uint8(Marketplace.Status.Expired));
        }
    }

    // ================================================================ helpers

    function _signPermit(uint256 key, address holder, uint256 value, uint256 deadline)
        internal
        view
        returns (uint8 v, bytes32 r, bytes32 s)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                holder,
                address(market),
                value,
                usdt.nonces(holder),
                deadline
            )
        );
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", usdt.DOMAIN_SEPARATOR(), structHash));
        (v, r, s) = vm.sign(key, digest);
    }
}
