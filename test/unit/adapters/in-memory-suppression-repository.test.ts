import { suppressionRepositoryContract } from '#test/contracts/suppression-repository-contract.ts';
import { InMemorySuppressionRepository } from '#test/fakes/in-memory-suppression-repository.ts';

suppressionRepositoryContract('InMemorySuppressionRepository', async () => new InMemorySuppressionRepository());
