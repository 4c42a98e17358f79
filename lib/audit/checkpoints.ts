// The latest signed checkpoint of a workspace's chain. Signed checkpoints are not written yet, so an
// export says so with null; the export's last line keeps its place.
export async function latestCheckpoint(_workspaceId: string): Promise<null> {
  return null;
}
