"""``python -m app``: the same as the ``kontora`` command."""

from app.main import main

raise SystemExit(main())
