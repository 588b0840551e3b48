// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @notice A contract that takes claimed rewards on a holder's behalf in the same transaction
/// (e.g. term deposits: "claim and deposit"). It receives the tokens first, then this call.
interface IRewardsReceiver {
    function onRewardsClaimed(address holder, uint8 coin, uint256 amount, bytes calldata data) external;
}

interface IHashNFTView {
    function ownerOf(uint256 tokenId) external view returns (address);
    function positionOf(uint256 tokenId)
        external
        view
        returns (uint32 productId, uint8 coin, uint64 hashrate, uint64 start, uint64 end);
}

/// @title Rewards
/// @notice Daily mining output for hash-power NFTs.
/// Days are counted from `genesis` (a UTC midnight). After a day has ended, the operator posts that day's
/// output per hashrate unit for a coin and funds it in the coin's reward token in the same transaction:
/// the contract pulls exactly active hashrate x output, so every reward it owes is already in its balance.
/// An NFT accrues hashrate x output for every posted day inside its term. Accrual uses a cumulative
/// index per coin, so claiming costs the same after one day or after a year. Unclaimed rewards belong to
/// the token, so they travel with it: whoever owns the NFT when claiming receives them.
contract Rewards is Ownable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Output per hashrate unit is posted in reward-token base units times PRECISION.
    uint256 public constant PRECISION = 1e6;
    uint256 public constant DAY = 1 days;

    struct Coin {
        IERC20 token;
        address priceFeed;
        string symbol;
        string unit;
        /// days [0, postedDays) have output posted
        uint32 postedDays;
        /// hashrate that earns on day `postedDays` (before that day's changes are applied)
        uint128 activeHashrate;
        uint256 totalFunded;
        uint256 totalClaimed;
    }

    /// @notice Start of day 0.
    uint256 public immutable genesis;
    IHashNFTView public nft;
    Coin[] private _coins;
    mapping(address => bool) public isOperator;
    mapping(address => bool) public isRegistrar;
    /// coin => day => change of earning hashrate from that day on
    mapping(uint256 => mapping(uint256 => int256)) private _hashrateDelta;
    /// coin => day => sum of output per unit (x PRECISION) over the days before it
    mapping(uint256 => mapping(uint256 => uint256)) private _cumulative;
    /// tokenId => reward-token base units already paid out for it
    mapping(uint256 => uint256) public claimed;

    event CoinAdded(uint8 indexed coin, address token, address priceFeed, string symbol, string unit);
    event OperatorSet(address indexed account, bool allowed);
    event RegistrarSet(address indexed account, bool allowed);
    event HashrateRegistered(uint8 indexed coin, uint64 hashrate, uint32 startDay, uint32 endDay);
    event OutputPosted(uint8 indexed coin, uint32 indexed day, uint256 outputPerUnit, uint256 activeHashrate, uint256 funded);
    event Claimed(uint256 indexed tokenId, address indexed owner, uint8 indexed coin, uint256 amount);

    error NotOperator(address caller);
    error NotRegistrar(address caller);
    error NftAlreadySet();
    error UnknownCoin(uint256 coin);
    error EmptyTerm(uint256 startDay, uint256 endDay);
    error StartAlreadyPosted(uint256 startDay, uint256 postedDays);
    error DayNotOver(uint256 day, uint256 currentDay);
    error NothingToPost();
    error NotTokenOwner(uint256 tokenId, address caller);
    error NoTokens();
    error GenesisNotMidnight(uint256 genesis);
    error LookbackTooLong(uint256 lookbackDays, uint256 postedDays);
    error MixedCoins(uint256 expected, uint256 found);
    error NothingToClaim();

    constructor(uint256 genesis_, address owner_) Ownable(owner_) {
        if (genesis_ % DAY != 0) revert GenesisNotMidnight(genesis_);
        genesis = genesis_;
    }

    modifier onlyOperator() {
        if (!isOperator[msg.sender]) revert NotOperator(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- admin

    function setNft(address nft_) external onlyOwner {
        if (address(nft) != address(0)) revert NftAlreadySet();
        nft = IHashNFTView(nft_);
    }

    function setOperator(address account, bool allowed) external onlyOwner {
        isOperator[account] = allowed;
        emit OperatorSet(account, allowed);
    }

    function setRegistrar(address account, bool allowed) external onlyOwner {
        isRegistrar[account] = allowed;
        emit RegistrarSet(account, allowed);
    }

    function addCoin(IERC20 token, address priceFeed, string calldata symbol, string calldata unit)
        external
        onlyOwner
        returns (uint8 coin)
    {
        coin = SafeCast.toUint8(_coins.length);
        Coin storage c = _coins.push();
        c.token = token;
        c.priceFeed = priceFeed;
        c.symbol = symbol;
        c.unit = unit;
        emit CoinAdded(coin, address(token), priceFeed, symbol, unit);
    }

    // ---------------------------------------------------------------- clock

    function currentDay() public view returns (uint256) {
        return (block.timestamp - genesis) / DAY;
    }

    function dayStart(uint256 day) public view returns (uint256) {
        return genesis + day * DAY;
    }

    function dayOf(uint256 timestamp) public view returns (uint256) {
        return timestamp <= genesis ? 0 : (timestamp - genesis) / DAY;
    }

    // ---------------------------------------------------------------- registration and posting

    /// @notice Adds `hashrate` to a coin's earning hashrate for days [startDay, endDay).
    /// Called by the primary sale when it mints an NFT.
    function registerHashrate(uint8 coin, uint64 hashrate, uint32 startDay, uint32 endDay) external {
        if (!isRegistrar[msg.sender]) revert NotRegistrar(msg.sender);
        Coin storage c = _coin(coin);
        if (endDay <= startDay) revert EmptyTerm(startDay, endDay);
        if (startDay < c.postedDays) revert StartAlreadyPosted(startDay, c.postedDays);
        _hashrateDelta[coin][startDay] += int256(uint256(hashrate));
        _hashrateDelta[coin][endDay] -= int256(uint256(hashrate));
        emit HashrateRegistered(coin, hashrate, startDay, endDay);
    }

    /// @notice Posts the output per hashrate unit (x PRECISION) for the next `outputs.length` days of a coin,
    /// each of which must be over, and pulls the reward tokens that those days owe from the caller.
    function postOutput(uint8 coin, uint256[] calldata outputs) external onlyOperator nonReentrant returns (uint256 funded) {
        if (outputs.length == 0) revert NothingToPost();
        Coin storage c = _coin(coin);
        uint256 day = c.postedDays;
        uint256 today = currentDay();
        uint256 active = c.activeHashrate;
        uint256 cum = _cumulative[coin][day];
        for (uint256 i; i < outputs.length; ++i) {
            if (day >= today) revert DayNotOver(day, today);
            active = SafeCast.toUint256(SafeCast.toInt256(active) + _hashrateDelta[coin][day]);
            uint256 owed = _ceilDiv(active * outputs[i], PRECISION);
            funded += owed;
            cum += outputs[i];
            emit OutputPosted(coin, SafeCast.toUint32(day), outputs[i], active, owed);
            ++day;
            _cumulative[coin][day] = cum;
        }
        c.postedDays = SafeCast.toUint32(day);
        c.activeHashrate = SafeCast.toUint128(active);
        c.totalFunded += funded;
        if (funded > 0) c.token.safeTransferFrom(msg.sender, address(this), funded);
    }

    // ---------------------------------------------------------------- claiming

    /// @notice Pays the caller everything accrued and unclaimed on each of `tokenIds`, which the caller must own.
    function claim(uint256[] calldata tokenIds) external nonReentrant returns (uint256[] memory paidPerCoin) {
        paidPerCoin = _settle(tokenIds);
        for (uint256 k; k < paidPerCoin.length; ++k) {
            if (paidPerCoin[k] != 0) _coins[k].token.safeTransfer(msg.sender, paidPerCoin[k]);
        }
    }

    /// @notice Claims the caller's tokens, all mining `coin`, and hands the rewards to `receiver` in the same
    /// transaction, which then calls `receiver.onRewardsClaimed(caller, coin, amount, data)`.
    /// Used for "claim and deposit"; the receiver must credit the caller.
    function claimInto(uint256[] calldata tokenIds, uint8 coin, IRewardsReceiver receiver, bytes calldata data)
        external
        nonReentrant
        returns (uint256 amount)
    {
        _coin(coin); // reverts UnknownCoin
        uint256[] memory paid = _settle(tokenIds);
        for (uint256 k; k < paid.length; ++k) {
            if (k != coin && paid[k] != 0) revert MixedCoins(coin, k);
        }
        amount = paid[coin];
        if (amount == 0) revert NothingToClaim();
        _coins[coin].token.safeTransfer(address(receiver), amount);
        receiver.onRewardsClaimed(msg.sender, coin, amount, data);
    }

    /// Marks everything accrued on `tokenIds` (owned by the caller) as claimed; returns the amounts per coin.
    function _settle(uint256[] calldata tokenIds) private returns (uint256[] memory paidPerCoin) {
        if (tokenIds.length == 0) revert NoTokens();
        paidPerCoin = new uint256[](_coins.length);
        for (uint256 i; i < tokenIds.length; ++i) {
            uint256 id = tokenIds[i];
            if (nft.ownerOf(id) != msg.sender) revert NotTokenOwner(id, msg.sender);
            (uint8 coin, uint256 amount) = _accrued(id);
            if (amount == 0) continue;
            claimed[id] += amount;
            paidPerCoin[coin] += amount;
            emit Claimed(id, msg.sender, coin, amount);
        }
        for (uint256 k; k < paidPerCoin.length; ++k) {
            if (paidPerCoin[k] != 0) _coins[k].totalClaimed += paidPerCoin[k];
        }
    }

    // ---------------------------------------------------------------- views

    function coinCount() external view returns (uint256) {
        return _coins.length;
    }

    function coinInfo(uint256 coin) external view returns (Coin memory) {
        return _coin(coin);
    }

    function coins() external view returns (Coin[] memory) {
        return _coins;
    }

    function coinLabels(uint256 coin) external view returns (string memory symbol, string memory unit) {
        Coin storage c = _coin(coin);
        return (c.symbol, c.unit);
    }

    /// @notice Reward-token base units accrued and not yet claimed on a token.
    function accrued(uint256 tokenId) external view returns (uint256 amount) {
        (, amount) = _accrued(tokenId);
    }

    /// @notice For each token: unclaimed and claimed amounts, in one call.
    function balancesOf(uint256[] calldata tokenIds)
        external
        view
        returns (uint256[] memory unclaimed, uint256[] memory claimedSoFar)
    {
        unclaimed = new uint256[](tokenIds.length);
        claimedSoFar = new uint256[](tokenIds.length);
        for (uint256 i; i < tokenIds.length; ++i) {
            (, unclaimed[i]) = _accrued(tokenIds[i]);
            claimedSoFar[i] = claimed[tokenIds[i]];
        }
    }

    /// @notice Output per unit (x PRECISION) of each posted day in [fromDay, toDay), clipped to posted days.
    function outputHistory(uint8 coin, uint256 fromDay, uint256 toDay) external view returns (uint256[] memory out) {
        uint256 posted = _coin(coin).postedDays;
        if (toDay > posted) toDay = posted;
        if (fromDay >= toDay) return new uint256[](0);
        out = new uint256[](toDay - fromDay);
        for (uint256 d = fromDay; d < toDay; ++d) {
            out[d - fromDay] = _cumulative[coin][d + 1] - _cumulative[coin][d];
        }
    }

    /// @notice Average output per unit per day (x PRECISION) over the last `lookbackDays` posted days.
    function trailingAverage(uint8 coin, uint256 lookbackDays) public view returns (uint256) {
        uint256 posted = _coin(coin).postedDays;
        if (lookbackDays == 0 || lookbackDays > posted) revert LookbackTooLong(lookbackDays, posted);
        return (_cumulative[coin][posted] - _cumulative[coin][posted - lookbackDays]) / lookbackDays;
    }

    /// @notice Sum of output per unit (x PRECISION) over days before `day` (clipped to posted days).
    function cumulativeOutput(uint8 coin, uint256 day) public view returns (uint256) {
        uint256 posted = _coin(coin).postedDays;
        return _cumulative[coin][day < posted ? day : posted];
    }

    function _accrued(uint256 tokenId) internal view returns (uint8 coin, uint256 amount) {
        uint64 hashrate;
        uint64 start;
        uint64 end;
        (, coin, hashrate, start, end) = nft.positionOf(tokenId);
        uint256 startDay = dayOf(start);
        uint256 endDay = dayOf(end);
        uint256 earned = uint256(hashrate) * (cumulativeOutput(coin, endDay) - cumulativeOutput(coin, startDay)) / PRECISION;
        amount = earned - claimed[tokenId];
    }

    function _coin(uint256 coin) internal view returns (Coin storage) {
        if (coin >= _coins.length) revert UnknownCoin(coin);
        return _coins[coin];
    }

    function _ceilDiv(uint256 a, uint256 b) private pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }
}
