// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {HashNFT} from "./HashNFT.sol";
import {ProductSale} from "./ProductSale.sol";
import {Rewards} from "./Rewards.sol";
import {IPauseGuard} from "./PauseGuard.sol";

/// @title MiningPools
/// @notice Joint purchases of hash power (crowdfunds), many pools in one contract.
/// A pool aims at `units` of a product: target = units x pricePerUnit, hard cap = hardCapUnits x pricePerUnit
/// (>= target), in the sale's payment token (USDT). Each member's cumulative contribution must lie within
/// [minContribution, maxContribution]. A contribution that would cross the hard cap is trimmed to what is left,
/// and only the trimmed amount is pulled from the wallet (the rest never leaves it).
/// Once raised >= target anyone may finalize: the pool buys floor(raised / pricePerUnit) units, or fewer if the
/// sale lets this contract buy fewer, and holds the NFT. The unspent part is refundable pro rata
/// (`claimUnspent`). Members share the NFT's rewards pro rata to their contribution (`claimRewards`).
/// If the deadline passes before the target is reached, or the product can no longer be bought at all,
/// the pool has failed and every member gets back exactly what they put in (`refund`).
///
/// Shares never change after finalization, so the reward accumulator is kept exactly: a member is entitled to
/// floor(contribution x rewardsReceived / raised), where rewardsReceived is everything the pool's NFT has paid
/// into this contract. The sum of entitlements never exceeds rewardsReceived; the rounding dust (less than one
/// base unit per member) stays in the contract. Unspent USDT is shared the same way.
contract MiningPools is ReentrancyGuard, IERC721Receiver {
    using SafeERC20 for IERC20;

    enum Status {
        /// collecting; target not reached yet, deadline not passed
        Open,
        /// target reached, not bought yet (contributions still accepted up to the hard cap until the deadline)
        Succeeded,
        /// deadline passed below target, or nothing could be bought: members refund
        Failed,
        /// the pool bought the product and holds the NFT
        Finalized
    }

    struct Pool {
        address creator;
        uint32 productId;
        uint64 deadline;
        uint8 coin;
        /// units aimed at (target = units x pricePerUnit)
        uint64 units;
        uint64 hardCapUnits;
        /// units actually bought at finalization
        uint64 unitsBought;
        uint32 memberCount;
        bool finalized;
        /// finalize found nothing purchasable (sale ended, sold out or wallet cap used up): the pool failed
        bool cancelled;
        uint128 pricePerUnit;
        uint128 target;
        uint128 hardCap;
        uint128 minContribution;
        uint128 maxContribution;
        uint128 raised;
        /// USDT paid to the sale
        uint128 spent;
        /// USDT returned to members (refunds of a failed pool, or unspent shares of a finalized one)
        uint128 returned;
        uint256 tokenId;
        /// reward-token base units the NFT has paid into this contract
        uint256 rewardsReceived;
        /// reward-token base units paid out to members
        uint256 rewardsPaid;
    }

    struct Member {
        uint128 contribution;
        /// refunded (failed pool) or unspent share claimed (finalized pool)
        bool settled;
        uint256 rewardsPaid;
    }

    IERC20 public immutable usdt;
    ProductSale public immutable sale;
    HashNFT public immutable nft;
    Rewards public immutable rewards;

    Pool[] private _pools;
    mapping(uint256 => mapping(address => Member)) private _members;
    mapping(uint256 => address[]) private _memberList;

    event PoolCreated(
        uint256 indexed poolId,
        address indexed creator,
        uint256 indexed productId,
        uint256 units,
        uint256 hardCapUnits,
        uint256 target,
        uint256 hardCap,
        uint256 minContribution,
        uint256 maxContribution,
        uint256 deadline
    );
    /// @param amount what was pulled (the offer trimmed to the hard cap)
    /// @param offered what the member offered
    event Contributed(uint256 indexed poolId, address indexed member, uint256 amount, uint256 offered, uint256 raised);
    event PoolFinalized(uint256 indexed poolId, uint256 indexed tokenId, uint256 units, uint256 spent, uint256 unspent);
    event PoolCancelled(uint256 indexed poolId, uint256 raised);
    event Refunded(uint256 indexed poolId, address indexed member, uint256 amount);
    event UnspentClaimed(uint256 indexed poolId, address indexed member, uint256 amount);
    event RewardsHarvested(uint256 indexed poolId, uint8 indexed coin, uint256 amount);
    event RewardsClaimed(uint256 indexed poolId, address indexed member, uint8 indexed coin, uint256 amount);

    error InvalidPool(string reason);
    error UnknownPool(uint256 poolId);
    error ZeroAmount();
    error PoolNotOpen(uint256 poolId);
    error DeadlinePassed(uint256 deadline);
    error HardCapReached();
    error BelowMinimum(uint256 min);
    /// @param already what the member has contributed so far
    error AboveMaximum(uint256 max, uint256 already);
    error TargetNotReached(uint256 raised, uint256 target);
    error AlreadyFinalized();
    error SaleNotOpenYet(uint256 startsAt);
    error NotFailed(uint256 poolId);
    error NotFinalized(uint256 poolId);
    error NothingToRefund();
    error NothingToClaim();
    error UnexpectedNft(address token, address operator);
    /// @notice New pools and contributions are paused by the guardian (PauseGuard action POOL_CONTRIBUTE = 4,
    /// read through ProductSale's guard). Refunds, finalizing and claims never pause.
    error ActionPaused(uint8 action);

    constructor(ProductSale sale_) {
        sale = sale_;
        usdt = sale_.paymentToken();
        nft = sale_.nft();
        rewards = sale_.rewards();
    }

    // ---------------------------------------------------------------- creating and contributing

    /// @notice Opens a pool toward `units` of a product (anyone). The hard cap, in units, is >= `units`.
    /// The product must still have `units` for sale to this contract and the deadline must fall inside the sale.
    function createPool(
        uint256 productId,
        uint256 units,
        uint256 hardCapUnits,
        uint256 minContribution,
        uint256 maxContribution,
        uint256 deadline
    ) external returns (uint256 poolId) {
        _whenNotPaused();
        ProductSale.Product memory p = sale.product(productId);
        if (units == 0) revert InvalidPool("units is zero");
        if (hardCapUnits < units) revert InvalidPool("hard cap below target");
        uint256 target = units * p.pricePerUnit;
        uint256 hardCap = hardCapUnits * p.pricePerUnit;
        if (maxContribution == 0 || minContribution > maxContribution) revert InvalidPool("contribution limits");
        if (minContribution > target) revert InvalidPool("minimum above target");
        if (deadline <= block.timestamp) revert InvalidPool("deadline passed");
        if (deadline > p.saleEnd) revert InvalidPool("deadline after sale end");
        if (units > _buyable(productId, p)) revert InvalidPool("units not purchasable");

        poolId = _pools.length;
        Pool storage pl = _pools.push();
        pl.creator = msg.sender;
        pl.productId = SafeCast.toUint32(productId);
        pl.deadline = SafeCast.toUint64(deadline);
        pl.coin = p.coin;
        pl.units = SafeCast.toUint64(units);
        pl.hardCapUnits = SafeCast.toUint64(hardCapUnits);
        pl.pricePerUnit = p.pricePerUnit;
        pl.target = SafeCast.toUint128(target);
        pl.hardCap = SafeCast.toUint128(hardCap);
        pl.minContribution = SafeCast.toUint128(minContribution);
        pl.maxContribution = SafeCast.toUint128(maxContribution);
        emit PoolCreated(
            poolId, msg.sender, productId, units, hardCapUnits, target, hardCap, minContribution, maxContribution, deadline
        );
    }

    /// @notice Contributes up to `amount` USDT (approved beforehand). Trimmed to the hard cap: only the accepted
    /// amount is pulled. The member's cumulative contribution must stay within [min, max].
    function contribute(uint256 poolId, uint256 amount) external nonReentrant returns (uint256 accepted) {
        return _contribute(poolId, amount);
    }

    /// @notice Same as `contribute`, with an EIP-2612 permit for `amount` instead of a prior approval.
    /// A permit that was already used (e.g. front-run) is ignored when the allowance is in place anyway.
    function contributeWithPermit(uint256 poolId, uint256 amount, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        returns (uint256 accepted)
    {
        try IERC20Permit(address(usdt)).permit(msg.sender, address(this), amount, deadline, v, r, s) {} catch {}
        return _contribute(poolId, amount);
    }

    function _whenNotPaused() private view {
        IPauseGuard g = sale.pauseGuard();
        if (address(g) != address(0) && g.isPaused(4)) revert ActionPaused(4);
    }

    function _contribute(uint256 poolId, uint256 amount) private returns (uint256 accepted) {
        _whenNotPaused();
        Pool storage pl = _pool(poolId);
        uint256 already;
        (accepted, already) = _accept(pl, poolId, msg.sender, amount);
        Member storage m = _members[poolId][msg.sender];
        if (already == 0) {
            _memberList[poolId].push(msg.sender);
            pl.memberCount += 1;
        }
        m.contribution = SafeCast.toUint128(already + accepted);
        pl.raised += SafeCast.toUint128(accepted);
        emit Contributed(poolId, msg.sender, accepted, amount, pl.raised);
        usdt.safeTransferFrom(msg.sender, address(this), accepted);
    }

    /// Checks a contribution and returns the part the pool accepts, with what the member had contributed.
    function _accept(Pool storage pl, uint256 poolId, address account, uint256 amount)
        private
        view
        returns (uint256 accepted, uint256 already)
    {
        if (pl.finalized || pl.cancelled) revert PoolNotOpen(poolId);
        if (block.timestamp >= pl.deadline) revert DeadlinePassed(pl.deadline);
        if (amount == 0) revert ZeroAmount();
        uint256 left = pl.hardCap - pl.raised;
        if (left == 0) revert HardCapReached();
        already = _members[poolId][account].contribution;
        // The minimum applies to what the member offers; trimming at the hard cap is not held against them.
        if (already + amount < pl.minContribution) revert BelowMinimum(pl.minContribution);
        accepted = amount < left ? amount : left;
        if (already + accepted > pl.maxContribution) revert AboveMaximum(pl.maxContribution, already);
    }

    // ---------------------------------------------------------------- finalizing

    /// @notice Once the target is reached (before or after the deadline), anyone may make the pool buy:
    /// floor(raised / pricePerUnit) units, or what this contract may still buy if that is less. If nothing can be
    /// bought any more (sale ended, sold out, wallet cap used up), the pool is cancelled and members refund.
    function finalize(uint256 poolId) external nonReentrant returns (uint256 tokenId) {
        Pool storage pl = _pool(poolId);
        if (pl.finalized) revert AlreadyFinalized();
        if (pl.cancelled) revert PoolNotOpen(poolId);
        if (pl.raised < pl.target) revert TargetNotReached(pl.raised, pl.target);

        ProductSale.Product memory p = sale.product(pl.productId);
        uint256 units = pl.raised / pl.pricePerUnit;
        uint256 buyable = sale.purchasable(pl.productId, address(this));
        if (buyable < units) units = buyable;
        if (units == 0) {
            if (block.timestamp < p.saleStart) revert SaleNotOpenYet(p.saleStart);
            pl.cancelled = true;
            emit PoolCancelled(poolId, pl.raised);
            return 0;
        }
        uint256 cost = units * pl.pricePerUnit;
        pl.finalized = true;
        pl.unitsBought = SafeCast.toUint64(units);
        pl.spent = SafeCast.toUint128(cost);
        usdt.forceApprove(address(sale), cost);
        tokenId = sale.buy(pl.productId, units);
        pl.tokenId = tokenId;
        emit PoolFinalized(poolId, tokenId, units, cost, pl.raised - cost);
    }

    /// @notice Accepts only NFTs minted to this contract by the sale (pool purchases); anything else is refused.
    function onERC721Received(address operator, address, uint256, bytes calldata) external view returns (bytes4) {
        if (msg.sender != address(nft) || operator != address(sale)) revert UnexpectedNft(msg.sender, operator);
        return IERC721Receiver.onERC721Received.selector;
    }

    // ---------------------------------------------------------------- money back

    /// @notice Failed pool: pays the caller back exactly their contribution. Once.
    function refund(uint256 poolId) external nonReentrant returns (uint256 amount) {
        Pool storage pl = _pool(poolId);
        if (_status(pl) != Status.Failed) revert NotFailed(poolId);
        Member storage m = _members[poolId][msg.sender];
        amount = m.contribution;
        if (amount == 0 || m.settled) revert NothingToRefund();
        m.settled = true;
        pl.returned += SafeCast.toUint128(amount);
        emit Refunded(poolId, msg.sender, amount);
        usdt.safeTransfer(msg.sender, amount);
    }

    /// @notice Finalized pool: pays the caller their pro-rata share of the USDT the purchase did not spend:
    /// floor(contribution x (raised - spent) / raised). Once.
    function claimUnspent(uint256 poolId) external nonReentrant returns (uint256 amount) {
        Pool storage pl = _pool(poolId);
        if (!pl.finalized) revert NotFinalized(poolId);
        Member storage m = _members[poolId][msg.sender];
        amount = _unspentShare(pl, m);
        if (amount == 0 || m.settled) revert NothingToClaim();
        m.settled = true;
        pl.returned += SafeCast.toUint128(amount);
        emit UnspentClaimed(poolId, msg.sender, amount);
        usdt.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- rewards

    /// @notice Collects the pool NFT's accrued rewards from Rewards into this contract (anyone).
    function harvest(uint256 poolId) external nonReentrant returns (uint256 received) {
        Pool storage pl = _pool(poolId);
        if (!pl.finalized) revert NotFinalized(poolId);
        return _harvest(pl, poolId);
    }

    /// @notice Collects the pool's rewards, then pays the caller their pro-rata share of everything received:
    /// floor(contribution x rewardsReceived / raised) minus what they were already paid.
    function claimRewards(uint256 poolId) external nonReentrant returns (uint256 amount) {
        Pool storage pl = _pool(poolId);
        if (!pl.finalized) revert NotFinalized(poolId);
        _harvest(pl, poolId);
        Member storage m = _members[poolId][msg.sender];
        amount = _entitled(pl, m.contribution, pl.rewardsReceived) - m.rewardsPaid;
        if (amount == 0) revert NothingToClaim();
        m.rewardsPaid += amount;
        pl.rewardsPaid += amount;
        emit RewardsClaimed(poolId, msg.sender, pl.coin, amount);
        rewards.coinInfo(pl.coin).token.safeTransfer(msg.sender, amount);
    }

    function _harvest(Pool storage pl, uint256 poolId) private returns (uint256 received) {
        if (rewards.accrued(pl.tokenId) == 0) return 0;
        IERC20 token = rewards.coinInfo(pl.coin).token;
        uint256 before = token.balanceOf(address(this));
        uint256[] memory ids = new uint256[](1);
        ids[0] = pl.tokenId;
        rewards.claim(ids);
        received = token.balanceOf(address(this)) - before;
        pl.rewardsReceived += received;
        emit RewardsHarvested(poolId, pl.coin, received);
    }

    // ---------------------------------------------------------------- views

    function poolCount() external view returns (uint256) {
        return _pools.length;
    }

    function pool(uint256 poolId) external view returns (Pool memory info, Status status) {
        Pool storage p = _pool(poolId);
        return (p, _status(p));
    }

    function pools() external view returns (Pool[] memory all, Status[] memory statuses) {
        all = _pools;
        statuses = new Status[](all.length);
        for (uint256 i; i < all.length; ++i) {
            statuses[i] = _status(_pools[i]);
        }
    }

    function statusOf(uint256 poolId) external view returns (Status) {
        return _status(_pool(poolId));
    }

    function contributionOf(uint256 poolId, address account) external view returns (uint256) {
        _pool(poolId);
        return _members[poolId][account].contribution;
    }

    function memberOf(uint256 poolId, address account) external view returns (Member memory) {
        _pool(poolId);
        return _members[poolId][account];
    }

    function memberCount(uint256 poolId) external view returns (uint256) {
        return _pool(poolId).memberCount;
    }

    function members(uint256 poolId) external view returns (address[] memory) {
        _pool(poolId);
        return _memberList[poolId];
    }

    /// @notice What `contribute(poolId, amount)` by `account` would accept now (reverts with the reason it would).
    /// Approve exactly this amount.
    function acceptable(uint256 poolId, address account, uint256 amount) external view returns (uint256 accepted) {
        (accepted,) = _accept(_pool(poolId), poolId, account, amount);
    }

    /// @notice Rewards `account` could claim now, including rewards accrued on the NFT and not yet harvested.
    function pendingRewards(uint256 poolId, address account) external view returns (uint256) {
        Pool storage p = _pool(poolId);
        if (!p.finalized) return 0;
        Member storage m = _members[poolId][account];
        uint256 total = p.rewardsReceived + rewards.accrued(p.tokenId);
        return _entitled(p, m.contribution, total) - m.rewardsPaid;
    }

    /// @notice USDT `account` can still take out: the full contribution of a failed pool, or the unspent share
    /// of a finalized one.
    function refundable(uint256 poolId, address account) external view returns (uint256) {
        Pool storage p = _pool(poolId);
        Member storage m = _members[poolId][account];
        if (m.settled) return 0;
        Status s = _status(p);
        if (s == Status.Failed) return m.contribution;
        if (s == Status.Finalized) return _unspentShare(p, m);
        return 0;
    }

    function _status(Pool storage p) private view returns (Status) {
        if (p.finalized) return Status.Finalized;
        if (p.cancelled) return Status.Failed;
        if (p.raised >= p.target) return Status.Succeeded;
        if (block.timestamp >= p.deadline) return Status.Failed;
        return Status.Open;
    }

    function _unspentShare(Pool storage p, Member storage m) private view returns (uint256) {
        return Math.mulDiv(m.contribution, p.raised - p.spent, p.raised);
    }

    function _entitled(Pool storage p, uint256 contribution, uint256 received) private view returns (uint256) {
        return Math.mulDiv(contribution, received, p.raised);
    }

    /// Units this contract could still buy of a product, ignoring the sale window.
    function _buyable(uint256 productId, ProductSale.Product memory p) private view returns (uint256 n) {
        n = p.supplyCap - p.sold;
        if (p.perWalletCap != 0) {
            uint256 wallet = p.perWalletCap - sale.boughtBy(productId, address(this));
            if (wallet < n) n = wallet;
        }
    }

    function _pool(uint256 poolId) private view returns (Pool storage) {
        if (poolId >= _pools.length) revert UnknownPool(poolId);
        return _pools[poolId];
    }
}
