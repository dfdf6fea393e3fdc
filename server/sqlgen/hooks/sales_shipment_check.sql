-- Sales shipment posting (the header trigger checks that the customer belongs to the partner:
-- within): the order belongs to the customer's partner and is "to ship" (or closed: a shipment
-- it already had may be reposted); the shipment's posted returns are dated after it and bring
-- back no more of a product than it ships.
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
  IF h.order_id IS NOT NULL THEN
    SELECT o.number, o.status, o.posted, p.name AS partner,
           o.partner_id IS DISTINCT FROM (SELECT c.partner_id FROM kontora.cat_counterparties c
                                          WHERE c.id = h.customer_id) AS other_partner
    INTO v
    FROM kontora.doc_sales_order o JOIN kontora.cat_partners p ON p.id = o.partner_id
    WHERE o.id = h.order_id;
    IF v.other_partner THEN
      PERFORM kontora.fail('KN005',
        format('Sales shipment %s: order %s is of partner «%s», not of this customer',
               h.number, v.number, v.partner),
        jsonb_build_object('object', 'Sales shipment ' || h.number, 'field', 'Order',
                           'value', v.number));
    END IF;
    IF NOT (v.posted AND v.status IN ('to_ship', 'closed')) THEN
      PERFORM kontora.sales_order_not_to_ship(h.number, v.number,
                                              CASE WHEN v.posted THEN v.status
                                                   ELSE 'not_posted' END);
    END IF;
  END IF;
  -- (the usual case, nothing returned yet, by one probe here: a nested call costs more)
  IF EXISTS (SELECT 1 FROM kontora.doc_sales_return r WHERE r.shipment_id = p_id AND r.posted)
  THEN
    PERFORM kontora.sales_return_rules(p_id, NULL);
  END IF;
END $f$;

-- Refuse shipping against an order that is not "to ship" (1C: Trade Management's status
-- "К отгрузке"): "to supply" only reserves.
CREATE OR REPLACE FUNCTION kontora.sales_order_not_to_ship(p_shipment text, p_order text,
                                                           p_status text)
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  v_title text := CASE p_status WHEN 'not_approved' THEN 'Not approved'
                                WHEN 'to_supply' THEN 'To supply'
                                WHEN 'to_ship' THEN 'To ship'
                                WHEN 'closed' THEN 'Closed'
                                ELSE 'Not posted' END;
BEGIN
  PERFORM kontora.fail('KN005',
    format('Sales shipment %s: order %s is «%s»; only an order «To ship» can be shipped',
           p_shipment, p_order, v_title),
    jsonb_build_object('rule', 'order_to_ship', 'object', 'Sales shipment ' || p_shipment,
                       'order', p_order, 'status', p_status, 'status_title', v_title));
END $f$;
