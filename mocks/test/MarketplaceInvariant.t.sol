// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StdInvariant} from "forge-std/StdInvariant.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {MarketplaceFixture} from "./utils/MarketplaceFixture.sol";
import {MarketHandler} from "./utils/MarketHandler.sol";

/// @notice Invariants of the marketplace under random sequences of list / buy / cancel / reprice / cancelAll /
/// NFT transfers / approval changes / fee changes / time, driven by `MarketHandler` with four actors.
contract MarketplaceInvariantTest is MarketplaceFixture {
    MarketHandler internal handler;
    address[] internal actors;
    uint256 internal totalUsdt;
    uint256 internal treasuryStart;
    uint256 internal nftCount;

    function setUp() public override {
        super.setUp();
        actors.push(makeAddr("actor0"));
        actors.push(makeAddr("actor1"));
        actors.push(makeAddr("actor2"));
        actors.push(makeAddr("actor3"));
        for (uint256 i; i < actors.length; ++i) {
            _buy(actors[i], pBtc, 1 + i);
            _buy(actors[i], pEtc, 2);
            _buy(actors[i], pFil, 1);
            vm.prank(owner);
            usdt.mint(actors[i], 500e6);
        }
        nftCount = nft.totalSupply();
        treasuryStart = usdt.balanceOf(treasury);
        totalUsdt = usdt.totalSupply();

        handler = new MarketHandler(market, nft, usdt, owner, actors);
        bytes4[] memory selectors = new bytes4[](10);
        selectors[0] = MarketHandler.list.selector;
        selectors[1] = MarketHandler.buy.selector;
        selectors[2] = MarketHandler.cancel.selector;
        selectors[3] = MarketHandler.updatePrice.selector;
        selectors[4] = MarketHandler.cancelAll.selector;
        selectors[5] = MarketHandler.transferAway.selector;
        selectors[6] = MarketHandler.revokeApproval.selector;
        selectors[7] = MarketHandler.restoreApproval.selector;
        selectors[8] = MarketHandler.setFee.selector;
        selectors[9] = MarketHandler.passTime.selector;
        targetSelector(StdInvariant.FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    /// Non-custodial: the marketplace never holds USDT or NFTs between transactions.
    function invariant_marketplaceHoldsNothing() public view {
        assertEq(usdt.balanceOf(address(market)), 0);
        assertEq(nft.balanceOf(address(market)), 0);
    }

    /// No USDT is created or lost: actors + treasury always hold the whole supply.
    function invariant_usdtConserved() public view {
        uint256 sum = usdt.balanceOf(treasury);
        for (uint256 i; i < actors.length; ++i) {
            sum += usdt.balanceOf(actors[i]);
        }
        assertEq(sum, totalUsdt);
        assertEq(usdt.totalSupply(), totalUsdt);
    }

    /// Every NFT is always owned by one of the actors.
    function invariant_nftsStayWithActors() public view {
        uint256 held;
        for (uint256 i; i < actors.length; ++i) {
            held += nft.balanceOf(actors[i]);
        }
        assertEq(held, nftCount);
        assertEq(nft.totalSupply(), nftCount);
    }

    /// The treasury received exactly the fees of the sales, and every buy was exact (checked in the handler).
    function invariant_feesAndPurchasesExact() public view {
        assertEq(usdt.balanceOf(treasury) - treasuryStart, handler.ghostFees());
        assertEq(handler.violations(), 0);
        assertLe(handler.ghostFees() * 20, handler.ghostVolume());
    }

    /// Listing bookkeeping: sold listings match the sales; an open listing is the latest of its token (so a
    /// token has at most one); an Active listing is buyable (seller owns it, not expired).
    function invariant_listingsConsistent() public view {
        uint256 n = market.listingCount();
        uint256 sold;
        for (uint256 id = 1; id <= n; ++id) {
            Marketplace.Listing memory l = market.listing(id);
            Marketplace.Status st = market.status(id);
            if (l.state == Marketplace.State.Sold) ++sold;
            if (l.state == Marketplace.State.Open) assertEq(market.listingOfToken(l.tokenId), id);
            if (st == Marketplace.Status.Active) {
                assertEq(nft.ownerOf(l.tokenId), l.seller);
                assertLt(block.timestamp, l.expiresAt);
                assertEq(l.counter, market.counterOf(l.seller));
            }
        }
        assertEq(sold, handler.ghostSales());
    }

    /// newestActive returns exactly the Active listings, newest first, with their NFT's position, whether it
    /// scans everything at once or page by page with a small scan bound.
    function invariant_newestActiveIsExactlyTheActiveListings() public view {
        uint256 n = market.listingCount();
        uint256 active;
        for (uint256 id = 1; id <= n; ++id) {
            if (market.status(id) == Marketplace.Status.Active) ++active;
        }
        (Marketplace.ListingView[] memory all, uint256 next, uint256 total) = market.newestActive(0, n + 1, n + 1);
        assertEq(total, n);
        assertEq(next, 0);
        assertEq(all.length, active);
        for (uint256 i; i < all.length; ++i) {
            if (i > 0) assertLt(all[i].id, all[i - 1].id);
            assertEq(uint8(market.status(all[i].id)), uint8(Marketplace.Status.Active));
            Marketplace.Listing memory l = market.listing(all[i].id);
            assertEq(all[i].listing.seller, l.seller);
            assertEq(all[i].listing.price, l.price);
            (uint32 productId, uint8 coin, uint64 hashrate,, uint64 end) = nft.positionOf(l.tokenId);
            assertEq(all[i].productId, productId);
            assertEq(all[i].coin, coin);
            assertEq(all[i].hashrate, hashrate);
            assertEq(all[i].termEnd, end);
        }
        // Paged: 2 at a time, looking at no more than 3 ids per call, gives the same ids in the same order.
        uint256 k;
        uint256 before;
        do {
            Marketplace.ListingView[] memory page;
            (page, next,) = market.newestActive(before, 2, 3);
            assertLe(page.length, 2);
            for (uint256 i; i < page.length; ++i) {
                assertEq(page[i].id, all[k++].id);
            }
            before = next;
        } while (next != 0);
        assertEq(k, all.length);
    }
}
