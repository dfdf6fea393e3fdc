"""stock cost: moving-average cost in stock, sales cost, expenses, stock transfer and count

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

The stock register keeps a cost amount (moving average, see README "How cost works"); sales keep
the cost of the goods shipped; a new turnover register of expenses by expense item (new catalog)
takes the cost of written-off goods. Write-offs get an expense item and a reason chosen from a
list (the free text moves to the comment). New documents: stock transfer and stock count.

Existing movements get their cost here: receipts the amount of their line, every outgoing
movement the moving average at its moment, recomputed key by key in moment order; sales and
expenses follow, and totals and balances are summed again from the movements.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

S = "kontora"
COST_TABLES = (
    "reg_stock",
    "reg_stock_totals",
    "reg_stock_balance",
    "reg_sales",
    "reg_sales_totals",
)


def _new_tables() -> None:
    op.create_table(
        "cat_expense_items",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("code", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("btrim(name) <> ''", name="ck_cat_expense_items_name_nonempty"),
        sa.CheckConstraint("char_length(code) <= 20", name="ck_cat_expense_items_code_len"),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_cat_expense_items_comment_len"),
        sa.CheckConstraint("char_length(name) <= 150", name="ck_cat_expense_items_name_len"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_cat_expense_items_client_key"),
        schema="kontora",
    )
    op.create_index(
        "ix_cat_expense_items_name", "cat_expense_items", ["name"], unique=False, schema="kontora"
    )
    op.create_table(
        "reg_expenses",
        sa.Column("recorder_type", sa.Text(), nullable=False),
        sa.Column("recorder_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("period", sa.DateTime(), nullable=False),
        sa.Column("expense_item_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_expenses_amount_exact",
        ),
        sa.PrimaryKeyConstraint("recorder_type", "recorder_id", "line_no", name="pk_reg_expenses"),
        schema="kontora",
    )
    op.create_index(
        "ix_reg_expenses_key_period",
        "reg_expenses",
        ["expense_item_id", "product_id", "period"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "reg_expenses_totals",
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("expense_item_id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(amount) < 10000000000000000 AND amount = trunc(amount, 2)",
            name="ck_reg_expenses_totals_amount_exact",
        ),
        sa.PrimaryKeyConstraint(
            "expense_item_id", "product_id", "month", name="pk_reg_expenses_totals"
        ),
        schema="kontora",
    )
    op.create_table(
        "doc_stock_count",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("date", sa.DateTime(), nullable=False),
        sa.Column(
            "number_year",
            sa.Integer(),
            sa.Computed("(EXTRACT(year FROM date))::integer", persisted=True),
            nullable=True,
        ),
        sa.Column("organization_id", sa.BigInteger(), nullable=False),
        sa.Column("posted", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=False),
        sa.Column("last_request", sa.UUID(), nullable=True),
        sa.Column("author", sa.Text(), server_default=sa.text("SESSION_USER"), nullable=False),
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint("char_length(comment) <= 2000", name="ck_doc_stock_count_comment_len"),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_stock_count_number_len"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["kontora.cat_warehouses.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_stock_count_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_stock_count_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_stock_count_date", "doc_stock_count", ["date", "id"], unique=False, schema="kontora"
    )
    op.create_table(
        "doc_stock_transfer",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("date", sa.DateTime(), nullable=False),
        sa.Column(
            "number_year",
            sa.Integer(),
            sa.Computed("(EXTRACT(year FROM date))::integer", persisted=True),
            nullable=True,
        ),
        sa.Column("organization_id", sa.BigInteger(), nullable=False),
        sa.Column("posted", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("deletion_mark", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("client_key", sa.UUID(), nullable=False),
        sa.Column("last_request", sa.UUID(), nullable=True),
        sa.Column("author", sa.Text(), server_default=sa.text("SESSION_USER"), nullable=False),
        sa.Column("warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("to_warehouse_id", sa.BigInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "char_length(comment) <= 2000", name="ck_doc_stock_transfer_comment_len"
        ),
        sa.CheckConstraint(
            "char_length(number) BETWEEN 1 AND 30", name="ck_doc_stock_transfer_number_len"
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"], ["kontora.cat_organizations.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["to_warehouse_id"], ["kontora.cat_warehouses.id"], ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["warehouse_id"], ["kontora.cat_warehouses.id"], ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("client_key", name="uq_doc_stock_transfer_client_key"),
        sa.UniqueConstraint(
            "organization_id", "number_year", "number", name="uq_doc_stock_transfer_number"
        ),
        schema="kontora",
    )
    op.create_index(
        "ix_doc_stock_transfer_date",
        "doc_stock_transfer",
        ["date", "id"],
        unique=False,
        schema="kontora",
    )
    op.create_table(
        "doc_stock_count_lines",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("book_quantity", sa.Numeric(), nullable=True),
        sa.Column("counted_quantity", sa.Numeric(), nullable=False),
        sa.Column("difference", sa.Numeric(), nullable=True),
        sa.CheckConstraint(
            "abs(book_quantity) < 1000000000000 AND book_quantity = trunc(book_quantity, 3)",
            name="ck_doc_stock_count_lines_book_quantity_exact",
        ),
        sa.CheckConstraint(
            "abs(counted_quantity) < 1000000000000 AND counted_quantity = trunc(counted_quantity, 3)",
            name="ck_doc_stock_count_lines_counted_quantity_exact",
        ),
        sa.CheckConstraint(
            "abs(difference) < 1000000000000 AND difference = trunc(difference, 3)",
            name="ck_doc_stock_count_lines_difference_exact",
        ),
        sa.CheckConstraint(
            "book_quantity >= 0", name="ck_doc_stock_count_lines_book_quantity_nonnegative"
        ),
        sa.CheckConstraint(
            "counted_quantity >= 0", name="ck_doc_stock_count_lines_counted_quantity_nonnegative"
        ),
        sa.ForeignKeyConstraint(["doc_id"], ["kontora.doc_stock_count.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["kontora.cat_products.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_stock_count_lines"),
        schema="kontora",
    )
    op.create_table(
        "doc_stock_transfer_lines",
        sa.Column("doc_id", sa.BigInteger(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Numeric(), nullable=False),
        sa.CheckConstraint(
            "abs(quantity) < 1000000000000 AND quantity = trunc(quantity, 3)",
            name="ck_doc_stock_transfer_lines_quantity_exact",
        ),
        sa.CheckConstraint("quantity > 0", name="ck_doc_stock_transfer_lines_quantity_positive"),
        sa.ForeignKeyConstraint(["doc_id"], ["kontora.doc_stock_transfer.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["product_id"], ["kontora.cat_products.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("doc_id", "line_no", name="pk_doc_stock_transfer_lines"),
        schema="kontora",
    )


def upgrade() -> None:
    _new_tables()
    for doc in ("stock_transfer", "stock_count"):
        op.execute(f"CREATE SEQUENCE {S}.doc_{doc}_number_seq")
    for t in COST_TABLES:
        op.add_column(
            t, sa.Column("cost", sa.Numeric(), nullable=False, server_default="0"), schema=S
        )
        op.alter_column(t, "cost", server_default=None, schema=S)
        op.create_check_constraint(
            f"ck_{t}_cost_exact",
            t,
            "abs(cost) < 10000000000000000 AND cost = trunc(cost, 2)",
            schema=S,
        )
    op.drop_index("ix_reg_stock_key_period", table_name="reg_stock", schema=S)
    op.create_index(
        "ix_reg_stock_key_period",
        "reg_stock",
        ["warehouse_id", "product_id", "period", "recorder_type", "recorder_id", "line_no"],
        unique=False,
        schema=S,
    )
    _write_offs()
    op.execute(COSTS_SQL)


def _write_offs() -> None:
    """An expense item for the existing write-offs; reasons from a list (old text to comment)."""
    op.add_column("doc_write_off", sa.Column("expense_item_id", sa.BigInteger()), schema=S)
    op.execute(f"""
        INSERT INTO {S}.cat_expense_items (name)
        SELECT 'Inventory losses' WHERE EXISTS (SELECT 1 FROM {S}.doc_write_off);
        UPDATE {S}.doc_write_off SET
          expense_item_id = (SELECT min(id) FROM {S}.cat_expense_items),
          comment = CASE WHEN nullif(btrim(reason), '') IS NULL THEN comment
                         ELSE left(concat_ws('; ', nullif(comment, ''), reason), 2000) END,
          reason = CASE WHEN reason ILIKE '%short%' OR reason ILIKE '%недостач%' THEN 'shortage'
                        WHEN reason ILIKE '%intern%' OR reason ILIKE '%нужд%' THEN 'internal_use'
                        WHEN nullif(btrim(reason), '') IS NULL THEN NULL
                        ELSE 'spoilage' END""")
    op.alter_column("doc_write_off", "expense_item_id", nullable=False, schema=S)
    op.create_foreign_key(
        "doc_write_off_expense_item_id_fkey",
        "doc_write_off",
        "cat_expense_items",
        ["expense_item_id"],
        ["id"],
        source_schema=S,
        referent_schema=S,
        ondelete="RESTRICT",
    )
    op.drop_constraint("ck_doc_write_off_reason_len", "doc_write_off", schema=S)
    op.create_check_constraint(
        "ck_doc_write_off_reason_choice",
        "doc_write_off",
        "reason IN ('shortage', 'spoilage', 'internal_use')",
        schema=S,
    )


# Receipts: the line amount (n-th movement of a product and quantity = n-th such line). Then one
# pass per key in moment order (period, incoming first, recorder, line): an outgoing movement
# takes round(cost × qty / quantity, 2) of the balance just before it, the last unit the rest.
COSTS_SQL = f"""
DO $$
DECLARE
  m record;
  v_q numeric;
  v_c numeric;
  v_new numeric;
  v_w bigint;
  v_p bigint;
