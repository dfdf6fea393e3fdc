"""Stock count: counted against book quantities; the surplus arrives at the key's current
average cost, the shortage leaves at it."""

from server.metadata import Document, DocumentCommand, Movements, Qty, Ref, Table, Text

STOCK_COUNT = Document(
    "stock_count",
    "Stock count",
    "stock_counts",
    number_prefix="SC",
    header=(
        Ref("warehouse", "Warehouse", required=True, target="warehouses"),
        Text("comment", "Comment"),
    ),
    tables=(
        Table(
            "lines",
            (
                Ref("product", "Product", required=True, target="products"),
                # Informational: the posting moves the difference.
                Qty("book_quantity", "Book quantity", nonnegative=True, unit_from="product"),
                Qty(
                    "counted_quantity",
                    "Counted quantity",
                    required=True,
                    nonnegative=True,
                    unit_from="product",
                ),
                Qty(
                    "difference",
                    "Difference",
                    unit_from="product",
                    formula="counted_quantity - nz(book_quantity)",
                ),
            ),
            title="Goods",
        ),
    ),
    # One movement per line: the difference, + (surplus) or − (shortage); a line that matches
    # the book moves nothing (a zero movement).
    posting=(
        Movements(
            "stock",
            table="lines",
            sign=+1,
            values={"warehouse": "warehouse", "product": "product", "quantity": "difference"},
        ),
    ),
    commands=(
        DocumentCommand(
            "fill_from_balances",
            "Fill from book balances",
            "Fill the lines with the warehouse's stock balances at the document's date",
        ),
    ),
)

DECLARED = (STOCK_COUNT,)
