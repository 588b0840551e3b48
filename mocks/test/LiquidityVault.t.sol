// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {LoansBase} from "./LoansBase.t.sol";
import {LiquidityVault} from "../src/LiquidityVault.sol";

contract LiquidityVaultTest is LoansBase {
    uint256 internal constant BTC_MAX = 641_250_000;
    address internal attacker = makeAddr("attacker");

    function _btcLoan(uint256 amount) internal returns (uint256 loanId) {
        uint256 id = _buy(bob, pBtc, 100);
        loanId = _borrow(bob, _one(id), amount, 7 days);
    }

    // ================================================================ setup and access

    function test_Metadata() public view {
        assertEq(vault.name(), "Hashmint USDT Liquidity");
        assertEq(vault.symbol(), "hmUSDT");
        assertEq(vault.decimals(), 12, "6 + 6 offset decimals");
        assertEq(vault.asset(), address(usdt));
        assertEq(vault.owner(), owner);
        assertEq(address(vault.loanPool()), address(pool));
        assertEq(vault.balanceOf(lender), LENDER_DEPOSIT * 1e6, "a million shares per USDT unit at first");
        assertEq(vault.convertToAssets(1e12), 1e6, "one share = one USDT");
    }

    function test_SetLoanPool_OnceByOwner() public {
        LiquidityVault v = new LiquidityVault(IERC20(address(usdt)), owner);
        assertEq(v.totalBorrowed(), 0);
        assertEq(v.utilizationBps(), 0);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, bob));
        v.setLoanPool(address(pool));
        vm.startPrank(owner);
        vm.expectRevert(LiquidityVault.ZeroAddress.selector);
        v.setLoanPool(address(0));
        vm.expectEmit(address(v));
        emit LiquidityVault.LoanPoolSet(address(pool));
        v.setLoanPool(address(pool));
        vm.expectRevert(LiquidityVault.LoanPoolAlreadySet.selector);
        v.setLoanPool(carol);
        vm.stopPrank();
    }

    function test_OnlyThePoolDraws() public {
        vm.startPrank(bob);
        vm.expectRevert(abi.encodeWithSelector(LiquidityVault.NotLoanPool.selector, bob));
        vault.lend(bob, 1);
        vm.expectRevert(abi.encodeWithSelector(LiquidityVault.NotLoanPool.selector, bob));
        vault.onRepaid(1);
        vm.stopPrank();

        uint256 idle = vault.idleCash();
        vm.startPrank(address(pool));
        vm.expectRevert(abi.encodeWithSelector(LiquidityVault.InsufficientLiquidity.selector, idle, idle + 1));
        vault.lend(bob, idle + 1);
        vm.expectEmit(address(vault));
        emit LiquidityVault.RepaymentReceived(5);
        vault.onRepaid(5);
        vm.stopPrank();
    }

    function test_Borrow_EmitsLent() public {
        uint256 id = _buy(bob, pBtc, 100);
        vm.prank(bob);
        nft.setApprovalForAll(address(pool), true);
        vm.expectEmit(address(vault));
        emit LiquidityVault.Lent(bob, 100e6);
        vm.prank(bob);
        pool.borrow(_one(id), 100e6, 7 days);
    }

    // ================================================================ inflation attack

    /// The classic first-depositor attack: deposit 1 unit, donate a lot, let the victim's shares round to 0.
    /// With 6 offset decimals the victim keeps everything but a millionth of the donation, and the attacker
    /// loses about half of it.
    function test_InflationAttack_Defeated() public {
        LiquidityVault v = new LiquidityVault(IERC20(address(usdt)), owner);
        vm.startPrank(owner);
        usdt.mint(attacker, 10_000e6 + 1);
        usdt.mint(alice, 10_000e6);
        vm.stopPrank();

        vm.startPrank(attacker);
        usdt.approve(address(v), 1);
        v.deposit(1, attacker);
        assertEq(v.balanceOf(attacker), 1e6);
        assertTrue(usdt.transfer(address(v), 10_000e6)); // donation
        vm.stopPrank();

        vm.startPrank(alice);
        usdt.approve(address(v), 10_000e6);
        uint256 shares = v.deposit(10_000e6, alice);
        vm.stopPrank();
        assertGt(shares, 0, "the victim gets shares");
        uint256 victimGets = v.previewRedeem(shares);
        assertGe(victimGets, 10_000e6 - 10_000e6 / 1e6, "victim loses at most a millionth of the donation");
        uint256 attackerGets = v.previewRedeem(v.balanceOf(attacker));
        assertLt(attackerGets, 5_100e6, "attacker loses about half the donation");

        vm.prank(alice);
        v.redeem(shares, alice, alice);
        assertEq(usdt.balanceOf(alice), victimGets);
    }

    function testFuzz_InflationAttack_NeverPays(uint256 a, uint256 donation, uint256 victim) public {
        a = bound(a, 1, 1e9);
        donation = bound(donation, 1, 1e13);
        victim = bound(victim, 1e6, 1e13);
        LiquidityVault v = new LiquidityVault(IERC20(address(usdt)), owner);
        vm.startPrank(owner);
        usdt.mint(attacker, a + donation);
        usdt.mint(alice, victim);
        vm.stopPrank();
        vm.startPrank(attacker);
        usdt.approve(address(v), a);
        v.deposit(a, attacker);
        assertTrue(usdt.transfer(address(v), donation));
        vm.stopPrank();
        vm.startPrank(alice);
        usdt.approve(address(v), victim);
        uint256 shares = v.deposit(victim, alice);
        vm.stopPrank();
        assertLe(v.previewRedeem(v.balanceOf(attacker)), a + donation, "the attacker never profits");
        assertGe(v.previewRedeem(shares) + donation / 1e6 + 1, victim, "the victim loses at most ~1e-6 of it");
    }

    // ================================================================ accounting

    function test_TotalAssets_IdlePlusDebt_InterestRaisesSharePrice() public {
        _btcLoan(BTC_MAX);
        assertEq(vault.totalAssets(), LENDER_DEPOSIT);
        assertEq(vault.idleCash(), LENDER_DEPOSIT - BTC_MAX);
        assertEq(vault.totalBorrowed(), BTC_MAX);
        uint256 price0 = vault.convertToAssets(1e12);

        vm.warp(block.timestamp + 30 days);
        uint256 debt = pool.debtOf(1);
        assertGt(debt, BTC_MAX);
        assertEq(vault.totalAssets(), LENDER_DEPOSIT - BTC_MAX + debt, "accrued interest counts");
        assertGt(vault.convertToAssets(1e12), price0);

        vm.prank(owner);
        usdt.mint(bob, debt);
        _repay(bob, 1, type(uint256).max);
        assertEq(vault.totalBorrowed(), 0);
        assertEq(vault.idleCash(), LENDER_DEPOSIT - BTC_MAX + debt);
        // the lender takes out deposit plus interest (less rounding in the vault's favour)
        uint256 shares = vault.balanceOf(lender);
        assertEq(vault.maxRedeem(lender), shares);
        vm.prank(lender);
        uint256 out = vault.redeem(shares, lender, lender);
        assertApproxEqAbs(out, LENDER_DEPOSIT + debt - BTC_MAX, 1);
        assertLe(out, LENDER_DEPOSIT + debt - BTC_MAX);
    }

    function test_LaterLenderBuysAtTheHigherPrice() public {
        _btcLoan(BTC_MAX);
        vm.warp(block.timestamp + 365 days);
        uint256 before = vault.previewRedeem(vault.balanceOf(lender));
        uint256 shares = _deposit(lender2, 50_000e6);
        assertLt(shares, 50_000e6 * 1e6, "fewer shares per USDT than the first lender");
        assertApproxEqAbs(vault.previewRedeem(shares), 50_000e6, 1);
        assertApproxEqAbs(vault.previewRedeem(vault.balanceOf(lender)), before, 1, "no dilution");
    }

    function test_DepositAndWithdraw_AccrueThePoolFirst() public {
        _btcLoan(BTC_MAX);
        vm.warp(block.timestamp + 10 days);
        _deposit(lender2, 1e6);
        assertEq(pool.lastAccrual(), block.timestamp);
        uint256 index = pool.borrowIndex();
        assertGt(index, 1e18);
        vm.warp(block.timestamp + 1 days);
        vm.prank(lender2);
        vault.withdraw(0.5e6, lender2, lender2);
        assertEq(pool.lastAccrual(), block.timestamp);
        assertGt(pool.borrowIndex(), index);
    }

    // ================================================================ liquidity limits

    function test_MaxWithdraw_CappedAtIdleCash() public {
        vm.prank(lender);
        vault.withdraw(LENDER_DEPOSIT - 1000e6, lender, lender); // 1000 USDT left
        _deposit(lender2, 100e6);
        _btcLoan(BTC_MAX); // 641.25 of 1100 lent out
        uint256 idle = 1100e6 - BTC_MAX;
        assertEq(vault.idleCash(), idle);
        assertEq(vault.maxWithdraw(lender), idle, "lender's 1000 is capped at the idle 458.75");
        assertEq(vault.maxWithdraw(lender2), vault.previewRedeem(vault.balanceOf(lender2)), "a small lender: own value");
        assertApproxEqAbs(vault.maxWithdraw(lender2), 100e6, 1);
        uint256 maxShares = vault.maxRedeem(lender);
        assertLt(maxShares, vault.balanceOf(lender));
        assertEq(maxShares, vault.convertToShares(idle));
        assertEq(vault.maxRedeem(lender2), vault.balanceOf(lender2));

        vm.startPrank(lender);
        vm.expectRevert(abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxWithdraw.selector, lender, idle + 1, idle));
        vault.withdraw(idle + 1, lender, lender);
        vm.expectRevert(
            abi.encodeWithSelector(ERC4626.ERC4626ExceededMaxRedeem.selector, lender, maxShares + 1, maxShares)
        );
        vault.redeem(maxShares + 1, lender, lender);
        uint256 got = vault.redeem(maxShares, lender, lender);
        vm.stopPrank();
        assertLe(got, idle);
        assertApproxEqAbs(got, idle, 1);
        assertLe(vault.maxWithdraw(lender), vault.idleCash());
        assertLe(vault.maxWithdraw(lender2), vault.idleCash());
    }

    function test_MaxWithdraw_AllIdleThenWithdrawable() public {
        vm.prank(lender);
        vault.withdraw(LENDER_DEPOSIT - 1000e6, lender, lender);
        _btcLoan(BTC_MAX);
        uint256 idle = vault.idleCash();
        vm.prank(lender);
        vault.withdraw(idle, lender, lender);
        assertEq(vault.idleCash(), 0);
        assertEq(vault.maxWithdraw(lender), 0);
        assertEq(vault.maxRedeem(lender), 0);
        assertEq(vault.utilizationBps(), 10_000);
        // the borrower repays: the lender can leave with the rest, interest included
        vm.warp(block.timestamp + 1 days);
        vm.prank(owner);
        usdt.mint(bob, 10e6);
        _repay(bob, 1, type(uint256).max);
        uint256 shares = vault.balanceOf(lender);
        assertEq(vault.maxRedeem(lender), shares);
        vm.prank(lender);
        vault.redeem(shares, lender, lender);
        assertGt(usdt.balanceOf(lender), 1_000_000e6, "got back more than deposited");
    }

    function test_Stats() public {
        _btcLoan(BTC_MAX);
        LiquidityVault.VaultStats memory s = vault.stats();
        assertEq(s.totalAssets, LENDER_DEPOSIT);
        assertEq(s.totalSupply, LENDER_DEPOSIT * 1e6);
        assertEq(s.idleCash, LENDER_DEPOSIT - BTC_MAX);
        assertEq(s.totalBorrowed, BTC_MAX);
        assertEq(s.utilizationBps, 64); // 0.64125%
        assertEq(vault.utilizationBps(), 64);
        assertEq(s.sharePrice, 1e6);
        assertEq(s.borrowRate, pool.borrowRate());
        assertEq(s.supplyRate, pool.supplyRate());
        assertGt(s.borrowRate, s.supplyRate);

        LiquidityVault v = new LiquidityVault(IERC20(address(usdt)), owner);
        s = v.stats();
        assertEq(s.borrowRate, 0);
        assertEq(s.utilizationBps, 0);
        assertEq(s.sharePrice, 1e6);
    }

    /// Depositing and redeeming at once never makes money, whatever the state.
    function testFuzz_RoundTrip_NeverProfits(uint256 amount, uint256 borrowed, uint256 dt) public {
        amount = bound(amount, 1, 1e13);
        borrowed = bound(borrowed, 1, BTC_MAX);
        dt = bound(dt, 0, 365 days);
        _btcLoan(borrowed);
        vm.warp(block.timestamp + dt);
        vm.prank(owner);
        usdt.mint(lender2, amount);
        uint256 shares = _deposit(lender2, amount);
        vm.prank(lender2);
        uint256 out = vault.redeem(shares, lender2, lender2);
        assertLe(out, amount);
        assertLe(vault.convertToAssets(vault.totalSupply()), vault.totalAssets());
    }
}
