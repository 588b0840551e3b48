// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {FaucetToken} from "../src/FaucetToken.sol";
import {Rewards, IRewardsReceiver} from "../src/Rewards.sol";
import {HashNFT} from "../src/HashNFT.sol";
import {ProductSale} from "../src/ProductSale.sol";
import {Base} from "./Base.t.sol";

/// @notice Drives the sale and rewards the way users and the operator do: buy, transfer NFTs, let time pass,
/// post daily output, claim. Keeps ghost totals that the invariants compare with the contracts' own books.
contract Handler is CommonBase, StdCheats, StdUtils {
    ProductSale public immutable sale;
    Rewards public immutable rewards;
    HashNFT public immutable nft;
    FaucetToken public immutable usdt;
    address public immutable owner;
    address public immutable operator;

    address[] public actors;
    uint256[] public productIds;
    uint256[] public tokenIds;

    // ghost books
    uint256 public purchases;
    uint256 public unitsBought;
    uint256 public paidToTreasury;
    uint256[3] public funded;
    uint256[3] public claimed;
    mapping(bytes32 => uint256) public calls;
    Sink public immutable sink = new Sink();

    constructor(ProductSale sale_, address owner_, address operator_, address[] memory actors_, uint256[] memory products_) {
        sale = sale_;
        rewards = sale_.rewards();
        nft = sale_.nft();
        usdt = FaucetToken(address(sale_.paymentToken()));
        owner = owner_;
        operator = operator_;
        actors = actors_;
        productIds = products_;
    }

    // ---------------------------------------------------------------- actions

    function buy(uint256 actorSeed, uint256 productSeed, uint256 units) external {
        address actor = actors[actorSeed % actors.length];
        uint256 pid = productIds[productSeed % productIds.length];
        uint256 room = sale.purchasable(pid, actor);
        // half of the time exactly what is left or one more, so caps are reached and the cap checks exercised
        if (room == 0) units = bound(units, 1, 5);
        else if (units % 2 == 1) units = room + (units >> 1) % 2;
        else units = bound(units, 1, room);
        uint256 cost = sale.quote(pid, units);
        vm.prank(owner);
        usdt.mint(actor, cost);
        vm.startPrank(actor);
        usdt.approve(address(sale), cost);
        try sale.buy(pid, units) returns (uint256 id) {
            tokenIds.push(id);
            ++purchases;
            unitsBought += units;
            paidToTreasury += cost;
            ++calls["buy"];
            if (units > room) _unexpected("a buy beyond purchasable() succeeded");
        } catch {
            usdt.approve(address(sale), 0);
            usdt.transfer(address(0xdead), cost);
            ++calls["buy (rejected)"];
            if (units <= room) _unexpected("a buy within purchasable() reverted");
        }
        vm.stopPrank();
    }

    function transfer(uint256 tokenSeed, uint256 toSeed) external {
        if (tokenIds.length == 0) return;
        uint256 id = tokenIds[tokenSeed % tokenIds.length];
        address from = nft.ownerOf(id);
        address to = actors[toSeed % actors.length];
        vm.prank(from);
        try nft.transferFrom(from, to, id) {
            ++calls["transfer"];
        } catch {
            _unexpected("transfer reverted");
        }
    }

    function advanceTime(uint256 secondsSeed) external {
        vm.warp(block.timestamp + bound(secondsSeed, 1 hours, 5 days));
        ++calls["advanceTime"];
    }

    function postOutput(uint256 coinSeed, uint256 outputSeed) external {
        uint8 coin = uint8(coinSeed % 3);
        uint256 posted = rewards.coinInfo(coin).postedDays;
        uint256 today = rewards.currentDay();
        if (posted >= today) return;
        uint256 n = today - posted;
        uint256[] memory outs = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(outputSeed, i)));
            // from zero and sub-PRECISION dust up to large outputs
            outs[i] = (r >> 8) % (10 ** (r % 22));
        }
        for (uint256 i; i < n; ++i) {
            uint256[] memory one = new uint256[](1);
            one[0] = outs[i];
            vm.prank(operator);
            // a zero day is declared as an outage (postOutput refuses zero)
            if (one[0] == 0) {
                try rewards.postOutage(coin, 1) {
                    ++calls["postOutage"];
                } catch {
                    _unexpected("postOutage reverted");
                }
                continue;
            }
            try rewards.postOutput(coin, one) returns (uint256 f) {
                funded[coin] += f;
                ++calls["postOutput"];
            } catch {
                _unexpected("postOutput reverted");
            }
        }
    }

    function claim(uint256 actorSeed, uint256 subsetSeed) external {
        address actor = actors[actorSeed % actors.length];
        uint256[] memory owned = nft.tokensOfOwner(actor);
        if (owned.length == 0) return;
        // claim a random non-empty subset of the actor's tokens (all coins mixed)
        uint256[] memory ids = new uint256[](owned.length);
        uint256 n;
        for (uint256 i; i < owned.length; ++i) {
            if ((subsetSeed >> i) & 1 == 1) ids[n++] = owned[i];
        }
        if (n == 0) ids[n++] = owned[0];
        assembly {
            mstore(ids, n)
        }
        uint256[3] memory before = _balances(actor);
        vm.prank(actor);
        try rewards.claim(ids) returns (uint256[] memory paid) {
            uint256[3] memory afterwards = _balances(actor);
            for (uint256 c; c < 3; ++c) {
                claimed[c] += paid[c];
                if (afterwards[c] - before[c] != paid[c]) _unexpected("claim paid a different amount than reported");
            }
            ++calls["claim"];
        } catch {
            _unexpected("claim of own tokens reverted");
        }
    }

    /// "claim and deposit": the actor's tokens of one coin are claimed into a receiver contract
    function claimInto(uint256 actorSeed, uint256 coinSeed) external {
        address actor = actors[actorSeed % actors.length];
        uint8 coin = uint8(coinSeed % 3);
        uint256[] memory owned = nft.tokensOfOwner(actor);
        uint256[] memory ids = new uint256[](owned.length);
        uint256 n;
        uint256 due;
        for (uint256 i; i < owned.length; ++i) {
            (, uint8 c,,,) = nft.positionOf(owned[i]);
            if (c != coin) continue;
            ids[n++] = owned[i];
            due += rewards.accrued(owned[i]);
        }
        if (due == 0) return;
        assembly {
            mstore(ids, n)
        }
        vm.prank(actor);
        try rewards.claimInto(ids, coin, sink, "") returns (uint256 amount) {
            claimed[coin] += amount;
            if (amount != due) _unexpected("claimInto paid a different amount than accrued");
            ++calls["claimInto"];
        } catch {
            _unexpected("claimInto of own tokens reverted");
        }
    }

    // ---------------------------------------------------------------- helpers for the invariants

    /// @dev First unexpected failure seen (the invariant config does not fail on reverts, so record them).
    string public unexpected;

    function _unexpected(string memory what) internal {
        if (bytes(unexpected).length == 0) unexpected = what;
    }

    function _balances(address who) internal view returns (uint256[3] memory b) {
        for (uint256 c; c < 3; ++c) b[c] = rewards.coinInfo(c).token.balanceOf(who);
    }

    function tokenCount() external view returns (uint256) {
        return tokenIds.length;
    }

    /// @dev Unclaimed rewards owed to all NFTs, per coin.
    function owed() external view returns (uint256[3] memory total) {
        for (uint256 i; i < tokenIds.length; ++i) {
            (, uint8 coin,,,) = nft.positionOf(tokenIds[i]);
            total[coin] += rewards.accrued(tokenIds[i]);
        }
    }

    /// @dev Ends everything: time passes beyond every term, all days are posted and every holder claims.
    function settleAll() external {
        vm.warp(block.timestamp + 400 days);
        for (uint256 c; c < 3; ++c) this.postOutput(c, uint256(keccak256(abi.encode("settle", c))));
        for (uint256 a; a < actors.length; ++a) {
            if (nft.balanceOf(actors[a]) > 0) this.claim(a, type(uint256).max);
        }
    }
}

