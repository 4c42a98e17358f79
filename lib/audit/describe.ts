// An audit event in words, from its action, target and the before/after its metadata records:
// "Changed access of key 'Warehouse sync': Profiles Read -> Full access". Resource and access names
// come from the catalog, so the log reads like the scope matrix.
import { isRole, ROLE_LABELS } from "@/lib/auth/roles";
import { formatDateTime } from "@/lib/format";
import { describeRecordedRateLimit } from "@/lib/rate-limit/rate-limit";
import { summarizeAccess } from "@/lib/scopes/access-summary";
import { findResource } from "@/lib/scopes/catalog";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { ACCESS_LABELS, goneScopes, toAccessMap } from "@/lib/scopes/scopes";
import { ROTATION_GRACE } from "@/lib/validation/keys";
import { auditActionLabel } from "./labels";

type DescribedEvent = { action: string; targetId?: string | null; targetLabel: string | null; metadata: string };
type Metadata = Record<string, unknown>;

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
const asRecord = (value: unknown): Metadata => (value && typeof value === "object" && !Array.isArray(value) ? (value as Metadata) : {});

/** Beyond this many resources a list stops being readable: the counts say it instead. */
const LISTED_RESOURCES = 5;

/** "Profiles Read, Lists Full access"; for a wide grant the summary ("Full access", "Custom: 23 resources"); or "No access". */
export function describeAccess(scopes: readonly string[]): string {
  const catalog = loadedCatalog();
  const access = toAccessMap(catalog, scopes);
  const granted = catalog.resources
    .filter((resource) => access[resource.id] !== "none")
    .map((resource) => `${resource.label} ${ACCESS_LABELS[access[resource.id]!]}`);
  if (granted.length > LISTED_RESOURCES) return summarizeAccess(catalog, scopes);
  return granted.length ? granted.join(", ") : ACCESS_LABELS.none;
}

/**
 * "Profiles Read -> Full access, Lists Full access -> No access": only the resources that changed,
 * then the scopes no longer in the catalog that the change removed ("coupons:read removed").
 */
export function describeAccessChange(before: readonly string[], after: readonly string[]): string {
  const catalog = loadedCatalog();
  const was = toAccessMap(catalog, before);
  const now = toAccessMap(catalog, after);
  const changes = catalog.resources
    .filter((resource) => was[resource.id] !== now[resource.id])
    .map((resource) => `${resource.label} ${ACCESS_LABELS[was[resource.id]!]} -> ${ACCESS_LABELS[now[resource.id]!]}`);
  const removed = goneScopes(catalog, before).filter((scope) => !after.includes(scope));
  if (removed.length) changes.push(`${removed.join(", ")} (no longer in the catalog) removed`);
  return changes.length ? changes.join(", ") : "no change";
}

function roleLabel(value: unknown): string {
  return isRole(value) ? ROLE_LABELS[value] : String(value);
}

function parsed(metadata: string): Metadata {
  try {
    return asRecord(JSON.parse(metadata));
  } catch {
    return {};
  }
}

/** Who acted, as the log shows it: a person's email, "key 'Warehouse sync'", or the system part's name. */
export function describeActor(event: { actorType: string; actorLabel: string }): string {
  return event.actorType === "key" ? `key '${event.actorLabel}'` : event.actorLabel;
}

