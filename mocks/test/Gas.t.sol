// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Base} from "./Base.t.sol";

/// @notice One operation per test, so that .gas-snapshot shows what each costs. Preparation runs with gas
/// metering paused; only the measured operation (plus a prank) is counted.
contract GasTest is Base {
    uint256 internal pYear; // BTC, 400-day term, so a claim after 365 days is still inside the term

    function setUp() public override {
        super.setUp();
        vm.prank(owner);
        pYear = sale.addProduct(_product("S21 - 400 days", BTC, 10, 175, 400, 150e6, 1000, 0, T0 - 1 days, T0 + 365 days));
        vm.prank(owner);
        usdt.mint(alice, 1_000_000e6);
        vm.prank(alice);
        usdt.approve(address(sale), type(uint256).max);
        // a purchase has happened before, so the measured one is a typical (not the very first) purchase
        _buy(bob, pBtc, 1);
        _buy(bob, pYear, 1);
    }

    function _prepareClaim(uint256 productId, uint256 count, uint256 daysToPost) internal returns (uint256[] memory ids) {
        vm.pauseGasMetering();
        ids = new uint256[](count);
        for (uint256 i; i < count; ++i) ids[i] = _buy(alice, productId, 1 + i);
        _advanceDays(daysToPost + 1);
        _postAll(BTC, BTC_OUT);
        _postAll(ETC, ETC_OUT);
        _postAll(FIL, FIL_OUT);
        vm.resumeGasMetering();
    }

    function test_gas_buy() public {
        vm.prank(alice);
        sale.buy(pBtc, 5);
    }

    function test_gas_buyWithPermit() public {
        vm.pauseGasMetering();
        vm.prank(owner);
        usdt.mint(carol, 100e6);
        (address signer, uint256 key) = makeAddrAndKey("carol");
        uint256 deadline = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"),
                signer,
                address(sale),
                uint256(75e6),
                usdt.nonces(signer),
                deadline
            )
        );
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(key, keccak256(abi.encodePacked("\x19\x01", usdt.DOMAIN_SEPARATOR(), structHash)));
        vm.resumeGasMetering();
        vm.prank(signer);
        sale.buyWithPermit(pBtc, 5, deadline, v, r, s);
    }

    function test_gas_claim1() public {
        uint256[] memory ids = _prepareClaim(pBtc, 1, 10);
        vm.prank(alice);
        rewards.claim(ids);
    }

    function test_gas_claim10() public {
        uint256[] memory ids = _prepareClaim(pBtc, 10, 10);
        vm.prank(alice);
        rewards.claim(ids);
    }

    function test_gas_claim10MixedCoins() public {
        vm.pauseGasMetering();
        uint256[] memory ids = new uint256[](10);
        uint256[3] memory ps = [pBtc, pEtc, pFil];
        for (uint256 i; i < 10; ++i) ids[i] = _buy(alice, ps[i % 3], 1);
        _advanceDays(11);
        _postAll(BTC, BTC_OUT);
        _postAll(ETC, ETC_OUT);
        _postAll(FIL, FIL_OUT);
        vm.resumeGasMetering();
        vm.prank(alice);
        rewards.claim(ids);
    }

    function test_gas_claimAfter1Day() public {
        uint256[] memory ids = _prepareClaim(pYear, 1, 1);
        vm.prank(alice);
        rewards.claim(ids);
    }

    function test_gas_claimAfter365Days() public {
        uint256[] memory ids = _prepareClaim(pYear, 1, 365);
        vm.prank(alice);
        rewards.claim(ids);
    }

    function test_gas_postOutput1Day() public {
        vm.pauseGasMetering();
        _advanceDays(1);
        _post(BTC, _repeat(BTC_OUT, START_DAY)); // catch up to yesterday
        uint256[] memory outs = _one(BTC_OUT);
        vm.resumeGasMetering();
        vm.prank(operator);
        rewards.postOutput(BTC, outs);
    }

    function test_gas_postOutput30Days() public {
        vm.pauseGasMetering();
        _advanceDays(31);
        _post(BTC, _repeat(BTC_OUT, START_DAY + 1)); // catch up to the first earning day
        uint256[] memory outs = _repeat(BTC_OUT, 30);
        vm.resumeGasMetering();
        vm.prank(operator);
        rewards.postOutput(BTC, outs);
    }

    function test_gas_tokenURI() public view {
        nft.tokenURI(1);
    }
}
