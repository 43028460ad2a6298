import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/config.js';

describe('config', () => {
  it('fills the documented defaults', () => {
    const c = loadConfig({});
    expect(c.http).toEqual({ port: 3000, host: '127.0.0.1' });
    expect(c.orders.source).toBe('embedded');
    expect(c.agentAuth).toBe('dev');
    expect(c.wechat).toBeNull();
    expect(Object.isFrozen(c) && Object.isFrozen(c.http)).toBe(true);
  });

  it('names every bad variable in one readable error', () => {
    try {
      loadConfig({ PORT: 'abc', ORDER_SOURCE: 'ftp' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/ORDER_SOURCE/);
    }
  });

  it('asks for the platform settings when ORDER_SOURCE=platform', () => {
    expect(() => loadConfig({ ORDER_SOURCE: 'platform' })).toThrow(/PLATFORM_URL, PLATFORM_USER_ID, PLATFORM_SECRET/);
  });

  it('refuses dev sign-in in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AGENT_AUTH: 'dev' })).toThrow(/AGENT_AUTH=dev is refused/);
  });

  it('takes TRUST_PROXY as a number of proxies or their addresses, and refuses to trust every hop', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,loopback,::1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'loopback',
      '::1',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      /TRUST_PROXY=true would believe every X-Forwarded-For hop/,
    );
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/40,proxy.local' })).toThrow(/not 10\.0\.0\.0\/40, proxy\.local/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '' }).http.port).toBe(3000);
  });
});
