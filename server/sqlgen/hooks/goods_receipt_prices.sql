-- Goods receipt: purchase prices (1C "register supplier prices"). Posting records each line's
-- price (after its discount; converted when the receipt's VAT inclusion differs from the
-- type's) into the prices register for every price type "recorded by goods receipts", on the
-- receipt's day, marked with the receipt; the last line of a product counts. Unposting (and
-- every re-post first) removes what the receipt recorded; another posted receipt of that day
-- then records its price again (the latest receipt of a day wins). A price set by hand for
-- the same day stays.
CREATE OR REPLACE FUNCTION kontora.goods_receipt_prices(p_id bigint, p_post boolean)
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  v_keys jsonb;
BEGIN
  -- Nothing recorded and nothing to record: no statement on the register (its change
  -- notification is sent only when its prices change).
  IF NOT (p_post AND EXISTS (SELECT 1 FROM kontora.cat_price_types WHERE from_purchases)
          OR EXISTS (SELECT 1 FROM kontora.inf_prices WHERE receipt_id = p_id)) THEN
    RETURN;
  END IF;
  WITH gone AS (
    DELETE FROM kontora.inf_prices WHERE receipt_id = p_id
    RETURNING period, product_id
  ), mine AS (
    SELECT g.date::date AS period, l.product_id FROM kontora.doc_goods_receipt g
    JOIN kontora.doc_goods_receipt_lines l ON l.doc_id = g.id
    WHERE g.id = p_id AND p_post
  )
  SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_array(period, product_id)), '[]')
  INTO v_keys FROM (SELECT * FROM gone UNION ALL SELECT * FROM mine) k;
  IF v_keys = '[]' OR NOT EXISTS (SELECT 1 FROM kontora.cat_price_types WHERE from_purchases) THEN
    RETURN;
  END IF;
  INSERT INTO kontora.inf_prices (period, price_type_id, product_id, price, receipt_id)
  SELECT k.period, t.id, k.product_id,
         CASE WHEN coalesce(r.vat_included, false) = coalesce(t.vat_included, false) THEN r.net
              WHEN coalesce(r.vat_included, false)
                THEN round(r.net * 100 / (100 + coalesce(r.vat_rate, 0)), 2)
              ELSE round(r.net * (100 + coalesce(r.vat_rate, 0)) / 100, 2) END,
         r.id
  FROM (SELECT (e->>0)::date AS period, (e->>1)::bigint AS product_id
        FROM jsonb_array_elements(v_keys) e) k
  CROSS JOIN LATERAL (
    SELECT g.id, g.vat_included, l.vat_rate,
           round(l.price * (100 - coalesce(l.discount, 0)) / 100, 2) AS net
    FROM kontora.doc_goods_receipt g
    JOIN kontora.doc_goods_receipt_lines l ON l.doc_id = g.id
    WHERE g.date >= k.period AND g.date < k.period + 1 AND l.product_id = k.product_id
      AND l.price IS NOT NULL AND NOT g.deletion_mark
      AND (g.id = p_id AND p_post OR g.id <> p_id AND g.posted)
    ORDER BY g.date DESC, g.id DESC, l.line_no DESC LIMIT 1
  ) r
  CROSS JOIN kontora.cat_price_types t
  WHERE t.from_purchases AND NOT t.deletion_mark
  ON CONFLICT (price_type_id, product_id, period) DO UPDATE
    SET price = excluded.price, receipt_id = excluded.receipt_id
    WHERE kontora.inf_prices.receipt_id IS NOT NULL;
END $f$;
