"""CRM segments: partners selected by rules, and the members each refresh found.

Every rule left empty selects everything; the rules given must all hold. Revenue and the ABC
class are over the period (sales net of VAT, the ABC analysis's classes, 80/15/5); the last
purchase is over all time. ``kontora.refresh_segment(id)`` (server/sqlgen/hooks) replaces the
segment's members in one statement; a mailing list is the members' contact persons with an
e-mail who have not opted out (server/api/segments.py).
"""

from server.metadata import (
    Catalog,
    Choice,
    DateField,
    InformationRegister,
    Money,
    Ref,
    String,
    Text,
)

SEGMENTS = Catalog(
    "segments",
    "Segments",
    "crm",
    fields=(
        DateField("period_start", "Period from"),
        DateField("period_end", "Period to"),
        Money("revenue_min", "Revenue at least", nonnegative=True),
        Money("revenue_max", "Revenue at most", nonnegative=True),
        Choice("abc_class", "ABC class", options=(("A", "A"), ("B", "B"), ("C", "C"))),
        String("region", "Region", max_len=100),
        String("manager", "Manager", max_len=63),
        Ref("tag", "Tag", target="tags"),
        DateField("bought_after", "Last purchase on or after"),
        DateField("bought_before", "Last purchase on or before"),
        Text("comment", "Comment"),
    ),
    routines=("refresh_segment",),
)
SEGMENT_MEMBERS = InformationRegister(
    "segment_members",
    "Segment members",
    "crm",
    dimensions=(
        Ref("segment", "Segment", target="segments"),
        Ref("partner", "Partner", target="partners"),
    ),
    resources=(
        Money("revenue", "Revenue in the period"),
        DateField("last_purchase", "Last purchase"),
    ),
    writable=False,
)

DECLARED = (SEGMENTS, SEGMENT_MEMBERS)
