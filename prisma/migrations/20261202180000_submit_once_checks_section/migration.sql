-- Posting a comment in one round trip after authentication (lib/feedback/section.ts): the
-- web process keeps the sections it read lately, checks a new comment against that copy
-- (the phase, the passage in the text), and asks chorus_submit_once to store it only if the
-- section still has the version and its response the phase it was checked against. When
-- either changed meanwhile the answer is 'stale' and nothing is stored: the caller reads the
-- section afresh and checks again. A resend is recognised before this check, as before.
--
-- `p_section` (JSON {id, versionId, phase}, or NULL for no check) is the only change.
DROP FUNCTION chorus_submit_once(TEXT, JSONB, JSONB, JSONB, TEXT[], TIMESTAMP(3), INTEGER);

CREATE FUNCTION chorus_submit_once(p_kind TEXT, p_item JSONB, p_audit JSONB, p_notices JSONB, p_counted TEXT[], p_window_start TIMESTAMP(3), p_most INTEGER, p_section JSONB)
RETURNS TABLE (result TEXT, item_id TEXT, retry_from DOUBLE PRECISION)
LANGUAGE plpgsql AS $$
DECLARE
  v_author TEXT := p_item->>'authorId';
  v_client_key TEXT := p_item->>'clientKey';
  v_recent TIMESTAMP(3)[];
  v_id TEXT;
BEGIN
  IF p_kind NOT IN ('comment', 'suggestion', 'case-study') THEN
    RAISE EXCEPTION 'chorus_submit_once: unknown kind %', p_kind;
  END IF;
  -- One author's contributions are taken one after another, whichever process receives them,
  -- so the lookup and the count below cannot both be passed by two copies of one request.
  PERFORM pg_advisory_xact_lock(hashtextextended('contributions:' || v_author, 0));

  -- A resend of something already stored gets it back: recognised by the unique
  -- (authorId, clientKey) key, before the allowance, so a resend is never refused.
  IF v_client_key IS NOT NULL THEN
    SELECT CASE p_kind
      WHEN 'comment' THEN (SELECT c.id FROM "Comment" c WHERE c."authorId" = v_author AND c."clientKey" = v_client_key)
      WHEN 'suggestion' THEN (SELECT s.id FROM "Suggestion" s WHERE s."authorId" = v_author AND s."clientKey" = v_client_key)
      ELSE (SELECT cs.id FROM "CaseStudy" cs WHERE cs."authorId" = v_author AND cs."clientKey" = v_client_key)
    END INTO v_id;
    IF v_id IS NOT NULL THEN
      RETURN QUERY SELECT 'existing'::TEXT, v_id, NULL::DOUBLE PRECISION;
      RETURN;
    END IF;
  END IF;

  -- Checked against a copy of the section read earlier: stored only if that copy is current.
  IF p_section IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM "Section" s JOIN "Response" r ON r.id = s."responseId"
    WHERE s.id = p_section->>'id'
      AND s."currentVersionId" IS NOT DISTINCT FROM p_section->>'versionId'
      AND r.phase::TEXT = p_section->>'phase'
  ) THEN
    RETURN QUERY SELECT 'stale'::TEXT, NULL::TEXT, NULL::DOUBLE PRECISION;
    RETURN;
  END IF;

  -- The kinds outside the allowance are skipped without reading their table.
  SELECT array_agg(recent."createdAt" ORDER BY recent."createdAt" DESC) INTO v_recent FROM (
    SELECT c."createdAt" FROM "Comment" c WHERE 'comment' = ANY(p_counted) AND c."authorId" = v_author AND c."createdAt" > p_window_start
    UNION ALL
    SELECT s."createdAt" FROM "Suggestion" s WHERE 'suggestion' = ANY(p_counted) AND s."authorId" = v_author AND s."createdAt" > p_window_start
    UNION ALL
    SELECT cs."createdAt" FROM "CaseStudy" cs WHERE 'case-study' = ANY(p_counted) AND cs."authorId" = v_author AND cs."createdAt" > p_window_start
    ORDER BY 1 DESC
    LIMIT p_most
  ) recent;

  IF coalesce(array_length(v_recent, 1), 0) >= p_most THEN
    RETURN QUERY SELECT 'rate_limited'::TEXT, NULL::TEXT, extract(epoch FROM v_recent[p_most])::DOUBLE PRECISION * 1000;
    RETURN;
  END IF;

  IF p_kind = 'comment' THEN
    INSERT INTO "Comment" (id, "sectionId", "authorId", "parentId", body, anchor, status, "clientKey", "createdAt")
    SELECT r.id, r."sectionId", r."authorId", r."parentId", r.body, r.anchor, r.status, r."clientKey", r."createdAt"
    FROM jsonb_populate_record(NULL::"Comment", p_item) r
    RETURNING "Comment".id INTO v_id;
  ELSIF p_kind = 'suggestion' THEN
    INSERT INTO "Suggestion" (id, "sectionId", "authorId", anchor, replacement, reason, status, "baseVersionId", "clientKey", "createdAt")
    SELECT r.id, r."sectionId", r."authorId", r.anchor, r.replacement, r.reason, r.status, r."baseVersionId", r."clientKey", r."createdAt"
    FROM jsonb_populate_record(NULL::"Suggestion", p_item) r
    RETURNING "Suggestion".id INTO v_id;
  ELSE
    INSERT INTO "CaseStudy" (id, "responseId", "authorId", title, organisation, place, summary, evidence, links, themes,
      "contactName", "contactEmail", "contactPhone", "consentQuote", "consentShow", attribution, status, "clientKey",
      "submittedAt", "createdAt", "updatedAt")
    SELECT r.id, r."responseId", r."authorId", r.title, r.organisation, r.place, r.summary, r.evidence, r.links, r.themes,
      r."contactName", r."contactEmail", r."contactPhone", r."consentQuote", r."consentShow", r.attribution, r.status, r."clientKey",
      r."submittedAt", r."createdAt", r."updatedAt"
    FROM jsonb_populate_record(NULL::"CaseStudy", p_item) r
    RETURNING "CaseStudy".id INTO v_id;
    INSERT INTO "CaseStudySection" ("caseStudyId", "sectionId")
    SELECT v_id, section_id FROM jsonb_array_elements_text(coalesce(p_item->'sectionIds', '[]'::JSONB)) AS section_id;
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
