"""``kontora.refresh_segment(id)``: a segment's members by its rules, in one statement.

Generated (not a static hook file) so that the ABC class comes from the very SQL of the ABC
analysis (:func:`server.api.abc_xyz.abc_ctes`). Runs as the owner (the members register is not
writable by anyone else); the catalog's writers may execute it. Returns the number of members.
"""

from __future__ import annotations

from server.api.abc_xyz import abc_ctes

S = "kontora"


def refresh_segment_sql() -> str:
    return f"""
CREATE OR REPLACE FUNCTION {S}.refresh_segment(p_id bigint) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {S}, pg_temp AS $f$
DECLARE
  seg {S}.cat_segments;
  v_f timestamp;
  v_t timestamp;
  v_n integer;
BEGIN
  PERFORM {S}.require_subsystem('crm', 'Segments');
  SELECT * INTO seg FROM {S}.cat_segments WHERE id = p_id;
  IF NOT FOUND THEN
    PERFORM {S}.fail('KN008', format('Segment #%s does not exist', p_id),
                     jsonb_build_object('id', p_id));
  END IF;
  v_f := coalesce(seg.period_start::timestamp, '-infinity');
  v_t := coalesce((seg.period_end + 1)::timestamp, 'infinity');
  DELETE FROM {S}.inf_segment_members WHERE segment_id = p_id;
  INSERT INTO {S}.inf_segment_members (segment_id, partner_id, revenue, last_purchase)
  WITH {abc_ctes("customers", "v_f", "v_t", "80", "15")},
  last AS (
    SELECT c.partner_id AS id, max(m.period)::date AS at
    FROM {S}.reg_sales m JOIN {S}.cat_counterparties c ON c.id = m.customer_id GROUP BY 1)
  SELECT p_id, p.id, coalesce(r.revenue, 0), l.at
  FROM {S}.cat_partners p
  LEFT JOIN rev r ON r.id = p.id
  LEFT JOIN classified k ON k.id = p.id
  LEFT JOIN last l ON l.id = p.id
  WHERE NOT p.is_group AND NOT p.deletion_mark
    AND (seg.revenue_min IS NULL OR coalesce(r.revenue, 0) >= seg.revenue_min)
    AND (seg.revenue_max IS NULL OR coalesce(r.revenue, 0) <= seg.revenue_max)
    AND (seg.abc_class IS NULL OR k.class = seg.abc_class)
    AND (nullif(btrim(seg.region), '') IS NULL
         OR lower(btrim(p.region)) = lower(btrim(seg.region)))
    AND (nullif(btrim(seg.manager), '') IS NULL OR p.manager = btrim(seg.manager))
    AND (seg.tag_id IS NULL OR EXISTS (
          SELECT 1 FROM {S}.cat_partners_tags t WHERE t.item_id = p.id AND t.tag_id = seg.tag_id))
    AND (seg.bought_after IS NULL OR l.at >= seg.bought_after)
    AND (seg.bought_before IS NULL OR l.at <= seg.bought_before);
  GET DIAGNOSTICS v_n = ROW_COUNT;
  RETURN v_n;
END $f$"""


#: Routines generated here rather than read from ``server/sqlgen/hooks/<name>.sql``.
GENERATED = {"refresh_segment": refresh_segment_sql}
