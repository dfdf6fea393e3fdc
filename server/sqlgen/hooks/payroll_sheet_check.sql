-- Payroll sheet (server/config/documents/payroll_sheet.py): dated within its month; each
-- row's employee works for the sheet's organization (and department, when it names one); the
-- computed rows (a percentage bonus with a percent, an income tax with a rate) agree with the
-- employee's other rows — the rule of server/config/documents/payroll_rules.py, computed here
-- by payroll_sheet_expected (tests/test_payroll_rules.py proves the two sides agree).

-- (base, amount) the rule gives each computed row of sheet p_id.
CREATE OR REPLACE FUNCTION kontora.payroll_sheet_expected(p_id bigint)
RETURNS TABLE (section text, line_no integer, employee_id bigint, base numeric, amount numeric)
LANGUAGE sql STABLE AS $f$
  WITH a AS (
    SELECT l.line_no, l.employee_id, l.percent, coalesce(l.amount, 0) AS amount,
           t.kind = 'percent_bonus' AS pct
    FROM kontora.doc_payroll_sheet_accruals l
    JOIN kontora.cat_accrual_types t ON t.id = l.accrual_type_id
    WHERE l.doc_id = p_id),
  other AS (
    SELECT a.employee_id, sum(a.amount) FILTER (WHERE NOT a.pct) AS base
    FROM a GROUP BY a.employee_id),
  pa AS (
    SELECT a.line_no, a.employee_id, coalesce(o.base, 0) AS base,
           round(coalesce(o.base, 0) * a.percent / 100, 2) AS amount
    FROM a JOIN other o USING (employee_id)
    WHERE a.pct AND a.percent IS NOT NULL),
  acc AS (
    SELECT a.employee_id, sum(coalesce(pa.amount, a.amount)) AS total
    FROM a LEFT JOIN pa USING (line_no) GROUP BY a.employee_id)
  SELECT 'accruals', pa.line_no, pa.employee_id, pa.base, pa.amount FROM pa
  UNION ALL
  SELECT 'deductions', d.line_no, d.employee_id, coalesce(acc.total, 0),
         round(coalesce(acc.total, 0) * d.rate / 100,
               CASE WHEN t.rounding = 'rouble' THEN 0 ELSE 2 END)
  FROM kontora.doc_payroll_sheet_deductions d
  JOIN kontora.cat_deduction_types t ON t.id = d.deduction_type_id
  LEFT JOIN acc ON acc.employee_id = d.employee_id
  WHERE d.doc_id = p_id AND t.kind = 'income_tax' AND d.rate IS NOT NULL
