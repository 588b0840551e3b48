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

/// @notice The part of HashNFT the marketplace reads to describe a listing in its events.
interface IHashPosition {
    function positionOf(uint256 tokenId)
        external
        view
        returns (uint32 productId, uint8 coin, uint64 hashrate, uint64 start, uint64 end);
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
/// still approved. `status` says which of these fails. Ownership and approval are read live, so a listing
/// whose token leaves the seller shows `OwnerChanged` and becomes `Active` again if the token comes back
/// (e.g. after a repaid loan) before it expires; a seller who does not want that cancels it. Listing the
/// token again, by anyone, cancels its previous listing, so a token has at most one open listing.
///
/// Unclaimed mining rewards belong to the NFT (see Rewards), so they go to the buyer with it.
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
        /// the seller no longer owns the NFT (active again if it returns before expiry)
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
            feeBps: feeBps
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
        address seller = l.seller;
        if (msg.sender == seller) revert BuyerIsSeller();
        uint256 price = l.price;
        if (price > maxPrice) revert PriceAboveMax(price, maxPrice);
        uint256 tokenId = l.tokenId;
        uint256 fee_ = Math.mulDiv(price, _effectiveFeeBps(l), BPS);
        (uint32 productId,,,,) = IHashPosition(address(nft)).positionOf(tokenId);

        // effects
        l.state = State.Sold;
        emit Sold(listingId, seller, msg.sender, tokenId, price, fee_, productId);

        // interactions: payment first, then the NFT, whose receiver hook is the only untrusted call
        if (fee_ != 0) paymentToken.safeTransferFrom(msg.sender, treasury, fee_);
        paymentToken.safeTransferFrom(msg.sender, seller, price - fee_);
        nft.safeTransferFrom(seller, msg.sender, tokenId);
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
        if (_ownerOf(l.tokenId) != l.seller) return Status.OwnerChanged;
        if (!_isApproved(l.tokenId, l.seller)) return Status.NotApproved;
        return Status.Active;
    }

    /// Reverts with the reason a listing is not `Active`.
    function _requireActive(Listing storage l) private view {
        Status s = _status(l);
        if (s == Status.Active) return;
        if (s == Status.Expired) revert ListingExpired(l.expiresAt);
        if (s == Status.OwnerChanged) revert SellerNoLongerOwner(l.seller, _ownerOf(l.tokenId));
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
}
