// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ProductSale} from "../src/ProductSale.sol";
import {Base} from "./Base.t.sol";

contract SaleFuzzTest is Base {
    function _addProduct(uint8 coin, uint64 hashratePerUnit, uint32 termDays, uint128 price, uint64 supply, uint64 walletCap)
        internal
        returns (uint256 id)
    {
        vm.prank(owner);
        id = sale.addProduct(
            _product("fuzz", coin, hashratePerUnit, 100, termDays, price, supply, walletCap, T0 - 1 days, T0 + 3650 days)
        );
    }

    function testFuzz_buy_costIsUnitsTimesPriceExactly(uint128 price, uint64 hashratePerUnit, uint64 units, uint32 termDays)
        public
    {
        price = uint128(bound(price, 1, type(uint128).max));
        hashratePerUnit = uint64(bound(hashratePerUnit, 1, type(uint64).max));
        // the NFT's hashrate (units x per-unit) must fit in uint64
        units = uint64(bound(units, 1, type(uint64).max / hashratePerUnit));
        termDays = uint32(bound(termDays, 1, 3650));
        uint256 id = _addProduct(FIL, hashratePerUnit, termDays, price, units, 0);

        uint256 cost = uint256(units) * price;
        assertEq(sale.quote(id, units), cost);
        vm.prank(owner);
        usdt.mint(alice, cost + 7);
        vm.prank(alice);
        usdt.approve(address(sale), type(uint256).max);

        vm.expectEmit(address(sale));
        emit ProductSale.Purchased(id, alice, 1, units, cost);
        vm.prank(alice);
        uint256 tokenId = sale.buy(id, units);

        assertEq(usdt.balanceOf(treasury), cost, "treasury gets units x price");
        assertEq(usdt.balanceOf(alice), 7, "buyer pays exactly units x price");
        (uint32 productId, uint8 coin, uint64 hashrate, uint64 start, uint64 end) = nft.positionOf(tokenId);
        assertEq(productId, id);
        assertEq(coin, FIL);
        assertEq(hashrate, uint256(units) * hashratePerUnit);
        assertEq(start, GENESIS + (START_DAY + 1) * 1 days);
        assertEq(end - start, uint256(termDays) * 1 days);
        assertEq(sale.product(id).sold, units);
        assertEq(sale.boughtBy(id, alice), units);
        assertEq(sale.purchasable(id, bob), 0);
    }

    function testFuzz_buy_unitHashrateOverflowReverts(uint64 hashratePerUnit, uint64 units) public {
        hashratePerUnit = uint64(bound(hashratePerUnit, 2, type(uint64).max));
        units = uint64(bound(units, type(uint64).max / hashratePerUnit + 1, type(uint64).max));
        uint256 id = _addProduct(BTC, hashratePerUnit, 30, 1, type(uint64).max, 0);
        vm.prank(owner);
        usdt.mint(alice, units);
        vm.prank(alice);
        usdt.approve(address(sale), units);
        vm.expectRevert(); // SafeCast: no NFT can carry more than uint64 hashrate
        vm.prank(alice);
        sale.buy(id, units);
    }

    // model of the sale used by the sequence test
    uint256 internal mId;
    uint256 internal mSupplyCap;
    uint256 internal mWalletCap;
    uint256 internal mSold;
    uint256 internal mPurchases;
    mapping(address => uint256) internal mBought;

    /// @notice A random sequence of purchases by three wallets: each one either succeeds with exact accounting or
    /// fails with exactly the error a simple model predicts; caps are never exceeded.
    function testFuzz_buy_countersFollowModelAndCapsHold(uint64 supplyCap, uint64 walletCap, uint256 seed) public {
        mSupplyCap = bound(supplyCap, 1, 60);
        mWalletCap = bound(walletCap, 0, 30);
        mId = _addProduct(ETC, 25, 45, 3_500_000, uint64(mSupplyCap), uint64(mWalletCap));
        address[3] memory buyers = [alice, bob, carol];
        for (uint256 k; k < 3; ++k) {
            vm.prank(owner);
            usdt.mint(buyers[k], 1e18);
            vm.prank(buyers[k]);
            usdt.approve(address(sale), type(uint256).max);
        }
        for (uint256 i; i < 16; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            _attempt(buyers[r % 3], (r >> 8) % 25);
            for (uint256 k; k < 3; ++k) _checkWallet(buyers[k]);
        }
        assertEq(nft.totalSupply(), mPurchases);
        assertEq(usdt.balanceOf(treasury), mSold * 3_500_000);
    }

    function _attempt(address buyer, uint256 units) internal {
        uint256 available = mSupplyCap - mSold;
        uint256 walletRoom = mWalletCap == 0 ? type(uint256).max : mWalletCap - mBought[buyer];
        if (units == 0) {
            vm.expectRevert(ProductSale.ZeroUnits.selector);
        } else if (available == 0) {
            vm.expectRevert(ProductSale.SoldOut.selector);
        } else if (units > available) {
            vm.expectRevert(abi.encodeWithSelector(ProductSale.ExceedsSupply.selector, units, available));
        } else if (units > walletRoom) {
            vm.expectRevert(abi.encodeWithSelector(ProductSale.ExceedsWalletCap.selector, units, walletRoom));
        } else {
            mSold += units;
            mBought[buyer] += units;
            ++mPurchases;
        }
        vm.prank(buyer);
        sale.buy(mId, units);
        assertEq(sale.product(mId).sold, mSold);
        assertLe(mSold, mSupplyCap, "supply cap");
    }

    function _checkWallet(address buyer) internal view {
        uint256 bought = sale.boughtBy(mId, buyer);
        assertEq(bought, mBought[buyer]);
        if (mWalletCap != 0) assertLe(bought, mWalletCap, "wallet cap");
        uint256 room = mWalletCap == 0 ? mSupplyCap - mSold : _min(mWalletCap - bought, mSupplyCap - mSold);
        assertEq(sale.purchasable(mId, buyer), room);
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }
}

