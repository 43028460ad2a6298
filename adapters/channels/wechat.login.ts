/**
 * The WeChat account's session: shows the login QR code (terminal and console), keeps the login
 * state for `status()`, and restarts the puppet with backoff after a logout or a fatal error.
 */
import type { Logger } from 'pino';
import { qrcodeValueToImageUrl, types, type ContactSelf, type Wechaty } from 'wechaty';
import type { OutboxStatus, WechatAlert } from './wechat.outbox.js';

export interface LoginSettings {
  /** Backoff before restart n is `restartBaseMs * 2^(n-1)`, capped at `restartMaxMs`; reset by a login. */
  restartBaseMs: number;
  restartMaxMs: number;
  /** Where the QR code goes for whoever runs the server (stdout by default). */
  print: (text: string) => void;
}

export interface WechatStatus {
  state: 'stopped' | 'starting' | 'waiting-scan' | 'logged-in' | 'logged-out' | 'restarting';
  /** The latest QR payload while waiting for a scan, and an image of it to show in the console. */
  qrcode: string | null;
  qrcodeImageUrl: string | null;
  scanStatus: string | null;
  user: { id: string; name: string } | null;
  restarts: number;
  lastError: string | null;
  since: string;
  outbox: Record<OutboxStatus, number>;
}

interface Hooks {
  onAlert: (a: WechatAlert) => void;
  onLogin: () => void;
  onLogout: () => void;
  status: () => Record<OutboxStatus, number>;
}

export class WechatLogin {
  private readonly s: LoginSettings;
  private readonly hooks: Hooks;
  private st: Omit<WechatStatus, 'outbox'> = {
    state: 'stopped',
    qrcode: null,
    qrcodeImageUrl: null,
    scanStatus: null,
    user: null,
    restarts: 0,
    lastError: null,
    since: new Date().toISOString(),
  };
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private restarting = false;
  private stopped = true;

  constructor(
    private readonly w: Wechaty,
    private readonly log: Logger,
    opts: Partial<LoginSettings> & Hooks,
  ) {
    this.s = { restartBaseMs: 2000, restartMaxMs: 300_000, print: (t) => process.stdout.write(`${t}\n`), ...opts };
    this.hooks = opts;
  }

  private readonly onScan = (qrcode: string, status: types.ScanStatus) => {
    this.set({
      state: 'waiting-scan',
      qrcode,
      qrcodeImageUrl: qrcodeValueToImageUrl(qrcode),
      scanStatus: types.ScanStatus[status] ?? String(status),
    });
    if (status === types.ScanStatus.Waiting || status === types.ScanStatus.Timeout) void this.printQr(qrcode);
  };
  private readonly onLogin = (user: ContactSelf) => {
    this.attempt = 0;
    this.set({
      state: 'logged-in',
      qrcode: null,
      qrcodeImageUrl: null,
      scanStatus: null,
      user: { id: user.id, name: user.name() },
    });
    this.log.info({ user: user.id }, 'WeChat logged in');
    this.hooks.onLogin();
  };
  private readonly onLogout = (user: ContactSelf, reason?: string) => {
    this.set({ state: 'logged-out' });
    this.hooks.onLogout();
    if (this.restarting || this.stopped) return;
    this.alert({ kind: 'logout', message: `WeChat account ${user.id} logged out${reason ? `: ${reason}` : ''}` });
    this.scheduleRestart();
  };
  private readonly onError = (e: Error) => {
    this.st.lastError = e.message;
    this.alert({ kind: 'error', message: `WeChat error: ${e.message}` });
    // wechaty reports many recoverable errors (a failing listener, a payload it could not load); only
    // a session that is gone is worth a restart.
    if (!this.w.isLoggedIn) this.scheduleRestart();
  };

  async start(): Promise<void> {
    this.stopped = false;
    this.w.on('scan', this.onScan).on('login', this.onLogin).on('logout', this.onLogout).on('error', this.onError);
    this.set({ state: 'starting' });
    await this.w.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.w.off('scan', this.onScan).off('login', this.onLogin).off('logout', this.onLogout).off('error', this.onError);
    await this.w.stop();
    this.set({ state: 'stopped' });
  }

  status(): WechatStatus {
    return { ...this.st, outbox: this.hooks.status() };
  }

  private scheduleRestart(): void {
    if (this.stopped || this.timer || this.restarting) return;
    this.attempt++;
    const wait = Math.min(this.s.restartBaseMs * 2 ** (this.attempt - 1), this.s.restartMaxMs);
    this.set({ state: 'restarting' });
    this.log.warn({ attempt: this.attempt, waitMs: wait }, 'WeChat puppet restart scheduled');
    this.timer = setTimeout(() => void this.restart(), wait);
    this.timer.unref();
  }

  private async restart(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    this.restarting = true;
    try {
      await this.w.stop();
      await this.w.start();
      this.st.restarts++;
      if (!this.w.isLoggedIn && this.st.state === 'restarting') this.set({ state: 'starting' });
    } catch (e) {
      this.alert({
        kind: 'restart-failed',
        message: `WeChat puppet restart failed: ${e instanceof Error ? e.message : String(e)}`,
      });
      this.restarting = false;
      this.scheduleRestart();
      return;
    }
    this.restarting = false;
  }

  private async printQr(qrcode: string): Promise<void> {
    try {
      // Optional: draws the code in the terminal when the package happens to be installed.
      const name = 'qrcode-terminal';
      const mod = (await import(name)) as {
        default?: { generate: (t: string, o: object, cb: (s: string) => void) => void };
      };
      mod.default?.generate(qrcode, { small: true }, (art) => this.s.print(art));
    } catch {
      /* not installed: the link below is enough */
    }
    this.s.print(`扫码登录微信 / scan to log in to WeChat: ${qrcodeValueToImageUrl(qrcode)}`);
  }

  private alert(a: WechatAlert): void {
    this.log.error({ kind: a.kind }, a.message);
    this.hooks.onAlert(a);
  }

  private set(p: Partial<WechatStatus>): void {
    this.st = { ...this.st, ...p, since: new Date().toISOString() };
  }
}
