// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Test-only stand-in for HashNFT's code, for the browser test of hostile metadata (e2e/safety.spec.ts).
/// The test copies the real HashNFT runtime code to `impl`, then puts this contract's runtime code at
/// HashNFT's address with anvil_setCode. `tokenURI` answers with hostile payloads; every other call is
/// delegated to the real code, so owners, positions and events keep working on the same storage.
contract HostileHashNFT {
    address private immutable impl;

    constructor(address impl_) {
        impl = impl_;
    }

    /// @notice Token 1: markup and script in name and description, a javascript: image.
    /// Token 2: an HTML data: "image". Token 3: an SVG image that carries a script and an onload handler.
    /// Token 4: a 1 MiB image. Any other token: a URI that is not JSON at all.
    function tokenURI(uint256 tokenId) external pure returns (string memory) {
        if (tokenId == 1) {
            return string.concat(
                "data:application/json,",
                '{"name":"<img src=x onerror=\\"window.__pwned=1\\"><script>window.__pwned=2</script>",',
                '"description":"<script>alert(1)</script><iframe src=\\"javascript:alert(2)\\"></iframe>",',
                '"image":"javascript:window.__pwned=3"}'
            );
        }
        if (tokenId == 2) {
            return string.concat(
                "data:application/json,",
                '{"name":"html","image":"data:text/html,<script>window.__pwned=4</script><h1>owned</h1>"}'
            );
        }
        if (tokenId == 3) {
            return string.concat(
                "data:application/json,",
                '{"name":"Hostile SVG","image":"data:image/svg+xml,',
                "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 10 10' onload='window.__pwned=5'>",
                "<script>window.__pwned=6;alert(3)</script><rect width='10' height='10' fill='crimson'/></svg>",
                '"}'
            );
        }
        if (tokenId == 4) _returnHuge(1024 * 1024);
        return "javascript:window.__pwned=7";
    }

    /// @dev Returns (ABI-encoded, straight from assembly so memory is paid once) the string
    /// `data:application/json,{"name":"huge","image":"data:image/svg+xml;base64,AAAA…"}` of `size` bytes.
    /// Size is bounded by the eth_call gas cap: memory gas grows with its square, and a multicall copies
    /// the answer twice more, so 1 MiB (~11M gas through Multicall3) is about what a 30M cap can read.
    function _returnHuge(uint256 size) private pure {
        bytes memory head = bytes('data:application/json,{"name":"huge","image":"data:image/svg+xml;base64,');
        assembly {
            let start := mload(0x40)
            mstore(start, 0x20)
            mstore(add(start, 0x20), size)
            let p := add(start, 0x40)
            let end := add(p, size)
            let word := 0x4141414141414141414141414141414141414141414141414141414141414141
            for { let q := p } lt(q, add(end, 31)) { q := add(q, 32) } { mstore(q, word) }
            let hl := mload(head)
            for { let i := 0 } lt(i, hl) { i := add(i, 1) } { mstore8(add(p, i), byte(0, mload(add(add(head, 32), i)))) }
            mstore8(sub(end, 2), 0x22) // "
            mstore8(sub(end, 1), 0x7d) // }
            // zero the padding after the string
            let padded := and(add(size, 31), not(31))
            for { let q := end } lt(q, add(p, padded)) { q := add(q, 1) } { mstore8(q, 0) }
            return(start, add(0x40, padded))
        }
    }

    fallback() external payable {
        address target = impl;
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), target, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch ok
            case 0 { revert(0, returndatasize()) }
            default { return(0, returndatasize()) }
        }
    }

    receive() external payable {}
}
