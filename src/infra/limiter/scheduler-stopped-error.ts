/**
 * A job did not start because the scheduler stopped (shutdown). The job is still recorded by the caller and
 * is resumed by the next process, so this is not a failure of the job itself.
 */
export class SchedulerStoppedError extends Error {
  override readonly name = 'SchedulerStoppedError';
  constructor(
    readonly jobId: string,
    message = `The scheduler has stopped; job ${jobId} was not started.`,
  ) {
    super(message);
  }
}
