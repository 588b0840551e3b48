// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ProductSale} from "../src/ProductSale.sol";
import {Rewards} from "../src/Rewards.sol";
import {HashNFT} from "../src/HashNFT.sol";
import {Base} from "./Base.t.sol";

contract ProductSaleAdminTest is Base {
    function test_constructor_wiring() public view {
        assertEq(address(sale.paymentToken()), address(usdt));
        assertEq(address(sale.nft()), address(nft));
        assertEq(address(sale.rewards()), address(rewards));
        assertEq(sale.treasury(), treasury);
        assertEq(sale.owner(), owner);
    }

    function test_constructor_revertsOnZeroTreasury() public {
        vm.expectRevert(ProductSale.ZeroAddress.selector);
        new ProductSale(IERC20(address(usdt)), nft, rewards, address(0), owner);
    }

    function test_setTreasury_updatesAndEmits() public {
        address newTreasury = makeAddr("newTreasury");
        vm.expectEmit(address(sale));
        emit ProductSale.TreasurySet(newTreasury);
        vm.prank(owner);
        sale.setTreasury(newTreasury);
        assertEq(sale.treasury(), newTreasury);

        _buy(alice, pBtc, 2);
        assertEq(usdt.balanceOf(newTreasury), 30e6);
        assertEq(usdt.balanceOf(treasury), 0);
    }

    function test_setTreasury_revertsOnZeroAddress() public {
        vm.expectRevert(ProductSale.ZeroAddress.selector);
        vm.prank(owner);
        sale.setTreasury(address(0));
    }

    function test_adminFunctions_onlyOwner() public {
        bytes memory err = abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice);
        vm.startPrank(alice);
        vm.expectRevert(err);
        sale.setTreasury(alice);
        vm.expectRevert(err);
        sale.addProduct(_valid());
        vm.stopPrank();
    }

    function test_addProduct_appendsAndEmits() public {
        ProductSale.Product memory p = _valid();
        vm.expectEmit(address(sale));
        emit ProductSale.ProductAdded(5, p.name, p.coin, p.hashratePerUnit, p.pricePerUnit);
        vm.prank(owner);
        uint256 id = sale.addProduct(p);
        assertEq(id, 5);
        assertEq(sale.productCount(), 6);
        ProductSale.Product memory stored = sale.product(id);
        assertEq(stored.name, p.name);
        assertEq(stored.coin, p.coin);
        assertEq(stored.hashratePerUnit, p.hashratePerUnit);
        assertEq(stored.efficiencyWx10, p.efficiencyWx10);
        assertEq(stored.termDays, p.termDays);
        assertEq(stored.pricePerUnit, p.pricePerUnit);
        assertEq(stored.supplyCap, p.supplyCap);
        assertEq(stored.sold, 0);
        assertEq(stored.perWalletCap, p.perWalletCap);
        assertEq(stored.saleStart, p.saleStart);
        assertEq(stored.saleEnd, p.saleEnd);
    }

    function test_addProduct_acceptsTermOf3650Days() public {
        ProductSale.Product memory p = _valid();
        p.termDays = 3650;
        vm.prank(owner);
        sale.addProduct(p);
    }

    function test_addProduct_revertsOnZeroHashrate() public {
        ProductSale.Product memory p = _valid();
        p.hashratePerUnit = 0;
        _expectInvalid(p, "hashrate is zero");
    }

    function test_addProduct_revertsOnZeroTerm() public {
        ProductSale.Product memory p = _valid();
        p.termDays = 0;
        _expectInvalid(p, "term out of range");
    }

    function test_addProduct_revertsOnTermOverTenYears() public {
        ProductSale.Product memory p = _valid();
        p.termDays = 3651;
        _expectInvalid(p, "term out of range");
    }

    function test_addProduct_revertsOnZeroPrice() public {
        ProductSale.Product memory p = _valid();
        p.pricePerUnit = 0;
        _expectInvalid(p, "price is zero");
    }

    function test_addProduct_revertsOnZeroSupply() public {
        ProductSale.Product memory p = _valid();
        p.supplyCap = 0;
        _expectInvalid(p, "supply is zero");
    }

    function test_addProduct_revertsOnEmptySaleWindow() public {
        ProductSale.Product memory p = _valid();
        p.saleEnd = p.saleStart;
        _expectInvalid(p, "sale window is empty");
        p.saleEnd = p.saleStart - 1;
        _expectInvalid(p, "sale window is empty");
    }

    function test_addProduct_revertsOnNonZeroSold() public {
        ProductSale.Product memory p = _valid();
        p.sold = 1;
        _expectInvalid(p, "sold must start at zero");
    }

    function test_addProduct_revertsOnUnknownCoin() public {
        ProductSale.Product memory p = _valid();
        p.coin = 3;
        _expectInvalid(p, "unknown coin");
    }

    function test_catalogViews() public view {
        assertEq(sale.productCount(), 5);
        ProductSale.Product[] memory all = sale.products();
        assertEq(all.length, 5);
        assertEq(all[pEtc].coin, ETC);
        assertEq(all[pFil].termDays, 180);
        assertEq(sale.quote(pBtc, 7), 105e6);
        assertEq(sale.quote(pFil, 0), 0);
    }

    function test_views_revertForUnknownProduct() public {
        bytes memory err = abi.encodeWithSelector(ProductSale.UnknownProduct.selector, uint256(5));
        vm.expectRevert(err);
        sale.product(5);
        vm.expectRevert(err);
        sale.quote(5, 1);
        vm.expectRevert(err);
        sale.purchasable(5, alice);
    }

    function _valid() internal view returns (ProductSale.Product memory) {
        return _product("Whatsminer M60 - 60 days", BTC, 20, 185, 60, 30e6, 100, 5, block.timestamp, block.timestamp + 30 days);
    }

    function _expectInvalid(ProductSale.Product memory p, string memory reason) internal {
        vm.expectRevert(abi.encodeWithSelector(ProductSale.InvalidProduct.selector, reason));
        vm.prank(owner);
        sale.addProduct(p);
    }
}

