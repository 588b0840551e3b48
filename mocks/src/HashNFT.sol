// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Enumerable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Enumerable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

interface ICoinInfo {
    function coinLabels(uint256 coin) external view returns (string memory symbol, string memory unit);
}

/// @title HashNFT
/// @notice One token per purchase of hash power: the product it came from, the coin it mines, its hashrate
/// (in the coin's unit: TH/s, MH/s or TiB) and the start and end of its term. Metadata is rendered on chain.
contract HashNFT is ERC721Enumerable, Ownable2Step {
    using Strings for uint256;

    struct Position {
        uint32 productId;
        uint8 coin;
        uint64 hashrate;
        uint64 start;
        uint64 end;
    }

    ICoinInfo public immutable coinInfo;
    uint256 public nextTokenId = 1;
    mapping(address => bool) public isMinter;
    /// What is stored per token: its position and, in the position's spare bytes (same storage slot), how
    /// many times it has moved. Sharing the slot keeps the count nearly free: a sale reads the position
    /// anyway, and a first move then costs a 2,900-gas update instead of a 20,000-gas new slot.
    struct Stored {
        uint32 productId;
        uint8 coin;
        uint64 hashrate;
        uint64 start;
        uint64 end;
        uint24 moves;
    }

    mapping(uint256 => Stored) private _positions;

    event MinterSet(address indexed account, bool allowed);
    event PositionMinted(
        uint256 indexed tokenId, address indexed to, uint32 indexed productId, uint8 coin, uint64 hashrate, uint64 start, uint64 end
    );

    error NotMinter(address caller);
    error ZeroHashrate();
    error EmptyTerm(uint64 start, uint64 end);

    constructor(ICoinInfo coinInfo_, address owner_) ERC721("Hashmint Hash Power", "HASH") Ownable(owner_) {
        coinInfo = coinInfo_;
    }

    function setMinter(address account, bool allowed) external onlyOwner {
        isMinter[account] = allowed;
        emit MinterSet(account, allowed);
    }

    function mint(address to, uint32 productId, uint8 coin, uint64 hashrate, uint64 start, uint64 end)
        external
        returns (uint256 tokenId)
    {
        if (!isMinter[msg.sender]) revert NotMinter(msg.sender);
        if (hashrate == 0) revert ZeroHashrate();
        if (end <= start) revert EmptyTerm(start, end);
        tokenId = nextTokenId++;
        _positions[tokenId] = Stored(productId, coin, hashrate, start, end, 0);
        _safeMint(to, tokenId);
        emit PositionMinted(tokenId, to, productId, coin, hashrate, start, end);
    }

    /// @dev Counts every move of an existing token (burns included), after ERC721Enumerable's bookkeeping.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = super._update(to, tokenId, auth);
        // wraps after 2^24 moves (16.7 million transfers of one token: billions of USD of gas), never reverts
        if (from != address(0)) {
            unchecked {
                ++_positions[tokenId].moves;
            }
        }
    }

    /// @notice How many times a token has moved between accounts (mint excluded), modulo 2^24. A marketplace
    /// listing or token offer records it, and is void once it changes, so a token that leaves and comes back
    /// (e.g. after a repaid loan) does not bring old prices back to life.
    function transferCount(uint256 tokenId) external view returns (uint64) {
        return _positions[tokenId].moves;
    }

    function positionOf(uint256 tokenId)
        external
        view
        returns (uint32 productId, uint8 coin, uint64 hashrate, uint64 start, uint64 end)
    {
        _requireOwned(tokenId);
        Stored storage p = _positions[tokenId];
        return (p.productId, p.coin, p.hashrate, p.start, p.end);
    }

    /// @notice Positions of many tokens in one call (for portfolio and marketplace pages).
    function positions(uint256[] calldata tokenIds) external view returns (Position[] memory out) {
        out = new Position[](tokenIds.length);
        for (uint256 i; i < tokenIds.length; ++i) {
            _requireOwned(tokenIds[i]);
            Stored storage p = _positions[tokenIds[i]];
            out[i] = Position(p.productId, p.coin, p.hashrate, p.start, p.end);
        }
    }

    /// @notice Every token id an account holds.
    function tokensOfOwner(address account) external view returns (uint256[] memory ids) {
        uint256 n = balanceOf(account);
        ids = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            ids[i] = tokenOfOwnerByIndex(account, i);
        }
    }

    /// @notice Whole days left in the term at `timestamp`, rounded down (the full term before it starts,
    /// zero on its last, partial day and after): the count LoanPool's appraisal values the NFT with, so the
    /// image and the loan say the same number.
    function remainingDays(uint256 tokenId, uint256 timestamp) public view returns (uint256) {
        Stored storage p = _positions[tokenId];
        if (timestamp >= p.end) return 0;
        uint256 from = timestamp > p.start ? timestamp : p.start;
        return (p.end - from) / 1 days;
    }

    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        Stored storage s = _positions[tokenId];
        Position memory p = Position(s.productId, s.coin, s.hashrate, s.start, s.end);
        (string memory symbol, string memory unit) = coinInfo.coinLabels(p.coin);
        string memory rate = string.concat(uint256(p.hashrate).toString(), " ", unit);
        string memory left = remainingDays(tokenId, block.timestamp).toString();
        string memory image = Base64.encode(bytes(_svg(symbol, rate, left, tokenId)));
        string memory head = string.concat(
            '{"name":"Hashmint #', tokenId.toString(), " - ", rate, " ", symbol,
            '","description":"Hash power mining ', symbol, ' for a fixed term. Electricity is included in the price.",'
        );
        head = string.concat(head, '"image":"data:image/svg+xml;base64,', image, '",');
        return string.concat("data:application/json;base64,", Base64.encode(bytes(string.concat(head, _attributes(p, symbol, unit, left)))));
    }

    function _attributes(Position memory p, string memory symbol, string memory unit, string memory left)
        private
        pure
        returns (string memory)
    {
        string memory a = string.concat(
            '"attributes":[{"trait_type":"Coin","value":"', symbol,
            '"},{"trait_type":"Hashrate","value":', uint256(p.hashrate).toString(),
            '},{"trait_type":"Unit","value":"', unit,
            '"},{"trait_type":"Product","value":', uint256(p.productId).toString()
        );
        return string.concat(
            a,
            '},{"trait_type":"Term start","display_type":"date","value":', uint256(p.start).toString(),
            '},{"trait_type":"Term end","display_type":"date","value":', uint256(p.end).toString(),
            '},{"trait_type":"Days left","value":', left, "}]}"
        );
    }

    function _svg(string memory symbol, string memory rate, string memory left, uint256 tokenId)
        private
        pure
        returns (string memory)
    {
        string memory accent = _accent(symbol);
        return string.concat(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 320" font-family="sans-serif">',
            '<rect width="320" height="320" rx="24" fill="#0f172a"/>',
            '<circle cx="260" cy="60" r="36" fill="', accent, '" opacity="0.9"/>',
            '<text x="260" y="67" text-anchor="middle" font-size="18" font-weight="700" fill="#0f172a">', symbol, "</text>",
            '<text x="24" y="48" font-size="16" fill="#94a3b8">Hashmint #', tokenId.toString(), "</text>",
            '<text x="24" y="170" font-size="40" font-weight="700" fill="#f8fafc">', rate, "</text>",
            '<text x="24" y="206" font-size="18" fill="', accent, '">', symbol, " hash power</text>",
            '<text x="24" y="284" font-size="18" fill="#cbd5e1">', left, " days left</text></svg>"
        );
    }

    function _accent(string memory symbol) private pure returns (string memory) {
        bytes32 h = keccak256(bytes(symbol));
        if (h == keccak256("BTC")) return "#f7931a";
        if (h == keccak256("FIL")) return "#0090ff";
        return "#3ab83a";
    }
}
