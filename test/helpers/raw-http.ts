/** HTTP written by hand over a socket, for what fetch will not send: slow bodies, huge headers. */
import net from 'node:net';

export interface RawHttp {
  socket: net.Socket;
  /** Resolves with everything the server sent, once it closes the connection. */
  closed: Promise<string>;
}

export function rawHttp(port: number, request: string): RawHttp {
  const socket = net.connect(port, '127.0.0.1');
  let got = '';
  socket.on('data', (d) => {
    got += String(d);
  });
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(got)));
  socket.on('error', () => undefined);
  socket.write(request);
  return { socket, closed };
}

/** The status and the JSON body of a raw response. */
export function parseResponse(raw: string): { status: number; headers: string; body: unknown } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]), headers: head, body: body ? JSON.parse(body) : null };
}
