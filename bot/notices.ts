/**
 * Proactive notices: when the platform pushes a status change (POST /callbacks/172), every
 * conversation that asked to be told about that order hears the new status, with the explanation
 * if it failed, once per status, on its own channel (web chat and REST through the store and the
 * bus, so a reconnecting page catches up; WeChat through its throttled outbox).
 */
import type { Logger } from 'pino';
import type { Reply } from './core/dialog.js';
import { t } from './core/texts.js';
import type { Knowledge } from './knowledge/loader.js';
import { viewOrder, type OrderView } from './order-view.js';
import { maskText } from './pii.js';
import type { Bus } from './core/ports/bus.js';
import type { Order, OrderSource } from './core/ports/order-source.js';
import type { Locale } from './locale.js';
import type { Store } from './core/ports/store.js';
import type { WatchStore } from './core/ports/watch-store.js';

/** The part of the WeChat channel notices need (it keeps its own opt-in and dedupe). */
export interface WechatNotifier {
  setNotifyOptIn(conversationId: string, on: boolean): boolean;
  notifyOrderChange(
    conversationId: string,
    replies: Reply[],
    change: { orderNo: string; status: string },
  ): Promise<string>;
}

export interface NoticesDeps {
  watches: WatchStore;
  store: Store;
  bus: Bus;
  orders: OrderSource;
  knowledge: Knowledge;
  log: Logger;
  wechat?: WechatNotifier | null;
  /** How the dialogs explain an order's status (dialogs/explain-order.ts), so a notice reads like the chat's own answer. */
  explain: (view: OrderView, knowledge: Knowledge, locale: Locale) => Reply[];
}

export class OrderNotices {
  constructor(private readonly d: NoticesDeps) {}

  async seen(conversationId: string, orderNo: string, status: string): Promise<void> {
    await this.d.watches.seen(orderNo, conversationId, status);
  }

  async optIn(conversationId: string, orderNo: string): Promise<void> {
    await this.d.watches.optIn(orderNo, conversationId);
    const conv = await this.d.store.getConversation(conversationId);
    if (conv?.channel === 'wechat') this.d.wechat?.setNotifyOptIn(conversationId, true);
  }

  /**
   * The platform says `orderNo` changed. Re-reads the order (the push carries no contact details)
   * and falls back to the push itself; returns how many customers were told.
   */
  async statusChanged(orderNo: string, pushed: Order): Promise<number> {
    const watchers = (await this.d.watches.watchers(orderNo)).filter((w) => w.notify);
    if (!watchers.length) return 0;
    let record: Order = pushed;
    try {
      // The push is the freshest word on status; the re-read adds the product and the like.
      const reread = await this.d.orders.getOrder(orderNo);
      if (reread) record = { ...reread, ...definedFields(pushed), contactPhone: reread.contactPhone };
    } catch (err) {
      this.d.log.warn({ err, orderNo }, 'order re-read for a notice failed; using the pushed status');
    }
    const view = viewOrder(record, this.d.knowledge);
    let told = 0;
    for (const w of watchers) {
      if (w.status === view.status) continue; // nothing new for this customer
      const conv = await this.d.store.getConversation(w.conversationId);
      if (!conv) continue;
      const replies: Reply[] = [
        { text: t(this.d.knowledge, conv.locale, 'notice_intro', { orderNo }) },
        ...this.d.explain(view, this.d.knowledge, conv.locale),
      ];
      if (conv.channel === 'wechat' && this.d.wechat) {
        await this.d.wechat.notifyOrderChange(conv.id, replies, { orderNo, status: view.status });
      } else {
        for (const r of replies) {
          const msg = await this.d.store.appendMessage(conv.id, {
            from: 'bot',
            text: maskText(r.text),
            suggestions: r.suggestions,
          });
          await this.d.bus.publish(conv.id, { type: 'message', message: msg });
        }
      }
      await this.d.watches.seen(orderNo, conv.id, view.status);
      told++;
    }
    this.d.log.info({ orderNo, status: view.status, told }, 'order status notice');
    return told;
  }
}

function definedFields(r: Order): Partial<Order> {
  return Object.fromEntries(
    Object.entries(r).filter(([, v]) => v !== null && v !== undefined && v !== ''),
  ) as Partial<Order>;
}
