"""Demo CRM: two deal types with their pipelines, deals in every stage (some won, some lost,
moved back and forth over the last weeks), and the first sales order carrying its won deal."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import Engine, text

from server.api import Catalogs, Documents, Session
from server.metadata import registry

#: (deal type, [(stage, order, probability %, outcome)])
PIPELINES = (
    (
        "Sale of goods",
        [
            ("Lead", 10, 10, "open"),
            ("Needs identified", 20, 25, "open"),
            ("Commercial offer", 30, 50, "open"),
            ("Negotiation", 40, 75, "open"),
            ("Won", 90, 100, "won"),
            ("Lost", 99, 0, "lost"),
        ],
    ),
    (
        "Supply contract",
        [
            ("Request", 10, 20, "open"),
            ("Contract draft", 20, 60, "open"),
            ("Signed", 90, 100, "won"),
            ("Refused", 99, 0, "lost"),
        ],
    ),
)
#: (channel, [(event, days ago it started, budget)])
CHANNELS = (
    ("Trade fairs", [("Hardware Expo", 70, 45000), ("Garden Days", 30, 18000)]),
    ("Web site", []),
    ("Recommendations", []),
)
LOSS_REASONS = ("Price too high", "Chose a competitor", "Delivery time", "Project cancelled")
#: (subject, deal type, the stages it went through, potential amount, primary demand)
DEALS = (
    ("Fit-out of the new workshop", 0, (0, 1, 2, 3, 4), 184000, "Paint, varnish, tools, hoses"),
    ("Annual supply of consumables", 1, (0, 1, 2), 620000, "A year's consumables, monthly"),
    ("Flour for the bakery chain", 0, (0, 1, 2, 1, 2, 3), 95000, "Wheat flour, 2 t a month"),
    ("Tools for the service centre", 0, (0, 1, 5), 42000, "Hand tools, a one-off purchase"),
    ("Packaging for export", 0, (0, 1, 2), 130000, "Cartons and film for export lots"),
    ("Warehouse equipment", 0, (0,), 75000, "Racks and trolleys; budget not yet known"),
    ("Spare parts framework", 1, (0, 3), 300000, "Spare parts on call"),
    ("Office supplies", 0, (0, 1, 2, 3, 4), 18500, "Paper, toner, stationery"),
)


def _item(cats: Catalogs, name: str, title: str, **fields: Any) -> int:
    return cats.save(name, {"name": title, **fields})["id"]


def load_crm(engine: Engine, today: dt.date) -> None:
    """Deal types, stages, loss reasons and deals of the demo partners (clients)."""
    session = Session(engine)
    cats = Catalogs(session, registry)
    # Clients, the one whose order was shipped first leading (its won deal brings revenue).
    clients = session.rows(
        "SELECT p.id, p.manager FROM kontora.cat_partners p "
        "WHERE p.is_client AND NOT p.is_group ORDER BY (SELECT min(s.id) "
        "FROM kontora.doc_sales_shipment s JOIN kontora.doc_sales_order o ON o.id = s.order_id "
        "WHERE o.partner_id = p.id) NULLS LAST, p.id"
    )
    if not clients:
        return
    rnd = random.Random(5)
    types, stages = [], []
    for title, pipeline in PIPELINES:
        t = _item(cats, "deal_types", title)
        types.append(t)
        stages.append(
            [
                _item(cats, "deal_stages", s, deal_type=t, sequence=o, probability=p, outcome=oc)
                for s, o, p, oc in pipeline
            ]
        )
    reasons = [_item(cats, "loss_reasons", r) for r in LOSS_REASONS]
    sources = _sources(cats, today)
    for n, client in enumerate(clients):  # where each client heard of us
        channel, event = sources[n % len(sources)]
        item = cats.read("partners", client["id"])
        cats.save(
            "partners",
            {"id": client["id"], "version": item["version"], "channel": channel, "event": event},
        )
    won = None
    for n, (subject, kind, path, amount, demand) in enumerate(DEALS):
        partner = clients[n % len(clients)]
        deal = cats.save(
            "deals",
            {
                "name": subject,
                "partner": partner["id"],
                "deal_type": types[kind],
                "stage": stages[kind][path[0]],
                "amount": f"{amount}.00",
                "demand": demand,
                "close_date": (today + dt.timedelta(days=15 + 7 * n)).isoformat(),
                "manager": partner["manager"],
            },
        )
        # Walk the path as if over weeks: each stage entered some days before the next.
        days_back = 4 * len(path) + rnd.randint(0, 5)
        for step in path[1:]:
            _backdate(session, deal["id"], days_back)
            days_back -= rnd.randint(2, 5)
            extra = (
                {"loss_reason": rnd.choice(reasons)}
                if stages[kind][step] == stages[kind][-1]
                else {}
            )
            deal = cats.save(
                "deals",
                {
                    "id": deal["id"],
                    "version": deal["version"],
                    "stage": stages[kind][step],
                    **extra,
                },
            )
        if won is None and path[-1] == 4 and kind == 0:
            won = (deal["id"], partner["id"])
    if won:
        _link_first_order(engine, *won)


def _sources(cats: Catalogs, today: dt.date) -> list[tuple[int, int | None]]:
    """Advertising channels and their events; (channel, event) pairs to hand out."""
    out: list[tuple[int, int | None]] = []
    for name, events in CHANNELS:
        channel = _item(cats, "ad_channels", name)
        out += [(channel, None)]
        for title, ago, budget in events:
            start = today - dt.timedelta(days=ago)
            event = _item(
                cats,
                "marketing_events",
                title,
                channel=channel,
                starts=start.isoformat(),
                ends=(start + dt.timedelta(days=3)).isoformat(),
                budget=f"{budget}.00",
            )
            out += [(channel, event)]
    return out


def _backdate(session: Session, deal: int, days: int) -> None:
    """Let the current stage of ``deal`` have been entered ``days`` ago (demo history)."""
    session.execute(
        "UPDATE kontora.inf_deal_stage_stats "
        "SET entered = CASE WHEN visits = 1 THEN t.at ELSE entered END, since = t.at "
        "FROM (SELECT localtimestamp(0) - make_interval(days => :d) AS at) t "
        "WHERE deal_id = :i AND result = 'current'",
        d=days,
        i=deal,
    )


def _link_first_order(engine: Engine, deal: int, partner: int) -> None:
    """The partner's first sales order came from the won deal."""
    with engine.connect() as c:
        order = c.execute(
            text(
                "SELECT o.id FROM kontora.doc_sales_order o WHERE o.partner_id = :p "
                "ORDER BY EXISTS (SELECT 1 FROM kontora.doc_sales_shipment s "
                "WHERE s.order_id = o.id) DESC, o.id LIMIT 1"
            ),
            {"p": partner},
        ).scalar()
    if order is None:
        return
    docs = Documents(Session(engine), registry)
    doc = docs.read("sales_order", order)
    docs.save("sales_order", {"id": order, "version": doc["version"], "deal": deal})
    with engine.connect() as c:
        shipments = (
            c.execute(
                text("SELECT id FROM kontora.doc_sales_shipment WHERE order_id = :o"), {"o": order}
            )
            .scalars()
            .all()
        )
    for sid in shipments:
        doc = docs.read("sales_shipment", sid)
        docs.save("sales_shipment", {"id": sid, "version": doc["version"], "deal": deal})
