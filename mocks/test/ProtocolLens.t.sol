// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";
import {ProtocolLens} from "../src/ProtocolLens.sol";
import {Rewards} from "../src/Rewards.sol";

interface FaucetTokenLike {
    function decimals() external view returns (uint8);
}

interface IFeedLike {
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80);
}

/// @notice The deployless lens returns exactly what the contracts' own views say, in one call.
contract ProtocolLensTest is Base {
    ProtocolLens internal lens;

    function setUp() public override {
        super.setUp();
        lens = new ProtocolLens();
    }

    function _check(uint256 historyDays) internal view {
        ProtocolLens.Snapshot memory s = lens.snapshot(rewards, usdt, historyDays);
        assertEq(s.genesis, rewards.genesis());
        assertEq(s.currentDay, rewards.currentDay());
        assertEq(s.usdtDecimals, usdt.decimals());
        assertEq(s.usdtSymbol, usdt.symbol());
        Rewards.Coin[] memory coins = rewards.coins();
        assertEq(s.coins.length, coins.length);
        for (uint256 i; i < coins.length; ++i) {
            ProtocolLens.CoinView memory v = s.coins[i];
            assertEq(v.token, address(coins[i].token));
            assertEq(v.priceFeed, coins[i].priceFeed);
            assertEq(v.symbol, coins[i].symbol);
            assertEq(v.unit, coins[i].unit);
            assertEq(v.postedDays, coins[i].postedDays);
            assertEq(v.decimals, FaucetTokenLike(address(coins[i].token)).decimals());
            (, int256 answer,, uint256 updatedAt,) = IFeedLike(coins[i].priceFeed).latestRoundData();
            assertEq(v.price, answer);
            assertEq(v.priceUpdatedAt, updatedAt);
            uint256 posted = coins[i].postedDays;
            uint256 from = posted > historyDays ? posted - historyDays : 0;
            uint256[] memory h = rewards.outputHistory(uint8(i), from, posted);
            assertEq(v.history.length, h.length);
            for (uint256 d; d < h.length; ++d) assertEq(v.history[d], h[d]);
        }
    }

    function test_snapshot_equalsTheViews_beforeAnyOutput() public view {
        _check(30);
    }

    function test_snapshot_equalsTheViews_withMoreDaysPostedThanAsked() public {
        vm.warp(block.timestamp + 40 days);
        _postAll(BTC, BTC_OUT);
        _postAll(ETC, ETC_OUT);
        _check(30); // the last 30 of 50 posted days
        _check(0); // none asked: empty histories
        _check(1000); // more asked than exist: all of them
    }
}
