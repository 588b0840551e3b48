// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Rewards} from "./Rewards.sol";

interface IRoundFeed {
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}

/// @title ProtocolLens
/// @notice Never deployed: the app runs it as a deployless `eth_call` (its creation code sent with the call),
/// so the protocol state every page needs (coins, their token decimals, prices and recent output, the day
/// clock, the stablecoin) comes back in ONE round trip instead of two dependent multicalls. Read-only: it has
/// no state and no owner, and holds nothing.
contract ProtocolLens {
    struct CoinView {
        address token;
        address priceFeed;
        string symbol;
        string unit;
        uint32 postedDays;
        uint8 decimals;
        int256 price;
        uint256 priceUpdatedAt;
        /// output per hashrate unit for days [postedDays - history.length, postedDays)
        uint256[] history;
    }

    struct Snapshot {
        uint256 genesis;
        uint256 currentDay;
        uint8 usdtDecimals;
        string usdtSymbol;
        CoinView[] coins;
    }

    /// @param historyDays how many of each coin's latest posted days of output to return (fewer if fewer exist)
    function snapshot(Rewards rewards, IERC20Metadata usdt, uint256 historyDays) external view returns (Snapshot memory s) {
        s.genesis = rewards.genesis();
        s.currentDay = rewards.currentDay();
        s.usdtDecimals = usdt.decimals();
        s.usdtSymbol = usdt.symbol();
        Rewards.Coin[] memory coins = rewards.coins();
        s.coins = new CoinView[](coins.length);
        for (uint256 i; i < coins.length; ++i) {
            Rewards.Coin memory c = coins[i];
            CoinView memory v = s.coins[i];
            v.token = address(c.token);
            v.priceFeed = c.priceFeed;
            v.symbol = c.symbol;
            v.unit = c.unit;
            v.postedDays = c.postedDays;
            v.decimals = IERC20Metadata(address(c.token)).decimals();
            (, v.price,, v.priceUpdatedAt,) = IRoundFeed(c.priceFeed).latestRoundData();
            uint256 from = c.postedDays > historyDays ? c.postedDays - historyDays : 0;
            v.history = rewards.outputHistory(uint8(i), from, c.postedDays);
        }
    }
}
