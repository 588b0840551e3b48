// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {HashNFT} from "../src/HashNFT.sol";
import {Base} from "./Base.t.sol";
import {Base64Decode, Bytes} from "./utils/Base64Decode.sol";

contract HashNFTTest is Base {
    using Bytes for bytes;

    function test_deployment() public view {
        assertEq(nft.name(), "Hashmint Hash Power");
        assertEq(nft.symbol(), "HASH");
        assertEq(nft.owner(), owner);
        assertEq(address(nft.coinInfo()), address(rewards));
        assertEq(nft.nextTokenId(), 1);
        assertTrue(nft.isMinter(address(sale)));
        assertFalse(nft.isMinter(owner));
    }

    // ---------------------------------------------------------------- minting

    function test_setMinter_onlyOwnerAndEmits() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, bob));
        vm.prank(bob);
        nft.setMinter(bob, true);

        vm.expectEmit(address(nft));
        emit HashNFT.MinterSet(bob, true);
        vm.prank(owner);
        nft.setMinter(bob, true);
        assertTrue(nft.isMinter(bob));
        vm.prank(owner);
        nft.setMinter(bob, false);
        assertFalse(nft.isMinter(bob));
    }

    function test_mint_revertsForNonMinter() public {
        vm.expectRevert(abi.encodeWithSelector(HashNFT.NotMinter.selector, owner));
        vm.prank(owner);
        nft.mint(alice, 0, BTC, 10, 100, 200);
    }

    function test_mint_revertsOnZeroHashrate() public {
        vm.expectRevert(HashNFT.ZeroHashrate.selector);
        vm.prank(address(sale));
        nft.mint(alice, 0, BTC, 0, 100, 200);
    }

    function test_mint_revertsOnEmptyTerm() public {
        vm.startPrank(address(sale));
        vm.expectRevert(abi.encodeWithSelector(HashNFT.EmptyTerm.selector, uint64(200), uint64(200)));
        nft.mint(alice, 0, BTC, 10, 200, 200);
        vm.expectRevert(abi.encodeWithSelector(HashNFT.EmptyTerm.selector, uint64(200), uint64(100)));
        nft.mint(alice, 0, BTC, 10, 200, 100);
        vm.stopPrank();
    }

    function test_mint_storesPositionAndEmits() public {
        vm.expectEmit(address(nft));
        emit HashNFT.PositionMinted(1, alice, 7, FIL, 12, 1000, 2000);
        vm.prank(address(sale));
        uint256 id = nft.mint(alice, 7, FIL, 12, 1000, 2000);
        assertEq(id, 1);
        assertEq(nft.nextTokenId(), 2);
        assertEq(nft.ownerOf(1), alice);
        (uint32 productId, uint8 coin, uint64 hashrate, uint64 start, uint64 end) = nft.positionOf(1);
        assertEq(productId, 7);
        assertEq(coin, FIL);
        assertEq(hashrate, 12);
        assertEq(start, 1000);
        assertEq(end, 2000);
    }

    function test_mint_toContractWithoutReceiverReverts() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(usdt)));
        vm.prank(address(sale));
        nft.mint(address(usdt), 0, BTC, 10, 100, 200);
    }

    // ---------------------------------------------------------------- views

    function test_positionOf_revertsForNonexistentToken() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, uint256(1)));
        nft.positionOf(1);
    }

    function test_positions_returnsManyAndRevertsOnMissing() public {
        uint256 a = _buy(alice, pBtc, 2);
        uint256 b = _buy(bob, pFil, 3);
        uint256[] memory ids = new uint256[](2);
        ids[0] = b;
        ids[1] = a;
        HashNFT.Position[] memory ps = nft.positions(ids);
        assertEq(ps.length, 2);
        assertEq(ps[0].productId, pFil);
        assertEq(ps[0].coin, FIL);
        assertEq(ps[0].hashrate, 3);
        assertEq(ps[1].productId, pBtc);
        assertEq(ps[1].hashrate, 20);
        assertEq(ps[1].end - ps[1].start, 30 days);

        ids[1] = 42;
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, uint256(42)));
        nft.positions(ids);
    }

    function test_tokensOfOwner_followsTransfers() public {
        uint256 a = _buy(alice, pBtc, 1);
        uint256 b = _buy(alice, pEtc, 1);
        uint256 c = _buy(bob, pFil, 1);
        uint256[] memory ids = nft.tokensOfOwner(alice);
        assertEq(ids.length, 2);
        assertEq(ids[0], a);
        assertEq(ids[1], b);

        vm.prank(alice);
        nft.transferFrom(alice, bob, a);
        ids = nft.tokensOfOwner(alice);
        assertEq(ids.length, 1);
        assertEq(ids[0], b);
        ids = nft.tokensOfOwner(bob);
        assertEq(ids.length, 2);
        assertEq(ids[0], c);
        assertEq(ids[1], a);
        assertEq(nft.tokensOfOwner(carol).length, 0);
        assertEq(nft.totalSupply(), 3);
    }

    function test_remainingDays_fullTermBeforeStartThenCountsDown() public {
        uint256 id = _buy(alice, pBtc, 1); // term = [day 11, day 41)
        uint256 start = GENESIS + 11 days;
        uint256 end = GENESIS + 41 days;
        assertEq(nft.remainingDays(id, block.timestamp), 30);
        assertEq(nft.remainingDays(id, start), 30);
        assertEq(nft.remainingDays(id, start + 1), 29); // rounds down, as LoanPool's appraisal
        assertEq(nft.remainingDays(id, start + 1 days), 29);
        assertEq(nft.remainingDays(id, start + 1 days + 1), 28);
        assertEq(nft.remainingDays(id, end - 1 days), 1);
        assertEq(nft.remainingDays(id, end - 1), 0);
        assertEq(nft.remainingDays(id, end), 0);
        assertEq(nft.remainingDays(id, end + 365 days), 0);
        assertEq(nft.remainingDays(999, block.timestamp), 0); // unknown token: no term
    }

    // ---------------------------------------------------------------- metadata

    function test_tokenURI_btcJsonAndSvg() public {
        uint256 id = _buy(alice, pBtc, 3); // 30 TH/s, 30 days
        _checkMetadata(id, "BTC", 30, "TH/s", pBtc, 30);
    }

    function test_tokenURI_etcAndFil() public {
        uint256 e = _buy(alice, pEtc, 2); // 200 MH/s, 90 days
        uint256 f = _buy(bob, pFil, 5); // 5 TiB, 180 days
        _checkMetadata(e, "ETC", 200, "MH/s", pEtc, 90);
        _checkMetadata(f, "FIL", 5, "TiB", pFil, 180);
    }

    function test_tokenURI_daysLeftCountsDownToZero() public {
        uint256 id = _buy(alice, pBtc, 1);
        _advanceDays(11); // day 21: 19 d 21 h of the term left: 19 whole days, as the loan appraisal counts
        _checkMetadata(id, "BTC", 10, "TH/s", pBtc, 19);
        _advanceDays(40);
        _checkMetadata(id, "BTC", 10, "TH/s", pBtc, 0);
    }

    function test_tokenURI_revertsForNonexistentToken() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, uint256(1)));
        nft.tokenURI(1);
    }

    function testFuzz_base64Decoder_roundTrips(bytes memory data) public pure {
        assertEq(Base64Decode.decode(Base64.encode(data)), data);
    }

    function _checkMetadata(
        uint256 id,
        string memory symbol,
        uint256 hashrate,
        string memory unit,
        uint256 productId,
        uint256 daysLeft
    ) internal view {
        bytes memory uri = bytes(nft.tokenURI(id));
        bytes memory prefix = "data:application/json;base64,";
        assertTrue(uri.startsWith(prefix), "json data uri");
        string memory json = string(Base64Decode.decode(string(uri.slice(prefix.length))));

        string memory rate = string.concat(vm.toString(hashrate), " ", unit);
        assertEq(vm.parseJsonString(json, ".name"), string.concat("Hashmint #", vm.toString(id), " - ", rate, " ", symbol));
        assertEq(vm.parseJsonString(json, ".attributes[0].trait_type"), "Coin");
        assertEq(vm.parseJsonString(json, ".attributes[0].value"), symbol);
        assertEq(vm.parseJsonString(json, ".attributes[1].trait_type"), "Hashrate");
        assertEq(vm.parseJsonUint(json, ".attributes[1].value"), hashrate);
        assertEq(vm.parseJsonString(json, ".attributes[2].value"), unit);
        assertEq(vm.parseJsonUint(json, ".attributes[3].value"), productId);
        (,,, uint64 start, uint64 end) = nft.positionOf(id);
        assertEq(vm.parseJsonUint(json, ".attributes[4].value"), start);
        assertEq(vm.parseJsonUint(json, ".attributes[5].value"), end);
        assertEq(vm.parseJsonString(json, ".attributes[6].trait_type"), "Days left");
        assertEq(vm.parseJsonUint(json, ".attributes[6].value"), daysLeft);

        bytes memory image = bytes(vm.parseJsonString(json, ".image"));
        bytes memory svgPrefix = "data:image/svg+xml;base64,";
        assertTrue(image.startsWith(svgPrefix), "svg data uri");
        bytes memory svg = Base64Decode.decode(string(image.slice(svgPrefix.length)));
        assertTrue(svg.startsWith("<svg "), "svg root");
        assertTrue(svg.contains(bytes(string.concat(">", symbol, "</text>"))), "svg coin");
        assertTrue(svg.contains(bytes(string.concat(">", rate, "</text>"))), "svg hashrate");
        assertTrue(svg.contains(bytes(string.concat(">", vm.toString(daysLeft), " days left</text>"))), "svg days left");
    }
}
