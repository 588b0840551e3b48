// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Marketplace} from "../src/Marketplace.sol";
import {MarketplaceFixture} from "./utils/MarketplaceFixture.sol";
import {LoansBase} from "./LoansBase.t.sol";
import {EarnBase} from "./EarnBase.t.sol";

/// @notice Gas of the marketplace, loan, vault, deposit and pool operations, one per test, preparation
/// unmetered, so that .gas-snapshot (npm run gas) lists what each user action costs.
contract GasMarketTest is MarketplaceFixture {
    function test_gas_list() public {
        vm.pauseGasMetering();
        uint256 tokenId = _buy(alice, pBtc, 1);
        _approveAll(alice);
        vm.resumeGasMetering();
        vm.prank(alice);
        market.list(tokenId, PRICE, 0);
    }

    function test_gas_buyListing() public {
        vm.pauseGasMetering();
        (, uint256 listingId) = _listNew(alice, PRICE);
        _fund(bob, PRICE);
        vm.resumeGasMetering();
        vm.prank(bob);
        market.buy(listingId, PRICE);
    }

    /// An escrowed token offer (a buyer's second offer: their list of open offers exists already).
    function test_gas_makeTokenOffer() public {
        vm.pauseGasMetering();
        uint256 tokenId = _buy(alice, pBtc, 1);
        _fund(bob, 2 * PRICE);
        vm.prank(bob);
        market.makeTokenOffer(tokenId, PRICE, 0);
        vm.resumeGasMetering();
        vm.prank(bob);
        market.makeTokenOffer(tokenId, PRICE, 0);
    }

    /// A product offer, the first on its product and the buyer's first.
    function test_gas_makeProductOffer() public {
        vm.pauseGasMetering();
        _fund(bob, 10_000 * 10 * 30);
        vm.resumeGasMetering();
        vm.prank(bob);
        market.makeProductOffer(Marketplace.OfferKind.Product, pBtc, 10_000, 10, 1, 30, 0);
    }
}

contract GasLoansTest is LoansBase {
    function _collateral() internal returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = _buy(alice, pBtc, 10);
        _advanceAndPost(3);
    }

    function test_gas_vaultDeposit() public {
        vm.pauseGasMetering();
        vm.prank(owner);
        usdt.mint(bob, 1_000e6);
        vm.prank(bob);
        usdt.approve(address(vault), 1_000e6);
        vm.resumeGasMetering();
        vm.prank(bob);
        vault.deposit(1_000e6, bob);
    }

    function test_gas_borrow() public {
        vm.pauseGasMetering();
        uint256[] memory ids = _collateral();
        uint256 amount = pool.maxBorrow(ids) / 2;
        vm.prank(alice);
        nft.setApprovalForAll(address(pool), true);
        vm.resumeGasMetering();
        vm.prank(alice);
        pool.borrow(ids, amount, 10 days);
    }

    function test_gas_repayAll() public {
        vm.pauseGasMetering();
        uint256[] memory ids = _collateral();
        uint256 loanId = _borrow(alice, ids, pool.maxBorrow(ids) / 2, 10 days);
        _advanceDays(2);
        vm.prank(owner);
        usdt.mint(alice, 1_000e6);
        vm.prank(alice);
        usdt.approve(address(pool), type(uint256).max);
        vm.resumeGasMetering();
        vm.prank(alice);
        pool.repay(loanId, type(uint256).max);
    }
}

contract GasEarnTest is EarnBase {
    function test_gas_termDeposit() public {
        vm.pauseGasMetering();
        _mint(usdt, alice, 1_000e6);
        vm.prank(alice);
        usdt.approve(address(td), 1_000e6);
        vm.resumeGasMetering();
        vm.prank(alice);
        td.deposit(tUsdt90, 1_000e6);
    }

    function test_gas_poolContribution() public {
        vm.pauseGasMetering();
        uint256 poolId = pools.createPool(pEtc, 40, 60, 10e6, 600e6, block.timestamp + 7 days);
        _contribute(bob, poolId, 100e6); // not the first member
        _mint(usdt, alice, 200e6);
        vm.prank(alice);
        usdt.approve(address(pools), 200e6);
        vm.resumeGasMetering();
        vm.prank(alice);
        pools.contribute(poolId, 200e6);
    }
}
