-- An interaction records where its partner came from (advertising channel, marketing event)
-- unless it names a source itself: the first contact carries the source on to deals and sales.
CREATE OR REPLACE FUNCTION kontora.tg_interaction_source() RETURNS trigger
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
FOR EACH ROW EXECUTE FUNCTION kontora.tg_interaction_source();
