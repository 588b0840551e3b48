// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Guarded} from "./PauseGuard.sol";
import {Rewards} from "./Rewards.sol";

/// @notice The part of HashNFT the marketplace reads to describe a listing in its events.
interface IHashPosition {
    function positionOf(uint256 tokenId)
        external
        view
        returns (uint32 productId, uint8 coin, uint64 hashrate, uint64 start, uint64 end);
    /// moves of a token between accounts; a listing or token offer is void once it changes
    function transferCount(uint256 tokenId) external view returns (uint64);
    /// whole days left in the token's term at `timestamp`
    function remainingDays(uint256 tokenId, uint256 timestamp) external view returns (uint256);
    /// the Rewards contract (it also labels the coins)
    function coinInfo() external view returns (address);
}

/// @title Marketplace
/// @notice Non-custodial fixed-price listings of hash-power NFTs, paid in the payment stablecoin.
/// The seller keeps the NFT until it sells: listing only needs the marketplace to be approved for the token
/// (`approve` or `setApprovalForAll`). A sale pulls exactly the listing price from the buyer, sends the
/// protocol fee to the treasury and the rest to the seller, and moves the NFT from seller to buyer, all in
/// one transaction; the marketplace never holds tokens between transactions.
///
/// A listing can be bought only while it is `Active`: not sold, not cancelled (one by one, by relisting the
/// token, or all at once by `cancelAll`), not expired, its seller still owns the NFT and the marketplace is
/// still approved. `status` says which of these fails. A listing records the token's `transferCount`: once
/// the token leaves the seller the listing is `OwnerChanged` for good, and it does not come back to life if
/// the token returns (e.g. after a repaid loan). Listing the token again, by anyone, cancels its previous
/// listing, so a token has at most one open listing.
///
/// What the buyer pays for does not change after they decide: the hash power from now on, never the rewards
/// already earned. Every sale (a listing, an accepted offer, a sweep) pays the rewards accrued and unclaimed
/// on the NFT to its seller inside the same transaction, and the buyer receives the NFT with none unclaimed.
/// So a seller gains nothing by claiming before (or front-running) a sale, and a price is for the same thing
/// whenever it is paid.
///
/// Offers (see "offers" below) are escrowed: the USDT is held by the marketplace from the moment an offer is
/// made until it is accepted, cancelled or reclaimed, so an open offer is always fillable. `totalEscrowed`
/// equals the sum of `escrow` over all offers, and the marketplace's USDT balance equals it.
///
/// Fees: `feeBps` (at most `MAX_FEE_BPS` = 5%) is recorded in each listing when it is created. A sale
/// charges the lower of the recorded and the current rate, so a later fee increase never reduces what a
/// seller was shown, and a decrease benefits existing listings at once.
/// Governance: the owner is the DAO's timelock (fee and treasury); the guardian can pause new listings
/// (PauseGuard action LIST = 1) and purchases (BUY_LISTING = 3); cancelling and price updates never pause.
contract Marketplace is Ownable2Step, ReentrancyGuard, Guarded {
    using SafeERC20 for IERC20;

    /// @notice What is stored for a listing. `Open` listings may still be invalid: see `Status`.
    enum State {
        None,
        Open,
        Sold,
        Cancelled
    }

    /// @notice Whether a listing can be bought now, and if not, why.
    enum Status {
        /// can be bought
        Active,
        /// bought; final
        Sold,
        /// cancelled by the seller, replaced by a new listing of the token, or cancelled by `cancelAll`; final
        Cancelled,
        /// past `expiresAt`; final
        Expired,
        /// the NFT has left the seller since it was listed; final (it does not revive if the NFT comes back)
        OwnerChanged,
        /// the seller has revoked the marketplace's approval (active again if re-approved before expiry)
        NotApproved
    }

    struct Listing {
        address seller;
        uint256 tokenId;
        /// payment-token base units the buyer pays
        uint256 price;
        /// the listing can be bought while block.timestamp < expiresAt
        uint64 expiresAt;
        uint64 createdAt;
        /// the seller's `counterOf` when the listing was created; the listing is void once it changes
        uint64 counter;
        State state;
        /// protocol fee rate when the listing was created; a sale charges min(this, current feeBps)
        uint16 feeBps;
        /// the token's `transferCount` when listed; the listing is void once it changes
        uint64 moves;
    }

    /// @notice A listing with what the NFT is (from HashNFT), so a page can show it without reading events.
    struct ListingView {
        uint256 id;
        Listing listing;
        uint32 productId;
        uint8 coin;
        uint64 hashrate;
        /// end of the NFT's term (unix seconds)
        uint64 termEnd;
    }

    uint256 public constant BPS = 10_000;
    /// @notice Upper bound of the protocol fee: 5%.
    uint16 public constant MAX_FEE_BPS = 500;
    /// @notice Listing duration used when `list` is called with duration 0.
    uint64 public constant DEFAULT_DURATION = 30 days;
    uint64 public constant MAX_DURATION = 180 days;

    IERC20 public immutable paymentToken;
    IERC721 public immutable nft;
    /// @notice The rewards contract of `nft`; a sale pays the seller what the NFT has accrued there.
    Rewards public immutable rewards;
    address public treasury;
    /// @notice Fee rate for new listings, in basis points of the price.
    uint16 public feeBps;
    /// @notice Bumped by `cancelAll`; listings are valid only while their `counter` equals it.
    mapping(address seller => uint64) public counterOf;
    /// @notice Id of the latest listing created for a token (0 if never listed). Check its status.
    mapping(uint256 tokenId => uint256) public listingOfToken;

    /// ids 1..listingCount
    mapping(uint256 listingId => Listing) private _listings;
    uint256 private _listingCount;

    event Listed(
        uint256 indexed listingId,
        address indexed seller,
        uint256 indexed tokenId,
        uint256 price,
        uint64 expiresAt,
        uint32 productId,
        uint8 coin,
        uint64 hashrate
    );
    event PriceUpdated(uint256 indexed listingId, uint256 oldPrice, uint256 newPrice);
    event Cancelled(uint256 indexed listingId, address indexed seller);
    event AllCancelled(address indexed seller, uint64 newCounter);
    event Sold(
        uint256 indexed listingId,
        address indexed seller,
        address indexed buyer,
        uint256 tokenId,
        uint256 price,
        uint256 fee,
        uint32 productId
    );
    event FeeUpdated(uint16 oldBps, uint16 newBps);
    event TreasuryUpdated(address indexed oldTreasury, address indexed newTreasury);

    error ZeroAddress();
    error FeeTooHigh(uint256 bps, uint256 max);
    error ZeroPrice();
    error DurationTooLong(uint256 duration, uint256 max);
    /// @param owner current owner of the token, address(0) if it does not exist
    error NotTokenOwner(uint256 tokenId, address caller, address owner);
    /// @param owner the account whose approval is missing (the lister, or the listing's seller)
    error MarketplaceNotApproved(uint256 tokenId, address owner);
    error UnknownListing(uint256 listingId);
    /// @notice The listing is `Sold` or `Cancelled`.
    error InvalidListing(Status status);
    error ListingExpired(uint256 expiresAt);
    /// @param owner current owner of the token
    error SellerNoLongerOwner(address seller, address owner);
    error NotSeller(address caller, address seller);
    error PriceAboveMax(uint256 price, uint256 maxPrice);
    error BuyerIsSeller();

    /// @param payment_ the stablecoin prices are paid in
    /// @param nft_ the HashNFT contract
    /// @param treasury_ receives the protocol fees
    /// @param feeBps_ initial fee rate in basis points (deploy uses 250), at most MAX_FEE_BPS
    /// @param owner_ may change the fee rate and the treasury
    constructor(IERC20 payment_, IERC721 nft_, address treasury_, uint16 feeBps_, address owner_) Ownable(owner_) {
        if (address(payment_) == address(0) || address(nft_) == address(0) || treasury_ == address(0)) {
            revert ZeroAddress();
        }
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_, MAX_FEE_BPS);
        paymentToken = payment_;
        nft = nft_;
        rewards = Rewards(IHashPosition(address(nft_)).coinInfo());
        treasury = treasury_;
        feeBps = feeBps_;
        emit TreasuryUpdated(address(0), treasury_);
        emit FeeUpdated(0, feeBps_);
    }

    // ---------------------------------------------------------------- admin

    /// @notice Sets the fee rate for new listings (existing listings pay min(their rate, this one)).
    function setFeeBps(uint16 bps) external onlyOwner {
        if (bps > MAX_FEE_BPS) revert FeeTooHigh(bps, MAX_FEE_BPS);
        emit FeeUpdated(feeBps, bps);
        feeBps = bps;
    }

    /// @notice Sets the PauseGuard consulted by `list` and `buy` (timelock only).
    function setPauseGuard(address guard) external onlyOwner {
        _setPauseGuard(guard);
    }

    function setTreasury(address treasury_) external onlyOwner {
        if (treasury_ == address(0)) revert ZeroAddress();
        emit TreasuryUpdated(treasury, treasury_);
        treasury = treasury_;
    }

    // ---------------------------------------------------------------- seller

    /// @notice Lists a token the caller owns at a fixed price. The marketplace must already be approved for
    /// it (`nft.approve(marketplace, tokenId)` or `nft.setApprovalForAll(marketplace, true)`); the NFT stays
    /// with the caller. Any earlier listing of the token is cancelled.
    /// @param price what the buyer pays, in payment-token base units (the fee comes out of it)
    /// @param duration seconds the listing stays valid; 0 means DEFAULT_DURATION (30 days), at most 180 days
    function list(uint256 tokenId, uint256 price, uint64 duration) external nonReentrant returns (uint256 listingId) {
        _whenNotPaused(1);
        listingId = _list(tokenId, price, duration);
    }

    function _list(uint256 tokenId, uint256 price, uint64 duration) private returns (uint256 listingId) {
        if (price == 0) revert ZeroPrice();
        if (duration == 0) duration = DEFAULT_DURATION;
        else if (duration > MAX_DURATION) revert DurationTooLong(duration, MAX_DURATION);
        address owner_ = _ownerOf(tokenId);
        if (owner_ != msg.sender) revert NotTokenOwner(tokenId, msg.sender, owner_);
        if (!_isApproved(tokenId, msg.sender)) revert MarketplaceNotApproved(tokenId, msg.sender);
        (uint32 productId, uint8 coin, uint64 hashrate,,) = IHashPosition(address(nft)).positionOf(tokenId);

        uint256 previous = listingOfToken[tokenId];
        if (previous != 0 && _listings[previous].state == State.Open) {
            _listings[previous].state = State.Cancelled;
            emit Cancelled(previous, _listings[previous].seller);
        }

        listingId = ++_listingCount;
        uint64 expiresAt = SafeCast.toUint64(block.timestamp + duration);
        _listings[listingId] = Listing({
            seller: msg.sender,
            tokenId: tokenId,
            price: price,
            expiresAt: expiresAt,
            createdAt: SafeCast.toUint64(block.timestamp),
            counter: counterOf[msg.sender],
            state: State.Open,
            feeBps: feeBps,
            moves: IHashPosition(address(nft)).transferCount(tokenId)
        });
        listingOfToken[tokenId] = listingId;
        emit Listed(listingId, msg.sender, tokenId, price, expiresAt, productId, coin, hashrate);
    }

    /// @notice Changes the price of one of the caller's listings; it must still be `Active`.
    /// A buyer's `maxPrice` protects them from a raise that lands before their purchase.
    function updatePrice(uint256 listingId, uint256 newPrice) external nonReentrant {
        Listing storage l = _existing(listingId);
        if (msg.sender != l.seller) revert NotSeller(msg.sender, l.seller);
        if (newPrice == 0) revert ZeroPrice();
        _requireActive(l);
        emit PriceUpdated(listingId, l.price, newPrice);
        l.price = newPrice;
    }

    /// @notice Cancels one of the caller's listings. Allowed while it is neither sold nor cancelled, also when
    /// it is expired or temporarily invalid (so that it cannot become active again).
    function cancel(uint256 listingId) external nonReentrant {
        Listing storage l = _existing(listingId);
        if (msg.sender != l.seller) revert NotSeller(msg.sender, l.seller);
        Status s = _status(l);
        if (s == Status.Sold || s == Status.Cancelled) revert InvalidListing(s);
        l.state = State.Cancelled;
        emit Cancelled(listingId, msg.sender);
    }

    /// @notice Cancels every listing the caller has created so far, in one transaction of constant cost.
    /// @return newCounter the caller's new counter; only listings created from now on are valid
    function cancelAll() external nonReentrant returns (uint64 newCounter) {
        newCounter = ++counterOf[msg.sender];
        emit AllCancelled(msg.sender, newCounter);
    }

    // ---------------------------------------------------------------- buyer

    /// @notice Buys an `Active` listing. The caller must have approved the marketplace for at least the price
    /// in the payment token, and pays exactly the current price, which must not exceed `maxPrice`.
    /// The NFT is sent with `safeTransferFrom`: a contract buyer that cannot handle ERC-721 tokens makes the
    /// purchase revert (paying nothing) instead of locking the NFT forever. The receiver hook runs last,
    /// after every state change and payment, and cannot re-enter the marketplace.
    function buy(uint256 listingId, uint256 maxPrice) external nonReentrant {
        _buy(listingId, maxPrice);
    }

    /// @notice `buy` with an EIP-2612 permit instead of a prior approval. Sign the permit for
    /// (owner = buyer, spender = marketplace, value = maxPrice, deadline). A permit that fails (e.g. already
    /// used by a front-runner) is ignored; the purchase then relies on the existing allowance.
    function buyWithPermit(uint256 listingId, uint256 maxPrice, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        external
        nonReentrant
    {
        try IERC20Permit(address(paymentToken)).permit(msg.sender, address(this), maxPrice, deadline, v, r, s) {}
            catch {}
        _buy(listingId, maxPrice);
    }

    function _buy(uint256 listingId, uint256 maxPrice) private {
        _whenNotPaused(3);
        Listing storage l = _existing(listingId);
        _requireActive(l);
        if (msg.sender == l.seller) revert BuyerIsSeller();
        if (l.price > maxPrice) revert PriceAboveMax(l.price, maxPrice);
        _fill(listingId, l);
    }

    /// The sale of an Active listing to the caller, whose checks are done: pays and delivers.
    function _fill(uint256 listingId, Listing storage l) private {
        address seller = l.seller;
        uint256 price = l.price;
        uint256 tokenId = l.tokenId;
        uint256 fee_ = Math.mulDiv(price, _effectiveFeeBps(l), BPS);
        (uint32 productId,,,,) = IHashPosition(address(nft)).positionOf(tokenId);

        // effects
        l.state = State.Sold;
        emit Sold(listingId, seller, msg.sender, tokenId, price, fee_, productId);

        // interactions: payment first, then the NFT, whose receiver hook is the only untrusted call
        if (fee_ != 0) paymentToken.safeTransferFrom(msg.sender, treasury, fee_);
        paymentToken.safeTransferFrom(msg.sender, seller, price - fee_);
        _deliver(seller, msg.sender, tokenId);
    }

    // ---------------------------------------------------------------- views

    /// @notice The stored listing. Reverts with UnknownListing for ids outside 1..listingCount.
    function listing(uint256 listingId) external view returns (Listing memory) {
        return _existing(listingId);
    }

    /// @notice Whether a listing can be bought now, and if not, why.
    function status(uint256 listingId) external view returns (Status) {
        return _status(_existing(listingId));
    }

    /// @notice `status` of many listings in one call.
    function statuses(uint256[] calldata listingIds) external view returns (Status[] memory out) {
        out = new Status[](listingIds.length);
        for (uint256 i; i < listingIds.length; ++i) {
            out[i] = _status(_existing(listingIds[i]));
        }
    }

    /// @notice Number of listings ever created; ids run from 1 to this number.
    function listingCount() external view returns (uint256) {
        return _listingCount;
    }

    /// @notice Up to `count` listings with ids from `from` on (0 is read as 1), clipped to existing ids,
    /// with their ids and statuses. Page through all listings with from = 1, 1 + count, ...
    function listingsRange(uint256 from, uint256 count)
        external
        view
        returns (uint256[] memory ids, Listing[] memory items, Status[] memory listingStatuses)
    {
        if (from == 0) from = 1;
        uint256 n = from > _listingCount ? 0 : _listingCount - from + 1;
        if (count < n) n = count;
        ids = new uint256[](n);
        items = new Listing[](n);
        listingStatuses = new Status[](n);
        for (uint256 i; i < n; ++i) {
            Listing storage l = _listings[from + i];
            ids[i] = from + i;
            items[i] = l;
            listingStatuses[i] = _status(l);
        }
    }

    /// @notice The newest `Active` listings with their NFT's position, newest first: up to `count` of them,
    /// looking at ids below `beforeId` (0 means from the newest) and at no more than `maxScan` ids, so the
    /// cost stays bounded however many listings are inactive. Lets a page show its first listings in one call.
    /// @return items the Active listings found, newest first
    /// @return next pass as `beforeId` to continue the scan; 0 once id 1 has been looked at
    /// @return total `listingCount`
    function newestActive(uint256 beforeId, uint256 count, uint256 maxScan)
        external
        view
        returns (ListingView[] memory items, uint256 next, uint256 total)
    {
        total = _listingCount;
        uint256 id = beforeId == 0 || beforeId > total + 1 ? total + 1 : beforeId;
        ListingView[] memory found = new ListingView[](count);
        uint256 n;
        uint256 scanned;
        while (id > 1 && n < count && scanned < maxScan) {
            --id;
            ++scanned;
            Listing storage l = _listings[id];
            if (_status(l) != Status.Active) continue;
            (uint32 productId, uint8 coin, uint64 hashrate,, uint64 end) = IHashPosition(address(nft)).positionOf(l.tokenId);
            found[n++] = ListingView(id, l, productId, coin, hashrate, end);
        }
        next = id > 1 ? id : 0;
        items = new ListingView[](n);
        for (uint256 i; i < n; ++i) {
            items[i] = found[i];
        }
    }

    /// @notice Protocol fee on a new listing at `price` (at the current rate, rounded down).
    function fee(uint256 price) external view returns (uint256) {
        return Math.mulDiv(price, feeBps, BPS);
    }

    /// @notice What a purchase of this listing would pay now: the price, the fee and the seller's part.
    function payout(uint256 listingId) external view returns (uint256 price, uint256 fee_, uint256 sellerProceeds) {
        Listing storage l = _existing(listingId);
        price = l.price;
        fee_ = Math.mulDiv(price, _effectiveFeeBps(l), BPS);
        sellerProceeds = price - fee_;
    }

    // ---------------------------------------------------------------- internals

    function _existing(uint256 listingId) private view returns (Listing storage l) {
        l = _listings[listingId];
        if (l.state == State.None) revert UnknownListing(listingId);
    }

    function _status(Listing storage l) private view returns (Status) {
        State state = l.state;
        if (state == State.Sold) return Status.Sold;
        if (state == State.Cancelled || l.counter != counterOf[l.seller]) return Status.Cancelled;
        if (block.timestamp >= l.expiresAt) return Status.Expired;
        if (_ownerOf(l.tokenId) != l.seller || _moves(l.tokenId) != l.moves) return Status.OwnerChanged;
        if (!_isApproved(l.tokenId, l.seller)) return Status.NotApproved;
        return Status.Active;
    }

    /// Reverts with the reason a listing is not `Active`.
    function _requireActive(Listing storage l) private view {
        Status s = _status(l);
        if (s == Status.Active) return;
        if (s == Status.Expired) revert ListingExpired(l.expiresAt);
        if (s == Status.OwnerChanged) {
            address holder = _ownerOf(l.tokenId);
            if (holder == l.seller) revert ListingTokenMoved(l.tokenId, l.moves, _moves(l.tokenId));
            revert SellerNoLongerOwner(l.seller, holder);
        }
        if (s == Status.NotApproved) revert MarketplaceNotApproved(l.tokenId, l.seller);
        revert InvalidListing(s);
    }

    function _effectiveFeeBps(Listing storage l) private view returns (uint256) {
        uint16 current = feeBps;
        return l.feeBps < current ? l.feeBps : current;
    }

    /// Owner of a token, or address(0) if it does not exist (ownerOf reverts).
    function _ownerOf(uint256 tokenId) private view returns (address) {
        try nft.ownerOf(tokenId) returns (address owner_) {
            return owner_;
        } catch {
            return address(0);
        }
    }

    function _isApproved(uint256 tokenId, address owner_) private view returns (bool) {
        return nft.getApproved(tokenId) == address(this) || nft.isApprovedForAll(owner_, address(this));
    }

    // ================================================================ offers, sweeps, bulk listing

    /// @notice What an offer is for: one token, any NFT of a product, or any NFT mining a coin.
    enum OfferKind {
        Token,
        Product,
        Coin
    }

    enum OfferState {
        None,
        Open,
        Filled,
        Cancelled
    }

    /// @notice Whether an offer can be accepted now, and if not, why.
    enum OfferStatus {
        /// can be accepted
        Active,
        /// accepted (a product offer: all its units); final
        Filled,
        /// cancelled, or voided by `cancelAllOffers` (its escrow, if any is left, can still be reclaimed); final
        Cancelled,
        /// past `expiresAt`; final (reclaim the escrow with `cancelOffer`)
        Expired,
        /// a token offer whose token has changed hands since the offer was made; final
        TokenMoved
    }

    /// @notice Why a sweep skipped a listing (`SweepSkipped`). 1 to 5 are the listing's `Status`.
    enum SkipReason {
        None,
        Sold,
        Cancelled,
        Expired,
        OwnerChanged,
        NotApproved,
        /// its price is above the maximum the buyer gave for it
        PriceAboveMax,
        /// the buyer's own listing
        OwnListing,
        /// buying it would take the total above the buyer's maximum
        OverTotal
    }

    /// @notice An offer. Token offers: `price` is the whole amount, `target` the token id, `moves` its
    /// transfer count when offered. Product and coin offers: `price` is USDT base units per hashrate unit per
    /// remaining day, `target` the product id or coin; an NFT with `d` whole days left (at least `minDays`,
    /// valued at most `maxDays`) and hashrate `h` (at most `unitsLeft`) is bought for price x h x min(d, maxDays).
    struct Offer {
        address buyer;
        OfferKind kind;
        OfferState state;
        /// protocol fee rate when made; acceptance charges min(this, current feeBps)
        uint16 feeBps;
        uint64 expiresAt;
        /// the buyer's `offerCounterOf` when made; void once it changes
        uint64 counter;
        uint64 moves;
        uint32 minDays;
        uint32 maxDays;
        uint64 unitsLeft;
        uint256 target;
        uint128 price;
        /// USDT still held for this offer
        uint128 escrow;
    }

    uint256 public constant MAX_SWEEP = 50;
    uint256 public constant MAX_BULK = 50;

    /// @notice Bumped by `cancelAllOffers`; offers are valid only while their `counter` equals it.
    mapping(address buyer => uint64) public offerCounterOf;
    /// @notice Contracts that hold NFTs for someone else (the loan pool, the mining pools): their tokens are
    /// pledged or pooled, so nobody may make an offer on them, and they never accept one.
    mapping(address account => bool) public isCustodian;
    /// @notice USDT held for open offers: the sum of `escrow` over all offers.
    uint256 public totalEscrowed;

    mapping(uint256 offerId => Offer) private _offers;
    uint256 private _offerCount;

    /// Open offers (state Open: active, or expired/voided with escrow left) by what they are for, so a page
    /// reads the offers that can match an NFT without reading every offer. An entry packs the offer's price
    /// (high 80 bits) and id (low 48 bits); order is not kept (a closed offer's place takes the last entry).
    mapping(OfferKind kind => mapping(uint256 target => uint128[])) private _book;
    /// Open offers by buyer (entries are ids).
    mapping(address buyer => uint128[]) private _bookOf;
    /// An open offer's places: in its book (high 128 bits) and in its buyer's list (low 128 bits).
    mapping(uint256 offerId => uint256) private _places;

    event OfferMade(
        uint256 indexed offerId,
        address indexed buyer,
        uint256 indexed target,
        OfferKind kind,
        uint256 price,
        uint64 units,
        uint32 minDays,
        uint32 maxDays,
        uint64 expiresAt,
        uint256 escrow
    );
    event OfferAccepted(
        uint256 indexed offerId,
        address indexed seller,
        address indexed buyer,
        uint256 tokenId,
        uint256 price,
        uint256 fee,
        uint64 units
    );
    event OfferCancelled(uint256 indexed offerId, address indexed buyer, uint256 refund);
    event AllOffersCancelled(address indexed buyer, uint64 newCounter);
    event SweepSkipped(uint256 indexed listingId, address indexed buyer, SkipReason reason);
    /// @notice The rewards a sold NFT had accrued, paid to its seller inside the sale.
    event SellerRewardsPaid(uint256 indexed tokenId, address indexed seller, uint8 coin, uint256 amount);
    event CustodianSet(address indexed account, bool custodian);

    error UnknownOffer(uint256 offerId);
    error UnknownToken(uint256 tokenId);
    error OfferNotActive(OfferStatus status);
    error OfferNotOpen(uint256 offerId);
    error NotOfferBuyer(address caller, address buyer);
    error TokenInCustody(uint256 tokenId, address holder);
    error WrongOfferKind();
    error ZeroOfferUnits();
    error BadDays(uint256 minDays, uint256 maxDays);
    error TokenDoesNotMatch(uint256 offerId, uint256 tokenId);
    error OfferTokenMoved(uint256 tokenId);
    error ListingTokenMoved(uint256 tokenId, uint64 listedAt, uint64 now_);
    error TooFewDaysLeft(uint256 daysLeft, uint256 minDays);
    error NotEnoughUnitsLeft(uint256 hashrate, uint256 unitsLeft);
    error PriceBelowMin(uint256 price, uint256 minPrice);
    error BadLength(uint256 length, uint256 max);
    error LengthMismatch();
    error NothingSwept();

    /// @notice Marks an NFT holder as a custodian (loan pool, mining pools): no offers on what it holds.
    function setCustodian(address account, bool custodian) external onlyOwner {
        if (account == address(0)) revert ZeroAddress();
        isCustodian[account] = custodian;
        emit CustodianSet(account, custodian);
    }

    /// @notice Offers `amount` USDT for one token, escrowed here until accepted or cancelled. The marketplace
    /// must be approved for `amount`. The offer is void once the token changes hands, and never covers a
    /// pledged or pooled token.
    /// @param duration seconds the offer stays valid; 0 means DEFAULT_DURATION (30 days), at most 180 days
    function makeTokenOffer(uint256 tokenId, uint256 amount, uint64 duration) external nonReentrant returns (uint256 offerId) {
        _whenNotPaused(3);
        if (amount == 0) revert ZeroPrice();
        address holder = _ownerOf(tokenId);
        if (holder == address(0)) revert UnknownToken(tokenId);
        if (isCustodian[holder]) revert TokenInCustody(tokenId, holder);
        if (holder == msg.sender) revert BuyerIsSeller();
        offerId = _newOffer(OfferKind.Token, tokenId, amount, 0, 0, 0, duration, amount);
        _offers[offerId].moves = _moves(tokenId);
    }

    /// @notice Offers `pricePerUnitDay` USDT base units per hashrate unit per remaining day for any NFT of
    /// product `target` (kind Product) or mining coin `target` (kind Coin) with at least `minDays` whole days
    /// left, for up to `units` hashrate units in total. Escrows price x units x maxDays: enough for every unit
    /// at the most it can cost (days beyond `maxDays` are not paid for; the page sets it to the product's term).
    function makeProductOffer(
        OfferKind kind,
        uint256 target,
        uint256 pricePerUnitDay,
        uint64 units,
        uint32 minDays,
        uint32 maxDays,
        uint64 duration
    ) external nonReentrant returns (uint256 offerId) {
        _whenNotPaused(3);
        if (kind == OfferKind.Token) revert WrongOfferKind();
        if (pricePerUnitDay == 0) revert ZeroPrice();
        if (units == 0) revert ZeroOfferUnits();
        if (minDays == 0 || maxDays < minDays) revert BadDays(minDays, maxDays);
        uint256 escrow = pricePerUnitDay * units * maxDays;
        offerId = _newOffer(kind, target, pricePerUnitDay, units, minDays, maxDays, duration, escrow);
    }

    /// @notice Sells `tokenId` (owned by the caller, marketplace approved) to an Active offer. The caller
    /// receives the price minus the protocol fee and the rewards the NFT has accrued; reverts if the price
    /// (which for a product offer depends on the days left) is below `minPrice`.
    function acceptOffer(uint256 offerId, uint256 tokenId, uint256 minPrice) external nonReentrant {
        _whenNotPaused(3);
        Offer storage o = _existingOffer(offerId);
        OfferStatus st = _offerStatus(o);
        if (st != OfferStatus.Active) revert OfferNotActive(st);
        address holder = _ownerOf(tokenId);
        if (holder != msg.sender) revert NotTokenOwner(tokenId, msg.sender, holder);
        if (isCustodian[msg.sender]) revert TokenInCustody(tokenId, msg.sender);
        address buyer = o.buyer;
        if (msg.sender == buyer) revert BuyerIsSeller();
        if (!_isApproved(tokenId, msg.sender)) revert MarketplaceNotApproved(tokenId, msg.sender);
        (uint256 price, uint64 units) = _offerPrice(offerId, o, tokenId);
        if (price < minPrice) revert PriceBelowMin(price, minPrice);
        uint256 fee_ = Math.mulDiv(price, _lower(o.feeBps), BPS);

        // effects: the escrow pays the price; a filled offer returns what is left to its buyer
        uint256 left = uint256(o.escrow) - price;
        uint256 refund;
        if (o.kind != OfferKind.Token) o.unitsLeft -= units;
        if (o.kind == OfferKind.Token || o.unitsLeft == 0) {
            o.state = OfferState.Filled;
            _unbook(offerId, o);
            refund = left;
            left = 0;
        }
        o.escrow = SafeCast.toUint128(left);
        totalEscrowed -= price + refund;
        emit OfferAccepted(offerId, msg.sender, buyer, tokenId, price, fee_, units);
        if (refund != 0) emit OfferCancelled(offerId, buyer, refund);

        // interactions: payments out of escrow, then the NFT (the buyer's receiver hook runs last)
        if (fee_ != 0) paymentToken.safeTransfer(treasury, fee_);
        paymentToken.safeTransfer(msg.sender, price - fee_);
        if (refund != 0) paymentToken.safeTransfer(buyer, refund);
        _deliver(msg.sender, buyer, tokenId);
    }

    /// @notice Cancels one of the caller's open offers (also an expired or voided one) and returns its escrow.
    function cancelOffer(uint256 offerId) external nonReentrant {
        Offer storage o = _existingOffer(offerId);
        if (msg.sender != o.buyer) revert NotOfferBuyer(msg.sender, o.buyer);
        if (o.state != OfferState.Open) revert OfferNotOpen(offerId);
        _closeOffer(offerId, o);
    }

    /// @notice Voids every offer the caller has made so far (constant cost, like `cancelAll`) and returns the
    /// escrow of `refundIds` (the caller's open offers; ids already closed are skipped). Escrow of an offer
    /// left out stays reclaimable with `cancelOffer`.
    function cancelAllOffers(uint256[] calldata refundIds) external nonReentrant returns (uint64 newCounter) {
        newCounter = ++offerCounterOf[msg.sender];
        emit AllOffersCancelled(msg.sender, newCounter);
        for (uint256 i; i < refundIds.length; ++i) {
            Offer storage o = _existingOffer(refundIds[i]);
            if (msg.sender != o.buyer) revert NotOfferBuyer(msg.sender, o.buyer);
            if (o.state == OfferState.Open) _closeOffer(refundIds[i], o);
        }
    }

    /// @notice Buys up to MAX_SWEEP listings in one transaction, paying each listing's price, none above its
    /// `maxPrices[i]` and in all at most `maxTotal`. Listings that cannot be bought (no longer Active, price
    /// raised, the caller's own, or over the total) are skipped and named in `SweepSkipped`; reverts with
    /// NothingSwept if none was bought. The caller must have approved the marketplace for the total.
    /// @return spent the USDT paid in all
    /// @return bought per listing, whether it was bought
    function sweep(uint256[] calldata listingIds, uint256[] calldata maxPrices, uint256 maxTotal)
        external
        nonReentrant
        returns (uint256 spent, bool[] memory bought)
    {
        _whenNotPaused(3);
        uint256 n = listingIds.length;
        if (n == 0 || n > MAX_SWEEP) revert BadLength(n, MAX_SWEEP);
        if (maxPrices.length != n) revert LengthMismatch();
        bought = new bool[](n);
        for (uint256 i; i < n; ++i) {
            Listing storage l = _existing(listingIds[i]);
            SkipReason r = SkipReason(uint8(_status(l)));
            if (r == SkipReason.None) {
                if (l.price > maxPrices[i]) r = SkipReason.PriceAboveMax;
                else if (l.seller == msg.sender) r = SkipReason.OwnListing;
                else if (spent + l.price > maxTotal) r = SkipReason.OverTotal;
            }
            if (r != SkipReason.None) {
                emit SweepSkipped(listingIds[i], msg.sender, r);
                continue;
            }
            spent += l.price;
            bought[i] = true;
            _fill(listingIds[i], l);
        }
        if (spent == 0) revert NothingSwept();
    }

    /// @notice Lists up to MAX_BULK tokens at once, each at its own price, all for `duration` (see `list`).
    function listMany(uint256[] calldata tokenIds, uint256[] calldata prices, uint64 duration)
        external
        nonReentrant
        returns (uint256[] memory listingIds)
    {
        _whenNotPaused(1);
        uint256 n = tokenIds.length;
        if (n == 0 || n > MAX_BULK) revert BadLength(n, MAX_BULK);
        if (prices.length != n) revert LengthMismatch();
        listingIds = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            listingIds[i] = _list(tokenIds[i], prices[i], duration);
        }
    }

    // ---------------------------------------------------------------- offer views

    function offer(uint256 offerId) external view returns (Offer memory) {
        return _existingOffer(offerId);
    }

    function offerStatus(uint256 offerId) external view returns (OfferStatus) {
        return _offerStatus(_existingOffer(offerId));
    }

    /// @notice Number of offers ever made; ids run from 1 to this number.
    function offerCount() external view returns (uint256) {
        return _offerCount;
    }

    /// @notice Up to `count` offers with ids from `from` on (0 is read as 1), with their statuses.
    function offersRange(uint256 from, uint256 count)
        external
        view
        returns (uint256[] memory ids, Offer[] memory items, OfferStatus[] memory offerStatuses)
    {
        if (from == 0) from = 1;
        uint256 n = from > _offerCount ? 0 : _offerCount - from + 1;
        if (count < n) n = count;
        ids = new uint256[](n);
        items = new Offer[](n);
        offerStatuses = new OfferStatus[](n);
        for (uint256 i; i < n; ++i) {
            Offer storage o = _offers[from + i];
            ids[i] = from + i;
            items[i] = o;
            offerStatuses[i] = _offerStatus(o);
        }
    }

    /// @notice Raw entries of an offer book, for MarketLens (which turns them into offers with statuses):
    /// with `buyer` not zero, that buyer's open offers (entries are ids); else the open offers on `target` of
    /// `kind` (entries pack the price in the high 80 bits and the id in the low 48). Up to `count` entries
    /// from place `from`, and how many there are in all. Order is not kept.
    function bookEntries(OfferKind kind, uint256 target, address buyer, uint256 from, uint256 count)
        external
        view
        returns (uint128[] memory entries, uint256 total)
    {
        uint128[] storage book = buyer == address(0) ? _book[kind][target] : _bookOf[buyer];
        total = book.length;
        uint256 n = from >= total ? 0 : total - from;
        if (count < n) n = count;
        entries = new uint128[](n);
        for (uint256 i; i < n; ++i) {
            entries[i] = book[from + i];
        }
    }

    /// @notice What accepting `offerId` with `tokenId` would pay now: the price, the fee and the seller's part.
    /// Reverts with the reason the token does not match the offer (the offer's status is not checked).
    function quoteOffer(uint256 offerId, uint256 tokenId)
        external
        view
        returns (uint256 price, uint256 fee_, uint256 sellerProceeds)
    {
        Offer storage o = _existingOffer(offerId);
        (price,) = _offerPrice(offerId, o, tokenId);
        fee_ = Math.mulDiv(price, _lower(o.feeBps), BPS);
        sellerProceeds = price - fee_;
    }

    // ---------------------------------------------------------------- offer internals

    function _newOffer(
        OfferKind kind,
        uint256 target,
        uint256 price,
        uint64 units,
        uint32 minDays,
        uint32 maxDays,
        uint64 duration,
        uint256 escrow
    ) private returns (uint256 offerId) {
        if (duration == 0) duration = DEFAULT_DURATION;
        else if (duration > MAX_DURATION) revert DurationTooLong(duration, MAX_DURATION);
        offerId = ++_offerCount;
        uint64 expiresAt = SafeCast.toUint64(block.timestamp + duration);
        _offers[offerId] = Offer({
            buyer: msg.sender,
            kind: kind,
            state: OfferState.Open,
            feeBps: feeBps,
            expiresAt: expiresAt,
            counter: offerCounterOf[msg.sender],
            moves: 0,
            minDays: minDays,
            maxDays: maxDays,
            unitsLeft: units,
            target: target,
            price: SafeCast.toUint128(price),
            escrow: SafeCast.toUint128(escrow)
        });
        totalEscrowed += escrow;
        uint128[] storage book = _book[kind][target];
        uint128[] storage mine = _bookOf[msg.sender];
        _places[offerId] = (book.length << 128) | mine.length;
        book.push((uint128(SafeCast.toUint80(price)) << 48) | SafeCast.toUint48(offerId));
        mine.push(uint128(offerId));
        emit OfferMade(offerId, msg.sender, target, kind, price, units, minDays, maxDays, expiresAt, escrow);
        paymentToken.safeTransferFrom(msg.sender, address(this), escrow);
    }

    function _closeOffer(uint256 offerId, Offer storage o) private {
        uint256 refund = o.escrow;
        o.state = OfferState.Cancelled;
        _unbook(offerId, o);
        o.escrow = 0;
        totalEscrowed -= refund;
        emit OfferCancelled(offerId, o.buyer, refund);
        if (refund != 0) paymentToken.safeTransfer(o.buyer, refund);
    }

    /// Takes a closed offer out of its book and its buyer's list (the last entry of each takes its place).
    function _unbook(uint256 offerId, Offer storage o) private {
        uint256 places = _places[offerId];
        delete _places[offerId];
        uint128[] storage book = _book[o.kind][o.target];
        uint256 last = book.length - 1;
        uint256 at = places >> 128;
        if (at != last) {
            uint128 moved = book[last];
            book[at] = moved;
            uint256 id = uint48(moved);
            _places[id] = (at << 128) | uint128(_places[id]);
        }
        book.pop();
        uint128[] storage mine = _bookOf[o.buyer];
        last = mine.length - 1;
        at = uint128(places);
        if (at != last) {
            uint128 moved = mine[last];
            mine[at] = moved;
            _places[moved] = (_places[moved] >> 128 << 128) | at;
        }
        mine.pop();
    }

    function _existingOffer(uint256 offerId) private view returns (Offer storage o) {
        o = _offers[offerId];
        if (o.state == OfferState.None) revert UnknownOffer(offerId);
    }

    function _offerStatus(Offer storage o) private view returns (OfferStatus) {
        OfferState state = o.state;
        if (state == OfferState.Filled) return OfferStatus.Filled;
        if (state == OfferState.Cancelled || o.counter != offerCounterOf[o.buyer]) return OfferStatus.Cancelled;
        if (block.timestamp >= o.expiresAt) return OfferStatus.Expired;
        if (o.kind == OfferKind.Token && _moves(o.target) != o.moves) return OfferStatus.TokenMoved;
        return OfferStatus.Active;
    }

    /// What `o` pays for `tokenId` now and the hashrate units it takes; reverts if the token does not match.
    function _offerPrice(uint256 offerId, Offer storage o, uint256 tokenId) private view returns (uint256 price, uint64 units) {
        if (o.kind == OfferKind.Token) {
            if (tokenId != o.target) revert TokenDoesNotMatch(offerId, tokenId);
            if (_moves(tokenId) != o.moves) revert OfferTokenMoved(tokenId);
            return (o.price, 0);
        }
        if (_ownerOf(tokenId) == address(0)) revert UnknownToken(tokenId);
        IHashPosition h = IHashPosition(address(nft));
        (uint32 productId, uint8 coin, uint64 hashrate,,) = h.positionOf(tokenId);
        if ((o.kind == OfferKind.Product ? uint256(productId) : uint256(coin)) != o.target) {
            revert TokenDoesNotMatch(offerId, tokenId);
        }
        uint256 daysLeft = h.remainingDays(tokenId, block.timestamp);
        if (daysLeft < o.minDays) revert TooFewDaysLeft(daysLeft, o.minDays);
        if (hashrate > o.unitsLeft) revert NotEnoughUnitsLeft(hashrate, o.unitsLeft);
        if (daysLeft > o.maxDays) daysLeft = o.maxDays;
        return (uint256(o.price) * hashrate * daysLeft, hashrate);
    }

    /// The lower of a recorded fee rate and the current one.
    function _lower(uint16 recorded) private view returns (uint256) {
        uint16 current = feeBps;
        return recorded < current ? recorded : current;
    }

    function _moves(uint256 tokenId) private view returns (uint64) {
        return IHashPosition(address(nft)).transferCount(tokenId);
    }

    /// Moves a sold NFT from `seller` to `buyer`, paying the seller the rewards it has accrued on the way
    /// (see the contract's notice): the NFT passes through the marketplace, which claims them as its owner.
    /// The buyer's receiver hook is the last call.
    function _deliver(address seller, address buyer, uint256 tokenId) private {
        uint256 owed = rewards.accrued(tokenId);
        if (owed == 0) {
            nft.safeTransferFrom(seller, buyer, tokenId);
            return;
        }
        nft.transferFrom(seller, address(this), tokenId);
        uint256[] memory ids = new uint256[](1);
        ids[0] = tokenId;
        uint256[] memory paid = rewards.claim(ids);
        (, uint8 coin,,,) = IHashPosition(address(nft)).positionOf(tokenId);
        emit SellerRewardsPaid(tokenId, seller, coin, paid[coin]);
        rewards.coinInfo(coin).token.safeTransfer(seller, paid[coin]);
        nft.safeTransferFrom(address(this), buyer, tokenId);
    }
}