contract ProductSaleBuyTest is Base {
    function test_buy_paysTreasuryAndMintsPosition() public {
        vm.prank(owner);
        usdt.mint(alice, 100e6);
        vm.startPrank(alice);
        usdt.approve(address(sale), 45e6);

        vm.expectEmit(address(rewards));
        emit Rewards.HashrateRegistered(BTC, 30, 11, 41);
        vm.expectEmit(address(nft));
        emit HashNFT.PositionMinted(1, alice, uint32(pBtc), BTC, 30, uint64(GENESIS + 11 days), uint64(GENESIS + 41 days));
        vm.expectEmit(address(sale));
        emit ProductSale.Purchased(pBtc, alice, 1, 3, 45e6);
        uint256 id = sale.buy(pBtc, 3);
        vm.stopPrank();

        assertEq(id, 1);
        assertEq(usdt.balanceOf(alice), 55e6);
        assertEq(usdt.balanceOf(treasury), 45e6);
        assertEq(usdt.balanceOf(address(sale)), 0);
        assertEq(usdt.allowance(alice, address(sale)), 0);
        assertEq(nft.ownerOf(id), alice);
        assertEq(sale.product(pBtc).sold, 3);
        assertEq(sale.boughtBy(pBtc, alice), 3);
    }

    function test_buy_positionCarriesUnitsTimesHashrateAndTermFromNextDay() public {
        uint256 id = _buy(alice, pEtc, 7);
        (uint32 productId, uint8 coin, uint64 hashrate, uint64 start, uint64 end) = nft.positionOf(id);
        assertEq(productId, pEtc);
        assertEq(coin, ETC);
        assertEq(hashrate, 700);
        // bought at 03:00 on day 10: the term starts at the next midnight and lasts termDays whole days
        assertEq(start, GENESIS + 11 days);
        assertEq(end, GENESIS + 11 days + 90 days);
        assertEq(start % 1 days, 0);
    }

    function test_buy_justBeforeMidnightStillStartsNextDay() public {
        vm.warp(GENESIS + 11 days - 1);
        uint256 id = _buy(alice, pBtc, 1);
        (,,, uint64 start,) = nft.positionOf(id);
        assertEq(start, GENESIS + 11 days);
    }

    function test_buy_revertsForUnknownProduct() public {
        vm.expectRevert(abi.encodeWithSelector(ProductSale.UnknownProduct.selector, uint256(99)));
        vm.prank(alice);
        sale.buy(99, 1);
    }

    function test_buy_revertsOnZeroUnits() public {
        vm.expectRevert(ProductSale.ZeroUnits.selector);
        vm.prank(alice);
        sale.buy(pBtc, 0);
    }

    function test_buy_revertsBeforeSaleStart() public {
        vm.expectRevert(abi.encodeWithSelector(ProductSale.SaleNotStarted.selector, T0 + 7 days));
        vm.prank(alice);
        sale.buy(pUpcoming, 1);

        vm.warp(T0 + 7 days - 1);
        vm.expectRevert(abi.encodeWithSelector(ProductSale.SaleNotStarted.selector, T0 + 7 days));
        vm.prank(alice);
        sale.buy(pUpcoming, 1);

        vm.warp(T0 + 7 days);
        _buy(alice, pUpcoming, 1);
    }

    function test_buy_revertsAfterSaleEnd() public {
        vm.expectRevert(abi.encodeWithSelector(ProductSale.SaleEnded.selector, T0 - 1 days));
        vm.prank(alice);
        sale.buy(pEnded, 1);
    }

    function test_buy_revertsExactlyAtSaleEnd() public {
        vm.warp(T0 + 30 days - 1);
        _buy(alice, pUpcoming, 1);
        vm.warp(T0 + 30 days);
        vm.expectRevert(abi.encodeWithSelector(ProductSale.SaleEnded.selector, T0 + 30 days));
        vm.prank(alice);
        sale.buy(pUpcoming, 1);
    }

    function test_buy_revertsWhenSoldOut() public {
        uint256 id = _smallProduct(5, 0);
        _buy(alice, id, 3);
        _buy(bob, id, 2);
        vm.expectRevert(ProductSale.SoldOut.selector);
        vm.prank(carol);
        sale.buy(id, 1);
    }

    function test_buy_revertsWhenExceedingSupply() public {
        uint256 id = _smallProduct(5, 0);
        _buy(alice, id, 3);
        vm.expectRevert(abi.encodeWithSelector(ProductSale.ExceedsSupply.selector, uint256(3), uint256(2)));
        vm.prank(bob);
        sale.buy(id, 3);
    }

    function test_buy_revertsWhenExceedingWalletCap() public {
        vm.expectRevert(abi.encodeWithSelector(ProductSale.ExceedsWalletCap.selector, uint256(21), uint256(20)));
        vm.prank(alice);
        sale.buy(pFil, 21);

        _buy(alice, pFil, 15);
        vm.expectRevert(abi.encodeWithSelector(ProductSale.ExceedsWalletCap.selector, uint256(6), uint256(5)));
        vm.prank(alice);
        sale.buy(pFil, 6);

        _buy(alice, pFil, 5);
        vm.expectRevert(abi.encodeWithSelector(ProductSale.ExceedsWalletCap.selector, uint256(1), uint256(0)));
        vm.prank(alice);
        sale.buy(pFil, 1);

        // the cap is per wallet
        _buy(bob, pFil, 20);
    }

    function test_buy_revertsWithoutAllowance() public {
        vm.prank(owner);
        usdt.mint(alice, 15e6);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(sale), 0, 15e6)
        );
        vm.prank(alice);
        sale.buy(pBtc, 1);
    }

    function test_buy_revertsWithoutBalance() public {
        vm.prank(alice);
        usdt.approve(address(sale), 15e6);
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, alice, 0, 15e6));
        vm.prank(alice);
        sale.buy(pBtc, 1);
    }

    function test_buy_oneNftPerPurchase() public {
        uint256 a = _buy(alice, pBtc, 1);
        uint256 b = _buy(alice, pBtc, 1);
        assertEq(b, a + 1);
        assertEq(nft.balanceOf(alice), 2);
        assertEq(sale.boughtBy(pBtc, alice), 2);
    }

    function test_buy_reentryFromReceiverIsBlocked() public {
        ReentrantBuyer attacker = new ReentrantBuyer(sale, pBtc);
        vm.prank(owner);
        usdt.mint(address(attacker), 30e6);
        // the nested buy fails in the guard; ERC721 bubbles the receiver's revert data up unchanged
        vm.expectRevert(ReentrancyGuard.ReentrancyGuardReentrantCall.selector);
        attacker.attack();
        assertEq(nft.totalSupply(), 0);
    }

    function test_buy_contractBuyerWithReceiverWorks() public {
        ReentrantBuyer buyer = new ReentrantBuyer(sale, pBtc);
        vm.prank(owner);
        usdt.mint(address(buyer), 15e6);
        buyer.buyOnce();
        assertEq(nft.ownerOf(1), address(buyer));
    }

    // ---------------------------------------------------------------- purchasable

    function test_purchasable_zeroOutsideSaleWindow() public {
        assertEq(sale.purchasable(pUpcoming, alice), 0);
        assertEq(sale.purchasable(pEnded, alice), 0);
        vm.warp(T0 + 7 days);
        assertEq(sale.purchasable(pUpcoming, alice), 10);
        vm.warp(T0 + 30 days);
        assertEq(sale.purchasable(pUpcoming, alice), 0);
    }

    function test_purchasable_isMinOfWalletRoomAndSupply() public {
        assertEq(sale.purchasable(pEtc, alice), 500); // no wallet cap
        assertEq(sale.purchasable(pFil, alice), 20); // wallet cap below supply
        _buy(alice, pFil, 12);
        assertEq(sale.purchasable(pFil, alice), 8);
        assertEq(sale.purchasable(pFil, bob), 20);

        uint256 id = _smallProduct(10, 8);
        _buy(alice, id, 8);
        assertEq(sale.purchasable(id, alice), 0);
        assertEq(sale.purchasable(id, bob), 2); // supply below wallet room
        _buy(bob, id, 2);
        assertEq(sale.purchasable(id, carol), 0);
    }

    function _smallProduct(uint64 supply, uint64 walletCap) internal returns (uint256 id) {
        vm.prank(owner);
        id = sale.addProduct(_product("tiny", BTC, 1, 175, 30, 1e6, supply, walletCap, T0, T0 + 10 days));
    }
}

