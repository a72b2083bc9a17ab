/** A small TCP proxy on loopback that can pass traffic, stall it, or reset connections: for fault tests. */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'stall' | 'reset';

export interface FaultProxy {
  port: number;
  url: string;
  mode: ProxyMode;
  /** Switches mode and drops every open connection, keep-alive ones included. */
  setMode(mode: ProxyMode): void;
  /** Resolves when the next bytes pass towards the target in 'pass' mode: a request reaching the service behind the proxy. */
  nextRequest(): Promise<void>;
  close(): Promise<void>;
}

export async function startProxy(targetPort: number): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  const waitingForRequest: (() => void)[] = [];
  const proxy: FaultProxy = {
    port: 0,
    url: '',
    mode: 'pass',
    setMode(mode) {
      proxy.mode = mode;
      for (const s of sockets) s.destroy();
    },
    nextRequest: () => new Promise<void>((resolve) => waitingForRequest.push(resolve)),
    close: async () => {},
  };
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (proxy.mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    if (proxy.mode === 'stall') return; // accept, read nothing back, never answer
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('data', () => {
      for (const resolve of waitingForRequest.splice(0)) resolve();
    });
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.port = (server.address() as { port: number }).port;
  proxy.url = `http://127.0.0.1:${proxy.port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return proxy;
}
