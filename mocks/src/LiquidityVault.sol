// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @notice What the vault needs from the loan pool that borrows from it.
interface ILoanPoolDebt {
    /// @notice Everything borrowers owe the vault right now: principal plus accrued interest.
    function totalDebt() external view returns (uint256);
    /// @notice Brings the pool's borrow index up to date (called before the vault's cash changes).
    function accrueInterest() external;
    /// @notice Borrow rate per year, 1e18 = 100%.
    function borrowRate() external view returns (uint256);
    /// @notice Rate lenders earn per year on the vault's assets, 1e18 = 100%.
    function supplyRate() external view returns (uint256);
    /// @notice What impaired loans' NFTs cover above the value counted in `totalDebt` (capped at their debt).
    function totalUpside() external view returns (uint256);
}

/// @title LiquidityVault
/// @notice An ERC-4626 vault over the USDT stablecoin. Lenders deposit; the loan pool (set once by the owner)
/// borrows the vault's idle cash and pays it back with interest.
///
/// Accounting: `totalAssets() = idle USDT held here + loanPool.totalDebt()` (principal plus interest accrued
/// up to this second). Interest therefore raises the share price continuously, and a repayment only swaps
/// debt for cash without moving it.
///
/// Entry price: a new deposit (or mint) is priced against `entryAssets() = totalAssets() + the pool's
/// totalUpside()`: what impaired loans' NFTs cover above the value the vault counts them at. The share price
/// (`convertToAssets`, withdrawals, redemptions) leaves that out until cash comes in, so it never rises on a
/// loan under water; the entry price keeps a depositor from buying the lenders' recovery at the marked-down
/// price. The two are equal whenever no impaired loan has recovered.
///
/// Liquidity: lenders can only take out idle cash. `maxWithdraw` and `maxRedeem` are capped at it, so they
/// never promise more than the vault holds; asking for more reverts with the standard
/// `ERC4626ExceededMaxWithdraw` / `ERC4626ExceededMaxRedeem` error.
///
/// Inflation attack: shares carry `DECIMALS_OFFSET` = 6 extra decimals (virtual shares and one virtual asset,
/// OpenZeppelin's mitigation), so a first depositor who donates to skew the price loses about a million
/// times more than they could take from the next depositor.
contract LiquidityVault is ERC4626, Ownable2Step, ReentrancyGuard {
    using SafeERC20 for IERC20;

    uint8 public constant DECIMALS_OFFSET = 6;
    uint256 private constant BPS = 10_000;

    /// @notice The only account allowed to borrow from the vault. Set once.
    ILoanPoolDebt public loanPool;

    /// @notice Everything a page needs about the vault in one call.
    struct VaultStats {
        uint256 totalAssets;
        uint256 totalSupply;
        uint256 idleCash;
        uint256 totalBorrowed;
        uint256 utilizationBps;
        /// USDT base units per whole share (10 ** decimals() share units)
        uint256 sharePrice;
        /// per year, 1e18 = 100%
        uint256 borrowRate;
        /// per year, 1e18 = 100%
        uint256 supplyRate;
        /// USDT base units a new deposit pays per whole share (>= sharePrice)
        uint256 entrySharePrice;
        /// what impaired loans' NFTs cover above their count, priced into deposits only
        uint256 upside;
    }

    event LoanPoolSet(address indexed loanPool);
    event Lent(address indexed to, uint256 amount);
    event RepaymentReceived(uint256 amount);

    error LoanPoolAlreadySet();
    error ZeroAddress();
    error NotLoanPool(address caller);
    error InsufficientLiquidity(uint256 available, uint256 requested);

    constructor(IERC20 usdt, address owner_) ERC4626(usdt) ERC20("Hashmint USDT Liquidity", "hmUSDT") Ownable(owner_) {}

    modifier onlyLoanPool() {
        if (msg.sender != address(loanPool)) revert NotLoanPool(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- admin

    /// @notice Sets the loan pool, once.
    function setLoanPool(address pool) external onlyOwner {
        if (pool == address(0)) revert ZeroAddress();
        if (address(loanPool) != address(0)) revert LoanPoolAlreadySet();
        loanPool = ILoanPoolDebt(pool);
        emit LoanPoolSet(pool);
    }

    // ---------------------------------------------------------------- pool hooks

    /// @notice Sends `amount` of idle cash to `to` (a borrower). The pool records the debt in the same call.
    function lend(address to, uint256 amount) external onlyLoanPool nonReentrant {
        uint256 idle = idleCash();
        if (amount > idle) revert InsufficientLiquidity(idle, amount);
        IERC20(asset()).safeTransfer(to, amount);
        emit Lent(to, amount);
    }

    /// @notice Called by the pool after it moved `amount` of repaid USDT here (payer -> vault `transferFrom`).
    /// Bookkeeping only: the pool has already reduced its debt by the same amount.
    function onRepaid(uint256 amount) external onlyLoanPool {
        emit RepaymentReceived(amount);
    }

    // ---------------------------------------------------------------- ERC-4626

    /// @notice Idle USDT plus everything the loan pool owes (principal and interest accrued to this second).
    function totalAssets() public view override returns (uint256) {
        return idleCash() + totalBorrowed();
    }

    /// @notice What new deposits are priced against: the assets plus the impaired loans' upside.
    function entryAssets() public view returns (uint256) {
        return totalAssets() + _upside();
    }

    /// @notice Shares a deposit of `assets` mints now: at the entry price (rounded down).
    function previewDeposit(uint256 assets) public view override returns (uint256) {
        return Math.mulDiv(assets, totalSupply() + 10 ** _decimalsOffset(), entryAssets() + 1, Math.Rounding.Floor);
    }

    /// @notice Assets a mint of `shares` takes now: at the entry price (rounded up).
    function previewMint(uint256 shares) public view override returns (uint256) {
        return Math.mulDiv(shares, entryAssets() + 1, totalSupply() + 10 ** _decimalsOffset(), Math.Rounding.Ceil);
    }

    /// @notice Owner's shares' value, capped at the idle cash the vault can actually pay out now.
    function maxWithdraw(address owner_) public view override returns (uint256) {
        return Math.min(_convertToAssets(balanceOf(owner_), Math.Rounding.Floor), idleCash());
    }

    /// @notice Owner's shares, capped at the shares whose value the idle cash can pay out now.
    function maxRedeem(address owner_) public view override returns (uint256) {
        return Math.min(balanceOf(owner_), _convertToShares(idleCash(), Math.Rounding.Floor));
    }

    function _decimalsOffset() internal pure override returns (uint8) {
        return DECIMALS_OFFSET;
    }

    /// Interest up to now accrues at the utilisation before the cash changes.
    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override nonReentrant {
        _accrue();
        super._deposit(caller, receiver, assets, shares);
    }

    function _withdraw(address caller, address receiver, address owner_, uint256 assets, uint256 shares)
        internal
        override
        nonReentrant
    {
        _accrue();
        super._withdraw(caller, receiver, owner_, assets, shares);
    }

    function _accrue() private {
        if (address(loanPool) != address(0)) loanPool.accrueInterest();
    }

    // ---------------------------------------------------------------- views

    /// @notice USDT held by the vault and available to lend or withdraw.
    function idleCash() public view returns (uint256) {
        return IERC20(asset()).balanceOf(address(this));
    }

    function _upside() private view returns (uint256) {
        return address(loanPool) == address(0) ? 0 : loanPool.totalUpside();
    }

    /// @notice What the loan pool owes the vault right now (principal plus accrued interest).
    function totalBorrowed() public view returns (uint256) {
        return address(loanPool) == address(0) ? 0 : loanPool.totalDebt();
    }

    /// @notice Share of the vault's assets that is lent out, in basis points.
    function utilizationBps() public view returns (uint256) {
        uint256 borrowed = totalBorrowed();
        uint256 total = idleCash() + borrowed;
        return total == 0 ? 0 : borrowed * BPS / total;
    }

    function stats() external view returns (VaultStats memory s) {
        s.idleCash = idleCash();
        s.totalBorrowed = totalBorrowed();
        s.totalAssets = s.idleCash + s.totalBorrowed;
        s.totalSupply = totalSupply();
        s.utilizationBps = s.totalAssets == 0 ? 0 : s.totalBorrowed * BPS / s.totalAssets;
        s.sharePrice = convertToAssets(10 ** decimals());
        s.upside = _upside();
        s.entrySharePrice = Math.mulDiv(10 ** decimals(), s.totalAssets + s.upside + 1, s.totalSupply + 10 ** _decimalsOffset());
        if (address(loanPool) != address(0)) {
            s.borrowRate = loanPool.borrowRate();
            s.supplyRate = loanPool.supplyRate();
        }
    }
}
