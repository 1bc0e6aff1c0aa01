/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { ExplorerSession } from './explorer-session';
import type { EngineApi } from './protocol';
import { columnBuffers } from './trace-columns';

/**
 * The engine worker: one ExplorerSession behind the typed EngineApi. Each call runs to completion
 * before the next (the worker has one thread), so the session never sees two at once. An Error
 * thrown by the session reaches the caller as a rejected promise with the same message.
 */
const session = new ExplorerSession();

const api: EngineApi = {
  async ping() {
    return session.ping();
  },
  async configure(scenario) {
    return session.configure(scenario);
  },
  async loadCapture(name, file, scenario) {
    // Streamed piece by piece from the file: a capture of hundreds of MB is never held whole.
    const reader = session.beginCapture();
    const chunks = file.stream().getReader();
    for (;;) {
      const { done, value } = await chunks.read();
      if (done) break;
      session.pushCapture(name, reader, value);
    }
    return session.finishCapture(name, reader, scenario);
  },
  async frame(position, options) {
    return session.frame(position, options);
  },
  async edit(request, position) {
    return session.edit(request, position);
  },
  async replica(position, core, limit) {
    return session.replica(position, core, limit);
  },
  async positionOfPacket(seq) {
    return session.positionOfPacket(seq);
  },
  async traceColumns() {
    const run = session.traceColumns();
    return Comlink.transfer(run, columnBuffers(run.columns));
  },
};

Comlink.expose(api);