BEGIN
  UPDATE {S}.reg_stock x SET cost = coalesce(l.amount, 0)
  FROM (SELECT recorder_id, line_no, product_id, quantity,
               row_number() OVER (PARTITION BY recorder_id, product_id, quantity
                                  ORDER BY line_no) AS n
        FROM {S}.reg_stock WHERE recorder_type = 'goods_receipt') s
  JOIN (SELECT doc_id, product_id, quantity, amount,
               row_number() OVER (PARTITION BY doc_id, product_id, quantity ORDER BY line_no) AS n
        FROM {S}.doc_goods_receipt_lines) l
    ON l.doc_id = s.recorder_id AND l.product_id = s.product_id AND l.quantity = s.quantity
   AND l.n = s.n
  WHERE x.recorder_type = 'goods_receipt' AND x.recorder_id = s.recorder_id
    AND x.line_no = s.line_no;
  FOR m IN SELECT * FROM {S}.reg_stock
           ORDER BY warehouse_id, product_id, period, quantity < 0, recorder_type, recorder_id,
                    line_no LOOP
    IF v_w IS DISTINCT FROM m.warehouse_id OR v_p IS DISTINCT FROM m.product_id THEN
      v_w := m.warehouse_id; v_p := m.product_id; v_q := 0; v_c := 0;
    END IF;
    IF m.quantity < 0 THEN
      v_new := CASE WHEN -m.quantity >= v_q THEN -v_c
                    ELSE -round(v_c * -m.quantity / v_q, 2) END;
      UPDATE {S}.reg_stock SET cost = v_new
      WHERE recorder_type = m.recorder_type AND recorder_id = m.recorder_id
        AND line_no = m.line_no;
    ELSE
      v_new := m.cost;
    END IF;
    v_q := v_q + m.quantity;
    v_c := v_c + v_new;
  END LOOP;
  UPDATE {S}.reg_stock_totals t SET cost = s.cost
  FROM (SELECT warehouse_id, product_id, date_trunc('month', period)::date AS month,
               sum(cost) AS cost FROM {S}.reg_stock GROUP BY 1, 2, 3) s
  WHERE (t.warehouse_id, t.product_id, t.month) = (s.warehouse_id, s.product_id, s.month);
  UPDATE {S}.reg_stock_balance t SET cost = s.cost
  FROM (SELECT warehouse_id, product_id, sum(cost) AS cost FROM {S}.reg_stock GROUP BY 1, 2) s
  WHERE (t.warehouse_id, t.product_id) = (s.warehouse_id, s.product_id);
  -- Sales: the n-th sales movement of a shipment's product takes the n-th stock movement's cost.
  UPDATE {S}.reg_sales z SET cost = -s.cost
  FROM (SELECT recorder_id, product_id, cost,
               row_number() OVER (PARTITION BY recorder_id, product_id ORDER BY line_no) AS n
        FROM {S}.reg_stock WHERE recorder_type = 'sales_shipment' AND quantity < 0) s
  JOIN (SELECT recorder_id, line_no, product_id,
               row_number() OVER (PARTITION BY recorder_id, product_id ORDER BY line_no) AS n
        FROM {S}.reg_sales WHERE recorder_type = 'sales_shipment') d
    USING (recorder_id, product_id, n)
  WHERE z.recorder_type = 'sales_shipment' AND z.recorder_id = d.recorder_id
    AND z.line_no = d.line_no;
  UPDATE {S}.reg_sales_totals t SET cost = s.cost
  FROM (SELECT customer_id, product_id, date_trunc('month', period)::date AS month,
               sum(cost) AS cost FROM {S}.reg_sales GROUP BY 1, 2, 3) s
  WHERE (t.customer_id, t.product_id, t.month) = (s.customer_id, s.product_id, s.month);
  -- Expenses: one movement per written-off line, the cost of the goods.
  INSERT INTO {S}.reg_expenses (recorder_type, recorder_id, line_no, period, expense_item_id,
                                product_id, amount)
  SELECT 'write_off', x.recorder_id,
         row_number() OVER (PARTITION BY x.recorder_id ORDER BY x.line_no), x.period,
         d.expense_item_id, x.product_id, -x.cost
  FROM {S}.reg_stock x JOIN {S}.doc_write_off d ON d.id = x.recorder_id
  WHERE x.recorder_type = 'write_off';
  INSERT INTO {S}.reg_expenses_totals (month, expense_item_id, product_id, amount)
  SELECT date_trunc('month', period)::date, expense_item_id, product_id, sum(amount)
  FROM {S}.reg_expenses GROUP BY 1, 2, 3;
