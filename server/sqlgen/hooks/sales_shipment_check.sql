-- Sales shipment posting: the order belongs to the customer's partner (the header trigger
-- checks that the customer belongs to the partner: within).
CREATE OR REPLACE FUNCTION kontora.sales_shipment_check(p_id bigint, p_post boolean)
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  h kontora.doc_sales_shipment;
  v record;
BEGIN
  IF NOT p_post THEN
    RETURN;
  END IF;
  SELECT * INTO h FROM kontora.doc_sales_shipment WHERE id = p_id;
  SELECT o.number, o.status, p.name AS partner INTO v
  FROM kontora.doc_sales_order o JOIN kontora.cat_partners p ON p.id = o.partner_id
  WHERE o.id = h.order_id
    AND o.partner_id IS DISTINCT FROM (SELECT c.partner_id FROM kontora.cat_counterparties c
                                       WHERE c.id = h.customer_id);
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('Sales shipment %s: order %s is of partner «%s», not of this customer',
             h.number, v.number, v.partner),
      jsonb_build_object('object', 'Sales shipment ' || h.number, 'field', 'Order',
                         'value', v.number));
  END IF;
END $f$;
