// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {FaucetToken} from "../src/FaucetToken.sol";
import {Base} from "./Base.t.sol";

contract FaucetTokenTest is Base {
    function test_metadata_matchesDeployment() public view {
        assertEq(usdt.decimals(), 6);
        assertEq(wbtc.decimals(), 8);
        assertEq(etc.decimals(), 18);
        assertEq(fil.decimals(), 18);
        assertEq(usdt.symbol(), "USDT");
        assertEq(usdt.name(), "Tether USD");
        assertEq(usdt.faucetAmount(), 10_000e6);
        assertEq(usdt.faucetCooldown(), 1 days);
        assertEq(usdt.minter(), owner);
    }

    function test_faucet_mintsFixedAmountAndRecordsTime() public {
        vm.prank(bob);
        usdt.faucet();
        assertEq(usdt.balanceOf(bob), 10_000e6);
        assertEq(usdt.lastFaucetAt(bob), block.timestamp);
        assertEq(usdt.totalSupply(), 10_000e6);
    }

    function test_faucet_revertsDuringCooldownWithAvailableAt() public {
        vm.prank(bob);
        usdt.faucet();
        uint256 availableAt = block.timestamp + 1 days;

        vm.warp(availableAt - 1);
        vm.expectRevert(abi.encodeWithSelector(FaucetToken.FaucetCooldown.selector, availableAt));
        vm.prank(bob);
        usdt.faucet();

        vm.warp(availableAt);
        vm.prank(bob);
        usdt.faucet();
        assertEq(usdt.balanceOf(bob), 20_000e6);
    }

    function test_faucet_cooldownIsPerWallet() public {
        vm.prank(bob);
        usdt.faucet();
        vm.prank(carol);
        usdt.faucet();
        assertEq(usdt.balanceOf(carol), 10_000e6);
    }

    function test_faucet_revertsWhenDisabled() public {
        FaucetToken prod = new FaucetToken("Tether USD", "USDT", 6, 0, 1 days, owner);
        vm.expectRevert(FaucetToken.FaucetDisabled.selector);
        vm.prank(bob);
        prod.faucet();
    }

    function test_mint_onlyOwner() public {
        vm.prank(owner);
        usdt.mint(bob, 123);
        assertEq(usdt.balanceOf(bob), 123);

        vm.expectRevert(abi.encodeWithSelector(FaucetToken.NotMinter.selector, bob));
        vm.prank(bob);
        usdt.mint(bob, 1);
    }

    function test_permit_setsAllowanceFromSignature() public {
        bytes32 digest = _permitDigest(alice, bob, 5e6, 0, block.timestamp + 1 hours);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, digest);
        usdt.permit(alice, bob, 5e6, block.timestamp + 1 hours, v, r, s);
        assertEq(usdt.allowance(alice, bob), 5e6);
        assertEq(usdt.nonces(alice), 1);
    }

    function _permitDigest(address o, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                o,
                spender,
                value,
                nonce,
                deadline
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", usdt.DOMAIN_SEPARATOR(), structHash));
    }
}
