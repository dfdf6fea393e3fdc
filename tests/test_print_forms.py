"""The declared print forms: each read back from its PDF — title, requisites of the parties,
lines, VAT by rate, totals, the total in words (Russian and English), signatures with the
officers' names; a 1,000-line waybill broken across pages with page subtotals."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from reports.amount_words import amount_in_words
from reports.print_form import PrintLocale, print_documents, print_forms
from server.api import new_document
from server.metadata import registry
from tests.helpers import at
from tests.test_print_form import _russian, pages_text

RU = PrintLocale(group=" ", point=",", date_format="%d.%m.%Y", language="ru")


@pytest.fixture
def req(world):
    """The world with requisites: ours (with a Cyrillic name) and the customer's."""
    world.session.execute(
        "UPDATE cat_organizations SET full_name = 'ООО «Контора»', tax_id = '7701234567', "
        "kpp = '770101001', address = 'Москва, ул. Ленина, 1', bank_name = 'ПАО Сбербанк', "
        "bank_bic = '044525225', bank_account = '40702810900000000001', "
        "corr_account = '30101810400000000225', director = 'Иванов И. И.', "
        "chief_accountant = 'Петрова А. С.' WHERE id = :i",
        i=world.org,
    )
    world.session.execute(
        "UPDATE cat_counterparties SET full_name = 'ООО «Ромашка»', tax_id = '5001112223', "
        "kpp = '500101001', address = 'Химки, ш. Ленинградское, 5', "
        "bank_account = '40702810000000000777' WHERE id = :i",
        i=world.customer,
    )
    return world


def _save(w, name: str, post: bool = False, **values) -> dict:
    values.setdefault("organization", w.org)
    values.setdefault("date", at(2))
    return w.docs.save(name, new_document(**values), post=post)


def _print(w, name: str, doc_id: int, path, form: str = "document", ru: bool = False) -> str:
    ru_texts = _russian() if ru else {}
    tr = (lambda t: ru_texts.get(t, t)) if ru else str
    loc = RU if ru else PrintLocale()
    out = print_documents(w.session, registry, name, [doc_id], path, form, tr, loc)
    return "\n".join(pages_text(out))


def _trade_lines(w) -> list[dict]:
    return [
        {"product": w.products[0], "quantity": "10", "price": "100.00", "vat_rate": "20"},
        {"product": w.products[1], "quantity": "3", "price": "11.50", "vat_rate": "10"},
        {"product": w.flour, "quantity": "2.5", "price": "40.00"},
    ]


def test_amount_in_words_in_russian_and_english():
    assert (
        amount_in_words(D("1234.56"), "ru") == "Одна тысяча двести тридцать четыре рубля 56 копеек"
    )
    assert amount_in_words(D("1234.56"), "en") == (
        "One thousand two hundred thirty-four roubles 56 kopecks"
    )
    assert amount_in_words(D("21.01"), "ru") == "Двадцать один рубль 01 копейка"
    assert amount_in_words(D("2"), "ru") == "Два рубля 00 копеек"
    assert amount_in_words(D("11.12"), "ru") == "Одиннадцать рублей 12 копеек"
    assert amount_in_words(D("1000000"), "ru") == "Один миллион рублей 00 копеек"
    assert amount_in_words(D("1.01"), "en") == "One rouble 01 kopeck"


def test_every_document_with_a_layout_lists_it_first_and_the_generic_after():
    for name in (
        "sales_order", "sales_shipment", "goods_receipt", "write_off", "stock_count",
        "stock_transfer", "commercial_offer", "customer_payment", "supplier_payment",
        "salary_payment",
    ):  # fmt: skip
        names = [f.name for f in print_forms(name)]
        assert names[0] != "generic" and "generic" in names, name
    assert [f.name for f in print_forms("claim")] == ["generic"]


