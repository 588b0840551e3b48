// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {HashNFT} from "./HashNFT.sol";
import {Rewards} from "./Rewards.sol";
import {Guarded} from "./PauseGuard.sol";

/// @title ProductSale
/// @notice The product catalog and primary sale of hash power. A product fixes the coin, hashrate per unit,
/// efficiency, term and price per unit; the price includes electricity, and nothing is ever billed later.
/// A purchase of N units mints one NFT carrying N x the unit hashrate, earning from the next whole day
/// for `termDays` days.
contract ProductSale is Ownable2Step, ReentrancyGuard, Guarded {
    using SafeERC20 for IERC20;

    struct Product {
        string name;
        uint8 coin;
        /// hashrate of one unit, in the coin's unit (TH/s, MH/s, TiB)
        uint64 hashratePerUnit;
        /// watts per hashrate unit, x10 (175 = 17.5 W per TH/s)
        uint32 efficiencyWx10;
        uint32 termDays;
        /// stablecoin base units per unit, electricity included
        uint128 pricePerUnit;
        uint64 supplyCap;
        uint64 sold;
        /// most units one wallet may buy; 0 = no limit beyond supply
        uint64 perWalletCap;
        uint64 saleStart;
        uint64 saleEnd;
    }

    IERC20 public immutable paymentToken;
    HashNFT public immutable nft;
    Rewards public immutable rewards;
    address public treasury;
    Product[] private _products;
    mapping(uint256 => mapping(address => uint256)) public boughtBy;

    event ProductAdded(uint256 indexed productId, string name, uint8 coin, uint64 hashratePerUnit, uint128 pricePerUnit);
    event Purchased(
        uint256 indexed productId, address indexed buyer, uint256 indexed tokenId, uint256 units, uint256 paid
    );
    event TreasurySet(address treasury);

    error UnknownProduct(uint256 productId);
    error ZeroUnits();
    error SaleNotStarted(uint256 startsAt);
    error SaleEnded(uint256 endedAt);
    error SoldOut();
    /// @param available units still for sale
    error ExceedsSupply(uint256 requested, uint256 available);
    /// @param remaining units this wallet may still buy
    error ExceedsWalletCap(uint256 requested, uint256 remaining);
    error InvalidProduct(string reason);
    error ZeroAddress();

    constructor(IERC20 paymentToken_, HashNFT nft_, Rewards rewards_, address treasury_, address owner_)
        Ownable(owner_)
    {
        if (treasury_ == address(0)) revert ZeroAddress();
        paymentToken = paymentToken_;
        nft = nft_;
        rewards = rewards_;
        treasury = treasury_;
    }

    /// @notice Sets the PauseGuard consulted by `buy` (action BUY_PRODUCT = 2) and by MiningPools (timelock only).
    function setPauseGuard(address guard) external onlyOwner {
        _setPauseGuard(guard);
    }

    function setTreasury(address treasury_) external onlyOwner {
        if (treasury_ == address(0)) revert ZeroAddress();
        treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    /// @notice Adds a product. Its terms can never change afterwards.
    function addProduct(Product calldata p) external onlyOwner returns (uint256 productId) {
        if (p.hashratePerUnit == 0) revert InvalidProduct("hashrate is zero");
        if (p.termDays == 0 || p.termDays > 3650) revert InvalidProduct("term out of range");
        if (p.pricePerUnit == 0) revert InvalidProduct("price is zero");
        if (p.supplyCap == 0) revert InvalidProduct("supply is zero");
        if (p.saleEnd <= p.saleStart) revert InvalidProduct("sale window is empty");
        if (p.sold != 0) revert InvalidProduct("sold must start at zero");
        if (p.coin >= rewards.coinCount()) revert InvalidProduct("unknown coin");
        productId = _products.length;
        _products.push(p);
        emit ProductAdded(productId, p.name, p.coin, p.hashratePerUnit, p.pricePerUnit);
    }

    /// @notice Buys `units` of a product, paying units x price in the payment token (approved beforehand).
    function buy(uint256 productId, uint256 units) external nonReentrant returns (uint256 tokenId) {
        return _buy(productId, units);
    }

    /// @notice Same as `buy`, with an EIP-2612 permit for exactly the cost instead of a prior approval.
    /// A permit that was already used (e.g. front-run) is ignored when the allowance is in place anyway.
    function buyWithPermit(uint256 productId, uint256 units, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
        returns (uint256 tokenId)
    {
        uint256 cost = quote(productId, units);
        try IERC20Permit(address(paymentToken)).permit(msg.sender, address(this), cost, deadline, v, r, s) {} catch {}
        return _buy(productId, units);
    }

    function _buy(uint256 productId, uint256 units) internal returns (uint256 tokenId) {
        _whenNotPaused(2);
        Product storage p = _product(productId);
        if (units == 0) revert ZeroUnits();
        if (block.timestamp < p.saleStart) revert SaleNotStarted(p.saleStart);
        if (block.timestamp >= p.saleEnd) revert SaleEnded(p.saleEnd);
        uint256 available = p.supplyCap - p.sold;
        if (available == 0) revert SoldOut();
        if (units > available) revert ExceedsSupply(units, available);
        if (p.perWalletCap != 0) {
            uint256 remaining = p.perWalletCap - boughtBy[productId][msg.sender];
            if (units > remaining) revert ExceedsWalletCap(units, remaining);
        }
        uint256 cost = units * p.pricePerUnit;
        p.sold += SafeCast.toUint64(units);
        boughtBy[productId][msg.sender] += units;

        uint64 hashrate = SafeCast.toUint64(units * p.hashratePerUnit);
        uint256 startDay = rewards.currentDay() + 1;
        uint256 endDay = startDay + p.termDays;
        rewards.registerHashrate(p.coin, hashrate, SafeCast.toUint32(startDay), SafeCast.toUint32(endDay));
        paymentToken.safeTransferFrom(msg.sender, treasury, cost);
        tokenId = nft.mint(
            msg.sender,
            SafeCast.toUint32(productId),
            p.coin,
            hashrate,
            SafeCast.toUint64(rewards.dayStart(startDay)),
            SafeCast.toUint64(rewards.dayStart(endDay))
        );
        emit Purchased(productId, msg.sender, tokenId, units, cost);
    }

    // ---------------------------------------------------------------- views

    function quote(uint256 productId, uint256 units) public view returns (uint256) {
        return units * _product(productId).pricePerUnit;
    }

    function productCount() external view returns (uint256) {
        return _products.length;
    }

    function product(uint256 productId) external view returns (Product memory) {
        return _product(productId);
    }

    function products() external view returns (Product[] memory) {
        return _products;
    }

    /// @notice Units `account` can still buy now (0 outside the sale window).
    function purchasable(uint256 productId, address account) external view returns (uint256) {
        Product storage p = _product(productId);
        if (block.timestamp < p.saleStart || block.timestamp >= p.saleEnd) return 0;
        uint256 available = p.supplyCap - p.sold;
        if (p.perWalletCap == 0) return available;
        uint256 remaining = p.perWalletCap - boughtBy[productId][account];
        return remaining < available ? remaining : available;
    }

    function _product(uint256 productId) internal view returns (Product storage) {
        if (productId >= _products.length) revert UnknownProduct(productId);
        return _products[productId];
    }
}
