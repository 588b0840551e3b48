// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";
import {PortfolioLens} from "../src/PortfolioLens.sol";
import {HashNFT} from "../src/HashNFT.sol";

/// @notice The portfolio lens returns exactly what HashNFT's and Rewards' own views say, in one call.
contract PortfolioLensTest is Base {
    PortfolioLens internal lens;

    function setUp() public override {
        super.setUp();
        lens = new PortfolioLens(nft, rewards);
    }

    function _check(address who) internal view returns (uint256 n) {
        PortfolioLens.Holdings memory h = lens.holdings(who);
        uint256[] memory ids = nft.tokensOfOwner(who);
        n = ids.length;
        assertEq(h.ids.length, n);
        for (uint256 i; i < n; ++i) assertEq(h.ids[i], ids[i]);
        if (n == 0) {
            // Nothing held: the other arrays are empty too, and no view was asked about an empty list.
            assertEq(h.positions.length, 0);
            assertEq(h.unclaimed.length, 0);
            assertEq(h.claimed.length, 0);
            return n;
        }
        HashNFT.Position[] memory ps = nft.positions(ids);
        (uint256[] memory unclaimed, uint256[] memory claimed) = rewards.balancesOf(ids);
        assertEq(h.positions.length, n);
        assertEq(h.unclaimed.length, n);
        assertEq(h.claimed.length, n);
        for (uint256 i; i < n; ++i) {
            assertEq(h.positions[i].productId, ps[i].productId);
            assertEq(h.positions[i].coin, ps[i].coin);
            assertEq(h.positions[i].hashrate, ps[i].hashrate);
            assertEq(h.positions[i].start, ps[i].start);
            assertEq(h.positions[i].end, ps[i].end);
            assertEq(h.unclaimed[i], unclaimed[i]);
            assertEq(h.claimed[i], claimed[i]);
        }
    }

    function test_holdings_emptyWallet() public view {
        assertEq(_check(carol), 0);
    }

    function test_holdings_equalTheViews_afterOutputClaimsAndTransfers() public {
        uint256 a = _buy(alice, pBtc, 2);
        _buy(alice, pEtc, 1);
        _buy(bob, pFil, 3);
        _advanceDays(5);
        _postAll(BTC, BTC_OUT);
        _postAll(ETC, ETC_OUT);
        _claim(alice, _one(a));
        _advanceDays(2);
        _postAll(BTC, BTC_OUT);
        vm.prank(alice);
        nft.transferFrom(alice, bob, a);

        assertEq(_check(alice), 1);
        assertEq(_check(bob), 2);
        PortfolioLens.Holdings memory h = lens.holdings(bob);
        // The claimed NFT moved with its history: claimed so far stays with the token, not the wallet.
        assertGt(h.claimed[1], 0);
        assertGt(h.unclaimed[1], 0);
    }

    function test_holdings_manyNfts() public {
        // More than a deployless call could return (its answer is capped at 24,576 bytes, about 95 NFTs).
        for (uint256 i; i < 100; ++i) _buy(alice, pBtc, 1); // the product's per-wallet cap
        for (uint256 i; i < 20; ++i) _buy(alice, pEtc, 1);
        _advanceDays(3);
        _postAll(BTC, BTC_OUT);
        _postAll(ETC, ETC_OUT);
        assertEq(_check(alice), 120);
    }

    /// Every storage slot and account the call touches cold again, as in a fresh eth_call.
    function _coolAll() internal {
        vm.cool(address(nft));
        vm.cool(address(rewards));
        vm.cool(address(lens));
    }

    /// An auditor's question for a read the page depends on: can a wallet hold so much that the call no longer
    /// fits a node's eth_call gas cap (geth's default is 50,000,000)? The cost per NFT is flat, whatever the
    /// number of days posted since it was bought (accrual reads a cumulative index, not each day), so the
    /// bound is a count: about 21,000 gas per NFT with every slot cold (asserted under 25,000), so about 2,400
    /// NFTs fit one call under that cap. A bigger wallet would see the page say it could not load, not a
    /// wrong figure; nothing is at stake on chain (a view, no state).
    function test_holdings_gasPerNftIsFlatAndBounded() public {
        for (uint256 i; i < 100; ++i) _buy(alice, pBtc, 1);
        _advanceDays(2);
        _postAll(BTC, BTC_OUT);
        _coolAll();
        uint256 g0 = gasleft();
        lens.holdings(alice);
        uint256 early = g0 - gasleft();
        // A year of output later, and with some of the NFTs claimed, the same call costs about the same.
        _claim(alice, _one(nft.tokensOfOwner(alice)[0]));
        _advanceDays(300);
        _postAll(BTC, BTC_OUT);
        _coolAll();
        g0 = gasleft();
        lens.holdings(alice);
        uint256 late = g0 - gasleft();
        emit log_named_uint("holdings(100 NFTs), gas after 2 days", early);
        emit log_named_uint("holdings(100 NFTs), gas after 302 days", late);
        assertLt(early, 100 * 25_000);
        assertLt(late, 100 * 25_000);
        assertLt(late, (early * 110) / 100);
    }
}
