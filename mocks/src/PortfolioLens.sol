// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {HashNFT} from "./HashNFT.sol";
import {Rewards} from "./Rewards.sol";

/// @title PortfolioLens
/// @notice A wallet's NFTs, their positions and their claimed and unclaimed rewards in ONE call, so the
/// Portfolio costs one round trip instead of two dependent ones (the ids, then a multicall keyed by them).
/// Deployed beside the protocol rather than run deployless: a deployless call returns its answer as contract
/// code, capped at 24,576 bytes (EIP-170), about 95 NFTs. Read-only: no state beyond the two addresses, no
/// owner, nothing held; it returns what HashNFT's and Rewards' own views return.
contract PortfolioLens {
    struct Holdings {
        uint256[] ids;
        HashNFT.Position[] positions;
        uint256[] unclaimed;
        uint256[] claimed;
    }

    HashNFT public immutable nft;
    Rewards public immutable rewards;

    constructor(HashNFT nft_, Rewards rewards_) {
        nft = nft_;
        rewards = rewards_;
    }

    function holdings(address owner) external view returns (Holdings memory h) {
        h.ids = nft.tokensOfOwner(owner);
        if (h.ids.length == 0) return h;
        h.positions = nft.positions(h.ids);
        (h.unclaimed, h.claimed) = rewards.balancesOf(h.ids);
    }
}
