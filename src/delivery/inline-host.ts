import type { Frame } from "../records/frame.js";
import { type CoreConfig, type CoreEvents, DeliveryCore, type LinkConfig } from "./core.js";
import type { DeliveryHost, TransportSource } from "./host.js";
import { transportFromSettings } from "./transport-from-settings.js";

/** The journal writer and delivery on the training thread. */
export class InlineHost implements DeliveryHost {
  private readonly core: DeliveryCore;

  constructor(config: CoreConfig, events: CoreEvents) {
    this.core = new DeliveryCore(config, events);
  }

  get spooledFrame(): number {
    return this.core.spooledFrame;
  }

  accept(frame: Frame): void {
    this.core.accept(frame);
  }

  link(link: LinkConfig, source: TransportSource): void {
    const transport = "transport" in source ? source.transport : transportFromSettings(source.settings);
    if (transport) this.core.link(link, transport);
  }

  flush(timeoutMs: number): Promise<boolean> {
    return this.core.flush(timeoutMs);
  }

  stopHeartbeat(): void {
    this.core.stopHeartbeat();
  }

  close(): boolean {
    return this.core.close();
  }
}
