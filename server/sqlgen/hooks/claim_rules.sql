-- Customer claims (server/config/interactions.py): a claim names a shipment or an order of its
-- own partner; it starts new and its status moves new → in progress → resolved | rejected,
-- never back (a closed claim keeps its status); a resolved or rejected claim says why.

CREATE OR REPLACE FUNCTION kontora.tg_claim_rules() RETURNS trigger
LANGUAGE plpgsql SET search_path = kontora, pg_temp AS $f$
DECLARE
  v_obj text := 'Customer claim ' || NEW.number;
  v_old text := CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END;
  v_doc record;
BEGIN
  IF NEW.shipment_id IS NULL AND NEW.order_id IS NULL THEN
    PERFORM kontora.fail('KN005', format('%s: name the shipment or the order it is about', v_obj),
      jsonb_build_object('object', v_obj, 'field', 'Shipment', 'problem', 'required'));
  END IF;
  IF NEW.shipment_id IS NOT NULL THEN
    SELECT s.number, coalesce(s.partner_id, c.partner_id) AS partner_id, p.name AS partner
    INTO v_doc FROM kontora.doc_sales_shipment s
    JOIN kontora.cat_counterparties c ON c.id = s.customer_id
    LEFT JOIN kontora.cat_partners p ON p.id = coalesce(s.partner_id, c.partner_id)
    WHERE s.id = NEW.shipment_id;
    IF v_doc.partner_id IS DISTINCT FROM NEW.partner_id THEN
      PERFORM kontora.fail('KN005',
        format('%s: shipment %s belongs to partner «%s», not to the claim''s partner', v_obj,
               v_doc.number, v_doc.partner),
        jsonb_build_object('object', v_obj, 'field', 'Shipment', 'problem', 'within',
                           'value', v_doc.number));
    END IF;
  END IF;
  IF NEW.order_id IS NOT NULL THEN
    SELECT o.number, o.partner_id, p.name AS partner INTO v_doc
    FROM kontora.doc_sales_order o JOIN kontora.cat_partners p ON p.id = o.partner_id
    WHERE o.id = NEW.order_id;
    IF v_doc.partner_id IS DISTINCT FROM NEW.partner_id THEN
      PERFORM kontora.fail('KN005',
        format('%s: order %s belongs to partner «%s», not to the claim''s partner', v_obj,
               v_doc.number, v_doc.partner),
        jsonb_build_object('object', v_obj, 'field', 'Order', 'problem', 'within',
                           'value', v_doc.number));
    END IF;
  END IF;
  IF NEW.status IS DISTINCT FROM coalesce(v_old, 'new') AND NOT coalesce(
       v_old = 'new' AND NEW.status = 'in_progress'
       OR v_old = 'in_progress' AND NEW.status IN ('resolved', 'rejected'), false) THEN
    PERFORM kontora.fail('KN006',
      format('%s: its status cannot move from «%s» to «%s» (new → in progress → resolved or '
             'rejected, never back)', v_obj, coalesce(v_old, '-'), NEW.status),
      jsonb_build_object('object', v_obj, 'field', 'Status', 'problem', 'workflow',
                         'old', v_old, 'new', NEW.status));
  END IF;
  IF NEW.status IN ('resolved', 'rejected') AND btrim(coalesce(NEW.resolution, '')) = '' THEN
    PERFORM kontora.fail('KN005', format('%s: say how it was resolved or why rejected', v_obj),
      jsonb_build_object('object', v_obj, 'field', 'Resolution', 'problem', 'required'));
  END IF;
  RETURN NEW;
END $f$;

DROP TRIGGER IF EXISTS claim_rules ON kontora.doc_claim;
CREATE TRIGGER claim_rules BEFORE INSERT OR UPDATE ON kontora.doc_claim
FOR EACH ROW EXECUTE FUNCTION kontora.tg_claim_rules();
