// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {HashNFT} from "./HashNFT.sol";
import {Rewards} from "./Rewards.sol";
import {LiquidityVault} from "./LiquidityVault.sol";
import {OracleAdapter} from "./OracleAdapter.sol";
import {Guarded} from "./PauseGuard.sol";
import {LoanValuation} from "./LoanValuation.sol";

/// @notice What the pool reads from its auction house.
interface ILoanAuctionsBook {
    /// @notice Sum over live auctions of min(frozen debt, highest bid): what the vault counts them at.
    function totalBook() external view returns (uint256);
}

/// @title LoanPool
/// @notice USDT loans against hash-power NFTs, funded by the LiquidityVault.
///
/// Collateral. A loan pledges one or more HashNFTs of one borrower (coins may be mixed); the pool holds them
/// in escrow until the loan is repaid (they go back to the borrower), liquidated (they go to the liquidator)
/// or written off as bad debt (they go to the treasury).
///
/// Appraisal of one NFT, in USDT base units:
///   value = remainingDays x hashrate x avgOutput / 1e6 x price / 10^(coinDecimals + feedDecimals - 6)
///           x (10000 - haircutBps) / 10000
/// where remainingDays is the number of whole days left in the term (rounded down), avgOutput is
/// `Rewards.appraisalAverage(coin, min(7, postedDays))` (reward-token base units x 1e6 per hashrate unit per
/// day, after the operator output guard; zero if nothing was posted) and price is the coin's price from the
/// OracleAdapter (Chainlink AggregatorV3 feed; stale or non-positive answers revert; an unconfirmed jump is
/// priced against the side that would gain from it: see OracleAdapter). Collateral value amortises: each
/// day the NFT has one day less of output to give, so a loan's health factor drifts down over time even at a
/// constant price. `projectedHealthFactor` shows where it is heading.
///
/// Limits per coin (owner = the DAO's timelock, within hard bounds): maxLtvBps (<= 80%), liquidationThresholdBps
/// (> maxLtv, <= 90%), haircutBps (<= 50%), graceDays (1..30).
/// Terms are snapshotted per loan: a loan keeps the max LTV and haircut of each of its coins from the moment
/// it opened (`loanTerms`), so a later change never revalues an open loan (`borrowMore` on it uses them too;
/// governance stops new debt at once with `borrowEnabled`, the guardian with a pause). A higher liquidation threshold applies at once; a lower one reaches
/// every loan only `THRESHOLD_NOTICE` (7 days) after it was set (`pendingLiquidationThreshold`), so borrowers
/// have a week's notice to add margin or repay. For mixed collateral every NFT counts with its own coin's
/// figures: maxBorrow = sum(value x maxLtv), healthFactor = sum(value x threshold) x 1e18 / debt.
///
/// Interest. One global borrow index (1e18 at deployment) grows per second at the borrow rate:
///   index += index x rate x dt / 365 days, applied at every interaction (compounds per interaction).
/// A loan stores its scaled debt (amount / index when borrowed, rounded up), so every loan accrues in O(1):
///   debt = scaledDebt x index / 1e18 (rounded up; the vault is never short-changed by rounding).
/// Rate model (per year, 1e18 = 100%) with utilisation u = totalDebt / (vault idle cash + totalDebt):
///   u <= kink: rate = base + slope1 x u / kink
///   u >  kink: rate = base + slope1 + slope2 x (u - kink) / (1 - kink)
/// Defaults: base 2%, slope1 8% (10% at the 80% kink), slope2 60% (70% at full utilisation).
/// All interest goes to the vault: supplyRate = borrowRate x u.
///
/// A new loan or `borrowMore` is refused above max LTV, checked on the debt after index rounding (so
/// `maxBorrow` may be a unit or two below value x maxLtv once interest has accrued). New borrowing (`borrow`,
/// `borrowMore`) stops while the guardian has paused it (PauseGuard action BORROW); repaying, claiming and
/// liquidating never pause.
///
/// Loans run until a due date chosen at borrowing (at least one day, at most until the earliest term end of
/// the pledged NFTs). Anyone may liquidate a loan whose health factor is below 1, or once
/// `liquidatableAfter` (= due + the smallest grace period of its coins) has passed: the liquidator pays the
/// whole debt to the vault and receives the NFTs. There is no separate bonus: at HF = 1 the NFTs' appraisal
/// is debt / threshold, and their gross value before haircut higher still. A borrower who lets an overdue
/// loan pass its grace period loses the NFTs even if they are worth more than the debt.
/// Bad debt: a defaulted loan whose collateral is worth less than its debt can be written off by the owner
/// (`writeOff`); the debt leaves the vault's assets, which is the only way the share price can fall.
///
/// Rewards of pledged NFTs. The pool is the NFTs' owner in Rewards, so it claims on the borrower's behalf:
/// - `claimRewards` (borrower only) forwards every claimed coin to the borrower.
/// - With self-repay on, anyone may call `claimRewards`, and the claimed coins are sold to the protocol's
///   conversion reserve at the oracle price (no spread): the reserve's USDT repays the debt and the coins go
///   to the treasury. The sale is capped at the outstanding debt and at the reserve's balance; whatever the
///   reserve cannot buy (or any coin whose price is stale) is forwarded to the borrower instead. If the debt
///   reaches zero the loan closes and the NFTs go back to the borrower. The reserve is USDT the operator
///   deposits with `fundReserve`; it only ever changes hands at oracle value, so it creates no USDT.
/// - On liquidation or write-off, rewards accrued while pledged are first claimed and forwarded to the
///   borrower: they were earned during the loan. The liquidator receives the NFTs with nothing unclaimed.
contract LoanPool is Ownable2Step, ReentrancyGuard, Guarded {
    using SafeERC20 for IERC20;
    using EnumerableSet for EnumerableSet.UintSet;

    uint256 public constant WAD = 1e18;
    uint256 public constant BPS = 10_000;
    uint256 public constant YEAR = 365 days;
    uint256 public constant DAY = 1 days;
    uint256 public constant LOOKBACK_DAYS = LoanValuation.LOOKBACK_DAYS;
    uint256 public constant MAX_NFTS_PER_LOAN = 20;
    uint256 public constant MIN_DURATION = 1 days;

    // hard bounds for the owner's parameters
    uint256 public constant MAX_LTV_BOUND = 8_000;
    uint256 public constant MAX_THRESHOLD_BOUND = 9_000;
    uint256 public constant MAX_HAIRCUT_BOUND = 5_000;
    uint256 public constant MIN_GRACE_DAYS = 1;
    uint256 public constant MAX_GRACE_DAYS = 30;
    uint256 public constant MAX_BASE_RATE = 0.2e18;
    uint256 public constant MAX_SLOPE1 = 1e18;
    uint256 public constant MAX_SLOPE2 = 5e18;
    uint256 public constant MIN_KINK = 0.5e18;
    uint256 public constant MAX_KINK = 0.95e18;
    /// @notice Notice before a lower liquidation threshold reaches open loans.
    uint256 public constant THRESHOLD_NOTICE = 7 days;
    /// @notice Bounds of `setLoanRules`: the projection rule's minimum health at the due date (1.00..2.00) and
    /// the write-off window (1 hour..30 days).
    uint256 public constant MIN_DUE_HEALTH_BOUND = BPS;
    uint256 public constant MAX_DUE_HEALTH_BOUND = 2 * BPS;
    uint256 public constant MIN_WRITE_OFF_DELAY = 1 hours;
    uint256 public constant MAX_WRITE_OFF_DELAY = 30 days;
    /// @notice PauseGuard action checked by everything that takes new risk on the pool's cash or leans on the
    /// valuation to let collateral go: `borrow`, `borrowMore`, `refinance`, `extend`, `withdrawCollateral`.
    uint8 public constant BORROW_ACTION = 0;

    // valuation modes (which terms and which side of an unconfirmed price jump), defined in LoanValuation
    /// a new loan: current terms, borrow price, coin must be enabled
    uint8 private constant M_BORROW = LoanValuation.M_BORROW;
    /// more debt on a loan: the loan's terms, borrow price, coin must be enabled
    uint8 private constant M_BORROW_MORE = LoanValuation.M_BORROW_MORE;
    /// an open loan's health: the loan's terms, liquidation price
    uint8 private constant M_LOAN = LoanValuation.M_LOAN;
    /// a prospective loan's health: current terms, liquidation price
    uint8 private constant M_PREVIEW = LoanValuation.M_PREVIEW;
    /// what a new loan could borrow (views): current terms, borrow price
    uint8 private constant M_QUOTE = LoanValuation.M_QUOTE;
    /// what more debt on a loan could add (views): the loan's terms, borrow price, no borrowEnabled check
    uint8 private constant M_MORE_VIEW = LoanValuation.M_MORE_VIEW;

    enum LoanStatus {
        None,
        Active,
        Repaid,
        Liquidated,
        WrittenOff,
        /// in a LoanAuctions auction: debt frozen, NFTs still in escrow here
        InAuction
    }

    struct Loan {
        address borrower;
        LoanStatus status;
        bool selfRepay;
        uint64 openedAt;
        uint64 due;
        /// due + grace: from the second after it, the loan is liquidatable whatever its health
        uint64 liquidatableAfter;
        /// debt / borrow index (1e18 scale); debt = scaledDebt x index / 1e18, rounded up
        uint256 scaledDebt;
        /// principal still owed (repayments pay interest first), for display
        uint256 principal;
        uint256[] tokenIds;
    }

    /// @notice A loan's terms for one coin, fixed when the loan opened.
    struct LoanTerms {
        uint16 maxLtvBps;
        uint16 haircutBps;
    }

    /// @notice A lower liquidation threshold waiting out its notice period.
    struct PendingThreshold {
        uint16 bps;
        uint64 effectiveAt;
    }

    struct CoinParams {
        uint16 maxLtvBps;
        uint16 liquidationThresholdBps;
        uint16 haircutBps;
        uint16 graceDays;
        bool borrowEnabled;
    }

    /// Rates per year, 1e18 = 100%; kink is a utilisation, 1e18 = 100%.
    struct RateModel {
        uint64 baseRate;
        uint64 slope1;
        uint64 slope2;
        uint64 kink;
    }

    /// @notice One NFT's appraisal, every input shown.
    struct Appraisal {
        uint256 tokenId;
        uint8 coin;
        uint64 hashrate;
        uint64 termEnd;
        uint256 remainingDays;
        /// trailing average output per hashrate unit per day, reward-token base units x 1e6
        uint256 avgDailyOutput;
        /// oracle answer, feed decimals (8)
        uint256 price;
        /// USDT base units before the haircut
        uint256 grossValue;
        /// USDT base units after the haircut: the collateral value
        uint256 value;
        uint256 maxBorrow;
        /// value x liquidation threshold
        uint256 liquidationValue;
    }

    /// Sums over a set of NFTs.
    struct Collateral {
        uint256 value;
        uint256 maxBorrow;
        uint256 liquidationValue;
        uint256 earliestEnd;
        uint256 minGraceDays;
        uint8 coin;
        bool mixed;
        uint256 price;
        /// bit k set = coin k is among the NFTs
        uint256 coinMask;
    }

    struct CoinQuote {
        bool loaded;
        uint8 tokenDecimals;
        uint8 feedDecimals;
        uint256 avgOutput;
        uint256 price;
        IERC20 token;
    }

    IERC20 public immutable usdt;
    uint8 public immutable usdtDecimals;
    LiquidityVault public immutable vault;
    HashNFT public immutable nft;
    Rewards public immutable rewards;
    /// @notice The only price source: Chainlink AggregatorV3 feeds behind staleness and jump guards.
    OracleAdapter public immutable oracle;

    address public treasury;
    RateModel public rateModel;
    mapping(uint8 => CoinParams) private _coinParams;
    mapping(uint8 => PendingThreshold) private _pendingThreshold;
    mapping(uint256 loanId => mapping(uint8 coin => LoanTerms)) private _loanTerms;

    /// @notice Borrow index, 1e18 scale, as of `lastAccrual`.
    uint256 public borrowIndex = WAD;
    uint256 public lastAccrual;
    /// @notice Sum of all open loans' scaled debt.
    uint256 public totalScaledDebt;
    /// @notice USDT the operator has put up to buy self-repaying borrowers' reward coins.
    uint256 public conversionReserve;

    /// @notice LoanAuctions, the only caller of the auction hooks (set once).
    ILoanAuctionsBook public auctions;
    /// @notice Projection rule: a loan's health factor projected at its due date must be at least this (bps).
    uint16 public minDueHealthBps = 10_500;
    /// @notice Time an impaired loan waits for an auction before anyone may write it off.
    uint32 public writeOffDelay = 1 days;
    /// @notice Debt written off so far (unpaid debt of written-off loans and auction shortfalls).
    uint256 public badDebtWrittenOff;
    /// @notice Sum of the impaired loans' book values (what the vault counts them at).
    uint256 public totalImpairedBook;

    struct Impairment {
        uint64 impairedAt;
        uint192 bookValue;
    }

    /// @notice When a loan was impaired and the value the vault counts it at (0, 0 if not impaired).
    mapping(uint256 loanId => Impairment) public impairment;

    /// @notice What an impaired loan's NFTs cover now above the value the vault counts it at, capped at its
    /// debt, as of the last `impair` (a fresh price). The share price leaves it out until cash comes in; new
    /// deposits pay for it (LiquidityVault's entry price), so lenders who carried the mark-down keep the
    /// recovery instead of sharing it with whoever deposits while the count is low.
    mapping(uint256 loanId => uint256) public upside;
    /// @notice Sum of `upside` over the impaired loans.
    uint256 public totalUpside;

    uint256 public loanCount;
    mapping(uint256 => Loan) private _loans;
    /// @notice Open loan holding a token in escrow; 0 if none.
    mapping(uint256 => uint256) public loanOfToken;
    mapping(address => uint256[]) private _loansOf;
    EnumerableSet.UintSet private _openLoans;

    event LoanOpened(uint256 indexed loanId, address indexed borrower, uint256[] ids, uint256 amount, uint256 due);
    event BorrowedMore(uint256 indexed loanId, uint256 amount, uint256 debt);
    /// @param payer who paid: the caller, or this pool when the conversion reserve paid for self-repay
    event Repaid(
        uint256 indexed loanId, address indexed payer, uint256 amount, uint256 interestPaid, uint256 remainingDebt
    );
    event Liquidated(uint256 indexed loanId, address indexed liquidator, uint256 debtPaid);
    event BadDebtWrittenOff(uint256 indexed loanId, uint256 debt);
    /// @notice A loan ended; its NFTs went to `collateralTo`.
    event LoanSettled(uint256 indexed loanId, LoanStatus status, address collateralTo);
    event SelfRepaySet(uint256 indexed loanId, bool enabled);
    /// @param toBorrower coins forwarded to the borrower
    /// @param converted coins sold to the conversion reserve (sent to the treasury)
    /// @param usdtApplied USDT from the reserve applied to the debt
    event RewardsClaimed(
        uint256 indexed loanId,
        uint8 indexed coin,
        uint256 amount,
        uint256 toBorrower,
        uint256 converted,
        uint256 usdtApplied
    );
    event ParamsSet(
        uint8 indexed coin,
        uint16 maxLtvBps,
        uint16 liquidationThresholdBps,
        uint16 haircutBps,
        uint16 graceDays,
        bool borrowEnabled
    );
    event RateModelSet(uint256 baseRate, uint256 slope1, uint256 slope2, uint256 kink);
    /// @notice A lower liquidation threshold for `coin` reaches every loan at `effectiveAt`.
    event LiquidationThresholdScheduled(uint8 indexed coin, uint16 currentBps, uint16 newBps, uint64 effectiveAt);
    /// @notice The terms a new loan keeps for one of its coins.
    event LoanTermsSet(uint256 indexed loanId, uint8 indexed coin, uint16 maxLtvBps, uint16 haircutBps);
    event TreasurySet(address treasury);
    event ReserveFunded(address indexed from, uint256 amount);
    event ReserveWithdrawn(address indexed to, uint256 amount);
    event NftRescued(uint256 indexed tokenId, address to);
    event CollateralAdded(uint256 indexed loanId, uint256[] ids);
    event CollateralWithdrawn(uint256 indexed loanId, uint256[] ids);
    event LoanExtended(uint256 indexed loanId, uint256 oldDue, uint256 newDue);
    event Refinanced(uint256 indexed oldLoanId, uint256 indexed newLoanId, uint256 oldDebt, uint256 newAmount);
    /// @notice The vault counts `loanId` at `bookValue` from now on (interest stops counting).
    event LoanImpaired(uint256 indexed loanId, uint256 debt, uint256 bookValue);
    event LoanMarkedDown(uint256 indexed loanId, uint256 oldBookValue, uint256 bookValue);
    /// @notice What an impaired loan's NFTs cover above its book value (capped at its debt) is `upside` from now on.
    event LoanUpsideSet(uint256 indexed loanId, uint256 upside);
    event LoanRulesSet(uint16 minDueHealthBps, uint32 writeOffDelay);
    event AuctionsSet(address auctions);

    error AboveMaxLtv(uint256 requested, uint256 max);
    error NotBorrower(uint256 loanId, address caller);
    error LoanNotLiquidatable(uint256 healthFactor);
    error LoanClosed(uint256 loanId);
    error UnknownLoan(uint256 loanId);
    error EmptyCollateral();
    error TooManyNfts(uint256 count, uint256 max);
    error LoanTooLong(uint256 requested, uint256 max);
    error DurationTooShort(uint256 requested, uint256 min);
    error InsufficientLiquidity(uint256 available, uint256 requested);
    error ParamOutOfBounds(string param, uint256 value, uint256 min, uint256 max);
    error NotNftOwner(uint256 tokenId, address caller);
    error CoinNotSupported(uint8 coin);
    error UnknownCoin(uint256 coin);
    error ZeroAmount();
    error ZeroAddress();
    error LoanOverdue(uint256 loanId, uint256 due);
    error StalePrice(uint8 coin, uint256 updatedAt);
    error InvalidPrice(uint8 coin, int256 answer);
    error ConversionReserveTooLow(uint256 available, uint256 requested);
    error TokenInLoan(uint256 tokenId, uint256 loanId);
    error VaultAssetMismatch();
    /// @notice The health factor projected at the due date (1e18) is below the minimum.
    error DueHealthTooLow(uint256 projectedHealthFactor, uint256 minHealthFactor);
    error LoanNotHealthy(uint256 healthFactor);
    error AlreadyImpaired(uint256 loanId);
    error NothingToMarkDown(uint256 loanId, uint256 bookValue, uint256 collateralValue);
    error NotImpaired(uint256 loanId);
    error WriteOffTooEarly(uint256 allowedAt);
    error NotAuctions(address caller);
    error AuctionsAlreadySet();
    error LienPending(uint256 tokenId);
    error TokenNotInLoan(uint256 tokenId, uint256 loanId);

    constructor(
        IERC20 usdt_,
        LiquidityVault vault_,
        HashNFT nft_,
        Rewards rewards_,
        OracleAdapter oracle_,
        address treasury_,
        address owner_
    ) Ownable(owner_) {
        if (treasury_ == address(0) || address(oracle_) == address(0)) revert ZeroAddress();
        oracle = oracle_;
        if (vault_.asset() != address(usdt_)) revert VaultAssetMismatch();
        usdt = usdt_;
        usdtDecimals = IERC20Metadata(address(usdt_)).decimals();
        vault = vault_;
        nft = nft_;
        rewards = rewards_;
        treasury = treasury_;
        lastAccrual = block.timestamp;
        rateModel = RateModel({baseRate: 0.02e18, slope1: 0.08e18, slope2: 0.6e18, kink: 0.8e18});
        emit RateModelSet(0.02e18, 0.08e18, 0.6e18, 0.8e18);
        emit TreasurySet(treasury_);
    }

    // ================================================================ admin

    /// @notice Sets a coin's lending parameters. Max LTV, haircut and grace days apply to loans opened after
    /// this (open loans keep the terms they opened with); `borrowEnabled` applies to new borrowing at once; a
    /// higher liquidation threshold applies to every loan at once, a lower one only after THRESHOLD_NOTICE
    /// (until then the current one stays in force and `pendingLiquidationThreshold` shows the new one).
    function setCoinParams(uint8 coin, CoinParams calldata p) external onlyOwner {
        if (coin >= rewards.coinCount()) revert UnknownCoin(coin);
        LoanValuation.setCoinParams(_coinParams, _pendingThreshold, coin, p);
    }

    /// @notice Sets the PauseGuard consulted by the new-risk entry points (see BORROW_ACTION; timelock only).
    function setPauseGuard(address guard) external onlyOwner {
        _setPauseGuard(guard);
    }

    /// @notice Sets the interest-rate model. Interest up to now accrues at the old rate.
    function setRateModel(RateModel calldata m) external onlyOwner {
        LoanValuation.checkRateModel(m);
        _accrue();
        rateModel = m;
        emit RateModelSet(m.baseRate, m.slope1, m.slope2, m.kink);
    }

    /// @notice Sets the projection rule's minimum health at the due date (1.00..2.00) and the write-off
    /// window (1 hour..30 days).
    function setLoanRules(uint16 minDueHealthBps_, uint32 writeOffDelay_) external onlyOwner {
        LoanValuation.checkLoanRules(minDueHealthBps_, writeOffDelay_);
        minDueHealthBps = minDueHealthBps_;
        writeOffDelay = writeOffDelay_;
        emit LoanRulesSet(minDueHealthBps_, writeOffDelay_);
    }

    /// @notice Sets the auction house, once.
    function setAuctions(address auctions_) external onlyOwner {
        if (auctions_ == address(0)) revert ZeroAddress();
        if (address(auctions) != address(0)) revert AuctionsAlreadySet();
        auctions = ILoanAuctionsBook(auctions_);
        emit AuctionsSet(auctions_);
    }

    function setTreasury(address treasury_) external onlyOwner {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    /// @notice Adds USDT to the conversion reserve (anyone may; in practice the operator).
    function fundReserve(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        conversionReserve += amount;
        usdt.safeTransferFrom(msg.sender, address(this), amount);
        emit ReserveFunded(msg.sender, amount);
    }

    function withdrawReserve(address to, uint256 amount) external onlyOwner nonReentrant {
        if (to == address(0)) revert ZeroAddress();
        if (amount > conversionReserve) revert ConversionReserveTooLow(conversionReserve, amount);
        conversionReserve -= amount;
        usdt.safeTransfer(to, amount);
        emit ReserveWithdrawn(to, amount);
    }

    /// @notice Returns an NFT that was sent here without a loan (plain `transferFrom`). Escrowed NFTs can't move.
    /// (A zero `to` is refused by the NFT itself: ERC721InvalidReceiver.)
    function rescueNft(uint256 tokenId, address to) external onlyOwner {
        uint256 inLoan = loanOfToken[tokenId];
        if (inLoan != 0) revert TokenInLoan(tokenId, inLoan);
        nft.transferFrom(address(this), to, tokenId);
        emit NftRescued(tokenId, to);
    }

    // ================================================================ interest

    /// @notice Brings the borrow index up to now. Anyone may call; the vault does before cash moves.
    function accrueInterest() external {
        _accrue();
    }

    function _accrue() internal {
        if (block.timestamp <= lastAccrual) return;
        borrowIndex = _indexNow();
        lastAccrual = block.timestamp;
    }

    /// The index runs whenever time passes, also when every open loan is impaired: an impaired borrower still
    /// owes interest (the vault just no longer counts it), and with no debt at all it moves nothing.
    /// A read whose block time is before the last accrual (a node simulating a call with an older block's
    /// time than the state it reads, seen on anvil) gets the stored index instead of an arithmetic panic.
    function _indexNow() internal view returns (uint256) {
        if (block.timestamp <= lastAccrual) return borrowIndex;
        uint256 dt = block.timestamp - lastAccrual;
        return borrowIndex + Math.mulDiv(borrowIndex, borrowRate() * dt, WAD * YEAR);
    }

    function _debt(uint256 scaled, uint256 index) internal pure returns (uint256) {
        return Math.mulDiv(scaled, index, WAD, Math.Rounding.Ceil);
    }

    /// Largest amount a loan with `scaled` debt can add so that its debt, rounding included, stays within
    /// `cap`: the loan may hold at most floor(cap / index) scaled units, and adding `a` costs ceil(a / index).
    function _room(uint256 cap, uint256 scaled, uint256 index) internal pure returns (uint256) {
        uint256 maxScaled = Math.mulDiv(cap, WAD, index);
        if (maxScaled <= scaled) return 0;
        return Math.mulDiv(maxScaled - scaled, index, WAD);
    }

    /// Utilisation (1e18) from the debt as of the last accrual, which is what the current rate applies to.
    function _utilization() internal view returns (uint256) {
        uint256 debt = _debt(totalScaledDebt, borrowIndex);
        if (debt == 0) return 0;
        return Math.mulDiv(debt, WAD, vault.idleCash() + debt);
    }

    function _rateAt(uint256 u) internal view returns (uint256) {
        RateModel memory m = rateModel;
        if (u <= m.kink) return m.baseRate + Math.mulDiv(m.slope1, u, m.kink);
        return m.baseRate + m.slope1 + Math.mulDiv(m.slope2, u - m.kink, WAD - m.kink);
    }

    // ================================================================ borrowing

    /// @notice Pledges `ids` (all the caller's) and borrows `amount` USDT from the vault until
    /// now + `duration` seconds. The pool must be approved for every NFT. Refused if the health factor
    /// projected at the due date is below `minDueHealthBps` (`DueHealthTooLow`).
    function borrow(uint256[] calldata ids, uint256 amount, uint256 duration)
        external
        nonReentrant
        returns (uint256 loanId)
    {
        _whenNotPaused(BORROW_ACTION);
        _accrue();
        loanId = _open(ids, amount, duration, true);
        _lend(msg.sender, amount);
    }

    /// Opens a loan of `amount` for the caller on `ids` (pledged here if `pledge`, else already in escrow:
    /// refinancing). Lending the cash is the caller's business.
    function _open(uint256[] memory ids, uint256 amount, uint256 duration, bool pledge)
        internal
        returns (uint256 loanId)
    {
        if (amount == 0) revert ZeroAmount();
        uint256 n = ids.length;
        if (n == 0) revert EmptyCollateral();
        if (n > MAX_NFTS_PER_LOAN) revert TooManyNfts(n, MAX_NFTS_PER_LOAN);
        Collateral memory c = _collateral(ids, block.timestamp, 0, M_BORROW);
        uint256 maxDur = c.earliestEnd > block.timestamp ? c.earliestEnd - block.timestamp : 0;
        if (duration < MIN_DURATION) revert DurationTooShort(duration, MIN_DURATION);
        if (duration > maxDur) revert LoanTooLong(duration, maxDur);
        uint256 max = _room(c.maxBorrow, 0, borrowIndex);
        if (amount > max) revert AboveMaxLtv(amount, max);
        _checkDue(ids, amount, block.timestamp + duration, 0, M_BORROW);

        loanId = ++loanCount;
        Loan storage l = _loans[loanId];
        l.borrower = msg.sender;
        l.status = LoanStatus.Active;
        l.openedAt = SafeCast.toUint64(block.timestamp);
        l.due = SafeCast.toUint64(block.timestamp + duration);
        l.liquidatableAfter = SafeCast.toUint64(block.timestamp + duration + c.minGraceDays * DAY);
        uint256 scaled = Math.mulDiv(amount, WAD, borrowIndex, Math.Rounding.Ceil);
        l.scaledDebt = scaled;
        l.principal = amount;
        totalScaledDebt += scaled;
        _loansOf[msg.sender].push(loanId);
        _openLoans.add(loanId);
        _snapshotTerms(loanId, c.coinMask);
        if (pledge) {
            _pledge(loanId, l, ids);
        } else {
            for (uint256 i; i < n; ++i) {
                l.tokenIds.push(ids[i]);
                loanOfToken[ids[i]] = loanId;
            }
        }
        emit LoanOpened(loanId, msg.sender, ids, amount, l.due);
    }

    /// Keeps today's max LTV and haircut for every coin in `mask` the loan has no terms for yet.
    function _snapshotTerms(uint256 loanId, uint256 mask) internal {
        for (uint256 k; mask >> k != 0; ++k) {
            if (mask & (1 << k) == 0 || _loanTerms[loanId][uint8(k)].maxLtvBps != 0) continue;
            CoinParams memory p = _coinParams[uint8(k)];
            _loanTerms[loanId][uint8(k)] = LoanTerms(p.maxLtvBps, p.haircutBps);
            emit LoanTermsSet(loanId, uint8(k), p.maxLtvBps, p.haircutBps);
        }
    }

    /// Takes the caller's `ids` into escrow for `loanId`.
    function _pledge(uint256 loanId, Loan storage l, uint256[] memory ids) internal {
        for (uint256 i; i < ids.length; ++i) {
            uint256 id = ids[i];
            // a duplicate id fails here: after its first transfer the pool owns it
            if (nft.ownerOf(id) != msg.sender) revert NotNftOwner(id, msg.sender);
            // a lien of an earlier loan must be fully posted first, or its days could go to this borrower
            if (rewards.lienPending(id)) revert LienPending(id);
            l.tokenIds.push(id);
            loanOfToken[id] = loanId;
            nft.transferFrom(msg.sender, address(this), id);
        }
    }

    function _lend(address to, uint256 amount) internal {
        uint256 idle = vault.idleCash();
        if (amount > idle) revert InsufficientLiquidity(idle, amount);
        vault.lend(to, amount);
    }

    /// Projection rule: the health factor at `due` (today's price and trailing output, the debt grown at
    /// today's rate) must be at least minDueHealthBps.
    function _checkDue(uint256[] memory ids, uint256 debt, uint256 due, uint256 loanId, uint8 mode) internal view {
        debt += Math.mulDiv(debt, borrowRate() * (due - block.timestamp), WAD * YEAR);
        uint256 hf = Math.mulDiv(_collateral(ids, due, loanId, mode).liquidationValue, WAD, debt);
        uint256 min = uint256(minDueHealthBps) * 1e14;
        if (hf < min) revert DueHealthTooLow(hf, min);
    }

    /// @notice Borrows more on an open loan, up to its max LTV at today's appraisal, before its due date,
    /// within the projection rule at its due date.
    function borrowMore(uint256 loanId, uint256 amount) external nonReentrant {
        Loan storage l = _borrowerLoan(loanId);
        if (amount == 0) revert ZeroAmount();
        if (block.timestamp > l.due) revert LoanOverdue(loanId, l.due);
        _whenNotPaused(BORROW_ACTION);
        _notImpaired(loanId);
        _accrue();
        uint256 index = borrowIndex;
        Collateral memory c = _collateral(l.tokenIds, block.timestamp, loanId, M_BORROW_MORE);
        uint256 room = _room(c.maxBorrow, l.scaledDebt, index);
        if (amount > room) revert AboveMaxLtv(amount, room);
        uint256 scaled = Math.mulDiv(amount, WAD, index, Math.Rounding.Ceil);
        l.scaledDebt += scaled;
        l.principal += amount;
        totalScaledDebt += scaled;
        uint256 debt = _debt(l.scaledDebt, index);
        _checkDue(l.tokenIds, debt, l.due, loanId, M_BORROW_MORE);
        _lend(msg.sender, amount);
        emit BorrowedMore(loanId, amount, debt);
    }

    // ================================================================ upkeep

    /// @notice Pledges more of the caller's NFTs into an open loan (approve the pool first). Never paused:
    /// it only lowers risk. A coin new to the loan gets today's terms.
    function addCollateral(uint256 loanId, uint256[] calldata ids) external nonReentrant {
        Loan storage l = _borrowerLoan(loanId);
        uint256 n = l.tokenIds.length + ids.length;
        if (ids.length == 0) revert EmptyCollateral();
        if (n > MAX_NFTS_PER_LOAN) revert TooManyNfts(n, MAX_NFTS_PER_LOAN);
        uint256 mask;
        for (uint256 i; i < ids.length; ++i) {
            (, uint8 coin,,,) = nft.positionOf(ids[i]);
            mask |= 1 << coin;
        }
        _snapshotTerms(loanId, mask);
        _pledge(loanId, l, ids);
        emit CollateralAdded(loanId, ids);
    }

    /// @notice Takes NFTs out of an open loan, back to the borrower, if what remains still covers the debt
    /// within max LTV today and within the projection rule at the due date. New risk, paused with BORROW: it
    /// spends borrowing room on the same valuation as `borrowMore` (the lenders' collateral goes, the debt
    /// stays); while paused the borrower's way to their NFTs is repaying, which never pauses.
    function withdrawCollateral(uint256 loanId, uint256[] calldata ids) external nonReentrant {
        Loan storage l = _borrowerLoan(loanId);
        if (block.timestamp > l.due) revert LoanOverdue(loanId, l.due);
        _whenNotPaused(BORROW_ACTION);
        _notImpaired(loanId);
        for (uint256 i; i < ids.length; ++i) {
            uint256 id = ids[i];
            if (loanOfToken[id] != loanId) revert TokenNotInLoan(id, loanId);
            uint256[] storage t = l.tokenIds;
            uint256 k;
            while (t[k] != id) ++k;
            t[k] = t[t.length - 1];
            t.pop();
            delete loanOfToken[id];
        }
        if (l.tokenIds.length == 0) revert EmptyCollateral();
        _accrue();
        uint256 debt = _debt(l.scaledDebt, borrowIndex);
        uint256 max = _collateral(l.tokenIds, block.timestamp, loanId, M_MORE_VIEW).maxBorrow;
        if (debt > max) revert AboveMaxLtv(debt, max);
        _checkDue(l.tokenIds, debt, l.due, loanId, M_MORE_VIEW);
        for (uint256 i; i < ids.length; ++i) {
            nft.transferFrom(address(this), msg.sender, ids[i]);
        }
        emit CollateralWithdrawn(loanId, ids);
    }

    /// @notice Moves a healthy loan's due date later (up to the earliest term end of its NFTs), within the
    /// projection rule at the new date. The grace period moves with it. New risk: paused with BORROW.
    function extend(uint256 loanId, uint256 newDue) external nonReentrant {
        Loan storage l = _borrowerLoan(loanId);
        _whenNotPaused(BORROW_ACTION);
        _accrue();
        (bool liq, uint256 hf) = _isLiquidatable(loanId, l);
        if (liq) revert LoanNotHealthy(hf);
        uint256 oldDue = l.due;
        if (newDue <= oldDue || newDue <= block.timestamp) revert DurationTooShort(newDue, oldDue + 1);
        Collateral memory c = _collateral(l.tokenIds, block.timestamp, loanId, M_BORROW_MORE);
        if (newDue > c.earliestEnd) revert LoanTooLong(newDue, c.earliestEnd);
        _checkDue(l.tokenIds, _debt(l.scaledDebt, borrowIndex), newDue, loanId, M_BORROW_MORE);
        l.liquidatableAfter = SafeCast.toUint64(newDue + (l.liquidatableAfter - oldDue));
        l.due = SafeCast.toUint64(newDue);
        emit LoanExtended(loanId, oldDue, newDue);
    }

    /// @notice A new loan on the same NFTs at today's terms repays `loanId` in one transaction. If `amount`
    /// is above the old debt the borrower receives the difference; below it, the borrower pays the difference
    /// (approve the pool for USDT). New risk: paused with BORROW.
    function refinance(uint256 loanId, uint256 amount, uint256 duration)
        external
        nonReentrant
        returns (uint256 newLoanId)
    {
        Loan storage old = _borrowerLoan(loanId);
        _whenNotPaused(BORROW_ACTION);
        _accrue();
        uint256 oldDebt = _debt(old.scaledDebt, borrowIndex);
        uint256 interest = oldDebt > old.principal ? oldDebt - old.principal : 0;
        _retire(loanId, old);
        old.status = LoanStatus.Repaid;
        _openLoans.remove(loanId);
        newLoanId = _open(old.tokenIds, amount, duration, false);
        if (amount > oldDebt) {
            _lend(msg.sender, amount - oldDebt);
        } else if (oldDebt > amount) {
            usdt.safeTransferFrom(msg.sender, address(vault), oldDebt - amount);
            vault.onRepaid(oldDebt - amount);
        }
        emit Repaid(loanId, msg.sender, oldDebt, Math.min(oldDebt, interest), 0);
        emit LoanSettled(loanId, LoanStatus.Repaid, address(this));
        emit Refinanced(loanId, newLoanId, oldDebt, amount);
    }

    /// Takes a loan's whole debt out of the pool's totals (performing or impaired) and zeroes it.
    function _retire(uint256 loanId, Loan storage l) internal {
        uint256 book = impairment[loanId].bookValue;
        if (impairment[loanId].impairedAt != 0) {
            totalImpairedBook -= book;
            delete impairment[loanId];
            _setUpside(loanId, 0);
        } else {
            totalScaledDebt -= l.scaledDebt;
        }
        l.scaledDebt = 0;
        l.principal = 0;
    }

    // ================================================================ default: impairment, write-off, auctions

    /// @notice Marks a liquidatable loan (fresh price) impaired: from now on the vault counts it at
    /// min(debt, collateral value) and its interest no longer raises the share price. Starts the write-off
    /// window. Anyone may call (a keeper does at once). The borrower still owes the whole debt.
    /// On a loan already impaired it brings the count up to date with a fresh price: when the collateral is
    /// now worth less than the value counted, the count falls to it (`LoanMarkedDown`; the write-off window
    /// keeps its start). It never raises the count, which only rises with cash (a bid, a repayment, a
    /// redemption, a sale); what the NFTs cover above it, up to the debt, is recorded as the loan's `upside`
    /// (`LoanUpsideSet`), which new deposits pay for and the share price leaves out. The upside is valued at
    /// the lower of the two latest price rounds (it charges depositors), the mark-down at the higher (it
    /// charges the borrower's count), so an unconfirmed round moves neither against the other side.
    function impair(uint256 loanId) external nonReentrant {
        Loan storage l = _activeLoan(loanId);
        _accrue();
        uint256 value = _collateral(l.tokenIds, block.timestamp, loanId, M_LOAN).value;
        Impairment storage im = impairment[loanId];
        uint256 book = im.bookValue;
        uint256 debt = _debt(l.scaledDebt, borrowIndex);
        if (im.impairedAt != 0) {
            if (value < book) {
                totalImpairedBook -= book - value;
                im.bookValue = SafeCast.toUint192(value);
                emit LoanMarkedDown(loanId, book, value);
                _setUpside(loanId, 0);
                return;
            }
            // the upside charges depositors, so it takes the lower of the two latest rounds (the borrow side):
            // a spike nobody confirmed raises nothing
            uint256 cover = Math.min(_collateral(l.tokenIds, block.timestamp, loanId, M_MORE_VIEW).value, debt);
            uint256 up = cover > book ? cover - book : 0;
            if (up == upside[loanId]) revert NothingToMarkDown(loanId, book, value);
            _setUpside(loanId, up);
            return;
        }
        (bool ok, uint256 hf) = _isLiquidatable(loanId, l);
        if (!ok) revert LoanNotLiquidatable(hf);
        book = Math.min(debt, value);
        totalScaledDebt -= l.scaledDebt;
        totalImpairedBook += book;
        impairment[loanId] = Impairment(SafeCast.toUint64(block.timestamp), SafeCast.toUint192(book));
        emit LoanImpaired(loanId, debt, book);
    }

    function _setUpside(uint256 loanId, uint256 up) internal {
        uint256 was = upside[loanId];
        if (up == was) return;
        totalUpside = totalUpside + up - was;
        upside[loanId] = up;
        emit LoanUpsideSet(loanId, up);
    }

    /// @notice Writes off an impaired loan nobody started an auction on within `writeOffDelay`: anyone may
    /// call while it is still liquidatable (fresh price). Its book value leaves the vault's assets in this
    /// transaction (the share price falls for everyone at once) and the NFTs go to the treasury; rewards of
    /// the pledged days stay the borrower's.
    function writeOff(uint256 loanId) external nonReentrant {
        Loan storage l = _activeLoan(loanId);
        uint256 allowedAt = impairment[loanId].impairedAt + writeOffDelay;
        if (impairment[loanId].impairedAt == 0) revert NotImpaired(loanId);
        if (block.timestamp < allowedAt) revert WriteOffTooEarly(allowedAt);
        _accrue();
        (bool ok, uint256 hf) = _isLiquidatable(loanId, l);
        if (!ok) revert LoanNotLiquidatable(hf);
        uint256 debt = _debt(l.scaledDebt, borrowIndex);
        _retire(loanId, l);
        badDebtWrittenOff += debt;
        _release(loanId, l);
        emit BadDebtWrittenOff(loanId, debt);
        _close(loanId, l, LoanStatus.WrittenOff, treasury);
    }

    /// @notice Auction start (LoanAuctions only): the loan must be liquidatable at a fresh price. Freezes and
    /// returns its debt (interest stops) and collateral value; the auction house counts it from now on.
    function onAuctionStart(uint256 loanId) external nonReentrant returns (uint256 debt, uint256 value, address borrower) {
        _onlyAuctions();
        Loan storage l = _activeLoan(loanId);
        _accrue();
        (bool ok, uint256 hf) = _isLiquidatable(loanId, l);
        if (!ok) revert LoanNotLiquidatable(hf);
        debt = _debt(l.scaledDebt, borrowIndex);
        value = _collateral(l.tokenIds, block.timestamp, loanId, M_LOAN).value;
        borrower = l.borrower;
        _retire(loanId, l);
        l.status = LoanStatus.InAuction;
        _openLoans.remove(loanId);
    }

    /// @notice Auction end (LoanAuctions only), after it sent `toVault` to the vault: redeemed (NFTs back to
    /// the borrower) or sold to `winner` (a shortfall below the frozen debt is written off).
    function onAuctionEnd(uint256 loanId, address winner, uint256 toVault, uint256 shortfall, bool redeemed)
        external
        nonReentrant
    {
        _onlyAuctions();
        Loan storage l = _loans[loanId];
        if (l.status != LoanStatus.InAuction) revert LoanClosed(loanId);
        if (toVault != 0) vault.onRepaid(toVault);
        if (redeemed) {
            emit Repaid(loanId, winner, toVault, 0, 0);
            _close(loanId, l, LoanStatus.Repaid, winner);
            return;
        }
        if (shortfall != 0) {
            badDebtWrittenOff += shortfall;
            emit BadDebtWrittenOff(loanId, shortfall);
        }
        _release(loanId, l);
        emit Liquidated(loanId, winner, toVault);
        _close(loanId, l, LoanStatus.Liquidated, winner);
    }

    /// Before a loan's NFTs go to someone other than the borrower: the rewards posted so far go to the
    /// borrower, and a lien keeps every day up to today (posted later) the borrower's.
    function _release(uint256 loanId, Loan storage l) internal {
        _claimToBorrower(loanId, l);
        rewards.setLien(l.tokenIds, SafeCast.toUint32(rewards.currentDay() + 1), l.borrower);
    }

    function _onlyAuctions() internal view {
        if (msg.sender != address(auctions)) revert NotAuctions(msg.sender);
    }

    function _notImpaired(uint256 loanId) internal view {
        if (impairment[loanId].impairedAt != 0) revert AlreadyImpaired(loanId);
    }

    function _borrowerLoan(uint256 loanId) internal view returns (Loan storage l) {
        l = _activeLoan(loanId);
        if (msg.sender != l.borrower) revert NotBorrower(loanId, msg.sender);
    }

    /// @notice Repays `amount` of a loan's debt (interest first), paid by the caller, who needs not be the
    /// borrower. `type(uint256).max` or anything above the debt repays exactly the debt; the loan then
    /// closes and every NFT goes back to the borrower.
    /// @return paid the USDT actually taken from the caller
    function repay(uint256 loanId, uint256 amount) external nonReentrant returns (uint256 paid) {
        Loan storage l = _activeLoan(loanId);
        if (amount == 0) revert ZeroAmount();
        _accrue();
        paid = _repay(loanId, l, amount, msg.sender);
    }

    // ================================================================ rewards

    /// @notice Turns self-repay on or off for a loan (borrower only).
    function setSelfRepay(uint256 loanId, bool enabled) external {
        Loan storage l = _activeLoan(loanId);
        if (msg.sender != l.borrower) revert NotBorrower(loanId, msg.sender);
        l.selfRepay = enabled;
        emit SelfRepaySet(loanId, enabled);
    }

    /// @notice Claims the pledged NFTs' rewards. Self-repay off: borrower only, coins go to the borrower.
    /// Self-repay on: anyone may call; coins are sold to the conversion reserve at the oracle price and the
    /// USDT repays the debt, the rest (reserve short, debt repaid, stale price) goes to the borrower.
    /// @return paid reward-token base units claimed, per coin
    function claimRewards(uint256 loanId) external nonReentrant returns (uint256[] memory paid) {
        Loan storage l = _activeLoan(loanId);
        if (!l.selfRepay && msg.sender != l.borrower) revert NotBorrower(loanId, msg.sender);
        _accrue();
        paid = rewards.claim(l.tokenIds);
        bool selfRepay = l.selfRepay;
        for (uint256 k; k < paid.length; ++k) {
            uint256 amount = paid[k];
            if (amount == 0) continue;
            uint8 coin = SafeCast.toUint8(k);
            uint256 sold;
            uint256 applied;
            if (selfRepay && l.status == LoanStatus.Active) (sold, applied) = _convert(loanId, l, coin, amount);
            if (amount > sold) _token(k).safeTransfer(l.borrower, amount - sold);
            emit RewardsClaimed(loanId, coin, amount, amount - sold, sold, applied);
        }
    }

    /// Sells up to `amount` coins to the reserve at the oracle price, capped at the debt and the reserve.
    /// Coins worth more than the debt: just enough coins to cover it (rounded up by at most one base unit
    /// of the coin, so the reserve never pays more than the coins are worth) and the debt is repaid in full.
    /// Reserve short: coins for the reserve's whole balance (rounded down).
    function _convert(uint256 loanId, Loan storage l, uint8 coin, uint256 amount)
        internal
        returns (uint256 sold, uint256 usdtOut)
    {
        uint256 reserve = conversionReserve;
        if (reserve == 0) return (0, 0);
        (sold, usdtOut) = LoanValuation.conversion(coin, amount, _debt(l.scaledDebt, borrowIndex), reserve);
        if (usdtOut == 0) return (0, 0);
        conversionReserve = reserve - usdtOut;
        _token(coin).safeTransfer(treasury, sold);
        _repay(loanId, l, usdtOut, address(this));
    }

    // ================================================================ internals: loans

    /// Interest is assumed accrued. Pays from `payer` (or the reserve if `payer` is this contract).
    function _repay(uint256 loanId, Loan storage l, uint256 amount, address payer) internal returns (uint256 paid) {
        uint256 index = borrowIndex;
        uint256 debt = _debt(l.scaledDebt, index);
        uint256 principal = l.principal;
        bool full = amount >= debt;
        paid = full ? debt : amount;
        uint256 interest = debt > principal ? debt - principal : 0;
        uint256 interestPaid = Math.min(paid, interest);
        uint256 remaining;
        if (full) {
            _retire(loanId, l);
        } else {
            // rounded down: the debt falls by at most what was paid
            uint256 scaledPaid = Math.mulDiv(paid, WAD, index);
            l.scaledDebt -= scaledPaid;
            l.principal = principal - (paid - interestPaid);
            remaining = _debt(l.scaledDebt, index);
            if (impairment[loanId].impairedAt == 0) totalScaledDebt -= scaledPaid;
            else _capImpaired(loanId, remaining);
        }
        if (payer == address(this)) usdt.safeTransfer(address(vault), paid);
        else usdt.safeTransferFrom(payer, address(vault), paid);
        vault.onRepaid(paid);
        emit Repaid(loanId, payer, paid, interestPaid, remaining);
        if (full) _close(loanId, l, LoanStatus.Repaid, l.borrower);
    }

    /// After a part repayment of an impaired loan: its book never exceeds what is still owed, nor does its
    /// book plus upside (the cash paid in is no longer upside).
    function _capImpaired(uint256 loanId, uint256 remaining) internal {
        Impairment storage im = impairment[loanId];
        uint256 book = im.bookValue;
        if (book > remaining) {
            totalImpairedBook -= book - remaining;
            book = remaining;
            im.bookValue = SafeCast.toUint192(book);
        }
        if (upside[loanId] > remaining - book) _setUpside(loanId, remaining - book);
    }

    function _close(uint256 loanId, Loan storage l, LoanStatus status, address to) internal {
        l.status = status;
        _openLoans.remove(loanId);
        uint256 n = l.tokenIds.length;
        for (uint256 i; i < n; ++i) {
            uint256 id = l.tokenIds[i];
            delete loanOfToken[id];
            nft.transferFrom(address(this), to, id);
        }
        emit LoanSettled(loanId, status, to);
    }

    /// Claims the loan's rewards and forwards them to the borrower (before the NFTs leave escrow).
    function _claimToBorrower(uint256 loanId, Loan storage l) internal {
        uint256[] memory paid = rewards.claim(l.tokenIds);
        for (uint256 k; k < paid.length; ++k) {
            if (paid[k] == 0) continue;
            _token(k).safeTransfer(l.borrower, paid[k]);
            emit RewardsClaimed(loanId, SafeCast.toUint8(k), paid[k], paid[k], 0, 0);
        }
    }

    function _activeLoan(uint256 loanId) internal view returns (Loan storage l) {
        l = _loans[loanId];
        if (l.status == LoanStatus.None) revert UnknownLoan(loanId);
        if (l.status != LoanStatus.Active) revert LoanClosed(loanId);
    }

    function _isLiquidatable(uint256 loanId, Loan storage l) internal view returns (bool ok, uint256 hf) {
        hf = _healthFactor(l.tokenIds, _debt(l.scaledDebt, _indexNow()), loanId, M_LOAN);
        ok = hf < WAD || block.timestamp > l.liquidatableAfter;
    }

    function _healthFactor(uint256[] memory ids, uint256 debt, uint256 loanId, uint8 mode)
        internal
        view
        returns (uint256)
    {
        if (debt == 0) return type(uint256).max;
        Collateral memory c = _collateral(ids, block.timestamp, loanId, mode);
        return Math.mulDiv(c.liquidationValue, WAD, debt);
    }

    // ================================================================ internals: appraisal

    /// Sums the appraisal of `ids` at time `at` in valuation mode `mode` (see LoanValuation, an external
    /// library for the contract size limit). Reverts on a stale or non-positive price.
    function _collateral(uint256[] memory ids, uint256 at, uint256 loanId, uint8 mode)
        internal
        view
        returns (Collateral memory)
    {
        return LoanValuation.collateral(_coinParams, _loanTerms, _pendingThreshold, ids, at, loanId, mode);
    }

    /// The liquidation threshold in force for `coin` at time `at` (a scheduled lower one from its date).
    function _thresholdAt(uint8 coin, uint256 at) internal view returns (uint16) {
        PendingThreshold memory pt = _pendingThreshold[coin];
        if (pt.effectiveAt != 0 && at >= pt.effectiveAt) return pt.bps;
        return _coinParams[coin].liquidationThresholdBps;
    }

    function _token(uint256 coin) internal view returns (IERC20 token) {
        (token,) = rewards.coinToken(coin);
    }

    // ================================================================ views

    /// @notice A coin's parameters for new loans, with the liquidation threshold in force now.
    function coinParams(uint8 coin) external view returns (CoinParams memory p) {
        p = _coinParams[coin];
        p.liquidationThresholdBps = _thresholdAt(coin, block.timestamp);
    }

    /// @notice A lower liquidation threshold scheduled for `coin` and when it reaches every loan; (0, 0) if
    /// none is pending (or it is already in force).
    function pendingLiquidationThreshold(uint8 coin) external view returns (uint16 bps, uint64 effectiveAt) {
        PendingThreshold memory pt = _pendingThreshold[coin];
        if (pt.effectiveAt == 0 || block.timestamp >= pt.effectiveAt) return (0, 0);
        return (pt.bps, pt.effectiveAt);
    }

    /// @notice The max LTV and haircut `loanId` keeps for `coin` (fixed when it opened).
    function loanTerms(uint256 loanId, uint8 coin) external view returns (LoanTerms memory) {
        return _loanTerms[loanId][coin];
    }

    function loan(uint256 loanId) external view returns (Loan memory) {
        return _loans[loanId];
    }

    /// @notice Every loan `borrower` has opened, open or not, oldest first.
    function loansOf(address borrower) external view returns (uint256[] memory) {
        return _loansOf[borrower];
    }

    /// @notice Ids of all open loans (check `loanDetails(...).liquidatable` for the ones that can be liquidated).
    function openLoans() external view returns (uint256[] memory) {
        return _openLoans.values();
    }

    /// @notice Current debt (principal plus interest to this second); 0 once the loan has ended.
    function debtOf(uint256 loanId) public view returns (uint256) {
        Loan storage l = _loans[loanId];
        if (l.status != LoanStatus.Active) return 0;
        return _debt(l.scaledDebt, _indexNow());
    }

    /// @notice Collateral value x liquidation threshold / debt, 1e18 scale; max uint when there is no debt.
    function healthFactor(uint256 loanId) public view returns (uint256) {
        Loan storage l = _loans[loanId];
        if (l.status != LoanStatus.Active) return type(uint256).max;
        return _healthFactor(l.tokenIds, _debt(l.scaledDebt, _indexNow()), loanId, M_LOAN);
    }

    /// @notice Whether `liquidate` would succeed now (given the liquidator's USDT), and the health factor.
    function isLiquidatable(uint256 loanId) public view returns (bool, uint256) {
        Loan storage l = _loans[loanId];
        if (l.status != LoanStatus.Active) return (false, type(uint256).max);
        return _isLiquidatable(loanId, l);
    }

    /// @notice Most USDT a new loan on `ids` can borrow now: the max-LTV value, less at most a unit or two so
    /// that the debt after index rounding stays within it. The vault's idle cash is a separate limit.
    function maxBorrow(uint256[] calldata ids) external view returns (uint256) {
        return _room(_collateral(ids, block.timestamp, 0, M_QUOTE).maxBorrow, 0, _indexNow());
    }

    /// @notice What the vault counts its loans at now: performing loans' debt (principal plus interest to
    /// this second) + impaired loans' book value + loans in auction at min(frozen debt, highest bid).
    function totalDebt() external view returns (uint256 total) {
        total = _debt(totalScaledDebt, _indexNow()) + totalImpairedBook;
        if (address(auctions) != address(0)) total += auctions.totalBook();
    }

    /// @notice Sums of the appraisals of `ids` at time `at` in valuation mode `mode` (0 new loan, 1 more
    /// debt, 2 open loan's health, 3 preview, 4 quote, 5 more-debt view; `loanId` for a loan's own terms).
    /// Reverts on a stale price (LoanLens catches it).
    function collateralOf(uint256[] calldata ids, uint256 at, uint256 loanId, uint8 mode)
        external
        view
        returns (Collateral memory)
    {
        return _collateral(ids, at, loanId, mode);
    }

    /// @notice Current borrow rate per year, 1e18 = 100% (simple; compounding per interaction adds a little).
    function borrowRate() public view returns (uint256) {
        return _rateAt(_utilization());
    }

    /// @notice Current rate lenders earn per year on the vault's assets, 1e18 = 100%: borrowRate x utilisation.
    function supplyRate() external view returns (uint256) {
        uint256 u = _utilization();
        return Math.mulDiv(_rateAt(u), u, WAD);
    }

    /// @notice Rate at a hypothetical utilisation (1e18 = 100%), for the rate-curve chart.
    function rateAt(uint256 utilization_) external view returns (uint256) {
        return _rateAt(Math.min(utilization_, WAD));
    }
}
