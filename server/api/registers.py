"""Reading registers: balances at any moment from monthly totals, turnovers, movements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from server.api.session import Session
from server.metadata import Registry


class Registers:
    def __init__(self, session: Session, reg: Registry) -> None:
        self.session = session
        self.reg = reg

    def balance(self, name: str, at: dt.datetime | None = None, **key: int) -> dict[str, Decimal]:
        """Resources of one key at the end of moment ``at`` (now if None).

        Reads the monthly totals before ``at``'s month plus that month's movements up to
        ``at``: never a scan of the whole history.
        """
        r = self.reg.register(name)
        where = " AND ".join(f"{c} = :{c}" for c in r.dim_columns)
        params: dict[str, Any] = {
            c: key[d.name] for d, c in zip(r.dimensions, r.dim_columns, strict=True)
        }
        res = r.res_columns
        if at is None:
            sql = (
                f"SELECT {', '.join(f'coalesce(sum({c}), 0) AS {c}' for c in res)} "
                f"FROM kontora.{r.totals_table} WHERE {where}"
            )
        else:
            params["at"] = at
            sums = ", ".join(f"coalesce(sum({c}), 0) AS {c}" for c in res)
            sql = (
                f"SELECT {sums} FROM ("
                f"SELECT {', '.join(res)} FROM kontora.{r.totals_table} WHERE {where} "
                f"AND month < date_trunc('month', CAST(:at AS timestamp)) UNION ALL "
                f"SELECT {', '.join(res)} FROM kontora.{r.table} WHERE {where} "
                f"AND period >= date_trunc('month', CAST(:at AS timestamp)) AND period <= :at) s"
            )
        row = self.session.run(lambda c: c.execute(text(sql), params).mappings().one())
        return {d.name: row[d.column] for d in r.resources}

    def movements(self, name: str, recorder: str, recorder_id: int) -> list[dict[str, Any]]:
        r = self.reg.register(name)
        cols = ", ".join(["period", *r.dim_columns, *r.res_columns])
        return self.session.rows(
            f"SELECT {cols} FROM kontora.{r.table} WHERE recorder_type = :t AND recorder_id = :i "
            "ORDER BY line_no",
            t=recorder,
            i=recorder_id,
        )