$f$;

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
  SELECT l.section, l.line_no, e.name,
         CASE WHEN e.organization_id <> h.organization_id THEN 'works for another organization'
              ELSE 'is not of the sheet''s department' END AS problem INTO v
  FROM (SELECT 'accruals' AS section, line_no, employee_id, department_id
        FROM kontora.doc_payroll_sheet_accruals WHERE doc_id = p_id
        UNION ALL
        SELECT 'deductions', line_no, employee_id, department_id
        FROM kontora.doc_payroll_sheet_deductions WHERE doc_id = p_id) l
  JOIN kontora.cat_employees e ON e.id = l.employee_id
  WHERE e.organization_id <> h.organization_id
     OR (h.department_id IS NOT NULL
         AND coalesce(l.department_id, e.department_id) <> h.department_id)
  ORDER BY l.section, l.line_no LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('Payroll sheet %s, %s line %s: employee «%s» %s', h.number, v.section, v.line_no,
             v.name, v.problem),
      jsonb_build_object('object', 'Payroll sheet ' || h.number, 'line', v.line_no,
                         'section', v.section, 'field', 'Employee',
                         'problem', v.problem, 'value', v.name));
  END IF;
  -- The computed rows must be as the rule computes them (the client recomputes them while the
  -- user types; a writer through SQL is refused, never silently corrected).
  SELECT x.section, x.line_no, e.name, x.base AS want_base, x.amount AS want_amount,
         coalesce(l.base, 0) AS base, l.amount, coalesce(l.rate, 0) AS rate,
         coalesce(t.name, '') AS type_name INTO v
  FROM kontora.payroll_sheet_expected(p_id) x
  JOIN kontora.cat_employees e ON e.id = x.employee_id
  JOIN (SELECT 'accruals' AS section, line_no, base, percent AS rate, amount,
               accrual_type_id AS type_id
        FROM kontora.doc_payroll_sheet_accruals WHERE doc_id = p_id
        UNION ALL
        SELECT 'deductions', line_no, base, rate, amount, deduction_type_id
        FROM kontora.doc_payroll_sheet_deductions WHERE doc_id = p_id) l
    ON l.section = x.section AND l.line_no = x.line_no
  LEFT JOIN (SELECT 'accruals' AS section, id, name FROM kontora.cat_accrual_types
             UNION ALL
             SELECT 'deductions', id, name FROM kontora.cat_deduction_types) t
    ON t.section = x.section AND t.id = l.type_id
  WHERE l.base IS DISTINCT FROM x.base OR l.amount IS DISTINCT FROM x.amount
  ORDER BY x.section, x.line_no LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('Payroll sheet %s, %s line %s: employee «%s», «%s» %s%% of %s is %s, not %s of %s',
             h.number, v.section, v.line_no, v.name, v.type_name,
             trim_scale(v.rate), round(v.want_base, 2), round(v.want_amount, 2), round(v.amount, 2),
             round(v.base, 2)),
      jsonb_build_object('object', 'Payroll sheet ' || h.number, 'line', v.line_no,
                         'section', v.section, 'field', 'Amount', 'problem', 'not_recomputed',
                         'value', v.amount, 'expected', v.want_amount,
                         'base', v.want_base));
  END IF;
  -- The Employees summary: one row per employee of the sections, with their sums.
  SELECT coalesce(s.line_no, 0) AS line_no, e.name, coalesce(s.accrued, 0) AS accrued,
         coalesce(s.deducted, 0) AS deducted, coalesce(x.accrued, 0) AS want_accrued,
         coalesce(x.deducted, 0) AS want_deducted, s.nth INTO v
  FROM (SELECT employee_id, sum(accrued) AS accrued, sum(deducted) AS deducted
        FROM (SELECT employee_id, amount AS accrued, 0 AS deducted
              FROM kontora.doc_payroll_sheet_accruals WHERE doc_id = p_id
              UNION ALL
              SELECT employee_id, 0, amount
              FROM kontora.doc_payroll_sheet_deductions WHERE doc_id = p_id) u
        GROUP BY employee_id) x
  FULL JOIN (SELECT *, row_number() OVER (PARTITION BY employee_id ORDER BY line_no) AS nth
             FROM kontora.doc_payroll_sheet_employees WHERE doc_id = p_id) s
    ON s.employee_id = x.employee_id
  JOIN kontora.cat_employees e ON e.id = coalesce(s.employee_id, x.employee_id)
  WHERE s.line_no IS NULL OR s.nth > 1 OR s.accrued IS DISTINCT FROM coalesce(x.accrued, 0)
     OR s.deducted IS DISTINCT FROM coalesce(x.deducted, 0)
  ORDER BY s.line_no NULLS FIRST LIMIT 1;
  IF FOUND THEN
    PERFORM kontora.fail('KN005',
      format('Payroll sheet %s, employees line %s: employee «%s» accrued %s and deducted %s, '
             'but the sheet''s accruals sum to %s and its deductions to %s',
             h.number, v.line_no, v.name, round(v.accrued, 2), round(v.deducted, 2),
             round(v.want_accrued, 2), round(v.want_deducted, 2)),
      jsonb_build_object('object', 'Payroll sheet ' || h.number, 'line', v.line_no,
                         'section', 'employees', 'field', 'Accrued', 'problem', 'summary',
                         'value', v.accrued, 'expected', v.want_accrued));
  END IF;
END $f$;
