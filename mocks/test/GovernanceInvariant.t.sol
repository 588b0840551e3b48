// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {GovBase} from "./GovBase.t.sol";
import {LoanPool} from "../src/LoanPool.sol";
import {Rewards} from "../src/Rewards.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {ProductSale} from "../src/ProductSale.sol";
import {TermDeposits} from "../src/TermDeposits.sol";
import {HashNFT} from "../src/HashNFT.sol";
import {PauseGuard} from "../src/PauseGuard.sol";
import {OracleAdapter, AggregatorV3Interface} from "../src/OracleAdapter.sol";

/// Calls a random parameter setter (with in-bounds arguments) from a random caller that is not the timelock.
contract SetterHandler is Test {
    GovBase internal b;
    address[] internal targets;
    address[] internal callers;
    uint256 public succeeded;
    uint256 public attempts;

    constructor(address[] memory targets_, address[] memory callers_) {
        targets = targets_;
        callers = callers_;
    }

    function call(uint256 callerSeed, uint256 setterSeed, uint256 v) external {
        address caller = callerSeed % 4 == 0 ? address(uint160(callerSeed >> 8)) : callers[callerSeed % callers.length];
        if (caller == targets[0]) return; // the timelock itself
        (address target, bytes memory data) = _setter(setterSeed, v, caller);
        ++attempts;
        vm.prank(caller);
        (bool ok,) = target.call(data);
        if (ok) ++succeeded;
    }

    /// The setter `s` with its arguments, for the positive control.
    function setterFor(uint256 s, uint256 v, address caller) external view returns (address, bytes memory) {
        return _setter(s, v, caller);
    }

    /// targets: [timelock, pool, market, rewards, sale, deposits, vault, nft, guard, oracle, governor, feed, usdt]
    function _setter(uint256 s, uint256 v, address caller) internal view returns (address, bytes memory) {
        uint16 bps = uint16(bound(v, 1, 4000));
        uint256 k = s % 22;
        if (k == 0) return (targets[1], abi.encodeCall(LoanPool.setCoinParams, (0, LoanPool.CoinParams(bps, bps + 1, bps, 3, true))));
        if (k == 1) return (targets[1], abi.encodeCall(LoanPool.setRateModel, (LoanPool.RateModel(0, 0, 0, 0.6e18))));
        if (k == 2) return (targets[1], abi.encodeCall(LoanPool.setTreasury, (caller)));
        if (k == 3) return (targets[1], abi.encodeCall(LoanPool.withdrawReserve, (caller, 1)));
        if (k == 4) return (targets[1], abi.encodeCall(LoanPool.setPauseGuard, (address(0))));
        if (k == 5) return (targets[2], abi.encodeCall(Marketplace.setFeeBps, (uint16(v % 501))));
        if (k == 6) return (targets[2], abi.encodeCall(Marketplace.setTreasury, (caller)));
        if (k == 7) return (targets[3], abi.encodeCall(Rewards.setOperator, (caller, true)));
        if (k == 8) return (targets[3], abi.encodeCall(Rewards.addCoin, (IERC20(targets[12]), targets[11], "X", "u")));
        if (k == 9) return (targets[3], abi.encodeCall(Rewards.setRegistrar, (caller, true)));
        if (k == 10) return (targets[5], abi.encodeCall(TermDeposits.addTerm, (IERC20(targets[12]), 30, 100, 1e6)));
        if (k == 11) return (targets[5], abi.encodeCall(TermDeposits.setTermCapacity, (0, 1)));
        if (k == 12) return (targets[5], abi.encodeCall(TermDeposits.setTermActive, (0, false)));
        if (k == 13) return (targets[5], abi.encodeCall(TermDeposits.withdrawExcessReserve, (IERC20(targets[12]), 1, caller)));
        if (k == 14) return (targets[7], abi.encodeCall(HashNFT.setMinter, (caller, true)));
        if (k == 15) return (targets[8], abi.encodeCall(PauseGuard.setGuardian, (caller)));
        if (k == 16) return (targets[8], abi.encodeCall(PauseGuard.unpause, (0)));
        if (k == 17) return (targets[9], abi.encodeCall(OracleAdapter.setFeed, (0, AggregatorV3Interface(targets[11]), 3600, bps)));
        if (k == 18) return (targets[10], abi.encodeWithSignature("setProposalThreshold(uint256)", 0));
        if (k == 19) return (targets[10], abi.encodeWithSignature("updateQuorumNumerator(uint256)", 1));
        if (k == 20) return (targets[1], abi.encodeWithSignature("transferOwnership(address)", caller));
        return (targets[4], abi.encodeCall(ProductSale.setTreasury, (caller)));
    }
}

