/**
 * In-process event bus from the services to whichever faces are listening: the Electron
 * window (IPC) and browser-console clients (server-sent events).
 */
import type { GreenlightEvent } from '../../shared/events';

export type Listener = (event: GreenlightEvent) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: GreenlightEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A broken listener (a closed socket) must not stop the others or the run.
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