END $$
"""


def downgrade() -> None:
    op.drop_constraint("ck_doc_write_off_reason_choice", "doc_write_off", schema=S)
    op.create_check_constraint(
        "ck_doc_write_off_reason_len", "doc_write_off", "char_length(reason) <= 100", schema=S
    )
    op.drop_constraint("doc_write_off_expense_item_id_fkey", "doc_write_off", schema=S)
    op.drop_column("doc_write_off", "expense_item_id", schema=S)
    op.drop_index("ix_reg_stock_key_period", table_name="reg_stock", schema=S)
    op.create_index(
        "ix_reg_stock_key_period",
        "reg_stock",
        ["warehouse_id", "product_id", "period"],
        unique=False,
        schema=S,
    )
    for t in COST_TABLES:
        op.drop_column(t, "cost", schema=S)
    for t in (
        "doc_stock_transfer_lines",
        "doc_stock_count_lines",
        "doc_stock_transfer",
        "doc_stock_count",
        "reg_expenses_totals",
        "reg_expenses",
        "cat_expense_items",
    ):
        op.drop_table(t, schema=S)
    op.execute(f"DROP SEQUENCE IF EXISTS {S}.doc_stock_transfer_number_seq")
    op.execute(f"DROP SEQUENCE IF EXISTS {S}.doc_stock_count_number_seq")
