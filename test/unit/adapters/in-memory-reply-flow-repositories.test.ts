import { flagRepositoryContract } from '#test/contracts/flag-repository-contract.ts';
import { replyRepositoryContract } from '#test/contracts/reply-repository-contract.ts';
import { InMemoryFlagRepository } from '#test/fakes/in-memory-flag-repository.ts';
import { InMemoryReplyRepository } from '#test/fakes/in-memory-reply-repository.ts';

flagRepositoryContract('InMemoryFlagRepository', () => new InMemoryFlagRepository());
replyRepositoryContract('InMemoryReplyRepository', () => new InMemoryReplyRepository());
