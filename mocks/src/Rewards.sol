// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
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
///
/// Operator output guard. Rewards pay exactly what is posted and funded. Appraisals (LoanPool) do not read
/// the posted figures directly but `appraisalAverage`, built from an "appraised" copy of every day: each day
/// of one post is clamped to within APPRAISAL_BAND_BPS (10%) of the appraisal average of the 7 posted days
/// before that post. So one post (however many days it covers) cannot move the appraisal of open loans by
/// more than about 10%, and a hostile operator can lower it at most by ~10% per real day. A zero output is
/// refused in `postOutput` (`ZeroOutput`): a day without output must be declared with `postOutage`, which
/// emits `OutageDeclared`, pays nothing, and is appraised at the band's floor (90% of the trailing appraisal
/// average): a long outage steps appraisals down 10% per post, as a run of poor days would.
contract Rewards is Ownable2Step, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice Output per hashrate unit is posted in reward-token base units times PRECISION.
    uint256 public constant PRECISION = 1e6;
    uint256 public constant DAY = 1 days;
    uint256 public constant BPS = 10_000;
    /// @notice How far one post may move a day's appraised output from the trailing appraisal average.
    uint256 public constant APPRAISAL_BAND_BPS = 1_000;
    /// @notice Days in the trailing appraisal average a post is clamped against.
    uint256 public constant APPRAISAL_LOOKBACK = 7;

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
    /// coin => day => sum of appraised output per unit (x PRECISION) over the days before it
    mapping(uint256 => mapping(uint256 => uint256)) private _appraisalCumulative;
    /// @notice coin => day => declared as an outage (no output)
    mapping(uint256 => mapping(uint256 => bool)) public isOutage;

    /// @notice Rewards of the days before `untilDay` belong to `holder` (a borrower whose loan released the NFT
    /// to someone else), whenever they are posted. `paid` is the part of `claimed` that counts against them.
    struct Lien {
        address holder;
        uint32 untilDay;
        uint256 paid;
    }

    mapping(uint256 tokenId => Lien) private _liens;
    /// @notice May set liens (the loan pool).
    mapping(address => bool) public isLienSetter;

    event CoinAdded(uint8 indexed coin, address token, address priceFeed, string symbol, string unit);
    event OperatorSet(address indexed account, bool allowed);
    event RegistrarSet(address indexed account, bool allowed);
    event HashrateRegistered(uint8 indexed coin, uint64 hashrate, uint32 startDay, uint32 endDay);
    event OutputPosted(uint8 indexed coin, uint32 indexed day, uint256 outputPerUnit, uint256 activeHashrate, uint256 funded);
    event Claimed(uint256 indexed tokenId, address indexed owner, uint8 indexed coin, uint256 amount);
    /// @notice The operator declared `day` an outage for `coin`: no output, nothing paid.
    event OutageDeclared(uint8 indexed coin, uint32 indexed day, address indexed operator);
    /// @notice A posted day counts for appraisals as `appraised` instead of `posted` (outside the band).
    event AppraisalCapped(uint8 indexed coin, uint32 indexed day, uint256 posted, uint256 appraised);
    event LienSetterSet(address indexed account, bool allowed);
    /// @notice Rewards of `tokenId` for days before `untilDay` belong to `holder`.
    event LienSet(uint256 indexed tokenId, address indexed holder, uint32 untilDay);
    event LienPaid(uint256 indexed tokenId, address indexed holder, uint8 indexed coin, uint256 amount);

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
    /// @notice A zero output must be declared with `postOutage`.
    error ZeroOutput(uint256 day);
    error NotLienSetter(address caller);

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

    function setLienSetter(address account, bool allowed) external onlyOwner {
        isLienSetter[account] = allowed;
        emit LienSetterSet(account, allowed);
    }

    /// @notice Gives the rewards of `tokenIds` for days before `untilDay` to `holder` (lien setter only: the
    /// loan pool, when a loan's NFTs go to an auction winner or the treasury). What an earlier lien is owed
    /// is paid out first.
    function setLien(uint256[] calldata tokenIds, uint32 untilDay, address holder) external nonReentrant {
        if (!isLienSetter[msg.sender]) revert NotLienSetter(msg.sender);
        for (uint256 i; i < tokenIds.length; ++i) {
            uint256 id = tokenIds[i];
            _payLien(id);
            _liens[id] = Lien(holder, untilDay, claimed[id]);
            emit LienSet(id, holder, untilDay);
        }
    }

    /// @notice Pays each token's lien holder what it is owed (anyone may call).
    function claimLien(uint256[] calldata tokenIds) external nonReentrant {
        for (uint256 i; i < tokenIds.length; ++i) _payLien(tokenIds[i]);
    }

    /// @notice A token's lien: holder, first day no longer theirs, and what is posted and unpaid.
    function lienOf(uint256 tokenId) external view returns (address holder, uint32 untilDay, uint256 owed) {
        Lien memory l = _liens[tokenId];
        (, owed) = _lienOwed(tokenId, l);
        return (l.holder, l.untilDay, owed);
    }

    /// @notice Whether the token has a lien with days not posted yet.
    function lienPending(uint256 tokenId) external view returns (bool) {
        Lien memory l = _liens[tokenId];
        if (l.holder == address(0)) return false;
        (, uint8 coin,,, uint64 end) = nft.positionOf(tokenId);
        uint256 last = dayOf(end);
        return _coins[coin].postedDays < (l.untilDay < last ? l.untilDay : last);
    }

    function _payLien(uint256 id) private {
        Lien storage l = _liens[id];
        (uint8 coin, uint256 owed) = _lienOwed(id, l);
        if (owed == 0) return;
        l.paid += owed;
        claimed[id] += owed;
        _coins[coin].totalClaimed += owed;
        _coins[coin].token.safeTransfer(l.holder, owed);
        emit LienPaid(id, l.holder, coin, owed);
    }

    /// Earned on days [start, min(day, end)) of a token.
    function _earnedBefore(uint256 tokenId, uint256 day) private view returns (uint8 coin, uint256) {
        (, uint8 c, uint64 hashrate, uint64 start, uint64 end) = nft.positionOf(tokenId);
        uint256 startDay = dayOf(start);
        uint256 endDay = dayOf(end);
        if (day > endDay) day = endDay;
        if (day <= startDay) return (c, 0);
        return (c, uint256(hashrate) * (cumulativeOutput(c, day) - cumulativeOutput(c, startDay)) / PRECISION);
    }

    function _lienOwed(uint256 tokenId, Lien memory l) private view returns (uint8 coin, uint256 owed) {
        if (l.holder == address(0)) return (0, 0);
        uint256 earned;
        (coin, earned) = _earnedBefore(tokenId, l.untilDay);
        owed = earned > l.paid ? earned - l.paid : 0;
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
    /// Every output must be non-zero (a day without output is an outage: `postOutage`).
    function postOutput(uint8 coin, uint256[] calldata outputs) external onlyOperator nonReentrant returns (uint256 funded) {
        if (outputs.length == 0) revert NothingToPost();
        return _post(coin, outputs, false);
    }

    /// @notice Declares the next `count` unposted days of a coin (each over) outages: zero output, nothing paid,
    /// one `OutageDeclared` per day; appraisals count each at the band's floor (see the contract notes).
    function postOutage(uint8 coin, uint256 count) external onlyOperator nonReentrant {
        if (count == 0) revert NothingToPost();
        _post(coin, new uint256[](count), true);
    }

    /// Running state of one post (a struct keeps the loop within the stack).
    struct PostState {
        uint256 day;
        uint256 today;
        uint256 active;
        uint256 cum;
        uint256 appraisalCum;
        uint256 ref;
    }

    function _post(uint8 coin, uint256[] memory outputs, bool outage) private returns (uint256 funded) {
        Coin storage c = _coin(coin);
        PostState memory st;
        st.day = c.postedDays;
        st.today = currentDay();
        st.active = c.activeHashrate;
        st.cum = _cumulative[coin][st.day];
        st.appraisalCum = _appraisalCumulative[coin][st.day];
        // the band every day of this post is clamped to, around the appraisal average before it
        if (st.day != 0) {
            st.ref = appraisalAverage(coin, st.day < APPRAISAL_LOOKBACK ? st.day : APPRAISAL_LOOKBACK);
        }
        for (uint256 i; i < outputs.length; ++i) {
            if (st.day >= st.today) revert DayNotOver(st.day, st.today);
            uint256 out = outputs[i];
            if (out == 0 && !outage) revert ZeroOutput(st.day);
            st.active = SafeCast.toUint256(SafeCast.toInt256(st.active) + _hashrateDelta[coin][st.day]);
            uint256 owed = _ceilDiv(st.active * out, PRECISION);
            funded += owed;
            st.cum += out;
            uint256 appraised = _appraised(out, outage, st.ref);
            st.appraisalCum += appraised;
            uint32 day32 = SafeCast.toUint32(st.day);
            if (outage) {
                isOutage[coin][st.day] = true;
                emit OutageDeclared(coin, day32, msg.sender);
            } else if (appraised != out) {
                emit AppraisalCapped(coin, day32, out, appraised);
            }
            emit OutputPosted(coin, day32, out, st.active, owed);
            ++st.day;
            _cumulative[coin][st.day] = st.cum;
            _appraisalCumulative[coin][st.day] = st.appraisalCum;
        }
        uint256 day = st.day;
        uint256 active = st.active;
        c.postedDays = SafeCast.toUint32(day);
        c.activeHashrate = SafeCast.toUint128(active);
        c.totalFunded += funded;
        if (funded > 0) c.token.safeTransferFrom(msg.sender, address(this), funded);
    }

    /// A day's output as appraisals count it: within APPRAISAL_BAND_BPS of `ref` (unless there is no history);
    /// an outage at the band's floor.
    function _appraised(uint256 out, bool outage, uint256 ref) private pure returns (uint256) {
        if (ref == 0) return out;
        uint256 low = ref * (BPS - APPRAISAL_BAND_BPS) / BPS;
        uint256 high = ref * (BPS + APPRAISAL_BAND_BPS) / BPS;
        if (outage || out < low) return low;
        return out > high ? high : out;
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

    /// @notice A coin's reward token and posted days (compact: callers need not decode the labels).
    function coinToken(uint256 coin) external view returns (IERC20 token, uint256 postedDays) {
        Coin storage c = _coin(coin);
        return (c.token, c.postedDays);
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

    /// @notice Average appraised output per unit per day (x PRECISION) over the last `lookbackDays` posted days:
    /// what LoanPool appraises with (posted output clamped by the operator output guard; outages at its floor).
    function appraisalAverage(uint8 coin, uint256 lookbackDays) public view returns (uint256) {
        uint256 posted = _coin(coin).postedDays;
        if (lookbackDays == 0 || lookbackDays > posted) revert LookbackTooLong(lookbackDays, posted);
        return (_appraisalCumulative[coin][posted] - _appraisalCumulative[coin][posted - lookbackDays]) / lookbackDays;
    }

    /// @notice Sum of output per unit (x PRECISION) over days before `day` (clipped to posted days).
    function cumulativeOutput(uint8 coin, uint256 day) public view returns (uint256) {
        uint256 posted = _coin(coin).postedDays;
        return _cumulative[coin][day < posted ? day : posted];
    }

    /// What the token's owner may claim: everything earned and unclaimed, less the days a lien keeps for an
    /// earlier borrower.
    function _accrued(uint256 tokenId) internal view returns (uint8 coin, uint256 amount) {
        uint256 earned;
        (coin, earned) = _earnedBefore(tokenId, type(uint256).max);
        // one storage read for a token without a lien (the common case)
        if (_liens[tokenId].holder == address(0)) return (coin, earned - claimed[tokenId]);
        Lien memory l = _liens[tokenId];
        (, uint256 lienDays) = _earnedBefore(tokenId, l.untilDay);
        // the owner's days, less the owner's claims (claimed - paid to the lien)
        uint256 ownerClaimed = claimed[tokenId] - l.paid;
        uint256 ownerEarned = earned - lienDays;
        amount = ownerEarned > ownerClaimed ? ownerEarned - ownerClaimed : 0;
    }

    function _coin(uint256 coin) internal view returns (Coin storage) {
        if (coin >= _coins.length) revert UnknownCoin(coin);
        return _coins[coin];
    }

    function _ceilDiv(uint256 a, uint256 b) private pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }
}
