// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {StdInvariant} from "forge-std/StdInvariant.sol";
import {MarketplaceFixture} from "./utils/MarketplaceFixture.sol";
import {OfferHandler} from "./utils/OfferHandler.sol";

/// @notice Escrowed offers under random sequences of offers, acceptances, cancels, cancel-all, transfers,
/// fee changes and time: the USDT the marketplace holds is exactly the sum of the offers' escrows.
contract MarketplaceOffersInvariantTest is MarketplaceFixture {
    OfferHandler internal handler;
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

    /// The marketplace never keeps an NFT between transactions.
    function invariant_holdsNoNft() public view {
        assertEq(nft.balanceOf(address(market)), 0);
    }
}
