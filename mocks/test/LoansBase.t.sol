// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Base} from "./Base.t.sol";
import {LiquidityVault} from "../src/LiquidityVault.sol";
import {LoanPool} from "../src/LoanPool.sol";
import {LoanAuctions} from "../src/LoanAuctions.sol";
import {LoanLens} from "../src/LoanLens.sol";
import {OracleAdapter, AggregatorV3Interface} from "../src/OracleAdapter.sol";
import {PriceFeed} from "../src/PriceFeed.sol";

/// @notice The protocol fixture plus the liquidity vault and loan pool, wired as the deploy script does:
/// oracle(owner) + setFeed per coin -> vault(usdt, owner) -> pool(usdt, vault, nft, rewards, oracle, treasury, owner)
/// -> vault.setLoanPool(pool) -> pool.setCoinParams(BTC/ETC/FIL) -> operator funds the conversion reserve. Every day before today has
/// output posted, so appraisals have a 7-day average from the start.
abstract contract LoansBase is Base {
    LiquidityVault internal vault;
    LoanPool internal pool;
    LoanAuctions internal auctions;
    LoanLens internal lens;
    OracleAdapter internal oracle;
    /// the deployment's feed guards: a year's staleness limit (local), 20% jump bound
    uint32 internal constant FEED_MAX_AGE = 365 days;
    uint16 internal constant FEED_MAX_JUMP = 2000;

    address internal lender = makeAddr("lender");
    address internal lender2 = makeAddr("lender2");
    address internal liquidator = makeAddr("liquidator");

    uint256 internal constant LENDER_DEPOSIT = 100_000e6;
    uint256 internal constant RESERVE = 10_000e6;

    function setUp() public virtual override {
        super.setUp();
        vault = new LiquidityVault(IERC20(address(usdt)), owner);
        oracle = new OracleAdapter(owner);
        vm.startPrank(owner);
        oracle.setFeed(BTC, AggregatorV3Interface(address(btcFeed)), FEED_MAX_AGE, FEED_MAX_JUMP);
        oracle.setFeed(ETC, AggregatorV3Interface(address(etcFeed)), FEED_MAX_AGE, FEED_MAX_JUMP);
        oracle.setFeed(FIL, AggregatorV3Interface(address(filFeed)), FEED_MAX_AGE, FEED_MAX_JUMP);
        vm.stopPrank();
        pool = new LoanPool(IERC20(address(usdt)), vault, nft, rewards, oracle, treasury, owner);
        vm.label(address(vault), "Vault");
        auctions = new LoanAuctions(pool, owner);
        lens = new LoanLens(pool, auctions);
        vm.label(address(pool), "LoanPool");
        vm.label(address(auctions), "LoanAuctions");

        vm.startPrank(owner);
        vault.setLoanPool(address(pool));
        pool.setAuctions(address(auctions));
        rewards.setLienSetter(address(pool), true);
        pool.setCoinParams(BTC, _params(5000, 7000, 1000, 3));
        pool.setCoinParams(ETC, _params(4000, 6000, 2000, 3));
        pool.setCoinParams(FIL, _params(4000, 6000, 2500, 5));
        usdt.mint(lender, 1_000_000e6);
        usdt.mint(lender2, 1_000_000e6);
        usdt.mint(liquidator, 1_000_000e6);
        usdt.mint(operator, 1_000_000e6);
        vm.stopPrank();

        _postAll(BTC, BTC_OUT);
        _postAll(ETC, ETC_OUT);
        _postAll(FIL, FIL_OUT);

        _deposit(lender, LENDER_DEPOSIT);
        vm.startPrank(operator);
        usdt.approve(address(pool), type(uint256).max);
        pool.fundReserve(RESERVE);
        vm.stopPrank();
        vm.startPrank(liquidator);
        usdt.approve(address(pool), type(uint256).max);
        usdt.approve(address(auctions), type(uint256).max);
        vm.stopPrank();
    }

    /// @dev The old one-step liquidation as an auction: `liquidator` opens with the debt, nobody outbids,
    /// the auction ends and is settled. Returns the debt paid.
    function _liquidate(uint256 loanId) internal returns (uint256 debt) {
        debt = pool.debtOf(loanId);
        vm.prank(liquidator);
        auctions.startAuction(loanId, debt);
        (uint32 duration,,,) = auctions.params();
        vm.warp(block.timestamp + duration);
        auctions.settle(loanId);
    }

    function _params(uint16 ltv, uint16 thr, uint16 haircut, uint16 grace)
        internal
        pure
        returns (LoanPool.CoinParams memory p)
    {
        p = LoanPool.CoinParams({
            maxLtvBps: ltv, liquidationThresholdBps: thr, haircutBps: haircut, graceDays: grace, borrowEnabled: true
        });
    }

    function _deposit(address who, uint256 amount) internal returns (uint256 shares) {
        vm.startPrank(who);
        usdt.approve(address(vault), amount);
        shares = vault.deposit(amount, who);
        vm.stopPrank();
    }

    /// @dev Approves the pool for every NFT of `who` and borrows.
    function _borrow(address who, uint256[] memory ids, uint256 amount, uint256 duration)
        internal
        returns (uint256 loanId)
    {
        vm.startPrank(who);
        nft.setApprovalForAll(address(pool), true);
        loanId = pool.borrow(ids, amount, duration);
        vm.stopPrank();
    }

    function _repay(address who, uint256 loanId, uint256 amount) internal returns (uint256 paid) {
        vm.startPrank(who);
        usdt.approve(address(pool), type(uint256).max);
        paid = pool.repay(loanId, amount);
        vm.stopPrank();
    }

    /// @dev Per-NFT values and their total (from `appraisals`).
    function _appraise(uint256[] memory ids) internal view returns (uint256[] memory values, uint256 total) {
        LoanPool.Appraisal[] memory a = lens.appraisals(ids);
        values = new uint256[](a.length);
        for (uint256 i; i < a.length; ++i) {
            values[i] = a[i].value;
            total += a[i].value;
        }
    }

    /// @dev A loan's liquidation price (from `loanDetails`).
    function _liquidationPrice(uint256 loanId) internal view returns (uint256) {
        uint256[] memory ids = new uint256[](1);
        ids[0] = loanId;
        return lens.loanDetails(ids)[0].liquidationPrice;
    }

    /// @dev The health factor an open loan would have at `timestamp`, all else equal (its terms = current terms).
    function _projectedHealthFactor(uint256 loanId, uint256 timestamp) internal view returns (uint256) {
        if (pool.debtOf(loanId) == 0) return type(uint256).max;
        return lens.previewHealthFactorAt(pool.loan(loanId).tokenIds, pool.debtOf(loanId), timestamp);
    }

    /// @dev Posts `price` twice: a move beyond the jump bound counts once a second round confirms it.
    function _setPriceConfirmed(PriceFeed feed, int256 price) internal {
        vm.startPrank(owner);
        feed.setPrice(price);
        feed.setPrice(price);
        vm.stopPrank();
    }

    /// @dev Sets a coin's feed staleness limit (governance, in the real protocol).
    function _setMaxAge(uint8 coin, AggregatorV3Interface feed, uint32 maxAge) internal {
        vm.prank(owner);
        oracle.setFeed(coin, feed, maxAge, FEED_MAX_JUMP);
    }

    function _pair(uint256 a, uint256 b) internal pure returns (uint256[] memory x) {
        x = new uint256[](2);
        x[0] = a;
        x[1] = b;
    }

    /// @dev Warps `n` days and posts the days that ended, for every coin, at the typical outputs.
    function _advanceAndPost(uint256 n) internal {
        _advanceDays(n);
        _postAll(BTC, BTC_OUT);
        _postAll(ETC, ETC_OUT);
        _postAll(FIL, FIL_OUT);
    }
}
