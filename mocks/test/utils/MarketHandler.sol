// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {FaucetToken} from "../../src/FaucetToken.sol";
import {HashNFT} from "../../src/HashNFT.sol";
import {Marketplace} from "../../src/Marketplace.sol";

/// @notice Drives the marketplace with several actors: list (with single or operator approval), buy (with a
/// max price sometimes below the price), cancel (sometimes by a stranger), reprice, cancel all, transfer NFTs
/// to each other, revoke and restore approval, change the fee, let time pass. USDT is never minted here, so
/// the total across actors and treasury must stay constant.
/// Every buy is checked on the spot: a success must have been an Active listing and must move exactly the
/// price (seller part + fee) and the NFT; a failure must move nothing, and a valid, funded purchase must not fail.
contract MarketHandler is Test {
    Marketplace internal market;
    HashNFT internal nft;
    FaucetToken internal usdt;
    address internal admin;
    address[] internal actors;

    uint256 public ghostSales;
    uint256 public ghostVolume;
    uint256 public ghostFees;
    uint256 public violations;
    mapping(bytes32 => uint256) public calls;

    constructor(Marketplace market_, HashNFT nft_, FaucetToken usdt_, address admin_, address[] memory actors_) {
        market = market_;
        nft = nft_;
        usdt = usdt_;
        admin = admin_;
        actors = actors_;
    }

    // ---------------------------------------------------------------- actions

    function list(uint256 actorSeed, uint256 tokenSeed, uint256 price, uint256 duration, bool single) external {
        address a = _actor(actorSeed);
        (bool has, uint256 tokenId) = _tokenOf(a, tokenSeed);
        if (!has) return;
        price = bound(price, 1, 200e6);
        duration = bound(duration, 0, 180 days);
        vm.startPrank(a);
        if (single) nft.approve(address(market), tokenId);
        else nft.setApprovalForAll(address(market), true);
        market.list(tokenId, price, SafeCast.toUint64(duration));
        vm.stopPrank();
        ++calls["list"];
    }

    function buy(uint256 actorSeed, uint256 listingSeed, uint256 slack) external {
        uint256 id = _pickListing(listingSeed);
        if (id == 0) return;
        address buyer = _actor(actorSeed);
        Marketplace.Listing memory l = market.listing(id);
        Marketplace.Status st = market.status(id);
        (uint256 price, uint256 fee,) = market.payout(id);
        uint256 maxPrice = slack % 5 == 0 ? price - 1 : price + bound(slack, 0, 10e6);
        address treasury = market.treasury();
        uint256 buyerBefore = usdt.balanceOf(buyer);
        uint256 sellerBefore = usdt.balanceOf(l.seller);
        uint256 treasuryBefore = usdt.balanceOf(treasury);
        address ownerBefore = nft.ownerOf(l.tokenId);

        vm.startPrank(buyer);
        usdt.approve(address(market), maxPrice);
        try market.buy(id, maxPrice) {
            if (st != Marketplace.Status.Active || price > maxPrice || buyer == l.seller) ++violations;
            if (nft.ownerOf(l.tokenId) != buyer) ++violations;
            if (buyerBefore - usdt.balanceOf(buyer) != price) ++violations;
            if (usdt.balanceOf(l.seller) - sellerBefore != price - fee) ++violations;
            if (usdt.balanceOf(treasury) - treasuryBefore != fee) ++violations;
            if (market.status(id) != Marketplace.Status.Sold) ++violations;
            ++ghostSales;
            ghostVolume += price;
            ghostFees += fee;
            ++calls["buy.ok"];
        } catch {
            if (usdt.balanceOf(buyer) != buyerBefore || usdt.balanceOf(l.seller) != sellerBefore) ++violations;
            if (nft.ownerOf(l.tokenId) != ownerBefore) ++violations;
            bool shouldWork =
                st == Marketplace.Status.Active && price <= maxPrice && buyer != l.seller && buyerBefore >= price;
            if (shouldWork) ++violations;
            ++calls["buy.fail"];
        }
        usdt.approve(address(market), 0);
        vm.stopPrank();
    }

    function cancel(uint256 listingSeed, uint256 strangerSeed, bool asStranger) external {
        uint256 id = _pickListing(listingSeed);
        if (id == 0) return;
        address seller = market.listing(id).seller;
        address caller = asStranger ? _actor(strangerSeed) : seller;
        vm.prank(caller);
        try market.cancel(id) {
            if (caller != seller || market.status(id) != Marketplace.Status.Cancelled) ++violations;
            ++calls["cancel.ok"];
        } catch {
            ++calls["cancel.fail"];
        }
    }

    function updatePrice(uint256 listingSeed, uint256 price) external {
        uint256 id = _pickListing(listingSeed);
        if (id == 0) return;
        price = bound(price, 1, 200e6);
        vm.prank(market.listing(id).seller);
        try market.updatePrice(id, price) {
            ++calls["reprice.ok"];
        } catch {
            ++calls["reprice.fail"];
        }
    }

    function cancelAll(uint256 actorSeed) external {
        vm.prank(_actor(actorSeed));
        market.cancelAll();
        ++calls["cancelAll"];
    }

    function transferAway(uint256 fromSeed, uint256 tokenSeed, uint256 toSeed) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        if (from == to) to = _actor(fromSeed % actors.length + 1);
        (bool has, uint256 tokenId) = _tokenOf(from, tokenSeed);
        if (!has) return;
        vm.prank(from);
        nft.transferFrom(from, to, tokenId);
        ++calls["transfer"];
    }

    function revokeApproval(uint256 actorSeed, uint256 tokenSeed, bool all) external {
        address a = _actor(actorSeed);
        vm.startPrank(a);
        if (all) {
            nft.setApprovalForAll(address(market), false);
        } else {
            (bool has, uint256 tokenId) = _tokenOf(a, tokenSeed);
            if (has) nft.approve(address(0), tokenId);
        }
        vm.stopPrank();
        ++calls["revoke"];
    }

    function restoreApproval(uint256 actorSeed) external {
        vm.prank(_actor(actorSeed));
        nft.setApprovalForAll(address(market), true);
        ++calls["restore"];
    }

    function setFee(uint256 bps) external {
        vm.prank(admin);
        market.setFeeBps(SafeCast.toUint16(bound(bps, 0, 500)));
        ++calls["setFee"];
    }

    function passTime(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1 hours, 40 days));
        ++calls["warp"];
    }

    // ---------------------------------------------------------------- helpers

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }

    /// Three times in four an Active listing if there is one (so that sales happen), otherwise any listing.
    function _pickListing(uint256 seed) internal view returns (uint256) {
        uint256 n = market.listingCount();
        if (n == 0) return 0;
        if (seed % 4 != 0) {
            uint256[] memory active = new uint256[](n);
            uint256 k;
            for (uint256 id = 1; id <= n; ++id) {
                if (market.status(id) == Marketplace.Status.Active) active[k++] = id;
            }
            if (k != 0) return active[(seed / 4) % k];
        }
        return bound(seed, 1, n);
    }

    function _tokenOf(address a, uint256 seed) internal view returns (bool, uint256) {
        uint256 bal = nft.balanceOf(a);
        if (bal == 0) return (false, 0);
        return (true, nft.tokenOfOwnerByIndex(a, seed % bal));
    }
}
