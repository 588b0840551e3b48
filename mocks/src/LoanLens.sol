// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {LoanPool} from "./LoanPool.sol";
import {LoanAuctions} from "./LoanAuctions.sol";
import {LiquidityVault} from "./LiquidityVault.sol";
import {OracleAdapter} from "./OracleAdapter.sol";

/// @title LoanLens
/// @notice Read-only views of LoanPool for pages (kept out of the pool for the contract size limit). Every
/// figure comes from the pool's own valuation (`collateralOf`), so the lens and the pool cannot disagree.
/// Unlike the pool, the lens never reverts on a stale or invalid price in `loanDetails`, `appraisalsAtLatest`
/// and `pendingMarkDowns`: it reports `priceStale` with how old the price is and the figures at the feed's
/// latest answer (the pool's own valuation, LATEST flag), so a page can say why a loan that looks
/// liquidatable cannot be liquidated yet and what it would be worth once the price is updated.
///
/// Projections ("at due") assume today's price and trailing output, fewer remaining days, and interest at
/// today's borrow rate (simple): the same rule `borrow`, `borrowMore`, `extend`, `refinance` and
/// `withdrawCollateral` enforce with `minDueHealthBps`.
contract LoanLens {
    uint256 public constant WAD = 1e18;
    uint256 public constant YEAR = 365 days;
    uint256 public constant DAY = 1 days;

    // LoanPool valuation modes
    uint8 private constant M_BORROW = 0;
    uint8 private constant M_LOAN = 2;
    uint8 private constant M_PREVIEW = 3;
    uint8 private constant M_QUOTE = 4;
    uint8 private constant M_MORE_VIEW = 5;
    /// LoanValuation's flag: value a stale coin at its feed's latest answer instead of reverting
    uint8 private constant LATEST = 8;

    LoanPool public immutable pool;
    LoanAuctions public immutable auctions;

    /// @notice A loan with everything derived from it, for list and detail pages.
    struct LoanDetail {
        uint256 loanId;
        LoanPool.Loan loan;
        uint256 debt;
        uint256 collateralValue;
        /// collateral value x max LTV
        uint256 maxBorrow;
        /// what `borrowMore` would accept now by max LTV (ignoring the projection rule and the vault's cash)
        uint256 borrowable;
        uint256 healthFactor;
        /// 0 for mixed-coin or debt-free loans, type(uint256).max if no price makes it healthy
        uint256 liquidationPrice;
        bool liquidatable;
        /// health factor projected at the due date (today's price and output)
        uint256 dueHealthFactor;
        /// a coin's price is stale or invalid: the pool can neither liquidate, auction, mark down nor write off
        /// this loan; the figures are then at the feed's latest answer and `liquidatable` is false
        bool priceStale;
        bool impaired;
        /// what the vault counts the loan at now
        uint256 bookValue;
        bool inAuction;
        /// first moment the loan becomes liquidatable if price and output stay as they are (HF < 1 on a
        /// whole day, or liquidatableAfter, whichever first); 0 if it already is
        uint256 liquidatableAt;
        /// when stale: the refused coin's latest round time and its feed's staleness limit (seconds); else 0
        uint256 priceUpdatedAt;
        uint256 maxPriceAge;
    }

    /// @notice Loans the vault counts above what they can return and that anyone may mark down now (fresh
    /// price) with `LoanPool.impair`, and the vault after marking them all down.
    struct PendingMarkDowns {
        uint256[] loanIds;
        /// what the vault counts each at now (debt, or the impaired book) and after the mark-down
        uint256[] valueNow;
        uint256[] valueAfter;
        uint256 totalAssets;
        uint256 totalAssetsAfter;
        /// USDT base units per whole vault share, as LiquidityVault.stats computes it
        uint256 sharePrice;
        uint256 sharePriceAfter;
        /// open loans that look liquidatable but whose price is stale: nobody can mark them down until it is updated
        uint256 blockedByStalePrice;
    }

    /// @notice Impaired loans whose recorded upside (what their NFTs cover above the count, up to the debt) is
    /// off by more than 0.1% of the debt at today's price: `impair` on each brings it up to date.
    struct PendingUpsides {
        uint256[] loanIds;
        /// the loan's upside as recorded, and as `impair` would record it now
        uint256[] upsideNow;
        uint256[] upsideAfter;
        /// USDT base units a new deposit pays per whole share, now and once every listed upside is updated
        uint256 entrySharePrice;
        uint256 entrySharePriceAfter;
    }

    /// @notice Health of a loan (or prospective loan) now and at its due date, and whether the rules allow it.
    struct Preview {
        uint256 healthFactor;
        uint256 dueHealthFactor;
        /// max LTV room for this debt on these NFTs (what the debt may reach)
        uint256 maxDebt;
        /// within max LTV now and the projection rule at the due date
        bool allowed;
        bool priceStale;
    }

    constructor(LoanPool pool_, LoanAuctions auctions_) {
        pool = pool_;
        auctions = auctions_;
    }

    // ================================================================ loans

    function loanDetails(uint256[] calldata loanIds) external view returns (LoanDetail[] memory out) {
        out = new LoanDetail[](loanIds.length);
        for (uint256 i; i < loanIds.length; ++i) out[i] = _detail(loanIds[i]);
    }

    function _detail(uint256 loanId) internal view returns (LoanDetail memory d) {
        d.loanId = loanId;
        d.loan = pool.loan(loanId);
        d.healthFactor = type(uint256).max;
        d.dueHealthFactor = type(uint256).max;
        if (d.loan.status == LoanPool.LoanStatus.InAuction) {
            LoanAuctions.AuctionView memory a = auctions.auctionOf(loanId);
            d.inAuction = true;
            d.debt = a.debt;
            d.bookValue = Math.min(a.debt, a.highestBid);
            return d;
        }
        if (d.loan.status != LoanPool.LoanStatus.Active) return d;
        d.debt = pool.debtOf(loanId);
        (uint64 impairedAt, uint192 book) = pool.impairment(loanId);
        d.impaired = impairedAt != 0;
        d.bookValue = d.impaired ? book : d.debt;
        LoanPool.Collateral memory c;
        bool ok;
        (ok, c) = _try(d.loan.tokenIds, block.timestamp, loanId, M_LOAN);
        if (!ok) {
            d.priceStale = true;
            (d.priceUpdatedAt, d.maxPriceAge) = _staleness(d.loan.tokenIds);
            (ok, c) = _try(d.loan.tokenIds, block.timestamp, loanId, M_LOAN | LATEST);
            if (!ok) return d;
        }
        d.collateralValue = c.value;
        d.maxBorrow = c.maxBorrow;
        (, LoanPool.Collateral memory more) =
            _try(d.loan.tokenIds, block.timestamp, loanId, d.priceStale ? M_MORE_VIEW | LATEST : M_MORE_VIEW);
        d.borrowable = more.maxBorrow > d.debt ? more.maxBorrow - d.debt : 0;
        if (d.debt != 0) {
            d.healthFactor = Math.mulDiv(c.liquidationValue, WAD, d.debt);
            if (!c.mixed) {
                d.liquidationPrice = c.liquidationValue == 0
                    ? type(uint256).max
                    : Math.mulDiv(c.price, d.debt, c.liquidationValue, Math.Rounding.Ceil);
            }
            d.dueHealthFactor =
                _healthAt(d.loan.tokenIds, d.debt, d.loan.due, loanId, d.priceStale ? M_LOAN | LATEST : M_LOAN);
        }
        // the pool refuses every liquidation path on a stale price
        d.liquidatable = !d.priceStale && (d.healthFactor < WAD || block.timestamp > d.loan.liquidatableAfter);
        if (!d.liquidatable && !d.priceStale) d.liquidatableAt = _liquidatableAt(d);
    }

    /// The oldest refused price among the loan's coins: its round time and the feed's staleness limit.
    function _staleness(uint256[] memory ids) internal view returns (uint256 updatedAt, uint256 maxAge) {
        OracleAdapter oracle = pool.oracle();
        for (uint256 i; i < ids.length; ++i) {
            (, uint8 coin,,,) = pool.nft().positionOf(ids[i]);
            try oracle.quote(coin) {}
            catch {
                OracleAdapter.FeedConfig memory f = oracle.feedOf(coin);
                (,,, uint256 at,) = f.feed.latestRoundData();
                if (maxAge == 0 || at < updatedAt) (updatedAt, maxAge) = (at, f.maxAge);
            }
        }
    }

    /// First whole day from now at which the projected health factor is below 1, capped by liquidatableAfter + 1.
    function _liquidatableAt(LoanDetail memory d) internal view returns (uint256) {
        uint256 cap = uint256(d.loan.liquidatableAfter) + 1;
        if (d.debt == 0) return cap;
        // health falls day by day; binary search the first day below 1
        uint256 lo = 0;
        uint256 hi = (cap - block.timestamp) / DAY + 1;
        if (_healthAt(d.loan.tokenIds, d.debt, block.timestamp + hi * DAY, d.loanId, M_LOAN) >= WAD) return cap;
        while (lo + 1 < hi) {
            uint256 mid = (lo + hi) / 2;
            if (_healthAt(d.loan.tokenIds, d.debt, block.timestamp + mid * DAY, d.loanId, M_LOAN) < WAD) hi = mid;
            else lo = mid;
        }
        return Math.min(block.timestamp + hi * DAY, cap);
    }

    /// @notice The health factor an open loan would have at `timestamp` (today's price and output).
    function projectedHealthFactor(uint256 loanId, uint256 timestamp) external view returns (uint256) {
        uint256 debt = pool.debtOf(loanId);
        if (debt == 0) return type(uint256).max;
        return _healthAt(pool.loan(loanId).tokenIds, debt, timestamp, loanId, M_LOAN);
    }

    /// @notice Health now and at `due` of `debt` on `ids`, valued with the terms of `loanId` (0: today's terms,
    /// for a new loan or a refinance). One view for every upkeep preview: add collateral (ids + new), withdraw
    /// (ids - removed), borrow more (debt + amount), extend (a later due), refinance (loanId 0).
    function preview(uint256[] calldata ids, uint256 debt, uint256 due, uint256 loanId)
        external
        view
        returns (Preview memory p)
    {
        (bool ok, LoanPool.Collateral memory c) = _try(ids, block.timestamp, loanId, loanId == 0 ? M_QUOTE : M_MORE_VIEW);
        if (!ok) {
            p.priceStale = true;
            return p;
        }
        p.maxDebt = c.maxBorrow;
        p.healthFactor = debt == 0 ? type(uint256).max : Math.mulDiv(c.liquidationValue, WAD, debt);
        p.dueHealthFactor = _healthAt(ids, debt, due, loanId, loanId == 0 ? M_BORROW : M_MORE_VIEW);
        p.allowed = debt <= c.maxBorrow && due <= c.earliestEnd
            && p.dueHealthFactor >= uint256(pool.minDueHealthBps()) * 1e14;
    }

    /// @notice Longest duration (whole days, in seconds) a new loan of `amount` on `ids` may run within the
    /// projection rule and the term ends; 0 if none (or above max LTV).
    function longestSafeDuration(uint256[] calldata ids, uint256 amount) external view returns (uint256) {
        (bool ok, LoanPool.Collateral memory c) = _try(ids, block.timestamp, 0, M_BORROW);
        if (!ok || amount == 0 || amount > c.maxBorrow || c.earliestEnd <= block.timestamp) return 0;
        uint256 min = uint256(pool.minDueHealthBps()) * 1e14;
        uint256 lo = 0;
        uint256 hi = (c.earliestEnd - block.timestamp) / DAY + 1;
        while (lo + 1 < hi) {
            uint256 mid = (lo + hi) / 2;
            if (_healthAt(ids, amount, block.timestamp + mid * DAY, 0, M_BORROW) >= min) lo = mid;
            else hi = mid;
        }
        return lo * DAY;
    }

    /// @notice Largest new loan on `ids` for `duration` seconds: the lower of max LTV now and the projection
    /// rule at the due date; 0 if the duration is beyond the term ends.
    function largestSafeAmount(uint256[] calldata ids, uint256 duration) external view returns (uint256) {
        (bool ok, LoanPool.Collateral memory c) = _try(ids, block.timestamp, 0, M_BORROW);
        uint256 due = block.timestamp + duration;
        if (!ok || due > c.earliestEnd) return 0;
        (, LoanPool.Collateral memory atDue) = _try(ids, due, 0, M_BORROW);
        uint256 growth = WAD + Math.mulDiv(pool.borrowRate(), duration, YEAR);
        // liquidationValue(due) / (amount x growth) >= minDueHealth
        uint256 byRule = Math.mulDiv(atDue.liquidationValue, WAD * 1e4, growth * pool.minDueHealthBps());
        return Math.min(pool.maxBorrow(ids), byRule);
    }

    /// @notice Health factor at `timestamp` of a prospective loan on `ids` with `debt` today (moved from
    /// LoanPool): today's price and output, interest at today's rate.
    function previewHealthFactorAt(uint256[] calldata ids, uint256 debt, uint256 timestamp)
        external
        view
        returns (uint256)
    {
        return _healthAt(ids, debt, timestamp, 0, M_PREVIEW);
    }

    /// @notice Coin price at which a prospective loan on `ids` with `debt` reaches HF = 1 (moved from LoanPool).
    function previewLiquidationPrice(uint256[] calldata ids, uint256 debt) external view returns (uint256) {
        if (debt == 0 || ids.length == 0) return 0;
        LoanPool.Collateral memory c = pool.collateralOf(ids, block.timestamp, 0, M_PREVIEW);
        if (c.mixed) return 0;
        if (c.liquidationValue == 0) return type(uint256).max;
        return Math.mulDiv(c.price, debt, c.liquidationValue, Math.Rounding.Ceil);
    }

    /// @notice Longest loan duration (seconds) `ids` allow by their terms: until the earliest term end.
    function maxDuration(uint256[] calldata ids) external view returns (uint256) {
        if (ids.length == 0) return 0;
        uint256 end = pool.collateralOf(ids, block.timestamp, 0, M_QUOTE).earliestEnd;
        return end > block.timestamp ? end - block.timestamp : 0;
    }

    /// @notice The health factor a loan on `ids` with `debt` would have now (moved from LoanPool).
    function previewHealthFactor(uint256[] calldata ids, uint256 debt) external view returns (uint256) {
        if (debt == 0) return type(uint256).max;
        return Math.mulDiv(pool.collateralOf(ids, block.timestamp, 0, M_PREVIEW).liquidationValue, WAD, debt);
    }

    /// @notice Per-NFT appraisals at today's terms with every input (moved from LoanPool; same figures as the
    /// pool's valuation, which it calls once per NFT). Reverts on a stale price.
    function appraisals(uint256[] calldata ids) external view returns (LoanPool.Appraisal[] memory out) {
        out = new LoanPool.Appraisal[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            (out[i],) = _appraisal(ids[i], false);
        }
    }

    /// @notice The same appraisals without reverting: an NFT whose coin price the pool refuses (stale or
    /// invalid) is appraised at its feed's latest answer and flagged `stale`.
    function appraisalsAtLatest(uint256[] calldata ids)
        external
        view
        returns (LoanPool.Appraisal[] memory out, bool[] memory stale)
    {
        out = new LoanPool.Appraisal[](ids.length);
        stale = new bool[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            (out[i], stale[i]) = _appraisal(ids[i], true);
        }
    }

    function _appraisal(uint256 id, bool latestOk) internal view returns (LoanPool.Appraisal memory a, bool stale) {
        uint256[] memory one = new uint256[](1);
        one[0] = id;
        LoanPool.Collateral memory c;
        if (latestOk) {
            bool ok;
            (ok, c) = _try(one, block.timestamp, 0, M_QUOTE);
            stale = !ok;
            if (stale) c = pool.collateralOf(one, block.timestamp, 0, M_QUOTE | LATEST);
        } else {
            c = pool.collateralOf(one, block.timestamp, 0, M_QUOTE);
        }
        uint64 start;
        (, a.coin, a.hashrate, start, a.termEnd) = pool.nft().positionOf(id);
        a.tokenId = id;
        a.price = c.price;
        a.value = c.value;
        a.maxBorrow = c.maxBorrow;
        a.liquidationValue = c.liquidationValue;
        uint256 from = block.timestamp > start ? block.timestamp : start;
        a.remainingDays = a.termEnd > from ? (a.termEnd - from) / DAY : 0;
        (, uint256 posted) = pool.rewards().coinToken(a.coin);
        uint256 lookback = Math.min(7, posted);
        a.avgDailyOutput = lookback == 0 ? 0 : pool.rewards().appraisalAverage(a.coin, lookback);
        a.grossValue = _gross(a);
    }

    /// The appraisal before the haircut, exactly as LoanValuation computes it (borrow-side price).
    function _gross(LoanPool.Appraisal memory a) internal view returns (uint256) {
        (IERC20Metadata token,) = _coinToken(a.coin);
        uint8 feedDecimals = pool.oracle().feedOf(a.coin).feed.decimals();
        uint256 e = uint256(token.decimals()) + feedDecimals;
        uint256 usdtDecimals = pool.usdtDecimals();
        uint256 amount = a.remainingDays * a.hashrate * a.avgDailyOutput;
        if (e >= usdtDecimals) return Math.mulDiv(amount, a.price, 1e6 * 10 ** (e - usdtDecimals));
        return Math.mulDiv(amount, a.price * 10 ** (usdtDecimals - e), 1e6);
    }

    function _coinToken(uint8 coin) internal view returns (IERC20Metadata token, uint256 posted) {
        address t;
        (t, posted) = _coinTokenRaw(coin);
        token = IERC20Metadata(t);
    }

    function _coinTokenRaw(uint8 coin) internal view returns (address, uint256) {
        (IERC20 t, uint256 posted) = pool.rewards().coinToken(coin);
        return (address(t), posted);
    }

    // ================================================================ vault risk

    /// @notice What a lender should see before depositing: debt written off so far, loans in auction now,
    /// impaired loans and what the vault counts them at.
    function vaultRisk()
        external
        view
        returns (uint256 badDebtWrittenOff, uint256 loansInAuction, uint256 auctionBook, uint256 impairedBook)
    {
        return (pool.badDebtWrittenOff(), auctions.liveCount(), auctions.totalBook(), pool.totalImpairedBook());
    }

    /// @notice Open loans counted above what they can return that anyone may mark down now: liquidatable
    /// loans not yet impaired whose collateral is worth less than their debt, and impaired loans whose
    /// collateral is now worth less than their book value; with the vault's share price before and after
    /// marking them all down (each with `LoanPool.impair`). Loans on a stale price cannot be marked down:
    /// they are counted in `blockedByStalePrice`.
    function pendingMarkDowns() external view returns (PendingMarkDowns memory p) {
        (uint256[] memory open, uint256[] memory ids, uint256[] memory now_, uint256[] memory after_) = _openLoanBuffers();
        uint256 n;
        uint256 drop;
        for (uint256 i; i < open.length; ++i) {
            LoanDetail memory d = _detail(open[i]);
            if (d.priceStale) {
                if (d.healthFactor < WAD || block.timestamp > d.loan.liquidatableAfter) ++p.blockedByStalePrice;
                continue;
            }
            uint256 target = d.impaired ? d.collateralValue : (d.liquidatable ? Math.min(d.debt, d.collateralValue) : d.bookValue);
            if (target >= d.bookValue) continue;
            (ids[n], now_[n], after_[n]) = (open[i], d.bookValue, target);
            drop += d.bookValue - target;
            ++n;
        }
        p.loanIds = _trim(ids, n);
        p.valueNow = _trim(now_, n);
        p.valueAfter = _trim(after_, n);
        LiquidityVault vault = pool.vault();
        p.totalAssets = vault.totalAssets();
        p.totalAssetsAfter = p.totalAssets > drop ? p.totalAssets - drop : 0;
        uint256 supply = vault.totalSupply();
        uint256 one = 10 ** vault.decimals();
        uint256 virtualShares = 10 ** vault.DECIMALS_OFFSET();
        // ERC4626 convertToAssets(one share), rounded down, before and after
        p.sharePrice = Math.mulDiv(one, p.totalAssets + 1, supply + virtualShares);
        p.sharePriceAfter = Math.mulDiv(one, p.totalAssetsAfter + 1, supply + virtualShares);
    }

    /// @notice The upsides the keeper (or anyone) should bring up to date, and the entry price after. A loan
    /// whose collateral fell below its count is `pendingMarkDowns`' (the mark-down zeroes its upside too).
    function pendingUpsides() external view returns (PendingUpsides memory p) {
        (uint256[] memory open, uint256[] memory ids, uint256[] memory now_, uint256[] memory after_) = _openLoanBuffers();
        uint256 n;
        uint256 total = pool.totalUpside();
        uint256 totalAfter = total;
        for (uint256 i; i < open.length; ++i) {
            LoanDetail memory d = _detail(open[i]);
            if (!d.impaired || d.priceStale || d.collateralValue < d.bookValue) continue;
            uint256 was = pool.upside(open[i]);
            // as `impair` values it: the loan's own terms at the lower of the two latest rounds
            uint256 cover = Math.min(pool.collateralOf(d.loan.tokenIds, block.timestamp, open[i], M_MORE_VIEW).value, d.debt);
            uint256 target = cover > d.bookValue ? cover - d.bookValue : 0;
            uint256 diff = target > was ? target - was : was - target;
            if (diff == 0 || diff * 1000 <= d.debt) continue;
            (ids[n], now_[n], after_[n]) = (open[i], was, target);
            totalAfter = totalAfter + target - was;
            ++n;
        }
        p.loanIds = _trim(ids, n);
        p.upsideNow = _trim(now_, n);
        p.upsideAfter = _trim(after_, n);
        LiquidityVault vault = pool.vault();
        uint256 assets = vault.totalAssets();
        uint256 supply = vault.totalSupply() + 10 ** vault.DECIMALS_OFFSET();
        uint256 one = 10 ** vault.decimals();
        p.entrySharePrice = Math.mulDiv(one, assets + total + 1, supply);
        p.entrySharePriceAfter = Math.mulDiv(one, assets + totalAfter + 1, supply);
    }

    /// The open loans, and three lists as long to fill (ids, a figure now, the figure after) and `_trim`.
    function _openLoanBuffers()
        internal
        view
        returns (uint256[] memory open, uint256[] memory ids, uint256[] memory now_, uint256[] memory after_)
    {
        open = pool.openLoans();
        ids = new uint256[](open.length);
        now_ = new uint256[](open.length);
        after_ = new uint256[](open.length);
    }

    function _trim(uint256[] memory a, uint256 n) internal pure returns (uint256[] memory out) {
        out = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            out[i] = a[i];
        }
    }

    // ================================================================ internals

    function _try(uint256[] memory ids, uint256 at, uint256 loanId, uint8 mode)
        internal
        view
        returns (bool ok, LoanPool.Collateral memory c)
    {
        try pool.collateralOf(ids, at, loanId, mode) returns (LoanPool.Collateral memory r) {
            return (true, r);
        } catch {
            return (false, c);
        }
    }

    function _healthAt(uint256[] memory ids, uint256 debt, uint256 timestamp, uint256 loanId, uint8 mode)
        internal
        view
        returns (uint256)
    {
        uint256 at = timestamp > block.timestamp ? timestamp : block.timestamp;
        debt += Math.mulDiv(debt, pool.borrowRate() * (at - block.timestamp), WAD * YEAR);
        if (debt == 0) return type(uint256).max;
        (bool ok, LoanPool.Collateral memory c) = _try(ids, at, loanId, mode);
        if (!ok) return 0;
        return Math.mulDiv(c.liquidationValue, WAD, debt);
    }
}
