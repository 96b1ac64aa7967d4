import { noticeRepositoryContract } from '#test/contracts/notice-repository-contract.ts';
import { InMemoryNoticeRepository } from '#test/fakes/in-memory-notice-repository.ts';

noticeRepositoryContract('InMemoryNoticeRepository', () => new InMemoryNoticeRepository());
