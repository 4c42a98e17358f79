-- DropIndex
DROP INDEX "AuditEvent_workspaceId_targetType_targetId_idx";

-- CreateIndex
CREATE INDEX "AuditEvent_workspaceId_targetType_targetId_seq_idx" ON "AuditEvent"("workspaceId", "targetType", "targetId", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_workspaceId_action_seq_idx" ON "AuditEvent"("workspaceId", "action", "seq");

-- CreateIndex
CREATE INDEX "AuditEvent_workspaceId_actorId_seq_idx" ON "AuditEvent"("workspaceId", "actorId", "seq");
