-- Sales return posting (the header trigger checks that the customer belongs to the partner:
-- within): the rules of a shipment's returns, checked from both sides (sales_return_rules).
CREATE OR REPLACE FUNCTION kontora.sales_return_check(p_id bigint, p_post boolean)
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  v_shipment bigint;
BEGIN
  IF NOT p_post THEN
    RETURN;
  END IF;
  SELECT shipment_id INTO v_shipment FROM kontora.doc_sales_return WHERE id = p_id;
  IF v_shipment IS NOT NULL THEN
    PERFORM kontora.sales_return_rules(v_shipment, p_id);
  END IF;
END $f$;

-- A posted return takes its shipment's row lock when it is saved, before its posting locks its
-- register keys (the shipment's posting holds that row from its start too): the returns of one
-- shipment are posted one at a time and never wait for each other's keys.
CREATE OR REPLACE FUNCTION kontora.tg_sales_return_lock_shipment()
RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  PERFORM 1 FROM kontora.doc_sales_shipment WHERE id = NEW.shipment_id FOR NO KEY UPDATE;
  RETURN NEW;
END $f$;
DROP TRIGGER IF EXISTS lock_shipment ON kontora.doc_sales_return;
CREATE TRIGGER lock_shipment BEFORE INSERT OR UPDATE ON kontora.doc_sales_return
FOR EACH ROW WHEN (NEW.posted AND NEW.shipment_id IS NOT NULL)
EXECUTE FUNCTION kontora.tg_sales_return_lock_shipment();

-- The returns of shipment p_shipment (its posted ones and p_return, being posted) are dated
-- after it — at the same second a return would count before its shipment, whose cost its own
-- cost follows — and bring back, all together, no more of a product than it ships. Called by
-- the posting of a return (p_return) and of a shipment (p_return NULL; only when it has posted
-- returns, which sales_shipment_check probes first). One at a time: a
-- return locks its shipment's row (when saved, or here when posted from a list), which the
-- shipment's posting holds (FOR UPDATE) — so each sees what the other committed.
CREATE OR REPLACE FUNCTION kontora.sales_return_rules(p_shipment bigint, p_return bigint)
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  s kontora.doc_sales_shipment;
  v record;
  v_object text;
BEGIN
  IF p_return IS NULL THEN
    SELECT * INTO s FROM kontora.doc_sales_shipment WHERE id = p_shipment;
  ELSE
    SELECT * INTO s FROM kontora.doc_sales_shipment WHERE id = p_shipment FOR NO KEY UPDATE;
  END IF;
  v_object := CASE WHEN p_return IS NULL THEN 'Sales shipment ' || s.number
                   ELSE 'Sales return '
                        || (SELECT number FROM kontora.doc_sales_return WHERE id = p_return) END;
  SELECT r.number, r.date INTO v FROM kontora.doc_sales_return r
  WHERE r.shipment_id = p_shipment AND (r.posted OR r.id = p_return) AND r.date <= s.date
  ORDER BY r.id = p_return DESC, r.date, r.id LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('%s: sales return %s dated %s is not after its shipment %s dated %s; a return '
             'must be dated after the shipment it returns', v_object, v.number, v.date,
             s.number, s.date),
      jsonb_build_object('rule', 'return_after_shipment', 'object', v_object,
                         'return', v.number, 'return_date', v.date,
                         'shipment', s.number, 'shipment_date', s.date));
  END IF;
  SELECT p.name AS product, coalesce(sh.quantity, 0) AS shipped, rt.quantity AS returned
  INTO v
  FROM (SELECT l.product_id, sum(l.quantity) AS quantity
        FROM kontora.doc_sales_return r JOIN kontora.doc_sales_return_lines l ON l.doc_id = r.id
        WHERE r.shipment_id = p_shipment AND (r.posted OR r.id = p_return)
        GROUP BY l.product_id) rt
  LEFT JOIN (SELECT l.product_id, sum(l.quantity) AS quantity
             FROM kontora.doc_sales_shipment_lines l WHERE l.doc_id = p_shipment
             GROUP BY l.product_id) sh ON sh.product_id = rt.product_id
  JOIN kontora.cat_products p ON p.id = rt.product_id
  WHERE rt.quantity > coalesce(sh.quantity, 0)
  ORDER BY p.name, p.id LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('%s: the returns of shipment %s bring back %s of «%s», more than the %s it '
             'shipped', v_object, s.number, v.returned, v.product, v.shipped),
      jsonb_build_object('rule', 'over_return', 'object', v_object, 'shipment', s.number,
                         'product', v.product, 'returned', v.returned, 'shipped', v.shipped));
  END IF;
END $f$;
