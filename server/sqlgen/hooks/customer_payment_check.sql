-- Customer payment posting: the orders belong to the partner and the lines allocate no more
-- than the payment's amount (the header trigger checks the counterparty's partner: within).
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
