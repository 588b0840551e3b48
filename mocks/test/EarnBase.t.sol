// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Base} from "./Base.t.sol";
import {FaucetToken} from "../src/FaucetToken.sol";
import {TermDeposits} from "../src/TermDeposits.sol";
import {MiningPools} from "../src/MiningPools.sol";

/// @notice The Base fixture plus the Earn contracts (term deposits, joint mining pools), wired and seeded
/// the way the deploy script should: 30/90/180-day terms for USDT and every reward coin, reserves funded
/// by the operator.
abstract contract EarnBase is Base {
    TermDeposits internal td;
    MiningPools internal pools;

    // term ids, in the order they are added
    uint256 internal tUsdt30;
    uint256 internal tUsdt90;
    uint256 internal tUsdt180;
    uint256 internal tBtc30;
    uint256 internal tBtc90;
    uint256 internal tBtc180;
    uint256 internal tEtc30;
    uint256 internal tEtc90;
    uint256 internal tEtc180;
    uint256 internal tFil30;
    uint256 internal tFil90;
    uint256 internal tFil180;

    uint256 internal constant USDT_RESERVE = 10_000e6;
    uint256 internal constant FIL_RESERVE = 1_000e18;

    function setUp() public virtual override {
        super.setUp();
        td = new TermDeposits(rewards, owner);
        pools = new MiningPools(sale);
        vm.label(address(td), "TermDeposits");
        vm.label(address(pools), "MiningPools");

        vm.startPrank(owner);
        // USDT 5% / 8% / 12%, capacity 1M USDT per term
        tUsdt30 = td.addTerm(IERC20(address(usdt)), 30, 500, 1_000_000e6);
        tUsdt90 = td.addTerm(IERC20(address(usdt)), 90, 800, 1_000_000e6);
        tUsdt180 = td.addTerm(IERC20(address(usdt)), 180, 1200, 1_000_000e6);
        // BTC 1% / 2% / 3%, capacity 10 BTC per term
        tBtc30 = td.addTerm(IERC20(address(wbtc)), 30, 100, 10e8);
        tBtc90 = td.addTerm(IERC20(address(wbtc)), 90, 200, 10e8);
        tBtc180 = td.addTerm(IERC20(address(wbtc)), 180, 300, 10e8);
        // ETC 2% / 4% / 6%, capacity 100k ETC per term
        tEtc30 = td.addTerm(IERC20(address(etc)), 30, 200, 100_000e18);
        tEtc90 = td.addTerm(IERC20(address(etc)), 90, 400, 100_000e18);
        tEtc180 = td.addTerm(IERC20(address(etc)), 180, 600, 100_000e18);
        // FIL 3% / 6% / 9%, capacity 100k FIL per term
        tFil30 = td.addTerm(IERC20(address(fil)), 30, 300, 100_000e18);
        tFil90 = td.addTerm(IERC20(address(fil)), 90, 600, 100_000e18);
        tFil180 = td.addTerm(IERC20(address(fil)), 180, 900, 100_000e18);
        vm.stopPrank();

        _fundReserve(usdt, USDT_RESERVE);
        _fundReserve(fil, FIL_RESERVE);
    }

    // ---------------------------------------------------------------- helpers

    function _mint(FaucetToken token, address to, uint256 amount) internal {
        vm.prank(owner);
        token.mint(to, amount);
    }

    /// @dev The operator mints `amount`, approves exactly that and funds the reserve.
    function _fundReserve(FaucetToken token, uint256 amount) internal {
        _mint(token, operator, amount);
        vm.startPrank(operator);
        token.approve(address(td), amount);
        td.fundReserve(IERC20(address(token)), amount);
        vm.stopPrank();
    }

    /// @dev Gives `who` exactly `amount` of the term's asset, approves it and deposits.
    function _deposit(address who, uint256 termId, uint256 amount) internal returns (uint256 positionId) {
        FaucetToken token = FaucetToken(address(td.term(termId).asset));
        _mint(token, who, amount);
        vm.startPrank(who);
        token.approve(address(td), amount);
        positionId = td.deposit(termId, amount);
        vm.stopPrank();
    }

    /// @dev Gives `who` exactly `amount` USDT, approves it and contributes; returns what was accepted.
    function _contribute(address who, uint256 poolId, uint256 amount) internal returns (uint256 accepted) {
        _mint(usdt, who, amount);
        vm.startPrank(who);
        usdt.approve(address(pools), amount);
        accepted = pools.contribute(poolId, amount);
        vm.stopPrank();
    }

    function _interest(uint256 amount, uint256 aprBps, uint256 durationDays) internal pure returns (uint256) {
        return amount * aprBps * durationDays / 3_650_000;
    }
}
