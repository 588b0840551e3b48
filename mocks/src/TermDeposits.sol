// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IRewardsReceiver, Rewards} from "./Rewards.sol";

/// @title TermDeposits
/// @notice Fixed-term deposits at a fixed APR, per asset (the stablecoin and every reward coin).
/// The owner adds terms {asset, durationDays, aprBps, capacity}. Interest is fixed at deposit:
///     interest = principal x aprBps x durationDays / (365 x 10_000), rounded down,
/// and is committed from a reserve of the same asset that was funded in advance. A deposit whose interest
/// the free (uncommitted) reserve cannot cover is refused, so the contract never promises interest it cannot
/// pay. At or after maturity `withdraw` pays principal + interest; before maturity only `withdrawEarly` works,
/// and it pays the principal back in full, forfeits the interest and returns it to the free reserve.
/// Rewards can be deposited straight from `Rewards.claimInto` ("claim and deposit").
///
/// Accounting per asset: `reserve` = free + committed (interest tokens held for depositors and the free part);
/// `principal` = principal of open positions. The contract's token balance is always >= principal + reserve
/// (strictly greater only if someone transferred tokens in directly).
contract TermDeposits is Ownable2Step, ReentrancyGuard, IRewardsReceiver {
    using SafeERC20 for IERC20;

    uint256 public constant BPS = 10_000;
    uint256 public constant DAYS_PER_YEAR = 365;
    uint256 public constant MAX_APR_BPS = 10_000;
    uint256 public constant MAX_DURATION_DAYS = 3650;

    struct Term {
        IERC20 asset;
        uint32 durationDays;
        uint32 aprBps;
        /// most principal that may be open in this term at once
        uint128 capacity;
        /// principal currently open in this term (goes down again on withdrawal)
        uint128 deposited;
        /// whether new deposits are accepted; open positions are never affected
        bool active;
    }

    struct Position {
        address owner;
        uint32 termId;
        uint128 principal;
        /// interest promised at deposit, paid in full at or after maturity
        uint128 interest;
        uint64 start;
        uint64 maturity;
        bool closed;
    }

    /// Per-asset book. reserve = free reserve + committed interest.
    struct Book {
        /// interest tokens held: funded, minus interest paid out, minus excess withdrawn by the owner
        uint256 reserve;
        /// interest promised to open positions
        uint256 committed;
        /// principal of open positions
        uint256 principal;
    }

    Rewards public immutable rewards;
    Term[] private _terms;
    Position[] private _positions;
    mapping(address => uint256[]) private _positionIds;
    mapping(IERC20 => Book) private _books;

    event TermAdded(
        uint256 indexed termId, address indexed asset, uint32 durationDays, uint32 aprBps, uint128 capacity
    );
    event TermUpdated(uint256 indexed termId, bool active, uint128 capacity);
    event ReserveFunded(address indexed asset, address indexed from, uint256 amount, uint256 freeReserve);
    event ReserveWithdrawn(address indexed asset, address indexed to, uint256 amount, uint256 freeReserve);
    event Deposited(
        uint256 indexed positionId,
        address indexed owner,
        uint256 indexed termId,
        uint256 principal,
        uint256 interest,
        uint64 maturity
    );
    /// @param interestPaid interest paid (0 on early withdrawal)
    /// @param interestForfeited interest returned to the free reserve (0 at maturity)
    event Withdrawn(
        uint256 indexed positionId,
        address indexed owner,
        uint256 principal,
        uint256 interestPaid,
        uint256 interestForfeited
    );

    error ZeroAddress();
    error InvalidTerm(string reason);
    error UnknownTerm(uint256 termId);
    error TermInactive(uint256 termId);
    error ZeroAmount();
    /// @param left principal the term can still take
    error CapacityExceeded(uint256 requested, uint256 left);
    /// @param needed interest the deposit would commit
    /// @param free uncommitted reserve of the asset
    error InsufficientReserve(uint256 needed, uint256 free);
    error ExceedsFreeReserve(uint256 requested, uint256 free);
    error UnknownPosition(uint256 positionId);
    error NotPositionOwner(uint256 positionId, address caller);
    error PositionClosed(uint256 positionId);
    error NotMatured(uint256 maturity);
    error AlreadyMatured(uint256 maturity);
    error NotRewards(address caller);
    error InvalidDepositData();
    /// @param termAsset asset of the term named in the data
    /// @param coinToken reward token of the claimed coin
    error AssetMismatch(address termAsset, address coinToken);
    error UnfundedCredit(uint256 amount);

    constructor(Rewards rewards_, address owner_) Ownable(owner_) {
        if (address(rewards_) == address(0)) revert ZeroAddress();
        rewards = rewards_;
    }

    // ---------------------------------------------------------------- owner

    /// @notice Adds a term. Its asset, duration and APR never change; the owner may pause it or change capacity.
    function addTerm(IERC20 asset, uint32 durationDays, uint32 aprBps, uint128 capacity)
        external
        onlyOwner
        returns (uint256 termId)
    {
        if (address(asset) == address(0)) revert ZeroAddress();
        if (durationDays == 0 || durationDays > MAX_DURATION_DAYS) revert InvalidTerm("duration out of range");
        if (aprBps > MAX_APR_BPS) revert InvalidTerm("apr above maximum");
        if (capacity == 0) revert InvalidTerm("capacity is zero");
        termId = _terms.length;
        _terms.push(
            Term({
                asset: asset, durationDays: durationDays, aprBps: aprBps, capacity: capacity, deposited: 0, active: true
            })
        );
        emit TermAdded(termId, address(asset), durationDays, aprBps, capacity);
    }

    /// @notice Opens or closes a term to new deposits. Open positions are unaffected.
    function setTermActive(uint256 termId, bool active) external onlyOwner {
        Term storage t = _term(termId);
        t.active = active;
        emit TermUpdated(termId, active, t.capacity);
    }

    /// @notice Changes the most principal a term may hold at once. Below what is deposited it just stops deposits.
    function setTermCapacity(uint256 termId, uint128 capacity) external onlyOwner {
        Term storage t = _term(termId);
        t.capacity = capacity;
        emit TermUpdated(termId, t.active, capacity);
    }

    /// @notice Takes back reserve that no open position has been promised.
    function withdrawExcessReserve(IERC20 asset, uint256 amount, address to) external onlyOwner nonReentrant {
        if (to == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        Book storage b = _books[asset];
        uint256 free = b.reserve - b.committed;
        if (amount > free) revert ExceedsFreeReserve(amount, free);
        b.reserve -= amount;
        emit ReserveWithdrawn(address(asset), to, amount, free - amount);
        asset.safeTransfer(to, amount);
    }

    // ---------------------------------------------------------------- reserve

    /// @notice Adds `amount` of `asset` to the interest reserve (anyone; normally the operator).
    function fundReserve(IERC20 asset, uint256 amount) external nonReentrant {
        if (address(asset) == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        Book storage b = _books[asset];
        b.reserve += amount;
        emit ReserveFunded(address(asset), msg.sender, amount, b.reserve - b.committed);
        asset.safeTransferFrom(msg.sender, address(this), amount);
    }

    // ---------------------------------------------------------------- deposits

    /// @notice Deposits `amount` of the term's asset (approved beforehand) and opens a position.
    function deposit(uint256 termId, uint256 amount) external nonReentrant returns (uint256 positionId) {
        return _depositFrom(msg.sender, termId, amount);
    }

    /// @notice Same as `deposit`, with an EIP-2612 permit for exactly `amount` instead of a prior approval.
    /// A permit that was already used (e.g. front-run) is ignored when the allowance is in place anyway.
    function depositWithPermit(uint256 termId, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        returns (uint256 positionId)
    {
        address asset = address(_term(termId).asset);
        try IERC20Permit(asset).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        return _depositFrom(msg.sender, termId, amount);
    }

    /// @notice Claim and deposit: called by Rewards.claimInto after it transferred `amount` of coin `coin` here.
    /// Opens a position for `holder` in the term `abi.decode(data, (uint256))`, whose asset must be the coin's token.
    /// Any refusal (inactive, capacity, reserve) reverts the whole claim, so the rewards stay claimable.
    function onRewardsClaimed(address holder, uint8 coin, uint256 amount, bytes calldata data) external nonReentrant {
        if (msg.sender != address(rewards)) revert NotRewards(msg.sender);
        if (data.length != 32) revert InvalidDepositData();
        uint256 termId = abi.decode(data, (uint256));
        IERC20 asset = _term(termId).asset;
        address token = address(rewards.coinInfo(coin).token);
        if (address(asset) != token) revert AssetMismatch(address(asset), token);
        Book storage b = _books[asset];
        // The tokens must already be here, on top of everything the books account for.
        if (asset.balanceOf(address(this)) < b.principal + b.reserve + amount) revert UnfundedCredit(amount);
        _open(holder, termId, amount);
    }

    /// @notice At or after maturity: pays principal + interest to the position owner. Once.
    function withdraw(uint256 positionId) external nonReentrant returns (uint256 paid) {
        Position storage p = _ownedOpenPosition(positionId);
        if (block.timestamp < p.maturity) revert NotMatured(p.maturity);
        return _close(positionId, p, true);
    }

    /// @notice Before maturity: pays the principal back in full and forfeits the interest, which returns to the
    /// free reserve. Refused at or after maturity (use `withdraw`, which pays the interest). Once.
    function withdrawEarly(uint256 positionId) external nonReentrant returns (uint256 paid) {
        Position storage p = _ownedOpenPosition(positionId);
        if (block.timestamp >= p.maturity) revert AlreadyMatured(p.maturity);
        return _close(positionId, p, false);
    }

    function _depositFrom(address from, uint256 termId, uint256 amount) private returns (uint256 positionId) {
        IERC20 asset = _term(termId).asset;
        positionId = _open(from, termId, amount);
        asset.safeTransferFrom(from, address(this), amount);
    }

    function _open(address owner_, uint256 termId, uint256 amount) private returns (uint256 positionId) {
        Term storage t = _term(termId);
        if (!t.active) revert TermInactive(termId);
        if (amount == 0) revert ZeroAmount();
        uint256 left = t.capacity > t.deposited ? t.capacity - t.deposited : 0;
        if (amount > left) revert CapacityExceeded(amount, left);
        uint256 interest = _interest(amount, t.aprBps, t.durationDays);
        Book storage b = _books[t.asset];
        uint256 free = b.reserve - b.committed;
        if (interest > free) revert InsufficientReserve(interest, free);

        t.deposited += SafeCast.toUint128(amount);
        b.committed += interest;
        b.principal += amount;
        uint64 start = SafeCast.toUint64(block.timestamp);
        uint64 maturity = SafeCast.toUint64(block.timestamp + uint256(t.durationDays) * 1 days);
        positionId = _positions.length;
        _positions.push(
            Position({
                owner: owner_,
                termId: SafeCast.toUint32(termId),
                principal: SafeCast.toUint128(amount),
                interest: SafeCast.toUint128(interest),
                start: start,
                maturity: maturity,
                closed: false
            })
        );
        _positionIds[owner_].push(positionId);
        emit Deposited(positionId, owner_, termId, amount, interest, maturity);
    }

    function _close(uint256 positionId, Position storage p, bool matured) private returns (uint256 paid) {
        Term storage t = _terms[p.termId];
        Book storage b = _books[t.asset];
        uint256 principal = p.principal;
        uint256 interest = p.interest;
        p.closed = true;
        t.deposited -= p.principal;
        b.principal -= principal;
        b.committed -= interest;
        if (matured) {
            b.reserve -= interest;
            paid = principal + interest;
            emit Withdrawn(positionId, msg.sender, principal, interest, 0);
        } else {
            paid = principal;
            emit Withdrawn(positionId, msg.sender, principal, 0, interest);
        }
        t.asset.safeTransfer(msg.sender, paid);
    }

    function _ownedOpenPosition(uint256 positionId) private view returns (Position storage p) {
        if (positionId >= _positions.length) revert UnknownPosition(positionId);
        p = _positions[positionId];
        if (p.owner != msg.sender) revert NotPositionOwner(positionId, msg.sender);
        if (p.closed) revert PositionClosed(positionId);
    }

    // ---------------------------------------------------------------- views

    function termCount() external view returns (uint256) {
        return _terms.length;
    }

    function term(uint256 termId) external view returns (Term memory) {
        return _term(termId);
    }

    function terms() external view returns (Term[] memory) {
        return _terms;
    }

    function positionCount() external view returns (uint256) {
        return _positions.length;
    }

    function position(uint256 positionId) external view returns (Position memory) {
        if (positionId >= _positions.length) revert UnknownPosition(positionId);
        return _positions[positionId];
    }

    /// @notice Every position ever opened by `owner_` (closed ones included, flagged `closed`).
    function positionsOf(address owner_) external view returns (uint256[] memory ids, Position[] memory out) {
        ids = _positionIds[owner_];
        out = new Position[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            out[i] = _positions[ids[i]];
        }
    }

    /// @notice Interest a deposit of `amount` into `termId` would earn at maturity (rounded down).
    function previewInterest(uint256 termId, uint256 amount) public view returns (uint256) {
        Term storage t = _term(termId);
        return _interest(amount, t.aprBps, t.durationDays);
    }

    /// @notice Largest amount `deposit(termId, amount)` accepts now: within capacity and covered by the free reserve.
    function maxDeposit(uint256 termId) external view returns (uint256) {
        Term storage t = _term(termId);
        if (!t.active) return 0;
        uint256 left = t.capacity > t.deposited ? t.capacity - t.deposited : 0;
        uint256 k = uint256(t.aprBps) * t.durationDays;
        if (k == 0) return left;
        Book storage b = _books[t.asset];
        // largest a with floor(a * k / D) <= free  <=>  a * k < (free + 1) * D
        uint256 byReserve = ((b.reserve - b.committed + 1) * (DAYS_PER_YEAR * BPS) - 1) / k;
        return byReserve < left ? byReserve : left;
    }

    /// @notice Reserve of `asset` that no position has been promised (what new deposits can commit).
    function freeReserve(IERC20 asset) external view returns (uint256) {
        Book storage b = _books[asset];
        return b.reserve - b.committed;
    }

    /// @notice Per-asset book: reserve (= free + committed), committed interest, open principal.
    function bookOf(IERC20 asset) external view returns (Book memory) {
        return _books[asset];
    }

    function _interest(uint256 amount, uint256 aprBps, uint256 durationDays) private pure returns (uint256) {
        return amount * aprBps * durationDays / (DAYS_PER_YEAR * BPS);
    }

    function _term(uint256 termId) private view returns (Term storage) {
        if (termId >= _terms.length) revert UnknownTerm(termId);
        return _terms[termId];
    }
}
