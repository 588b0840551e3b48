// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title PriceFeed
/// @notice A mock of Chainlink's AggregatorV3Interface for local chains: a USD price for one coin, 8 decimals,
/// with rounds and `updatedAt`. Only the dev role `poster` (fixed at deployment; a dev account) posts; every
/// post is a new round. It has no owner and is never deployed on real chains, where the deployment config
/// points the OracleAdapter at the chain's Chainlink feeds by address, which nobody here can post to.
contract PriceFeed {
    struct Round {
        int256 answer;
        uint64 updatedAt;
    }

    uint8 public constant decimals = 8;
    uint256 public constant version = 1;
    string public description;
    /// @notice The dev role that posts rounds (local chains only).
    address public immutable poster;
    uint80 public latestRound;
    mapping(uint80 => Round) private _rounds;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    error InvalidPrice(int256 answer);
    error NoSuchRound(uint80 roundId);
    error NotPoster(address caller);

    constructor(string memory description_, int256 initialAnswer, address poster_) {
        description = description_;
        poster = poster_;
        _post(initialAnswer);
    }

    /// @notice Posts a new USD price with 8 decimals.
    function setPrice(int256 answer) external {
        if (msg.sender != poster) revert NotPoster(msg.sender);
        _post(answer);
    }

    function _post(int256 answer) private {
        if (answer <= 0) revert InvalidPrice(answer);
        uint80 id = latestRound + 1;
        latestRound = id;
        _rounds[id] = Round(answer, uint64(block.timestamp));
        emit AnswerUpdated(answer, id, block.timestamp);
    }

    function getRoundData(uint80 roundId) public view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory r = _rounds[roundId];
        if (r.updatedAt == 0) revert NoSuchRound(roundId);
        return (roundId, r.answer, r.updatedAt, r.updatedAt, roundId);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return getRoundData(latestRound);
    }

    function latestAnswer() external view returns (int256) {
        return _rounds[latestRound].answer;
    }
}