contract RewardsFuzzTest is Base {
    /// coin => day => posted output (x PRECISION)
    mapping(uint256 => mapping(uint256 => uint256)) internal outputOf;
    uint256 internal outSeed;

    function setUp() public override {
        super.setUp();
        // random outputs reach 1e26 per unit per day on hashrates up to 1e15: give the operator plenty
        vm.startPrank(owner);
        wbtc.mint(operator, 1e60);
        etc.mint(operator, 1e60);
        fil.mint(operator, 1e60);
        vm.stopPrank();
    }

    /// @dev Random output for a coin and day, spread over many orders of magnitude (including zero and values
    /// below PRECISION) so rounding is exercised.
    function _randomOutput(uint8 coin, uint256 day) internal view returns (uint256) {
        uint256 r = uint256(keccak256(abi.encode(outSeed, coin, day)));
        return (r >> 8) % (10 ** (r % 27));
    }

    /// @dev Posts random outputs for every finished, unposted day of a coin and remembers them.
    function _postRandom(uint8 coin) internal returns (uint256 funded) {
        uint256 posted = rewards.coinInfo(coin).postedDays;
        uint256 today = rewards.currentDay();
        if (posted >= today) return 0;
        for (uint256 d = posted; d < today; ++d) {
            uint256 out = _randomOutput(coin, d);
            outputOf[coin][d] = out;
            // a zero day is an outage, declared as such (postOutput refuses zero)
            if (out == 0) {
                vm.prank(operator);
                rewards.postOutage(coin, 1);
            } else {
                uint256[] memory one = new uint256[](1);
                one[0] = out;
                funded += _post(coin, one);
            }
        }
    }

    function _addProduct(uint8 coin, uint64 hashratePerUnit, uint32 termDays) internal returns (uint256 id) {
        vm.prank(owner);
        id = sale.addProduct(
            _product("fuzz", coin, hashratePerUnit, 100, termDays, 1e6, type(uint64).max, 0, T0 - 1 days, T0 + 3650 days)
        );
    }

    /// @notice One holder: whatever the hashrate, term, purchase time and daily outputs, the total claimed equals
    /// hashrate x sum(output over the days of the term) / PRECISION exactly, even when claimed in several steps.
    function testFuzz_rewards_singleHolderClaimIsExact(
        uint64 hashratePerUnit,
        uint16 units,
        uint16 termDays,
        uint8 buyDelayDays,
        uint32 buyTimeOfDay,
        uint8 midClaimDay,
        uint256 seed
    ) public {
        outSeed = seed;
        hashratePerUnit = uint64(bound(hashratePerUnit, 1, 1e12));
        units = uint16(bound(units, 1, 1000));
        termDays = uint16(bound(termDays, 1, 60));
        buyDelayDays = uint8(bound(buyDelayDays, 0, 20));
        buyTimeOfDay = uint32(bound(buyTimeOfDay, 0, 1 days - 1));
        uint256 id = _addProduct(BTC, hashratePerUnit, termDays);

        uint256 buyDay = START_DAY + buyDelayDays;
        vm.warp(GENESIS + buyDay * 1 days + buyTimeOfDay);
        _postRandom(BTC); // days before the purchase, which must not count
        uint256 tokenId = _buy(alice, id, units);
        uint256 h = uint256(units) * hashratePerUnit;

        // a partial claim somewhere along the way must not change the total
        uint256 midDay = buyDay + 1 + bound(midClaimDay, 0, termDays + 2);
        vm.warp(GENESIS + midDay * 1 days + 5);
        uint256 funded = _postRandom(BTC);
        _claim(alice, _one(tokenId));

        vm.warp(GENESIS + (buyDay + termDays + 5) * 1 days);
        funded += _postRandom(BTC);
        _claim(alice, _one(tokenId));

        uint256 sum;
        uint256 expectedFunded;
        for (uint256 d = buyDay + 1; d < buyDay + 1 + termDays; ++d) {
            sum += outputOf[BTC][d];
            uint256 owed = h * outputOf[BTC][d];
            expectedFunded += owed == 0 ? 0 : (owed - 1) / PRECISION + 1;
        }
        uint256 paid = wbtc.balanceOf(alice);
        assertEq(paid, h * sum / PRECISION, "claim = hashrate x sum(output) / PRECISION");
        assertEq(rewards.claimed(tokenId), paid);
        assertEq(rewards.accrued(tokenId), 0);
        assertEq(funded, expectedFunded, "operator funds ceil(hashrate x output / PRECISION) per day");
        assertLe(paid, funded);
        // one holder: at most (1 - 1/PRECISION) lost per day to rounding up the funding, plus the same on the claim
        assertLt(funded - paid, uint256(termDays) + 1);
    }

    struct Pos {
        uint8 coin;
        uint256 hashrate;
        uint256 startDay;
        uint256 endDay;
        address holder;
        uint256 tokenId;
    }

    /// @notice Several holders of random positions on all three coins, bought on random days while outputs are
    /// posted as time goes by. Per coin, the sum paid never exceeds what the operator funded, and the shortfall
    /// (dust left in the contract) is below D + N base units, where D is the number of posted days on which the
    /// coin had earning hashrate and non-zero output and N is the number of the coin's tokens.
    ///
    /// Why D + N, and why it is tight: write x_d = A_d * o_d / PRECISION for day d (A_d = active hashrate, o_d =
    /// output) and y_i = h_i * S_i / PRECISION for token i (S_i = sum of o_d over its term). Since A_d is the sum of
    /// the h_i active on day d, sum_d x_d == sum_i y_i exactly. The operator funds F = sum_d ceil(x_d) and the
    /// holders receive Q = sum_i floor(y_i), so F - Q = sum_d (ceil(x_d) - x_d) + sum_i (y_i - floor(y_i)), a sum
    /// of D + N terms each in [0, 1) (and zero on days with A_d * o_d == 0). Hence 0 <= F - Q < D + N.
    /// No per-token bound alone can hold: a single token with hashrate 1 and output 1 every day is funded 1 unit
    /// per day yet earns floor(D / PRECISION) = 0 for D < PRECISION, a shortfall of exactly D
    /// (see test_rounding_dustIsBoundedByDaysPlusTokens).
    function testFuzz_rewards_paidNeverExceedsFundedAndDustIsBounded(uint256 seed, uint8 nTokens) public {
        outSeed = seed;
        uint256 n = bound(nTokens, 1, 6);
        Pos[] memory ps = new Pos[](n);
        address[4] memory holders = [alice, bob, carol, makeAddr("dave")];
        uint256 day = START_DAY;
        uint256[3] memory funded;

        for (uint256 i; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "pos", i)));
            Pos memory p = ps[i];
            p.coin = uint8(r % 3);
            uint64 hpu = uint64(1 + (r >> 8) % 1e9);
            uint32 term = uint32(1 + (r >> 48) % 40);
            uint256 units = 1 + (r >> 80) % 50;
            day += (r >> 96) % 4; // purchases in time order, several on the same day possible
            vm.warp(GENESIS + day * 1 days + (r >> 112) % 1 days);
            for (uint8 c; c < 3; ++c) funded[c] += _postRandom(c);

            uint256 productId = _addProduct(p.coin, hpu, term);
            p.holder = holders[i % 4];
            p.tokenId = _buy(p.holder, productId, units);
            p.hashrate = units * hpu;
            p.startDay = day + 1;
            p.endDay = day + 1 + term;
        }

        vm.warp(GENESIS + (day + 50) * 1 days);
        for (uint8 c; c < 3; ++c) funded[c] += _postRandom(c);

        uint256[3] memory paid;
        uint256[3] memory tokens;
        for (uint256 i; i < n; ++i) {
            uint256[] memory got = _claim(ps[i].holder, _one(ps[i].tokenId));
            uint8 c = ps[i].coin;
            paid[c] += got[c];
            ++tokens[c];
            // each token gets exactly its own hashrate x outputs over its term
            uint256 s;
            for (uint256 d = ps[i].startDay; d < ps[i].endDay; ++d) s += outputOf[c][d];
            assertEq(got[c], ps[i].hashrate * s / PRECISION, "per-token claim exact");
        }

        for (uint8 c; c < 3; ++c) {
            uint256 roundedDays;
            uint256 posted = rewards.coinInfo(c).postedDays;
            for (uint256 d; d < posted; ++d) {
                uint256 active;
                for (uint256 i; i < n; ++i) {
                    if (ps[i].coin == c && ps[i].startDay <= d && d < ps[i].endDay) active += ps[i].hashrate;
                }
                if (active * outputOf[c][d] != 0) ++roundedDays;
            }
            assertEq(rewards.coinInfo(c).totalFunded, funded[c]);
            assertEq(rewards.coinInfo(c).totalClaimed, paid[c]);
            assertLe(paid[c], funded[c], "never pays more than funded");
            assertEq(_token(c).balanceOf(address(rewards)), funded[c] - paid[c], "balance = funded - claimed");
            if (roundedDays + tokens[c] > 0) assertLt(funded[c] - paid[c], roundedDays + tokens[c], "dust < D + N");
            else assertEq(funded[c], paid[c]);
        }
    }

    function test_rounding_dustIsBoundedByDaysPlusTokens() public {
        // the worst case for the funding side: hashrate 1, output 1 (x PRECISION) per day
        uint256 id = _addProduct(BTC, 1, 30);
        uint256 tokenId = _buy(alice, id, 1);
        _advanceDays(40);
        uint256 funded = _postAll(BTC, 1);
        _claim(alice, _one(tokenId));
        assertEq(funded, 30, "each day rounds up to one base unit");
        assertEq(wbtc.balanceOf(alice), 0, "30 / 1e6 rounds down to zero");
        assertEq(wbtc.balanceOf(address(rewards)), 30);
    }
}
