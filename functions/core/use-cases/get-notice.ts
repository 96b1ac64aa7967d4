import { NotFoundError } from '../domain/errors.ts';
import type { Notice } from '../domain/notice.ts';
import type { NoticeRepository } from '../ports/notice-repository.ts';

export type GetNotice = (id: string) => Promise<Notice>;

export function makeGetNotice(deps: { notices: NoticeRepository }): GetNotice {
  return async (id) => {
    const notice = await deps.notices.get(id);
    if (notice === undefined) throw new NotFoundError(`No notice with id ${id}`);
    return notice;
  };
}
