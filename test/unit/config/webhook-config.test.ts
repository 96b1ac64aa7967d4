import { describe, expect, it } from 'vitest';
import { LEVER_MAX_AGE_LIMIT_SECONDS, loadWebhookSettings } from '#config/webhook-config.ts';

describe('the Lever webhook settings', () => {
  it('caps LEVER_MAX_AGE_SECONDS at 300: the signature does not cover the data, the age is the replay window', () => {
    expect(loadWebhookSettings({ LEVER_MAX_AGE_SECONDS: '300' }).leverMaxAgeSeconds).toBe(300);
    expect(LEVER_MAX_AGE_LIMIT_SECONDS).toBe(300);
    expect(() => loadWebhookSettings({ LEVER_MAX_AGE_SECONDS: '301' })).toThrow(/LEVER_MAX_AGE_SECONDS/);
    expect(() => loadWebhookSettings({ LEVER_MAX_AGE_SECONDS: '86400' })).toThrow(/LEVER_MAX_AGE_SECONDS/);
  });

  it('sends the API key only over https, or over http to this machine (the fake Lever in tests)', () => {
    const url = (LEVER_API_URL: string) => loadWebhookSettings({ LEVER_API_URL }).leverApiUrl;

    expect(url('https://api.sandbox.lever.co/v1/')).toBe('https://api.sandbox.lever.co/v1');
    expect(url('http://127.0.0.1:4567/v1')).toBe('http://127.0.0.1:4567/v1');
    expect(url('http://localhost:4567/v1')).toBe('http://localhost:4567/v1');
    expect(url('http://[::1]:4567/v1')).toBe('http://[::1]:4567/v1');
    expect(() => url('http://api.lever.co/v1')).toThrow(/LEVER_API_URL: must be https/);
    expect(() => url('http://127.0.0.1.attacker.example/v1')).toThrow(/LEVER_API_URL/);
    expect(() => url('ftp://api.lever.co/v1')).toThrow(/LEVER_API_URL/);
  });
});
