-- Sales order posting (the header trigger checks the counterparty's partner: within):
-- reserves within quantities, an order shipped against stays "to ship" (or closed), and on
-- approval the partner's credit limit (refused, or the order kept waiting for approval).
-- Exposure = debt (customer settlements) + the unshipped amount of the partner's other
-- approved, not closed orders + this order's unshipped amount.
CREATE OR REPLACE FUNCTION kontora.sales_order_check(p_id bigint, p_post boolean)
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  h kontora.doc_sales_order;
  v record;
  v_object text;
  v_partner text;
  v_limit numeric;
  v_debt numeric;
  v_open numeric;
  v_amount numeric;
  v_over numeric;
BEGIN
  IF NOT p_post THEN
    RETURN;
  END IF;
  SELECT * INTO h FROM kontora.doc_sales_order WHERE id = p_id;
  v_object := 'Sales order ' || h.number;
  SELECT l.line_no, l.quantity, l.reserve INTO v FROM kontora.doc_sales_order_lines l
  WHERE l.doc_id = p_id AND l.reserve > l.quantity ORDER BY l.line_no LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('%s, line %s: reserve %s is more than the quantity %s', v_object, v.line_no,
             v.reserve, v.quantity),
      jsonb_build_object('object', v_object, 'field', 'Reserve', 'line', v.line_no,
                         'value', v.reserve, 'quantity', v.quantity));
  END IF;
  -- Shipped against (1C: "К отгрузке"): it may not go back to "to supply" or "not approved".
  SELECT s.number INTO v FROM kontora.doc_sales_shipment s
  WHERE s.order_id = p_id AND s.posted AND h.status IN ('not_approved', 'to_supply')
  ORDER BY s.date, s.id LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('%s cannot go back to «%s»: sales shipment %s was shipped against it',
             v_object, CASE h.status WHEN 'to_supply' THEN 'To supply' ELSE 'Not approved' END,
             v.number),
      jsonb_build_object('rule', 'order_shipped', 'object', v_object, 'status', h.status,
                         'shipment', v.number));
  END IF;
  IF h.status NOT IN ('to_supply', 'to_ship') THEN
    RETURN;
  END IF;
  SELECT credit_limit, name INTO v_limit, v_partner FROM kontora.cat_partners
  WHERE id = h.partner_id;
  IF v_limit IS NULL THEN
    RETURN;  -- no limit set
  END IF;
  -- Orders of one partner are approved one at a time (each sees the others' exposure).
  PERFORM pg_advisory_xact_lock(hashtextextended('credit|' || h.partner_id, 0));
  SELECT coalesce(sum(b.amount), 0) INTO v_debt FROM kontora.reg_customer_settlements_balance b
  WHERE b.partner_id = h.partner_id;
  -- An order's part not yet shipped (what was shipped is in the debt already).
  SELECT coalesce(sum(u.amount) FILTER (WHERE u.id <> p_id), 0),
         coalesce(sum(u.amount) FILTER (WHERE u.id = p_id), 0)
  INTO v_open, v_amount
  FROM (SELECT o.id, greatest(0,
          (SELECT coalesce(sum(m.amount), 0) FROM kontora.reg_customer_orders m
           WHERE m.recorder_type = 'sales_order' AND m.recorder_id = o.id)
          - (SELECT coalesce(sum(s.amount), 0) FROM kontora.reg_customer_settlements s
             WHERE s.order_id = o.id AND s.recorder_type = 'sales_shipment')) AS amount
        FROM kontora.doc_sales_order o
        WHERE o.partner_id = h.partner_id AND o.posted AND o.status IN ('to_supply', 'to_ship')
           OR o.id = p_id) u;
  v_over := v_debt + v_open + v_amount - v_limit;
  IF v_over <= 0 THEN
    RETURN;
  END IF;
  IF (SELECT credit_limit_action FROM kontora.constants) = 'approval' THEN
    UPDATE kontora.doc_sales_order SET status = 'not_approved' WHERE id = p_id;
    INSERT INTO kontora.history (table_name, row_id, op, changes)
    VALUES ('doc_sales_order', p_id, 'UPDATE', jsonb_build_object(
            'status', jsonb_build_object('old', h.status, 'new', 'not_approved')));
    PERFORM kontora.doc_sales_order_posting(p_id, true, true);  -- now moves nothing
    PERFORM set_config('kontora.notice', jsonb_build_object(
      'kind', 'credit_approval', 'object', v_object, 'partner', v_partner, 'debt', v_debt,
      'open', v_open, 'amount', v_amount, 'limit', v_limit, 'over', v_over,
      'message', format('%s waits for approval: the debt of partner «%s» %s plus its open '
                        'orders %s plus the order %s exceeds its credit limit %s by %s',
                        v_object, v_partner, v_debt, v_open, v_amount, v_limit,
                        v_over))::text, true);
    RETURN;
  END IF;
  PERFORM kontora.fail('KN012',
    format('%s: the debt of partner «%s» %s plus its open orders %s plus the order %s exceeds '
           'its credit limit %s by %s',
           v_object, v_partner, v_debt, v_open, v_amount, v_limit, v_over),
    jsonb_build_object('object', v_object, 'partner', v_partner, 'debt', v_debt,
                       'open', v_open, 'amount', v_amount, 'limit', v_limit, 'over', v_over));
END $f$;
