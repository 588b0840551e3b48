// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// Bench-only: buys many one-unit NFTs in one transaction and lists them (or sends them to a wallet),
// so the bench can seed 10,000 listings in a few transactions. Never deployed outside the bench.
interface IBenchERC20 {
    function approve(address spender, uint256 amount) external returns (bool);
}

interface IBenchSale {
    function buy(uint256 productId, uint256 units) external returns (uint256 tokenId);
}

interface IBenchNft {
    function setApprovalForAll(address operator, bool approved) external;
    function transferFrom(address from, address to, uint256 tokenId) external;
}

interface IBenchMarket {
    function list(uint256 tokenId, uint256 price, uint64 duration) external returns (uint256 listingId);
    function makeTokenOffer(uint256 tokenId, uint256 amount, uint64 duration) external returns (uint256 offerId);
    function makeProductOffer(
        uint8 kind,
        uint256 target,
        uint256 pricePerUnitDay,
        uint64 units,
        uint32 minDays,
        uint32 maxDays,
        uint64 duration
    ) external returns (uint256 offerId);
}

contract BenchSeeder {
    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return this.onERC721Received.selector;
    }

    /// Buys `count` NFTs of `productId`, one unit each; lists each at `price + i` for 30 days, or sends
    /// it to `sendTo` when that is not zero.
    function run(
        address usdt,
        address sale,
        address nft,
        address market,
        uint256 productId,
        uint256 count,
        uint256 price,
        address sendTo
    ) external {
        IBenchERC20(usdt).approve(sale, type(uint256).max);
        IBenchNft(nft).setApprovalForAll(market, true);
        for (uint256 i = 0; i < count; i++) {
            uint256 id = IBenchSale(sale).buy(productId, 1);
            if (sendTo == address(0)) IBenchMarket(market).list(id, price + i, 30 days);
            else IBenchNft(nft).transferFrom(address(this), sendTo, id);
        }
    }

    /// Makes `count` escrowed offers: every other one a product offer on `productId` (price per unit per day
    /// `unitPrice + i % 100`, 1 to 10 units, 30 days at most), the others token offers of `price + i` on the
    /// tokens `firstToken`..`firstToken + tokens - 1` (held by other accounts).
    function offer(
        address usdt,
        address market,
        uint256 count,
        uint256 productId,
        uint256 unitPrice,
        uint256 price,
        uint256 firstToken,
        uint256 tokens
    ) external {
        IBenchERC20(usdt).approve(market, type(uint256).max);
        for (uint256 i = 0; i < count; i++) {
            if (i % 2 == 0) {
                IBenchMarket(market).makeProductOffer(1, productId, unitPrice + i % 100, uint64(1 + i % 10), 1, 30, 30 days);
            } else {
                IBenchMarket(market).makeTokenOffer(firstToken + i % tokens, price + i, 30 days);
            }
        }
    }
}
