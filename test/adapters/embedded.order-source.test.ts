import { EmbeddedOrderSource } from '../../adapters/orders/embedded.order-source.js';
import { orderSourceContract } from '../ports/order-source.contract.js';

orderSourceContract('embedded demo orders', async () => ({ source: EmbeddedOrderSource.fromFile() }));
