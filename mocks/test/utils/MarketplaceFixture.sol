// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Base} from "../Base.t.sol";
import {Marketplace} from "../../src/Marketplace.sol";

/// @notice Base fixture plus a marketplace wired the way the deploy script does (fee 2.5% to the treasury).
abstract contract MarketplaceFixture is Base {
    uint16 internal constant FEE_BPS = 250;
    uint256 internal constant PRICE = 20e6;

    Marketplace internal market;

    function setUp() public virtual override {
        super.setUp();
        market = new Marketplace(IERC20(address(usdt)), IERC721(address(nft)), treasury, FEE_BPS, owner);
        vm.label(address(market), "Marketplace");
    }

    function _approveAll(address who) internal {
        vm.prank(who);
        nft.setApprovalForAll(address(market), true);
    }

    function _list(address who, uint256 tokenId, uint256 price, uint64 duration) internal returns (uint256) {
        vm.prank(who);
        return market.list(tokenId, price, duration);
    }

    /// @dev Mints a fresh BTC NFT to `who`, approves the marketplace for all and lists it for 30 days.
    function _listNew(address who, uint256 price) internal returns (uint256 tokenId, uint256 listingId) {
        tokenId = _buy(who, pBtc, 1);
        _approveAll(who);
        listingId = _list(who, tokenId, price, 0);
    }

    /// @dev Mints `amount` USDT to `who` and approves exactly that to the marketplace.
    function _fund(address who, uint256 amount) internal {
        vm.prank(owner);
        usdt.mint(who, amount);
        vm.prank(who);
        usdt.approve(address(market), amount);
    }

    function _purchase(address who, uint256 listingId) internal {
        uint256 price = market.listing(listingId).price;
        _fund(who, price);
        vm.prank(who);
        market.buy(listingId, price);
    }
}
