/** The trust agents' queues with service-level timers, and the decisions recorded with their rules. */
export { listDecisions, recordDecision, type TrustDecision } from './decisions.ts';
export {
  claimQueueItem,
  closeQueueItem,
  getQueueItem,
  listQueue,
  openQueueItem,
  type QueueItem,
  queueSummary,
} from './queue-items.ts';
