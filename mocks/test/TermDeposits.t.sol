// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IRewardsReceiver} from "../src/Rewards.sol";
import {TermDeposits} from "../src/TermDeposits.sol";
import {FaucetToken} from "../src/FaucetToken.sol";
import {EarnBase} from "./EarnBase.t.sol";

contract TermDepositsTest is EarnBase {
    IERC20 internal iUsdt;
    IERC20 internal iFil;

    function setUp() public override {
        super.setUp();
        iUsdt = IERC20(address(usdt));
        iFil = IERC20(address(fil));
    }

    // ---------------------------------------------------------------- terms

    function test_seededTerms() public view {
        TermDeposits.Term[] memory all = td.terms();
        assertEq(all.length, 12);
        assertEq(td.termCount(), 12);
        TermDeposits.Term memory t = all[tUsdt90];
        assertEq(address(t.asset), address(usdt));
        assertEq(t.durationDays, 90);
        assertEq(t.aprBps, 800);
        assertEq(t.capacity, 1_000_000e6);
        assertEq(t.deposited, 0);
        assertTrue(t.active);
        assertEq(address(all[tFil180].asset), address(fil));
        assertEq(all[tFil180].durationDays, 180);
    }

    function test_addTerm_emits() public {
        vm.expectEmit(address(td));
        emit TermDeposits.TermAdded(12, address(etc), 365, 1000, 5e18);
        vm.prank(owner);
        assertEq(td.addTerm(IERC20(address(etc)), 365, 1000, 5e18), 12);
    }

    function test_addTerm_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        td.addTerm(iUsdt, 30, 500, 1e6);

        vm.startPrank(owner);
        vm.expectRevert(TermDeposits.ZeroAddress.selector);
        td.addTerm(IERC20(address(0)), 30, 500, 1e6);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.InvalidTerm.selector, "duration out of range"));
        td.addTerm(iUsdt, 0, 500, 1e6);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.InvalidTerm.selector, "duration out of range"));
        td.addTerm(iUsdt, 3651, 500, 1e6);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.InvalidTerm.selector, "apr above maximum"));
        td.addTerm(iUsdt, 30, 10_001, 1e6);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.InvalidTerm.selector, "capacity is zero"));
        td.addTerm(iUsdt, 30, 500, 0);
        vm.stopPrank();
    }

    function test_setTermActive_and_capacity() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        td.setTermActive(tUsdt30, false);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        td.setTermCapacity(tUsdt30, 1);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.UnknownTerm.selector, 99));
        vm.prank(owner);
        td.setTermActive(99, false);

        uint256 pos = _deposit(alice, tUsdt30, 100e6);

        vm.expectEmit(address(td));
        emit TermDeposits.TermUpdated(tUsdt30, false, 1_000_000e6);
        vm.prank(owner);
        td.setTermActive(tUsdt30, false);
        assertEq(td.maxDeposit(tUsdt30), 0);

        _mint(usdt, bob, 10e6);
        vm.startPrank(bob);
        usdt.approve(address(td), 10e6);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.TermInactive.selector, tUsdt30));
        td.deposit(tUsdt30, 10e6);
        vm.stopPrank();

        // open positions are unaffected by pausing
        _advanceDays(30);
        vm.prank(alice);
        assertEq(td.withdraw(pos), 100e6 + _interest(100e6, 500, 30));

        vm.startPrank(owner);
        td.setTermActive(tUsdt30, true);
        vm.expectEmit(address(td));
        emit TermDeposits.TermUpdated(tUsdt30, true, 50e6);
        td.setTermCapacity(tUsdt30, 50e6);
        vm.stopPrank();
        assertEq(td.term(tUsdt30).capacity, 50e6);
    }

    // ---------------------------------------------------------------- reserve

    function test_fundReserve_byAnyone() public {
        assertEq(td.freeReserve(iUsdt), USDT_RESERVE);
        _mint(usdt, carol, 500e6);
        vm.startPrank(carol);
        usdt.approve(address(td), 500e6);
        vm.expectEmit(address(td));
        emit TermDeposits.ReserveFunded(address(usdt), carol, 500e6, USDT_RESERVE + 500e6);
        td.fundReserve(iUsdt, 500e6);
        vm.stopPrank();
        assertEq(td.freeReserve(iUsdt), USDT_RESERVE + 500e6);
        assertEq(usdt.balanceOf(address(td)), USDT_RESERVE + 500e6);
        TermDeposits.Book memory b = td.bookOf(iUsdt);
        assertEq(b.reserve, USDT_RESERVE + 500e6);
        assertEq(b.committed, 0);
        assertEq(b.principal, 0);
    }

    function test_fundReserve_reverts() public {
        vm.expectRevert(TermDeposits.ZeroAmount.selector);
        td.fundReserve(iUsdt, 0);
        vm.expectRevert(TermDeposits.ZeroAddress.selector);
        td.fundReserve(IERC20(address(0)), 1);
    }

    function test_withdrawExcessReserve_onlyFreePart() public {
        _deposit(alice, tUsdt180, 10_000e6); // commits 10_000 x 12% x 180/365
        uint256 committed = _interest(10_000e6, 1200, 180);
        assertEq(committed, 591_780_821);
        uint256 free = USDT_RESERVE - committed;
        assertEq(td.freeReserve(iUsdt), free);

        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, operator));
        vm.prank(operator);
        td.withdrawExcessReserve(iUsdt, 1, operator);

        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.ExceedsFreeReserve.selector, free + 1, free));
        td.withdrawExcessReserve(iUsdt, free + 1, owner);
        vm.expectRevert(TermDeposits.ZeroAmount.selector);
        td.withdrawExcessReserve(iUsdt, 0, owner);
        vm.expectRevert(TermDeposits.ZeroAddress.selector);
        td.withdrawExcessReserve(iUsdt, 1, address(0));

        vm.expectEmit(address(td));
        emit TermDeposits.ReserveWithdrawn(address(usdt), treasury, free, 0);
        td.withdrawExcessReserve(iUsdt, free, treasury);
        vm.stopPrank();
        assertEq(usdt.balanceOf(treasury), free);
        assertEq(td.freeReserve(iUsdt), 0);
        // what is left exactly covers the deposit and its interest
        assertEq(usdt.balanceOf(address(td)), 10_000e6 + committed);
        _advanceDays(180);
        vm.prank(alice);
        td.withdraw(0);
        assertEq(usdt.balanceOf(alice), 10_000e6 + committed);
        assertEq(usdt.balanceOf(address(td)), 0);
    }

    // ---------------------------------------------------------------- deposit

    function test_deposit_opensPosition() public {
        uint256 interest = _interest(1_000e6, 800, 90);
        assertEq(interest, 19_726_027); // 1000 x 8% x 90/365 = 19.726027...
        assertEq(td.previewInterest(tUsdt90, 1_000e6), interest);
        uint64 maturity = uint64(block.timestamp + 90 days);

        _mint(usdt, alice, 1_000e6);
        vm.startPrank(alice);
        usdt.approve(address(td), 1_000e6);
        vm.expectEmit(address(td));
        emit TermDeposits.Deposited(0, alice, tUsdt90, 1_000e6, interest, maturity);
        uint256 id = td.deposit(tUsdt90, 1_000e6);
        vm.stopPrank();

        assertEq(id, 0);
        TermDeposits.Position memory p = td.position(id);
        assertEq(p.owner, alice);
        assertEq(p.termId, tUsdt90);
        assertEq(p.principal, 1_000e6);
        assertEq(p.interest, interest);
        assertEq(p.start, block.timestamp);
        assertEq(p.maturity, maturity);
        assertFalse(p.closed);

        assertEq(usdt.balanceOf(alice), 0);
        assertEq(usdt.balanceOf(address(td)), USDT_RESERVE + 1_000e6);
        assertEq(td.term(tUsdt90).deposited, 1_000e6);
        assertEq(td.freeReserve(iUsdt), USDT_RESERVE - interest);
        TermDeposits.Book memory b = td.bookOf(iUsdt);
        assertEq(b.committed, interest);
        assertEq(b.principal, 1_000e6);
        assertEq(b.reserve, USDT_RESERVE);
        assertEq(td.positionCount(), 1);
    }

    function test_deposit_reverts() public {
        _mint(usdt, alice, 2_000_000e6);
        vm.startPrank(alice);
        usdt.approve(address(td), type(uint256).max);

        vm.expectRevert(abi.encodeWithSelector(TermDeposits.UnknownTerm.selector, 12));
        td.deposit(12, 1e6);
        vm.expectRevert(TermDeposits.ZeroAmount.selector);
        td.deposit(tUsdt30, 0);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.CapacityExceeded.selector, 1_000_000e6 + 1, 1_000_000e6));
        td.deposit(tUsdt30, 1_000_000e6 + 1);
        // 1M USDT for 180 days at 12% needs 59,178.08 USDT of reserve; there are 10,000
        uint256 needed = _interest(1_000_000e6, 1200, 180);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.InsufficientReserve.selector, needed, USDT_RESERVE));
        td.deposit(tUsdt180, 1_000_000e6);
        vm.stopPrank();

        // a reward-coin term with no reserve at all: only deposits small enough to earn 0 interest get in
        assertEq(td.freeReserve(IERC20(address(etc))), 0);
        _mint(etc, bob, 1e18);
        vm.startPrank(bob);
        etc.approve(address(td), 1e18);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.InsufficientReserve.selector, _interest(1e18, 200, 30), 0));
        td.deposit(tEtc30, 1e18);
        vm.stopPrank();
    }

    function test_deposit_capacityCountsOpenPrincipalOnly() public {
        vm.prank(owner);
        td.setTermCapacity(tUsdt30, 300e6);
        _deposit(alice, tUsdt30, 200e6);
        uint256 pos = _deposit(bob, tUsdt30, 100e6);
        assertEq(td.maxDeposit(tUsdt30), 0);
        _mint(usdt, carol, 1e6);
        vm.startPrank(carol);
        usdt.approve(address(td), 1e6);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.CapacityExceeded.selector, 1e6, 0));
        td.deposit(tUsdt30, 1e6);
        vm.stopPrank();

        vm.prank(bob);
        td.withdrawEarly(pos);
        assertEq(td.term(tUsdt30).deposited, 200e6);
        assertEq(td.maxDeposit(tUsdt30), 100e6);
        vm.prank(carol);
        td.deposit(tUsdt30, 1e6);

        // capacity lowered below what is deposited: no deposits, nothing else breaks
        vm.prank(owner);
        td.setTermCapacity(tUsdt30, 100e6);
        assertEq(td.maxDeposit(tUsdt30), 0);
        _mint(usdt, carol, 1e6);
        vm.startPrank(carol);
        usdt.approve(address(td), 1e6);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.CapacityExceeded.selector, 1e6, 0));
        td.deposit(tUsdt30, 1e6);
        vm.stopPrank();
    }

    function test_deposit_zeroInterestDustIsAccepted() public {
        // 1 base unit earns nothing (rounded down), needs no reserve, and comes back whole
        uint256 pos = _deposit(alice, tUsdt30, 1);
        assertEq(td.position(pos).interest, 0);
        _advanceDays(30);
        vm.prank(alice);
        assertEq(td.withdraw(pos), 1);
    }

    function test_depositWithPermit() public {
        uint256 amount = 2_500e6;
        _mint(usdt, alice, amount);
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 digest = _permitDigest(usdt, alice, address(td), amount, 0, deadline);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(aliceKey, digest);
        vm.prank(alice);
        uint256 pos = td.depositWithPermit(tUsdt30, amount, deadline, v, r, s);
        assertEq(td.position(pos).principal, amount);
        assertEq(usdt.allowance(alice, address(td)), 0);

        // a used (front-run) permit is ignored when the allowance is in place
        _mint(usdt, alice, amount);
        vm.prank(alice);
        usdt.approve(address(td), amount);
        vm.prank(alice);
        td.depositWithPermit(tUsdt30, amount, deadline, v, r, s);
        (uint256[] memory ids,) = td.positionsOf(alice);
        assertEq(ids.length, 2);
    }

    // ---------------------------------------------------------------- withdraw

    function test_withdraw_atMaturity() public {
        uint256 pos = _deposit(alice, tUsdt90, 1_000e6);
        uint256 interest = _interest(1_000e6, 800, 90);
        uint64 maturity = td.position(pos).maturity;

        vm.warp(maturity - 1);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.NotMatured.selector, maturity));
        vm.prank(alice);
        td.withdraw(pos);

        vm.warp(maturity);
        vm.expectEmit(address(td));
        emit TermDeposits.Withdrawn(pos, alice, 1_000e6, interest, 0);
        vm.prank(alice);
        assertEq(td.withdraw(pos), 1_000e6 + interest);

        assertEq(usdt.balanceOf(alice), 1_000e6 + interest);
        assertEq(usdt.balanceOf(address(td)), USDT_RESERVE - interest);
        assertTrue(td.position(pos).closed);
        assertEq(td.term(tUsdt90).deposited, 0);
        TermDeposits.Book memory b = td.bookOf(iUsdt);
        assertEq(b.reserve, USDT_RESERVE - interest);
        assertEq(b.committed, 0);
        assertEq(b.principal, 0);
        assertEq(td.freeReserve(iUsdt), USDT_RESERVE - interest);

        vm.expectRevert(abi.encodeWithSelector(TermDeposits.PositionClosed.selector, pos));
        vm.prank(alice);
        td.withdraw(pos);
    }

    function test_withdraw_longAfterMaturityPaysSameInterest() public {
        uint256 pos = _deposit(alice, tUsdt30, 500e6);
        _advanceDays(400);
        vm.prank(alice);
        assertEq(td.withdraw(pos), 500e6 + _interest(500e6, 500, 30));
    }

    function test_withdrawEarly_paysPrincipalReleasesInterest() public {
        uint256 pos = _deposit(alice, tUsdt180, 1_000e6);
        uint256 interest = _interest(1_000e6, 1200, 180);
        assertEq(td.freeReserve(iUsdt), USDT_RESERVE - interest);
        _advanceDays(179);

        vm.expectEmit(address(td));
        emit TermDeposits.Withdrawn(pos, alice, 1_000e6, 0, interest);
        vm.prank(alice);
        assertEq(td.withdrawEarly(pos), 1_000e6);
        assertEq(usdt.balanceOf(alice), 1_000e6);
        assertEq(td.freeReserve(iUsdt), USDT_RESERVE);
        assertEq(usdt.balanceOf(address(td)), USDT_RESERVE);
        assertEq(td.bookOf(iUsdt).committed, 0);

        vm.expectRevert(abi.encodeWithSelector(TermDeposits.PositionClosed.selector, pos));
        vm.prank(alice);
        td.withdrawEarly(pos);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.PositionClosed.selector, pos));
        vm.prank(alice);
        td.withdraw(pos);
    }

    function test_withdrawEarly_refusedAtMaturity() public {
        uint256 pos = _deposit(alice, tUsdt30, 1_000e6);
        uint64 maturity = td.position(pos).maturity;
        vm.warp(maturity);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.AlreadyMatured.selector, maturity));
        vm.prank(alice);
        td.withdrawEarly(pos);
    }

    function test_withdraw_onlyOwner_and_unknown() public {
        uint256 pos = _deposit(alice, tUsdt30, 1_000e6);
        _advanceDays(30);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.NotPositionOwner.selector, pos, bob));
        vm.prank(bob);
        td.withdraw(pos);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.NotPositionOwner.selector, pos, bob));
        vm.prank(bob);
        td.withdrawEarly(pos);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.UnknownPosition.selector, 7));
        vm.prank(alice);
        td.withdraw(7);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.UnknownPosition.selector, 7));
        vm.prank(alice);
        td.withdrawEarly(7);
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.UnknownPosition.selector, 7));
        td.position(7);
    }

    // ---------------------------------------------------------------- views

    function test_positionsOf() public {
        uint256 a = _deposit(alice, tUsdt30, 100e6);
        uint256 b = _deposit(bob, tUsdt90, 200e6);
        uint256 c = _deposit(alice, tUsdt180, 300e6);
        vm.prank(alice);
        td.withdrawEarly(a);

        (uint256[] memory ids, TermDeposits.Position[] memory ps) = td.positionsOf(alice);
        assertEq(ids.length, 2);
        assertEq(ids[0], a);
        assertEq(ids[1], c);
        assertTrue(ps[0].closed);
        assertFalse(ps[1].closed);
        assertEq(ps[1].principal, 300e6);
        assertEq(ps[1].termId, tUsdt180);
        (ids,) = td.positionsOf(bob);
        assertEq(ids.length, 1);
        assertEq(ids[0], b);
        (ids,) = td.positionsOf(carol);
        assertEq(ids.length, 0);
    }

    function test_maxDeposit_reserveBound() public {
        // 180 days at 12%: a free reserve of 10,000 USDT covers about 10,000 x 365 / 180 / 0.12 = 168,981.48 USDT
        uint256 max = td.maxDeposit(tUsdt180);
        assertEq(max, 168_981_481_498);
        assertLe(td.previewInterest(tUsdt180, max), USDT_RESERVE);
        assertGt(td.previewInterest(tUsdt180, max + 1), USDT_RESERVE);
        _mint(usdt, alice, max + 1);
        vm.startPrank(alice);
        usdt.approve(address(td), max + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                TermDeposits.InsufficientReserve.selector, td.previewInterest(tUsdt180, max + 1), USDT_RESERVE
            )
        );
        td.deposit(tUsdt180, max + 1);
        td.deposit(tUsdt180, max);
        vm.stopPrank();
        assertLe(td.previewInterest(tUsdt180, td.maxDeposit(tUsdt180)), td.freeReserve(iUsdt));
    }

    function test_maxDeposit_zeroAprIsCapacityBound() public {
        vm.prank(owner);
        uint256 t = td.addTerm(IERC20(address(etc)), 30, 0, 7e18);
        assertEq(td.maxDeposit(t), 7e18);
        assertEq(td.previewInterest(t, 7e18), 0);
    }

    // ---------------------------------------------------------------- claim and deposit

    function _filRewards(address who) internal returns (uint256 tokenId, uint256 accrued) {
        tokenId = _buy(who, pFil, 10); // 10 TiB
        _advanceDays(20);
        _postAll(FIL, FIL_OUT);
        accrued = rewards.accrued(tokenId);
        assertGt(accrued, 0);
    }

    function test_claimInto_filRewardsIntoFilTerm() public {
        (uint256 tokenId, uint256 accrued) = _filRewards(alice);
        assertEq(accrued, 19 * 10 * 1e16); // 19 whole days x 10 TiB x 0.01 FIL
        uint256 interest = _interest(accrued, 600, 90);
        uint64 maturity = uint64(block.timestamp + 90 days);

        vm.expectEmit(address(td));
        emit TermDeposits.Deposited(0, alice, tFil90, accrued, interest, maturity);
        vm.prank(alice);
        uint256 amount = rewards.claimInto(_one(tokenId), FIL, IRewardsReceiver(address(td)), abi.encode(tFil90));

        assertEq(amount, accrued);
        assertEq(rewards.accrued(tokenId), 0);
        assertEq(rewards.claimed(tokenId), accrued);
        assertEq(fil.balanceOf(alice), 0);
        assertEq(fil.balanceOf(address(td)), FIL_RESERVE + accrued);
        (uint256[] memory ids, TermDeposits.Position[] memory ps) = td.positionsOf(alice);
        assertEq(ids.length, 1);
        assertEq(ps[0].owner, alice);
        assertEq(ps[0].principal, accrued);
        assertEq(ps[0].interest, interest);
        assertEq(td.term(tFil90).deposited, accrued);
        assertEq(td.freeReserve(iFil), FIL_RESERVE - interest);

        _advanceDays(90);
        vm.prank(alice);
        td.withdraw(ids[0]);
        assertEq(fil.balanceOf(alice), accrued + interest);
    }

    function test_claimInto_refusalsKeepRewardsClaimable() public {
        (uint256 tokenId, uint256 accrued) = _filRewards(alice);
        IRewardsReceiver r = IRewardsReceiver(address(td));

        // FIL rewards into a USDT term
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.AssetMismatch.selector, address(usdt), address(fil)));
        vm.prank(alice);
        rewards.claimInto(_one(tokenId), FIL, r, abi.encode(tUsdt90));
        // malformed data
        vm.expectRevert(TermDeposits.InvalidDepositData.selector);
        vm.prank(alice);
        rewards.claimInto(_one(tokenId), FIL, r, "");
        vm.expectRevert(TermDeposits.InvalidDepositData.selector);
        vm.prank(alice);
        rewards.claimInto(_one(tokenId), FIL, r, abi.encode(tFil90, 1));
        // unknown term
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.UnknownTerm.selector, 99));
        vm.prank(alice);
        rewards.claimInto(_one(tokenId), FIL, r, abi.encode(99));
        // over capacity
        vm.prank(owner);
        td.setTermCapacity(tFil90, SafeCast.toUint128(accrued - 1));
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.CapacityExceeded.selector, accrued, accrued - 1));
        vm.prank(alice);
        rewards.claimInto(_one(tokenId), FIL, r, abi.encode(tFil90));
        // reserve too small
        vm.startPrank(owner);
        td.setTermCapacity(tFil90, 100_000e18);
        td.withdrawExcessReserve(iFil, FIL_RESERVE, owner);
        vm.stopPrank();
        vm.expectRevert(
            abi.encodeWithSelector(TermDeposits.InsufficientReserve.selector, _interest(accrued, 600, 90), 0)
        );
        vm.prank(alice);
        rewards.claimInto(_one(tokenId), FIL, r, abi.encode(tFil90));

        // nothing was claimed
        assertEq(rewards.accrued(tokenId), accrued);
        assertEq(fil.balanceOf(address(td)), 0);
        assertEq(td.positionCount(), 0);
    }

    function test_onRewardsClaimed_onlyRewards() public {
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.NotRewards.selector, alice));
        vm.prank(alice);
        td.onRewardsClaimed(alice, FIL, 1e18, abi.encode(tFil90));
    }

    function test_onRewardsClaimed_refusesUnfundedCredit() public {
        // even Rewards cannot credit a deposit it did not transfer first
        vm.expectRevert(abi.encodeWithSelector(TermDeposits.UnfundedCredit.selector, 1e18));
        vm.prank(address(rewards));
        td.onRewardsClaimed(alice, FIL, 1e18, abi.encode(tFil90));
    }

    // ---------------------------------------------------------------- fuzz

    /// interest = floor(principal x apr x days / 3,650,000): exact floor, never above the exact value.
    function testFuzz_interestFormula(uint128 amount, uint16 aprBps, uint16 durationDays) public {
        aprBps = uint16(bound(aprBps, 0, 10_000));
        durationDays = uint16(bound(durationDays, 1, 3650));
        vm.prank(owner);
        uint256 t = td.addTerm(IERC20(address(etc)), durationDays, aprBps, type(uint128).max);
        uint256 i = td.previewInterest(t, amount);
        uint256 exactTimesD = uint256(amount) * aprBps * durationDays;
        assertLe(i * 3_650_000, exactTimesD);
        assertGt((i + 1) * 3_650_000, exactTimesD);
    }

    /// A deposit then a withdrawal (at maturity or early) moves exactly principal and interest; nothing else.
    function testFuzz_depositWithdrawConservation(uint256 amount, uint8 termPick, uint256 waitSeconds) public {
        uint256 termId = bound(termPick, 0, 2); // USDT 30/90/180
        TermDeposits.Term memory t = td.term(termId);
        amount = bound(amount, 1, td.maxDeposit(termId));
        uint256 duration = uint256(t.durationDays) * 1 days;
        waitSeconds = bound(waitSeconds, 0, duration * 2);
        uint256 interest = _interest(amount, t.aprBps, t.durationDays);

        uint256 pos = _deposit(alice, termId, amount);
        assertEq(td.position(pos).interest, interest);
        assertEq(usdt.balanceOf(address(td)), USDT_RESERVE + amount);
        vm.warp(block.timestamp + waitSeconds);
        vm.startPrank(alice);
        bool matured = waitSeconds >= duration;
        uint256 paid = matured ? td.withdraw(pos) : td.withdrawEarly(pos);
        vm.stopPrank();

        assertEq(paid, matured ? amount + interest : amount);
        assertEq(usdt.balanceOf(alice), paid);
        assertEq(usdt.balanceOf(address(td)) + usdt.balanceOf(alice), USDT_RESERVE + amount);
        TermDeposits.Book memory b = td.bookOf(iUsdt);
        assertEq(b.committed, 0);
        assertEq(b.principal, 0);
        assertEq(b.reserve, usdt.balanceOf(address(td)));
        assertEq(td.freeReserve(iUsdt), matured ? USDT_RESERVE - interest : USDT_RESERVE);
    }

    /// maxDeposit is accepted and one more unit is refused (when the reserve is what binds).
    function testFuzz_maxDeposit(uint256 reserve, uint8 termPick) public {
        uint256 termId = bound(termPick, 0, 2);
        reserve = bound(reserve, 0, 1_000e6);
        vm.prank(owner);
        td.withdrawExcessReserve(iUsdt, USDT_RESERVE, owner);
        if (reserve > 0) _fundReserve(usdt, reserve);
        uint256 max = td.maxDeposit(termId);
        assertLe(td.previewInterest(termId, max), reserve);
        if (max < td.term(termId).capacity) {
            assertGt(td.previewInterest(termId, max + 1), reserve);
        }
        if (max > 0) {
            _deposit(alice, termId, max);
            assertLe(td.bookOf(iUsdt).committed, td.bookOf(iUsdt).reserve);
        }
    }

    // ---------------------------------------------------------------- helpers

    function _permitDigest(FaucetToken token, address holder, address spender, uint256 value, uint256 nonce, uint256 deadline)
        internal
        view
        returns (bytes32)
    {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                holder,
                spender,
                value,
                nonce,
                deadline
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", token.DOMAIN_SEPARATOR(), structHash));
    }
}
