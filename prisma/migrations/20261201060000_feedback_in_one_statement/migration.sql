-- Posting a comment or a suggestion in one round trip to the database (lib/feedback/write.ts).
--
-- One call takes the author's lock, applies the 30-a-minute limit to the rows already
-- stored (by every server process), inserts the item, its audit event and any
-- notifications, and commits: all or nothing, as one statement.
--
-- Why a function and not one plain statement: a statement sees the database as it was when
-- it started, so a count made after waiting for the lock could miss a post committed while
-- it waited. In a PL/pgSQL function each statement sees what is committed when it runs.
--
-- `p_item`, `p_audit` and `p_notices` are JSON objects keyed by column name; the caller supplies
-- every column (ids included, made in the application like Prisma's). Answers one row:
--   result 'created'      item_id = the new row's id
--   result 'existing'     item_id = the row this author stored earlier with the same clientKey
--   result 'rate_limited' retry_from = when (milliseconds since 1970, UTC) the oldest of the
--                         last `p_per_minute` posts was made; one more may be posted a minute later
CREATE FUNCTION chorus_post_feedback(p_kind TEXT, p_item JSONB, p_audit JSONB, p_notices JSONB, p_window_start TIMESTAMP(3), p_per_minute INTEGER)
RETURNS TABLE (result TEXT, item_id TEXT, retry_from DOUBLE PRECISION)
LANGUAGE plpgsql AS $$
DECLARE
  v_author TEXT := p_item->>'authorId';
  v_client_key TEXT := p_item->>'clientKey';
  v_recent TIMESTAMP(3)[];
  v_id TEXT;
BEGIN
  IF p_kind NOT IN ('comment', 'suggestion') THEN
    RAISE EXCEPTION 'chorus_post_feedback: unknown kind %', p_kind;
  END IF;
  -- One author's posts are counted one after another, whichever process receives them.
  PERFORM pg_advisory_xact_lock(hashtextextended('feedback:' || v_author, 0));

  SELECT array_agg(recent."createdAt" ORDER BY recent."createdAt" DESC) INTO v_recent FROM (
    SELECT c."createdAt" FROM "Comment" c WHERE c."authorId" = v_author AND c."createdAt" > p_window_start
    UNION ALL
    SELECT s."createdAt" FROM "Suggestion" s WHERE s."authorId" = v_author AND s."createdAt" > p_window_start
    ORDER BY 1 DESC
    LIMIT p_per_minute
  ) recent;

  IF coalesce(array_length(v_recent, 1), 0) >= p_per_minute THEN
    -- A resend of something already stored gets it back rather than a refusal.
    IF v_client_key IS NOT NULL THEN
      IF p_kind = 'comment' THEN
        SELECT c.id INTO v_id FROM "Comment" c WHERE c."authorId" = v_author AND c."clientKey" = v_client_key;
      ELSE
        SELECT s.id INTO v_id FROM "Suggestion" s WHERE s."authorId" = v_author AND s."clientKey" = v_client_key;
      END IF;
      IF v_id IS NOT NULL THEN
        RETURN QUERY SELECT 'existing'::TEXT, v_id, NULL::DOUBLE PRECISION;
        RETURN;
      END IF;
    END IF;
    RETURN QUERY SELECT 'rate_limited'::TEXT, NULL::TEXT, extract(epoch FROM v_recent[p_per_minute])::DOUBLE PRECISION * 1000;
    RETURN;
  END IF;

  -- Idempotency by the unique (authorId, clientKey) key: a resend inserts nothing.
  IF p_kind = 'comment' THEN
    INSERT INTO "Comment" (id, "sectionId", "authorId", "parentId", body, anchor, status, "clientKey", "createdAt")
    SELECT r.id, r."sectionId", r."authorId", r."parentId", r.body, r.anchor, r.status, r."clientKey", r."createdAt"
    FROM jsonb_populate_record(NULL::"Comment", p_item) r
    ON CONFLICT ("authorId", "clientKey") DO NOTHING
    RETURNING "Comment".id INTO v_id;
  ELSE
    INSERT INTO "Suggestion" (id, "sectionId", "authorId", anchor, replacement, reason, status, "baseVersionId", "clientKey", "createdAt")
    SELECT r.id, r."sectionId", r."authorId", r.anchor, r.replacement, r.reason, r.status, r."baseVersionId", r."clientKey", r."createdAt"
    FROM jsonb_populate_record(NULL::"Suggestion", p_item) r
    ON CONFLICT ("authorId", "clientKey") DO NOTHING
    RETURNING "Suggestion".id INTO v_id;
  END IF;

  IF v_id IS NULL THEN
    IF p_kind = 'comment' THEN
      SELECT c.id INTO v_id FROM "Comment" c WHERE c."authorId" = v_author AND c."clientKey" = v_client_key;
    ELSE
      SELECT s.id INTO v_id FROM "Suggestion" s WHERE s."authorId" = v_author AND s."clientKey" = v_client_key;
    END IF;
    RETURN QUERY SELECT 'existing'::TEXT, v_id, NULL::DOUBLE PRECISION;
    RETURN;
  END IF;

  INSERT INTO "AuditEvent" (id, "actorId", action, "targetType", "targetId", data, "createdAt")
  SELECT r.id, r."actorId", r.action, r."targetType", r."targetId", r.data, r."createdAt"
  FROM jsonb_populate_record(NULL::"AuditEvent", p_audit) r;

  INSERT INTO "Notification" (id, "userId", kind, title, body, link, "createdAt")
  SELECT r.id, r."userId", r.kind, r.title, r.body, r.link, r."createdAt"
  FROM jsonb_populate_recordset(NULL::"Notification", coalesce(p_notices, '[]'::JSONB)) r;

  RETURN QUERY SELECT 'created'::TEXT, v_id, NULL::DOUBLE PRECISION;
END;
$$;
