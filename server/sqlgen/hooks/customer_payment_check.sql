-- Customer payment posting: each line names an order or a shipment (a shipment of this
-- counterparty, posted, and of the line's order if both are named), the orders belong to the
-- partner and the lines allocate no more than the payment's amount (the header trigger checks
-- the counterparty's partner: within).
CREATE OR REPLACE FUNCTION kontora.customer_payment_check(p_id bigint, p_post boolean)
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  h kontora.doc_customer_payment;
  v record;
  v_object text;
  v_allocated numeric;
BEGIN
  IF NOT p_post THEN
    RETURN;
  END IF;
  SELECT * INTO h FROM kontora.doc_customer_payment WHERE id = p_id;
  v_object := 'Customer payment ' || h.number;
  SELECT coalesce(sum(amount), 0) INTO v_allocated FROM kontora.doc_customer_payment_orders
  WHERE doc_id = p_id;
  IF v_allocated > h.amount THEN
    PERFORM kontora.fail('KN005',
      format('%s: the lines allocate %s, more than the amount paid %s', v_object, v_allocated,
             h.amount),
      jsonb_build_object('object', v_object, 'field', 'Amount', 'value', h.amount,
                         'allocated', v_allocated));
  END IF;
  SELECT l.line_no INTO v FROM kontora.doc_customer_payment_orders l
  WHERE l.doc_id = p_id AND l.order_id IS NULL AND l.shipment_id IS NULL
  ORDER BY l.line_no LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('%s, line %s: name the order or the shipment the amount pays', v_object, v.line_no),
      jsonb_build_object('object', v_object, 'field', 'Order', 'line', v.line_no,
                         'problem', 'required'));
  END IF;
  SELECT l.line_no, s.number, s.posted, s.customer_id = h.counterparty_id AS ours,
         o.number AS order_number INTO v
  FROM kontora.doc_customer_payment_orders l
  JOIN kontora.doc_sales_shipment s ON s.id = l.shipment_id
  LEFT JOIN kontora.doc_sales_order o ON o.id = l.order_id
  WHERE l.doc_id = p_id AND (NOT s.posted OR s.customer_id <> h.counterparty_id
                             OR s.order_id IS DISTINCT FROM coalesce(l.order_id, s.order_id))
  ORDER BY l.line_no LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('%s, line %s: shipment %s is %s', v_object, v.line_no, v.number,
             CASE WHEN NOT v.posted THEN 'not posted'
                  WHEN NOT v.ours THEN 'of another counterparty'
                  ELSE format('not of order %s', v.order_number) END),
      jsonb_build_object('object', v_object, 'field', 'Shipment', 'line', v.line_no,
                         'value', v.number));
  END IF;
  SELECT l.line_no, o.number INTO v
  FROM kontora.doc_customer_payment_orders l JOIN kontora.doc_sales_order o ON o.id = l.order_id
  WHERE l.doc_id = p_id AND o.partner_id <> h.partner_id ORDER BY l.line_no LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('%s, line %s: order %s is of another partner', v_object, v.line_no, v.number),
      jsonb_build_object('object', v_object, 'field', 'Order', 'line', v.line_no,
                         'value', v.number));
  END IF;
END $f$;
