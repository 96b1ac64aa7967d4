import type { TestProject } from 'vitest/node';
import { type RunningServer, startDynalite, startSesEmulator } from '#local/emulators.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    sesEndpoint: string;
  }
}

/**
 * One dynalite and one SES emulator for the integration project, on free ports (never fixed ones, so tests
 * run beside `npm start`). Each test file creates its own table, and reads back only its own emails.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const servers: RunningServer[] = [await startDynalite({ port: 0 }), await startSesEmulator({ port: 0 })];
  const [dynamodb, ses] = servers;
  if (dynamodb === undefined || ses === undefined) throw new Error('emulators did not start');
  project.provide('dynamodbEndpoint', dynamodb.url);
  project.provide('sesEndpoint', ses.url);
  return async () => {
    for (const server of servers) await server.close();
  };
}
