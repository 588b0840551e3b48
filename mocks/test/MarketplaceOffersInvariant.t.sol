// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StdInvariant} from "forge-std/StdInvariant.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {MarketLens} from "../src/MarketLens.sol";
import {MarketplaceFixture} from "./utils/MarketplaceFixture.sol";
import {OfferHandler} from "./utils/OfferHandler.sol";

/// @notice Escrowed offers under random sequences of offers, acceptances, cancels, cancel-all, transfers,
/// fee changes and time: the USDT the marketplace holds is exactly the sum of the offers' escrows.
contract MarketplaceOffersInvariantTest is MarketplaceFixture {
    OfferHandler internal handler;
    MarketLens internal lens;
    address[] internal actors;
    uint256 internal totalUsdt;

    function setUp() public override {
        super.setUp();
        for (uint256 i; i < 4; ++i) {
            actors.push(makeAddr(string.concat("actor", vm.toString(i))));
            _buy(actors[i], pBtc, 1 + i);
            _buy(actors[i], pEtc, 1);
            _buy(actors[i], pFil, 1);
            vm.prank(owner);
            usdt.mint(actors[i], 2_000e6);
        }
        totalUsdt = usdt.totalSupply();
        lens = new MarketLens(market);
        handler = new OfferHandler(market, nft, usdt, owner, actors);
        targetContract(address(handler));
    }

    function invariant_escrowEqualsSumOfOffers() public view {
        uint256 sum;
        uint256 n = market.offerCount();
        for (uint256 i = 1; i <= n; ++i) {
            sum += market.offer(i).escrow;
        }
        assertEq(market.totalEscrowed(), sum);
        assertEq(usdt.balanceOf(address(market)), sum);
    }

    /// No USDT is created or lost: actors, treasury and the escrow hold the whole supply.
    function invariant_usdtConserved() public view {
        uint256 sum = usdt.balanceOf(treasury) + usdt.balanceOf(address(market));
        for (uint256 i; i < actors.length; ++i) {
            sum += usdt.balanceOf(actors[i]);
        }
        assertEq(sum, totalUsdt);
    }

    /// The offer books hold exactly the open offers: each open offer once in its target's book and once in
    /// its buyer's list, and nothing else.
    function invariant_booksHoldExactlyTheOpenOffers() public view {
        uint256 n = market.offerCount();
        uint256 open;
        for (uint256 i = 1; i <= n; ++i) {
            Marketplace.Offer memory o = market.offer(i);
            bool isOpen = o.state == Marketplace.OfferState.Open;
            if (isOpen) ++open;
            (uint256[] memory book,,,) = lens.openOffers(o.kind, o.target, 0, n);
            (uint256[] memory mine,,,) = lens.openOffersOf(o.buyer, 0, n);
            assertEq(_count(book, i), isOpen ? 1 : 0);
            assertEq(_count(mine, i), isOpen ? 1 : 0);
        }
        uint256 listed;
        for (uint256 i; i < actors.length; ++i) {
            (,,, uint256 total) = lens.openOffersOf(actors[i], 0, 0);
            listed += total;
        }
        assertEq(listed, open);
    }

    function _count(uint256[] memory ids, uint256 id) internal pure returns (uint256 c) {
        for (uint256 i; i < ids.length; ++i) {
            if (ids[i] == id) ++c;
        }
    }

    /// The marketplace never keeps an NFT between transactions.
    function invariant_holdsNoNft() public view {
        assertEq(nft.balanceOf(address(market)), 0);
    }
}
