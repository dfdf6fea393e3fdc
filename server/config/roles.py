"""Roles of the office and the subsystems each may write; everyone reads what is switched on."""

ROLE_PREFIX = "kontora_"
OWNER = "kontora_owner"
#: creates, alters and drops users for administrators (server/sqlgen/user_manager.py)
USER_MANAGER = "kontora_usermgr"

#: role -> subsystems whose catalogs and documents it may write ("*" = all)
ROLE_WRITES: dict[str, frozenset[str]] = {
    "admin": frozenset({"*"}),
    "sales_manager": frozenset({"sales", "crm", "marketing", "claims", "mailing", "core"}),
    "storekeeper": frozenset({"inventory", "warehouses", "stock_counts", "purchasing", "core"}),
    "accountant": frozenset({"finance", "sales", "purchasing", "core"}),
    "payroll_officer": frozenset({"payroll"}),
}


def group_role(role: str) -> str:
    return f"{ROLE_PREFIX}{role}"


#: private subsystem -> the only roles that may read its catalogs, registers, documents and
#: their history (everyone else is refused by PostgreSQL and does not see its section)
PRIVATE_READERS: dict[str, frozenset[str]] = {
    "payroll": frozenset({"payroll_officer", "admin"}),
}
