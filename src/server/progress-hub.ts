/**
 * One Redis subscriber per web process for every live-progress stream: a connection per
 * open browser tab would let a few hundred tabs exhaust Redis's connection limit.
 * Channels are subscribed while at least one listener wants them; ioredis re-subscribes
 * them after a reconnect.
 */
import { Redis } from "ioredis";
import { env } from "../env";

type Listener = (message: string) => void;

interface ChannelState {
  listeners: Set<Listener>;
  /** Settles when Redis has confirmed the SUBSCRIBE (later listeners wait for it too). */
  ready: Promise<void>;
}

export class ProgressHub {
  private readonly channels = new Map<string, ChannelState>();
  private connecting: Promise<void> | null = null;
  readonly subscriber: Redis;

  constructor(redisUrl: string, connectionName: string) {
    this.subscriber = new Redis(redisUrl, { connectionName, lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.subscriber.on("error", () => undefined); // surfaced through the subscribe promises
    this.subscriber.on("message", (channel: string, message: string) => {
      for (const listener of this.channels.get(channel)?.listeners ?? []) listener(message);
    });
  }

  private connect(): Promise<void> {
    if (this.subscriber.status === "ready") return Promise.resolve();
    this.connecting ??= this.subscriber.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** Calls `listener` with every message on `channel` until the returned function is called. */
  async subscribe(channel: string, listener: Listener): Promise<() => void> {
    let state = this.channels.get(channel);
    if (!state) {
      const created: ChannelState = {
        listeners: new Set(),
        ready: this.connect().then(() => this.subscriber.subscribe(channel).then(() => undefined)),
      };
      state = created;
      this.channels.set(channel, created);
      // A failed SUBSCRIBE is forgotten so the next stream tries again.
      created.ready.catch(() => {
        if (this.channels.get(channel) === created) this.channels.delete(channel);
      });
    }
    state.listeners.add(listener);
    try {
      await state.ready;
    } catch (error) {
      state.listeners.delete(listener);
      throw error;
    }
    const subscribed = state;
    return () => {
      subscribed.listeners.delete(listener);
      if (subscribed.listeners.size > 0 || this.channels.get(channel) !== subscribed) return;
      this.channels.delete(channel);
      this.subscriber.unsubscribe(channel).catch(() => undefined);
    };
  }

  /** Channels with at least one listener (for tests and diagnostics). */
  get channelCount() {
    return this.channels.size;
  }

  disconnect() {
    this.channels.clear();
    this.subscriber.disconnect();
  }
}

const globalForHub = globalThis as unknown as { progressHub?: ProgressHub };

/** The process's hub; its Redis connection is named `<QUEUE_PREFIX>:progress` in CLIENT LIST. */
export function getProgressHub(): ProgressHub {
  globalForHub.progressHub ??= new ProgressHub(env.REDIS_URL, `${env.QUEUE_PREFIX}:progress`);
  return globalForHub.progressHub;
}
