"""The generic print form: text read back from the PDF (number, totals, Cyrillic names),
a long document spanning pages with the table heading repeated, several documents in one file."""

from __future__ import annotations

from pypdf import PdfReader

from reports.print_form import PrintLocale, form_title, print_documents, print_forms
from server.api import new_document
from server.metadata import registry
from tests.helpers import at


def receipt_with(world, lines: list[tuple[int, str, str]], **kw) -> dict:
    return world.docs.save(
        "goods_receipt",
        new_document(
            organization=world.org,
            warehouse=world.wh,
            date=at(2),
            lines=[{"product": p, "quantity": q, "price": pr} for p, q, pr in lines],
            **kw,
        ),
        post=True,
    )


def pages_text(path) -> list[str]:
    """Each page's text (the no-break spaces grouping digits read back as spaces)."""
    return [p.extract_text().replace("\u00a0", " ") for p in PdfReader(str(path)).pages]


def test_generic_form_prints_header_lines_totals_and_cyrillic(world, tmp_path):
    s = world.session
    nail = int(
        s.scalar(
            "INSERT INTO cat_products(name, unit_id) VALUES ('Гвоздь 100 мм', :u) RETURNING id",
            u=world.pcs,
        )
    )
    s.execute(
        "UPDATE cat_counterparties SET name = 'ООО «Ромашка»' WHERE id = :i", i=world.customer
    )
    gr = receipt_with(
        world,
        [(nail, "1200", "2.50"), (world.flour, "2.5", "40.00"), (world.products[0], "3", "0.10")],
        supplier=world.customer,
        comment="Партия №7",
    )
    path = print_documents(
        s, registry, "goods_receipt", [gr["id"]], tmp_path / "gr.pdf", form_name="generic"
    )
    (text,) = pages_text(path)
    assert "■" not in text
    assert f"Goods receipt No. {gr['number']} of 2026-03-02" in text
    assert "Гвоздь 100 мм" in text and "ООО «Ромашка»" in text and "Партия №7" in text
    assert "Acme LLC" in text and "Main warehouse" in text
    # quantities with their unit's decimals, money with two, grouped thousands, the total
    assert "\n1 200\n" in text and "3 000.00" in text  # 1,200 pcs x 2.50
    assert "2.500" in text and "100.00" in text  # 2.5 kg of flour
    assert "Total\n3 100.30" in text  # amounts only: prices are not added up
    assert "Prepared by" in text and "Page 1 of 1" in text


def test_a_long_document_spans_pages_repeating_the_heading(world, tmp_path):
    lines = [(world.products[i % 5], str(i + 1), "1.00") for i in range(300)]
    gr = receipt_with(world, lines)
    small = receipt_with(world, [(world.products[0], "1", "5.00")])
    path = print_documents(
        world.session,
        registry,
        "goods_receipt",
        [gr["id"], small["id"]],
        tmp_path / "long.pdf",
        "generic",
        tr=lambda s: {"Total": "Итого"}.get(s, s),
        loc=PrintLocale(group=" ", point=",", date_format="%d.%m.%Y"),
    )
    pages = pages_text(path)
    assert len(pages) >= 4
    first_doc = [p for p in pages if gr["number"] in p]
    assert len(first_doc) >= 3
    for i, page in enumerate(first_doc, start=1):
        if "Bolt M" in page:  # a page of the table (the signatures may have one of their own)
            assert "Product" in page and "Quantity" in page  # the heading on every page
        assert f"Page {i} of {len(first_doc)}" in page
    assert any("Итого" in p and "45 150,00" in p for p in first_doc[-2:])
    assert "of 02.03.2026" in pages[0]
    assert small["number"] in pages[-1] and "Page 1 of 1" in pages[-1]


def test_print_forms_of_a_type_without_a_layout_is_the_generic_one():
    forms = print_forms("claim")
    assert [f.name for f in forms] == ["generic"]
    assert form_title(forms[0], registry.document("claim")) == "Customer claims (document)"


def test_statuses_and_document_references_print_as_people_read_them(world, tmp_path):
    """A choice prints its title, a document reference the document's number."""
    from tests.sales_helpers import based_on, order

    o = order(world, 2, (world.products[0], "1", "5.00"), status="not_approved")
    pay = based_on(world, "customer_payment", "sales_order", o["id"])
    pay.update(amount="5.00", orders=[{"order": o["id"], "amount": "5.00"}], date=at(3))
    p = world.docs.save("customer_payment", pay, post=False)
    (order_text,) = pages_text(
        print_documents(
            world.session, registry, "sales_order", [o["id"]], tmp_path / "o.pdf", "generic"
        )
    )
    (pay_text,) = pages_text(
        print_documents(
            world.session, registry, "customer_payment", [p["id"]], tmp_path / "p.pdf", "generic"
        )
    )
    assert "Not approved" in order_text and "not_approved" not in order_text
    assert "Bank transfer" in pay_text, pay_text
    assert o["number"] in pay_text, pay_text
    assert "'id'" not in pay_text


def test_every_documents_lines_fit_the_page_width():
    """However many columns a section declares, its table is no wider than the page's text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Table

    from reports.print_form import Context, PrintData, _styles, lines_table, register_fonts

    register_fonts()
    ctx = Context(str, PrintLocale(), _styles())
    width = A4[0] - 30 * mm
    for d in registry.documents.values():
        for section in d.tables:
            (table,) = [f for f in lines_table(PrintData(d, {}), section, ctx, width)
                        if isinstance(f, Table)]  # fmt: skip
            assert sum(table._colWidths) <= width + 0.01, f"{d.name}.{section.name}"


def _russian() -> dict[str, str]:
    """Declared titles and the print form's own texts in Russian (from the .ts file)."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    ts = Path(__file__).resolve().parent.parent / "resources/translations/kontora_ru.ts"
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        if ctx.findtext("name") in ("meta", "PrintForm"):
            for m in ctx.iter("message"):
                out[m.findtext("source")] = m.findtext("translation") or m.findtext("source")
    return out


def test_headings_of_narrow_columns_keep_their_words_whole():
    """Every heading word fits its column (the font shrinks rather than a word breaks), in
    English and in Russian, whatever the number of columns."""
    import itertools

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import Table

    from reports.print_columns import NARROW_PAD, TABLE_PAD
    from reports.print_form import Context, PrintData, _styles, lines_table, register_fonts

    register_fonts()
    ru = _russian()
    # the page's text width, and a narrow one where the headings must shrink
    for tr, width in itertools.product((str, lambda t: ru.get(t, t)), (A4[0] - 30 * mm, 150 * mm)):
        ctx = Context(tr, PrintLocale(), _styles())
        for d in registry.documents.values():
            if "generic" not in [f.name for f in print_forms(d.name)]:
                continue  # its own layouts replace the generic form (a payroll sheet)
            for section in d.tables:
                (table,) = [f for f in lines_table(PrintData(d, {}), section, ctx, width)
                            if isinstance(f, Table)]  # fmt: skip
                for i, cell in enumerate(table._cellvalues[0]):
                    style = table._cellStyles[0][i]
                    room = table._colWidths[i] - style.leftPadding - style.rightPadding
                    assert style.leftPadding in (TABLE_PAD, NARROW_PAD)
                    st, words = cell.style, cell.text.split()
                    for word in words:
                        w = pdfmetrics.stringWidth(word, st.fontName, st.fontSize)
                        assert w <= room + 0.01, (d.name, word, w, room)
                    assert st.fontSize >= 5.5
                    # a heading wraps between words only: as many lines as words at most
                    assert len(cell.breakLines([room]).lines) <= max(len(words), 1)
