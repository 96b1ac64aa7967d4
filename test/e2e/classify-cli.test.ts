import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run --silent classify` as a user runs it, with `input` on stdin. */
function classify(input: string | Buffer, args: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'classify', '--', ...args], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe('npm run classify', () => {
  it('reads JSON lines on stdin and writes one classification per line on stdout', async () => {
    // Prepare
    const input = [
      { id: 'warm', text: 'Thank you, please keep me in mind and could you recommend me elsewhere?' },
      { id: 'burned', text: "This job must be a scam and you the trickster … you're a dick." },
      { id: 'sad', text: 'I am disappointed, I really wanted this job. Good luck.' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');

    // Act
    const run = await classify(input);

    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['warm', 'burned', 'sad']);
    expect(Object.keys(lines[0])).toEqual([
      'id',
      'sentiment',
      'hostile',
      'hostility',
      'categories',
      'intents',
      'language',
    ]);
    expect(lines[0]).toMatchObject({ sentiment: { label: 'positive' }, hostile: false });
    expect(lines[0].intents).toEqual(expect.arrayContaining(['thanks', 'keep-in-touch', 'referral-request']));
    expect(lines[1]).toMatchObject({ hostile: true });
    expect(lines[1].categories).toEqual(expect.arrayContaining(['accusation', 'insult']));
    expect(lines[2]).toMatchObject({ hostile: false });
  });

  it('reads English, German, French and Spanish replies without being told their language', async () => {
    // Prepare: one line each of thanks, a feedback request and abuse per language, no "language" field
    const input = [
      { id: 'en-warm', text: 'Thank you so much for your kind words, please keep me in mind.' },
      { id: 'de-feedback', text: 'Könnten Sie mir sagen, woran es gelegen hat?' },
      { id: 'de-abuse', text: 'Peinlich und inkompetent, ein Haufen Clowns.' },
      { id: 'de-sad', text: 'Schade, ich bin enttäuscht.' },
      { id: 'fr-feedback', text: 'Pourriez-vous me dire ce qui a manqué ?' },
      { id: 'fr-abuse', text: 'Quelle arnaque, vous êtes des escrocs.' },
      { id: 'fr-sad', text: "C'est dommage, je suis vraiment déçu." },
      { id: 'es-warm', text: 'Muchas gracias por su respuesta. Ténganme en cuenta para futuras oportunidades.' },
      { id: 'es-abuse', text: 'Su proceso es vergonzoso y su equipo es una panda de incompetentes.' },
      { id: 'es-sad', text: 'Qué pena, estoy muy decepcionado.' },
    ]
      .map((line) => JSON.stringify(line))
      .join('\n');

    // Act
    const run = await classify(input);

    // Assess
    expect(run.code).toBe(0);
    const byId = new Map(
      run.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .map((l) => [l.id, l]),
    );
    const pick = (id: string) => {
      const l = byId.get(id);
      return { language: l?.language, hostile: l?.hostile, intents: l?.intents };
    };
    expect(pick('en-warm')).toEqual({ language: 'en', hostile: false, intents: ['thanks', 'keep-in-touch'] });
    expect(pick('de-feedback')).toEqual({ language: 'de', hostile: false, intents: ['feedback-request'] });
    expect(pick('de-abuse')).toEqual({ language: 'de', hostile: true, intents: [] });
    expect(pick('de-sad')).toEqual({ language: 'de', hostile: false, intents: [] });
    expect(pick('fr-feedback')).toEqual({ language: 'fr', hostile: false, intents: ['feedback-request'] });
    expect(pick('fr-abuse')).toEqual({ language: 'fr', hostile: true, intents: [] });
    expect(pick('fr-sad')).toEqual({ language: 'fr', hostile: false, intents: [] });
    expect(pick('es-warm')).toEqual({ language: 'es', hostile: false, intents: ['thanks', 'keep-in-touch'] });
    expect(pick('es-abuse')).toEqual({ language: 'es', hostile: true, intents: [] });
    expect(pick('es-sad')).toEqual({ language: 'es', hostile: false, intents: [] });
    expect(byId.get('de-sad')?.hostility).toBeLessThan(0.4);
  });

  it('reports bad and oversized lines on stderr, classifies the rest, and exits 1', async () => {
    const input = Buffer.concat([
      Buffer.from('{"id":1,"text":"Thanks!"}\n{oops\n'),
      Buffer.from(`{"id":2,"text":"${'a'.repeat(5000)}"}\n`),
      Buffer.from('{"id":3,"text":"You idiot."}'),
    ]);

    const run = await classify(input, ['--max-line-chars', '2000', '--explain']);

    expect(run.code).toBe(1);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual([1, 3]);
    expect(lines[1]).toMatchObject({ hostile: true, evidence: [{ sentence: 'You idiot.' }], model: 'local-v3' });
    expect(run.stderr).toContain('line 2: not valid JSON');
    expect(run.stderr).toContain('line 3: longer than 2000 characters; skipped');
    expect(run.stderr).toContain('classified 2 lines; rejected 2');
  });

  it('refuses an unknown option with its usage', async () => {
    const run = await classify('', ['--nope']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: npm run --silent classify');
  });
});
