// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {Multicall3} from "../src/Multicall3.sol";

contract Reverter {
    error Nope(uint256 code);

    function fail() external pure {
        revert Nope(7);
    }
}

contract Multicall3Test is Test {
    Multicall3 internal mc;
    Reverter internal reverter;

    function setUp() public {
        mc = new Multicall3();
        reverter = new Reverter();
    }

    function test_getEthBalance_readsNativeBalance() public {
        address who = makeAddr("who");
        assertEq(mc.getEthBalance(who), 0);
        vm.deal(who, 3 ether);
        assertEq(mc.getEthBalance(who), 3 ether);
    }

    function test_getEthBalance_throughAggregate3() public {
        address who = makeAddr("who");
        vm.deal(who, 1.5 ether);
        vm.warp(1_800_000_000);
        vm.roll(42);
        Multicall3.Call3[] memory calls = new Multicall3.Call3[](3);
        calls[0] = Multicall3.Call3(address(mc), false, abi.encodeCall(Multicall3.getEthBalance, (who)));
        calls[1] = Multicall3.Call3(address(mc), false, abi.encodeCall(Multicall3.getCurrentBlockTimestamp, ()));
        calls[2] = Multicall3.Call3(address(mc), false, abi.encodeCall(Multicall3.getBlockNumber, ()));
        Multicall3.Result[] memory out = mc.aggregate3(calls);
        assertTrue(out[0].success && out[1].success && out[2].success);
        assertEq(abi.decode(out[0].returnData, (uint256)), 1.5 ether);
        assertEq(abi.decode(out[1].returnData, (uint256)), 1_800_000_000);
        assertEq(abi.decode(out[2].returnData, (uint256)), 42);
    }

    function test_aggregate3_allowFailureKeepsGoing() public {
        Multicall3.Call3[] memory calls = new Multicall3.Call3[](2);
        calls[0] = Multicall3.Call3(address(reverter), true, abi.encodeCall(Reverter.fail, ()));
        calls[1] = Multicall3.Call3(address(mc), false, abi.encodeCall(Multicall3.getBlockNumber, ()));
        Multicall3.Result[] memory out = mc.aggregate3(calls);
        assertFalse(out[0].success);
        assertEq(out[0].returnData, abi.encodeWithSelector(Reverter.Nope.selector, 7));
        assertTrue(out[1].success);
    }

    function test_aggregate3_revertsWhenFailureNotAllowed() public {
        Multicall3.Call3[] memory calls = new Multicall3.Call3[](2);
        calls[0] = Multicall3.Call3(address(mc), false, abi.encodeCall(Multicall3.getBlockNumber, ()));
        calls[1] = Multicall3.Call3(address(reverter), false, abi.encodeCall(Reverter.fail, ()));
        vm.expectRevert(abi.encodeWithSelector(Multicall3.CallFailed.selector, 1, abi.encodeWithSelector(Reverter.Nope.selector, 7)));
        mc.aggregate3(calls);
    }
}
