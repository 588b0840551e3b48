// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {LoanPool} from "./LoanPool.sol";

/// @title LoanAuctions
/// @notice Liquidation auctions of LoanPool loans, BendDAO-style, with redemption and surplus to the borrower.
///
/// 1. Start. When a loan is liquidatable (health factor below 1, or past due + grace) at a fresh price, anyone
///    starts its auction with a first bid of at least `minFirstBid` = min(debt, collateral value): the debt
///    when the NFTs cover it, their appraisal when they do not (an under-water loan sells at what it is worth,
///    the shortfall is written off at the end). The debt is frozen at that moment (interest stops) and the
///    vault counts the loan at min(debt, highest bid) (`totalBook`), so the share price shows the realistic
///    recovery at once.
/// 2. Bids rise by at least `minStepBps` of the highest bid; the outbid bidder is refunded in the same
///    transaction. A bid in the last `extension` seconds moves the end to now + extension (no sniping).
/// 3. Redeem. Until the end the borrower may pay the debt plus a penalty (`penaltyBps` of the debt, at most
///    5%) and keep the NFTs: the debt goes to the vault, the penalty to the first bidder (for starting the
///    auction), the highest bid back to its bidder. Bids never change the redeem amount.
/// 4. Settle. After the end anyone settles: the NFTs go to the highest bidder, the vault receives
///    min(bid, debt), the borrower receives bid - debt (the surplus), a bid below the debt is written off.
///    Rewards of every day the NFTs were pledged stay the borrower's (LoanPool sets a Rewards lien).
///
/// Nothing here pauses: the guardian's pause stops new risk (borrowing), while auctions protect lenders and
/// redemption and settlement are ways out. Parameters belong to the owner (the DAO's timelock) within bounds.
contract LoanAuctions is Ownable2Step, ReentrancyGuard {
    using SafeERC20 for IERC20;
    using EnumerableSet for EnumerableSet.UintSet;

    uint256 public constant BPS = 10_000;
    uint256 public constant MIN_DURATION = 60;
    uint256 public constant MAX_DURATION = 7 days;
    uint256 public constant MAX_EXTENSION = 1 hours;
    uint256 public constant MIN_STEP_BPS = 10;
    uint256 public constant MAX_STEP_BPS = 1_000;
    /// @notice Hard cap of the redeem penalty: 5% of the debt.
    uint256 public constant MAX_PENALTY_BPS = 500;

    enum State {
        None,
        Live,
        /// past its end, waiting for `settle` (a view state; storage keeps Live)
        Ended,
        Settled,
        Redeemed
    }

    struct Params {
        uint32 duration;
        uint32 extension;
        uint16 minStepBps;
        uint16 penaltyBps;
    }

    struct Auction {
        address borrower;
        address firstBidder;
        address highestBidder;
        uint64 startedAt;
        uint64 endsAt;
        State state;
        uint256 debt;
        uint256 highestBid;
    }

    /// @notice One auction with everything a page shows.
    struct AuctionView {
        uint256 loanId;
        address borrower;
        State state;
        /// frozen at the start
        uint256 debt;
        address firstBidder;
        address highestBidder;
        uint256 highestBid;
        /// 0 unless live
        uint256 minNextBid;
        uint64 startedAt;
        uint64 endsAt;
        uint256 timeLeft;
        uint256 penalty;
        /// debt + penalty; 0 unless live
        uint256 redeemAmount;
        uint256 surplusToBorrower;
        /// debt not covered by the highest bid: written off at settlement
        uint256 shortfall;
        uint256[] tokenIds;
    }

    IERC20 public immutable usdt;
    LoanPool public immutable pool;
    address public immutable vault;

    Params public params;
    mapping(uint256 loanId => Auction) private _auctions;
    EnumerableSet.UintSet private _live;
    /// @notice Sum over unsettled auctions of min(debt, highest bid): the vault's value of them.
    uint256 public totalBook;

    event AuctionStarted(uint256 indexed loanId, address indexed bidder, uint256 bid, uint256 debt, uint256 endsAt);
    event BidPlaced(uint256 indexed loanId, address indexed bidder, uint256 amount, uint256 endsAt);
    event BidRefunded(uint256 indexed loanId, address indexed bidder, uint256 amount);
    event Redeemed(uint256 indexed loanId, address indexed payer, uint256 debt, uint256 penalty, address firstBidder);
    event AuctionSettled(
        uint256 indexed loanId,
        address indexed winner,
        uint256 price,
        uint256 toVault,
        uint256 surplusToBorrower,
        uint256 shortfall
    );
    event ParamsSet(uint32 duration, uint32 extension, uint16 minStepBps, uint16 penaltyBps);

    error BidTooLow(uint256 bid, uint256 min);
    error AuctionOver(uint256 endsAt);
    error AuctionNotOver(uint256 endsAt);
    error NoLiveAuction(uint256 loanId);
    error AuctionExists(uint256 loanId);
    error NotBorrower(uint256 loanId, address caller);
    error ParamOutOfBounds(string param, uint256 value, uint256 min, uint256 max);

    constructor(LoanPool pool_, address owner_) Ownable(owner_) {
        pool = pool_;
        usdt = pool_.usdt();
        vault = address(pool_.vault());
        _setParams(Params({duration: 1 days, extension: 10 minutes, minStepBps: 100, penaltyBps: 200}));
    }

    // ================================================================ admin

    /// @notice Auction duration (60 s..7 days), anti-sniping extension (0..1 hour), minimum bid step
    /// (0.1%..10%) and redeem penalty (0..5% of the debt). Applies to auctions started afterwards (the
    /// penalty and step to live ones too, within the same caps).
    function setParams(Params calldata p) external onlyOwner {
        _setParams(p);
    }

    function _setParams(Params memory p) private {
        _bound("duration", p.duration, MIN_DURATION, MAX_DURATION);
        _bound("extension", p.extension, 0, MAX_EXTENSION);
        _bound("minStepBps", p.minStepBps, MIN_STEP_BPS, MAX_STEP_BPS);
        _bound("penaltyBps", p.penaltyBps, 0, MAX_PENALTY_BPS);
        params = p;
        emit ParamsSet(p.duration, p.extension, p.minStepBps, p.penaltyBps);
    }

    // ================================================================ auctions

    /// @notice Starts the auction of a liquidatable loan with the first bid (approve this contract for USDT).
    function startAuction(uint256 loanId, uint256 amount) external nonReentrant {
        Auction storage a = _auctions[loanId];
        if (a.state != State.None) revert AuctionExists(loanId);
        // reverts unless the loan is open and liquidatable at a fresh price
        (uint256 debt, uint256 value, address borrower) = pool.onAuctionStart(loanId);
        uint256 min = Math.max(Math.min(debt, value), 1);
        if (amount < min) revert BidTooLow(amount, min);
        usdt.safeTransferFrom(msg.sender, address(this), amount);
        uint64 endsAt = SafeCast.toUint64(block.timestamp + params.duration);
        a.borrower = borrower;
        a.firstBidder = msg.sender;
        a.highestBidder = msg.sender;
        a.startedAt = SafeCast.toUint64(block.timestamp);
        a.endsAt = endsAt;
        a.state = State.Live;
        a.debt = debt;
        a.highestBid = amount;
        totalBook += Math.min(debt, amount);
        _live.add(loanId);
        emit AuctionStarted(loanId, msg.sender, amount, debt, endsAt);
    }

    /// @notice Outbids the highest bid by at least the minimum step (`minNextBid`); the previous bidder is
    /// refunded at once.
    function bid(uint256 loanId, uint256 amount) external nonReentrant {
        Auction storage a = _liveAuction(loanId);
        uint256 min = _minNextBid(a);
        if (amount < min) revert BidTooLow(amount, min);
        usdt.safeTransferFrom(msg.sender, address(this), amount);
        (address prevBidder, uint256 prevBid) = (a.highestBidder, a.highestBid);
        totalBook = totalBook + Math.min(a.debt, amount) - Math.min(a.debt, prevBid);
        a.highestBidder = msg.sender;
        a.highestBid = amount;
        uint256 ext = params.extension;
        if (a.endsAt < block.timestamp + ext) a.endsAt = SafeCast.toUint64(block.timestamp + ext);
        usdt.safeTransfer(prevBidder, prevBid);
        emit BidRefunded(loanId, prevBidder, prevBid);
        emit BidPlaced(loanId, msg.sender, amount, a.endsAt);
    }

    /// @notice The borrower pays the frozen debt plus the penalty (`redeemAmount`) before the end and keeps
    /// the NFTs; the highest bid is refunded, the penalty goes to the first bidder.
    function redeem(uint256 loanId) external nonReentrant returns (uint256 paid) {
        Auction storage a = _liveAuction(loanId);
        if (msg.sender != a.borrower) revert NotBorrower(loanId, msg.sender);
        // interest so far accrues at the utilisation before the vault's cash changes
        pool.accrueInterest();
        uint256 debt = a.debt;
        uint256 penalty = _penalty(debt);
        paid = debt + penalty;
        totalBook -= Math.min(debt, a.highestBid);
        a.state = State.Redeemed;
        _live.remove(loanId);
        usdt.safeTransferFrom(msg.sender, vault, debt);
        if (penalty != 0) usdt.safeTransferFrom(msg.sender, a.firstBidder, penalty);
        usdt.safeTransfer(a.highestBidder, a.highestBid);
        emit BidRefunded(loanId, a.highestBidder, a.highestBid);
        emit Redeemed(loanId, msg.sender, debt, penalty, a.firstBidder);
        pool.onAuctionEnd(loanId, msg.sender, debt, 0, true);
    }

    /// @notice After the end: NFTs to the highest bidder, min(bid, debt) to the vault, the surplus to the
    /// borrower, a shortfall written off. Anyone may call.
    function settle(uint256 loanId) external nonReentrant {
        Auction storage a = _auctions[loanId];
        if (a.state != State.Live) revert NoLiveAuction(loanId);
        if (block.timestamp < a.endsAt) revert AuctionNotOver(a.endsAt);
        pool.accrueInterest();
        uint256 price = a.highestBid;
        uint256 debt = a.debt;
        uint256 toVault = Math.min(price, debt);
        uint256 surplus = price - toVault;
        uint256 shortfall = debt - toVault;
        totalBook -= toVault;
        a.state = State.Settled;
        _live.remove(loanId);
        usdt.safeTransfer(vault, toVault);
        if (surplus != 0) usdt.safeTransfer(a.borrower, surplus);
        emit AuctionSettled(loanId, a.highestBidder, price, toVault, surplus, shortfall);
        pool.onAuctionEnd(loanId, a.highestBidder, toVault, shortfall, false);
    }

    // ================================================================ views

    /// @notice The smallest first bid that starts the loan's auction now: min(debt, collateral value).
    /// Reverts like the start would (stale price, unknown or closed loan); check `isLiquidatable` first.
    function minFirstBid(uint256 loanId) external view returns (uint256) {
        uint256 debt = pool.debtOf(loanId);
        LoanPool.Collateral memory c = pool.collateralOf(pool.loan(loanId).tokenIds, block.timestamp, loanId, 2);
        return Math.max(Math.min(debt, c.value), 1);
    }

    function minNextBid(uint256 loanId) external view returns (uint256) {
        Auction storage a = _auctions[loanId];
        if (a.state != State.Live || block.timestamp >= a.endsAt) return 0;
        return _minNextBid(a);
    }

    /// @notice What the borrower pays to redeem now (debt + penalty); 0 unless the auction is live.
    function redeemAmount(uint256 loanId) external view returns (uint256) {
        Auction storage a = _auctions[loanId];
        if (a.state != State.Live || block.timestamp >= a.endsAt) return 0;
        return a.debt + _penalty(a.debt);
    }

    /// @notice Auctions started and not settled or redeemed (including ended ones awaiting `settle`).
    function liveAuctions() external view returns (uint256[] memory) {
        return _live.values();
    }

    function liveCount() external view returns (uint256) {
        return _live.length();
    }

    function auctionOf(uint256 loanId) public view returns (AuctionView memory v) {
        Auction storage a = _auctions[loanId];
        v.loanId = loanId;
        v.state = a.state;
        if (a.state == State.None) return v;
        bool open = a.state == State.Live && block.timestamp < a.endsAt;
        if (a.state == State.Live && !open) v.state = State.Ended;
        v.borrower = a.borrower;
        v.debt = a.debt;
        v.firstBidder = a.firstBidder;
        v.highestBidder = a.highestBidder;
        v.highestBid = a.highestBid;
        v.startedAt = a.startedAt;
        v.endsAt = a.endsAt;
        v.penalty = _penalty(a.debt);
        if (open) {
            v.minNextBid = _minNextBid(a);
            v.timeLeft = a.endsAt - block.timestamp;
            v.redeemAmount = a.debt + v.penalty;
        }
        v.surplusToBorrower = a.highestBid > a.debt ? a.highestBid - a.debt : 0;
        v.shortfall = a.debt > a.highestBid ? a.debt - a.highestBid : 0;
        v.tokenIds = pool.loan(loanId).tokenIds;
    }

    function auctionsOf(uint256[] calldata loanIds) external view returns (AuctionView[] memory out) {
        out = new AuctionView[](loanIds.length);
        for (uint256 i; i < loanIds.length; ++i) out[i] = auctionOf(loanIds[i]);
    }

    // ================================================================ internals

    function _liveAuction(uint256 loanId) private view returns (Auction storage a) {
        a = _auctions[loanId];
        if (a.state != State.Live) revert NoLiveAuction(loanId);
        if (block.timestamp >= a.endsAt) revert AuctionOver(a.endsAt);
    }

    function _minNextBid(Auction storage a) private view returns (uint256) {
        uint256 step = Math.mulDiv(a.highestBid, params.minStepBps, BPS, Math.Rounding.Ceil);
        return a.highestBid + Math.max(step, 1);
    }

    function _penalty(uint256 debt) private view returns (uint256) {
        return Math.mulDiv(debt, params.penaltyBps, BPS);
    }

    function _bound(string memory name, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert ParamOutOfBounds(name, value, min, max);
    }
}
