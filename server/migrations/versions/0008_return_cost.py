"""return cost: a sales return comes back at its shipment's cost, or without a shipment

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30

A sales return may have no shipment (it then takes the average cost); the returns of a shipment
are found by an index (their cost follows the shipment's). Returns posted before this revision
(at cost 0) get the cost of their shipment (README "How cost works"): each in moment order, the
later costs of its key recomputed by the cost routine the infobase has; sales follow.
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

S = "kontora"

RETURN_COSTS_SQL = f"""
DO $$
DECLARE
  r record;
  v_sc numeric;
  v_sq numeric;
  v_before numeric;
  v_q numeric;
  v_c numeric;
  v_new numeric;
BEGIN
  IF to_regprocedure('{S}.reg_stock_recost(text, bigint, {S}.mv_stock[], integer)') IS NULL THEN
    RETURN;  -- no routines yet: a new infobase, nothing posted
  END IF;
  FOR r IN SELECT x.*, h.shipment_id FROM {S}.reg_stock x
           JOIN {S}.doc_sales_return h ON h.id = x.recorder_id
           WHERE x.recorder_type = 'sales_return' AND x.quantity > 0
           ORDER BY x.period, x.recorder_id, x.line_no LOOP
    SELECT -sum(y.cost), -sum(y.quantity) INTO v_sc, v_sq FROM {S}.reg_stock y
    WHERE y.recorder_type = 'sales_shipment' AND y.recorder_id = r.shipment_id
      AND y.product_id = r.product_id AND y.quantity < 0;
    IF v_sq > 0 THEN  -- its share, cumulative over the shipment's returns
      SELECT least(coalesce(sum(x.quantity), 0), v_sq) INTO v_before
      FROM {S}.doc_sales_return h JOIN {S}.reg_stock x ON x.recorder_type = 'sales_return'
       AND x.recorder_id = h.id AND x.product_id = r.product_id AND x.quantity > 0
      WHERE h.shipment_id = r.shipment_id
        AND (x.recorder_id, x.line_no) < (r.recorder_id, r.line_no);
      v_new := round(v_sc * least(v_before + r.quantity, v_sq) / v_sq, 2)
               - round(v_sc * v_before / v_sq, 2);
    ELSE  -- the average just before it
      SELECT coalesce(sum(y.quantity), 0), coalesce(sum(y.cost), 0) INTO v_q, v_c
      FROM {S}.reg_stock y
      WHERE y.warehouse_id = r.warehouse_id AND y.product_id = r.product_id
        AND (y.period, y.quantity < 0, y.recorder_type, y.recorder_id, y.line_no)
            < (r.period, false, r.recorder_type, r.recorder_id, r.line_no);
      v_new := CASE WHEN v_q > 0 THEN round(v_c * r.quantity / v_q, 2) ELSE 0 END;
    END IF;
    CONTINUE WHEN v_new = r.cost;
    UPDATE {S}.reg_stock SET cost = v_new
    WHERE recorder_type = r.recorder_type AND recorder_id = r.recorder_id
      AND line_no = r.line_no;
    UPDATE {S}.reg_stock_totals SET cost = cost + v_new - r.cost
    WHERE warehouse_id = r.warehouse_id AND product_id = r.product_id
      AND month = date_trunc('month', r.period)::date;
    UPDATE {S}.reg_stock_balance SET cost = cost + v_new - r.cost
    WHERE warehouse_id = r.warehouse_id AND product_id = r.product_id;
    PERFORM {S}.reg_stock_recost('sales_return', r.recorder_id, '{{}}', 0);
  END LOOP;
  -- Sales: the n-th sales movement of a return's product takes the n-th stock movement's cost.
  UPDATE {S}.reg_sales z SET cost = -s.cost
  FROM (SELECT recorder_id, product_id, cost,
               row_number() OVER (PARTITION BY recorder_id, product_id ORDER BY line_no) AS n
        FROM {S}.reg_stock WHERE recorder_type = 'sales_return') s
  JOIN (SELECT recorder_id, line_no, product_id,
               row_number() OVER (PARTITION BY recorder_id, product_id ORDER BY line_no) AS n
        FROM {S}.reg_sales WHERE recorder_type = 'sales_return') d
    USING (recorder_id, product_id, n)
  WHERE z.recorder_type = 'sales_return' AND z.recorder_id = d.recorder_id
    AND z.line_no = d.line_no AND z.cost <> -s.cost;
  UPDATE {S}.reg_sales_totals t SET cost = s.cost
  FROM (SELECT customer_id, product_id, date_trunc('month', period)::date AS month,
               sum(cost) AS cost FROM {S}.reg_sales GROUP BY 1, 2, 3) s
  WHERE (t.customer_id, t.product_id, t.month) = (s.customer_id, s.product_id, s.month)
    AND t.cost <> s.cost;
END $$
"""


def upgrade() -> None:
    op.alter_column("doc_sales_return", "shipment_id", nullable=True, schema=S)
    op.create_index(
        "ix_doc_sales_return_shipment_id", "doc_sales_return", ["shipment_id"], schema=S
    )
    op.execute(RETURN_COSTS_SQL)


def downgrade() -> None:
    op.drop_index("ix_doc_sales_return_shipment_id", "doc_sales_return", schema=S)
    op.alter_column("doc_sales_return", "shipment_id", nullable=False, schema=S)
