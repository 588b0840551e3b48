// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Minimal standard-alphabet base64 decoder for checking on-chain metadata in tests.
library Base64Decode {
    function decode(string memory s) internal pure returns (bytes memory out) {
        bytes memory data = bytes(s);
        require(data.length % 4 == 0, "base64: bad length");
        if (data.length == 0) return out;
        uint256 pad;
        if (data[data.length - 1] == "=") ++pad;
        if (data[data.length - 2] == "=") ++pad;
        out = new bytes((data.length / 4) * 3 - pad);
        uint256 o;
        for (uint256 i; i < data.length; i += 4) {
            uint256 n = (_value(data[i]) << 18) | (_value(data[i + 1]) << 12) | (_value(data[i + 2]) << 6)
                | _value(data[i + 3]);
            if (o < out.length) out[o++] = bytes1(uint8(n >> 16));
            if (o < out.length) out[o++] = bytes1(uint8(n >> 8));
            if (o < out.length) out[o++] = bytes1(uint8(n));
        }
    }

    function _value(bytes1 c) private pure returns (uint256) {
        uint8 x = uint8(c);
        if (x >= 0x41 && x <= 0x5a) return x - 0x41; // A-Z
        if (x >= 0x61 && x <= 0x7a) return x - 0x61 + 26; // a-z
        if (x >= 0x30 && x <= 0x39) return x - 0x30 + 52; // 0-9
        if (x == 0x2b) return 62; // +
        if (x == 0x2f) return 63; // /
        if (x == 0x3d) return 0; // = (padding)
        revert("base64: bad character");
    }
}

library Bytes {
    function startsWith(bytes memory data, bytes memory prefix) internal pure returns (bool) {
        if (prefix.length > data.length) return false;
        for (uint256 i; i < prefix.length; ++i) {
            if (data[i] != prefix[i]) return false;
        }
        return true;
    }

    function slice(bytes memory data, uint256 from) internal pure returns (bytes memory out) {
        out = new bytes(data.length - from);
        for (uint256 i; i < out.length; ++i) {
            out[i] = data[from + i];
        }
    }

    function contains(bytes memory data, bytes memory needle) internal pure returns (bool) {
        if (needle.length == 0) return true;
        if (needle.length > data.length) return false;
        for (uint256 i; i <= data.length - needle.length; ++i) {
            bool ok = true;
            for (uint256 j; j < needle.length; ++j) {
                if (data[i + j] != needle[j]) {
                    ok = false;
                    break;
                }
            }
            if (ok) return true;
        }
        return false;
    }
}
