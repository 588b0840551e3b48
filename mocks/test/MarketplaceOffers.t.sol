// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {MarketplaceFixture} from "./utils/MarketplaceFixture.sol";
import {OfferBuyer} from "./utils/OfferBuyer.sol";

/// @notice Offers on a token and on a product or coin (escrowed), sweeps, bulk listing, the reward rule
/// (rewards accrued before a sale go to the seller inside it) and listings that die when their NFT moves.
contract MarketplaceOffersTest is MarketplaceFixture {
    Marketplace.OfferKind internal constant TOKEN = Marketplace.OfferKind.Token;
    Marketplace.OfferKind internal constant PRODUCT = Marketplace.OfferKind.Product;
    Marketplace.OfferKind internal constant COIN = Marketplace.OfferKind.Coin;

    /// 0.01 USDT per TH/s per day
    uint256 internal constant UNIT_DAY = 10_000;

    function _tokenOffer(address who, uint256 tokenId, uint256 amount) internal returns (uint256 id) {
        _fund(who, amount);
        vm.prank(who);
        id = market.makeTokenOffer(tokenId, amount, 0);
    }

    function _productOffer(address who, uint256 productId, uint256 price, uint64 units, uint32 minDays, uint32 maxDays)
        internal
        returns (uint256 id)
    {
        _fund(who, price * units * maxDays);
        vm.prank(who);
        id = market.makeProductOffer(PRODUCT, productId, price, units, minDays, maxDays, 0);
    }

    function _accept(address who, uint256 offerId, uint256 tokenId) internal {
        _approveAll(who);
        vm.prank(who);
        market.acceptOffer(offerId, tokenId, 0);
    }

    function _status(uint256 offerId) internal view returns (uint8) {
        return uint8(market.offerStatus(offerId));
    }

    function _assertEscrowBacked() internal view {
        uint256 sum;
        for (uint256 i = 1; i <= market.offerCount(); ++i) {
            sum += market.offer(i).escrow;
        }
        assertEq(market.totalEscrowed(), sum, "totalEscrowed = sum of escrows");
        assertEq(usdt.balanceOf(address(market)), sum, "USDT held = sum of escrows");
    }

    // ================================================================ token offers

    function test_tokenOffer_escrowsThenAcceptPaysSellerAndTreasury() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        uint256 id = _tokenOffer(bob, tokenId, 100e6);
        assertEq(usdt.balanceOf(bob), 0, "escrowed");
        assertEq(market.totalEscrowed(), 100e6);
        assertEq(_status(id), uint8(Marketplace.OfferStatus.Active));
        Marketplace.Offer memory o = market.offer(id);
        assertEq(o.buyer, bob);
        assertEq(uint8(o.kind), uint8(TOKEN));
        assertEq(o.target, tokenId);
        assertEq(o.escrow, 100e6);

        (uint256 price, uint256 fee_, uint256 net) = market.quoteOffer(id, tokenId);
        assertEq(price, 100e6);
        assertEq(fee_, 2.5e6);
        assertEq(net, 97.5e6);

        uint256 aliceBefore = usdt.balanceOf(alice);
        uint256 treasuryBefore = usdt.balanceOf(treasury);
        _approveAll(alice);
        vm.expectEmit(address(market));
        emit Marketplace.OfferAccepted(id, alice, bob, tokenId, 100e6, 2.5e6, 0);
        vm.prank(alice);
        market.acceptOffer(id, tokenId, 100e6);
        assertEq(nft.ownerOf(tokenId), bob);
        assertEq(usdt.balanceOf(alice) - aliceBefore, 97.5e6);
        assertEq(usdt.balanceOf(treasury) - treasuryBefore, 2.5e6);
        assertEq(usdt.balanceOf(address(market)), 0);
        assertEq(market.totalEscrowed(), 0);
        assertEq(_status(id), uint8(Marketplace.OfferStatus.Filled));

        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.OfferNotOpen.selector, id));
        market.cancelOffer(id);
    }

    function test_tokenOffer_outbidThenCancelledRefundsExactly() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        uint256 low = _tokenOffer(bob, tokenId, 40e6);
        uint256 high = _tokenOffer(carol, tokenId, 55e6);
        assertEq(market.totalEscrowed(), 95e6);
        vm.expectEmit(address(market));
        emit Marketplace.OfferCancelled(low, bob, 40e6);
        vm.prank(bob);
        market.cancelOffer(low);
        assertEq(usdt.balanceOf(bob), 40e6);
        assertEq(_status(low), uint8(Marketplace.OfferStatus.Cancelled));
        _accept(alice, high, tokenId);
        assertEq(nft.ownerOf(tokenId), carol);
        _assertEscrowBacked();
    }

    function test_tokenOffer_refusals() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        _fund(alice, 10e6);
        vm.prank(alice);
        vm.expectRevert(Marketplace.BuyerIsSeller.selector);
        market.makeTokenOffer(tokenId, 10e6, 0);
        vm.prank(bob);
        vm.expectRevert(Marketplace.ZeroPrice.selector);
        market.makeTokenOffer(tokenId, 0, 0);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.UnknownToken.selector, 999));
        market.makeTokenOffer(999, 10e6, 0);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.DurationTooLong.selector, 181 days, 180 days));
        market.makeTokenOffer(tokenId, 10e6, 181 days);
    }

    function test_offer_expiryThenReclaim() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        vm.prank(owner);
        usdt.mint(bob, 10e6);
        vm.startPrank(bob);
        usdt.approve(address(market), 10e6);
        uint256 id = market.makeTokenOffer(tokenId, 10e6, 1 days);
        vm.stopPrank();
        vm.warp(block.timestamp + 1 days - 1);
        assertEq(_status(id), uint8(Marketplace.OfferStatus.Active));
        vm.warp(block.timestamp + 1);
        assertEq(_status(id), uint8(Marketplace.OfferStatus.Expired));
        _approveAll(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.OfferNotActive.selector, Marketplace.OfferStatus.Expired));
        market.acceptOffer(id, tokenId, 0);
        vm.prank(bob);
        market.cancelOffer(id);
        assertEq(usdt.balanceOf(bob), 10e6, "expired escrow reclaimed");
        _assertEscrowBacked();
    }

    function test_cancelOffer_onlyBuyer() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        uint256 id = _tokenOffer(bob, tokenId, 10e6);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotOfferBuyer.selector, alice, bob));
        market.cancelOffer(id);
    }

    function test_cancelAllOffers_voidsEveryOfferAndRefundsThoseNamed() public {
        uint256 t1 = _buy(alice, pBtc, 1);
        uint256 a = _tokenOffer(bob, t1, 10e6);
        uint256 b = _productOffer(bob, pBtc, UNIT_DAY, 10, 1, 30); // 3 USDT
        uint256 c = _tokenOffer(bob, t1, 7e6);
        uint256 other = _tokenOffer(carol, t1, 5e6);
        uint256[] memory ids = new uint256[](2);
        ids[0] = a;
        ids[1] = b;
        vm.expectEmit(address(market));
        emit Marketplace.AllOffersCancelled(bob, 1);
        vm.prank(bob);
        market.cancelAllOffers(ids);
        assertEq(usdt.balanceOf(bob), 13e6, "a and b refunded");
        for (uint256 i; i < 2; ++i) assertEq(_status(ids[i]), uint8(Marketplace.OfferStatus.Cancelled));
        assertEq(_status(c), uint8(Marketplace.OfferStatus.Cancelled), "voided by the counter");
        assertEq(market.offer(c).escrow, 7e6, "its escrow stays reclaimable");
        assertEq(_status(other), uint8(Marketplace.OfferStatus.Active), "other buyers' offers untouched");
        _approveAll(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.OfferNotActive.selector, Marketplace.OfferStatus.Cancelled));
        market.acceptOffer(c, t1, 0);
        vm.prank(bob);
        market.cancelOffer(c);
        assertEq(usdt.balanceOf(bob), 20e6);
        // new offers after the counter are valid
        uint256 d = _tokenOffer(bob, t1, 1e6);
        assertEq(_status(d), uint8(Marketplace.OfferStatus.Active));
        _assertEscrowBacked();
    }

    function test_cancelAllOffers_refusesSomeoneElsesId() public {
        uint256 t1 = _buy(alice, pBtc, 1);
        uint256 other = _tokenOffer(carol, t1, 5e6);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotOfferBuyer.selector, bob, carol));
        market.cancelAllOffers(_one(other));
    }

    // ================================================================ product and coin offers

    function test_productOffer_priceFromHashrateAndRemainingDays() public {
        uint256 tokenId = _buy(alice, pBtc, 2); // 20 TH/s, 30 days from tomorrow
        uint256 id = _productOffer(bob, pBtc, UNIT_DAY, 100, 10, 30);
        assertEq(market.offer(id).escrow, UNIT_DAY * 100 * 30, "escrow = price x units x maxDays");
        assertEq(nft.remainingDays(tokenId, block.timestamp), 30);
        (uint256 price,,) = market.quoteOffer(id, tokenId);
        assertEq(price, UNIT_DAY * 20 * 30, "12 USDT");

        _advanceDays(8); // 22 days and 21 hours left: 22 whole days
        assertEq(nft.remainingDays(tokenId, block.timestamp), 22);
        (price,,) = market.quoteOffer(id, tokenId);
        assertEq(price, UNIT_DAY * 20 * 22);

        uint256 aliceBefore = usdt.balanceOf(alice);
        _accept(alice, id, tokenId);
        assertEq(usdt.balanceOf(alice) - aliceBefore, price - price * 250 / 10_000);
        Marketplace.Offer memory o = market.offer(id);
        assertEq(o.unitsLeft, 80);
        assertEq(o.escrow, UNIT_DAY * 100 * 30 - price);
        assertEq(_status(id), uint8(Marketplace.OfferStatus.Active), "still wants 80 units");
        _assertEscrowBacked();
    }

    function test_productOffer_edgeDays() public {
        uint256 tokenId = _buy(alice, pBtc, 1); // 10 TH/s; term starts tomorrow 00:00, ends 30 days later
        uint256 id = _productOffer(bob, pBtc, UNIT_DAY, 100, 5, 20);
        (uint256 price,,) = market.quoteOffer(id, tokenId);
        assertEq(price, UNIT_DAY * 10 * 20, "days beyond maxDays are not paid for");

        (,,, uint64 start, uint64 end) = nft.positionOf(tokenId);
        assertEq(end - start, 30 days);
        vm.warp(end - 5 days); // exactly 5 whole days left: minDays passes
        (price,,) = market.quoteOffer(id, tokenId);
        assertEq(price, UNIT_DAY * 10 * 5);
        vm.warp(end - 5 days + 1); // 4 days and 23:59:59 left: rounds down to 4
        vm.expectRevert(abi.encodeWithSelector(Marketplace.TooFewDaysLeft.selector, 4, 5));
        market.quoteOffer(id, tokenId);
        vm.warp(end - 1); // last partial day: 0 days
        vm.expectRevert(abi.encodeWithSelector(Marketplace.TooFewDaysLeft.selector, 0, 5));
        market.quoteOffer(id, tokenId);
        vm.warp(end + 1 days); // term over
        vm.expectRevert(abi.encodeWithSelector(Marketplace.TooFewDaysLeft.selector, 0, 5));
        market.quoteOffer(id, tokenId);
    }

    function test_productOffer_minPriceProtectsAcceptorAcrossMidnight() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        uint256 id = _productOffer(bob, pBtc, UNIT_DAY, 100, 1, 30);
        (uint256 seen,,) = market.quoteOffer(id, tokenId);
        _advanceDays(2); // the acceptance lands two days later: fewer days left, lower price
        (uint256 now_,,) = market.quoteOffer(id, tokenId);
        _approveAll(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.PriceBelowMin.selector, now_, seen));
        market.acceptOffer(id, tokenId, seen);
    }

    function test_productOffer_lastUnitsFillAndRefundTheRest() public {
        uint256 t1 = _buy(alice, pBtc, 2); // 20 TH/s
        uint256 t2 = _buy(carol, pBtc, 1); // 10 TH/s
        uint256 t3 = _buy(carol, pBtc, 1);
        uint256 id = _productOffer(bob, pBtc, UNIT_DAY, 30, 1, 40);
        uint256 escrow = UNIT_DAY * 30 * 40;
        _accept(alice, id, t1);
        _accept(carol, id, t2);
        uint256 paid = UNIT_DAY * 20 * 30 + UNIT_DAY * 10 * 30;
        assertEq(_status(id), uint8(Marketplace.OfferStatus.Filled));
        assertEq(usdt.balanceOf(bob), escrow - paid, "unused escrow back to the buyer");
        assertEq(market.offer(id).escrow, 0);
        assertEq(nft.ownerOf(t1), bob);
        assertEq(nft.ownerOf(t2), bob);
        _approveAll(carol);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.OfferNotActive.selector, Marketplace.OfferStatus.Filled));
        market.acceptOffer(id, t3, 0);
        _assertEscrowBacked();
    }

    function test_productOffer_refusesTooMuchHashrate() public {
        uint256 tokenId = _buy(alice, pBtc, 3); // 30 TH/s
        uint256 id = _productOffer(bob, pBtc, UNIT_DAY, 20, 1, 30);
        _approveAll(alice);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotEnoughUnitsLeft.selector, 30, 20));
        market.acceptOffer(id, tokenId, 0);
    }

    function test_offer_tokenThatDoesNotMatchIsRefused() public {
        uint256 btcToken = _buy(alice, pBtc, 1);
        uint256 filToken = _buy(alice, pFil, 1);
        uint256 product = _productOffer(bob, pBtc, UNIT_DAY, 100, 1, 30);
        uint256 single = _tokenOffer(bob, btcToken, 10e6);
        _approveAll(alice);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.TokenDoesNotMatch.selector, product, filToken));
        market.acceptOffer(product, filToken, 0);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.TokenDoesNotMatch.selector, single, filToken));
        market.acceptOffer(single, filToken, 0);
        vm.stopPrank();
        assertEq(nft.ownerOf(filToken), alice);
        assertEq(market.totalEscrowed(), UNIT_DAY * 100 * 30 + 10e6);
    }

    function test_coinOffer_acceptsAnyProductOfTheCoin() public {
        uint256 tokenId = _buy(alice, pFil, 2); // 2 TiB, 180 days
        _fund(bob, 1_000 * 2 * 180);
        vm.prank(bob);
        uint256 id = market.makeProductOffer(COIN, FIL, 1_000, 2, 30, 180, 0);
        (uint256 price,,) = market.quoteOffer(id, tokenId);
        assertEq(price, 1_000 * 2 * 180);
        _accept(alice, id, tokenId);
        assertEq(nft.ownerOf(tokenId), bob);
        uint256 btcToken = _buy(alice, pBtc, 1);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.TokenDoesNotMatch.selector, id, btcToken));
        market.quoteOffer(id, btcToken);
    }

    function test_productOffer_refusals() public {
        vm.startPrank(bob);
        vm.expectRevert(Marketplace.WrongOfferKind.selector);
        market.makeProductOffer(TOKEN, pBtc, 1, 1, 1, 1, 0);
        vm.expectRevert(Marketplace.ZeroPrice.selector);
        market.makeProductOffer(PRODUCT, pBtc, 0, 1, 1, 1, 0);
        vm.expectRevert(Marketplace.ZeroOfferUnits.selector);
        market.makeProductOffer(PRODUCT, pBtc, 1, 0, 1, 1, 0);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.BadDays.selector, 0, 10));
        market.makeProductOffer(PRODUCT, pBtc, 1, 1, 0, 10, 0);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.BadDays.selector, 11, 10));
        market.makeProductOffer(PRODUCT, pBtc, 1, 1, 11, 10, 0);
        vm.stopPrank();
    }

    /// price x units x maxDays that does not fit the escrow's 128 bits is refused, never wrapped.
    function test_productOffer_overflowRefused() public {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 128, uint256(type(uint128).max) * 2));
        market.makeProductOffer(PRODUCT, pBtc, type(uint128).max, 2, 1, 1, 0);
        vm.prank(bob);
        vm.expectRevert(); // arithmetic overflow (panic 0x11)
        market.makeProductOffer(PRODUCT, pBtc, type(uint256).max / 2, 3, 1, 1, 0);
    }

    /// Fuzz: the price paid is exactly price x hashrate x min(whole days left, maxDays), split exactly, and the
    /// escrow always covers what is left; nothing is lost to rounding.
    function testFuzz_productOffer_pricePerUnitDay(uint256 price, uint8 units, uint32 minDays, uint32 maxDays, uint256 elapsed)
        public
    {
        price = bound(price, 1, 1e12); // up to 1,000,000 USDT per TH/s per day
        minDays = uint32(bound(minDays, 1, 30));
        maxDays = uint32(bound(maxDays, minDays, 400));
        (uint256 id, uint256 tokenId, uint64 hashrate) = _fuzzOffer(price, units, minDays, maxDays, elapsed);

        uint256 left = nft.remainingDays(tokenId, block.timestamp);
        _approveAll(alice);
        if (left < minDays) {
            vm.prank(alice);
            vm.expectRevert(abi.encodeWithSelector(Marketplace.TooFewDaysLeft.selector, left, minDays));
            market.acceptOffer(id, tokenId, 0);
            return;
        }
        _checkFill(id, tokenId, price * hashrate * (left < maxDays ? left : maxDays), price * 5 * maxDays);
    }

    /// Alice's NFT of 1 to 10 units, Bob's product offer for its hashrate + 5 units, then time passes.
    function _fuzzOffer(uint256 price, uint8 units, uint32 minDays, uint32 maxDays, uint256 elapsed)
        internal
        returns (uint256 id, uint256 tokenId, uint64 hashrate)
    {
        tokenId = _buy(alice, pBtc, bound(units, 1, 10));
        uint64 end;
        (,, hashrate,, end) = nft.positionOf(tokenId);
        _fund(bob, price * (hashrate + 5) * maxDays);
        vm.prank(bob); // open for 180 days: longer than the term, so every edge day is reached
        id = market.makeProductOffer(PRODUCT, pBtc, price, hashrate + 5, minDays, maxDays, 180 days);
        vm.warp(block.timestamp + bound(elapsed, 0, uint256(end) - block.timestamp + 2 days));
    }

    function _checkFill(uint256 id, uint256 tokenId, uint256 expected, uint256 stillNeeded) internal {
        uint256 escrowBefore = market.offer(id).escrow;
        uint256 fee_ = expected * FEE_BPS / 10_000;
        uint256 aliceBefore = usdt.balanceOf(alice);
        uint256 treasuryBefore = usdt.balanceOf(treasury);
        vm.prank(alice);
        market.acceptOffer(id, tokenId, expected);
        assertEq(usdt.balanceOf(alice) - aliceBefore, expected - fee_);
        assertEq(usdt.balanceOf(treasury) - treasuryBefore, fee_);
        assertEq(market.offer(id).unitsLeft, 5);
        assertEq(market.offer(id).escrow, escrowBefore - expected);
        assertGe(market.offer(id).escrow, stillNeeded, "escrow covers the units still wanted");
        _assertEscrowBacked();
    }

    // ================================================================ pledged and pooled NFTs

    function test_custodiedToken_cannotBeOfferedOnOrAccepted() public {
        address loanPool = makeAddr("loanPool");
        vm.prank(owner);
        market.setCustodian(loanPool, true);
        uint256 tokenId = _buy(alice, pBtc, 1);
        uint256 product = _productOffer(bob, pBtc, UNIT_DAY, 100, 1, 30);
        vm.prank(alice);
        nft.transferFrom(alice, loanPool, tokenId); // pledged

        _fund(bob, 10e6);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.TokenInCustody.selector, tokenId, loanPool));
        market.makeTokenOffer(tokenId, 10e6, 0);

        // the borrower cannot accept with it (not theirs now); nor can the custodian itself
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotTokenOwner.selector, tokenId, alice, loanPool));
        market.acceptOffer(product, tokenId, 0);
        _approveAll(loanPool);
        vm.prank(loanPool);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.TokenInCustody.selector, tokenId, loanPool));
        market.acceptOffer(product, tokenId, 0);
    }

    function test_setCustodian_onlyOwner() public {
        vm.prank(bob);
        vm.expectRevert();
        market.setCustodian(bob, true);
        vm.expectEmit(address(market));
        emit Marketplace.CustodianSet(carol, true);
        vm.prank(owner);
        market.setCustodian(carol, true);
        assertTrue(market.isCustodian(carol));
    }

    // ================================================================ sweeps

    function test_sweep_buysValidSkipsInvalidAndSaysWhich() public {
        (, uint256 ok1) = _listNew(alice, 10e6);
        (uint256 movedToken, uint256 moved) = _listNew(alice, 11e6);
        (, uint256 raised) = _listNew(carol, 12e6);
        (, uint256 ok2) = _listNew(carol, 13e6);
        (, uint256 own) = _listNew(bob, 14e6);
        vm.prank(alice);
        nft.transferFrom(alice, dave(), movedToken); // becomes invalid mid-way
        vm.prank(carol);
        market.updatePrice(raised, 20e6);

        uint256[] memory ids = new uint256[](5);
        uint256[] memory maxes = new uint256[](5);
        (ids[0], ids[1], ids[2], ids[3], ids[4]) = (ok1, moved, raised, ok2, own);
        (maxes[0], maxes[1], maxes[2], maxes[3], maxes[4]) = (10e6, 11e6, 12e6, 13e6, 14e6);
        _fund(bob, 60e6);
        vm.expectEmit(address(market));
        emit Marketplace.SweepSkipped(moved, bob, Marketplace.SkipReason.OwnerChanged);
        vm.expectEmit(address(market));
        emit Marketplace.SweepSkipped(raised, bob, Marketplace.SkipReason.PriceAboveMax);
        vm.expectEmit(address(market));
        emit Marketplace.SweepSkipped(own, bob, Marketplace.SkipReason.OwnListing);
        vm.prank(bob);
        (uint256 spent, bool[] memory bought) = market.sweep(ids, maxes, 60e6);
        assertEq(spent, 23e6);
        assertTrue(bought[0] && bought[3]);
        assertFalse(bought[1] || bought[2] || bought[4]);
        assertEq(usdt.balanceOf(bob), 60e6 - 23e6, "paid only what it bought");
        assertEq(uint8(market.status(ok1)), uint8(Marketplace.Status.Sold));
        assertEq(uint8(market.status(ok2)), uint8(Marketplace.Status.Sold));
        assertEq(uint8(market.status(raised)), uint8(Marketplace.Status.Active));
        assertEq(usdt.balanceOf(address(market)), 0);
    }

    function test_sweep_stopsAtTheTotalAndSkipsDuplicates() public {
        (, uint256 a) = _listNew(alice, 10e6);
        (, uint256 b) = _listNew(carol, 10e6);
        uint256[] memory ids = new uint256[](3);
        (ids[0], ids[1], ids[2]) = (a, a, b);
        uint256[] memory maxes = _repeat(10e6, 3);
        _fund(bob, 15e6);
        vm.expectEmit(address(market));
        emit Marketplace.SweepSkipped(a, bob, Marketplace.SkipReason.Sold);
        vm.expectEmit(address(market));
        emit Marketplace.SweepSkipped(b, bob, Marketplace.SkipReason.OverTotal);
        vm.prank(bob);
        (uint256 spent,) = market.sweep(ids, maxes, 15e6);
        assertEq(spent, 10e6);
        assertEq(uint8(market.status(b)), uint8(Marketplace.Status.Active));
    }

    function test_sweep_refusals() public {
        (, uint256 a) = _listNew(alice, 10e6);
        vm.prank(alice);
        market.cancel(a);
        vm.startPrank(bob);
        vm.expectRevert(Marketplace.NothingSwept.selector);
        market.sweep(_one(a), _one(10e6), 10e6);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.BadLength.selector, 0, 50));
        market.sweep(new uint256[](0), new uint256[](0), 0);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.BadLength.selector, 51, 50));
        market.sweep(new uint256[](51), new uint256[](51), 0);
        vm.expectRevert(Marketplace.LengthMismatch.selector);
        market.sweep(_one(a), new uint256[](2), 10e6);
        vm.stopPrank();
    }

    // ================================================================ bulk listing

    function test_listMany_listsEachAtItsPrice() public {
        uint256 t1 = _buy(alice, pBtc, 1);
        uint256 t2 = _buy(alice, pFil, 1);
        _approveAll(alice);
        uint256[] memory tokens = new uint256[](2);
        (tokens[0], tokens[1]) = (t1, t2);
        uint256[] memory prices = new uint256[](2);
        (prices[0], prices[1]) = (30e6, 50e6);
        vm.prank(alice);
        uint256[] memory ids = market.listMany(tokens, prices, 7 days);
        assertEq(market.listing(ids[0]).price, 30e6);
        assertEq(market.listing(ids[1]).tokenId, t2);
        assertEq(market.listing(ids[1]).expiresAt, block.timestamp + 7 days);
        vm.prank(alice);
        vm.expectRevert(Marketplace.LengthMismatch.selector);
        market.listMany(tokens, _one(1), 0);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotTokenOwner.selector, t1, bob, alice));
        market.listMany(tokens, prices, 0);
    }

    // ================================================================ the two holes, closed

    /// Reward stripping: before, a seller could claim an NFT's rewards (or front-run `buy` with a claim) and the
    /// listing stayed Active at the same price. Now every sale pays the accrued rewards to the seller and the
    /// buyer receives an NFT with none unclaimed, so what the buyer pays for is the same whether or not the
    /// seller claims first.
    function test_hole_rewardStripping_closed() public {
        uint256 tokenId = _buy(alice, pBtc, 2);
        _advanceDays(6);
        _postAll(BTC, BTC_OUT);
        uint256 accrued = rewards.accrued(tokenId);
        assertEq(accrued, 5 * 20 * 50);
        _approveAll(alice);
        uint256 id = _list(alice, tokenId, PRICE, 0);

        _fund(bob, PRICE);
        vm.expectEmit(address(market));
        emit Marketplace.SellerRewardsPaid(tokenId, alice, BTC, accrued);
        vm.prank(bob);
        market.buy(id, PRICE);
        assertEq(wbtc.balanceOf(alice), accrued, "seller paid the rewards inside the sale");
        assertEq(rewards.accrued(tokenId), 0, "the buyer's NFT comes without them");
        assertEq(nft.ownerOf(tokenId), bob);
        assertEq(nft.balanceOf(address(market)), 0);

        // a front-running claim changes nothing for the buyer: same NFT, same price, same rewards (none)
        uint256 t2 = _buy(carol, pBtc, 2);
        _advanceDays(3);
        _postAll(BTC, BTC_OUT);
        _approveAll(carol);
        uint256 id2 = _list(carol, t2, PRICE, 0);
        _claim(carol, _one(t2));
        _purchase(dave(), id2);
        assertEq(rewards.accrued(t2), 0);
        assertEq(nft.ownerOf(t2), dave());
    }

    /// Accepting an offer and sweeping follow the same rule.
    function test_rewardRule_appliesToOffersAndSweeps() public {
        uint256 t1 = _buy(alice, pBtc, 1);
        (uint256 t2, uint256 listed) = _listNew(carol, 10e6);
        _advanceDays(4);
        _postAll(BTC, BTC_OUT);
        uint256 r1 = rewards.accrued(t1);
        uint256 r2 = rewards.accrued(t2);
        assertGt(r1, 0);
        uint256 offerId = _productOffer(bob, pBtc, UNIT_DAY, 10, 1, 30);
        _accept(alice, offerId, t1);
        assertEq(wbtc.balanceOf(alice), r1);
        assertEq(rewards.accrued(t1), 0);
        _fund(dave(), 10e6);
        vm.prank(dave());
        market.sweep(_one(listed), _one(10e6), 10e6);
        assertEq(wbtc.balanceOf(carol), r2);
        assertEq(rewards.accrued(t2), 0);
    }

    /// Revival: before, a listing whose NFT left and came back (e.g. a repaid loan) was Active again at its old
    /// price and could be filled in the same block. Now the listing recorded the token's transfer count and is
    /// dead for good.
    function test_hole_listingRevival_closed() public {
        (uint256 tokenId, uint256 id) = _listNew(alice, 50e6);
        vm.prank(alice);
        nft.transferFrom(alice, carol, tokenId); // pledged, say
        vm.prank(carol);
        nft.transferFrom(carol, alice, tokenId); // and returned
        assertEq(nft.transferCount(tokenId), 2);
        assertEq(uint8(market.status(id)), uint8(Marketplace.Status.OwnerChanged), "stays dead");
        _fund(bob, 50e6);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.ListingTokenMoved.selector, tokenId, 0, 2));
        market.buy(id, 50e6);
        assertEq(nft.ownerOf(tokenId), alice);
        // a new listing by the seller works
        uint256 again = _list(alice, tokenId, 950e6, 0);
        assertEq(uint8(market.status(again)), uint8(Marketplace.Status.Active));
    }

    /// A token offer made before the token changed hands does not bind the token's later owners.
    function test_attack_offerOnTokenThatChangesHands() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        uint256 id = _tokenOffer(bob, tokenId, 10e6);
        vm.prank(alice);
        nft.transferFrom(alice, carol, tokenId);
        assertEq(_status(id), uint8(Marketplace.OfferStatus.TokenMoved));
        _approveAll(carol);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.OfferNotActive.selector, Marketplace.OfferStatus.TokenMoved));
        market.acceptOffer(id, tokenId, 0);
        vm.prank(carol);
        nft.transferFrom(carol, alice, tokenId);
        assertEq(_status(id), uint8(Marketplace.OfferStatus.TokenMoved), "not revived by the return either");
        vm.prank(bob);
        market.cancelOffer(id);
        assertEq(usdt.balanceOf(bob), 10e6);
    }

    /// The seller moves the NFT in a transaction that lands before their own acceptance (or an approved
    /// operator does): the acceptance reverts, paying nothing and taking nothing from the new holder.
    function test_attack_frontRunAcceptanceWithTransfer() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        uint256 id = _productOffer(bob, pBtc, UNIT_DAY, 100, 1, 30);
        _approveAll(alice);
        _approveAll(carol);
        vm.prank(alice);
        nft.transferFrom(alice, carol, tokenId); // lands first
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(Marketplace.NotTokenOwner.selector, tokenId, alice, carol));
        market.acceptOffer(id, tokenId, 0);
        assertEq(nft.ownerOf(tokenId), carol);
        assertEq(market.offer(id).escrow, UNIT_DAY * 100 * 30);
        _assertEscrowBacked();
    }

    /// The offer's buyer re-enters from onERC721Received to cancel the offer being filled (taking the escrow a
    /// second time) or all its offers: refused by the guard; swallowed, the fill is paid once and nothing else.
    function test_attack_reentrancyThroughReceiver() public {
        OfferBuyer buyer = new OfferBuyer(market);
        vm.prank(owner);
        usdt.mint(address(buyer), 100e6);
        buyer.approve(IERC20(address(usdt)), 100e6);
        uint256 t1 = _buy(alice, pBtc, 1);
        uint256 id = buyer.makeTokenOffer(t1, 40e6);
        uint256 spare = buyer.makeTokenOffer(t1, 30e6);

        for (uint8 m = 1; m <= 2; ++m) {
            buyer.arm(OfferBuyer.Mode(m), false, spare);
            _approveAll(alice);
            vm.prank(alice);
            vm.expectRevert(ReentrancyGuard.ReentrancyGuardReentrantCall.selector);
            market.acceptOffer(id, t1, 0);
        }
        buyer.arm(OfferBuyer.Mode.CancelOffer, true, id);
        vm.prank(alice);
        market.acceptOffer(id, t1, 0);
        assertFalse(buyer.reentered());
        assertEq(buyer.lastError(), abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector));
        assertEq(nft.ownerOf(t1), address(buyer));
        assertEq(usdt.balanceOf(address(buyer)), 30e6, "paid 40 once, 30 still escrowed");
        assertEq(market.offer(spare).escrow, 30e6);
        _assertEscrowBacked();
    }

    /// Fee changes while an offer is open: a raise does not apply to it, a cut does.
    function test_attack_feeChangeMidOffer() public {
        uint256 t1 = _buy(alice, pBtc, 1);
        uint256 t2 = _buy(alice, pBtc, 1);
        uint256 a = _tokenOffer(bob, t1, 100e6);
        uint256 b = _tokenOffer(bob, t2, 100e6);
        uint256 treasuryBefore = usdt.balanceOf(treasury);
        vm.prank(owner);
        market.setFeeBps(500);
        (, uint256 fee_,) = market.quoteOffer(a, t1);
        assertEq(fee_, 2.5e6, "raise ignored");
        _accept(alice, a, t1);
        assertEq(usdt.balanceOf(treasury) - treasuryBefore, 2.5e6);
        vm.prank(owner);
        market.setFeeBps(100);
        _accept(alice, b, t2);
        assertEq(usdt.balanceOf(treasury) - treasuryBefore, 2.5e6 + 1e6, "cut applied");
    }

    function dave() internal returns (address) {
        return makeAddr("dave");
    }
}
