/**
 * The limit: bare fastify + @fastify/websocket on the same frames as /ws/chat, doing no work per
 * turn beyond parsing the frame and sending one message and a turn_end. Listens on PORT, 127.0.0.1.
 */
import Fastify from 'fastify';
import websocket from '@fastify/websocket';

const app = Fastify({ logger: false });
await app.register(websocket, { options: { maxPayload: 16 * 1024 } });
app.get('/healthz', async () => ({ status: 'ok' }));
let conversations = 0;
app.get('/ws/chat', { websocket: true }, (socket) => {
  const conversationId = `echo-${++conversations}`;
  let seq = 0;
  socket.send(JSON.stringify({ type: 'session', conversationId, token: 'none' }));
  socket.on('message', (data: Buffer) => {
    let f: { type?: unknown; text?: unknown };
    try {
      f = JSON.parse(data.toString('utf8')) as typeof f;
    } catch {
      socket.send(JSON.stringify({ type: 'error', code: 'INVALID_JSON' }));
      return;
    }
    seq += 1;
    socket.send(JSON.stringify({ type: 'message', from: 'bot', text: String(f.text), seq }));
    socket.send(JSON.stringify({ type: 'turn_end', seq }));
  });
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
