-- Deals (server/config/crm.py): a closed deal is frozen; the probability follows the stage
-- unless typed; a lost deal names its reason; every stage change is recorded in the stage
-- statistics (inf_deal_stage_stats), which only these rules write.

-- The suggested probability of a stage: the share of closed deals that were won among those
-- that passed through it (when at least 5 did), else the stage's own probability.
CREATE OR REPLACE FUNCTION kontora.deal_probability(p_stage bigint)
RETURNS numeric LANGUAGE sql STABLE SET search_path = kontora, pg_temp AS $f$
  SELECT CASE
    WHEN s.outcome = 'won' THEN 100
    WHEN s.outcome = 'lost' THEN 0
    WHEN h.closed >= 5 THEN round(100.0 * h.won / h.closed, 0)
    ELSE coalesce(s.probability, 0) END
  FROM kontora.cat_deal_stages s,
       LATERAL (SELECT count(*) FILTER (WHERE e.outcome <> 'open') AS closed,
                       count(*) FILTER (WHERE e.outcome = 'won') AS won
                FROM kontora.inf_deal_stage_stats t
                JOIN kontora.cat_deals d ON d.id = t.deal_id
                JOIN kontora.cat_deal_stages e ON e.id = d.stage_id
                WHERE t.stage_id = p_stage) h
  WHERE s.id = p_stage
$f$;

CREATE OR REPLACE FUNCTION kontora.tg_deal_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kontora, pg_temp AS $f$
DECLARE
  v_old text;
  v_new text;
BEGIN
  SELECT outcome INTO v_new FROM kontora.cat_deal_stages WHERE id = NEW.stage_id;
  IF TG_OP = 'UPDATE' THEN
    SELECT outcome INTO v_old FROM kontora.cat_deal_stages WHERE id = OLD.stage_id;
    IF v_old <> 'open' AND (to_jsonb(NEW) - 'version' - 'deletion_mark')
                           IS DISTINCT FROM (to_jsonb(OLD) - 'version' - 'deletion_mark') THEN
      PERFORM kontora.fail('KN006',
        format('Deal «%s» is closed (%s); a closed deal cannot be changed', OLD.name,
               CASE v_old WHEN 'won' THEN 'won' ELSE 'lost' END),
        jsonb_build_object('object', 'Deal «' || OLD.name || '»', 'outcome', v_old));
    END IF;
  END IF;
  IF v_new = 'lost' AND NEW.loss_reason_id IS NULL THEN
    PERFORM kontora.fail('KN005',
      format('Deal «%s»: give the loss reason to close it as lost', NEW.name),
      jsonb_build_object('object', 'Deal «' || NEW.name || '»', 'field', 'Loss reason',
                         'problem', 'required'));
  END IF;
  IF NEW.stage_id IS NOT NULL AND (
       (TG_OP = 'INSERT' AND NEW.probability IS NULL)
       OR (TG_OP = 'UPDATE' AND NEW.stage_id IS DISTINCT FROM OLD.stage_id
           AND (NEW.probability IS NOT DISTINCT FROM OLD.probability OR v_new <> 'open'))) THEN
    NEW.probability := kontora.deal_probability(NEW.stage_id);
  END IF;
  RETURN NEW;
END $f$;

-- Stage statistics: the stage left gets its time and where the deal went; the stage entered
-- gets a visit (a closing stage is left the moment it is entered).
CREATE OR REPLACE FUNCTION kontora.tg_deal_stats() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kontora, pg_temp AS $f$
DECLARE
  v_now timestamp := localtimestamp(0);
  v_new kontora.cat_deal_stages;
  v_old kontora.cat_deal_stages;
BEGIN
  IF NEW.stage_id IS NULL OR (TG_OP = 'UPDATE' AND NEW.stage_id IS NOT DISTINCT FROM OLD.stage_id) THEN
    RETURN NULL;
  END IF;
  SELECT * INTO v_new FROM kontora.cat_deal_stages WHERE id = NEW.stage_id;
  IF TG_OP = 'UPDATE' AND OLD.stage_id IS NOT NULL THEN
    SELECT * INTO v_old FROM kontora.cat_deal_stages WHERE id = OLD.stage_id;
    UPDATE kontora.inf_deal_stage_stats
    SET left_at = v_now,
        days = coalesce(days, 0) + round(extract(epoch FROM v_now - since) / 86400, 3),
        result = CASE WHEN v_new.outcome <> 'open'
                        OR coalesce(v_new.sequence, 0) > coalesce(v_old.sequence, 0)
                      THEN 'forward' ELSE 'back' END
    WHERE deal_id = NEW.id AND stage_id = OLD.stage_id;
  END IF;
  INSERT INTO kontora.inf_deal_stage_stats AS t
    (deal_id, stage_id, entered, since, left_at, days, visits, result)
  VALUES (NEW.id, NEW.stage_id, v_now, v_now, CASE WHEN v_new.outcome <> 'open' THEN v_now END, 0, 1,
          CASE WHEN v_new.outcome <> 'open' THEN v_new.outcome ELSE 'current' END)
  ON CONFLICT (deal_id, stage_id) DO UPDATE
  SET since = excluded.since, left_at = excluded.left_at, visits = t.visits + 1,
      result = excluded.result;
  RETURN NULL;
END $f$;

DROP TRIGGER IF EXISTS guard_rules ON kontora.cat_deals;
CREATE TRIGGER guard_rules BEFORE INSERT OR UPDATE ON kontora.cat_deals
FOR EACH ROW EXECUTE FUNCTION kontora.tg_deal_rules();
DROP TRIGGER IF EXISTS deal_stats ON kontora.cat_deals;
CREATE TRIGGER deal_stats AFTER INSERT OR UPDATE OF stage_id ON kontora.cat_deals
FOR EACH ROW EXECUTE FUNCTION kontora.tg_deal_stats();

-- A deal's participant is a user (login) or a contact person, and a contact person of the
-- deal's partner.
CREATE OR REPLACE FUNCTION kontora.tg_deal_participant_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kontora, pg_temp AS $f$
DECLARE
  v record;
BEGIN
  SELECT d.name, d.partner_id, p.name AS partner INTO v
  FROM kontora.cat_deals d JOIN kontora.cat_partners p ON p.id = d.partner_id
  WHERE d.id = NEW.item_id;
  IF nullif(btrim(NEW.login), '') IS NULL AND NEW.contact_id IS NULL THEN
    PERFORM kontora.fail('KN005',
      format('Deal «%s», participants line %s: name a user or a contact person', v.name,
             NEW.line_no),
      jsonb_build_object('object', 'Deal «' || v.name || '»', 'field', 'Contact person',
                         'line', NEW.line_no, 'problem', 'required'));
  END IF;
  IF NEW.contact_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM kontora.cat_contact_persons c
       WHERE c.id = NEW.contact_id AND c.partner_id = v.partner_id) THEN
    PERFORM kontora.fail('KN005',
      format('Deal «%s», participants line %s: «%s» is not a contact person of partner «%s»',
             v.name, NEW.line_no,
             (SELECT name FROM kontora.cat_contact_persons WHERE id = NEW.contact_id), v.partner),
      jsonb_build_object('object', 'Deal «' || v.name || '»', 'field', 'Contact person',
                         'line', NEW.line_no, 'problem', 'within'));
  END IF;
  RETURN NEW;
END $f$;

DROP TRIGGER IF EXISTS participant_rules ON kontora.cat_deals_participants;
CREATE TRIGGER participant_rules BEFORE INSERT OR UPDATE ON kontora.cat_deals_participants
FOR EACH ROW EXECUTE FUNCTION kontora.tg_deal_participant_rules();
