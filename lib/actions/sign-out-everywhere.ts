"use server";
import { signOutEverywhere } from "@/lib/accounts/account";
import { signOut } from "@/lib/auth";
import { currentRequestOrigin } from "@/lib/auth/current";
import { sessionAction } from "./safe-action";

export const signOutEverywhereAction = sessionAction.metadata({}).action(async ({ ctx }) => {
  await signOutEverywhere(ctx.session.user, await currentRequestOrigin());
  // This browser's cookie goes too; its session row is already gone.
  await signOut({ redirectTo: "/login" });
});
