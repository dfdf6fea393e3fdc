-- Goods receipt: a receipt against a purchase order needs an order that is posted and not a
-- draft, of the receipt's supplier (receiving more than ordered is refused by the goods
-- expected register, naming the order and the product).
CREATE OR REPLACE FUNCTION kontora.goods_receipt_check(p_id bigint, p_post boolean)
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  h kontora.doc_goods_receipt;
  o kontora.doc_purchase_order;
BEGIN
  IF NOT p_post THEN
    RETURN;
  END IF;
  SELECT * INTO h FROM kontora.doc_goods_receipt WHERE id = p_id;
  IF h.order_id IS NULL THEN
    RETURN;
  END IF;
  SELECT * INTO o FROM kontora.doc_purchase_order WHERE id = h.order_id;
  IF NOT o.posted OR o.status = 'draft' THEN
    PERFORM kontora.fail('KN005',
      format('Goods receipt %s: purchase order %s is not confirmed; goods are received only '
             'against a confirmed order', h.number, o.number),
      jsonb_build_object('object', 'Goods receipt ' || h.number, 'field', 'Purchase order',
                         'problem', 'not_confirmed', 'value', o.number));
  END IF;
  IF h.supplier_id IS DISTINCT FROM o.counterparty_id THEN
    PERFORM kontora.fail('KN005',
      format('Goods receipt %s: supplier «%s» is not the counterparty «%s» of purchase order %s',
             h.number, coalesce((SELECT name FROM kontora.cat_counterparties
                                 WHERE id = h.supplier_id), '-'),
             (SELECT name FROM kontora.cat_counterparties WHERE id = o.counterparty_id),
             o.number),
      jsonb_build_object('object', 'Goods receipt ' || h.number, 'field', 'Supplier',
                         'problem', 'other_order_counterparty', 'value', o.number));
  END IF;
END $f$;
