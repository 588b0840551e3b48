// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title PriceFeed
/// @notice A Chainlink AggregatorV3-shaped USD price feed for one coin, with 8 decimals.
/// The owner (the operator on local chains) posts prices; every post is a new round.
contract PriceFeed is Ownable {
    struct Round {
        int256 answer;
        uint64 updatedAt;
    }

    uint8 public constant decimals = 8;
    uint256 public constant version = 1;
    string public description;
    uint80 public latestRound;
    mapping(uint80 => Round) private _rounds;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    error InvalidPrice(int256 answer);
    error NoSuchRound(uint80 roundId);

    constructor(string memory description_, int256 initialAnswer, address owner_) Ownable(owner_) {
        description = description_;
        _post(initialAnswer);
    }

    /// @notice Posts a new USD price with 8 decimals.
    function setPrice(int256 answer) external onlyOwner {
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
