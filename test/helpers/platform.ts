/** The whole bot on ORDER_SOURCE=platform against the stand-in 172 platform, for app-level tests. */
import { createPlatformStandIn, type PlatformStandIn } from '../../adapters/orders/platform.stand-in.js';
import type { BuiltApp } from '../../bot/app/app.js';
import { testApp } from './app.js';

export const PLATFORM_USER = 'dist-01';
export const PLATFORM_SECRET = 'platform-secret';

/** A stand-in platform and the bot reading its orders (no look-up cache); `env` adds or overrides settings. */
export async function platformTestApp(
  env: Record<string, string> = {},
): Promise<{ standIn: PlatformStandIn; built: BuiltApp; close: () => Promise<void> }> {
  const standIn = await createPlatformStandIn({ userId: PLATFORM_USER, secret: PLATFORM_SECRET, sign: 'append' });
  const built = await testApp({
    ORDER_SOURCE: 'platform',
    PLATFORM_URL: standIn.url,
    PLATFORM_USER_ID: PLATFORM_USER,
    PLATFORM_SECRET,
    PLATFORM_SIGN: 'append',
    PLATFORM_CACHE_SECONDS: '0',
    ...env,
  });
  return {
    standIn,
    built,
    close: async () => {
      await built.app.close();
      await standIn.close();
    },
  };
}
