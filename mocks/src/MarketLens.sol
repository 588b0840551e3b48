// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Marketplace} from "./Marketplace.sol";

/// @title MarketLens
/// @notice Read-only views over the Marketplace's offer books, kept apart so the Marketplace stays under the
/// contract size limit. A page reads only the offers that can concern it, in calls of bounded cost however
/// many offers exist: the open offers on one token, product or coin (`openOffers`), one buyer's
/// (`openOffersOf`), and the best Active offers per target (`bestOffers`). "Open" means not filled and not
/// cancelled: an open offer may still be expired or voided (its escrow is then reclaimable), which the
/// statuses say. Holds no state and no funds.
contract MarketLens {
    Marketplace public immutable market;

    constructor(Marketplace market_) {
        market = market_;
    }

    /// @notice Open offers on `target` of `kind` (a token id, product id or coin), up to `count` from place
    /// `from`, with their statuses, and how many are open in all. Page with from = 0, count, 2 x count, ...
    function openOffers(Marketplace.OfferKind kind, uint256 target, uint256 from, uint256 count)
        external
        view
        returns (uint256[] memory ids, Marketplace.Offer[] memory items, Marketplace.OfferStatus[] memory statuses, uint256 total)
    {
        uint128[] memory entries;
        (entries, total) = market.bookEntries(kind, target, address(0), from, count);
        (ids, items, statuses) = _offers(entries);
    }

    /// @notice `openOffers` of one buyer: the offers it can still cancel (active ones, and expired or voided
    /// ones with escrow left to reclaim).
    function openOffersOf(address buyer, uint256 from, uint256 count)
        external
        view
        returns (uint256[] memory ids, Marketplace.Offer[] memory items, Marketplace.OfferStatus[] memory statuses, uint256 total)
    {
        if (buyer == address(0)) return (ids, items, statuses, 0);
        uint128[] memory entries;
        (entries, total) = market.bookEntries(Marketplace.OfferKind.Token, 0, buyer, from, count);
        (ids, items, statuses) = _offers(entries);
    }

    /// @notice For each of `targets` (of `kind`), its `k` highest-priced Active offers among the open offers
    /// at places `from` to `from + maxScan - 1`, best first (ties: the one found first). Offer `j` of target
    /// `i` is at `i * k + j`, id 0 where there are fewer. `totals[i]` is how many offers are open on target
    /// `i`: when it exceeds `from + maxScan`, read the rest with a higher `from` and merge. Token offers pay
    /// their price; product and coin offers pay `price` per unit per day, so a page still checks each one
    /// against an NFT's days and hashrate (one further down may match an NFT the best does not). The cost is
    /// bounded by `targets.length x maxScan` entries plus the status of each candidate.
    function bestOffers(Marketplace.OfferKind kind, uint256[] calldata targets, uint256 k, uint256 from, uint256 maxScan)
        external
        view
        returns (uint256[] memory ids, Marketplace.Offer[] memory items, uint256[] memory totals)
    {
        ids = new uint256[](targets.length * k);
        items = new Marketplace.Offer[](ids.length);
        totals = new uint256[](targets.length);
        for (uint256 t; t < targets.length; ++t) {
            (uint128[] memory entries, uint256 total) = market.bookEntries(kind, targets[t], address(0), from, maxScan);
            totals[t] = total;
            if (k == 0) continue;
            (uint256[] memory topIds, Marketplace.Offer[] memory top) = _top(entries, k);
            for (uint256 j; j < k; ++j) {
                ids[t * k + j] = topIds[j];
                items[t * k + j] = top[j];
            }
        }
    }

    /// The `k` highest-priced Active offers among `entries` (price << 48 | id), best first.
    function _top(uint128[] memory entries, uint256 k)
        private
        view
        returns (uint256[] memory ids, Marketplace.Offer[] memory items)
    {
        ids = new uint256[](k);
        items = new Marketplace.Offer[](k);
        uint256 found;
        for (uint256 i; i < entries.length; ++i) {
            uint256 price = entries[i] >> 48;
            // a candidate only if it would enter the top k
            if (found == k && price <= items[k - 1].price) continue;
            uint256 id = uint48(entries[i]);
            if (market.offerStatus(id) != Marketplace.OfferStatus.Active) continue;
            uint256 j = found < k ? found++ : k - 1;
            while (j > 0 && items[j - 1].price < price) {
                ids[j] = ids[j - 1];
                items[j] = items[j - 1];
                --j;
            }
            ids[j] = id;
            items[j] = market.offer(id);
        }
    }

    function _offers(uint128[] memory entries)
        private
        view
        returns (uint256[] memory ids, Marketplace.Offer[] memory items, Marketplace.OfferStatus[] memory statuses)
    {
        uint256 n = entries.length;
        ids = new uint256[](n);
        items = new Marketplace.Offer[](n);
        statuses = new Marketplace.OfferStatus[](n);
        for (uint256 i; i < n; ++i) {
            uint256 id = uint48(entries[i]);
            ids[i] = id;
            items[i] = market.offer(id);
            statuses[i] = market.offerStatus(id);
        }
    }
}
