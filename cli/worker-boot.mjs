// Starts a TypeScript worker thread: registers tsx's loader in this thread, then imports the
// worker module named in workerData.entry (Node does not pass --import tsx on to workers).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
