/** Starts a node:http server and stops it gracefully (in-flight requests finish, idle keep-alive sockets close). */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, port: number, host: string): Promise<Listening> {
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 30_000 }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    port: address.port,
    url: `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Stop accepting; let in-flight requests finish; close keep-alive sockets as soon as they go idle.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const hard = setTimeout(() => server.closeAllConnections(), 8000);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(hard);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
