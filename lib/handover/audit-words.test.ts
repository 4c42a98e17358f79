import { describe, expect, it } from "vitest";
import { describeAuditEvent } from "@/lib/audit/describe";
import { auditActionLabel } from "@/lib/audit/labels";

const event = (action: string) => ({ action, targetLabel: "Warehouse sync", metadata: JSON.stringify({ handover: "h1" }) });

describe("handover events in words", () => {
  it.each([
    ["key.handover_created", "Handover link created", "Created a one-time handover link for key 'Warehouse sync'"],
    ["key.handover_opened", "Handover link opened", "The handover link for key 'Warehouse sync' was opened; its secret was shown once"],
    ["key.handover_cancelled", "Handover link cancelled", "Cancelled a handover link for key 'Warehouse sync'"],
    ["key.handover_expired", "Handover link expired", "A handover link for key 'Warehouse sync' expired unopened"],
  ])("%s", (action, label, words) => {
    expect(auditActionLabel(action)).toBe(label);
    expect(describeAuditEvent(event(action))).toBe(words);
  });
});
