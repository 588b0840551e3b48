// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

/// @notice What protocol contracts ask before taking on new risk.
interface IPauseGuard {
    function isPaused(uint8 action) external view returns (bool);
}

/// @title PauseGuard
/// @notice The protocol's one emergency brake. The `guardian` (a multisig in the deployment config; a dev
/// account on the local chain) can pause any of the new-risk actions below, at once and without a vote.
/// It cannot unpause, cannot change any parameter and cannot move any funds: only the owner (the DAO's
/// timelock) unpauses and replaces the guardian. Pausing never blocks a way out: repayments, withdrawals,
/// claims, refunds and cancellations have no pause check anywhere.
///
/// Actions (uint8):
///   0 BORROW          LoanPool.borrow and LoanPool.borrowMore
///   1 LIST            Marketplace.list, listMany (and relisting)
///   2 BUY_PRODUCT     ProductSale.buy / buyWithPermit (primary sale; MiningPools.finalize buys through it)
///   3 BUY_LISTING     Marketplace.buy / buyWithPermit, sweep, makeTokenOffer, makeProductOffer, acceptOffer
///   4 POOL_CONTRIBUTE MiningPools.contribute / contributeWithPermit and createPool
contract PauseGuard is Ownable2Step {
    uint8 public constant BORROW = 0;
    uint8 public constant LIST = 1;
    uint8 public constant BUY_PRODUCT = 2;
    uint8 public constant BUY_LISTING = 3;
    uint8 public constant POOL_CONTRIBUTE = 4;
    uint8 public constant ACTION_COUNT = 5;

    /// @notice May pause (never unpause).
    address public guardian;
    /// @notice Bit `a` set = action `a` is paused.
    uint256 public pausedMask;

    event GuardianSet(address indexed previousGuardian, address indexed newGuardian);
    event ActionPaused(uint8 indexed action, address indexed by);
    event ActionUnpaused(uint8 indexed action, address indexed by);

    error NotGuardian(address caller);
    error UnknownAction(uint8 action);

    constructor(address guardian_, address owner_) Ownable(owner_) {
        guardian = guardian_;
        emit GuardianSet(address(0), guardian_);
    }

    /// @notice Pauses one new-risk action (guardian, or the timelock). Pausing a paused action is a no-op.
    function pause(uint8 action) external {
        _onlyGuardianOrOwner();
        _pause(action);
    }

    /// @notice Pauses every new-risk action at once (guardian, or the timelock).
    function pauseAll() external {
        _onlyGuardianOrOwner();
        for (uint8 a; a < ACTION_COUNT; ++a) _pause(a);
    }

    /// @notice Resumes an action. Only the timelock: a proposal, a vote and the timelock delay.
    function unpause(uint8 action) external onlyOwner {
        if (action >= ACTION_COUNT) revert UnknownAction(action);
        if (pausedMask & (1 << action) == 0) return;
        pausedMask &= ~(uint256(1) << action);
        emit ActionUnpaused(action, msg.sender);
    }

    /// @notice Replaces the guardian (timelock only); address(0) leaves only the timelock able to pause.
    function setGuardian(address guardian_) external onlyOwner {
        emit GuardianSet(guardian, guardian_);
        guardian = guardian_;
    }

    function isPaused(uint8 action) external view returns (bool) {
        return pausedMask & (1 << action) != 0;
    }

    /// @notice Every action's paused flag, indexed by action.
    function pausedActions() external view returns (bool[] memory out) {
        out = new bool[](ACTION_COUNT);
        for (uint8 a; a < ACTION_COUNT; ++a) out[a] = pausedMask & (1 << a) != 0;
    }

    function _pause(uint8 action) private {
        if (action >= ACTION_COUNT) revert UnknownAction(action);
        if (pausedMask & (1 << action) != 0) return;
        pausedMask |= uint256(1) << action;
        emit ActionPaused(action, msg.sender);
    }

    function _onlyGuardianOrOwner() private view {
        if (msg.sender != guardian && msg.sender != owner()) revert NotGuardian(msg.sender);
    }
}

/// @notice Base for contracts with new-risk entry points: stores the PauseGuard and checks it.
abstract contract Guarded {
    /// @notice The PauseGuard consulted before new risk; address(0) = never paused.
    IPauseGuard public pauseGuard;

    event PauseGuardSet(address indexed guard);

    /// @notice `action` (see PauseGuard) is paused by the guardian.
    error ActionPaused(uint8 action);

    function _setPauseGuard(address guard) internal {
        pauseGuard = IPauseGuard(guard);
        emit PauseGuardSet(guard);
    }

    function _whenNotPaused(uint8 action) internal view {
        IPauseGuard g = pauseGuard;
        if (address(g) != address(0) && g.isPaused(action)) revert ActionPaused(action);
    }
}
