// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {LoanPool} from "./LoanPool.sol";
import {OracleAdapter} from "./OracleAdapter.sol";

/// @title LoanValuation
/// @notice LoanPool's appraisal engine, an external library (linked into LoanPool, run by DELEGATECALL in the
/// pool's context) so that the pool stays well under the EIP-170 size limit. The formula is documented on
/// LoanPool. It reads the pool's parameter mappings (passed as storage) and the pool's immutables (rewards,
/// oracle, NFT, USDT decimals) through `address(this)`, which is the pool.
library LoanValuation {
    uint256 private constant BPS = 10_000;
    uint256 private constant DAY = 1 days;
    /// trailing days of output an appraisal averages; LoanPool publishes this one
    uint256 internal constant LOOKBACK_DAYS = 7;
    // valuation modes; LoanPool refers to these (one definition)
    uint8 internal constant M_BORROW = 0;
    uint8 internal constant M_BORROW_MORE = 1;
    uint8 internal constant M_LOAN = 2;
    uint8 internal constant M_PREVIEW = 3;
    uint8 internal constant M_QUOTE = 4;
    uint8 internal constant M_MORE_VIEW = 5;
    /// flag on a mode (views only, through `collateralOf`): a coin whose price the oracle refuses (stale or
    /// invalid) is valued at its feed's latest answer (0 if not positive) instead of reverting. The pool's own
    /// paths never set it; LoanLens uses it to show what a loan would be worth once the price is updated.
    uint8 internal constant LATEST = 8;

    error CoinNotSupported(uint8 coin);
    error ParamOutOfBounds(string param, uint256 value, uint256 min, uint256 max);

    event ParamsSet(
        uint8 indexed coin,
        uint16 maxLtvBps,
        uint16 liquidationThresholdBps,
        uint16 haircutBps,
        uint16 graceDays,
        bool borrowEnabled
    );
    event LiquidationThresholdScheduled(uint8 indexed coin, uint16 currentBps, uint16 newBps, uint64 effectiveAt);

    /// LoanPool.setCoinParams (documented there), run in the pool's context.
    function setCoinParams(
        mapping(uint8 => LoanPool.CoinParams) storage coinParams,
        mapping(uint8 => LoanPool.PendingThreshold) storage pending,
        uint8 coin,
        LoanPool.CoinParams calldata p
    ) external {
        _bound("maxLtvBps", p.maxLtvBps, 1, 8_000);
        _bound("liquidationThresholdBps", p.liquidationThresholdBps, uint256(p.maxLtvBps) + 1, 9_000);
        _bound("haircutBps", p.haircutBps, 0, 5_000);
        _bound("graceDays", p.graceDays, 1, 30);
        LoanPool.CoinParams memory stored = p;
        LoanPool.PendingThreshold memory pt = pending[coin];
        uint16 current = pt.effectiveAt != 0 && block.timestamp >= pt.effectiveAt
            ? pt.bps
            : coinParams[coin].liquidationThresholdBps;
        if (p.liquidationThresholdBps < current) {
            uint64 effectiveAt = uint64(block.timestamp + 7 days); // LoanPool.THRESHOLD_NOTICE
            stored.liquidationThresholdBps = current;
            pending[coin] = LoanPool.PendingThreshold(p.liquidationThresholdBps, effectiveAt);
            emit LiquidationThresholdScheduled(coin, current, p.liquidationThresholdBps, effectiveAt);
        } else {
            delete pending[coin];
        }
        coinParams[coin] = stored;
        emit ParamsSet(coin, p.maxLtvBps, p.liquidationThresholdBps, p.haircutBps, p.graceDays, p.borrowEnabled);
    }

    /// LoanPool.setRateModel's hard bounds (the pool's MAX_BASE_RATE, MAX_SLOPE1, MAX_SLOPE2, MIN_KINK, MAX_KINK).
    function checkRateModel(LoanPool.RateModel calldata m) external pure {
        _bound("baseRate", m.baseRate, 0, 0.2e18);
        _bound("slope1", m.slope1, 0, 1e18);
        _bound("slope2", m.slope2, 0, 5e18);
        _bound("kink", m.kink, 0.5e18, 0.95e18);
    }

    /// LoanPool.setLoanRules's hard bounds (the pool's MIN/MAX_DUE_HEALTH_BOUND and MIN/MAX_WRITE_OFF_DELAY; a
    /// Governance test checks both ends of each).
    function checkLoanRules(uint16 minDueHealthBps, uint32 writeOffDelay) external pure {
        _bound("minDueHealthBps", minDueHealthBps, 10_000, 20_000);
        _bound("writeOffDelay", writeOffDelay, 1 hours, 30 days);
    }

    function _bound(string memory name, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert ParamOutOfBounds(name, value, min, max);
    }

    /// Sums the appraisal of `ids` at time `at` in valuation mode `mode` (`loanId` for loan terms).
    /// Borrowing modes refuse coins not enabled for borrowing. Every mode reverts on a stale or non-positive
    /// price (StalePrice / InvalidPrice from the OracleAdapter), unless it carries the LATEST flag.
    function collateral(
        mapping(uint8 => LoanPool.CoinParams) storage coinParams,
        mapping(uint256 => mapping(uint8 => LoanPool.LoanTerms)) storage loanTerms,
        mapping(uint8 => LoanPool.PendingThreshold) storage pending,
        uint256[] memory ids,
        uint256 at,
        uint256 loanId,
        uint8 mode
    ) external view returns (LoanPool.Collateral memory c) {
        LoanPool.CoinQuote[] memory quotes = new LoanPool.CoinQuote[](LoanPool(address(this)).rewards().coinCount());
        c.earliestEnd = type(uint256).max;
        c.minGraceDays = type(uint256).max;
        for (uint256 i; i < ids.length; ++i) {
            LoanPool.Appraisal memory a = _appraise(coinParams, loanTerms, pending, ids[i], at, quotes, loanId, mode);
            LoanPool.CoinParams memory p = coinParams[a.coin];
            if ((mode == M_BORROW || mode == M_BORROW_MORE) && !p.borrowEnabled) revert CoinNotSupported(a.coin);
            c.coinMask |= 1 << a.coin;
            c.value += a.value;
            c.maxBorrow += a.maxBorrow;
            c.liquidationValue += a.liquidationValue;
            if (a.termEnd < c.earliestEnd) c.earliestEnd = a.termEnd;
            if (p.graceDays < c.minGraceDays) c.minGraceDays = p.graceDays;
            if (i == 0) (c.coin, c.price) = (a.coin, a.price);
            else if (a.coin != c.coin) c.mixed = true;
        }
    }

    function _appraise(
        mapping(uint8 => LoanPool.CoinParams) storage coinParams,
        mapping(uint256 => mapping(uint8 => LoanPool.LoanTerms)) storage loanTerms,
        mapping(uint8 => LoanPool.PendingThreshold) storage pending,
        uint256 id,
        uint256 at,
        LoanPool.CoinQuote[] memory quotes,
        uint256 loanId,
        uint8 mode
    ) private view returns (LoanPool.Appraisal memory a) {
        _gross(a, id, at, quotes, mode);
        mode &= LATEST - 1;
        // max LTV and haircut: an open loan's own (also for borrowing more on it), today's for a new loan
        uint256 maxLtv;
        uint256 haircut;
        if (mode == M_LOAN || mode == M_BORROW_MORE || mode == M_MORE_VIEW) {
            LoanPool.LoanTerms memory t = loanTerms[loanId][a.coin];
            (maxLtv, haircut) = (t.maxLtvBps, t.haircutBps);
        } else {
            LoanPool.CoinParams memory p = coinParams[a.coin];
            (maxLtv, haircut) = (p.maxLtvBps, p.haircutBps);
        }
        a.value = a.grossValue * (BPS - haircut) / BPS;
        a.maxBorrow = a.value * maxLtv / BPS;
        // the liquidation threshold in force at `at` (a scheduled lower one from its date)
        LoanPool.PendingThreshold memory pt = pending[a.coin];
        uint256 threshold =
            pt.effectiveAt != 0 && at >= pt.effectiveAt ? pt.bps : coinParams[a.coin].liquidationThresholdBps;
        a.liquidationValue = a.value * threshold / BPS;
    }

    /// Fills the NFT's position, output, price, remaining days and gross value.
    function _gross(
        LoanPool.Appraisal memory a,
        uint256 id,
        uint256 at,
        LoanPool.CoinQuote[] memory quotes,
        uint8 mode
    ) private view {
        uint64 start;
        (, a.coin, a.hashrate, start, a.termEnd) = LoanPool(address(this)).nft().positionOf(id);
        a.tokenId = id;
        LoanPool.CoinQuote memory q = quotes[a.coin];
        if (!q.loaded) {
            q = _quote(LoanPool(address(this)), a.coin, mode);
            quotes[a.coin] = q;
        }
        a.avgDailyOutput = q.avgOutput;
        a.price = q.price;
        uint256 from = at > start ? at : start;
        a.remainingDays = a.termEnd > from ? (a.termEnd - from) / DAY : 0;
        a.grossValue = _toUsdt(LoanPool(address(this)), a.remainingDays * a.hashrate * q.avgOutput, q);
    }

    /// Output and price of `coin`: the oracle's liquidation price for M_LOAN and M_PREVIEW, else the borrow
    /// price. Reverts on a stale or non-positive price, unless `mode` carries LATEST (then the feed's latest
    /// answer, 0 if not positive).
    function _quote(LoanPool pool, uint8 coin, uint8 mode) private view returns (LoanPool.CoinQuote memory q) {
        uint256 posted;
        (q.token, posted) = pool.rewards().coinToken(coin);
        q.loaded = true;
        q.tokenDecimals = IERC20Metadata(address(q.token)).decimals();
        uint256 lookback = Math.min(LOOKBACK_DAYS, posted);
        q.avgOutput = lookback == 0 ? 0 : pool.rewards().appraisalAverage(coin, lookback);
        OracleAdapter oracle = pool.oracle();
        bool liquidationSide = (mode & (LATEST - 1)) == M_LOAN || (mode & (LATEST - 1)) == M_PREVIEW;
        if (mode & LATEST == 0) {
            (q.price, q.feedDecimals) = liquidationSide ? oracle.liquidationPrice(coin) : oracle.borrowPrice(coin);
            return q;
        }
        try oracle.quote(coin) returns (OracleAdapter.Quote memory) {
            (q.price, q.feedDecimals) = liquidationSide ? oracle.liquidationPrice(coin) : oracle.borrowPrice(coin);
        } catch {
            OracleAdapter.FeedConfig memory f = oracle.feedOf(coin);
            (, int256 answer,,,) = f.feed.latestRoundData();
            q.price = answer > 0 ? uint256(answer) : 0;
            q.feedDecimals = f.feed.decimals();
        }
    }

    /// Self-repay: how many of `amount` reward coins the conversion reserve buys at the oracle price and for
    /// how much USDT, capped at the debt and the reserve. Coins worth more than the debt: just enough coins to
    /// cover it (rounded up by at most one base unit of the coin, so the reserve never pays more than the
    /// coins are worth). Reserve short: coins for the reserve's whole balance (rounded down). A stale,
    /// non-positive or unconfirmed price converts nothing (0, 0): the coins go to the borrower.
    function conversion(uint8 coin, uint256 amount, uint256 debt, uint256 reserve)
        external
        view
        returns (uint256 sold, uint256 usdtOut)
    {
        LoanPool pool = LoanPool(address(this));
        LoanPool.CoinQuote memory q;
        bool ok;
        (ok, q.price, q.feedDecimals) = pool.oracle().conversionPrice(coin);
        if (!ok) return (0, 0);
        (q.token,) = pool.rewards().coinToken(coin);
        q.tokenDecimals = IERC20Metadata(address(q.token)).decimals();
        uint256 value = _toUsdtScaled(pool, amount, 1, q);
        if (value == 0) return (0, 0);
        if (value <= debt && value <= reserve) {
            (sold, usdtOut) = (amount, value);
        } else if (debt <= reserve) {
            // value > debt: sold x price >= amount x price x debt / value >= debt
            (sold, usdtOut) = (Math.mulDiv(amount, debt, value, Math.Rounding.Ceil), debt);
        } else {
            // reserve < debt and reserve < value: value(sold) <= sold x price < reserve + 1
            sold = Math.mulDiv(amount, reserve, value);
            usdtOut = Math.min(_toUsdtScaled(pool, sold, 1, q), reserve);
        }
    }

    /// `amount / PRECISION` reward-token base units in USDT base units at the quote's price (rounded down).
    function _toUsdt(LoanPool pool, uint256 amount, LoanPool.CoinQuote memory q) private view returns (uint256) {
        return _toUsdtScaled(pool, amount, 1e6, q); // Rewards.PRECISION
    }

    function _toUsdtScaled(LoanPool pool, uint256 amount, uint256 scale, LoanPool.CoinQuote memory q)
        private
        view
        returns (uint256)
    {
        uint256 usdtDecimals = pool.usdtDecimals();
        uint256 e = uint256(q.tokenDecimals) + q.feedDecimals;
        if (e >= usdtDecimals) return Math.mulDiv(amount, q.price, scale * 10 ** (e - usdtDecimals));
        return Math.mulDiv(amount, q.price * 10 ** (usdtDecimals - e), scale);
    }
}
