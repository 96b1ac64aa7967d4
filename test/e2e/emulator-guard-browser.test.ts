import { createServer, type Server } from 'node:http';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCredentials } from '#local/emulator-guard.ts';
import { LOCAL_REGION, listen, type RunningServer, startDynalite, startSesEmulator } from '#local/emulators.ts';
import { launchChromium } from '#test/support/browser.ts';

const TOKEN = 'emulator-guard-browser-token-1234';
const SUBJECT = 'Your reply token is in here';
let dynalite: RunningServer;
let ses: RunningServer;
let attacker: RunningServer;
let browser: Browser;

/**
 * A page from another origin on this machine (any site the developer visits could serve the same script):
 * it tries to read dynalite and the SES store, and to clear the store by fetch and by a plain form post.
 */
function attackerPage(): string {
  const db = dynalite.url;
  const mail = ses.url;
  const mailByName = mail.replace('127.0.0.1', 'localhost');
  return `<!doctype html><html lang="en"><title>elsewhere</title><body><iframe name="sink" title="sink"></iframe>
<form id="clear" method="post" action="${mail}/clear-store" target="sink"><input name="x" value="1"></form>
<script>
async function attempt(label, run) {
  try { const r = await run(); return label + ': read ' + r.status + ' ' + (await r.text()).slice(0, 80); }
  catch (e) { return label + ': refused'; }
}
window.results = (async () => {
  const results = [];
  results.push(await attempt('dynalite ListTables', () => fetch('${db}/', { method: 'POST', body: '{}',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' } })));
  results.push(await attempt('dynalite simple post', () => fetch('${db}/', { method: 'POST', body: '{}' })));
  results.push(await attempt('ses store', () => fetch('${mail}/store')));
  results.push(await attempt('ses store by name', () => fetch('${mailByName}/store')));
  results.push(await attempt('ses clear by fetch', () => fetch('${mail}/clear-store', { method: 'POST' })));
  await fetch('${mail}/clear-store', { method: 'POST', mode: 'no-cors' }).catch(() => undefined);
  const sink = document.querySelector('iframe');
  const loaded = new Promise((resolve) => sink.addEventListener('load', resolve, { once: true }));
  document.getElementById('clear').submit();
  await loaded;
  return results;
})();
</script></body></html>`;
}

async function storedSubjects(): Promise<string[]> {
  const response = await fetch(`${ses.url}/store`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const { emails } = (await response.json()) as { emails: { subject: string }[] };
  return emails.map((e) => e.subject);
}

beforeAll(async () => {
  dynalite = await startDynalite({ port: 0, token: TOKEN });
  ses = await startSesEmulator({ port: 0, token: TOKEN });
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(attackerPage());
  });
  attacker = await listen(server, 0, 'ATTACKER_PORT');
  const client = new SESv2Client({ endpoint: ses.url, region: LOCAL_REGION, credentials: localCredentials(TOKEN) });
  await client.send(
    new SendEmailCommand({
      FromEmailAddress: 'talent@acme.example',
      Destination: { ToAddresses: ['ada@example.com'] },
      Content: { Simple: { Subject: { Data: SUBJECT }, Body: { Text: { Data: 'reply+secret@replies.example' } } } },
    }),
  );
  client.destroy();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await attacker?.close();
  await dynalite?.close();
  await ses?.close();
});

describe('the local emulators in a browser', () => {
  it('a page from another localhost origin can neither read dynalite or the mail store nor clear it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://localhost:${attacker.port}/`);
    const results = await page.evaluate(() => (window as unknown as { results: Promise<string[]> }).results);
    await context.close();

    expect(results).toEqual([
      'dynalite ListTables: refused',
      'dynalite simple post: refused',
      'ses store: refused',
      'ses store by name: refused',
      'ses clear by fetch: refused',
    ]);
    expect(await storedSubjects()).toEqual([SUBJECT]);
  });

  it("the developer's own mail viewer still shows the sent email", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${ses.url}/`);
    await expect(page.getByText(SUBJECT).first().waitFor({ timeout: 10_000 })).resolves.toBeUndefined();
    await context.close();
  });
});
