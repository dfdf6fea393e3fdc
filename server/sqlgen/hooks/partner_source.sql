-- A deal or an interaction records where its partner came from (advertising channel, marketing
-- event) unless it names a source itself: the first contact and the deal carry the source on
-- to orders and sales. One rule for every table with partner_id, channel_id and event_id.
CREATE OR REPLACE FUNCTION kontora.tg_partner_source() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kontora, pg_temp AS $f$
BEGIN
  IF NEW.channel_id IS NULL AND NEW.event_id IS NULL AND NEW.partner_id IS NOT NULL THEN
    SELECT channel_id, event_id INTO NEW.channel_id, NEW.event_id
    FROM kontora.cat_partners WHERE id = NEW.partner_id;
  END IF;
  RETURN NEW;
END $f$;

DROP TRIGGER IF EXISTS source_default ON kontora.doc_interaction;
CREATE TRIGGER source_default BEFORE INSERT ON kontora.doc_interaction
FOR EACH ROW EXECUTE FUNCTION kontora.tg_partner_source();
DROP TRIGGER IF EXISTS source_default ON kontora.cat_deals;
CREATE TRIGGER source_default BEFORE INSERT ON kontora.cat_deals
FOR EACH ROW EXECUTE FUNCTION kontora.tg_partner_source();
DROP FUNCTION IF EXISTS kontora.tg_interaction_source();
