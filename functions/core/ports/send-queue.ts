/** The queue between the sweep and the send function: SQS in AWS, the in-process queue locally. */
export interface SendQueue {
  enqueue(noticeIds: readonly string[]): Promise<void>;
}
