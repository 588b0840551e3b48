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
}
