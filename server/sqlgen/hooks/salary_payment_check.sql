-- Salary payment (server/config/documents/salary_payment.py): each employee paid works for the
-- payment's organization (and department, when it names one). Paying more than is owed is
-- refused by the non-negative balance of settlements with employees.
CREATE OR REPLACE FUNCTION kontora.salary_payment_check(p_id bigint, p_post boolean)
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  h kontora.doc_salary_payment;
  v record;
BEGIN
  IF NOT p_post THEN
    RETURN;
  END IF;
  SELECT * INTO h FROM kontora.doc_salary_payment WHERE id = p_id;
  SELECT l.line_no, e.name INTO v
  FROM kontora.doc_salary_payment_lines l
  JOIN kontora.cat_employees e ON e.id = l.employee_id
  WHERE l.doc_id = p_id
    AND (e.organization_id <> h.organization_id
         OR (h.department_id IS NOT NULL AND e.department_id <> h.department_id))
  ORDER BY l.line_no LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('Salary payment %s, line %s: employee «%s» is not of the payment''s %s', h.number,
             v.line_no, v.name,
             CASE WHEN h.department_id IS NULL THEN 'organization' ELSE 'department' END),
      jsonb_build_object('object', 'Salary payment ' || h.number, 'line', v.line_no,
                         'field', 'Employee', 'problem', 'other_organization',
                         'value', v.name));
  END IF;
END $f$;
