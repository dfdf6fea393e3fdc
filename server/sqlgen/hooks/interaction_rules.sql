-- Interactions (server/config/interactions.py): the next step with a reminder time keeps the
-- interaction's own reminder task (cat_tasks.interaction_id) up to date — created on the first
-- save that has both, changed with them while it is not done, marked for deletion when the
-- reminder is cleared. The task is assigned to the interaction's manager (else its author).

CREATE OR REPLACE FUNCTION kontora.tg_interaction_rules() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kontora, pg_temp AS $f$
DECLARE
  v_task kontora.cat_tasks;
  v_step text := nullif(btrim(coalesce(NEW.next_step, '')), '');
  v_name text;
  v_who text := coalesce(nullif(btrim(NEW.manager), ''), NEW.author);
BEGIN
  SELECT * INTO v_task FROM kontora.cat_tasks WHERE interaction_id = NEW.id
  ORDER BY id LIMIT 1 FOR UPDATE;
  IF v_step IS NULL OR NEW.remind_at IS NULL OR NEW.deletion_mark THEN
    IF FOUND AND NOT v_task.done AND NOT v_task.deletion_mark THEN
      UPDATE kontora.cat_tasks SET deletion_mark = true
      WHERE id = v_task.id;
    END IF;
    RETURN NULL;
  END IF;
  v_name := left(v_step, 150);
  IF NOT FOUND THEN
    INSERT INTO kontora.cat_tasks (name, assignee, due, partner_id, deal_id, interaction_id, done)
    VALUES (v_name, v_who, NEW.remind_at, NEW.partner_id, NEW.deal_id, NEW.id, false);
  ELSIF NOT v_task.done AND (v_task.name, v_task.assignee, v_task.due, v_task.partner_id,
                             v_task.deal_id, v_task.deletion_mark)
        IS DISTINCT FROM (v_name, v_who, NEW.remind_at, NEW.partner_id, NEW.deal_id, false) THEN
    UPDATE kontora.cat_tasks
    SET name = v_name, assignee = v_who, due = NEW.remind_at, partner_id = NEW.partner_id,
        deal_id = NEW.deal_id, deletion_mark = false
    WHERE id = v_task.id;
  END IF;
  RETURN NULL;
END $f$;

DROP TRIGGER IF EXISTS interaction_rules ON kontora.doc_interaction;
CREATE TRIGGER interaction_rules AFTER INSERT OR UPDATE ON kontora.doc_interaction
FOR EACH ROW EXECUTE FUNCTION kontora.tg_interaction_rules();