export function describeAuditEvent(event: DescribedEvent): string {
  const meta = parsed(event.metadata);
  const key = `key '${event.targetLabel ?? "unnamed"}'`;
  const before = asRecord(meta.before);
  const after = asRecord(meta.after);
  switch (event.action) {
    case "key.created": {
      const replaces = asRecord(meta.rotatedFrom).key;
      return `Created ${key} with ${describeAccess(asStrings(meta.scopes))}${typeof replaces === "string" ? ` (replaces ${replaces})` : ""}`;
    }
    case "key.scopes_changed": {
      const reason = typeof meta.reason === "string" ? ` (${meta.reason})` : "";
      return `Changed access of ${key}: ${describeAccessChange(asStrings(meta.before), asStrings(meta.after))}${reason}`;
    }
    case "key.updated":
      if (before.name !== after.name) return `Renamed key '${String(before.name)}' to '${String(after.name)}'`;
      if ("rateLimit" in after)
        return `Changed the rate limit of ${key}: ${describeRecordedRateLimit(before.rateLimit)} -> ${describeRecordedRateLimit(after.rateLimit)}`;
      return `Changed the details of ${key}`;
    case "key.rotated": {
      const grace = ROTATION_GRACE[meta.grace as keyof typeof ROTATION_GRACE]?.label ?? String(meta.grace);
      const until = typeof meta.oldKeyWorksUntil === "string" ? formatDateTime(new Date(meta.oldKeyWorksUntil)) : "its grace ends";
      return `Rotated ${key}: grace ${grace}, the old key works until ${until}`;
    }
    case "key.revoked":
      return `Revoked ${key}${typeof meta.reason === "string" ? `: ${meta.reason}` : ""}`;
    case "key.deleted":
      return `Deleted ${key}`;
    case "key.handover_created":
      return `Created a one-time handover link for ${key}`;
    case "key.handover_opened":
      return `The handover link for ${key} was opened; its secret was shown once`;
    case "key.handover_cancelled":
      return `Cancelled a handover link for ${key}`;
    case "key.handover_expired":
      return `A handover link for ${key} expired unopened`;
    case "member.role_changed":
      return `Changed the role of ${event.targetLabel}: ${roleLabel(before.role)} -> ${roleLabel(after.role)}`;
    case "member.removed":
      return `Removed ${event.targetLabel} from the workspace`;
    case "record.created":
    case "record.updated":
    case "record.deleted":
      return describeRecordWrite(event, meta);
    case "action.refused":
      return describeRefusal(event, meta);
    default:
      return event.targetLabel ? `${auditActionLabel(event.action)}: ${event.targetLabel}` : auditActionLabel(event.action);
  }
}

const RECORD_VERBS: Record<string, string> = { "record.created": "Created", "record.updated": "Updated", "record.deleted": "Deleted" };

/** "Created record cm4x... in Profiles": the resource's label from the catalog, else as recorded. */
function describeRecordWrite(event: DescribedEvent, meta: Metadata): string {
  const resource =
    typeof meta.resource === "string" ? (findResource(loadedCatalog(), meta.resource)?.label ?? meta.resource) : event.targetLabel;
  return `${RECORD_VERBS[event.action]} record ${event.targetId ?? "unknown"} in ${resource ?? "an unknown resource"}`;
}

const REFUSAL_REASONS: Record<string, string> = {
  missing_permission: "missing permission",
  two_factor_required: "two-factor setup required",
  not_found: "not found in this workspace",
  not_allowed: "not allowed",
};

/** "Refused: Revoke key 'Warehouse sync' (missing permission)", repeats counted when there were any. */
function describeRefusal(event: DescribedEvent, meta: Metadata): string {
  const action = typeof meta.action === "string" ? meta.action : "an action";
  const reason = typeof meta.reason === "string" ? (REFUSAL_REASONS[meta.reason] ?? meta.reason) : "refused";
  // The action's name already says the kind of object ("Revoke key"): only its name follows, or its id
  // when it is not this workspace's to name.
  const object = event.targetLabel
    ? ` '${event.targetLabel}'`
    : typeof meta.targetType === "string" && event.targetId
      ? ` ${event.targetId}`
      : "";
  const count = (value: unknown) => (typeof value === "number" && value > 0 ? value : 0);
  const repeats = [
    count(meta.repeated) ? `${count(meta.repeated)} more like it in the minute before` : "",
    count(meta.othersUnrecorded) ? `${count(meta.othersUnrecorded)} other refusals not written separately` : "",
  ].filter(Boolean);
  return `Refused: ${action}${object} (${[reason, ...repeats].join("; ")})`;
}
