-- Every instance's key cache hears of a key's change at the change's commit (lib/api-keys/key-change-feed.ts):
-- NOTIFY keysmith_key_changed with the key's id, from a trigger, so no code path (a dashboard action,
-- a CLI, a hand-written UPDATE) can change a key without telling the caches. The usage writer's
-- touches (lastUsedAt, lastUsedIp) change nothing a cached record holds and notify nobody: they come
-- every quarter of a second for every key in use.
CREATE FUNCTION "keysmith_notify_key_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('keysmith_key_changed', OLD."id");
  ELSE
    PERFORM pg_notify('keysmith_key_changed', NEW."id");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "ApiKey_updated_notify" AFTER UPDATE ON "ApiKey" FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'lastUsedAt' - 'lastUsedIp' - 'updatedAt') IS DISTINCT FROM (to_jsonb(NEW) - 'lastUsedAt' - 'lastUsedIp' - 'updatedAt'))
  EXECUTE FUNCTION "keysmith_notify_key_changed"();

CREATE TRIGGER "ApiKey_deleted_notify" AFTER DELETE ON "ApiKey" FOR EACH ROW
  EXECUTE FUNCTION "keysmith_notify_key_changed"();
