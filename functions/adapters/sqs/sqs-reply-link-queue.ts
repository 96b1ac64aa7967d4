import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { z } from 'zod';
import type { ReplyLinkQueue, ReplyLinkRequest } from '#core/ports/reply-link-queue.ts';

/** A link request on the reply queue, beside S3's notifications; the reply function tells them apart by shape. */
export const ReplyLinkMessage = z
  .object({
    linkReply: z
      .object({
        replyId: z.string().regex(/^r_[a-z2-7]{26}$/),
        candidateId: z.string().regex(/^c_[0-9a-f]{24}$/),
        by: z.string().min(1).max(256),
      })
      .strict(),
  })
  .strict();

/** Hands link requests to the reply function through the reply queue (docs/architecture.md, "Linking replies"). */
export class SqsReplyLinkQueue implements ReplyLinkQueue {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async requestLink(request: ReplyLinkRequest): Promise<void> {
    const body: z.infer<typeof ReplyLinkMessage> = {
      linkReply: { replyId: request.replyId, candidateId: request.candidateId, by: request.by },
    };
    await this.client.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(body) }));
  }
}
