"use server";
import { startTotpEnrolment } from "@/lib/two-factor/two-factor";
import { sessionAction } from "./safe-action";

export const startTotpEnrolmentAction = sessionAction.metadata({}).action(async ({ ctx }) => startTotpEnrolment(ctx.session.user));
