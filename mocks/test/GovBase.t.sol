// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {LoansBase} from "./LoansBase.t.sol";
import {HashToken} from "../src/HashToken.sol";
import {HashGovernor} from "../src/HashGovernor.sol";
import {PauseGuard} from "../src/PauseGuard.sol";
import {Marketplace} from "../src/Marketplace.sol";
import {MiningPools} from "../src/MiningPools.sol";
import {TermDeposits} from "../src/TermDeposits.sol";

/// @notice The whole protocol as the deploy script leaves it: every owner() is the timelock, the Governor
/// proposes to it, `guardian` may pause, `owner` (the deployer) keeps only the local dev roles (faucet minter,
/// feed poster) and `operator` posts output. Real-chain governance settings: 1 day voting delay, 5 days voting,
/// 2 days timelock, 100,000 HASH threshold, 4% quorum. alice and bob hold 5M HASH each (delegated to
/// themselves), the timelock the rest.
abstract contract GovBase is LoansBase {
    HashToken internal token;
    TimelockController internal timelock;
    HashGovernor internal governor;
    PauseGuard internal guard;
    Marketplace internal market;
    MiningPools internal pools;
    TermDeposits internal deposits;

    address internal guardian = makeAddr("guardian");

    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 5 days;
    uint256 internal constant TIMELOCK_DELAY = 2 days;
    uint256 internal constant THRESHOLD = 100_000e18;
    uint256 internal constant DEV_HASH = 5_000_000e18;

    function setUp() public virtual override {
        super.setUp();
        timelock = new TimelockController(TIMELOCK_DELAY, new address[](0), new address[](0), address(this));
        address[] memory holders = new address[](3);
        uint256[] memory amounts = new uint256[](3);
        (holders[0], holders[1], holders[2]) = (address(timelock), alice, bob);
        (amounts[0], amounts[1], amounts[2]) = (100_000_000e18 - 2 * DEV_HASH, DEV_HASH, DEV_HASH);
        token = new HashToken(holders, amounts);
        governor = new HashGovernor(token, timelock, VOTING_DELAY, VOTING_PERIOD, THRESHOLD, 4);
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.grantRole(timelock.EXECUTOR_ROLE(), address(0));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));

        guard = new PauseGuard(guardian, owner);
        market = new Marketplace(IERC20(address(usdt)), IERC721(address(nft)), treasury, 250, owner);
        pools = new MiningPools(sale);
        deposits = new TermDeposits(rewards, owner);
        vm.startPrank(owner);
        pool.setPauseGuard(address(guard));
        market.setPauseGuard(address(guard));
        sale.setPauseGuard(address(guard));
        deposits.addTerm(IERC20(address(usdt)), 30, 500, 1_000_000e6);
        usdt.mint(owner, 10_000e6);
        usdt.approve(address(deposits), 10_000e6);
        deposits.fundReserve(IERC20(address(usdt)), 10_000e6);
        vm.stopPrank();

        Ownable2Step[] memory owned = _owned();
        for (uint256 i; i < owned.length; ++i) {
            vm.prank(owner);
            owned[i].transferOwnership(address(timelock));
            vm.prank(address(timelock));
            owned[i].acceptOwnership();
        }

        vm.prank(alice);
        token.delegate(alice);
        vm.prank(bob);
        token.delegate(bob);
        vm.warp(block.timestamp + 1);
    }

    /// Every contract with an owner, all of which the timelock must own.
    function _owned() internal view returns (Ownable2Step[] memory o) {
        o = new Ownable2Step[](10);
        o[0] = rewards;
        o[1] = nft;
        o[2] = sale;
        o[3] = market;
        o[4] = deposits;
        o[5] = vault;
        o[6] = pool;
        o[7] = guard;
        o[8] = oracle;
        o[9] = auctions;
    }

    /// @dev Runs one action through propose -> vote (alice, bob for) -> queue -> execute, checking each state.
    function _govern(address target, bytes memory data, string memory description) internal returns (uint256 id) {
        address[] memory targets = new address[](1);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        (targets[0], calldatas[0]) = (target, data);
        vm.prank(alice);
        id = governor.propose(targets, values, calldatas, description);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Pending));
        vm.warp(block.timestamp + VOTING_DELAY + 1);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Active));
        vm.prank(alice);
        governor.castVote(id, 1);
        vm.prank(bob);
        governor.castVoteWithReason(id, 1, "agreed");
        vm.warp(block.timestamp + VOTING_PERIOD);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Succeeded));
        bytes32 descHash = keccak256(bytes(description));
        governor.queue(targets, values, calldatas, descHash);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Queued));
        vm.warp(governor.proposalEta(id));
        governor.execute(targets, values, calldatas, descHash);
        assertEq(uint8(governor.state(id)), uint8(IGovernor.ProposalState.Executed));
    }
}
