/**
 * Serves the agent console at `/console` from adapters/channels/console/ (console.js, console.css,
 * favicon.svg under `/console/…`). Same rules as the web chat: read once at start-up, served from
 * memory, no inline script, so `script-src 'self'` applies. The console's API is agent.routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import { fromRoot } from '../../bot/project-root.js';
import { webPages } from './web.pages.js';

/** From the project root: dist/ (npm start) holds compiled code only, not these files. */
export const CONSOLE_DIR = fromRoot('adapters', 'channels', 'console');

export async function consolePages(app: FastifyInstance, dir: string = CONSOLE_DIR): Promise<void> {
  await webPages(app, dir, '/console');
  // The page's own links are absolute, so `/console/` only needs to land on the page.
  app.get('/console/', async (_req, reply) => reply.redirect('/console', 302));
}
