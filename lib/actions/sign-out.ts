"use server";
import { signOut } from "@/lib/auth";

// Deleting the server-side session row happens in the Auth.js signOut event (lib/auth/index.ts).
export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
