// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {Marketplace} from "../../src/Marketplace.sol";

/// @notice A contract wallet that accepts NFTs.
contract ReceiverBuyer is IERC721Receiver {
    function approve(IERC20 token, address spender, uint256 amount) external {
        token.approve(spender, amount);
    }

    function buy(Marketplace market, uint256 listingId, uint256 maxPrice) external {
        market.buy(listingId, maxPrice);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC721Receiver.onERC721Received.selector;
    }
}
