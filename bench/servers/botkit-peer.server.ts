/**
 * The peer a Botkit user starts from: Botkit 4 with botbuilder-adapter-web's websocket and
 * MemoryStorage, on Botkit's own webserver (it reads PORT), answering one canned line per message.
 * GET /healthz is added so the bench can wait for it the same way as for the others.
 */
import { Botkit } from 'botkit';
import { WebAdapter } from 'botbuilder-adapter-web';
import { MemoryStorage } from 'botbuilder';

const controller = new Botkit({ adapter: new WebAdapter(), storage: new MemoryStorage() });
controller.webserver.get('/healthz', (_req: unknown, res: { json(b: unknown): void }) => res.json({ status: 'ok' }));
controller.on('message', async (bot, message) => {
  await bot.reply(message, '已收到，您的订单我们会尽快核实。');
});
