-- Supplier payment: the amounts allocated fit in the payment; each line names a purchase order
-- or a goods receipt (of its order if both are named), each a posted one of the payment's
-- counterparty.
CREATE OR REPLACE FUNCTION kontora.supplier_payment_check(p_id bigint, p_post boolean)
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  h kontora.doc_supplier_payment;
  v_allocated numeric;
  v record;
BEGIN
  IF NOT p_post THEN
    RETURN;
  END IF;
  SELECT * INTO h FROM kontora.doc_supplier_payment WHERE id = p_id;
  SELECT coalesce(sum(amount), 0) INTO v_allocated
  FROM kontora.doc_supplier_payment_orders WHERE doc_id = p_id;
  IF v_allocated > h.amount THEN
    PERFORM kontora.fail('KN005',
      format('Supplier payment %s: %s is allocated to orders, more than the amount paid %s',
             h.number, v_allocated, h.amount),
      jsonb_build_object('object', 'Supplier payment ' || h.number, 'field', 'Amount',
                         'problem', 'over_allocated', 'allocated', v_allocated,
                         'amount', h.amount));
  END IF;
  SELECT l.line_no INTO v FROM kontora.doc_supplier_payment_orders l
  WHERE l.doc_id = p_id AND l.order_id IS NULL AND l.receipt_id IS NULL
  ORDER BY l.line_no LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('Supplier payment %s, line %s: name the purchase order or the goods receipt the '
             'amount pays', h.number, v.line_no),
      jsonb_build_object('object', 'Supplier payment ' || h.number, 'line', v.line_no,
                         'field', 'Purchase order', 'problem', 'required'));
  END IF;
  SELECT l.line_no, r.number, r.posted, r.supplier_id = h.counterparty_id AS ours,
         o.number AS order_number INTO v
  FROM kontora.doc_supplier_payment_orders l
  JOIN kontora.doc_goods_receipt r ON r.id = l.receipt_id
  LEFT JOIN kontora.doc_purchase_order o ON o.id = l.order_id
  WHERE l.doc_id = p_id AND (NOT r.posted OR r.supplier_id IS DISTINCT FROM h.counterparty_id
                             OR r.order_id IS DISTINCT FROM coalesce(l.order_id, r.order_id))
  ORDER BY l.line_no LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('Supplier payment %s, line %s: goods receipt %s is %s', h.number, v.line_no,
             v.number, CASE WHEN NOT v.posted THEN 'not posted'
                            WHEN NOT coalesce(v.ours, false) THEN 'of another counterparty'
                            ELSE format('not of purchase order %s', v.order_number) END),
      jsonb_build_object('object', 'Supplier payment ' || h.number, 'line', v.line_no,
                         'field', 'Goods receipt', 'value', v.number));
  END IF;
  SELECT l.line_no, o.number, o.posted, o.counterparty_id INTO v
  FROM kontora.doc_supplier_payment_orders l
  JOIN kontora.doc_purchase_order o ON o.id = l.order_id
  WHERE l.doc_id = p_id AND (NOT o.posted OR o.counterparty_id <> h.counterparty_id)
  ORDER BY l.line_no LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('Supplier payment %s, line %s: purchase order %s is %s', h.number, v.line_no,
             v.number, CASE WHEN v.posted THEN 'of another counterparty' ELSE 'not posted' END),
      jsonb_build_object('object', 'Supplier payment ' || h.number, 'line', v.line_no,
                         'field', 'Purchase order', 'problem', 'order', 'value', v.number));
  END IF;
END $f$;