def test_invoice_for_payment_has_bank_details_vat_by_rate_and_words(req, tmp_path):
    w = req
    o = _save(w, "sales_order", partner=w.partner, counterparty=w.customer, warehouse=w.wh,
              vat_included=False, lines=_trade_lines(w), comment="Оплата 5 дней")  # fmt: skip
    text = _print(w, "sales_order", o["id"], tmp_path / "inv.pdf")
    assert f"Invoice for payment No. {o['number']} of 2026-03-02" in text
    for s in ("ПАО Сбербанк", "044525225", "40702810900000000001", "30101810400000000225",
              "ООО «Контора»", "TIN 7701234567", "KPP 770101001", "ООО «Ромашка»",
              "TIN 5001112223", "Иванов И. И.", "Петрова А. С.", "Оплата 5 дней"):  # fmt: skip
        assert s in text, s
    # 1 000.00 at 20 %, 34.50 at 10 %, 100.00 without VAT; VAT on top
    assert "20%\n1 000.00\n200.00\n1 200.00" in text
    assert "10%\n34.50\n3.45\n37.95" in text
    assert "Without VAT\n100.00\n0.00\n100.00" in text
    assert "Total:\n1 134.50" in text and "VAT:\n203.45" in text
    assert "Total to pay:\n1 337.95" in text
    assert "Items: 3, for the amount of 1 337.95" in text
    assert "One thousand three hundred thirty-seven roubles 95 kopecks" in text
    ru = _print(w, "sales_order", o["id"], tmp_path / "inv_ru.pdf", ru=True)
    assert f"Счёт на оплату № {o['number']} от 02.03.2026" in ru, ru[:300]
    assert "Одна тысяча триста тридцать семь рублей 95 копеек" in ru
    assert "1 337,95" in ru


def test_waybill_prints_parties_lines_vat_and_totals(req, tmp_path):
    w = req
    s = _save(w, "sales_shipment", partner=w.partner, customer=w.customer, warehouse=w.wh,
              vat_included=True, lines=_trade_lines(w))  # fmt: skip
    text = _print(w, "sales_shipment", s["id"], tmp_path / "wb.pdf")
    assert f"Waybill No. {s['number']} of 2026-03-02" in text
    assert text.count("ООО «Ромашка»") == 2  # consignee and payer
    assert "Supplier:" in text and "Consignee:" in text and "Payer:" in text
    assert "Account No. 40702810000000000777" in text
    assert "Main warehouse" in text and "pcs" in text and "kg" in text
    # VAT included: 1 000.00 holds 166.67 at 20 %, 34.50 holds 3.14 at 10 %
    assert "20%\n833.33\n166.67\n1 000.00" in text
    assert "10%\n31.36\n3.14\n34.50" in text
    assert "Including VAT:\n169.81" in text and "Total to pay:\n1 134.50" in text
    assert "One thousand one hundred thirty-four roubles 50 kopecks" in text
    assert "Released by" in text and "Received by" in text and "Иванов И. И." in text
    assert "Total for page" not in text  # one page: no page subtotal


def test_goods_receipt_note_and_stock_documents(req, tmp_path):
    w = req
    gr = _save(w, "goods_receipt", supplier=w.customer, partner=w.partner, warehouse=w.wh,
               lines=_trade_lines(w))  # fmt: skip
    text = _print(w, "goods_receipt", gr["id"], tmp_path / "gr.pdf")
    assert f"Goods receipt note No. {gr['number']}" in text
    assert "Supplier:\nООО «Ромашка»" in text and "Recipient:\nООО «Контора»" in text
    assert "Total to pay:\n1 337.95" in text and "Storekeeper" in text

    wo = _save(w, "write_off", warehouse=w.wh, reason="spoilage", expense_item=w.expense_item,
               lines=[{"product": w.flour, "quantity": "1.25"}], comment="Мыши")  # fmt: skip
    text = _print(w, "write_off", wo["id"], tmp_path / "wo.pdf")
    assert f"Write-off act No. {wo['number']}" in text
    assert "Spoilage" in text and "Inventory losses" in text and "1.250" in text
    assert "Мыши" in text and "Commission chairman" in text and "Иванов И. И." in text

    sc = _save(w, "stock_count", warehouse=w.wh, lines=[
        {"product": w.products[0], "book_quantity": "10", "counted_quantity": "7"},
        {"product": w.flour, "book_quantity": "2", "counted_quantity": "2.5"},
    ])  # fmt: skip
    text = _print(w, "stock_count", sc["id"], tmp_path / "sc.pdf")
    assert f"Stock count sheet No. {sc['number']}" in text
    assert "Bolt M4\npcs\n10\n7\n-3" in text
    assert "2.000\n2.500\n0.500" in text

    st = _save(w, "stock_transfer", warehouse=w.wh, to_warehouse=w.wh2,
               lines=[{"product": w.products[2], "quantity": "4"}])  # fmt: skip
    text = _print(w, "stock_transfer", st["id"], tmp_path / "st.pdf")
    assert f"Stock transfer note No. {st['number']}" in text
    assert "Main warehouse" in text and "Shop" in text and "Bolt M6\npcs\n4" in text


