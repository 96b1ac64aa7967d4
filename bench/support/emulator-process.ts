/**
 * Runs one emulator in its own process (`dynalite` or `ses`) and prints its URL on the first line of stdout, so
 * a bench can give the emulators their own cores, as `DYNAMODB_ENDPOINT` / `SES_ENDPOINT` let `npm start` do.
 */
import '#local/quiet-sdk-warning.ts';
import { startDynalite, startSesEmulator } from '#local/emulators.ts';

const which = process.argv[2];
const server =
  which === 'dynalite'
    ? await startDynalite({ port: 0 })
    : which === 'ses'
      ? await startSesEmulator({ port: 0 })
      : undefined;
if (server === undefined) {
  process.stderr.write('usage: emulator-process.ts dynalite|ses\n');
  process.exit(2);
}
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => {
  server.close().then(() => process.exit(0));
});
