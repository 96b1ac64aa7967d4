import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyStats {
  sendCalls: number;
  throttled: number;
  serverErrors: number;
  forwarded: number;
}

/**
 * A failing SES endpoint on loopback: SendEmail calls fail before they reach the emulator with the given
 * probability (half throttled with 429 TooManyRequestsException, half 500/503), as SES does under load; everything
 * else is forwarded untouched. `random` is injected so a run is reproducible.
 */
export async function startFailingSesProxy(options: {
  target: string;
  failureRate: number;
  random: () => number;
}): Promise<{ url: string; stats: ProxyStats; close: () => Promise<void> }> {
  const target = new URL(options.target);
  const stats: ProxyStats = { sendCalls: 0, throttled: 0, serverErrors: 0, forwarded: 0 };
  const server: Server = createServer((req, res) => {
    const isSend = req.method === 'POST' && (req.url ?? '').startsWith('/v2/email/outbound-emails');
    if (isSend) stats.sendCalls += 1;
    if (isSend && options.random() < options.failureRate) {
      req.resume();
      const throttle = options.random() < 0.5;
      const status = throttle ? 429 : options.random() < 0.5 ? 500 : 503;
      if (throttle) stats.throttled += 1;
      else stats.serverErrors += 1;
      const type = throttle ? 'TooManyRequestsException' : status === 500 ? 'InternalFailure' : 'ServiceUnavailable';
      res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
      res.end(JSON.stringify({ message: `injected ${type}` }));
      return;
    }
    stats.forwarded += 1;
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A small seeded generator (mulberry32), so fault injection is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
