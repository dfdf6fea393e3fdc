-- Stock transfer: the two warehouses must differ (a transfer to the same warehouse moves nothing
-- and would make its incoming side take its own cost).
CREATE OR REPLACE FUNCTION kontora.stock_transfer_check(p_id bigint, p_post boolean)
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  h record;
BEGIN
  IF NOT p_post THEN
    RETURN;
  END IF;
  SELECT d.number, d.warehouse_id, w.name AS warehouse INTO h
  FROM kontora.doc_stock_transfer d JOIN kontora.cat_warehouses w ON w.id = d.warehouse_id
  WHERE d.id = p_id AND d.warehouse_id = d.to_warehouse_id;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('Stock transfer %s: the destination must differ from the source warehouse «%s»',
             h.number, h.warehouse),
      jsonb_build_object('object', 'Stock transfer ' || h.number, 'field', 'To warehouse',
                         'value', h.warehouse, 'problem', 'same_warehouse'));
  END IF;
END $f$
