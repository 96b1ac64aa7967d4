import { describe, expect, it } from 'vitest';
import { isLoopbackHost, loopbackOnly } from '#local/loopback-host.ts';

describe('isLoopbackHost', () => {
  it('accepts the loopback names with or without a port', () => {
    const hosts = [
      'localhost',
      'localhost:3000',
      'LOCALHOST:3000',
      '127.0.0.1',
      '127.0.0.1:54321',
      '[::1]',
      '[::1]:3000',
    ];

    expect(hosts.filter((host) => !isLoopbackHost(host))).toEqual([]);
  });

  it('refuses other names, including look-alikes a rebinding attack would use', () => {
    const hosts = [
      'evil.example',
      'evil.example:3000',
      'localhost.evil.example',
      '127.0.0.1.nip.io:3000',
      'evil.localhost:3000',
      '0.0.0.0:3000',
      '::1',
      '',
      undefined,
      null,
    ];

    expect(hosts.filter((host) => isLoopbackHost(host))).toEqual([]);
  });
});

describe('loopbackOnly', () => {
  const inner = loopbackOnly(() => new Response('reached'));

  it('answers 421 with a problem for a foreign Host and never reaches the app', async () => {
    const response = await inner(
      new Request('http://rebind.evil.example:3000/local/sweep', {
        method: 'POST',
        headers: { host: 'rebind.evil.example:3000' },
      }),
    );

    expect(response.status).toBe(421);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 421, instance: '/local/sweep' });
  });

  it('passes loopback requests through', async () => {
    const response = await inner(new Request('http://127.0.0.1:3000/health'));

    expect(await response.text()).toBe('reached');
  });
});
