-- Payroll sheet (server/config/documents/payroll_sheet.py): dated within its month; each
-- line's employee works for the sheet's organization (and department, when it names one), once
-- per sheet; a bonus, a tax or another deduction names its type.
CREATE OR REPLACE FUNCTION kontora.payroll_sheet_check(p_id bigint, p_post boolean)
RETURNS void LANGUAGE plpgsql AS $f$
DECLARE
  h kontora.doc_payroll_sheet;
  v record;
BEGIN
  IF NOT p_post THEN
    RETURN;
  END IF;
  SELECT * INTO h FROM kontora.doc_payroll_sheet WHERE id = p_id;
  IF date_trunc('month', h.date) <> date_trunc('month', h.month) THEN
    PERFORM kontora.fail('KN005',
      format('Payroll sheet %s is dated %s, outside its month %s', h.number,
             to_char(h.date, 'YYYY-MM-DD'), to_char(h.month, 'YYYY-MM')),
      jsonb_build_object('object', 'Payroll sheet ' || h.number, 'field', 'Month',
                         'problem', 'date_outside_month', 'value', to_char(h.month, 'YYYY-MM')));
  END IF;
  SELECT l.line_no, e.name,
         CASE WHEN e.organization_id <> h.organization_id THEN 'works for another organization'
              WHEN h.department_id IS NOT NULL AND coalesce(l.department_id, e.department_id) <> h.department_id
                THEN 'is not of the sheet''s department'
              WHEN coalesce(l.bonus, 0) <> 0 AND l.bonus_type_id IS NULL
                THEN 'has a bonus without its type'
              WHEN coalesce(l.tax, 0) <> 0 AND l.deduction_type_id IS NULL
                THEN 'has income tax without its deduction type'
              WHEN coalesce(l.other, 0) <> 0 AND l.other_type_id IS NULL
                THEN 'has another deduction without its type'
              WHEN l.nth > 1 THEN 'is on the sheet twice'
         END AS problem INTO v
  FROM (SELECT d.*, row_number() OVER (PARTITION BY d.employee_id ORDER BY d.line_no) AS nth
        FROM kontora.doc_payroll_sheet_lines d WHERE d.doc_id = p_id) l
  JOIN kontora.cat_employees e ON e.id = l.employee_id
  WHERE e.organization_id <> h.organization_id
     OR (h.department_id IS NOT NULL AND coalesce(l.department_id, e.department_id) <> h.department_id)
     OR (coalesce(l.bonus, 0) <> 0 AND l.bonus_type_id IS NULL)
     OR (coalesce(l.tax, 0) <> 0 AND l.deduction_type_id IS NULL)
     OR (coalesce(l.other, 0) <> 0 AND l.other_type_id IS NULL)
     OR l.nth > 1
  ORDER BY l.line_no LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('Payroll sheet %s, line %s: employee «%s» %s', h.number, v.line_no, v.name,
             v.problem),
      jsonb_build_object('object', 'Payroll sheet ' || h.number, 'line', v.line_no,
                         'field', 'Employee', 'problem', v.problem, 'value', v.name));
  END IF;
END $f$;
