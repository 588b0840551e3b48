// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @notice Chainlink's AggregatorV3Interface (the subset every Chainlink feed and the local mock implement).
interface AggregatorV3Interface {
    function decimals() external view returns (uint8);
    function description() external view returns (string memory);
    function getRoundData(uint80 roundId)
        external
        view
        returns (uint80 roundId_, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);
}

/// @title OracleAdapter
/// @notice The only way LoanPool reads a price: one Chainlink AggregatorV3 feed per coin (by address: the
/// chain's real feed, or the local mock), with two guards.
///
/// 1. Staleness and sign. A round older than the coin's `maxAge` or with an answer <= 0 is refused with
///    `StalePrice(coin, updatedAt)` / `InvalidPrice(coin, answer)`: every price path reverts rather than
///    use it.
/// 2. Jump confirmation. If the latest round moved more than `maxJumpBps` from the round before it, the
///    latest answer is "unconfirmed" until a later round lands within the bound of it. While unconfirmed,
///    each side gets the price that cannot hurt it: `borrowPrice` is the lower of the two answers (a spike
///    up lends nothing extra), `liquidationPrice` the higher (a crash of one round liquidates nobody), and
///    conversions at the oracle price are skipped. A real move is confirmed by the next round (Chainlink
///    posts one per heartbeat or deviation), so the guard delays, it never blocks. Stateless: it reads
///    rounds, needs no keeper, and cannot be stuck. If the previous round cannot be read (the first round,
///    or a Chainlink phase change) the latest counts as confirmed.
///
/// Feeds and bounds change only through the owner (the DAO's timelock), within hard bounds.
contract OracleAdapter is Ownable2Step {
    uint256 public constant BPS = 10_000;
    /// @notice Hard bounds of `maxAge`: one minute to 365 days (local chains use a long one, since their
    /// clock is moved by hand; real chains a couple of heartbeats).
    uint256 public constant MIN_MAX_AGE = 60;
    uint256 public constant MAX_MAX_AGE = 365 days;
    /// @notice Hard bounds of `maxJumpBps`: 1% to 50% between two consecutive rounds.
    uint256 public constant MIN_JUMP_BPS = 100;
    uint256 public constant MAX_JUMP_BPS = 5_000;

    struct FeedConfig {
        AggregatorV3Interface feed;
        /// seconds after `updatedAt` at which a round is stale
        uint32 maxAge;
        /// largest move between consecutive rounds used without confirmation, in bps of the older answer
        uint16 maxJumpBps;
    }

    /// @notice A coin's price as the pool may use it.
    struct Quote {
        /// latest round's answer (feed decimals)
        uint256 latest;
        /// previous round's answer; equal to `latest` when there is none
        uint256 previous;
        uint256 updatedAt;
        uint80 roundId;
        uint8 decimals;
        /// latest moved more than maxJumpBps from previous and is not yet confirmed by a later round
        bool unconfirmed;
    }

    mapping(uint8 coin => FeedConfig) private _feeds;

    event FeedSet(uint8 indexed coin, address indexed feed, uint32 maxAge, uint16 maxJumpBps);

    error UnknownFeed(uint8 coin);
    error StalePrice(uint8 coin, uint256 updatedAt);
    error InvalidPrice(uint8 coin, int256 answer);
    error ParamOutOfBounds(string param, uint256 value, uint256 min, uint256 max);
    error ZeroAddress();

    constructor(address owner_) Ownable(owner_) {}

    /// @notice Points `coin` at a Chainlink AggregatorV3 feed, with its staleness limit and jump bound.
    function setFeed(uint8 coin, AggregatorV3Interface feed, uint32 maxAge, uint16 maxJumpBps) external onlyOwner {
        if (address(feed) == address(0)) revert ZeroAddress();
        if (maxAge < MIN_MAX_AGE || maxAge > MAX_MAX_AGE) {
            revert ParamOutOfBounds("maxAge", maxAge, MIN_MAX_AGE, MAX_MAX_AGE);
        }
        if (maxJumpBps < MIN_JUMP_BPS || maxJumpBps > MAX_JUMP_BPS) {
            revert ParamOutOfBounds("maxJumpBps", maxJumpBps, MIN_JUMP_BPS, MAX_JUMP_BPS);
        }
        feed.decimals(); // must speak the interface
        _feeds[coin] = FeedConfig(feed, maxAge, maxJumpBps);
        emit FeedSet(coin, address(feed), maxAge, maxJumpBps);
    }

    function feedOf(uint8 coin) external view returns (FeedConfig memory) {
        return _feeds[coin];
    }

    /// @notice The coin's latest round with its guard state; reverts on a stale or non-positive answer.
    function quote(uint8 coin) public view returns (Quote memory q) {
        FeedConfig memory f = _feeds[coin];
        if (address(f.feed) == address(0)) revert UnknownFeed(coin);
        int256 answer;
        (q.roundId, answer,, q.updatedAt,) = f.feed.latestRoundData();
        if (answer <= 0) revert InvalidPrice(coin, answer);
        if (q.updatedAt > block.timestamp || block.timestamp - q.updatedAt > f.maxAge) {
            revert StalePrice(coin, q.updatedAt);
        }
        q.decimals = f.feed.decimals();
        q.latest = SafeCast.toUint256(answer);
        q.previous = q.latest;
        if (q.roundId > 0) {
            try f.feed.getRoundData(q.roundId - 1) returns (uint80, int256 prev, uint256, uint256 prevAt, uint80) {
                if (prev > 0 && prevAt != 0) q.previous = uint256(prev);
            } catch {}
        }
        uint256 diff = q.latest > q.previous ? q.latest - q.previous : q.previous - q.latest;
        q.unconfirmed = diff * BPS > q.previous * f.maxJumpBps;
    }

    /// @notice Price for selling reward coins at the oracle price (self-repay): the latest answer, only if it is
    /// fresh, positive and confirmed; `ok` is false otherwise (the caller then converts nothing). Never reverts.
    function conversionPrice(uint8 coin) external view returns (bool ok, uint256 price, uint8 decimals) {
        try this.quote(coin) returns (Quote memory q) {
            if (!q.unconfirmed) return (true, q.latest, q.decimals);
        } catch {}
        return (false, 0, 0);
    }

    /// @notice Price for lending (borrow, borrow more, max-borrow views): on an unconfirmed jump, the lower
    /// of the two latest rounds. Reverts if stale or non-positive.
    function borrowPrice(uint8 coin) external view returns (uint256 price, uint8 decimals) {
        Quote memory q = quote(coin);
        price = q.unconfirmed && q.previous < q.latest ? q.previous : q.latest;
        decimals = q.decimals;
    }

    /// @notice Price for health factors, liquidation and write-off: on an unconfirmed jump, the higher of the
    /// two latest rounds. Reverts if stale or non-positive.
    function liquidationPrice(uint8 coin) external view returns (uint256 price, uint8 decimals) {
        Quote memory q = quote(coin);
        price = q.unconfirmed && q.previous > q.latest ? q.previous : q.latest;
        decimals = q.decimals;
    }
}
