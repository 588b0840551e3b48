// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {Marketplace} from "../../src/Marketplace.sol";

/// @notice A buyer contract whose `onERC721Received` calls back into the marketplace while a purchase
/// is in progress. With `swallow` off it bubbles the marketplace's answer (so the whole purchase reverts
/// with it); with `swallow` on it records the answer and accepts the NFT, so a test can check that the
/// re-entrant call had no effect while the outer purchase completed.
contract MarketplaceAttacker is IERC721Receiver {
    enum Mode {
        None,
        Buy,
        Cancel,
        List,
        UpdatePrice,
        CancelAll
    }

    Marketplace public market;
    IERC20 public usdt;
    IERC721 public nft;

    Mode public mode;
    bool public swallow;
    /// listing used by Buy (someone else's), Cancel and UpdatePrice (the attacker's own)
    uint256 public target;
    uint256 public attempts;
    bool public reentered;
    bytes public lastError;

    constructor(Marketplace market_) {
        market = market_;
        usdt = market_.paymentToken();
        nft = market_.nft();
    }

    function arm(Mode mode_, bool swallow_, uint256 target_) external {
        mode = mode_;
        swallow = swallow_;
        target = target_;
    }

    function approveAll() external {
        usdt.approve(address(market), type(uint256).max);
        nft.setApprovalForAll(address(market), true);
    }

    function buy(uint256 listingId, uint256 maxPrice) external {
        market.buy(listingId, maxPrice);
    }

    function list(uint256 tokenId, uint256 price) external returns (uint256) {
        return market.list(tokenId, price, 0);
    }

    function onERC721Received(address, address, uint256 tokenId, bytes calldata) external returns (bytes4) {
        Mode m = mode;
        if (m == Mode.None) return IERC721Receiver.onERC721Received.selector;
        ++attempts;
        bytes memory data;
        if (m == Mode.Buy) data = abi.encodeCall(Marketplace.buy, (target, type(uint256).max));
        else if (m == Mode.Cancel) data = abi.encodeCall(Marketplace.cancel, (target));
        else if (m == Mode.List) data = abi.encodeCall(Marketplace.list, (tokenId, 1, 0));
        else if (m == Mode.UpdatePrice) data = abi.encodeCall(Marketplace.updatePrice, (target, 1));
        else data = abi.encodeCall(Marketplace.cancelAll, ());
        (bool ok, bytes memory ret) = address(market).call(data);
        if (ok) {
            reentered = true;
        } else if (!swallow) {
            assembly ("memory-safe") {
                revert(add(ret, 32), mload(ret))
            }
        } else {
            lastError = ret;
        }
        return IERC721Receiver.onERC721Received.selector;
    }
}
