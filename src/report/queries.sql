-- The queries every figure of `responsekit report` is counted by, run on the register as they
-- are written here. Parameters (text): :year ('2026'), :jurisdiction ('us/il/cook'), :agency
-- ('sheriff', the role that received the request). A request "of the year" was received in it;
-- its outcome is its latest decision (the highest seq), 'open' if it has none.

-- name: units
SELECT jurisdiction, received_by FROM requests WHERE substr(received, 1, 4) = CAST(:year AS TEXT)
UNION
SELECT r.jurisdiction, r.received_by FROM custody c JOIN requests r ON r.uid = c.request_uid
WHERE substr(c.at, 1, 4) = CAST(:year AS TEXT)
ORDER BY 1, 2;

-- name: requests_total
SELECT count(*) FROM requests
WHERE jurisdiction = :jurisdiction AND received_by = :agency AND substr(received, 1, 4) = CAST(:year AS TEXT);

-- name: requests_by_kind
SELECT kind, count(*) FROM requests
WHERE jurisdiction = :jurisdiction AND received_by = :agency AND substr(received, 1, 4) = CAST(:year AS TEXT)
GROUP BY kind ORDER BY kind;

-- name: outcomes
SELECT coalesce((SELECT d.outcome FROM decisions d WHERE d.request_uid = r.uid
                 ORDER BY d.seq DESC LIMIT 1), 'open'), count(*)
FROM requests r
WHERE r.jurisdiction = :jurisdiction AND r.received_by = :agency
  AND substr(r.received, 1, 4) = CAST(:year AS TEXT)
GROUP BY 1 ORDER BY 1;

-- name: requested_interview
SELECT count(*) FROM requests r
WHERE r.jurisdiction = :jurisdiction AND r.received_by = :agency
  AND substr(r.received, 1, 4) = CAST(:year AS TEXT)
  AND EXISTS (SELECT 1 FROM requested q WHERE q.request_uid = r.uid AND q.item = 'interview');

-- name: juvenile_total
SELECT count(*) FROM requests
WHERE jurisdiction = :jurisdiction AND received_by = :agency AND substr(received, 1, 4) = CAST(:year AS TEXT)
  AND juvenile = 1;

-- name: access_total
SELECT count(*) FROM requests r JOIN decisions d ON d.request_uid = r.uid
WHERE r.jurisdiction = :jurisdiction AND r.received_by = :agency
  AND d.seq = (SELECT max(seq) FROM decisions WHERE request_uid = r.uid)
  AND d.outcome IN ('notified', 'transferred', 'interview-with-consent')
  AND substr(d.decided_on, 1, 4) = CAST(:year AS TEXT);

-- name: access_by_month
SELECT substr(d.decided_on, 6, 2), count(*) FROM requests r
JOIN decisions d ON d.request_uid = r.uid
WHERE r.jurisdiction = :jurisdiction AND r.received_by = :agency
  AND d.seq = (SELECT max(seq) FROM decisions WHERE request_uid = r.uid)
  AND d.outcome IN ('notified', 'transferred', 'interview-with-consent')
  AND substr(d.decided_on, 1, 4) = CAST(:year AS TEXT)
GROUP BY 1 ORDER BY 1;

-- name: requests_by_month
SELECT substr(received, 6, 2), count(*) FROM requests
WHERE jurisdiction = :jurisdiction AND received_by = :agency AND substr(received, 1, 4) = CAST(:year AS TEXT)
GROUP BY 1 ORDER BY 1;

-- name: transfers_total
SELECT count(*) FROM custody c JOIN requests r ON r.uid = c.request_uid
WHERE r.jurisdiction = :jurisdiction AND r.received_by = :agency
  AND c.event = 'transferred' AND substr(c.at, 1, 4) = CAST(:year AS TEXT);

-- name: transfers
SELECT row_number() OVER (ORDER BY c.at, r.id), c.at, coalesce(c.offense, '')
FROM custody c JOIN requests r ON r.uid = c.request_uid
WHERE r.jurisdiction = :jurisdiction AND r.received_by = :agency
  AND c.event = 'transferred' AND substr(c.at, 1, 4) = CAST(:year AS TEXT)
ORDER BY c.at, r.id;

-- name: dhs_requests_total
SELECT count(*) FROM requests
WHERE jurisdiction = :jurisdiction AND received_by = :agency AND substr(received, 1, 4) = CAST(:year AS TEXT)
  AND kind <> 'court_order';

-- name: detainers_total
SELECT count(*) FROM requests
WHERE jurisdiction = :jurisdiction AND received_by = :agency AND substr(received, 1, 4) = CAST(:year AS TEXT)
  AND kind = 'detainer';

-- name: il_items
WITH y AS (
  SELECT r.*,
    (SELECT d.outcome FROM decisions d WHERE d.request_uid = r.uid
     ORDER BY d.seq DESC LIMIT 1) AS outcome,
    (SELECT d.decided_on FROM decisions d WHERE d.request_uid = r.uid
     ORDER BY d.seq DESC LIMIT 1) AS decided_on,
    (SELECT c.seq FROM custody c WHERE c.request_uid = r.uid
       AND c.event IN ('released', 'transferred') ORDER BY c.seq DESC LIMIT 1) AS left_seq
  FROM requests r
  WHERE r.jurisdiction = :jurisdiction AND r.received_by = :agency
    AND substr(r.received, 1, 4) = CAST(:year AS TEXT)
), items AS (
  SELECT 'A' AS section, * FROM y WHERE kind <> 'court_order'
  UNION ALL
  SELECT 'B' AS section, * FROM y WHERE kind = 'detainer'
)
SELECT i.section, i.received, i.kind, coalesce(i.form, ''),
  coalesce((SELECT group_concat(q.item, ';' ORDER BY q.item) FROM requested q
            WHERE q.request_uid = i.uid), ''),
  coalesce(i.outcome, 'open'), coalesce(i.decided_on, ''),
  coalesce((SELECT group_concat(s.document, ';' ORDER BY s.document)
            FROM (SELECT DISTINCT document FROM documents
                  WHERE request_uid = i.uid AND status = 'sent') s), ''),
  coalesce((SELECT c.at FROM custody c WHERE c.request_uid = i.uid AND c.event = 'bail_posted'
            ORDER BY c.seq DESC LIMIT 1), ''),
  coalesce((SELECT c.event FROM custody c WHERE c.request_uid = i.uid
            AND c.seq = i.left_seq), ''),
  coalesce((SELECT c.at FROM custody c WHERE c.request_uid = i.uid AND c.seq = i.left_seq), ''),
  coalesce((SELECT c.to_agency FROM custody c WHERE c.request_uid = i.uid
            AND c.seq = i.left_seq), '')
FROM items i
ORDER BY i.section, i.received, i.id;