def test_commercial_offer_and_payment_orders(req, tmp_path):
    w = req
    co = _save(w, "commercial_offer", partner=w.partner, counterparty=w.customer,
               vat_included=True, lines=_trade_lines(w)[:1], valid_until="2026-03-31")  # fmt: skip
    text = _print(w, "commercial_offer", co["id"], tmp_path / "co.pdf")
    assert f"Commercial offer No. {co['number']}" in text and "To:\nООО «Ромашка»" in text
    assert "2026-03-31" in text and "One thousand roubles 00 kopecks" in text

    cp = _save(w, "customer_payment", kind="cash", partner=w.partner, counterparty=w.customer,
               amount="2001.02")  # fmt: skip
    text = _print(w, "customer_payment", cp["id"], tmp_path / "cp.pdf")
    assert f"Cash receipt order No. {cp['number']}" in text
    assert "Payer:\nООО «Ромашка»" in text and "2 001.02" in text
    assert "Two thousand one roubles 02 kopecks" in text
    ru = _print(w, "customer_payment", cp["id"], tmp_path / "cp_ru.pdf", ru=True)
    assert "Две тысячи один рубль 02 копейки" in ru

    sp = _save(w, "supplier_payment", kind="bank", partner=w.partner, counterparty=w.customer,
               amount="15.00")  # fmt: skip
    text = _print(w, "supplier_payment", sp["id"], tmp_path / "sp.pdf")
    assert f"Payment order No. {sp['number']}" in text
    assert "Payer:\nООО «Контора»" in text and "Recipient:\nООО «Ромашка»" in text
    assert "Fifteen roubles 00 kopecks" in text and "Петрова А. С." in text


def test_a_thousand_line_waybill_has_page_subtotals_summing_to_the_total(req, tmp_path):
    w = req
    lines = [
        {"product": w.products[i % 5], "quantity": str(i % 7 + 1), "price": f"{i % 13 + 1}.25",
         "vat_rate": "20"}
        for i in range(1000)
    ]  # fmt: skip
    s = _save(w, "sales_shipment", partner=w.partner, customer=w.customer, warehouse=w.wh,
              vat_included=True, lines=lines)  # fmt: skip
    path = print_documents(w.session, registry, "sales_shipment", [s["id"]], tmp_path / "k.pdf")
    pages = pages_text(path)
    assert len(pages) >= 20
    total = sum(D(str(i % 7 + 1)) * D(f"{i % 13 + 1}.25") for i in range(1000))
    subtotals = []
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
        assert "Суп" not in page
        if "Bolt M" in page:
            assert "Product" in page and "Quantity" in page  # the heading on every page
            m = re.search(r"Total for page\n([\d ]+\.\d\d)\n([\d ]+\.\d\d)\n([\d ]+\.\d\d)", page)
            assert m, page[-400:]
            subtotals.append(D(m.group(1).replace(" ", "")))
    assert len(subtotals) == len([p for p in pages if "Bolt M" in p]) >= 20
    assert sum(subtotals) == total
    grand = f"{total:,.2f}".replace(",", " ")
    assert f"Total\n{grand}" in pages[-1] or f"Total\n{grand}" in pages[-2]
    assert "ООО «Контора»" in pages[0]  # Cyrillic


def test_salary_payment_order_lists_employees_and_the_total_in_words(req, tmp_path):
    from tests.payroll_helpers import staff

    w = req
    s = staff(w)
    sp = _save(w, "salary_payment", kind="cash", department=s.dept, date="2026-12-05T10:00:00",
               lines=[{"employee": s.anna, "amount": "30000.00"},
                      {"employee": s.boris, "amount": "12345.67"}])  # fmt: skip
    text = _print(w, "salary_payment", sp["id"], tmp_path / "sal.pdf")
    assert f"Payroll cash order No. {sp['number']}" in text
    assert "Anna Ivanova\n30 000.00" in text and "Boris Petrov\n12 345.67" in text
    assert "Total\n42 345.67" in text and "Office" in text
    assert "Forty-two thousand three hundred forty-five roubles 67 kopecks" in text
    ru = _print(w, "salary_payment", sp["id"], tmp_path / "sal_ru.pdf", ru=True)
    assert "Сорок две тысячи триста сорок пять рублей 67 копеек" in ru
    assert "Расходный кассовый ордер (зарплата)" in ru
