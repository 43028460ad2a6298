/**
 * `npm run demo:platform`: a local stand-in of the 172 open API serving the bundled demo orders
 * (or ORDERS_FILE), for trying the bot with ORDER_SOURCE=platform without a distributor account.
 * Listens on PORT (default 4172). The user id, secret and sign variant are demo values unless
 * PLATFORM_USER_ID, PLATFORM_SECRET, PLATFORM_SIGN are set.
 */
import { createPlatformStandIn, type StandInMode } from '../adapters/orders/platform.stand-in.js';

const port = Number(process.env.PORT ?? 4172);
const userId = process.env.PLATFORM_USER_ID ?? 'demo-distributor';
const secret = process.env.PLATFORM_SECRET ?? 'demo-secret-change-me';
const signVariant = process.env.PLATFORM_SIGN === 'amp-secret' ? 'amp-secret' : 'append';
const mode = (process.env.STAND_IN_MODE ?? 'ok') as StandInMode;

const standIn = await createPlatformStandIn({
  userId,
  secret,
  sign: signVariant,
  port,
  host: process.env.HOST ?? '127.0.0.1',
  ordersFile: process.env.ORDERS_FILE,
  mode,
  latencyMs: Number(process.env.STAND_IN_LATENCY_MS ?? 0),
});

console.log(`172 platform stand-in listening on ${standIn.url} (mode ${mode})`);
console.log('Point the bot at it with:');
console.log(
  `  ORDER_SOURCE=platform PLATFORM_URL=${standIn.url} PLATFORM_USER_ID=${userId} PLATFORM_SECRET=${secret} PLATFORM_SIGN=${signVariant} npm start`,
);

const stop = () => {
  void standIn.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
