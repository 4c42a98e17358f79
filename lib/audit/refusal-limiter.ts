// How often a refused server action reaches the audit log. The bound: at most one event per actor,
// action and object a minute, and at most ACTOR_EVENTS_PER_MINUTE per actor a minute whatever the
// objects (a script naming random ids). A refusal past either bound is counted, not written: the next
// event written for the same actor, action and object says how many it stood for ("repeated"), and
// the actor's next event how many the per-actor bound held back ("othersUnrecorded"). In memory, per
// process (Keysmith is one process): a restart forgets the counts.
const WINDOW_MS = 60_000;
export const ACTOR_EVENTS_PER_MINUTE = 20;
/** Windows tracked at once; past it, expired ones are dropped (their counts with them), and while it is still full nothing new is written. */
const MAX_TRACKED = 10_000;

type Window = { startedAt: number; held: number; written: number };
export type RefusalDecision = { write: false } | { write: true; repeated: number; othersUnrecorded: number };

export class RefusalLimiter {
  private readonly byObject = new Map<string, Window>();
  private readonly byActor = new Map<string, Window>();

  decide(actorKey: string, objectKey: string, now = Date.now()): RefusalDecision {
    const object = this.byObject.get(objectKey);
    if (object && now - object.startedAt < WINDOW_MS) {
      object.held += 1;
      return { write: false };
    }
    let actor = this.byActor.get(actorKey);
    if (actor && now - actor.startedAt < WINDOW_MS && actor.written >= ACTOR_EVENTS_PER_MINUTE) {
      actor.held += 1;
      return { write: false };
    }
    if (!this.roomFor(now)) return { write: false };
    const repeated = object?.held ?? 0;
    let othersUnrecorded = 0;
    if (!actor || now - actor.startedAt >= WINDOW_MS) {
      othersUnrecorded = actor?.held ?? 0;
      actor = { startedAt: now, held: 0, written: 0 };
      this.byActor.set(actorKey, actor);
    }
    actor.written += 1;
    this.byObject.set(objectKey, { startedAt: now, held: 0, written: 1 });
    return { write: true, repeated, othersUnrecorded };
  }

  private roomFor(now: number): boolean {
    if (this.byObject.size < MAX_TRACKED && this.byActor.size < MAX_TRACKED) return true;
    for (const map of [this.byObject, this.byActor])
      for (const [key, window] of map) if (now - window.startedAt >= WINDOW_MS) map.delete(key);
    return this.byObject.size < MAX_TRACKED && this.byActor.size < MAX_TRACKED;
  }
}
