// Every handler, one module per product line. A new contract event is one more `ponder.on` in its module.
import './handlers/coins';
import './handlers/nft';
import './handlers/marketplace';
import './handlers/offers';
import './handlers/governance';
import './handlers/loans';
import './handlers/deposits';
import './handlers/pools';
