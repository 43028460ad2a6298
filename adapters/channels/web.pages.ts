/**
 * Serves the customer web chat at `/` from adapters/channels/web/. Files are read once at
 * start-up and served from memory; there is no inline script, so a strict CSP can apply.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { fromRoot } from '../../bot/project-root.js';

/** From the project root: dist/ (npm start) holds compiled code only, not these files. */
const WEB_DIR = fromRoot('adapters', 'channels', 'web');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export async function webPages(app: FastifyInstance, dir: string = WEB_DIR, prefix = ''): Promise<void> {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (type) files.set(name, { body: fs.readFileSync(path.join(dir, name)), type });
  }
  const serve = (name: string) => async (_req: unknown, reply: import('fastify').FastifyReply) => {
    const f = files.get(name)!;
    return reply.type(f.type).header('cache-control', 'no-cache').send(f.body);
  };
  app.get(prefix || '/', serve('index.html'));
  for (const name of files.keys()) if (name !== 'index.html') app.get(`${prefix}/${name}`, serve(name));
}
