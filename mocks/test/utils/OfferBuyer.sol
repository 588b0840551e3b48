// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {Marketplace} from "../../src/Marketplace.sol";

/// @notice An offer maker that, when the NFT arrives, tries to re-enter the marketplace to take its escrow
/// back a second time (cancelOffer) or to accept another offer with the NFT it is receiving.
contract OfferBuyer is IERC721Receiver {
    enum Mode {
        None,
        CancelOffer,
        CancelAll,
        AcceptOffer
    }

    Marketplace internal immutable market;
    Mode public mode;
    uint256 public target;
    bool public swallow;
    bytes public lastError;
    bool public reentered;

    constructor(Marketplace market_) {
        market = market_;
    }

    function arm(Mode mode_, bool swallow_, uint256 target_) external {
        mode = mode_;
        swallow = swallow_;
        target = target_;
    }

    function approve(IERC20 token, uint256 amount) external {
        token.approve(address(market), amount);
    }

    function makeTokenOffer(uint256 tokenId, uint256 amount) external returns (uint256) {
        return market.makeTokenOffer(tokenId, amount, 0);
    }

    function makeProductOffer(uint256 productId, uint256 price, uint64 units, uint32 minDays, uint32 maxDays)
        external
        returns (uint256)
    {
        return market.makeProductOffer(Marketplace.OfferKind.Product, productId, price, units, minDays, maxDays, 0);
    }

    function onERC721Received(address, address, uint256 tokenId, bytes calldata) external returns (bytes4) {
        if (mode == Mode.None) return this.onERC721Received.selector;
        bytes memory call;
        if (mode == Mode.CancelOffer) call = abi.encodeCall(Marketplace.cancelOffer, (target));
        else if (mode == Mode.CancelAll) call = abi.encodeCall(Marketplace.cancelAllOffers, (new uint256[](0)));
        else call = abi.encodeCall(Marketplace.acceptOffer, (target, tokenId, 0));
        (bool ok, bytes memory err) = address(market).call(call);
        if (ok) {
            reentered = true;
        } else {
            lastError = err;
            if (!swallow) {
                assembly {
                    revert(add(err, 32), mload(err))
                }
            }
        }
        return this.onERC721Received.selector;
    }
}
