import type { TestProject } from "vitest/node";
import { createTemplate, dropTemplate } from "./test-databases";

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const template = await createTemplate();
  project.provide("databaseTemplate", template);
  return () => dropTemplate(template);
}
