// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Marketplace} from "../src/Marketplace.sol";
import {MarketLens} from "../src/MarketLens.sol";
import {MarketplaceFixture} from "./utils/MarketplaceFixture.sol";

/// @notice The offer books: open offers listed by what they are for and by buyer (openOffers, openOffersOf),
/// kept exact through cancel, cancel-all, partial and full fills; and bestOffers (top k Active offers per
/// target within a bounded, paginated scan).
contract MarketplaceOfferBooksTest is MarketplaceFixture {
    Marketplace.OfferKind internal constant TOKEN = Marketplace.OfferKind.Token;
    Marketplace.OfferKind internal constant PRODUCT = Marketplace.OfferKind.Product;
    Marketplace.OfferKind internal constant COIN = Marketplace.OfferKind.Coin;

    MarketLens internal lens;

    function setUp() public override {
        super.setUp();
        lens = new MarketLens(market);
    }

    function _tokenOffer(address who, uint256 tokenId, uint256 amount) internal returns (uint256 id) {
        _fund(who, amount);
        vm.prank(who);
        id = market.makeTokenOffer(tokenId, amount, 0);
    }

    function _productOffer(address who, uint256 productId, uint256 price, uint64 units) internal returns (uint256 id) {
        _fund(who, price * units * 30);
        vm.prank(who);
        id = market.makeProductOffer(PRODUCT, productId, price, units, 1, 30, 0);
    }

    function _ids(Marketplace.OfferKind kind, uint256 target) internal view returns (uint256[] memory ids, uint256 total) {
        (ids,,, total) = lens.openOffers(kind, target, 0, 1000);
    }

    function _idsOf(address buyer) internal view returns (uint256[] memory ids, uint256 total) {
        (ids,,, total) = lens.openOffersOf(buyer, 0, 1000);
    }

    function _has(uint256[] memory ids, uint256 id) internal pure returns (bool) {
        for (uint256 i; i < ids.length; ++i) {
            if (ids[i] == id) return true;
        }
        return false;
    }

    function test_books_listOpenOffersByTargetAndBuyer_andDropClosedOnes() public {
        uint256 tokenId = _buy(alice, pBtc, 2);
        uint256 t1 = _tokenOffer(bob, tokenId, 5e6);
        uint256 t2 = _tokenOffer(carol, tokenId, 6e6);
        uint256 t3 = _tokenOffer(bob, tokenId, 7e6);
        uint256 p1 = _productOffer(bob, pBtc, 100, 30);

        (uint256[] memory ids, uint256 total) = _ids(TOKEN, tokenId);
        assertEq(total, 3);
        assertTrue(_has(ids, t1) && _has(ids, t2) && _has(ids, t3));
        (ids, total) = _idsOf(bob);
        assertEq(total, 3);
        assertTrue(_has(ids, t1) && _has(ids, t3) && _has(ids, p1));
        (ids, total) = _ids(PRODUCT, pBtc);
        assertEq(total, 1);
        assertEq(ids[0], p1);

        // cancel the first: the last takes its place, and that one can still be removed
        vm.prank(bob);
        market.cancelOffer(t1);
        (ids, total) = _ids(TOKEN, tokenId);
        assertEq(total, 2);
        assertFalse(_has(ids, t1));
        vm.prank(bob);
        market.cancelOffer(t3);
        (ids, total) = _ids(TOKEN, tokenId);
        assertEq(total, 1);
        assertEq(ids[0], t2);
        (ids, total) = _idsOf(bob);
        assertEq(total, 1);
        assertEq(ids[0], p1);

        // a partial fill keeps a product offer open; the last units close it
        _approveAll(alice);
        vm.prank(alice);
        market.acceptOffer(p1, tokenId, 0);
        (, total) = _ids(PRODUCT, pBtc);
        assertEq(total, 1, "10 units still wanted");
        uint256 other = _buy(alice, pBtc, 1);
        vm.prank(alice);
        market.acceptOffer(p1, other, 0);
        (, total) = _ids(PRODUCT, pBtc);
        assertEq(total, 0, "filled");
        (, total) = _idsOf(bob);
        assertEq(total, 0);

        // an accepted token offer leaves its book (carol's offer is now on a token bob holds)
        (ids, total) = _ids(TOKEN, tokenId);
        assertEq(total, 1);
        (, total) = _idsOf(carol);
        assertEq(total, 1);
    }

    function test_books_cancelAllVoidsButKeepsUnrefundedOffersReclaimable() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        uint256 a = _tokenOffer(bob, tokenId, 5e6);
        uint256 b = _tokenOffer(bob, tokenId, 6e6);
        vm.prank(bob);
        market.cancelAllOffers(_one(a));
        (uint256[] memory ids, uint256 total) = _idsOf(bob);
        assertEq(total, 1, "b still holds escrow");
        assertEq(ids[0], b);
        (,, Marketplace.OfferStatus[] memory st,) = lens.openOffersOf(bob, 0, 10);
        assertEq(uint8(st[0]), uint8(Marketplace.OfferStatus.Cancelled));
        // voided offers are never the best
        (ids,,) = lens.bestOffers(TOKEN, _one(tokenId), 1, 0, 100);
        assertEq(ids[0], 0);
    }

    function test_openOffers_paginationEdges() public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        for (uint256 i; i < 5; ++i) {
            _tokenOffer(bob, tokenId, 1e6 + i);
        }
        (uint256[] memory ids,,, uint256 total) = lens.openOffers(TOKEN, tokenId, 0, 2);
        assertEq(ids.length, 2);
        assertEq(total, 5);
        (ids,,, total) = lens.openOffers(TOKEN, tokenId, 4, 10);
        assertEq(ids.length, 1, "clipped at the end");
        assertEq(ids[0], 5);
        (ids,,, total) = lens.openOffers(TOKEN, tokenId, 5, 10);
        assertEq(ids.length, 0, "from = total");
        assertEq(total, 5);
        (ids,,, total) = lens.openOffers(TOKEN, tokenId, type(uint256).max, type(uint256).max);
        assertEq(ids.length, 0, "from past the end");
        (ids,,,) = lens.openOffers(TOKEN, tokenId, 0, 0);
        assertEq(ids.length, 0, "count 0");
        (ids,,, total) = lens.openOffers(TOKEN, tokenId + 1, 0, 10);
        assertEq(ids.length + total, 0, "no offers on another token");
        // pages with from = 0, 2, 4 cover every offer once
        uint256 seen;
        for (uint256 from; from < 5; from += 2) {
            (ids,,,) = lens.openOffers(TOKEN, tokenId, from, 2);
            for (uint256 i; i < ids.length; ++i) {
                assertEq(seen & (1 << ids[i]), 0, "seen once");
                seen |= 1 << ids[i];
            }
        }
        assertEq(seen, 0x3e, "ids 1 to 5, each seen");
    }

    function test_bestOffers_topKBestFirst_skipsInactive_tiesKeepTheEarlier() public {
        // unit-day prices 300, 500, 100, 500, 400: the two 500s tie, the first made comes first
        _productOffer(bob, pBtc, 300, 5);
        uint256 o2 = _productOffer(carol, pBtc, 500, 5);
        _productOffer(bob, pBtc, 100, 5);
        uint256 o4 = _productOffer(bob, pBtc, 500, 5);
        uint256 o5 = _productOffer(carol, pBtc, 400, 5);
        (uint256[] memory ids, Marketplace.Offer[] memory items, uint256[] memory totals) =
            lens.bestOffers(PRODUCT, _one(pBtc), 3, 0, 100);
        assertEq(totals[0], 5);
        assertEq(ids.length, 3);
        assertEq(ids[0], o2);
        assertEq(ids[1], o4);
        assertEq(ids[2], o5);
        assertEq(items[0].price, 500);
        assertEq(items[2].price, 400);

        // expired, cancelled and voided offers are skipped
        vm.prank(carol);
        market.cancelOffer(o2);
        vm.prank(bob);
        market.cancelAllOffers(new uint256[](0)); // voids o1, o3, o4 (escrow stays, reclaimable)
        (ids,,) = lens.bestOffers(PRODUCT, _one(pBtc), 3, 0, 100);
        assertEq(ids[0], o5);
        assertEq(ids[1], 0, "fewer than k: zero ids");
        assertEq(ids[2], 0);
        vm.warp(block.timestamp + 31 days);
        (ids,,) = lens.bestOffers(PRODUCT, _one(pBtc), 3, 0, 100);
        assertEq(ids[0], 0, "expired");
    }

    function test_bestOffers_boundedWindowAndSeveralTargets() public {
        uint256 tokenA = _buy(alice, pBtc, 1);
        uint256 tokenB = _buy(alice, pEtc, 1);
        uint256 a1 = _tokenOffer(bob, tokenA, 3e6);
        uint256 a2 = _tokenOffer(carol, tokenA, 9e6);
        uint256 a3 = _tokenOffer(bob, tokenA, 4e6);
        uint256 b1 = _tokenOffer(bob, tokenB, 2e6);
        uint256[] memory targets = new uint256[](3);
        targets[0] = tokenA;
        targets[1] = tokenB;
        targets[2] = tokenB + 100; // no offers

        (uint256[] memory ids,, uint256[] memory totals) = lens.bestOffers(TOKEN, targets, 2, 0, 100);
        assertEq(ids.length, 6);
        assertEq(ids[0], a2);
        assertEq(ids[1], a3);
        assertEq(ids[2], b1);
        assertEq(ids[3], 0);
        assertEq(ids[4] + ids[5], 0);
        assertEq(totals[0], 3);
        assertEq(totals[1], 1);
        assertEq(totals[2], 0);

        // a window of one entry from place 0 sees only a1; from place 2 only a3; past the end nothing
        (ids,, totals) = lens.bestOffers(TOKEN, _one(tokenA), 2, 0, 1);
        assertEq(ids[0], a1);
        assertEq(ids[1], 0);
        assertEq(totals[0], 3, "the total says there is more to read");
        (ids,,) = lens.bestOffers(TOKEN, _one(tokenA), 1, 2, 1);
        assertEq(ids[0], a3);
        (ids,,) = lens.bestOffers(TOKEN, _one(tokenA), 1, 3, 10);
        assertEq(ids[0], 0);
        // no overflow with an unbounded window or start
        (ids,,) = lens.bestOffers(TOKEN, _one(tokenA), 1, 1, type(uint256).max);
        assertEq(ids[0], a2);
        (ids,,) = lens.bestOffers(TOKEN, _one(tokenA), 1, type(uint256).max, type(uint256).max);
        assertEq(ids[0], 0);
        // k = 0: only the totals
        (ids,, totals) = lens.bestOffers(TOKEN, targets, 0, 0, 100);
        assertEq(ids.length, 0);
        assertEq(totals[0], 3);

        // a token offer whose NFT changed hands is not Active: the next best is
        vm.prank(alice);
        nft.transferFrom(alice, carol, tokenA);
        (ids,,) = lens.bestOffers(TOKEN, _one(tokenA), 1, 0, 100);
        assertEq(ids[0], 0, "all three were on the token before it moved");
    }

    function test_bestOffers_coinBookIsSeparateFromProductBook() public {
        _fund(bob, 100 * 5 * 30);
        vm.prank(bob);
        uint256 c = market.makeProductOffer(COIN, BTC, 100, 5, 1, 30, 0);
        uint256 p = _productOffer(bob, pBtc, 50, 5);
        (uint256[] memory ids,,) = lens.bestOffers(COIN, _one(BTC), 1, 0, 10);
        assertEq(ids[0], c);
        (ids,,) = lens.bestOffers(PRODUCT, _one(pBtc), 1, 0, 10);
        assertEq(ids[0], p);
    }

    /// Fuzz: after random cancels, the books hold exactly the open offers, each once.
    function testFuzz_books_exactAfterCancels(uint256 seed) public {
        uint256 tokenId = _buy(alice, pBtc, 1);
        uint256 n = 8;
        for (uint256 i; i < n; ++i) {
            _tokenOffer(i % 2 == 0 ? bob : carol, tokenId, 1e6 + i);
        }
        uint256 open = n;
        for (uint256 r; r < 6; ++r) {
            uint256 id = 1 + uint256(keccak256(abi.encode(seed, r))) % n;
            Marketplace.Offer memory o = market.offer(id);
            if (o.state != Marketplace.OfferState.Open) continue;
            vm.prank(o.buyer);
            market.cancelOffer(id);
            --open;
        }
        (uint256[] memory ids, uint256 total) = _ids(TOKEN, tokenId);
        assertEq(total, open);
        (, uint256 bobs) = _idsOf(bob);
        (, uint256 carols) = _idsOf(carol);
        assertEq(bobs + carols, open);
        for (uint256 id = 1; id <= n; ++id) {
            bool isOpen = market.offer(id).state == Marketplace.OfferState.Open;
            assertEq(_has(ids, id), isOpen);
            (uint256[] memory mine,) = _idsOf(market.offer(id).buyer);
            assertEq(_has(mine, id), isOpen);
        }
    }
}
