// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Marketplace} from "../../src/Marketplace.sol";

/// @notice A contract without `onERC721Received`: it can pay, but cannot take an NFT by safe transfer.
contract NonReceiverBuyer {
    function approve(IERC20 token, address spender, uint256 amount) external {
        token.approve(spender, amount);
    }

    function buy(Marketplace market, uint256 listingId, uint256 maxPrice) external {
        market.buy(listingId, maxPrice);
    }
}