/// @dev Accepts rewards handed over by claimInto.
contract Sink is IRewardsReceiver {
    function onRewardsClaimed(address, uint8, uint256, bytes calldata) external {}
}

contract InvariantTest is Base {
    Handler internal handler;
    address[] internal actors;
    uint256[] internal productList;
    uint256 internal pTiny;

    function setUp() public override {
        super.setUp();
        vm.prank(owner);
        pTiny = sale.addProduct(_product("tiny FIL lot", FIL, 2, 50, 7, 5e6, 40, 15, T0 - 1 days, T0 + 365 days));

        actors.push(alice);
        actors.push(bob);
        actors.push(carol);
        actors.push(makeAddr("dave"));
        productList.push(pBtc);
        productList.push(pEtc);
        productList.push(pFil);
        productList.push(pTiny);
        handler = new Handler(sale, owner, operator, actors, productList);
        vm.label(address(handler), "Handler");

        bytes4[] memory selectors = new bytes4[](6);
        selectors[0] = Handler.buy.selector;
        selectors[1] = Handler.transfer.selector;
        selectors[2] = Handler.advanceTime.selector;
        selectors[3] = Handler.postOutput.selector;
        selectors[4] = Handler.claim.selector;
        selectors[5] = Handler.claimInto.selector;
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
    }

    // Each invariant_ function is its own campaign of runs x depth calls, so the checks are grouped into two
    // campaigns (reward books and sale books) to keep the suite fast; every check is a named function below.

    /// Reward books: claimed <= funded per coin, balance == funded - claimed, unclaimed rewards are covered, and
    /// every action that must work (transfer, posting finished days, claiming one's own tokens) did.
    function invariant_rewardBooks() public view {
        _checkNoUnexpectedFailures();
        _checkClaimedNeverExceedsFunded();
        _checkBalanceIsFundedMinusClaimedAndCoversAccrued();
    }

    /// Sale books: sold <= supplyCap, each wallet's bought <= perWalletCap, one NFT per purchase, treasury paid.
    function invariant_saleBooks() public view {
        _checkNoUnexpectedFailures();
        _checkSalesRespectCaps();
        _checkOneNftPerPurchaseAndTreasuryPaid();
    }

    function _checkNoUnexpectedFailures() internal view {
        assertEq(handler.unexpected(), "", "an action that must succeed failed");
    }

    function _checkClaimedNeverExceedsFunded() internal view {
        for (uint8 c; c < 3; ++c) {
            Rewards.Coin memory info = rewards.coinInfo(c);
            assertLe(info.totalClaimed, info.totalFunded, "claimed <= funded");
            assertEq(info.totalFunded, handler.funded(c), "funded matches operator payments");
            assertEq(info.totalClaimed, handler.claimed(c), "claimed matches holder receipts");
        }
    }

    function _checkBalanceIsFundedMinusClaimedAndCoversAccrued() internal view {
        uint256[3] memory owed = handler.owed();
        for (uint8 c; c < 3; ++c) {
            Rewards.Coin memory info = rewards.coinInfo(c);
            uint256 balance = _token(c).balanceOf(address(rewards));
            assertEq(balance, info.totalFunded - info.totalClaimed, "balance == funded - claimed");
            assertLe(owed[c], balance, "unclaimed rewards are covered");
        }
    }

    function _checkSalesRespectCaps() internal view {
        for (uint256 i; i < productList.length; ++i) {
            ProductSale.Product memory p = sale.product(productList[i]);
            assertLe(p.sold, p.supplyCap, "sold <= supplyCap");
            uint256 bought;
            for (uint256 a; a < actors.length; ++a) {
                uint256 b = sale.boughtBy(productList[i], actors[a]);
                if (p.perWalletCap != 0) assertLe(b, p.perWalletCap, "bought <= perWalletCap");
                bought += b;
            }
            assertEq(bought, p.sold, "wallet counters add up to sold");
        }
    }

    function _checkOneNftPerPurchaseAndTreasuryPaid() internal view {
        uint256 totalSold;
        for (uint256 i; i < productList.length; ++i) totalSold += sale.product(productList[i]).sold;
        assertEq(totalSold, handler.unitsBought(), "units sold == units bought");
        assertEq(nft.totalSupply(), handler.purchases(), "one NFT per purchase");
        assertEq(usdt.balanceOf(treasury), handler.paidToTreasury(), "treasury received every payment");
        assertEq(usdt.balanceOf(address(sale)), 0, "the sale holds no funds");
    }

    /// After every run: once all terms are over and every holder has claimed, nothing is owed and the dust left
    /// behind is below one base unit per posted day plus one per token (see RewardsFuzzTest for the bound).
    function afterInvariant() public {
        handler.settleAll();
        assertEq(handler.unexpected(), "", "settling failed");
        uint256 tokens = handler.tokenCount();
        for (uint256 i; i < tokens; ++i) {
            assertEq(rewards.accrued(handler.tokenIds(i)), 0, "everything claimed");
        }
        for (uint8 c; c < 3; ++c) {
            Rewards.Coin memory info = rewards.coinInfo(c);
            uint256 dust = info.totalFunded - info.totalClaimed;
            assertEq(_token(c).balanceOf(address(rewards)), dust);
            assertLt(dust, uint256(info.postedDays) + tokens, "dust < posted days + tokens");
        }
    }
}
