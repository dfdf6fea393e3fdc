"""SQL generated from the declarations: register maintenance, document save/post, guards, grants."""


def lock_key(register: str, dims: list[str]) -> str:
    """The advisory lock key (a hash) of ``register``'s key given by the SQL expressions
    ``dims``: every statement locking a register key spells it so, or postings of one key
    would not queue behind each other."""
    return f"hashtextextended(concat_ws('|', {sql_literal(register)}, {', '.join(dims)}), 0)"


def sql_literal(s: str) -> str:
    """``s`` as an SQL string literal (quotes doubled)."""
    return "'" + s.replace("'", "''") + "'"
