"""SQL generated from the declarations: register maintenance, document save/post, guards, grants."""


def sql_literal(s: str) -> str:
    """``s`` as an SQL string literal (quotes doubled)."""
    return "'" + s.replace("'", "''") + "'"