/// @notice Invariant: no address but the timelock changes any parameter. Random callers (the deployer, the
/// operator, the guardian, token holders, the Governor itself, any address) call random setters with valid
/// arguments; none succeeds and every parameter stays as deployed.
contract GovernanceInvariantTest is GovBase {
    SetterHandler internal handler;
    bytes32 internal initial;

    function setUp() public override {
        super.setUp();
        vm.prank(guardian);
        guard.pause(0); // so that a successful unpause would show
        address[] memory t = new address[](13);
        (t[0], t[1], t[2], t[3], t[4], t[5], t[6]) = (address(timelock), address(pool), address(market), address(rewards), address(sale), address(deposits), address(vault));
        (t[7], t[8], t[9], t[10], t[11], t[12]) = (address(nft), address(guard), address(oracle), address(governor), address(etcFeed), address(usdt));
        address[] memory c = new address[](7);
        (c[0], c[1], c[2], c[3], c[4], c[5], c[6]) = (owner, operator, guardian, alice, bob, address(governor), treasury);
        handler = new SetterHandler(t, c);
        initial = _digest();
        targetContract(address(handler));
    }

    function _digest() internal view returns (bytes32) {
        return keccak256(abi.encode(_loanDigest(), _restDigest()));
    }

    function _loanDigest() internal view returns (bytes32) {
        (uint64 base, uint64 s1, uint64 s2, uint64 kink) = pool.rateModel();
        return keccak256(
            abi.encode(
                pool.coinParams(0), base, s1, s2, kink, pool.treasury(), address(pool.pauseGuard()), pool.owner(),
                pool.pendingOwner(), oracle.feedOf(0)
            )
        );
    }

    function _restDigest() internal view returns (bytes32) {
        bytes32 a = keccak256(
            abi.encode(market.feeBps(), market.treasury(), rewards.isOperator(alice), rewards.isOperator(bob), rewards.coinCount())
        );
        bytes32 b = keccak256(abi.encode(deposits.termCount(), deposits.term(0), vault.loanPool(), guard.guardian(), guard.pausedMask()));
        return keccak256(abi.encode(a, b, governor.proposalThreshold(), governor.quorumNumerator(), sale.treasury()));
    }

    /// Positive control: every setter the handler tries, with the same arguments, succeeds for the timelock
    /// (so the invariant's zero successes mean "refused", not "malformed").
    function test_everyHandlerSetterWorksForTheTimelock() public {
        for (uint256 k; k < 22; ++k) {
            // 18, 19: the Governor's own settings run only inside an executing proposal (onlyGovernance)
            if (k == 18 || k == 19) continue;
            (address target, bytes memory data) = handler.setterFor(k, 1000, carol);
            vm.prank(address(timelock));
            (bool ok,) = target.call(data);
            assertTrue(ok, vm.toString(k));
        }
    }

    function invariant_onlyTheTimelockChangesParameters() public view {
        assertEq(handler.succeeded(), 0, "a setter succeeded for a caller other than the timelock");
        assertEq(_digest(), initial, "a parameter changed");
    }
}
