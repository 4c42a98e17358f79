"use server";
import { z } from "zod";
import { verifyOnRequest } from "@/lib/audit/verify-on-request";
import { workspaceAction } from "./safe-action";

/** Every role may check the chain (audit.read): support staff answer auditors' questions with it. */
export const verifyAuditChainAction = workspaceAction
  .metadata({ name: "Verify audit chain", permission: "audit.read" })
  .inputSchema(z.object({}))
  .action(async ({ ctx }) => verifyOnRequest({ ...ctx.change, workspaceName: ctx.workspaceName }));
