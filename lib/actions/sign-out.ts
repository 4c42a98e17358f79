"use server";
import { signOut } from "@/lib/auth";

// Deleting the server-side session row, and auditing the sign-out, happen in the Auth.js signOut event
// (lib/auth/index.ts, lib/auth/sign-out.ts).
export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