contract ProductSalePermitTest is Base {
    bytes32 internal constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    function _sign(uint256 value, uint256 deadline) internal view returns (uint8 v, bytes32 r, bytes32 s) {
        bytes32 structHash =
            keccak256(abi.encode(PERMIT_TYPEHASH, alice, address(sale), value, usdt.nonces(alice), deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", usdt.DOMAIN_SEPARATOR(), structHash));
        return vm.sign(aliceKey, digest);
    }

    function test_buyWithPermit_signedPermitForExactCost() public {
        vm.prank(owner);
        usdt.mint(alice, 100e6);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _sign(60e6, deadline); // 4 units x 15 USDT

        vm.prank(alice);
        uint256 id = sale.buyWithPermit(pBtc, 4, deadline, v, r, s);

        assertEq(nft.ownerOf(id), alice);
        assertEq(usdt.balanceOf(treasury), 60e6);
        assertEq(usdt.balanceOf(alice), 40e6);
        assertEq(usdt.nonces(alice), 1);
        assertEq(usdt.allowance(alice, address(sale)), 0, "permit was for the exact cost");
    }

    function test_buyWithPermit_stillSucceedsWhenPermitWasFrontRun() public {
        vm.prank(owner);
        usdt.mint(alice, 100e6);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _sign(60e6, deadline);

        // someone copies the permit from the mempool and submits it first
        vm.prank(carol);
        usdt.permit(alice, address(sale), 60e6, deadline, v, r, s);
        assertEq(usdt.allowance(alice, address(sale)), 60e6);

        vm.prank(alice);
        uint256 id = sale.buyWithPermit(pBtc, 4, deadline, v, r, s);
        assertEq(nft.ownerOf(id), alice);
        assertEq(usdt.balanceOf(treasury), 60e6);
        assertEq(usdt.nonces(alice), 1);
    }

    function test_buyWithPermit_badPermitWithoutAllowanceReverts() public {
        vm.prank(owner);
        usdt.mint(alice, 100e6);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _sign(15e6, deadline); // signed for 1 unit, used for 4

        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(sale), 0, 60e6)
        );
        vm.prank(alice);
        sale.buyWithPermit(pBtc, 4, deadline, v, r, s);
    }

    function test_buyWithPermit_expiredPermitWithPriorApprovalSucceeds() public {
        vm.prank(owner);
        usdt.mint(alice, 100e6);
        vm.prank(alice);
        usdt.approve(address(sale), 15e6);
        (uint8 v, bytes32 r, bytes32 s) = _sign(15e6, block.timestamp - 1);
        vm.prank(alice);
        sale.buyWithPermit(pBtc, 1, block.timestamp - 1, v, r, s);
        assertEq(usdt.balanceOf(treasury), 15e6);
    }

    function test_buyWithPermit_unknownProductReverts() public {
        vm.expectRevert(abi.encodeWithSelector(ProductSale.UnknownProduct.selector, uint256(77)));
        vm.prank(alice);
        sale.buyWithPermit(77, 1, block.timestamp, 27, bytes32(0), bytes32(0));
    }

    function test_buyWithPermit_saleChecksStillApply() public {
        vm.prank(owner);
        usdt.mint(alice, 1000e6);
        (uint8 v, bytes32 r, bytes32 s) = _sign(840e6, block.timestamp + 1 hours);
        vm.expectRevert(abi.encodeWithSelector(ProductSale.ExceedsWalletCap.selector, uint256(21), uint256(20)));
        vm.prank(alice);
        sale.buyWithPermit(pFil, 21, block.timestamp + 1 hours, v, r, s);
    }
}

/// @dev A contract buyer; in attack mode it tries to buy again from inside onERC721Received.
contract ReentrantBuyer is IERC721Receiver {
    ProductSale internal immutable sale;
    uint256 internal immutable productId;
    bool internal reenter;

    constructor(ProductSale sale_, uint256 productId_) {
        sale = sale_;
        productId = productId_;
    }

    function buyOnce() external {
        sale.paymentToken().approve(address(sale), type(uint256).max);
        sale.buy(productId, 1);
    }

    function attack() external {
        reenter = true;
        sale.paymentToken().approve(address(sale), type(uint256).max);
        sale.buy(productId, 1);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        if (reenter) {
            reenter = false;
            sale.buy(productId, 1);
        }
        return IERC721Receiver.onERC721Received.selector;
    }
}
