"""CRM analyses from the deals and their stage statistics (inf_deal_stage_stats).

- **Sales funnel** of a deal type, over the deals opened in the period (their first stage
  entered then): per stage of the pipeline (lost stages apart) how many deals reached it (went
  as far as it or further, whatever they did later) and their amount, the conversion from the
  stage before, the deals in it now and the weighted pipeline (amount × probability).
- **Manager KPIs** for the period: deals won and lost (closed in it), win rate = won / closed,
  the average cycle (days from a deal's first stage to its close), revenue of the manager's
  partners (sales register, net of VAT), interactions (meetings, calls, letters) in the period,
  open deals and their amount now.
- **Marketing effectiveness** per advertising channel and marketing event: leads (deals opened
  in the period with that source), of them won, revenue of the period's shipments by source (a
  shipment for a deal: the deal's source; else its partner's), the cost (budget of the events;
  a channel: of its events) and the cost per won deal.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from server.api.analysis import Analysis, Chart, percent, period_params
from server.api.session import Session
from server.errors import QT_TRANSLATE_NOOP

S = "kontora"
CENT = Decimal("0.01")
_OPENED = f"(SELECT min(y.entered) FROM {S}.inf_deal_stage_stats y WHERE y.deal_id = d.id)"


def funnel(session: Session, deal_type: int, start: dt.date, end: dt.date) -> Analysis:
    """The sales funnel of ``deal_type`` over the deals opened from ``start`` to ``end``."""
    rows = session.rows(
        f"""
        WITH st AS (SELECT id, name, coalesce(sequence, 0) AS seq, outcome
                    FROM {S}.cat_deal_stages WHERE deal_type_id = :k AND NOT deletion_mark),
        deals AS (SELECT d.* FROM {S}.cat_deals d
                  WHERE d.deal_type_id = :k AND NOT d.deletion_mark
                    AND {_OPENED} >= :f AND {_OPENED} < :t),
        reach AS (SELECT d.id, coalesce(d.amount, 0) AS amount, max(s.seq) AS top
                  FROM deals d JOIN {S}.inf_deal_stage_stats x ON x.deal_id = d.id
                  JOIN st s ON s.id = x.stage_id AND s.outcome <> 'lost'
                  GROUP BY d.id, d.amount)
        SELECT s.id, s.name, s.outcome,
               CASE WHEN s.outcome <> 'lost' THEN
                 (SELECT count(*) FROM reach r WHERE r.top >= s.seq) END AS reached,
               CASE WHEN s.outcome <> 'lost' THEN
                 (SELECT coalesce(sum(r.amount), 0) FROM reach r WHERE r.top >= s.seq) END
                 AS reached_amount,
               (SELECT count(*) FROM deals d WHERE d.stage_id = s.id) AS now,
               (SELECT coalesce(sum(d.amount), 0) FROM deals d WHERE d.stage_id = s.id)
                 AS now_amount,
               CASE WHEN s.outcome = 'open' THEN
                 (SELECT coalesce(sum(round(coalesce(d.amount, 0)
                                            * coalesce(d.probability, 0) / 100, 2)), 0)
                  FROM deals d WHERE d.stage_id = s.id) END AS weighted
        FROM st s ORDER BY s.outcome = 'lost', s.seq, s.id""",
        k=deal_type,
        **period_params(start, end),
    )
    before = None
    for r in rows:
        r["conversion"] = (
            percent(r["reached"], before) if r["reached"] is not None and before else None
        )
        if r["reached"] is not None:
            before = r["reached"]
    return Analysis(
        QT_TRANSLATE_NOOP("Analysis", "Sales funnel"),
        [
            ("name", QT_TRANSLATE_NOOP("Analysis", "Stage"), "text"),
            ("reached", QT_TRANSLATE_NOOP("Analysis", "Deals reached"), "int"),
            ("reached_amount", QT_TRANSLATE_NOOP("Analysis", "Amount reached"), "money"),
            ("conversion", QT_TRANSLATE_NOOP("Analysis", "Conversion, %"), "percent"),
            ("now", QT_TRANSLATE_NOOP("Analysis", "Deals now"), "int"),
            ("now_amount", QT_TRANSLATE_NOOP("Analysis", "Amount now"), "money"),
            ("weighted", QT_TRANSLATE_NOOP("Analysis", "Weighted pipeline"), "money"),
        ],
        rows,
        Chart("funnel", "name", ("reached",), line="conversion"),
    )


def manager_kpis(session: Session, start: dt.date, end: dt.date) -> Analysis:
    """Deals won and lost, win rate, cycle, revenue and open deals per manager."""
    rows = session.rows(
        f"""
        WITH closed AS (
          SELECT d.manager, e.outcome,
                 extract(epoch FROM x.entered - {_OPENED}) / 86400 AS cycle
          FROM {S}.cat_deals d
          JOIN {S}.cat_deal_stages e ON e.id = d.stage_id AND e.outcome <> 'open'
          JOIN {S}.inf_deal_stage_stats x ON x.deal_id = d.id AND x.stage_id = d.stage_id
          WHERE NOT d.deletion_mark AND x.entered >= :f AND x.entered < :t),
        rev AS (
          SELECT p.manager, sum(s.amount) AS revenue FROM {S}.reg_sales s
          JOIN {S}.cat_counterparties c ON c.id = s.customer_id
          JOIN {S}.cat_partners p ON p.id = c.partner_id
          WHERE s.period >= :f AND s.period < :t GROUP BY p.manager),
        talks AS (
          SELECT i.manager, count(*) AS interactions FROM {S}.doc_interaction i
          WHERE NOT i.deletion_mark AND i.date >= :f AND i.date < :t GROUP BY i.manager),
        live AS (
          SELECT d.manager, count(*) AS open_deals, coalesce(sum(d.amount), 0) AS pipeline
          FROM {S}.cat_deals d
          JOIN {S}.cat_deal_stages e ON e.id = d.stage_id AND e.outcome = 'open'
          WHERE NOT d.deletion_mark GROUP BY d.manager),
        people AS (SELECT manager FROM closed UNION SELECT manager FROM rev
                   UNION SELECT manager FROM live UNION SELECT manager FROM talks)
        SELECT coalesce(m.manager, '') AS manager,
               (SELECT count(*) FROM closed c WHERE c.manager IS NOT DISTINCT FROM m.manager
                AND c.outcome = 'won') AS won,
               (SELECT count(*) FROM closed c WHERE c.manager IS NOT DISTINCT FROM m.manager
                AND c.outcome = 'lost') AS lost,
               (SELECT round(avg(c.cycle), 1) FROM closed c
                WHERE c.manager IS NOT DISTINCT FROM m.manager) AS cycle,
               coalesce((SELECT r.revenue FROM rev r
                         WHERE r.manager IS NOT DISTINCT FROM m.manager), 0) AS revenue,
               coalesce((SELECT x.interactions FROM talks x
                         WHERE x.manager IS NOT DISTINCT FROM m.manager), 0) AS interactions,
               coalesce((SELECT l.open_deals FROM live l
                         WHERE l.manager IS NOT DISTINCT FROM m.manager), 0) AS open_deals,
               coalesce((SELECT l.pipeline FROM live l
                         WHERE l.manager IS NOT DISTINCT FROM m.manager), 0) AS pipeline
        FROM people m ORDER BY 1""",
        **period_params(start, end),
    )
    for r in rows:
        r["win_rate"] = percent(r["won"], r["won"] + r["lost"])
    return Analysis(
        QT_TRANSLATE_NOOP("Analysis", "Manager KPIs"),
        [
            ("manager", QT_TRANSLATE_NOOP("Analysis", "Manager"), "text"),
            ("won", QT_TRANSLATE_NOOP("Analysis", "Deals won"), "int"),
            ("lost", QT_TRANSLATE_NOOP("Analysis", "Deals lost"), "int"),
            ("win_rate", QT_TRANSLATE_NOOP("Analysis", "Win rate, %"), "percent"),
            ("cycle", QT_TRANSLATE_NOOP("Analysis", "Average cycle, days"), "qty"),
            ("revenue", QT_TRANSLATE_NOOP("Analysis", "Revenue"), "money"),
            ("interactions", QT_TRANSLATE_NOOP("Analysis", "Interactions"), "int"),
            ("open_deals", QT_TRANSLATE_NOOP("Analysis", "Open deals"), "int"),
            ("pipeline", QT_TRANSLATE_NOOP("Analysis", "Open amount"), "money"),
        ],
        rows,
        Chart("grouped", "manager", ("won", "lost")),
    )


def marketing(session: Session, start: dt.date, end: dt.date) -> Analysis:
    """Leads, won deals, revenue and cost per advertising channel and its events."""
    rows = session.rows(
        f"""
        WITH leads AS (
          SELECT d.id, d.channel_id, d.event_id, e.outcome
          FROM {S}.cat_deals d JOIN {S}.cat_deal_stages e ON e.id = d.stage_id
          WHERE NOT d.deletion_mark AND {_OPENED} >= :f AND {_OPENED} < :t),
        sold AS (
          SELECT CASE WHEN d.id IS NULL THEN pa.channel_id ELSE d.channel_id END AS channel_id,
                 CASE WHEN d.id IS NULL THEN pa.event_id ELSE d.event_id END AS event_id,
                 sum(s.amount) AS revenue
          FROM {S}.reg_sales s
          JOIN {S}.doc_sales_shipment h ON s.recorder_type = 'sales_shipment'
           AND h.id = s.recorder_id
          LEFT JOIN {S}.cat_deals d ON d.id = h.deal_id
          JOIN {S}.cat_counterparties c ON c.id = h.customer_id
          JOIN {S}.cat_partners pa ON pa.id = c.partner_id
          WHERE s.period >= :f AND s.period < :t GROUP BY 1, 2),
        keys AS (SELECT channel_id, event_id FROM leads UNION SELECT channel_id, event_id FROM sold)
        SELECT k.channel_id, k.event_id,
               coalesce(ch.name, ev_ch.name) AS channel, ev.name AS event,
               coalesce(ev.channel_id, k.channel_id) AS group_id,
               (SELECT count(*) FROM leads l WHERE l.channel_id IS NOT DISTINCT FROM k.channel_id
                AND l.event_id IS NOT DISTINCT FROM k.event_id) AS leads,
               (SELECT count(*) FROM leads l WHERE l.channel_id IS NOT DISTINCT FROM k.channel_id
                AND l.event_id IS NOT DISTINCT FROM k.event_id AND l.outcome = 'won') AS won,
               coalesce((SELECT x.revenue FROM sold x
                         WHERE x.channel_id IS NOT DISTINCT FROM k.channel_id
                         AND x.event_id IS NOT DISTINCT FROM k.event_id), 0) AS revenue,
               coalesce(ev.budget, 0) AS cost
        FROM keys k
        LEFT JOIN {S}.cat_ad_channels ch ON ch.id = k.channel_id
        LEFT JOIN {S}.cat_marketing_events ev ON ev.id = k.event_id
        LEFT JOIN {S}.cat_ad_channels ev_ch ON ev_ch.id = ev.channel_id""",
        **period_params(start, end),
    )
    return Analysis(
        QT_TRANSLATE_NOOP("Analysis", "Marketing effectiveness"),
        [
            ("source", QT_TRANSLATE_NOOP("Analysis", "Channel / event"), "text"),
            ("leads", QT_TRANSLATE_NOOP("Analysis", "Leads"), "int"),
            ("won", QT_TRANSLATE_NOOP("Analysis", "Deals won"), "int"),
            ("revenue", QT_TRANSLATE_NOOP("Analysis", "Revenue"), "money"),
            ("cost", QT_TRANSLATE_NOOP("Analysis", "Cost"), "money"),
            ("per_won", QT_TRANSLATE_NOOP("Analysis", "Cost per won deal"), "money"),
        ],
        _by_channel(rows),
        Chart("grouped", "source", ("revenue", "cost")),
    )


def _by_channel(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A row per channel (its events' figures added up) followed by its events' rows."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r["group_id"], []).append(r)
    out = []
    order = sorted(groups, key=lambda g: (g is None, groups[g][0]["channel"] or ""))
    for g in order:
        members = groups[g]
        total = {
            "source": members[0]["channel"] or QT_TRANSLATE_NOOP("Analysis", "No source"),
            "level": 0,
            **{k: sum((m[k] for m in members), Decimal(0)) for k in ("revenue", "cost")},
            **{k: sum(m[k] for m in members) for k in ("leads", "won")},
        }
        out.append(total)
        for m in sorted(members, key=lambda m: m["event"] or ""):
            if m["event"] is not None:
                out.append({**m, "source": m["event"], "level": 1})
    for r in out:
        r["per_won"] = (r["cost"] / r["won"]).quantize(CENT, ROUND_HALF_UP) if r["won"] else None
    return out
