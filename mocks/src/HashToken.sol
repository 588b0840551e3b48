// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title HashToken (HASH)
/// @notice The Hashmint governance token: ERC-20 with EIP-2612 permit and ERC20Votes checkpoints.
/// The whole supply (`TOTAL_SUPPLY`, 100,000,000 HASH) is minted once, at deployment, to the given holders
/// (the timelock as treasury; on the local chain also a share to the dev accounts). Nobody can mint later.
/// Votes count only once delegated (to oneself or anyone), as in every Governor DAO.
/// Clock: ERC-6372 timestamp mode (`clock()` = block.timestamp, `CLOCK_MODE()` = "mode=timestamp"), so vote
/// snapshots, voting periods and timelock ETAs are all in seconds and move together when a local chain's
/// time is advanced.
contract HashToken is ERC20, ERC20Permit, ERC20Votes {
    uint256 public constant TOTAL_SUPPLY = 100_000_000e18;

    error SupplyMismatch(uint256 minted, uint256 expected);
    error LengthMismatch();

    constructor(address[] memory holders, uint256[] memory amounts)
        ERC20("Hashmint Governance", "HASH")
        ERC20Permit("Hashmint Governance")
    {
        if (holders.length != amounts.length) revert LengthMismatch();
        for (uint256 i; i < holders.length; ++i) {
            _mint(holders[i], amounts[i]);
        }
        if (totalSupply() != TOTAL_SUPPLY) revert SupplyMismatch(totalSupply(), TOTAL_SUPPLY);
    }

    /// @notice ERC-6372: this token (and the Governor reading it) counts time in seconds.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372: this token (and the Governor reading it) counts time in seconds.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
