"""Commercial offer (CRM): goods and prices offered to a partner, usually for a deal — saved and
printed, never posted (it moves nothing); a sales order is created based on it when accepted.
Created from a deal's form ("Create"), it takes the deal's partner, its counterparty and the
manager."""

from server.config.documents.trade_lines import DOC_TOTAL, VAT_INCLUDED, trade_fields
from server.metadata import DateField, Document, Ref, String, Table, Text

COMMERCIAL_OFFER = Document(
    "commercial_offer",
    "Commercial offer",
    "crm",
    number_prefix="CO",
    header=(
        Ref("partner", "Partner", required=True, target="partners"),
        Ref("counterparty", "Counterparty", target="counterparties", within="partner"),
        Ref("deal", "Deal", target="deals", within="partner"),
        Ref("price_type", "Price type", target="price_types"),
        DateField("valid_until", "Valid until"),
        String("manager", "Manager", max_len=63),
        VAT_INCLUDED,
        Text("comment", "Comment"),
    ),
    tables=(Table("lines", trade_fields(), title="Goods"),),
    postable=False,
    total=DOC_TOTAL,
)

DECLARED = (COMMERCIAL_OFFER,)
