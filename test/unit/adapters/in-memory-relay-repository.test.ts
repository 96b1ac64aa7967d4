import { relayRepositoryContract } from '#test/contracts/relay-repository-contract.ts';
import { InMemoryRelayRepository } from '#test/fakes/in-memory-relay-repository.ts';

relayRepositoryContract('InMemoryRelayRepository', () => new InMemoryRelayRepository());
