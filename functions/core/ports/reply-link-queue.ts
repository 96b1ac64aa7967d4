/** A recruiter's decision to link an unmatched reply to a candidate, handed to whoever reads replies. */
export interface ReplyLinkRequest {
  readonly replyId: string;
  readonly candidateId: string;
  /** The recruiter's subject. */
  readonly by: string;
}

/**
 * Where link requests go: in AWS the reply queue, which the reply function consumes (it holds the parser, the
 * classifier and the notifier the link needs; the API does not); locally the link itself, run in-process and
 * awaited, so a script reads the result right after the request.
 */
export interface ReplyLinkQueue {
  requestLink(request: ReplyLinkRequest): Promise<void>;
}
