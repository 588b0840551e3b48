// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title FaucetToken
/// @notice Stand-in for the payment stablecoin (6 decimals) and the reward coins (8 or 18 decimals).
/// Supports EIP-2612 permit. On local chains anyone may draw a fixed amount from the faucet once per
/// cooldown. Minting is a local-only dev role (`minter`, fixed at deployment; address(0) = nobody can mint):
/// deploy scripts use it to fund the dev accounts and the reward operator. It is not an admin power: the token
/// has no owner, and on real chains the deployment passes address(0).
contract FaucetToken is ERC20, ERC20Permit {
    uint8 private immutable _decimals;
    /// @notice Amount handed out per faucet call; zero disables the faucet (production chains).
    uint256 public immutable faucetAmount;
    /// @notice Seconds a wallet must wait between two faucet calls.
    uint256 public immutable faucetCooldown;
    mapping(address => uint256) public lastFaucetAt;
    /// @notice The dev role that may mint (local chains only); address(0) on real chains.
    address public immutable minter;

    error FaucetDisabled();
    error NotMinter(address caller);
    /// @param availableAt timestamp from which the caller may use the faucet again
    error FaucetCooldown(uint256 availableAt);

    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        uint256 faucetAmount_,
        uint256 faucetCooldown_,
        address minter_
    ) ERC20(name_, symbol_) ERC20Permit(name_) {
        minter = minter_;
        _decimals = decimals_;
        faucetAmount = faucetAmount_;
        faucetCooldown = faucetCooldown_;
    }

    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @notice Sends `faucetAmount` to the caller, at most once per `faucetCooldown`.
    function faucet() external {
        if (faucetAmount == 0) revert FaucetDisabled();
        uint256 last = lastFaucetAt[msg.sender];
        if (last != 0 && block.timestamp < last + faucetCooldown) revert FaucetCooldown(last + faucetCooldown);
        lastFaucetAt[msg.sender] = block.timestamp;
        _mint(msg.sender, faucetAmount);
    }

    function mint(address to, uint256 amount) external {
        if (msg.sender != minter || minter == address(0)) revert NotMinter(msg.sender);
        _mint(to, amount);
    }
}
