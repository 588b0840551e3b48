// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {FaucetToken} from "../../src/FaucetToken.sol";
import {HashNFT} from "../../src/HashNFT.sol";
import {Marketplace} from "../../src/Marketplace.sol";

/// @notice Drives offers with several actors: token and product offers, acceptances (matching or not),
/// cancels, cancel-all, NFT transfers, fee changes and time. USDT is never minted here.
contract OfferHandler is Test {
    Marketplace internal market;
    HashNFT internal nft;
    FaucetToken internal usdt;
    address internal admin;
    address[] internal actors;
    uint256 public accepted;

    constructor(Marketplace market_, HashNFT nft_, FaucetToken usdt_, address admin_, address[] memory actors_) {
        market = market_;
        nft = nft_;
        usdt = usdt_;
        admin = admin_;
        actors = actors_;
        for (uint256 i; i < actors_.length; ++i) {
            vm.startPrank(actors_[i]);
            usdt.approve(address(market_), type(uint256).max);
            nft.setApprovalForAll(address(market_), true);
            vm.stopPrank();
        }
    }

    function tokenOffer(uint256 actorSeed, uint256 tokenSeed, uint256 amount) external {
        address a = _actor(actorSeed);
        uint256 tokenId = 1 + tokenSeed % nft.totalSupply();
        amount = bound(amount, 1, usdt.balanceOf(a) / 4 + 1);
        if (nft.ownerOf(tokenId) == a || amount > usdt.balanceOf(a)) return;
        vm.prank(a);
        market.makeTokenOffer(tokenId, amount, 0);
    }

    function productOffer(uint256 actorSeed, uint256 productSeed, uint256 price, uint64 units, uint32 minDays, uint32 maxDays)
        external
    {
        address a = _actor(actorSeed);
        price = bound(price, 1, 10_000);
        units = uint64(bound(units, 1, 100));
        minDays = uint32(bound(minDays, 1, 60));
        maxDays = uint32(bound(maxDays, minDays, 200));
        if (price * units * maxDays > usdt.balanceOf(a)) return;
        vm.prank(a);
        market.makeProductOffer(Marketplace.OfferKind.Product, productSeed % 3, price, units, minDays, maxDays, 0);
    }

    function accept(uint256 offerSeed, uint256 tokenSeed) external {
        uint256 n = market.offerCount();
        if (n == 0) return;
        uint256 id = 1 + offerSeed % n;
        uint256 tokenId = 1 + tokenSeed % nft.totalSupply();
        address holder = nft.ownerOf(tokenId);
        vm.prank(holder);
        try market.acceptOffer(id, tokenId, 0) {
            ++accepted;
        } catch {}
    }

    function cancel(uint256 offerSeed) external {
        uint256 n = market.offerCount();
        if (n == 0) return;
        uint256 id = 1 + offerSeed % n;
        vm.prank(market.offer(id).buyer);
        try market.cancelOffer(id) {} catch {}
    }

    function cancelAll(uint256 actorSeed, uint256 offerSeed) external {
        address a = _actor(actorSeed);
        uint256 n = market.offerCount();
        uint256[] memory ids = new uint256[](0);
        if (n != 0) {
            uint256 id = 1 + offerSeed % n;
            if (market.offer(id).buyer == a) {
                ids = new uint256[](1);
                ids[0] = id;
            }
        }
        vm.prank(a);
        market.cancelAllOffers(ids);
    }

    function transfer(uint256 tokenSeed, uint256 toSeed) external {
        uint256 tokenId = 1 + tokenSeed % nft.totalSupply();
        address from = nft.ownerOf(tokenId);
        vm.prank(from);
        nft.transferFrom(from, _actor(toSeed), tokenId);
    }

    function setFee(uint16 bps) external {
        vm.prank(admin);
        market.setFeeBps(uint16(bound(bps, 0, 500)));
    }

    function passTime(uint256 secs) external {
        vm.warp(block.timestamp + bound(secs, 1, 20 days));
    }

    function _actor(uint256 seed) internal view returns (address) {
        return actors[seed % actors.length];
    }
}
