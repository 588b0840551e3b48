// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {FaucetToken} from "../src/FaucetToken.sol";
import {PriceFeed} from "../src/PriceFeed.sol";
import {Rewards} from "../src/Rewards.sol";
import {HashNFT, ICoinInfo} from "../src/HashNFT.sol";
import {ProductSale} from "../src/ProductSale.sol";

/// @notice Shared fixture: deploys and wires the protocol the way production does, then opens a few products.
/// Time starts at GENESIS + 10 days + 3 hours (mid-morning of day 10), so that "the day of purchase" and
/// "the next day boundary" are distinct.
abstract contract Base is Test {
    /// 2026-01-01T00:00:00Z, a UTC midnight.
    uint256 internal constant GENESIS = 1_767_225_600;
    uint256 internal constant START_DAY = 10;
    uint256 internal constant T0 = GENESIS + START_DAY * 1 days + 3 hours;
    uint256 internal constant PRECISION = 1e6;

    uint8 internal constant BTC = 0;
    uint8 internal constant ETC = 1;
    uint8 internal constant FIL = 2;

    /// Typical outputs per hashrate unit per day, in reward-token base units x PRECISION.
    /// BTC: 50 sat per TH/s; ETC: 1e-4 ETC per MH/s; FIL: 0.01 FIL per TiB.
    uint256 internal constant BTC_OUT = 50 * PRECISION;
    uint256 internal constant ETC_OUT = 1e14 * PRECISION;
    uint256 internal constant FIL_OUT = 1e16 * PRECISION;

    address internal owner = makeAddr("owner");
    address internal operator = makeAddr("operator");
    address internal treasury = makeAddr("treasury");
    address internal alice;
    uint256 internal aliceKey;
    address internal bob = makeAddr("bob");
    address internal carol = makeAddr("carol");

    FaucetToken internal usdt;
    FaucetToken internal wbtc;
    FaucetToken internal etc;
    FaucetToken internal fil;
    PriceFeed internal btcFeed;
    PriceFeed internal etcFeed;
    PriceFeed internal filFeed;
    Rewards internal rewards;
    HashNFT internal nft;
    ProductSale internal sale;

    uint256 internal pBtc; // open, 10 TH/s per unit, 30 days, 15 USDT, cap 1000, 100 per wallet
    uint256 internal pEtc; // open, 100 MH/s per unit, 90 days, 25 USDT, cap 500, no wallet cap
    uint256 internal pFil; // open, 1 TiB per unit, 180 days, 40 USDT, cap 300, 20 per wallet
    uint256 internal pUpcoming; // BTC, opens in 7 days
    uint256 internal pEnded; // BTC, ended yesterday

    function setUp() public virtual {
        (alice, aliceKey) = makeAddrAndKey("alice");
        vm.warp(T0);

        usdt = new FaucetToken("Tether USD", "USDT", 6, 10_000e6, 1 days, owner);
        wbtc = new FaucetToken("Wrapped BTC", "BTC", 8, 1e6, 1 days, owner);
        etc = new FaucetToken("Ethereum Classic", "ETC", 18, 1e18, 1 days, owner);
        fil = new FaucetToken("Filecoin", "FIL", 18, 10e18, 1 days, owner);
        btcFeed = new PriceFeed("BTC / USD", 95_000e8, owner);
        etcFeed = new PriceFeed("ETC / USD", 20e8, owner);
        filFeed = new PriceFeed("FIL / USD", 3e8, owner);

        rewards = new Rewards(GENESIS, owner);
        nft = new HashNFT(ICoinInfo(address(rewards)), owner);
        sale = new ProductSale(IERC20(address(usdt)), nft, rewards, treasury, owner);

        vm.startPrank(owner);
        rewards.setNft(address(nft));
        nft.setMinter(address(sale), true);
        rewards.setRegistrar(address(sale), true);
        rewards.setOperator(operator, true);
        rewards.addCoin(IERC20(address(wbtc)), address(btcFeed), "BTC", "TH/s");
        rewards.addCoin(IERC20(address(etc)), address(etcFeed), "ETC", "MH/s");
        rewards.addCoin(IERC20(address(fil)), address(filFeed), "FIL", "TiB");

        pBtc = sale.addProduct(_product("Antminer S21 - 30 days", BTC, 10, 175, 30, 15e6, 1000, 100, T0 - 1 days, T0 + 365 days));
        pEtc = sale.addProduct(_product("ETC Ethash - 90 days", ETC, 100, 10, 90, 25e6, 500, 0, T0 - 1 days, T0 + 365 days));
        pFil = sale.addProduct(_product("FIL storage - 180 days", FIL, 1, 50, 180, 40e6, 300, 20, T0 - 1 days, T0 + 365 days));
        pUpcoming = sale.addProduct(_product("S21 presale", BTC, 10, 175, 60, 14e6, 100, 10, T0 + 7 days, T0 + 30 days));
        pEnded = sale.addProduct(_product("S19 closed", BTC, 10, 295, 30, 12e6, 100, 10, T0 - 30 days, T0 - 1 days));

        // The operator holds reward tokens and has approved Rewards once, as the deploy script does.
        wbtc.mint(operator, 1e30);
        etc.mint(operator, 1e40);
        fil.mint(operator, 1e40);
        vm.stopPrank();
        vm.startPrank(operator);
        wbtc.approve(address(rewards), type(uint256).max);
        etc.approve(address(rewards), type(uint256).max);
        fil.approve(address(rewards), type(uint256).max);
        vm.stopPrank();

        vm.label(address(usdt), "USDT");
        vm.label(address(wbtc), "wBTC");
        vm.label(address(etc), "ETC");
        vm.label(address(fil), "FIL");
        vm.label(address(rewards), "Rewards");
        vm.label(address(nft), "HashNFT");
        vm.label(address(sale), "ProductSale");
    }

    // ---------------------------------------------------------------- helpers

    function _product(
        string memory name,
        uint8 coin,
        uint64 hashratePerUnit,
        uint32 efficiencyWx10,
        uint32 termDays,
        uint128 pricePerUnit,
        uint64 supplyCap,
        uint64 perWalletCap,
        uint256 saleStart,
        uint256 saleEnd
    ) internal pure returns (ProductSale.Product memory p) {
        p.name = name;
        p.coin = coin;
        p.hashratePerUnit = hashratePerUnit;
        p.efficiencyWx10 = efficiencyWx10;
        p.termDays = termDays;
        p.pricePerUnit = pricePerUnit;
        p.supplyCap = supplyCap;
        p.perWalletCap = perWalletCap;
        p.saleStart = uint64(saleStart);
        p.saleEnd = uint64(saleEnd);
    }

    function _token(uint8 coin) internal view returns (FaucetToken) {
        if (coin == BTC) return wbtc;
        if (coin == ETC) return etc;
        return fil;
    }

    /// @dev Gives `who` exactly the cost in USDT, approves it and buys.
    function _buy(address who, uint256 productId, uint256 units) internal returns (uint256 tokenId) {
        uint256 cost = sale.quote(productId, units);
        vm.prank(owner);
        usdt.mint(who, cost);
        vm.startPrank(who);
        usdt.approve(address(sale), cost);
        tokenId = sale.buy(productId, units);
        vm.stopPrank();
    }

    function _advanceDays(uint256 n) internal {
        vm.warp(block.timestamp + n * 1 days);
    }

    function _one(uint256 x) internal pure returns (uint256[] memory a) {
        a = new uint256[](1);
        a[0] = x;
    }

    function _repeat(uint256 x, uint256 n) internal pure returns (uint256[] memory a) {
        a = new uint256[](n);
        for (uint256 i; i < n; ++i) a[i] = x;
    }

    function _post(uint8 coin, uint256[] memory outputs) internal returns (uint256 funded) {
        vm.prank(operator);
        funded = rewards.postOutput(coin, outputs);
    }

    /// @dev Posts `output` for every day of `coin` that is over and not yet posted.
    function _postAll(uint8 coin, uint256 output) internal returns (uint256 funded) {
        uint256 posted = rewards.coinInfo(coin).postedDays;
        uint256 today = rewards.currentDay();
        if (posted >= today) return 0;
        return _post(coin, _repeat(output, today - posted));
    }

    function _claim(address who, uint256[] memory ids) internal returns (uint256[] memory paid) {
        vm.prank(who);
        paid = rewards.claim(ids);
    }
}
