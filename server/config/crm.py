"""CRM: deals with a pipeline of stages per deal type, and the statistics of stage changes.

A deal is a record of its own (not posted). Its stage belongs to its type's pipeline
(``within``); moving it records the stage statistics (server/sqlgen/hooks/deal_rules.sql):
when it entered and left each stage, how long it stayed, where it went. A stage whose outcome
is won or lost closes the deal, which is then frozen.
"""

from decimal import Decimal

from server.metadata import (
    Catalog,
    Choice,
    DateField,
    InformationRegister,
    Int,
    Moment,
    Money,
    Number,
    Ref,
    String,
    Table,
    Text,
)

OUTCOMES = (("open", "In progress"), ("won", "Won"), ("lost", "Lost"))
#: Where a partner heard of us, carried to its deals (and through them to orders and sales).
SOURCE = (
    Ref("channel", "Advertising channel", target="ad_channels"),
    Ref("event", "Marketing event", target="marketing_events"),
)
PERCENT = Decimal(100)

AD_CHANNELS = Catalog(
    "ad_channels", "Advertising channels", "marketing", fields=(Text("comment", "Comment"),)
)
MARKETING_EVENTS = Catalog(
    "marketing_events",
    "Marketing events",
    "marketing",
    fields=(
        Ref("channel", "Advertising channel", target="ad_channels"),
        DateField("starts", "Starts"),
        DateField("ends", "Ends"),
        Money("budget", "Budget", nonnegative=True),
        Text("comment", "Comment"),
    ),
)
DEAL_TYPES = Catalog("deal_types", "Deal types", "crm", fields=(Text("comment", "Comment"),))
DEAL_STAGES = Catalog(
    "deal_stages",
    "Deal stages",
    "crm",
    fields=(
        Ref("deal_type", "Deal type", required=True, target="deal_types"),
        Int("sequence", "Order in the pipeline", minimum=0, maximum=1000),
        Number("probability", "Probability, %", nonnegative=True, maximum=PERCENT),
        Choice("outcome", "Outcome", required=True, options=OUTCOMES, default="open"),
    ),
)
LOSS_REASONS = Catalog("loss_reasons", "Loss reasons", "crm")
COMPETITORS = Catalog(
    "competitors",
    "Competitors",
    "crm",
    fields=(String("website", "Website", max_len=200), Text("comment", "Comment")),
)
#: Labels put on partners (their "Tags" section); segments select partners by them.
TAGS = Catalog("tags", "Tags", "crm", fields=(Text("comment", "Comment"),))
PARTICIPANTS = Table(
    "participants",
    (
        String("login", "User", max_len=63),  # a user (a colleague of the manager) by login
        Ref("contact", "Contact person", target="contact_persons"),
        String("role", "Role", max_len=100),
    ),
    "Participants",
)
DEAL_COMPETITORS = Table(
    "competitors",
    (
        Ref("competitor", "Competitor", required=True, target="competitors"),
        String("offer", "Their offer", max_len=500),
        Money("price", "Their price", nonnegative=True),
        Text("notes", "Notes"),
    ),
    "Competitors",
)
DEALS = Catalog(
    "deals",
    "Deals",
    "crm",
    fields=(
        Ref("partner", "Partner", required=True, target="partners"),
        Ref("deal_type", "Deal type", required=True, target="deal_types"),
        Ref("stage", "Stage", required=True, target="deal_stages", within="deal_type"),
        # Suggested by the stage (and the history of closed deals) when it changes; editable.
        Number("probability", "Probability, %", nonnegative=True, maximum=PERCENT),
        Money("amount", "Potential amount", nonnegative=True),
        DateField("close_date", "Expected close"),
        Text("demand", "Primary demand"),
        String("manager", "Manager", max_len=63),  # the login of the responsible manager
        Ref("loss_reason", "Loss reason", target="loss_reasons"),
        *SOURCE,  # the partner's when not given
        Text("comment", "Comment"),
    ),
    triggers=("deal_rules", "partner_source"),
    tables=(PARTICIPANTS, DEAL_COMPETITORS),
)
#: One row per deal and stage it reached: first entered, last left, time spent (days, over
#: every visit), visits, where it went from there, and since when it is in it (this visit).
DEAL_STAGE_STATS = InformationRegister(
    "deal_stage_stats",
    "Deal stage statistics",
    "crm",
    dimensions=(
        Ref("deal", "Deal", target="deals"),
        Ref("stage", "Stage", target="deal_stages"),
    ),
    resources=(
        Moment("entered", "Entered"),
        Moment("since", "This visit since"),
        Moment("left_at", "Left"),
        Number("days", "Days in the stage", nonnegative=True),
        Int("visits", "Visits", minimum=1),
        Choice(
            "result",
            "Result",
            options=(
                ("current", "Current"),
                ("forward", "Moved forward"),
                ("back", "Moved back"),
                ("won", "Won"),
                ("lost", "Lost"),
            ),
        ),
    ),
    writable=False,
)

DECLARED = (
    AD_CHANNELS,
    MARKETING_EVENTS,
    DEAL_TYPES,
    DEAL_STAGES,
    LOSS_REASONS,
    COMPETITORS,
    TAGS,
    DEALS,
    DEAL_STAGE_STATS,
)
