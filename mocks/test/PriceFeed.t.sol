// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {PriceFeed} from "../src/PriceFeed.sol";
import {Base} from "./Base.t.sol";

contract PriceFeedTest is Base {
    function test_constructor_postsRoundOne() public view {
        assertEq(btcFeed.decimals(), 8);
        assertEq(btcFeed.version(), 1);
        assertEq(btcFeed.description(), "BTC / USD");
        assertEq(btcFeed.latestRound(), 1);
        assertEq(btcFeed.latestAnswer(), 95_000e8);
        (uint80 id, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredIn) = btcFeed.latestRoundData();
        assertEq(id, 1);
        assertEq(answer, 95_000e8);
        assertEq(startedAt, T0);
        assertEq(updatedAt, T0);
        assertEq(answeredIn, 1);
    }

    function test_constructor_revertsOnInvalidInitialPrice() public {
        vm.expectRevert(abi.encodeWithSelector(PriceFeed.InvalidPrice.selector, int256(0)));
        new PriceFeed("X / USD", 0, owner);
    }

    function test_setPrice_startsNewRoundAndKeepsHistory() public {
        vm.warp(T0 + 1 hours);
        vm.expectEmit(address(btcFeed));
        emit PriceFeed.AnswerUpdated(96_000e8, 2, T0 + 1 hours);
        vm.prank(owner);
        btcFeed.setPrice(96_000e8);

        assertEq(btcFeed.latestRound(), 2);
        assertEq(btcFeed.latestAnswer(), 96_000e8);
        (uint80 id, int256 answer,, uint256 updatedAt, uint80 answeredIn) = btcFeed.latestRoundData();
        assertEq(id, 2);
        assertEq(answer, 96_000e8);
        assertEq(updatedAt, T0 + 1 hours);
        assertEq(answeredIn, 2);

        (id, answer,, updatedAt,) = btcFeed.getRoundData(1);
        assertEq(id, 1);
        assertEq(answer, 95_000e8);
        assertEq(updatedAt, T0);
    }

    function test_setPrice_revertsOnZeroOrNegative() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(PriceFeed.InvalidPrice.selector, int256(0)));
        btcFeed.setPrice(0);
        vm.expectRevert(abi.encodeWithSelector(PriceFeed.InvalidPrice.selector, int256(-1)));
        btcFeed.setPrice(-1);
        vm.stopPrank();
        assertEq(btcFeed.latestRound(), 1);
    }

    function test_setPrice_onlyOwner() public {
        vm.expectRevert(abi.encodeWithSelector(PriceFeed.NotPoster.selector, operator));
        vm.prank(operator);
        btcFeed.setPrice(1e8);
    }

    function test_getRoundData_revertsForUnknownRound() public {
        vm.expectRevert(abi.encodeWithSelector(PriceFeed.NoSuchRound.selector, uint80(0)));
        btcFeed.getRoundData(0);
        vm.expectRevert(abi.encodeWithSelector(PriceFeed.NoSuchRound.selector, uint80(2)));
        btcFeed.getRoundData(2);
    }

    function testFuzz_setPrice_anyPositiveAnswer(int256 answer) public {
        answer = bound(answer, 1, type(int256).max);
        vm.prank(owner);
        filFeed.setPrice(answer);
        assertEq(filFeed.latestAnswer(), answer);
    }
}
